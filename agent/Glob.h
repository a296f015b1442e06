// SPDX-License-Identifier: Apache-2.0
// Path globs for connector include/exclude settings. `*` matches within one path
// segment, `**` across segments (`**/` also matches no folder at all), `?` one character
// other than '/', `[abc]`, `[a-z]` and `[!x]` one character of a set; everything else is
// literal. Case-sensitive. Matching is linear in pattern x path (no backtracking blow-up).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace corral::agent {

class Glob
{
public:
    explicit Glob(const QString& pattern);

    const QString& pattern() const { return m_pattern; }
    // True when the pattern contains '/', i.e. it is matched against whole paths.
    bool matchesPaths() const { return m_pathPattern; }

    // Matches `path` ('/'-separated, relative), or only its last segment when the
    // pattern has no '/'.
    bool matches(const QString& path) const;

private:
    struct Token
    {
        enum class Kind { Literal, One, Set, Star, GlobStar, AnyFolders };
        Kind kind = Kind::Literal;
        QChar ch;
        QList<QPair<QChar, QChar>> ranges;
        bool negated = false;
    };
    bool matchText(QStringView text) const;

    QString m_pattern;
    bool m_pathPattern = false;
    QList<Token> m_tokens;
};

// True when any glob in `patterns` matches `path`.
bool matchesAny(const QList<Glob>& patterns, const QString& path);
QList<Glob> compileGlobs(const QStringList& patterns);

} // namespace corral::agent
