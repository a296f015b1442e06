// SPDX-License-Identifier: Apache-2.0
// Go (RE2) regular expressions on QRegularExpression (PCRE2): what RE2 rejects (backreferences,
// lookaround, possessive quantifiers) is rejected, dialect differences (`$`, `\s`, `\v`) are
// translated, and FindAll/Split/ReplaceAll follow Go's rules for empty matches.
#pragma once

#include "Result.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <vector>

namespace corral::policy::builtins {

// The PCRE2 pattern for an RE2 pattern; errors read like Go's ("error parsing regexp: ...").
Result<QString> translateGoRegex(const QString& pattern);

// Translates and compiles, with a process-wide cache.
Result<QRegularExpression> compileGoRegex(const QString& pattern);

// Go's FindAllStringSubmatch(s, n): each match as [whole, group1, ...] (unmatched groups
// are empty). n < 0 means all.
std::vector<QStringList> goFindAll(const QRegularExpression& re, const QString& s, qsizetype n);

// Go's Split(s, n).
QStringList goSplit(const QRegularExpression& re, const QString& s, qsizetype n);

// Go's ReplaceAllString(s, template): `$1`, `${1}`, `$name`, `${name}`, `$$`.
QString goReplaceAll(const QRegularExpression& re, const QString& s, const QString& replacement);

} // namespace corral::policy::builtins
