// SPDX-License-Identifier: Apache-2.0
#include "GoFormat.h"

#include "BuiltinSupport.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <variant>

namespace corral::policy::builtins {

namespace {

// What a Rego operand becomes on the Go side of OPA's sprintf.
struct GoArg
{
    enum class Kind { Int, BigInt, Float, String } kind = Kind::String;
    std::int64_t i = 0;
    std::string big; // decimal digits with optional '-'
    double f = 0;
    std::string s;
};

GoArg convert(const Value& v)
{
    GoArg a;
    if (v.isNumber()) {
        const std::string_view big = v.bigText();
        if (big.empty() && v.asInt64() && v.isInteger()) {
            a.kind = GoArg::Kind::Int;
            a.i = *v.asInt64();
            return a;
        }
        if (!big.empty()) {
            const bool digits = big.find_first_not_of("-0123456789") == std::string_view::npos &&
                                big.find_first_of("0123456789") != std::string_view::npos;
            if (digits) {
                a.kind = GoArg::Kind::BigInt;
                a.big = std::string(big);
                return a;
            }
            const double d = v.asDouble();
            if (std::isinf(d) || std::isnan(d)) {
                a.s = std::string(big);
                return a;
            }
            a.kind = GoArg::Kind::Float;
            a.f = d;
            return a;
        }
        a.kind = GoArg::Kind::Float;
        a.f = v.asDouble();
        return a;
    }
    a.s = v.isString() ? v.asString() : v.toString();
    return a;
}

struct Spec
{
    bool plus = false, minus = false, sharp = false, space = false, zero = false;
    int width = -1;
    int precision = -1;
};

std::size_t runeCount(std::string_view s)
{
    return toRunes(s).size();
}

std::string pad(std::string body, const Spec& spec, bool zeroAllowed = true)
{
    const int len = int(runeCount(body));
    if (spec.width <= len)
        return body;
    const int n = spec.width - len;
    if (spec.minus)
        return body + std::string(std::size_t(n), ' ');
    if (spec.zero && zeroAllowed) {
        // Zeros go after a sign.
        std::size_t at = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
        if (body.compare(at, 2, "0x") == 0 || body.compare(at, 2, "0X") == 0)
            at += 2;
        body.insert(at, std::size_t(n), '0');
        return body;
    }
    return std::string(std::size_t(n), ' ') + body;
}

std::string goValueText(const GoArg& a)
{
    switch (a.kind) {
    case GoArg::Kind::Int:
        return std::to_string(a.i);
    case GoArg::Kind::BigInt:
        return a.big;
    case GoArg::Kind::Float:
        return goFormatFloatShortest(a.f);
    case GoArg::Kind::String:
        return a.s;
    }
    return {};
}

const char* goTypeName(const GoArg& a)
{
    switch (a.kind) {
    case GoArg::Kind::Int:
        return "int";
    case GoArg::Kind::BigInt:
        return "*big.Int";
    case GoArg::Kind::Float:
        return "float64";
    case GoArg::Kind::String:
        return "string";
    }
    return "";
}

std::string badVerb(char verb, const GoArg& a)
{
    if (a.kind == GoArg::Kind::BigInt)
        return std::string("%!") + verb + "(big.Int=" + a.big + ")";
    return std::string("%!") + verb + "(" + goTypeName(a) + "=" + goValueText(a) + ")";
}

// Digits of |value| (given as decimal text without sign) in another base.
std::string convertBase(std::string decimal, int base, bool upper)
{
    if (base == 10)
        return decimal;
    std::string out;
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    while (!(decimal.size() == 1 && decimal[0] == '0') && !decimal.empty()) {
        int rem = 0;
        std::string q;
        for (char c : decimal) {
            const int cur = rem * 10 + (c - '0');
            const int d = cur / base;
            rem = cur % base;
            if (!q.empty() || d != 0)
                q += char('0' + d);
        }
        out += digits[rem];
        decimal = q.empty() ? "0" : q;
    }
    if (out.empty())
        out = "0";
    return std::string(out.rbegin(), out.rend());
}

std::string formatInteger(bool negative, const std::string& magnitude, char verb, const Spec& spec)
{
    int base = 10;
    bool upper = false;
    std::string prefix;
    switch (verb) {
    case 'b':
        base = 2;
        if (spec.sharp)
            prefix = "0b";
        break;
    case 'o':
        base = 8;
        if (spec.sharp)
            prefix = "0";
        break;
    case 'O':
        base = 8;
        prefix = "0o";
        break;
    case 'x':
        base = 16;
        if (spec.sharp)
            prefix = "0x";
        break;
    case 'X':
        base = 16;
        upper = true;
        if (spec.sharp)
            prefix = "0X";
        break;
    default:
        break;
    }
    std::string digits = convertBase(magnitude, base, upper);
    if (spec.precision >= 0) {
        if (spec.precision == 0 && digits == "0")
            digits.clear();
        if (int(digits.size()) < spec.precision)
            digits.insert(0, std::size_t(spec.precision) - digits.size(), '0');
    }
    std::string sign = negative ? "-" : (spec.plus ? "+" : (spec.space ? " " : ""));
    return pad(sign + prefix + digits, spec, spec.precision < 0);
}

std::string formatFloat(double f, char verb, const Spec& spec)
{
    if (verb == 'v' || ((verb == 'g' || verb == 'G') && spec.precision < 0)) {
        std::string body = goFormatFloatShortest(f);
        if (verb == 'G')
            for (char& c : body)
                c = char(std::toupper(static_cast<unsigned char>(c)));
        if (f >= 0 && spec.plus)
            body.insert(0, "+");
        else if (f >= 0 && spec.space)
            body.insert(0, " ");
        return pad(body, spec);
    }
    std::string fmt = "%";
    if (spec.plus)
        fmt += '+';
    if (spec.space)
        fmt += ' ';
    if (spec.sharp)
        fmt += '#';
    fmt += '.';
    fmt += std::to_string(spec.precision >= 0 ? spec.precision : 6);
    fmt += verb == 'F' ? 'f' : verb;
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, fmt.c_str(), f);
    std::string body = n > 0 && n < int(sizeof buf) ? std::string(buf, std::size_t(n)) : goFormatFloatShortest(f);
    return pad(body, spec);
}

std::string formatString(const std::string& s, char verb, const Spec& spec)
{
    switch (verb) {
    case 's':
    case 'v': {
        std::string body = s;
        if (spec.precision >= 0) {
            const std::u32string r = toRunes(s);
            if (int(r.size()) > spec.precision)
                body = fromRunes(std::u32string_view(r).substr(0, std::size_t(spec.precision)));
        }
        return pad(body, spec);
    }
    case 'q':
        return pad(goQuote(s), spec);
    case 'x':
    case 'X': {
        const char* digits = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        std::string body;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (spec.space && i > 0)
                body += ' ';
            if (spec.sharp && (spec.space || i == 0))
                body += verb == 'X' ? "0X" : "0x";
            const auto b = static_cast<unsigned char>(s[i]);
            body += digits[b >> 4];
            body += digits[b & 15];
        }
        return pad(body, spec);
    }
    default:
        return {};
    }
}

