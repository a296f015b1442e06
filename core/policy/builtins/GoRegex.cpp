// SPDX-License-Identifier: Apache-2.0
#include "GoRegex.h"

#include <QHash>
#include <QMutex>

namespace corral::policy::builtins {

namespace {

Error parseError(const QString& what, const QString& detail)
{
    return makeError(QStringLiteral("regex.syntax"),
                     QStringLiteral("error parsing regexp: %1: `%2`").arg(what, detail));
}

bool isQuantifier(QChar c)
{
    return c == QLatin1Char('*') || c == QLatin1Char('+') || c == QLatin1Char('?');
}

// Span of a Go match in UTF-16 positions: start, end per group (-1 when unset).
struct Span
{
    std::vector<qsizetype> idx;
};

// Go's allMatches loop: successive non-overlapping matches; an empty match right after the
// previous match is skipped.
template <typename Fn> void forEachMatch(const QRegularExpression& re, const QString& s, qsizetype n, Fn deliver)
{
    qsizetype pos = 0;
    qsizetype prevEnd = -1;
    qsizetype count = 0;
    while ((n < 0 || count < n) && pos <= s.size()) {
        const QRegularExpressionMatch m = re.match(s, pos);
        if (!m.hasMatch())
            break;
        bool accept = true;
        if (m.capturedEnd(0) == pos) {
            if (m.capturedStart(0) == prevEnd)
                accept = false;
            pos += (pos < s.size() && s[pos].isHighSurrogate() && pos + 1 < s.size()) ? 2 : 1;
        } else {
            pos = m.capturedEnd(0);
        }
        prevEnd = m.capturedEnd(0);
        if (accept) {
            deliver(m);
            ++count;
        }
    }
}

} // namespace

Result<QString> translateGoRegex(const QString& p)
{
    QString out;
    const bool multiline = QRegularExpression(QStringLiteral("\\(\\?[a-zA-Z]*m")).match(p).hasMatch();
    bool inClass = false;
    qsizetype classStart = -1;
    for (qsizetype i = 0; i < p.size(); ++i) {
        const QChar c = p[i];
        if (c == QLatin1Char('\\')) {
            if (i + 1 >= p.size())
                return parseError(QStringLiteral("trailing backslash at end of expression"), QString());
            const QChar e = p[i + 1];
            ++i;
            if (e == QLatin1Char('Q')) {
                // Literal text up to \E, copied as is (PCRE2 has the same construct).
                const qsizetype end = p.indexOf(QStringLiteral("\\E"), i + 1);
                const qsizetype stop = end < 0 ? p.size() : end;
                out += QStringLiteral("\\Q") + p.mid(i + 1, stop - i - 1) + QStringLiteral("\\E");
                i = end < 0 ? p.size() : end + 1;
                continue;
            }
            if (e >= QLatin1Char('1') && e <= QLatin1Char('9') && !(i + 1 < p.size() && p[i + 1].isDigit()))
                return parseError(QStringLiteral("invalid escape sequence"), QStringLiteral("\\") + e);
            if (e.isLetter()) {
                static const QString allowed = QStringLiteral("afnrtvxAbBzdDsSwWpPE");
                if (!allowed.contains(e))
                    return parseError(QStringLiteral("invalid escape sequence"), QStringLiteral("\\") + e);
                if (inClass &&
                    (e == QLatin1Char('b') || e == QLatin1Char('B') || e == QLatin1Char('A') || e == QLatin1Char('z')))
                    return parseError(QStringLiteral("invalid escape sequence"), QStringLiteral("\\") + e);
            }
            if (e == QLatin1Char('v')) {
                out += QStringLiteral("\\x0B"); // RE2's \v is the vertical tab only
            } else if (e == QLatin1Char('s')) {
                out += inClass ? QStringLiteral("\\t\\n\\f\\r ") : QStringLiteral("[\\t\\n\\f\\r ]");
            } else if (e == QLatin1Char('S') && !inClass) {
                out += QStringLiteral("[^\\t\\n\\f\\r ]");
            } else {
                out += c;
                out += e;
            }
            continue;
        }
        if (inClass) {
            if (c == QLatin1Char('[') && i + 1 < p.size() && p[i + 1] == QLatin1Char(':')) {
                const qsizetype end = p.indexOf(QStringLiteral(":]"), i + 2);
                if (end > 0) {
                    out += p.mid(i, end + 2 - i);
                    i = end + 1;
                    continue;
                }
            }
            // A ']' right after '[' or '[^' is a literal.
            if (c == QLatin1Char(']') && i != classStart) {
                inClass = false;
            }
            out += c;
            continue;
        }
        switch (c.unicode()) {
        case '[':
            inClass = true;
            out += c;
            if (i + 1 < p.size() && p[i + 1] == QLatin1Char('^')) {
                out += QLatin1Char('^');
                ++i;
            }
            classStart = i + 1;
            if (classStart < p.size() && p[classStart] == QLatin1Char(']')) {
                out += QStringLiteral("\\]");
                ++i;
            }
            continue;
        case '(':
            if (i + 1 < p.size() && p[i + 1] == QLatin1Char('?')) {
                const QStringView rest = QStringView(p).mid(i + 2);
                if (rest.startsWith(u"P<") || rest.startsWith(u":") ||
                    (rest.startsWith(u"<") && !rest.startsWith(u"<=") && !rest.startsWith(u"<!"))) {
                    out += c;
                    continue;
                }
                // Flag groups: (?flags) or (?flags:...), flags from i, m, s, U and '-'.
                qsizetype j = 0;
                while (j < rest.size() && QStringView(u"imsU-").contains(rest[j]))
                    ++j;
                if (j > 0 && j < rest.size() && (rest[j] == QLatin1Char(')') || rest[j] == QLatin1Char(':'))) {
                    out += c;
                    continue;
                }
                return parseError(QStringLiteral("invalid or unsupported Perl syntax"), p.mid(i, 3));
            }
            out += c;
            continue;
        case '$':
            out += multiline ? QStringLiteral("$") : QStringLiteral("\\z");
            continue;
        case '{': {
            // Repetition counts above 1000 are rejected by RE2.
            static const QRegularExpression rep(QStringLiteral("\\{(\\d+)(,(\\d*))?\\}"));
            const auto m =
                rep.match(p, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            if (m.hasMatch()) {
                if (m.captured(1).toLongLong() > 1000 || m.captured(3).toLongLong() > 1000)
                    return parseError(QStringLiteral("invalid repeat count"), m.captured(0));
                if (!m.captured(3).isEmpty() && m.captured(3).toLongLong() < m.captured(1).toLongLong())
                    return parseError(QStringLiteral("invalid repeat count"), m.captured(0));
                const qsizetype after = i + m.capturedLength(0);
                if (after < p.size() &&
                    (p[after] == QLatin1Char('+') || p[after] == QLatin1Char('*') || p[after] == QLatin1Char('{')))
                    return parseError(QStringLiteral("invalid nested repetition operator"), m.captured(0) + p[after]);
            }
            out += c;
            continue;
        }
        default:
            if (isQuantifier(c) && i + 1 < p.size() &&
                (p[i + 1] == QLatin1Char('+') || p[i + 1] == QLatin1Char('*') ||
                 (p[i + 1] == QLatin1Char('?') && c == QLatin1Char('?') && i + 2 < p.size() &&
                  isQuantifier(p[i + 2])))) {
                // Possessive and doubled quantifiers: RE2 has neither.
                return parseError(QStringLiteral("invalid nested repetition operator"), p.mid(i, 2));
            }
            out += c;
        }
    }
    if (inClass)
        return parseError(QStringLiteral("missing closing ]"), p.mid(classStart - 1));
    return out;
}

Result<QRegularExpression> compileGoRegex(const QString& pattern)
{
    static QMutex mutex;
    static QHash<QString, QRegularExpression> cache;
    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(pattern);
        if (it != cache.constEnd())
            return *it;
    }
    auto translated = translateGoRegex(pattern);
    if (!translated)
        return translated.error();
    QRegularExpression re(*translated);
    if (!re.isValid())
        return makeError(QStringLiteral("regex.syntax"),
                         QStringLiteral("error parsing regexp: %1: `%2`").arg(re.errorString(), pattern));
    re.optimize();
    QMutexLocker lock(&mutex);
    if (cache.size() >= 512)
        cache.clear();
    cache.insert(pattern, re);
    return re;
}

std::vector<QStringList> goFindAll(const QRegularExpression& re, const QString& s, qsizetype n)
{
    std::vector<QStringList> out;
    if (n == 0)
        return out;
    forEachMatch(re, s, n, [&](const QRegularExpressionMatch& m) {
        QStringList groups;
        for (int g = 0; g <= re.captureCount(); ++g)
            groups << (m.capturedStart(g) < 0 ? QString() : m.captured(g));
        out.push_back(groups);
    });
    return out;
}

QStringList goSplit(const QRegularExpression& re, const QString& s, qsizetype n)
{
    if (n == 0)
        return {};
    if (!re.pattern().isEmpty() && s.isEmpty())
        return {QString()};
    std::vector<std::pair<qsizetype, qsizetype>> matches;
    forEachMatch(re, s, n,
                 [&](const QRegularExpressionMatch& m) { matches.emplace_back(m.capturedStart(0), m.capturedEnd(0)); });
    QStringList parts;
    qsizetype beg = 0, end = 0;
    for (const auto& [ms, me] : matches) {
        if (n > 0 && parts.size() == n - 1)
            break;
        end = ms;
        if (me != 0)
            parts << s.mid(beg, end - beg);
        beg = me;
    }
    if (end != s.size())
        parts << s.mid(beg);
    return parts;
}

QString goReplaceAll(const QRegularExpression& re, const QString& s, const QString& tmpl)
{
    const QStringList names = re.namedCaptureGroups();
    const auto expand = [&](const QRegularExpressionMatch& m) {
        QString out;
        qsizetype i = 0;
        while (i < tmpl.size()) {
            const qsizetype dollar = tmpl.indexOf(QLatin1Char('$'), i);
            if (dollar < 0) {
                out += tmpl.mid(i);
                break;
            }
            out += tmpl.mid(i, dollar - i);
            i = dollar + 1;
            if (i < tmpl.size() && tmpl[i] == QLatin1Char('$')) {
                out += QLatin1Char('$');
                ++i;
                continue;
            }
            const bool brace = i < tmpl.size() && tmpl[i] == QLatin1Char('{');
            qsizetype j = brace ? i + 1 : i;
            const qsizetype nameStart = j;
            while (j < tmpl.size() && (tmpl[j].isLetterOrNumber() || tmpl[j] == QLatin1Char('_')))
                ++j;
            const QString name = tmpl.mid(nameStart, j - nameStart);
            if (name.isEmpty() || (brace && (j >= tmpl.size() || tmpl[j] != QLatin1Char('}')))) {
                out += QLatin1Char('$'); // malformed: the '$' is literal
                continue;
            }
            i = brace ? j + 1 : j;
            bool numeric = false;
            const int num = name.toInt(&numeric);
            if (numeric) {
                if (num <= re.captureCount() && m.capturedStart(num) >= 0)
                    out += m.captured(num);
            } else {
                const int idx = int(names.indexOf(name));
                if (idx > 0 && m.capturedStart(idx) >= 0)
                    out += m.captured(idx);
            }
        }
        return out;
    };

    QString out;
    qsizetype lastEnd = 0;
    qsizetype searchPos = 0;
    while (searchPos <= s.size()) {
        const QRegularExpressionMatch m = re.match(s, searchPos);
        if (!m.hasMatch())
            break;
        const qsizetype ms = m.capturedStart(0), me = m.capturedEnd(0);
        out += s.mid(lastEnd, ms - lastEnd);
        // No replacement for an empty match right after another match.
        if (me > lastEnd || ms == 0)
            out += expand(m);
        lastEnd = me;
        const qsizetype width = (searchPos < s.size() && s[searchPos].isHighSurrogate()) ? 2 : 1;
        if (searchPos + width > me)
            searchPos += width;
        else if (searchPos + 1 > me)
            ++searchPos;
        else
            searchPos = me;
    }
    out += s.mid(lastEnd);
    return out;
}

} // namespace corral::policy::builtins
