// SPDX-License-Identifier: Apache-2.0
// The interface between the Rego evaluator and its built-in functions: what a built-in
// receives (arguments, per-evaluation context), what it returns (a value, undefined, or an
// error), and the registry the compiler and evaluator look names up in.
#pragma once

#include "Value.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace corral::policy {

// State shared by every built-in call of one evaluation (one query or one decision).
struct BuiltinContext
{
    // time.now_ns: fixed once per evaluation, as in OPA.
    std::int64_t nowNs = 0;
    // Strict built-in errors: when set, any error a built-in returns aborts the evaluation;
    // otherwise the evaluator records it and the call is undefined (OPA's default).
    bool strict = false;
    // Seed for rand.* built-ins; equal seeds give equal results within one evaluation.
    std::uint64_t randomSeed = 0;
    // Returns true when the evaluation should stop (deadline, cancellation). Long-running
    // built-ins (e.g. numbers.range over huge ranges, regex over huge input) poll it.
    std::function<bool()> cancelled;
    // Per-evaluation memo for built-ins whose result must be stable within one evaluation
    // (rand.intn, uuid.rfc4122) or that are expensive to recompute; key is up to the built-in.
    std::unordered_map<std::string, Value> cache;
};

// What a built-in call produced: a value, or nothing ("undefined": the expression fails
// without an error, as for a built-in that has no answer for its operands).
using BuiltinOutput = std::optional<Value>;

// Errors use corral::Error with OPA's codes and messages:
//   code "eval_type_error", message "count: operand 1 must be one of {array, object, set, string} but got number"
//   code "eval_builtin_error", message "to_number: strconv.ParseFloat: parsing \"x\": invalid syntax"
// The message starts with the built-in's name. The evaluator adds the location.
using BuiltinResult = Result<BuiltinOutput>;
using BuiltinFn = std::function<BuiltinResult(std::span<const Value> args, BuiltinContext& ctx)>;

inline Error builtinTypeError(std::string_view name, int operand, std::string_view expected, const Value& got)
{
    return makeError(QStringLiteral("eval_type_error"),
                     QStringLiteral("%1: operand %2 must be %3 but got %4")
                         .arg(QString::fromUtf8(name.data(), qsizetype(name.size())))
                         .arg(operand)
                         .arg(QString::fromUtf8(expected.data(), qsizetype(expected.size())))
                         .arg(QString::fromLatin1(got.typeName())));
}

inline Error builtinError(std::string_view name, const QString& message)
{
    return makeError(QStringLiteral("eval_builtin_error"),
                     QString::fromUtf8(name.data(), qsizetype(name.size())) + QStringLiteral(": ") + message);
}

struct BuiltinDecl
{
    std::string name; // dotted: "count", "object.get", "crypto.hmac.sha256"
    int arity = 0;    // number of operands (the result is an extra, optional output argument)
    BuiltinFn fn;
    // Optional, for compile-time type checks of constant operands (rego_type_error):
    // one mask per operand (typeBit(ValueType::String) | ...); empty or kAnyType = anything.
    std::vector<std::uint8_t> argTypes;
    // A relation yields several results (e.g. walk): fn returns an array of them and the
    // evaluator binds the output to each in turn.
    bool relation = false;
    // Non-deterministic built-ins (time.now_ns, rand.*, http.send) are not folded at
    // compile time.
    bool nondeterministic = false;
};

// Built-ins by name. Filled once at start-up, then only read (safe from many threads).
class BuiltinRegistry
{
public:
    // Adds or replaces a built-in.
    void add(BuiltinDecl decl);
    void add(std::string name, int arity, BuiltinFn fn, std::vector<std::uint8_t> argTypes = {});
    const BuiltinDecl* find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name) != nullptr; }
    std::vector<std::string> names() const;

    // The registry with every built-in Corral ships (language operators + standard library),
    // built once.
    static const BuiltinRegistry& standard();

private:
    std::map<std::string, std::shared_ptr<const BuiltinDecl>, std::less<>> m_decls;
};

// The operators the language itself defines, registered by the engine (core/policy/
// Operators.cpp), not by the library: equal, neq, lt, lte, gt, gte, plus, minus, mul, div,
// rem, and, or (set & and |), internal.member_2, internal.member_3, assign, eq, print.
void registerOperatorBuiltins(BuiltinRegistry& registry);

// The standard library (aggregates, strings, regex, glob, objects, sets, types, json,
// encodings, net.cidr, time, semver, numbers, walk, crypto, urlquery, ...), defined in
// core/policy/builtins/.
void registerStandardBuiltins(BuiltinRegistry& registry);

} // namespace corral::policy
