// SPDX-License-Identifier: Apache-2.0
// Glob patterns with the syntax OPA's glob.match uses (github.com/gobwas/glob): `*` (any
// run without a delimiter), `**` (any run), `?`, `[abc]`, `[!a-z]`, `{alt1,alt2}` and `\`
// escapes, compiled to an anchored regular expression.
#pragma once

#include "Result.h"

#include <QRegularExpression>
#include <QString>

namespace corral::policy::builtins {

// The regular expression (PCRE2 syntax) equivalent to `pattern` with the given delimiter
// characters; errors name the malformed construct.
Result<QString> globToRegex(const QString& pattern, const QList<char32_t>& delimiters);

// Compiles (with a small cache) and matches the whole of `text`.
Result<bool> globMatch(const QString& pattern, const QList<char32_t>& delimiters, const QString& text);

// gobwas QuoteMeta: backslash before each of * ? \ [ ] { }.
QString globQuoteMeta(const QString& text);

} // namespace corral::policy::builtins
