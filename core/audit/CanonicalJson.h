// SPDX-License-Identifier: Apache-2.0
// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte form of a JSON value that
// audit records are stored, hashed and signed in. Numbers are IEEE doubles printed the
// ECMAScript way, object keys sorted by UTF-16 code units, strings minimally escaped.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QStringView>

namespace corral::audit {

// Error codes: "jcs.number" (NaN or infinity, which JSON cannot carry), "jcs.string" (a
// lone UTF-16 surrogate, which is not Unicode), "jcs.parse" (text that is not JSON).
Result<QByteArray> canonicalJson(const QJsonValue& value);
// Parses `json` and returns its canonical form.
Result<QByteArray> canonicalizeJson(QByteArrayView json);

// Pieces for callers that assemble canonical objects themselves (audit records).
Result<void> appendCanonicalJson(QByteArray& out, const QJsonValue& value);
Result<void> appendCanonicalString(QByteArray& out, QStringView text);
// ECMAScript Number::toString of `value` (RFC 8785 section 3.2.2.3); "jcs.number" for
// NaN and infinities.
Result<QByteArray> canonicalNumber(double value);
// RFC 8785 property order: lexicographic by UTF-16 code unit.
bool jcsKeyLess(QStringView a, QStringView b);

} // namespace corral::audit
