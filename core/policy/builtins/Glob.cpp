// SPDX-License-Identifier: Apache-2.0
#include "Glob.h"

#include <QHash>
#include <QMutex>

namespace corral::policy::builtins {

namespace {

constexpr int kMaxBraceDepth = 32;

QString escapeCodePoint(char32_t c)
{
    return QStringLiteral("\\x{%1}").arg(unsigned(c), 0, 16);
}

class GlobCompiler
{
public:
    GlobCompiler(const QList<char32_t>& delimiters, const QString& pattern)
        : m_runes(pattern.toStdU32String()), m_pattern(pattern)
    {
        if (delimiters.isEmpty()) {
            m_single = QStringLiteral("(?s:.)");
        } else {
            m_single = QStringLiteral("[^");
            for (char32_t d : delimiters)
                m_single += escapeCodePoint(d);
            m_single += QLatin1Char(']');
        }
    }

    Result<QString> compile()
    {
        auto body = sequence(0);
        if (!body)
            return body.error();
        if (m_pos != m_runes.size())
            return error(QStringLiteral("unexpected '%1'").arg(QString::fromUcs4(&m_runes[m_pos], 1)));
        return QStringLiteral("\\A(?:") + *body + QStringLiteral(")\\z");
    }

private:
    Error error(const QString& what) const
    {
        return makeError(QStringLiteral("glob.syntax"), QStringLiteral("%1 in glob pattern %2").arg(what, m_pattern));
    }

    // A sequence up to the end, or (inside braces, depth > 0) up to ',' or '}'.
    Result<QString> sequence(int depth)
    {
        QString out;
        while (m_pos < m_runes.size()) {
            const char32_t c = m_runes[m_pos];
            if (depth > 0 && (c == ',' || c == '}'))
                break;
            switch (c) {
            case '*': {
                qsizetype n = 0;
                while (m_pos < m_runes.size() && m_runes[m_pos] == '*') {
                    ++n;
                    ++m_pos;
                }
                out += n > 1 ? QStringLiteral("(?s:.)*") : m_single + QLatin1Char('*');
                break;
            }
            case '?':
                ++m_pos;
                out += m_single;
                break;
            case '[': {
                auto cls = charClass();
                if (!cls)
                    return cls.error();
                out += *cls;
                break;
            }
            case '{': {
                // Nesting is bounded so that hostile patterns cannot exhaust the stack.
                if (depth >= kMaxBraceDepth)
                    return error(QStringLiteral("alternatives nested too deeply"));
                ++m_pos;
                QStringList alternatives;
                while (true) {
                    auto alt = sequence(depth + 1);
                    if (!alt)
                        return alt.error();
                    alternatives << *alt;
                    if (m_pos >= m_runes.size())
                        return error(QStringLiteral("unclosed '{'"));
                    if (m_runes[m_pos] == '}') {
                        ++m_pos;
                        break;
                    }
                    ++m_pos; // ','
                }
                out += QStringLiteral("(?:") + alternatives.join(QLatin1Char('|')) + QLatin1Char(')');
                break;
            }
            case '\\':
                ++m_pos;
                if (m_pos >= m_runes.size())
                    return error(QStringLiteral("dangling escape"));
                out += escapeCodePoint(m_runes[m_pos++]);
                break;
            default:
                out += escapeCodePoint(c);
                ++m_pos;
            }
        }
        return out;
    }

    Result<QString> charClass()
    {
        ++m_pos; // '['
        bool negate = false;
        if (m_pos < m_runes.size() && m_runes[m_pos] == '!') {
            negate = true;
            ++m_pos;
        }
        QString out = negate ? QStringLiteral("[^") : QStringLiteral("[");
        bool any = false;
        while (m_pos < m_runes.size() && m_runes[m_pos] != ']') {
            char32_t lo = m_runes[m_pos++];
            if (lo == '\\' && m_pos < m_runes.size())
                lo = m_runes[m_pos++];
            if (m_pos + 1 < m_runes.size() && m_runes[m_pos] == '-' && m_runes[m_pos + 1] != ']') {
                const char32_t hi = m_runes[m_pos + 1];
                m_pos += 2;
                if (hi < lo)
                    return error(QStringLiteral("bad range"));
                out += escapeCodePoint(lo) + QLatin1Char('-') + escapeCodePoint(hi);
            } else {
                out += escapeCodePoint(lo);
            }
            any = true;
        }
        if (m_pos >= m_runes.size())
            return error(QStringLiteral("unclosed '['"));
        ++m_pos; // ']'
        if (!any)
            return error(QStringLiteral("empty character class"));
        return out + QLatin1Char(']');
    }

    std::u32string m_runes;
    QString m_pattern;
    QString m_single;
    std::size_t m_pos = 0;
};

} // namespace

Result<QString> globToRegex(const QString& pattern, const QList<char32_t>& delimiters)
{
    return GlobCompiler(delimiters, pattern).compile();
}

Result<bool> globMatch(const QString& pattern, const QList<char32_t>& delimiters, const QString& text)
{
    QString key = pattern + QChar(0);
    for (char32_t d : delimiters)
        key += QString::fromUcs4(&d, 1);
    static QMutex mutex;
    static QHash<QString, QRegularExpression> cache;
    QRegularExpression re;
    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(key);
        if (it != cache.constEnd())
            re = *it;
    }
    if (re.pattern().isEmpty()) {
        auto regex = globToRegex(pattern, delimiters);
        if (!regex)
            return regex.error();
        re = QRegularExpression(*regex);
        if (!re.isValid())
            return makeError(QStringLiteral("glob.syntax"), re.errorString());
        QMutexLocker lock(&mutex);
        if (cache.size() >= 256)
            cache.clear();
        cache.insert(key, re);
    }
    return re.match(text).hasMatch();
}

QString globQuoteMeta(const QString& text)
{
    QString out;
    for (QChar c : text) {
        if (QStringView(u"*?\\[]{}").contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

} // namespace corral::policy::builtins
