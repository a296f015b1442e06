// SPDX-License-Identifier: Apache-2.0
// base64, base64url, hex, urlquery, crypto digests and random values (uuid.rfc4122,
// rand.intn), with Go's decoders' strictness and error wording (encoding/base64,
// encoding/hex, net/url).
#include "BuiltinSupport.h"
#include "crypto/Hash.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <algorithm>

namespace corral::policy::builtins {

namespace {

using Args = std::span<const Value>;

constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64Encode(std::string_view in, const char* alphabet, bool pad)
{
    std::string out;
    std::size_t i = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(in.data());
    for (; i + 3 <= in.size(); i += 3) {
        const unsigned v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    const std::size_t rest = in.size() - i;
    if (rest > 0) {
        unsigned v = p[i] << 16;
        if (rest == 2)
            v |= p[i + 1] << 8;
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        if (rest == 2)
            out += alphabet[(v >> 6) & 63];
        if (pad)
            out += rest == 2 ? "=" : "==";
    }
    return out;
}

// Go's base64 Encoding.DecodeString (non-strict: stray low bits allowed; '\r' and '\n'
// skipped). Errors read "illegal base64 data at input byte N".
Result<std::string> base64Decode(std::string_view in, const char* alphabet, bool padded)
{
    int table[256];
    std::fill(std::begin(table), std::end(table), -1);
    for (int k = 0; k < 64; ++k)
        table[static_cast<unsigned char>(alphabet[k])] = k;
    const auto bad = [](std::size_t at) {
        return makeError(QStringLiteral("base64"), QStringLiteral("illegal base64 data at input byte %1").arg(at));
    };
    std::string out;
    unsigned quantum = 0;
    int have = 0;
    std::size_t i = 0;
    while (i < in.size()) {
        const unsigned char c = static_cast<unsigned char>(in[i]);
        if (c == '\r' || c == '\n') {
            ++i;
            continue;
        }
        if (c == '=' && padded) {
            // Padding may only complete a quantum of 2 or 3 characters and end the input.
            if (have < 2)
                return bad(i);
            int needed = have == 2 ? 2 : 1;
            while (needed > 0) {
                while (i < in.size() && (in[i] == '\r' || in[i] == '\n'))
                    ++i;
                if (i >= in.size())
                    return bad(in.size());
                if (in[i] != '=')
                    return bad(i);
                ++i;
                --needed;
            }
            while (i < in.size() && (in[i] == '\r' || in[i] == '\n'))
                ++i;
            if (i < in.size())
                return bad(i);
            break;
        }
        const int v = table[c];
        if (v < 0)
            return bad(i);
        quantum = (quantum << 6) | unsigned(v);
        if (++have == 4) {
            out += char((quantum >> 16) & 0xff);
            out += char((quantum >> 8) & 0xff);
            out += char(quantum & 0xff);
            quantum = 0;
            have = 0;
        }
        ++i;
    }
    if (have == 1)
        return bad(in.size() - 1);
    if (have > 1 && padded && (in.empty() || in.back() != '='))
        return bad(in.size());
    if (have == 2) {
        out += char((quantum >> 4) & 0xff);
    } else if (have == 3) {
        out += char((quantum >> 10) & 0xff);
        out += char((quantum >> 2) & 0xff);
    }
    return out;
}

BuiltinFn stringFn(const char* name, std::string (*fn)(const std::string&))
{
    return [name, fn](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError(name, 1, "string", a[0]);
        return ok(Value::string(fn(a[0].asString())));
    };
}

std::string toHex(std::string_view bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

int hexDigit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QString goInvalidByte(unsigned char c)
{
    // Go's %#U: U+0067 'g' (the quoted form only for printable characters).
    QString s = QStringLiteral("U+") + QStringLiteral("%1").arg(unsigned(c), 4, 16, QLatin1Char('0')).toUpper();
    if (c >= 0x20 && c < 0x7f)
        s += QStringLiteral(" '") + QChar(c) + QLatin1Char('\'');
    return s;
}

Result<std::string> hexDecode(std::string_view in)
{
    std::string out;
    std::size_t j = 1;
    for (; j < in.size(); j += 2) {
        const int a = hexDigit(static_cast<unsigned char>(in[j - 1]));
        const int b = hexDigit(static_cast<unsigned char>(in[j]));
        if (a < 0)
            return makeError(QStringLiteral("hex"), QStringLiteral("encoding/hex: invalid byte: %1")
                                                        .arg(goInvalidByte(static_cast<unsigned char>(in[j - 1]))));
        if (b < 0)
            return makeError(
                QStringLiteral("hex"),
                QStringLiteral("encoding/hex: invalid byte: %1").arg(goInvalidByte(static_cast<unsigned char>(in[j]))));
        out += char((a << 4) | b);
    }
    if (in.size() % 2 == 1) {
        if (hexDigit(static_cast<unsigned char>(in[j - 1])) < 0)
            return makeError(QStringLiteral("hex"), QStringLiteral("encoding/hex: invalid byte: %1")
                                                        .arg(goInvalidByte(static_cast<unsigned char>(in[j - 1]))));
        return makeError(QStringLiteral("hex"), QStringLiteral("encoding/hex: odd length hex string"));
    }
    return out;
}

// Go's url.QueryEscape.
std::string queryEscape(std::string_view s)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

// Go's url.QueryUnescape: '+' is a space; a bad escape is `invalid URL escape "%zz"`.
Result<std::string> queryUnescape(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= s.size() || hexDigit(static_cast<unsigned char>(s[i + 1])) < 0 ||
                hexDigit(static_cast<unsigned char>(s[i + 2])) < 0) {
                std::string_view bad = s.substr(i, std::min<std::size_t>(3, s.size() - i));
                return makeError(QStringLiteral("url"),
                                 QStringLiteral("invalid URL escape %1").arg(qs(Value::string(bad).toJson())));
            }
            out += char((hexDigit(static_cast<unsigned char>(s[i + 1])) << 4) |
                        hexDigit(static_cast<unsigned char>(s[i + 2])));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

BuiltinResult encodeObject(Args a)
{
    constexpr std::string_view name = "urlquery.encode_object";
    if (!a[0].isObject())
        return builtinTypeError(name, 1, "object", a[0]);
    // url.Values.Encode(): keys sorted, values in the order given.
    std::vector<std::pair<std::string, std::vector<std::string>>> values;
    for (const auto& [k, v] : a[0].asObject()) {
        if (!k.isString())
            return builtinError(name, QStringLiteral("all keys must be strings"));
        std::vector<std::string> list;
        if (v.isString()) {
            list.push_back(v.asString());
        } else if (v.isArray() || v.isSet()) {
            for (const Value& m : members(v)) {
                if (!m.isString())
                    return builtinError(name,
                                        QStringLiteral("all values must be string, array[string], or set[string]"));
                list.push_back(m.asString());
            }
        } else {
            return builtinError(name, QStringLiteral("all values must be string, array[string], or set[string]"));
        }
        values.emplace_back(k.asString(), std::move(list));
    }
    std::sort(values.begin(), values.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::string out;
    for (const auto& [k, list] : values) {
        for (const std::string& v : list) {
            if (!out.empty())
                out += '&';
            out += queryEscape(k) + '=' + queryEscape(v);
        }
    }
    return ok(Value::string(std::move(out)));
}

BuiltinResult decodeObject(Args a)
{
    constexpr std::string_view name = "urlquery.decode_object";
    if (!a[0].isString())
        return builtinTypeError(name, 1, "string", a[0]);
    // url.ParseQuery: '&'-separated, ';' rejected, empty pieces skipped.
    std::vector<std::pair<std::string, std::vector<std::string>>> values;
    const std::string& s = a[0].asString();
    std::size_t pos = 0;
    while (pos <= s.size()) {
        std::size_t amp = s.find('&', pos);
        if (amp == std::string::npos)
            amp = s.size();
        const std::string_view piece(s.data() + pos, amp - pos);
        pos = amp + 1;
        if (piece.empty())
            continue;
        if (piece.find(';') != std::string_view::npos)
            return builtinError(name, QStringLiteral("invalid semicolon separator in query"));
        const std::size_t eq = piece.find('=');
        auto key = queryUnescape(piece.substr(0, eq));
        if (!key)
            return builtinError(name, key.error().message);
        auto value = queryUnescape(eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1));
        if (!value)
            return builtinError(name, value.error().message);
        auto it = std::find_if(values.begin(), values.end(), [&](const auto& p) { return p.first == *key; });
        if (it == values.end())
            values.emplace_back(*key, std::vector<std::string>{*value});
        else
            it->second.push_back(*value);
    }
    ObjectItems items;
    for (auto& [k, list] : values) {
        ValueVector arr;
        for (auto& v : list)
            arr.push_back(Value::string(std::move(v)));
        items.emplace_back(Value::string(k), Value::array(std::move(arr)));
    }
    return ok(Value::object(std::move(items)));
}

BuiltinFn digest(const char* name, QCryptographicHash::Algorithm algorithm)
{
    return [name, algorithm](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError(name, 1, "string", a[0]);
        const std::string& s = a[0].asString();
        const QByteArray d = QCryptographicHash::hash(QByteArrayView(s.data(), qsizetype(s.size())), algorithm);
        return ok(Value::string(d.toHex().toStdString()));
    };
}

BuiltinFn hmac(const char* name, QCryptographicHash::Algorithm algorithm)
{
    return [name, algorithm](Args a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isString())
                return builtinTypeError(name, i + 1, "string", a[i]);
        const std::string& msg = a[0].asString();
        const std::string& key = a[1].asString();
        QByteArray mac;
        if (algorithm == QCryptographicHash::Sha256)
            mac = crypto::hmacSha256(QByteArrayView(key.data(), qsizetype(key.size())),
                                     QByteArrayView(msg.data(), qsizetype(msg.size())));
        else
            mac = QMessageAuthenticationCode::hash(QByteArray(msg.data(), qsizetype(msg.size())),
                                                   QByteArray(key.data(), qsizetype(key.size())), algorithm);
        return ok(Value::string(mac.toHex().toStdString()));
    };
}

} // namespace

void registerEncodingBuiltins(BuiltinRegistry& r)
{
    r.add("base64.encode", 1,
          stringFn("base64.encode", [](const std::string& s) { return base64Encode(s, kStd, true); }));
    r.add("base64url.encode", 1,
          stringFn("base64url.encode", [](const std::string& s) { return base64Encode(s, kUrl, true); }));
    r.add("base64url.encode_no_pad", 1,
          stringFn("base64url.encode_no_pad", [](const std::string& s) { return base64Encode(s, kUrl, false); }));
    r.add("base64.decode", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("base64.decode", 1, "string", a[0]);
        auto d = base64Decode(a[0].asString(), kStd, true);
        if (!d)
            return builtinError("base64.decode", d.error().message);
        return ok(Value::string(std::move(*d)));
    });
    r.add("base64.is_valid", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("base64.is_valid", 1, "string", a[0]);
        return ok(Value::boolean(base64Decode(a[0].asString(), kStd, true).ok()));
    });
    r.add("base64url.decode", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("base64url.decode", 1, "string", a[0]);
        // Unpadded input (length not a multiple of 4) is read with the raw alphabet.
        const std::string& s = a[0].asString();
        auto d = base64Decode(s, kUrl, s.size() % 4 == 0);
        if (!d)
            return builtinError("base64url.decode", d.error().message);
        return ok(Value::string(std::move(*d)));
    });
    r.add("hex.encode", 1, stringFn("hex.encode", [](const std::string& s) { return toHex(s); }));
    r.add("hex.decode", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("hex.decode", 1, "string", a[0]);
        auto d = hexDecode(a[0].asString());
        if (!d)
            return builtinError("hex.decode", d.error().message);
        return ok(Value::string(std::move(*d)));
    });
    r.add("urlquery.encode", 1, stringFn("urlquery.encode", [](const std::string& s) { return queryEscape(s); }));
    r.add("urlquery.decode", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("urlquery.decode", 1, "string", a[0]);
        auto d = queryUnescape(a[0].asString());
        if (!d)
            return builtinError("urlquery.decode", d.error().message);
        return ok(Value::string(std::move(*d)));
    });
    r.add("urlquery.encode_object", 1, [](Args a, BuiltinContext&) { return encodeObject(a); });
    r.add("urlquery.decode_object", 1, [](Args a, BuiltinContext&) { return decodeObject(a); });

    r.add("crypto.sha256", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("crypto.sha256", 1, "string", a[0]);
        const std::string& s = a[0].asString();
        return ok(
            Value::string(crypto::sha256Bytes(QByteArrayView(s.data(), qsizetype(s.size()))).toHex().toStdString()));
    });
    r.add("crypto.md5", 1, digest("crypto.md5", QCryptographicHash::Md5));
    r.add("crypto.sha1", 1, digest("crypto.sha1", QCryptographicHash::Sha1));
    r.add("crypto.hmac.sha256", 2, hmac("crypto.hmac.sha256", QCryptographicHash::Sha256));
    r.add("crypto.hmac.md5", 2, hmac("crypto.hmac.md5", QCryptographicHash::Md5));
    r.add("crypto.hmac.sha1", 2, hmac("crypto.hmac.sha1", QCryptographicHash::Sha1));
    r.add("crypto.hmac.sha512", 2, hmac("crypto.hmac.sha512", QCryptographicHash::Sha512));
    // Random values are drawn once per evaluation and operand, so repeated calls agree (OPA).
    BuiltinDecl uuid;
    uuid.name = "uuid.rfc4122";
    uuid.arity = 1;
    uuid.nondeterministic = true;
    uuid.fn = [](Args a, BuiltinContext& ctx) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("uuid.rfc4122", 1, "string", a[0]);
        const std::string key = "uuid.rfc4122:" + a[0].asString();
        if (const auto it = ctx.cache.find(key); it != ctx.cache.end())
            return ok(it->second);
        QByteArray b = crypto::randomBytes(16);
        b[6] = char((b[6] & 0x0f) | 0x40); // version 4
        b[8] = char((b[8] & 0x3f) | 0x80); // RFC 4122 variant
        const std::string hex = b.toHex().toStdString();
        const Value v = Value::string(hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
                                      hex.substr(16, 4) + "-" + hex.substr(20));
        ctx.cache.emplace(key, v);
        return ok(v);
    };
    r.add(std::move(uuid));
    BuiltinDecl intn;
    intn.name = "rand.intn";
    intn.arity = 2;
    intn.nondeterministic = true;
    intn.fn = [](Args a, BuiltinContext& ctx) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("rand.intn", 1, "string", a[0]);
        auto n = intOperand("rand.intn", a[1], 2);
        if (!n)
            return n.error();
        const std::int64_t bound = *n < 0 ? -std::int64_t(*n) : *n;
        if (bound == 0)
            return ok(Value::integer(0));
        const std::string key = "rand.intn:" + a[0].asString() + ":" + std::to_string(*n);
        if (const auto it = ctx.cache.find(key); it != ctx.cache.end())
            return ok(it->second);
        std::uint64_t raw = 0;
        crypto::randomFill(&raw, sizeof raw);
        const Value v = Value::integer(std::int64_t(raw % std::uint64_t(bound)));
        ctx.cache.emplace(key, v);
        return ok(v);
    };
    r.add(std::move(intn));

    r.add("crypto.hmac.equal", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isString())
                return builtinTypeError("crypto.hmac.equal", i + 1, "string", a[i]);
        const std::string& x = a[0].asString();
        const std::string& y = a[1].asString();
        return ok(Value::boolean(crypto::constantTimeEquals(QByteArrayView(x.data(), qsizetype(x.size())),
                                                            QByteArrayView(y.data(), qsizetype(y.size())))));
    });
}

} // namespace corral::policy::builtins
