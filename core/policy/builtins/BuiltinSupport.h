// SPDX-License-Identifier: Apache-2.0
// Shared plumbing for the standard built-ins: results, OPA's operand error wording, UTF-8
// helpers, and the per-family registration functions registerStandardBuiltins() calls.
#pragma once

#include "policy/Builtins.h"

#include <QString>
#include <string>
#include <string_view>

namespace corral::policy::builtins {

inline BuiltinResult ok(Value v)
{
    return BuiltinOutput(std::move(v));
}

inline BuiltinResult undefined()
{
    return BuiltinOutput();
}

inline QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

inline std::string utf8(const QString& s)
{
    return s.toStdString();
}

inline Value str(const QString& s)
{
    return Value::string(s.toStdString());
}

// "NAME: operand N must be one of {a, b} but got T" and friends (eval_type_error).
inline Error typeError(std::string_view name, const QString& message)
{
    return makeError(QStringLiteral("eval_type_error"), qs(name) + QStringLiteral(": ") + message);
}

// "operand N must be <composite> of <expected>s but got <composite> containing <got>".
inline Error elementTypeError(std::string_view name, int operand, const Value& composite, std::string_view expected,
                              const Value& got)
{
    return typeError(
        name, QStringLiteral("operand %1 must be %2 of %3s but got %2 containing %4")
                  .arg(operand)
                  .arg(QString::fromLatin1(composite.typeName()), qs(expected), QString::fromLatin1(got.typeName())));
}

// The members of an array or a set (sets: in sorted order).
inline const ValueVector& members(const Value& v)
{
    return v.isSet() ? v.asSet() : v.asArray();
}

// Unicode code points of a UTF-8 string (Go's []rune(s)).
std::u32string toRunes(std::string_view s);
std::string fromRunes(std::u32string_view runes);

// An integral number operand that fits an int; errors worded as OPA's IntOperand.
Result<int> intOperand(std::string_view name, const Value& v, int operand);

void registerAggregateBuiltins(BuiltinRegistry& r);
void registerStringBuiltins(BuiltinRegistry& r);
void registerRegexBuiltins(BuiltinRegistry& r);
void registerObjectBuiltins(BuiltinRegistry& r);
void registerEncodingBuiltins(BuiltinRegistry& r);
void registerNetTimeBuiltins(BuiltinRegistry& r);

} // namespace corral::policy::builtins
