// SPDX-License-Identifier: Apache-2.0
// String built-ins with Go's semantics: positions and lengths count code points (runes),
// trim cutsets are sets of runes, lower/upper follow Unicode case mapping.
#include "BuiltinSupport.h"
#include "GoFormat.h"

#include <algorithm>
#include <cmath>

namespace corral::policy::builtins {

namespace {

using Args = std::span<const Value>;

// Checks that operands [0, n) are strings; returns the first type error.
std::optional<Error> requireStrings(std::string_view name, Args a, int n, int firstOperand = 1)
{
    for (int i = 0; i < n; ++i)
        if (!a[i].isString())
            return builtinTypeError(name, i + firstOperand, "string", a[i]);
    return std::nullopt;
}

bool isGoSpace(char32_t c)
{
    switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

enum class TrimSide { Both, Left, Right };

std::string trimRunes(std::string_view s, const std::u32string& cutset, TrimSide side)
{
    const std::u32string r = toRunes(s);
    std::size_t b = 0, e = r.size();
    const auto inSet = [&](char32_t c) { return cutset.find(c) != std::u32string::npos; };
    if (side != TrimSide::Right)
        while (b < e && inSet(r[b]))
            ++b;
    if (side != TrimSide::Left)
        while (e > b && inSet(r[e - 1]))
            --e;
    return fromRunes(std::u32string_view(r).substr(b, e - b));
}

std::string trimSpace(std::string_view s)
{
    const std::u32string r = toRunes(s);
    std::size_t b = 0, e = r.size();
    while (b < e && isGoSpace(r[b]))
        ++b;
    while (e > b && isGoSpace(r[e - 1]))
        --e;
    return fromRunes(std::u32string_view(r).substr(b, e - b));
}

// Go's strings.Replace with n < 0 (all), including the empty-old rule (insert between runes).
std::string replaceAll(const std::string& s, const std::string& from, const std::string& to)
{
    std::string out;
    if (from.empty()) {
        const std::u32string r = toRunes(s);
        out += to;
        for (char32_t c : r) {
            out += fromRunes(std::u32string(1, c));
            out += to;
        }
        return out;
    }
    std::size_t pos = 0;
    while (true) {
        const std::size_t hit = s.find(from, pos);
        if (hit == std::string::npos)
            break;
        out.append(s, pos, hit - pos);
        out += to;
        pos = hit + from.size();
    }
    out.append(s, pos, std::string::npos);
    return out;
}

// Strings of a string, array or set operand (any_prefix_match and friends).
Result<std::vector<std::string>> stringsOperand(std::string_view name, const Value& v, int operand)
{
    std::vector<std::string> out;
    if (v.isString()) {
        out.push_back(v.asString());
        return out;
    }
    if (!v.isArray() && !v.isSet())
        return typeError(name, QStringLiteral("operand %1 must be one of {string, set, array} but got %2")
                                   .arg(operand)
                                   .arg(QString::fromLatin1(v.typeName())));
    for (const Value& m : members(v)) {
        if (!m.isString())
            return elementTypeError(name, operand, v, "string", m);
        out.push_back(m.asString());
    }
    return out;
}

BuiltinResult anyAffixMatch(std::string_view name, Args a, bool prefix)
{
    auto search = stringsOperand(name, a[0], 1);
    if (!search)
        return search.error();
    auto affixes = stringsOperand(name, a[1], 2);
    if (!affixes)
        return affixes.error();
    for (const std::string& s : *search)
        for (const std::string& x : *affixes)
            if (prefix ? s.starts_with(x) : s.ends_with(x))
                return ok(Value::boolean(true));
    return ok(Value::boolean(false));
}

BuiltinResult concat(Args a)
{
    if (!a[0].isString())
        return builtinTypeError("concat", 1, "string", a[0]);
    if (!a[1].isArray() && !a[1].isSet())
        return typeError("concat", QStringLiteral("operand 2 must be one of {set, array} but got %1")
                                       .arg(QString::fromLatin1(a[1].typeName())));
    std::string out;
    bool first = true;
    for (const Value& m : members(a[1])) {
        if (!m.isString())
            return elementTypeError("concat", 2, a[1], "string", m);
        if (!first)
            out += a[0].asString();
        first = false;
        out += m.asString();
    }
    return ok(Value::string(std::move(out)));
}

BuiltinResult formatInt(Args a)
{
    for (int i = 0; i < 2; ++i)
        if (!a[i].isNumber())
            return builtinTypeError("format_int", i + 1, "number", a[i]);
    const auto base = a[1].asInt64();
    int b = 0;
    if (base && a[1].isInteger() && (*base == 2 || *base == 8 || *base == 10 || *base == 16))
        b = int(*base);
    else
        return typeError("format_int", QStringLiteral("operand 2 must be one of {2, 8, 10, 16}"));
    // Go's big.Float.Int: truncation toward zero.
    std::int64_t i = 0;
    if (const auto exact = a[0].asInt64(); exact && a[0].isInteger()) {
        i = *exact;
    } else {
        const double d = std::trunc(a[0].asDouble());
        if (!(std::fabs(d) < 9.2e18))
            return builtinError("format_int", QStringLiteral("number too large"));
        i = std::int64_t(d);
    }
    const bool neg = i < 0;
    const unsigned long long mag = neg ? 0ull - static_cast<unsigned long long>(i) : static_cast<unsigned long long>(i);
    QString digits = QString::number(mag, b);
    return ok(str(neg ? QLatin1Char('-') + digits : digits));
}

BuiltinResult replaceN(Args a)
{
    if (!a[0].isObject())
        return builtinTypeError("strings.replace_n", 1, "object", a[0]);
    if (!a[1].isString())
        return builtinTypeError("strings.replace_n", 2, "string", a[1]);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& [k, v] : a[0].asObject()) {
        if (!k.isString())
            return typeError("strings.replace_n", QStringLiteral("operand 1 non-string key found in pattern object"));
        if (!v.isString())
            return typeError("strings.replace_n", QStringLiteral("operand 1 non-string value found in pattern object"));
        pairs.emplace_back(k.asString(), v.asString());
    }
    // Go's strings.Replacer: left to right, no overlaps, at each position the first pattern
    // (in key order) that matches wins.
    const std::string& s = a[1].asString();
    std::string out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        bool matched = false;
        for (const auto& [from, to] : pairs) {
            if (s.compare(pos, from.size(), from) == 0 && pos + from.size() <= s.size()) {
                out += to;
                if (from.empty()) {
                    if (pos < s.size())
                        out += s[pos];
                    ++pos;
                } else {
                    pos += from.size();
                }
                matched = true;
                break;
            }
        }
        if (!matched) {
            if (pos < s.size())
                out += s[pos];
            ++pos;
        }
    }
    return ok(Value::string(std::move(out)));
}

BuiltinResult substring(Args a)
{
    if (!a[0].isString())
        return builtinTypeError("substring", 1, "string", a[0]);
    auto start = intOperand("substring", a[1], 2);
    if (!start)
        return start.error();
    const std::u32string r = toRunes(a[0].asString());
    // OPA checks the offset before it looks at the length.
    if (*start >= int(r.size()))
        return ok(Value::string(""));
    if (*start < 0)
        return builtinError("substring", QStringLiteral("negative offset"));
    auto length = intOperand("substring", a[2], 3);
    if (!length)
        return length.error();
    std::size_t upto = r.size();
    if (*length >= 0)
        upto = std::min<std::size_t>(r.size(), std::size_t(*start) + std::size_t(*length));
    return ok(Value::string(fromRunes(std::u32string_view(r).substr(std::size_t(*start), upto - std::size_t(*start)))));
}

std::vector<std::int64_t> runeIndexes(const std::u32string& base, const std::u32string& search, bool all)
{
    std::vector<std::int64_t> out;
    if (search.size() > base.size())
        return out;
    for (std::size_t i = 0; i + search.size() <= base.size(); ++i) {
        if (base.compare(i, search.size(), search) == 0) {
            out.push_back(std::int64_t(i));
            if (!all)
                break;
        }
    }
    return out;
}

} // namespace

