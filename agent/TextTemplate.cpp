// SPDX-License-Identifier: Apache-2.0
#include "TextTemplate.h"

namespace corral::agent {

Result<QString> fillTemplate(const QString& text, const std::function<std::optional<QString>(const QString&)>& lookup)
{
    QString out;
    out.reserve(text.size());
    qsizetype at = 0;
    for (;;) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), at);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0)
            break;
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        // "{{" inside the name means the first braces were literal text.
        if (name.contains(QLatin1Char('{'))) {
            out += text.mid(at, open + 1 - at);
            at = open + 1;
            continue;
        }
        const std::optional<QString> value = lookup(name);
        if (!value)
            return makeError(QStringLiteral("run.template"),
                             QStringLiteral("{{%1}} names nothing this run has").arg(name));
        out += text.mid(at, open - at);
        // Values are inserted as they are: a value holding "{{x}}" is never filled again.
        out += *value;
        at = close + 2;
    }
    out += text.mid(at);
    return out;
}

} // namespace corral::agent