std::string formatOne(const GoArg& a, char verb, const Spec& spec)
{
    switch (a.kind) {
    case GoArg::Kind::Int: {
        const bool neg = a.i < 0;
        const std::string mag = neg ? std::to_string(a.i).substr(1) : std::to_string(a.i);
        switch (verb) {
        case 'd':
        case 'v':
        case 'b':
        case 'o':
        case 'O':
        case 'x':
        case 'X':
            return formatInteger(neg, mag, verb, spec);
        case 'c':
            return pad(fromRunes(std::u32string(1, char32_t(a.i))), spec);
        case 'U': {
            char buf[32];
            std::snprintf(buf, sizeof buf, "U+%04llX", static_cast<unsigned long long>(a.i));
            return pad(buf, spec);
        }
        case 'q':
            return pad("'" + fromRunes(std::u32string(1, char32_t(a.i))) + "'", spec);
        default:
            return badVerb(verb, a);
        }
    }
    case GoArg::Kind::BigInt: {
        const bool neg = !a.big.empty() && a.big[0] == '-';
        const std::string mag = neg ? a.big.substr(1) : a.big;
        switch (verb) {
        case 'd':
        case 's':
        case 'v':
        case 'b':
        case 'o':
        case 'O':
        case 'x':
        case 'X':
            return formatInteger(neg, mag, verb == 's' || verb == 'v' ? 'd' : verb, spec);
        default:
            return badVerb(verb, a);
        }
    }
    case GoArg::Kind::Float:
        switch (verb) {
        case 'v':
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
            return formatFloat(a.f, verb, spec);
        default:
            return badVerb(verb, a);
        }
    case GoArg::Kind::String:
        switch (verb) {
        case 's':
        case 'v':
        case 'q':
        case 'x':
        case 'X':
            return formatString(a.s, verb, spec);
        default:
            return badVerb(verb, a);
        }
    }
    return {};
}

} // namespace