void registerStringBuiltins(BuiltinRegistry& r)
{
    r.add("concat", 2, [](Args a, BuiltinContext&) { return concat(a); });
    r.add("contains", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("contains", a, 2))
            return *e;
        return ok(Value::boolean(a[0].asString().find(a[1].asString()) != std::string::npos));
    });
    r.add("startswith", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("startswith", a, 2))
            return *e;
        return ok(Value::boolean(a[0].asString().starts_with(a[1].asString())));
    });
    r.add("endswith", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("endswith", a, 2))
            return *e;
        return ok(Value::boolean(a[0].asString().ends_with(a[1].asString())));
    });
    r.add("lower", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("lower", a, 1))
            return *e;
        return ok(str(qs(a[0].asString()).toLower()));
    });
    r.add("upper", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("upper", a, 1))
            return *e;
        return ok(str(qs(a[0].asString()).toUpper()));
    });
    r.add("split", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("split", a, 2))
            return *e;
        const std::string& s = a[0].asString();
        const std::string& sep = a[1].asString();
        ValueVector out;
        if (sep.empty()) {
            for (char32_t c : toRunes(s))
                out.push_back(Value::string(fromRunes(std::u32string(1, c))));
            return ok(Value::array(std::move(out)));
        }
        std::size_t pos = 0;
        while (true) {
            const std::size_t hit = s.find(sep, pos);
            if (hit == std::string::npos)
                break;
            out.push_back(Value::string(s.substr(pos, hit - pos)));
            pos = hit + sep.size();
        }
        out.push_back(Value::string(s.substr(pos)));
        return ok(Value::array(std::move(out)));
    });
    r.add("replace", 3, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("replace", a, 3))
            return *e;
        return ok(Value::string(replaceAll(a[0].asString(), a[1].asString(), a[2].asString())));
    });
    r.add("strings.replace_n", 2, [](Args a, BuiltinContext&) { return replaceN(a); });
    r.add("strings.reverse", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("strings.reverse", a, 1))
            return *e;
        std::u32string runes = toRunes(a[0].asString());
        std::reverse(runes.begin(), runes.end());
        return ok(Value::string(fromRunes(runes)));
    });
    r.add("strings.count", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("strings.count", a, 2))
            return *e;
        const std::string& s = a[0].asString();
        const std::string& sub = a[1].asString();
        if (sub.empty())
            return ok(Value::integer(std::int64_t(toRunes(s).size()) + 1));
        std::int64_t n = 0;
        for (std::size_t pos = s.find(sub); pos != std::string::npos; pos = s.find(sub, pos + sub.size()))
            ++n;
        return ok(Value::integer(n));
    });
    r.add("strings.any_prefix_match", 2,
          [](Args a, BuiltinContext&) { return anyAffixMatch("strings.any_prefix_match", a, true); });
    r.add("strings.any_suffix_match", 2,
          [](Args a, BuiltinContext&) { return anyAffixMatch("strings.any_suffix_match", a, false); });

    const auto trimFn = [](const char* name, TrimSide side) {
        return [name, side](Args a, BuiltinContext&) -> BuiltinResult {
            if (auto e = requireStrings(name, a, 2))
                return *e;
            return ok(Value::string(trimRunes(a[0].asString(), toRunes(a[1].asString()), side)));
        };
    };
    r.add("trim", 2, trimFn("trim", TrimSide::Both));
    r.add("trim_left", 2, trimFn("trim_left", TrimSide::Left));
    r.add("trim_right", 2, trimFn("trim_right", TrimSide::Right));
    r.add("trim_prefix", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("trim_prefix", a, 2))
            return *e;
        const std::string& s = a[0].asString();
        const std::string& p = a[1].asString();
        return ok(s.starts_with(p) ? Value::string(s.substr(p.size())) : a[0]);
    });
    r.add("trim_suffix", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("trim_suffix", a, 2))
            return *e;
        const std::string& s = a[0].asString();
        const std::string& p = a[1].asString();
        return ok(s.ends_with(p) ? Value::string(s.substr(0, s.size() - p.size())) : a[0]);
    });
    r.add("trim_space", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("trim_space", a, 1))
            return *e;
        return ok(Value::string(trimSpace(a[0].asString())));
    });
    r.add("substring", 3, [](Args a, BuiltinContext&) { return substring(a); });
    r.add("indexof", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("indexof", a, 2))
            return *e;
        if (a[1].asString().empty())
            return builtinError("indexof", QStringLiteral("empty search character"));
        const auto hits = runeIndexes(toRunes(a[0].asString()), toRunes(a[1].asString()), false);
        return ok(Value::integer(hits.empty() ? -1 : hits.front()));
    });
    r.add("indexof_n", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("indexof_n", a, 2))
            return *e;
        if (a[1].asString().empty())
            return builtinError("indexof_n", QStringLiteral("empty search character"));
        ValueVector out;
        for (std::int64_t i : runeIndexes(toRunes(a[0].asString()), toRunes(a[1].asString()), true))
            out.push_back(Value::integer(i));
        return ok(Value::array(std::move(out)));
    });
    r.add("format_int", 2, [](Args a, BuiltinContext&) { return formatInt(a); });
    r.add("sprintf", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("sprintf", 1, "string", a[0]);
        if (!a[1].isArray())
            return builtinTypeError("sprintf", 2, "array", a[1]);
        return ok(Value::string(goSprintf(a[0].asString(), a[1].asArray())));
    });
}

} // namespace corral::policy::builtins
