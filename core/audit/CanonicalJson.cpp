// SPDX-License-Identifier: Apache-2.0
#include "CanonicalJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace corral::audit {

namespace {

Error numberError()
{
    return makeError(QStringLiteral("jcs.number"), QStringLiteral("NaN and infinity have no JSON form"));
}

// Bytes the canonical form of one UTF-16 unit outside a surrogate pair takes (escaped
// or as UTF-8).
qsizetype canonicalUnitSize(char16_t c)
{
    if (c < 0x80) {
        if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
            return 2;
        return c < 0x20 ? 6 : 1;
    }
    return c < 0x800 ? 2 : 3;
}

} // namespace

bool jcsKeyLess(QStringView a, QStringView b)
{
    // QString's operator< orders by code point on some paths; JCS wants raw UTF-16 units,
    // which differ for characters above the BMP versus U+E000..U+FFFF.
    const char16_t* pa = a.utf16();
    const char16_t* pb = b.utf16();
    return std::lexicographical_compare(pa, pa + a.size(), pb, pb + b.size());
}

Result<QByteArray> canonicalNumber(double value)
{
    if (std::isnan(value) || std::isinf(value))
        return numberError();
    if (value == 0)
        return QByteArray("0"); // also -0
    // Shortest round-trip digits, then ECMAScript's layout rules for them.
    char buf[64];
    const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const std::string_view sci(buf, std::size_t(r.ptr - buf));
    const bool negative = sci.front() == '-';
    const std::size_t ePos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(negative ? 1 : 0, ePos - (negative ? 1 : 0)))
        if (c != '.')
            digits.push_back(c);
    const int exponent = std::atoi(std::string(sci.substr(ePos + 1)).c_str());
    const int k = int(digits.size());
    const int n = exponent + 1; // value = 0.digits * 10^n

    QByteArray out;
    if (negative)
        out.append('-');
    if (k <= n && n <= 21) {
        out.append(digits.data(), k);
        out.append(QByteArray(n - k, '0'));
    } else if (0 < n && n <= 21) {
        out.append(digits.data(), n);
        out.append('.');
        out.append(digits.data() + n, k - n);
    } else if (-6 < n && n <= 0) {
        out.append("0.");
        out.append(QByteArray(-n, '0'));
        out.append(digits.data(), k);
    } else {
        out.append(digits[0]);
        if (k > 1) {
            out.append('.');
            out.append(digits.data() + 1, k - 1);
        }
        out.append('e');
        out.append(n - 1 >= 0 ? '+' : '-');
        out.append(QByteArray::number(std::abs(n - 1)));
    }
    return out;
}

Result<void> appendCanonicalString(QByteArray& out, QStringView text)
{
    // Two passes straight from UTF-16 (this runs for every key and string of every audit
    // record): the first checks for lone surrogates and sizes the output, the second
    // writes UTF-8 with JSON's minimal escapes into it, without temporaries.
    const char16_t* units = text.utf16();
    const qsizetype n = text.size();
    qsizetype size = 2;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = units[i];
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(units[i + 1])) {
            size += 4;
            ++i;
            continue;
        }
        if (QChar::isSurrogate(c))
            return makeError(
                QStringLiteral("jcs.string"),
                QStringLiteral("lone UTF-16 surrogate U+%1 at index %2").arg(QString::number(c, 16).toUpper()).arg(i));
        size += canonicalUnitSize(c);
    }
    static const char hex[] = "0123456789abcdef";
    const qsizetype start = out.size();
    out.resize(start + size);
    char* p = out.data() + start;
    *p++ = '"';
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = units[i];
        if (c < 0x80) {
            switch (c) {
            case '"':
                *p++ = '\\';
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                *p++ = '\\';
                break;
            case '\b':
                *p++ = '\\';
                *p++ = 'b';
                break;
            case '\f':
                *p++ = '\\';
                *p++ = 'f';
                break;
            case '\n':
                *p++ = '\\';
                *p++ = 'n';
                break;
            case '\r':
                *p++ = '\\';
                *p++ = 'r';
                break;
            case '\t':
                *p++ = '\\';
                *p++ = 't';
                break;
            default:
                if (c < 0x20) {
                    const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                    std::memcpy(p, esc, 6);
                    p += 6;
                } else {
                    *p++ = char(c);
                }
            }
        } else if (c < 0x800) {
            *p++ = char(0xc0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isHighSurrogate(c)) {
            const char32_t u = QChar::surrogateToUcs4(c, units[++i]);
            *p++ = char(0xf0 | (u >> 18));
            *p++ = char(0x80 | ((u >> 12) & 0x3f));
            *p++ = char(0x80 | ((u >> 6) & 0x3f));
            *p++ = char(0x80 | (u & 0x3f));
        } else {
            *p++ = char(0xe0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3f));
            *p++ = char(0x80 | (c & 0x3f));
        }
    }
    *p++ = '"';
    return {};
}

Result<void> appendCanonicalJson(QByteArray& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        return {};
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return {};
    case QJsonValue::Double: {
        Result<QByteArray> n = canonicalNumber(value.toDouble());
        if (!n)
            return n.error();
        out.append(*n);
        return {};
    }
    case QJsonValue::String:
        return appendCanonicalString(out, value.toString());
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out.append(',');
            if (Result<void> r = appendCanonicalJson(out, array.at(i)); !r)
                return r;
        }
        out.append(']');
        return {};
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList keys = object.keys();
        std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) { return jcsKeyLess(a, b); });
        out.append('{');
        bool first = true;
        for (const QString& key : keys) {
            if (!first)
                out.append(',');
            first = false;
            if (Result<void> r = appendCanonicalString(out, key); !r)
                return r;
            out.append(':');
            if (Result<void> r = appendCanonicalJson(out, object.value(key)); !r)
                return r;
        }
        out.append('}');
        return {};
    }
    }
    return {};
}

Result<QByteArray> canonicalJson(const QJsonValue& value)
{
    QByteArray out;
    if (Result<void> r = appendCanonicalJson(out, value); !r)
        return r.error();
    return out;
}

Result<QByteArray> canonicalizeJson(QByteArrayView json)
{
    // QJsonDocument only takes objects and arrays at the top; wrapping accepts any value.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + json.toByteArray() + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return makeError(QStringLiteral("jcs.parse"), QStringLiteral("not JSON: %1")
                                                          .arg(error.error != QJsonParseError::NoError
                                                                   ? error.errorString()
                                                                   : QStringLiteral("expected exactly one value")));
    return canonicalJson(doc.array().at(0));
}

} // namespace corral::audit
