// SPDX-License-Identifier: Apache-2.0
#include "SanitizerSettings.h"

#include <QJsonArray>

namespace corral::dlp {

Result<SanitizerSettings> SanitizerSettings::fromJson(const QJsonObject& json)
{
    SanitizerSettings s;
    const auto strings = [&](const char* member, QList<QByteArray>& into) -> Result<void> {
        if (!json.contains(QLatin1String(member)))
            return {};
        const QJsonValue value = json.value(QLatin1String(member));
        if (!value.isArray())
            return makeError(QStringLiteral("dlp.settings"),
                             QStringLiteral("\"%1\" must be an array of strings").arg(QLatin1String(member)));
        for (const QJsonValue& v : value.toArray()) {
            if (!v.isString() || v.toString().trimmed().isEmpty())
                return makeError(QStringLiteral("dlp.settings"),
                                 QStringLiteral("\"%1\" must hold non-empty strings").arg(QLatin1String(member)));
            into.append(v.toString().trimmed().toUtf8());
        }
        return {};
    };
    if (Result<void> r = strings("blocked_phrases", s.blockedPhrases); !r)
        return r.error();
    if (Result<void> r = strings("allowed_hosts", s.allowedHosts); !r)
        return r.error();
    for (QByteArray& host : s.allowedHosts)
        host = host.toLower();
    return s;
}

} // namespace corral::dlp
