// SPDX-License-Identifier: Apache-2.0
// Aggregates (count, sum, product, max, min, sort), number functions (abs, round, ceil,
// floor, numbers.range, bits.*, units.*), casts and type tests, array.* and set union/intersection.
#include "BuiltinSupport.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <span>

namespace corral::policy::builtins {

namespace {

using Args = std::span<const Value>;

BuiltinResult aggregateArith(std::string_view name, const Value& coll, bool product)
{
    if (!coll.isArray() && !coll.isSet())
        return typeError(name, QStringLiteral("operand 1 must be one of {set, array} but got %1")
                                   .arg(QString::fromLatin1(coll.typeName())));
    Value acc = Value::integer(product ? 1 : 0);
    for (const Value& v : members(coll)) {
        if (!v.isNumber())
            return elementTypeError(name, 1, coll, "number", v);
        auto next = product ? numberMul(acc, v) : numberAdd(acc, v);
        if (!next)
            return builtinError(name, next.error().message);
        acc = std::move(*next);
    }
    return ok(acc);
}

BuiltinResult extreme(std::string_view name, const Value& coll, bool wantMax)
{
    if (!coll.isArray() && !coll.isSet())
        return typeError(name, QStringLiteral("operand 1 must be one of {set, array} but got %1")
                                   .arg(QString::fromLatin1(coll.typeName())));
    const ValueVector& items = members(coll);
    if (items.empty())
        return undefined();
    const auto it =
        wantMax ? std::max_element(items.begin(), items.end()) : std::min_element(items.begin(), items.end());
    return ok(*it);
}

// round/ceil/floor on a number: integers pass through unchanged.
BuiltinResult rounding(std::string_view name, const Value& v, double (*fn)(double))
{
    if (!v.isNumber())
        return builtinTypeError(name, 1, "number", v);
    if (v.asInt64() && v.bigText().empty())
        return ok(v);
    return ok(Value::number(fn(v.asDouble())));
}

BuiltinResult numbersRange(std::string_view name, Args a, BuiltinContext& ctx, bool stepped)
{
    for (int i = 0; i < (stepped ? 3 : 2); ++i) {
        if (!a[i].isNumber())
            return builtinTypeError(name, i + 1, "number", a[i]);
        if (!a[i].isInteger() || !a[i].asInt64())
            return typeError(
                name, QStringLiteral("operand %1 must be integer number but got floating-point number").arg(i + 1));
    }
    const std::int64_t from = *a[0].asInt64();
    const std::int64_t to = *a[1].asInt64();
    std::int64_t step = 1;
    if (stepped) {
        step = *a[2].asInt64();
        if (step <= 0)
            return builtinError(name, QStringLiteral("step must be a positive integer"));
    }
    const unsigned __int128 span =
        from <= to ? (unsigned __int128)(__int128(to) - from) : (unsigned __int128)(__int128(from) - to);
    // The result is materialised; bound it so a policy cannot exhaust memory.
    constexpr std::int64_t kMaxItems = 1'000'000;
    if (span / std::uint64_t(step) >= std::uint64_t(kMaxItems))
        return builtinError(name, QStringLiteral("range of %1 items is too large")
                                      .arg(QString::number((unsigned long long)(span / std::uint64_t(step)) + 1)));
    ValueVector out;
    const std::int64_t count = std::int64_t(span / std::uint64_t(step)) + 1;
    out.reserve(std::size_t(count));
    for (std::int64_t k = 0; k < count; ++k) {
        if ((k & 0xffff) == 0xffff && ctx.cancelled && ctx.cancelled())
            return builtinError(name, QStringLiteral("cancelled"));
        out.push_back(Value::integer(from <= to ? from + k * step : from - k * step));
    }
    return ok(Value::array(std::move(out)));
}

BuiltinResult toNumber(Args a)
{
    const Value& v = a[0];
    switch (v.type()) {
    case ValueType::Null:
        return ok(Value::integer(0));
    case ValueType::Boolean:
        return ok(Value::integer(v.asBool() ? 1 : 0));
    case ValueType::Number:
        return ok(v);
    case ValueType::String: {
        const std::string& s = v.asString();
        // Go's strconv.ParseFloat: decimal or hex floats, optional sign, Inf/NaN words.
        const char* begin = s.c_str();
        char* end = nullptr;
        errno = 0;
        const double d = s.empty() || std::isspace(static_cast<unsigned char>(s[0])) ? 0 : std::strtod(begin, &end);
        if (s.empty() || end != begin + s.size() || std::isspace(static_cast<unsigned char>(s[0])))
            return builtinError(
                "to_number",
                QStringLiteral("strconv.ParseFloat: parsing %1: invalid syntax").arg(qs(Value::string(s).toJson())));
        if (std::isnan(d) || std::isinf(d)) {
            // Infinity and NaN are not Rego numbers; out-of-range decimals keep their text.
            std::string lower;
            for (char c : s)
                lower += char(std::tolower(static_cast<unsigned char>(c)));
            if (lower.find("inf") != std::string::npos || lower.find("nan") != std::string::npos)
                return typeError("to_number", QStringLiteral("operand 1 must be valid number string but got string"));
        }
        if (auto exact = Value::numberFromText(s))
            return ok(*exact);
        return ok(Value::number(d));
    }
    default:
        return typeError("to_number",
                         QStringLiteral("operand 1 must be one of {null, boolean, number, string} but got %1")
                             .arg(QString::fromLatin1(v.typeName())));
    }
}

BuiltinFn typeTest(ValueType t)
{
    return [t](Args a, BuiltinContext&) -> BuiltinResult { return ok(Value::boolean(a[0].type() == t)); };
}

Result<std::int64_t> int64Operand(std::string_view name, const Value& v, int operand)
{
    if (!v.isNumber())
        return builtinTypeError(name, operand, "number", v);
    if (!v.isInteger() || !v.asInt64())
        return typeError(
            name, QStringLiteral("operand %1 must be integer number but got floating-point number").arg(operand));
    return *v.asInt64();
}

BuiltinFn bitsOp(const char* name, std::int64_t (*op)(std::int64_t, std::int64_t))
{
    return [name, op](Args a, BuiltinContext&) -> BuiltinResult {
        auto x = int64Operand(name, a[0], 1);
        if (!x)
            return x.error();
        auto y = int64Operand(name, a[1], 2);
        if (!y)
            return y.error();
        return ok(Value::integer(op(*x, *y)));
    };
}

BuiltinResult setsOf(std::string_view name, const Value& v, bool unionOp)
{
    if (!v.isSet())
        return builtinTypeError(name, 1, "set", v);
    const ValueVector& sets = v.asSet();
    for (const Value& s : sets)
        if (!s.isSet())
            return elementTypeError(name, 1, v, "set", s);
    if (sets.empty())
        return ok(Value::emptySet());
    const auto less = [](const Value& l, const Value& r) { return Value::compare(l, r) < 0; };
    ValueVector acc = sets.front().asSet();
    for (std::size_t i = 1; i < sets.size(); ++i) {
        ValueVector next;
        const ValueVector& s = sets[i].asSet();
        if (unionOp)
            std::set_union(acc.begin(), acc.end(), s.begin(), s.end(), std::back_inserter(next), less);
        else
            std::set_intersection(acc.begin(), acc.end(), s.begin(), s.end(), std::back_inserter(next), less);
        acc = std::move(next);
    }
    return ok(Value::setSorted(std::move(acc)));
}

// OPA's units.parse / units.parse_bytes: a decimal amount followed by an optional unit.
BuiltinResult parseUnits(std::string_view name, const Value& v, bool bytes)
{
    if (!v.isString())
        return builtinTypeError(name, 1, "string", v);
    std::string s;
    for (char c : v.asString())
        if (c != '"')
            s += bytes ? char(std::tolower(static_cast<unsigned char>(c))) : c;
    if (s.find(' ') != std::string::npos)
        return builtinError(name, QStringLiteral("spaces not allowed in resource strings"));
    std::size_t split = 0;
    while (split < s.size() && (std::isdigit(static_cast<unsigned char>(s[split])) || s[split] == '.'))
        ++split;
    const std::string num = s.substr(0, split);
    std::string unit = s.substr(split);
    if (num.empty())
        return builtinError(name,
                            bytes ? QStringLiteral("no byte amount provided") : QStringLiteral("no amount provided"));
    if (!bytes && unit.size() > 1)
        for (std::size_t i = 1; i < unit.size(); ++i)
            unit[i] = char(std::tolower(static_cast<unsigned char>(unit[i])));
    static const std::pair<const char*, double> bytesUnits[] = {
        {"", 1},         {"kb", 1e3},     {"k", 1e3},      {"kib", 0x1p10}, {"ki", 0x1p10},
        {"mb", 1e6},     {"m", 1e6},      {"mib", 0x1p20}, {"mi", 0x1p20},  {"gb", 1e9},
        {"g", 1e9},      {"gib", 0x1p30}, {"gi", 0x1p30},  {"tb", 1e12},    {"t", 1e12},
        {"tib", 0x1p40}, {"ti", 0x1p40},  {"pb", 1e15},    {"p", 1e15},     {"pib", 0x1p50},
        {"pi", 0x1p50},  {"eb", 1e18},    {"e", 1e18},     {"eib", 0x1p60}, {"ei", 0x1p60}};
    static const std::pair<const char*, double> siUnits[] = {
        {"m", 1e-3},    {"", 1},        {"k", 1e3},     {"K", 1e3},    {"ki", 0x1p10}, {"Ki", 0x1p10}, {"M", 1e6},
        {"mi", 0x1p20}, {"Mi", 0x1p20}, {"g", 1e9},     {"G", 1e9},    {"gi", 0x1p30}, {"Gi", 0x1p30}, {"t", 1e12},
        {"T", 1e12},    {"ti", 0x1p40}, {"Ti", 0x1p40}, {"p", 1e15},   {"P", 1e15},    {"pi", 0x1p50}, {"Pi", 0x1p50},
        {"e", 1e18},    {"E", 1e18},    {"ei", 0x1p60}, {"Ei", 0x1p60}};
    double multiplier = 0;
    for (const auto& [u, m] : bytes ? std::span(bytesUnits) : std::span(siUnits))
        if (unit == u)
            multiplier = m;
    if (multiplier == 0)
        return builtinError(name, bytes ? QStringLiteral("byte unit %1 not recognized").arg(qs(unit))
                                        : QStringLiteral("unit %1 not recognized").arg(qs(unit)));
    char* end = nullptr;
    const double amount = std::strtod(num.c_str(), &end);
    if (end != num.c_str() + num.size())
        return builtinError(name, bytes ? QStringLiteral("could not parse byte amount to a number")
                                        : QStringLiteral("could not parse amount to a number"));
    const double value = amount * multiplier;
    if (bytes)
        return ok(Value::number(std::trunc(value)));
    return ok(Value::number(value));
}

} // namespace

void registerAggregateBuiltins(BuiltinRegistry& r)
{
    r.add("count", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        const Value& v = a[0];
        switch (v.type()) {
        case ValueType::Array:
        case ValueType::Object:
        case ValueType::Set:
            return ok(Value::integer(std::int64_t(v.size())));
        case ValueType::String:
            return ok(Value::integer(std::int64_t(toRunes(v.asString()).size())));
        default:
            return typeError("count", QStringLiteral("operand 1 must be one of {array, object, set, string} but got %1")
                                          .arg(QString::fromLatin1(v.typeName())));
        }
    });
    r.add("sum", 1, [](Args a, BuiltinContext&) { return aggregateArith("sum", a[0], false); });
    r.add("product", 1, [](Args a, BuiltinContext&) { return aggregateArith("product", a[0], true); });
    r.add("max", 1, [](Args a, BuiltinContext&) { return extreme("max", a[0], true); });
    r.add("min", 1, [](Args a, BuiltinContext&) { return extreme("min", a[0], false); });
    r.add("sort", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (a[0].isSet())
            return ok(Value::array(a[0].asSet()));
        if (!a[0].isArray())
            return typeError("sort", QStringLiteral("operand 1 must be one of {set, array} but got %1")
                                         .arg(QString::fromLatin1(a[0].typeName())));
        ValueVector items = a[0].asArray();
        std::stable_sort(items.begin(), items.end());
        return ok(Value::array(std::move(items)));
    });

    r.add("abs", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isNumber())
            return builtinTypeError("abs", 1, "number", a[0]);
        if (const auto i = a[0].asInt64(); i && a[0].bigText().empty() && *i != INT64_MIN)
            return ok(Value::integer(*i < 0 ? -*i : *i));
        const std::string_view big = a[0].bigText();
        if (!big.empty() && big.front() == '-')
            if (auto v = Value::numberFromText(big.substr(1)))
                return ok(*v);
        if (!big.empty())
            return ok(a[0]);
        return ok(Value::number(std::fabs(a[0].asDouble())));
    });
    r.add("round", 1,
          [](Args a, BuiltinContext&) { return rounding("round", a[0], [](double d) { return std::round(d); }); });
    r.add("ceil", 1,
          [](Args a, BuiltinContext&) { return rounding("ceil", a[0], [](double d) { return std::ceil(d); }); });
    r.add("floor", 1,
          [](Args a, BuiltinContext&) { return rounding("floor", a[0], [](double d) { return std::floor(d); }); });
    r.add("numbers.range", 2, [](Args a, BuiltinContext& c) { return numbersRange("numbers.range", a, c, false); });
    r.add("numbers.range_step", 3,
          [](Args a, BuiltinContext& c) { return numbersRange("numbers.range_step", a, c, true); });

    r.add("bits.or", 2, bitsOp("bits.or", [](std::int64_t x, std::int64_t y) { return x | y; }));
    r.add("bits.and", 2, bitsOp("bits.and", [](std::int64_t x, std::int64_t y) { return x & y; }));
    r.add("bits.xor", 2, bitsOp("bits.xor", [](std::int64_t x, std::int64_t y) { return x ^ y; }));
    r.add("bits.lsh", 2, bitsOp("bits.lsh", [](std::int64_t x, std::int64_t y) {
              return y < 0 || y >= 64 ? std::int64_t(0) : std::int64_t(std::uint64_t(x) << y);
          }));
    r.add("bits.rsh", 2, bitsOp("bits.rsh", [](std::int64_t x, std::int64_t y) {
              return y < 0 ? x : (y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
          }));
    r.add("bits.negate", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto x = int64Operand("bits.negate", a[0], 1);
        if (!x)
            return x.error();
        return ok(Value::integer(~*x));
    });

    r.add("units.parse_bytes", 1, [](Args a, BuiltinContext&) { return parseUnits("units.parse_bytes", a[0], true); });
    r.add("units.parse", 1, [](Args a, BuiltinContext&) { return parseUnits("units.parse", a[0], false); });

    r.add("to_number", 1, [](Args a, BuiltinContext&) { return toNumber(a); });
    r.add("is_number", 1, typeTest(ValueType::Number));
    r.add("is_string", 1, typeTest(ValueType::String));
    r.add("is_boolean", 1, typeTest(ValueType::Boolean));
    r.add("is_array", 1, typeTest(ValueType::Array));
    r.add("is_set", 1, typeTest(ValueType::Set));
    r.add("is_object", 1, typeTest(ValueType::Object));
    r.add("is_null", 1, typeTest(ValueType::Null));
    r.add("type_name", 1, [](Args a, BuiltinContext&) -> BuiltinResult { return ok(Value::string(a[0].typeName())); });

    r.add("array.concat", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isArray())
                return builtinTypeError("array.concat", i + 1, "array", a[i]);
        ValueVector out = a[0].asArray();
        out.insert(out.end(), a[1].asArray().begin(), a[1].asArray().end());
        return ok(Value::array(std::move(out)));
    });
    r.add("array.slice", 3, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isArray())
            return builtinTypeError("array.slice", 1, "array", a[0]);
        auto start = int64Operand("array.slice", a[1], 2);
        if (!start)
            return start.error();
        auto stop = int64Operand("array.slice", a[2], 3);
        if (!stop)
            return stop.error();
        const auto& items = a[0].asArray();
        const std::int64_t n = std::int64_t(items.size());
        const std::int64_t from = std::clamp<std::int64_t>(*start, 0, n);
        const std::int64_t to = std::clamp<std::int64_t>(*stop, 0, n);
        if (from >= to)
            return ok(Value::emptyArray());
        return ok(Value::array(ValueVector(items.begin() + from, items.begin() + to)));
    });
    r.add("array.reverse", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isArray())
            return builtinTypeError("array.reverse", 1, "array", a[0]);
        ValueVector out(a[0].asArray().rbegin(), a[0].asArray().rend());
        return ok(Value::array(std::move(out)));
    });

    r.add("union", 1, [](Args a, BuiltinContext&) { return setsOf("union", a[0], true); });
    r.add("intersection", 1, [](Args a, BuiltinContext&) { return setsOf("intersection", a[0], false); });
}

} // namespace corral::policy::builtins
