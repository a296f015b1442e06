// SPDX-License-Identifier: Apache-2.0
// Internal to core/dlp: byte classes and the URL scanner shared by the DLP scanner and the
// response sanitizer. Everything works on UTF-8 bytes; non-ASCII bytes belong only to the
// e-mail classes.
#pragma once

#include <QByteArrayView>
#include <array>
#include <cstdint>

namespace corral::dlp::detail {

enum CharClass : std::uint16_t {
    kDigit = 1 << 0,
    kUpper = 1 << 1,
    kLower = 1 << 2,
    kWord = 1 << 3,       // [A-Za-z0-9_]
    kHex = 1 << 4,        // [0-9A-Fa-f]
    kKeyChar = 1 << 5,    // [A-Za-z0-9_-]: API keys and base64url
    kEmailLocal = 1 << 6, // [A-Za-z0-9._%+-] and non-ASCII
    kDomain = 1 << 7,     // [A-Za-z0-9.-] and non-ASCII
    kUrl = 1 << 8,        // what a URL may contain (RFC 3986 characters and %)
    kSpace = 1 << 9,      // space, tab, CR, LF, FF, VT
    kToken = 1 << 10,     // printable ASCII but quotes, brackets, ',', ';': secrets after a keyword
};

struct CharTable
{
    std::array<std::uint16_t, 256> bits{};
    constexpr CharTable()
    {
        for (int c = 0; c < 256; ++c) {
            std::uint16_t b = 0;
            const bool digit = c >= '0' && c <= '9';
            const bool upper = c >= 'A' && c <= 'Z';
            const bool lower = c >= 'a' && c <= 'z';
            const bool alnum = digit || upper || lower;
            if (digit)
                b |= kDigit;
            if (upper)
                b |= kUpper;
            if (lower)
                b |= kLower;
            if (alnum || c == '_')
                b |= kWord;
            if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
                b |= kHex;
            if (alnum || c == '_' || c == '-')
                b |= kKeyChar;
            // Internationalised addresses (RFC 6531) have UTF-8 local parts and domains.
            if (alnum || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c >= 0x80)
                b |= kEmailLocal;
            if (alnum || c == '.' || c == '-' || c >= 0x80)
                b |= kDomain;
            if (alnum || (c > 32 && c < 127 && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`' &&
                          c != '{' && c != '|' && c != '}'))
                b |= kUrl;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
                b |= kSpace;
            if (c > 32 && c < 127 && c != '"' && c != '\'' && c != '`' && c != ',' && c != ';' && c != '(' &&
                c != ')' && c != '[' && c != ']' && c != '{' && c != '}' && c != '<' && c != '>')
                b |= kToken;
            bits[std::size_t(c)] = b;
        }
    }
};

inline constexpr CharTable kChars;

inline bool is(char c, std::uint16_t mask)
{
    return (kChars.bits[static_cast<unsigned char>(c)] & mask) != 0;
}

inline char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

// A URL found in text: [begin, end) with the host inside it.
struct UrlSpan
{
    qsizetype begin = 0;
    qsizetype end = 0;
    qsizetype hostBegin = 0;
    qsizetype hostEnd = 0;
};

// The URL whose scheme separator "://" is at `colon` (or whose "www." starts at `colon`
// when `www` is true), or begin == end when there is none. Trailing punctuation that ends
// a sentence or closes an unopened parenthesis is not part of the URL.
UrlSpan urlAt(QByteArrayView text, qsizetype colon, bool www);

// True when `host` (lower-cased ASCII) is `allowed`, or for an entry "*.example.com" a
// sub-domain of example.com (the connector allowlists' convention).
bool hostAllowed(QByteArrayView host, QByteArrayView allowed);

} // namespace corral::dlp::detail
