// SPDX-License-Identifier: Apache-2.0
#include "Glob.h"

#include <vector>

namespace corral::agent {

Glob::Glob(const QString& pattern) : m_pattern(pattern), m_pathPattern(pattern.contains(QLatin1Char('/')))
{
    const qsizetype n = pattern.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = pattern[i];
        Token t;
        if (c == QLatin1Char('*')) {
            if (i + 1 < n && pattern[i + 1] == QLatin1Char('*')) {
                ++i;
                const bool atSegmentStart = i == 1 || pattern[i - 2] == QLatin1Char('/');
                if (atSegmentStart && i + 1 < n && pattern[i + 1] == QLatin1Char('/')) {
                    ++i;
                    t.kind = Token::Kind::AnyFolders;
                } else {
                    t.kind = Token::Kind::GlobStar;
                }
            } else {
                t.kind = Token::Kind::Star;
            }
        } else if (c == QLatin1Char('?')) {
            t.kind = Token::Kind::One;
        } else if (c == QLatin1Char('[')) {
            // A set runs to the next ']' (a ']' right after '[' or '[!' is a member); an
            // unclosed '[' is a literal.
            qsizetype j = i + 1;
            bool negated = false;
            if (j < n && (pattern[j] == QLatin1Char('!') || pattern[j] == QLatin1Char('^'))) {
                negated = true;
                ++j;
            }
            const qsizetype first = j;
            if (j < n && pattern[j] == QLatin1Char(']'))
                ++j;
            while (j < n && pattern[j] != QLatin1Char(']'))
                ++j;
            if (j >= n) {
                t.kind = Token::Kind::Literal;
                t.ch = c;
            } else {
                t.kind = Token::Kind::Set;
                t.negated = negated;
                for (qsizetype k = first; k < j; ++k) {
                    if (k + 2 < j && pattern[k + 1] == QLatin1Char('-')) {
                        t.ranges.append({pattern[k], pattern[k + 2]});
                        k += 2;
                    } else {
                        t.ranges.append({pattern[k], pattern[k]});
                    }
                }
                i = j;
            }
        } else {
            t.kind = Token::Kind::Literal;
            t.ch = c;
        }
        m_tokens.append(t);
    }
}

bool Glob::matchText(QStringView text) const
{
    // reach[j]: the tokens consumed so far can match text[0, j).
    const qsizetype n = text.size();
    std::vector<char> reach(n + 1, 0);
    std::vector<char> next(n + 1, 0);
    reach[0] = 1;
    for (const Token& t : m_tokens) {
        std::fill(next.begin(), next.end(), 0);
        bool any = false;
        for (qsizetype j = 0; j <= n; ++j) {
            if (!reach[j])
                continue;
            switch (t.kind) {
            case Token::Kind::Literal:
                if (j < n && text[j] == t.ch)
                    next[j + 1] = 1;
                break;
            case Token::Kind::One:
                if (j < n && text[j] != QLatin1Char('/'))
                    next[j + 1] = 1;
                break;
            case Token::Kind::Set:
                if (j < n && text[j] != QLatin1Char('/')) {
                    bool in = false;
                    for (const auto& r : t.ranges)
                        in = in || (text[j] >= r.first && text[j] <= r.second);
                    if (in != t.negated)
                        next[j + 1] = 1;
                }
                break;
            case Token::Kind::Star:
                next[j] = 1;
                for (qsizetype k = j; k < n && text[k] != QLatin1Char('/'); ++k)
                    next[k + 1] = 1;
                break;
            case Token::Kind::GlobStar:
                for (qsizetype k = j; k <= n; ++k)
                    next[k] = 1;
                break;
            case Token::Kind::AnyFolders:
                next[j] = 1;
                for (qsizetype k = j; k < n; ++k) {
                    if (text[k] == QLatin1Char('/'))
                        next[k + 1] = 1;
                }
                break;
            }
        }
        for (char v : next)
            any = any || v;
        if (!any)
            return false;
        reach.swap(next);
    }
    return reach[n];
}

bool Glob::matches(const QString& path) const
{
    if (m_pathPattern)
        return matchText(path);
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return matchText(QStringView(path).sliced(slash + 1));
}

bool matchesAny(const QList<Glob>& patterns, const QString& path)
{
    for (const Glob& g : patterns) {
        if (g.matches(path))
            return true;
    }
    return false;
}

QList<Glob> compileGlobs(const QStringList& patterns)
{
    QList<Glob> globs;
    for (const QString& p : patterns)
        globs.append(Glob(p));
    return globs;
}

} // namespace corral::agent
