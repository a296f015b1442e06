// SPDX-License-Identifier: Apache-2.0
// registerStandardBuiltins(): every family of the standard library, plus the UTF-8 and
// operand helpers they share.
#include "BuiltinSupport.h"

namespace corral::policy {

void registerStandardBuiltins(BuiltinRegistry& registry)
{
    builtins::registerAggregateBuiltins(registry);
    builtins::registerStringBuiltins(registry);
    builtins::registerRegexBuiltins(registry);
    builtins::registerObjectBuiltins(registry);
    builtins::registerEncodingBuiltins(registry);
    builtins::registerNetTimeBuiltins(registry);
}

} // namespace corral::policy

namespace corral::policy::builtins {

std::u32string toRunes(std::string_view s)
{
    // Invalid bytes decode to U+FFFD one byte at a time, as Go's range over a string does.
    std::u32string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        char32_t cp = 0xFFFD;
        std::size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c >> 5) == 0x6 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            cp = char32_t(((c & 0x1F) << 6) | (p[i + 1] & 0x3F));
            len = cp >= 0x80 ? 2 : 1;
            if (len == 1)
                cp = 0xFFFD;
        } else if ((c >> 4) == 0xE && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            cp = char32_t(((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F));
            len = (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ? 3 : 1;
            if (len == 1)
                cp = 0xFFFD;
        } else if ((c >> 3) == 0x1E && i + 3 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80 &&
                   (p[i + 3] & 0xC0) == 0x80) {
            cp =
                char32_t(((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F));
            len = (cp >= 0x10000 && cp <= 0x10FFFF) ? 4 : 1;
            if (len == 1)
                cp = 0xFFFD;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string fromRunes(std::u32string_view runes)
{
    std::string out;
    out.reserve(runes.size());
    for (char32_t c : runes) {
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            c = 0xFFFD;
        if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += char(0xE0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        } else {
            out += char(0xF0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3F));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

Result<int> intOperand(std::string_view name, const Value& v, int operand)
{
    if (!v.isNumber())
        return builtinTypeError(name, operand, "number", v);
    const auto i = v.asInt64();
    if (!v.isInteger() || !i || *i < INT32_MIN || *i > INT32_MAX)
        return typeError(
            name, QStringLiteral("operand %1 must be integer number but got floating-point number").arg(operand));
    return int(*i);
}

} // namespace corral::policy::builtins
