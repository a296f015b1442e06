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

namespace corral::audit {

namespace {

Error numberError()
{
    return makeError(QStringLiteral("jcs.number"), QStringLiteral("NaN and infinity have no JSON form"));
}

void appendEscapedUtf8(QByteArray& out, const QByteArray& utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default:
            if (c < 0x20) {
                const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                out.append(esc, 6);
            } else {
                out.append(ch);
            }
        }
    }
    out.append('"');
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
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate())
            return makeError(QStringLiteral("jcs.string"), QStringLiteral("lone UTF-16 surrogate U+%1 at index %2")
                                                               .arg(QString::number(c.unicode(), 16).toUpper())
                                                               .arg(i));
    }
    appendEscapedUtf8(out, text.toUtf8());
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