std::string goFormatFloatShortest(double d)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d < 0 ? "-Inf" : "+Inf";
    if (d == 0)
        return std::signbit(d) ? "-0" : "0";
    // Shortest digits and decimal exponent, then Go's %g rule for the shortest form:
    // exponent notation when the exponent is < -4 or >= 6 (so 1e+06, but 999999.5).
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, r.ptr);
    const std::size_t epos = sci.find('e');
    const int exp = std::atoi(sci.c_str() + epos + 1);
    std::string mant = sci.substr(0, epos);
    const bool neg = mant[0] == '-';
    if (neg)
        mant.erase(0, 1);
    std::string digits;
    for (char c : mant)
        if (c != '.')
            digits += c;
    std::string out;
    if (exp < -4 || exp >= 6) {
        out = digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += e;
    } else if (exp < 0) {
        out = "0." + std::string(std::size_t(-exp - 1), '0') + digits;
    } else if (std::size_t(exp) + 1 >= digits.size()) {
        out = digits + std::string(std::size_t(exp) + 1 - digits.size(), '0');
    } else {
        out = digits.substr(0, std::size_t(exp) + 1) + "." + digits.substr(std::size_t(exp) + 1);
    }
    return neg ? "-" + out : out;
}

std::string goQuote(std::string_view s)
{
    std::string out = "\"";
    const std::u32string runes = toRunes(s);
    for (char32_t c : runes) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\a':
            out += "\\a";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\v':
            out += "\\v";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
                out += buf;
            } else {
                out += fromRunes(std::u32string(1, c));
            }
        }
    }
    return out + "\"";
}

std::string goSprintf(std::string_view format, const ValueVector& values)
{
    std::vector<GoArg> args;
    args.reserve(values.size());
    for (const Value& v : values)
        args.push_back(convert(v));
    std::string out;
    std::size_t argi = 0;
    std::size_t i = 0;
    bool reordered = false;
    while (i < format.size()) {
        const char c = format[i];
        if (c != '%') {
            out += c;
            ++i;
            continue;
        }
        ++i;
        Spec spec;
        for (; i < format.size(); ++i) {
            const char f = format[i];
            if (f == '+')
                spec.plus = true;
            else if (f == '-')
                spec.minus = true;
            else if (f == '#')
                spec.sharp = true;
            else if (f == ' ')
                spec.space = true;
            else if (f == '0')
                spec.zero = !spec.minus;
            else
                break;
        }
        auto readNumber = [&](int& target) {
            int n = -1;
            while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
                n = (n < 0 ? 0 : n) * 10 + (format[i] - '0');
                if (n > 1000000)
                    n = 1000000;
                ++i;
            }
            target = n;
        };
        if (spec.minus)
            spec.zero = false; // '-' wins over '0' wherever it appears
        // An explicit argument index, %[n]v, selects the operand (1-based) and continues from it.
        bool badIndex = false;
        if (i < format.size() && format[i] == '[') {
            reordered = true;
            const std::size_t close = format.find(']', i);
            int index = 0;
            const auto parsed = close == std::string_view::npos
                                    ? std::from_chars_result{nullptr, std::errc::invalid_argument}
                                    : std::from_chars(format.data() + i + 1, format.data() + close, index);
            badIndex = parsed.ec != std::errc() || parsed.ptr != format.data() + close || index < 1 ||
                       std::size_t(index) > args.size();
            if (!badIndex)
                argi = std::size_t(index - 1);
            i = close == std::string_view::npos ? format.size() : close + 1;
        }
        readNumber(spec.width);
        if (i < format.size() && format[i] == '.') {
            ++i;
            readNumber(spec.precision);
            if (spec.precision < 0)
                spec.precision = 0;
        }
        if (i >= format.size()) {
            out += "%!(NOVERB)";
            break;
        }
        const char verb = format[i++];
        if (verb == '%') {
            out += '%';
            continue;
        }
        if (badIndex) {
            out += std::string("%!") + verb + "(BADINDEX)";
            continue;
        }
        if (verb == 'T' && argi < args.size()) {
            out += pad(goTypeName(args[argi++]), spec);
            continue;
        }
        if (argi >= args.size()) {
            out += std::string("%!") + verb + "(MISSING)";
            continue;
        }
        out += formatOne(args[argi++], verb, spec);
    }
    if (!reordered && argi < args.size()) {
        out += "%!(EXTRA ";
        for (std::size_t k = argi; k < args.size(); ++k) {
            if (k > argi)
                out += ", ";
            out += goTypeName(args[k]);
            out += '=';
            out += goValueText(args[k]);
        }
        out += ')';
    }
    return out;
}

} // namespace corral::policy::builtins
