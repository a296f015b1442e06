// SPDX-License-Identifier: Apache-2.0
#include "Value.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace corral::policy {

namespace {

using detail::ArrayData;
using detail::ObjectData;
using detail::StringData;

constexpr double kTwo53 = 9007199254740992.0;

bool isIntegerText(std::string_view t)
{
    if (!t.empty() && t[0] == '-')
        t.remove_prefix(1);
    if (t.empty())
        return false;
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Compares two integer decimal texts numerically.
int compareIntegerText(std::string_view a, std::string_view b)
{
    const bool na = !a.empty() && a[0] == '-';
    const bool nb = !b.empty() && b[0] == '-';
    if (na != nb)
        return na ? -1 : 1;
    if (na) {
        a.remove_prefix(1);
        b.remove_prefix(1);
    }
    while (a.size() > 1 && a[0] == '0')
        a.remove_prefix(1);
    while (b.size() > 1 && b[0] == '0')
        b.remove_prefix(1);
    int c = a.size() != b.size() ? (a.size() < b.size() ? -1 : 1) : (a < b ? -1 : (a > b ? 1 : 0));
    return na ? -c : c;
}

template <typename T> int cmp3(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

void hashCombine(std::size_t& seed, std::size_t v)
{
    seed ^= v + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

void appendDouble(std::string& out, double d)
{
    if (std::isnan(d)) {
        out += "NaN";
        return;
    }
    if (std::isinf(d)) {
        out += d < 0 ? "-Inf" : "+Inf";
        return;
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, r.ptr);
}

} // namespace

struct ValueAccess
{
    static Value make(ValueType t, std::shared_ptr<const void> p)
    {
        Value v;
        v.m_type = t;
        v.m_ptr = std::move(p);
        return v;
    }
    static const std::string* big(const Value& v)
    {
        return v.m_numKind == 2 ? &static_cast<const StringData*>(v.m_ptr.get())->s : nullptr;
    }
};

const char* typeName(ValueType t)
{
    switch (t) {
    case ValueType::Null:
        return "null";
    case ValueType::Boolean:
        return "boolean";
    case ValueType::Number:
        return "number";
    case ValueType::String:
        return "string";
    case ValueType::Array:
        return "array";
    case ValueType::Object:
        return "object";
    case ValueType::Set:
        return "set";
    }
    return "unknown";
}

Value Value::boolean(bool b)
{
    Value v;
    v.m_type = ValueType::Boolean;
    v.m_scalar.b = b;
    return v;
}

Value Value::integer(std::int64_t i)
{
    Value v;
    v.m_type = ValueType::Number;
    v.m_scalar.i = i;
    return v;
}

Value Value::number(double d)
{
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= kTwo53)
        return integer(std::int64_t(d));
    Value v;
    v.m_type = ValueType::Number;
    v.m_numKind = 1;
    v.m_scalar.d = d;
    return v;
}

std::optional<Value> Value::numberFromText(std::string_view text)
{
    // JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (i < n && text[i] == '-')
        ++i;
    if (i >= n || !(text[i] >= '0' && text[i] <= '9'))
        return std::nullopt;
    if (text[i] == '0')
        ++i;
    else
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
    bool integral = true;
    if (i < n && text[i] == '.') {
        integral = false;
        ++i;
        if (i >= n || !(text[i] >= '0' && text[i] <= '9'))
            return std::nullopt;
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        integral = false;
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (i >= n || !(text[i] >= '0' && text[i] <= '9'))
            return std::nullopt;
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
    }
    if (i != n)
        return std::nullopt;
    if (integral) {
        std::int64_t iv = 0;
        auto r = std::from_chars(text.data(), text.data() + n, iv);
        if (r.ec == std::errc() && r.ptr == text.data() + n)
            return integer(iv);
    }
    double d = 0;
    auto r = std::from_chars(text.data(), text.data() + n, d);
    if (r.ec == std::errc::result_out_of_range || !std::isfinite(d) || integral) {
        // Too large for a double, or an integer beyond int64: keep the text.
        if (r.ec != std::errc() && r.ec != std::errc::result_out_of_range)
            return std::nullopt;
        if (r.ec == std::errc::result_out_of_range)
            d = text[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        Value v;
        v.m_type = ValueType::Number;
        v.m_numKind = 2;
        v.m_scalar.d = d;
        v.m_ptr = std::make_shared<StringData>(StringData{std::string(text)});
        return v;
    }
    return number(d);
}

Value Value::string(std::string s)
{
    return ValueAccess::make(ValueType::String, std::make_shared<StringData>(StringData{std::move(s)}));
}

Value Value::array(ValueVector items)
{
    return ValueAccess::make(ValueType::Array, std::make_shared<ArrayData>(ArrayData{std::move(items)}));
}

Value Value::object(ObjectItems items)
{
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return compare(a.first, b.first) < 0; });
    // Keep the last of equal keys.
    ObjectItems out;
    out.reserve(items.size());
    for (auto& it : items) {
        if (!out.empty() && out.back().first == it.first)
            out.back().second = std::move(it.second);
        else
            out.push_back(std::move(it));
    }
    return objectSorted(std::move(out));
}

Value Value::objectSorted(ObjectItems items)
{
    return ValueAccess::make(ValueType::Object, std::make_shared<ObjectData>(ObjectData{std::move(items)}));
}

Value Value::set(ValueVector items)
{
    std::sort(items.begin(), items.end(), [](const Value& a, const Value& b) { return compare(a, b) < 0; });
    items.erase(std::unique(items.begin(), items.end()), items.end());
    return setSorted(std::move(items));
}

Value Value::setSorted(ValueVector items)
{
    return ValueAccess::make(ValueType::Set, std::make_shared<ArrayData>(ArrayData{std::move(items)}));
}

Value Value::emptyArray()
{
    static const Value v = array({});
    return v;
}

Value Value::emptyObject()
{
    static const Value v = objectSorted({});
    return v;
}

Value Value::emptySet()
{
    static const Value v = setSorted({});
    return v;
}

bool Value::isInteger() const
{
    if (m_type != ValueType::Number)
        return false;
    if (m_numKind == 0)
        return true;
    if (m_numKind == 2)
        return isIntegerText(*ValueAccess::big(*this));
    return std::isfinite(m_scalar.d) && std::floor(m_scalar.d) == m_scalar.d;
}

std::optional<std::int64_t> Value::asInt64() const
{
    if (m_type != ValueType::Number)
        return std::nullopt;
    if (m_numKind == 0)
        return m_scalar.i;
    if (m_numKind == 1 && std::floor(m_scalar.d) == m_scalar.d && std::fabs(m_scalar.d) < 9.2e18)
        return std::int64_t(m_scalar.d);
    return std::nullopt;
}

double Value::asDouble() const
{
    return m_numKind == 0 ? double(m_scalar.i) : m_scalar.d;
}

std::string_view Value::bigText() const
{
    const std::string* s = ValueAccess::big(*this);
    return s ? std::string_view(*s) : std::string_view();
}

std::size_t Value::size() const
{
    switch (m_type) {
    case ValueType::String:
        return asString().size();
    case ValueType::Array:
    case ValueType::Set:
        return asArray().size();
    case ValueType::Object:
        return asObject().size();
    default:
        return 0;
    }
}

const Value* Value::find(const Value& key) const
{
    switch (m_type) {
    case ValueType::Object: {
        if (key.m_type == ValueType::String)
            return get(key.asString());
        const auto& items = asObject();
        auto it = std::lower_bound(items.begin(), items.end(), key,
                                   [](const auto& item, const Value& k) { return compare(item.first, k) < 0; });
        return it != items.end() && compare(it->first, key) == 0 ? &it->second : nullptr;
    }
    case ValueType::Array: {
        if (key.m_type != ValueType::Number)
            return nullptr;
        auto i = key.asInt64();
        const auto& items = asArray();
        if (!i || *i < 0 || std::uint64_t(*i) >= items.size())
            return nullptr;
        return &items[std::size_t(*i)];
    }
    case ValueType::Set: {
        const auto& items = asSet();
        auto it = std::lower_bound(items.begin(), items.end(), key,
                                   [](const Value& a, const Value& b) { return compare(a, b) < 0; });
        return it != items.end() && compare(*it, key) == 0 ? &*it : nullptr;
    }
    default:
        return nullptr;
    }
}

const Value* Value::get(std::string_view key) const
{
    if (m_type != ValueType::Object)
        return nullptr;
    const auto& items = asObject();
    auto it = std::lower_bound(items.begin(), items.end(), key, [](const auto& item, std::string_view k) {
        if (item.first.m_type != ValueType::String)
            return item.first.m_type < ValueType::String;
        const std::string& s = item.first.asString();
        // Keys mostly differ in their first byte: decide there without a call (bytes compare
        // unsigned, as in the full comparison).
        if (!s.empty() && !k.empty() && s[0] != k[0])
            return static_cast<unsigned char>(s[0]) < static_cast<unsigned char>(k[0]);
        return std::string_view(s) < k;
    });
    if (it != items.end() && it->first.m_type == ValueType::String && it->first.asString() == key)
        return &it->second;
    return nullptr;
}

bool Value::contains(const Value& member) const
{
    return m_type == ValueType::Set && find(member) != nullptr;
}

static int compareNumbers(const Value& a, const Value& b)
{
    auto ai = a.asInt64();
    auto bi = b.asInt64();
    const bool aExact = ai && a.bigText().empty();
    const bool bExact = bi && b.bigText().empty();
    if (aExact && bExact)
        return cmp3(*ai, *bi);
    std::string_view at = a.bigText(), bt = b.bigText();
    if (!at.empty() && !bt.empty() && isIntegerText(at) && isIntegerText(bt))
        return compareIntegerText(at, bt);
    if (!at.empty() && !bt.empty() && at == bt)
        return 0;
    const long double ad = aExact ? (long double)(*ai) : (long double)a.asDouble();
    const long double bd = bExact ? (long double)(*bi) : (long double)b.asDouble();
    return cmp3(ad, bd);
}

int Value::compare(const Value& a, const Value& b)
{
    if (a.m_type != b.m_type)
        return a.m_type < b.m_type ? -1 : 1;
    switch (a.m_type) {
    case ValueType::Null:
        return 0;
    case ValueType::Boolean:
        return cmp3(int(a.m_scalar.b), int(b.m_scalar.b));
    case ValueType::Number:
        if (a.m_numKind == 0 && b.m_numKind == 0)
            return cmp3(a.m_scalar.i, b.m_scalar.i);
        return compareNumbers(a, b);
    case ValueType::String: {
        if (a.m_ptr == b.m_ptr)
            return 0;
        int c = a.asString().compare(b.asString());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueType::Array:
    case ValueType::Set: {
        if (a.m_ptr == b.m_ptr)
            return 0;
        const auto& x = a.asArray();
        const auto& y = b.asArray();
        const std::size_t n = std::min(x.size(), y.size());
        for (std::size_t i = 0; i < n; ++i)
            if (int c = compare(x[i], y[i]))
                return c;
        return cmp3(x.size(), y.size());
    }
    case ValueType::Object: {
        if (a.m_ptr == b.m_ptr)
            return 0;
        const auto& x = a.asObject();
        const auto& y = b.asObject();
        const std::size_t n = std::min(x.size(), y.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (int c = compare(x[i].first, y[i].first))
                return c;
            if (int c = compare(x[i].second, y[i].second))
                return c;
        }
        return cmp3(x.size(), y.size());
    }
    }
    return 0;
}

std::size_t Value::hash() const
{
    std::size_t h = std::size_t(m_type) * 0x100000001b3ULL;
    switch (m_type) {
    case ValueType::Null:
        break;
    case ValueType::Boolean:
        hashCombine(h, m_scalar.b);
        break;
    case ValueType::Number:
        if (auto i = asInt64(); i && bigText().empty())
            hashCombine(h, std::hash<std::int64_t>()(*i));
        else
            hashCombine(h, std::hash<double>()(asDouble()));
        break;
    case ValueType::String:
        hashCombine(h, std::hash<std::string>()(asString()));
        break;
    case ValueType::Array:
    case ValueType::Set:
        for (const auto& v : asArray())
            hashCombine(h, v.hash());
        break;
    case ValueType::Object:
        for (const auto& [k, v] : asObject()) {
            hashCombine(h, k.hash());
            hashCombine(h, v.hash());
        }
        break;
    }
    return h;
}

void appendQuoted(std::string& out, std::string_view s)
{
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
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
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
}

static void appendNumber(std::string& out, const Value& v)
{
    if (!v.bigText().empty()) {
        out += v.bigText();
        return;
    }
    if (auto i = v.asInt64(); i && std::fabs(v.asDouble()) <= kTwo53) {
        out += std::to_string(*i);
        return;
    }
    appendDouble(out, v.asDouble());
}

void Value::writeJson(std::string& out) const
{
    switch (m_type) {
    case ValueType::Null:
        out += "null";
        break;
    case ValueType::Boolean:
        out += m_scalar.b ? "true" : "false";
        break;
    case ValueType::Number:
        if (m_numKind == 0)
            out += std::to_string(m_scalar.i);
        else
            appendNumber(out, *this);
        break;
    case ValueType::String:
        appendQuoted(out, asString());
        break;
    case ValueType::Array:
    case ValueType::Set: {
        out += '[';
        bool first = true;
        for (const auto& v : asArray()) {
            if (!first)
                out += ',';
            first = false;
            v.writeJson(out);
        }
        out += ']';
        break;
    }
    case ValueType::Object: {
        out += '{';
        bool first = true;
        for (const auto& [k, v] : asObject()) {
            if (!first)
                out += ',';
            first = false;
            if (k.isString())
                appendQuoted(out, k.asString());
            else
                appendQuoted(out, k.toJson());
            out += ':';
            v.writeJson(out);
        }
        out += '}';
        break;
    }
    }
}

void Value::writeRego(std::string& out) const
{
    switch (m_type) {
    case ValueType::Array: {
        out += '[';
        bool first = true;
        for (const auto& v : asArray()) {
            if (!first)
                out += ", ";
            first = false;
            v.writeRego(out);
        }
        out += ']';
        break;
    }
    case ValueType::Set: {
        if (asSet().empty()) {
            out += "set()";
            break;
        }
        out += '{';
        bool first = true;
        for (const auto& v : asSet()) {
            if (!first)
                out += ", ";
            first = false;
            v.writeRego(out);
        }
        out += '}';
        break;
    }
    case ValueType::Object: {
        out += '{';
        bool first = true;
        for (const auto& [k, v] : asObject()) {
            if (!first)
                out += ", ";
            first = false;
            k.writeRego(out);
            out += ": ";
            v.writeRego(out);
        }
        out += '}';
        break;
    }
    default:
        writeJson(out);
    }
}

std::string Value::toJson() const
{
    std::string out;
    writeJson(out);
    return out;
}

std::string Value::toString() const
{
    std::string out;
    writeRego(out);
    return out;
}

QJsonValue Value::toQJson() const
{
    switch (m_type) {
    case ValueType::Null:
        return QJsonValue(QJsonValue::Null);
    case ValueType::Boolean:
        return QJsonValue(m_scalar.b);
    case ValueType::Number:
        if (m_numKind == 0)
            return QJsonValue(qint64(m_scalar.i));
        return QJsonValue(asDouble());
    case ValueType::String:
        return QJsonValue(QString::fromStdString(asString()));
    case ValueType::Array:
    case ValueType::Set: {
        QJsonArray a;
        for (const auto& v : asArray())
            a.append(v.toQJson());
        return a;
    }
    case ValueType::Object: {
        QJsonObject o;
        for (const auto& [k, v] : asObject())
            o.insert(QString::fromStdString(k.isString() ? k.asString() : k.toJson()), v.toQJson());
        return o;
    }
    }
    return {};
}

Value Value::fromQJson(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return boolean(v.toBool());
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return number(d);
    }
    case QJsonValue::String:
        return string(v.toString().toStdString());
    case QJsonValue::Array: {
        ValueVector items;
        for (const auto& e : v.toArray())
            items.push_back(fromQJson(e));
        return array(std::move(items));
    }
    case QJsonValue::Object: {
        ObjectItems items;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            items.emplace_back(string(it.key().toStdString()), fromQJson(it.value()));
        return object(std::move(items));
    }
    default:
        return null();
    }
}

namespace {

class JsonReader
{
public:
    JsonReader(std::string_view text, int maxDepth) : m_text(text), m_maxDepth(maxDepth) {}

    Result<Value> document()
    {
        skipSpace();
        auto v = value(0);
        if (!v)
            return v;
        skipSpace();
        if (m_pos != m_text.size())
            return fail("unexpected trailing text");
        return v;
    }

private:
    Error fail(const std::string& what) const
    {
        return makeError(QStringLiteral("json.parse"),
                         QStringLiteral("%1 at offset %2").arg(QString::fromStdString(what)).arg(m_pos));
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) == word) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    Result<Value> value(int depth)
    {
        if (depth > m_maxDepth)
            return fail("nesting too deep");
        if (m_pos >= m_text.size())
            return fail("unexpected end of input");
        const char c = m_text[m_pos];
        if (c == '{') {
            ++m_pos;
            ObjectItems items;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return Value::object(std::move(items));
            }
            for (;;) {
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    return fail("expected object key");
                auto key = str();
                if (!key)
                    return key.error();
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                    return fail("expected ':'");
                ++m_pos;
                skipSpace();
                auto v = value(depth + 1);
                if (!v)
                    return v;
                items.emplace_back(Value::string(std::move(*key)), std::move(*v));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                    ++m_pos;
                    return Value::object(std::move(items));
                }
                return fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            ++m_pos;
            ValueVector items;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return Value::array(std::move(items));
            }
            for (;;) {
                skipSpace();
                auto v = value(depth + 1);
                if (!v)
                    return v;
                items.push_back(std::move(*v));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                    ++m_pos;
                    return Value::array(std::move(items));
                }
                return fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            auto s = str();
            if (!s)
                return s.error();
            return Value::string(std::move(*s));
        }
        if (literal("true"))
            return Value::boolean(true);
        if (literal("false"))
            return Value::boolean(false);
        if (literal("null"))
            return Value::null();
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() &&
               (std::strchr("+-.eE", m_text[m_pos]) || (m_text[m_pos] >= '0' && m_text[m_pos] <= '9')))
            ++m_pos;
        auto n = Value::numberFromText(m_text.substr(start, m_pos - start));
        if (!n) {
            m_pos = start;
            return fail("invalid value");
        }
        return *n;
    }

    Result<std::string> str()
    {
        ++m_pos; // opening quote
        std::string out;
        while (m_pos < m_text.size()) {
            const unsigned char c = static_cast<unsigned char>(m_text[m_pos++]);
            if (c == '"')
                return out;
            if (c < 0x20)
                return fail("control character in string");
            if (c != '\\') {
                out += char(c);
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                auto cp = hex4();
                if (!cp)
                    return fail("bad \\u escape");
                std::uint32_t code = *cp;
                if (code >= 0xD800 && code <= 0xDBFF && m_text.substr(m_pos, 2) == "\\u") {
                    m_pos += 2;
                    auto lo = hex4();
                    if (!lo)
                        return fail("bad \\u escape");
                    if (*lo >= 0xDC00 && *lo <= 0xDFFF)
                        code = 0x10000 + ((code - 0xD800) << 10) + (*lo - 0xDC00);
                    else
                        code = 0xFFFD;
                } else if (code >= 0xD800 && code <= 0xDFFF) {
                    code = 0xFFFD;
                }
                appendUtf8(out, code);
                break;
            }
            default:
                return fail("bad escape");
            }
        }
        return fail("unterminated string");
    }

    std::optional<std::uint32_t> hex4()
    {
        if (m_pos + 4 > m_text.size())
            return std::nullopt;
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= std::uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= std::uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= std::uint32_t(c - 'A' + 10);
            else
                return std::nullopt;
        }
        return v;
    }

public:
    static void appendUtf8(std::string& out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_maxDepth;
};

Error arithmeticError(const char* message)
{
    return makeError(QStringLiteral("eval_builtin_error"), QString::fromLatin1(message));
}

bool exactInt(const Value& v, std::int64_t& out)
{
    auto i = v.asInt64();
    if (!i || !v.bigText().empty())
        return false;
    out = *i;
    return true;
}

} // namespace

Result<Value> Value::fromJson(std::string_view text, int maxDepth)
{
    return JsonReader(text, maxDepth).document();
}

Result<Value> numberAdd(const Value& a, const Value& b)
{
    std::int64_t x, y, r;
    if (exactInt(a, x) && exactInt(b, y) && !__builtin_add_overflow(x, y, &r))
        return Value::integer(r);
    return Value::number(a.asDouble() + b.asDouble());
}

Result<Value> numberSub(const Value& a, const Value& b)
{
    std::int64_t x, y, r;
    if (exactInt(a, x) && exactInt(b, y) && !__builtin_sub_overflow(x, y, &r))
        return Value::integer(r);
    return Value::number(a.asDouble() - b.asDouble());
}

Result<Value> numberMul(const Value& a, const Value& b)
{
    std::int64_t x, y, r;
    if (exactInt(a, x) && exactInt(b, y) && !__builtin_mul_overflow(x, y, &r))
        return Value::integer(r);
    return Value::number(a.asDouble() * b.asDouble());
}

Result<Value> numberDiv(const Value& a, const Value& b)
{
    if (b.asDouble() == 0)
        return arithmeticError("divide by zero");
    std::int64_t x, y;
    if (exactInt(a, x) && exactInt(b, y) && y != -1 && x % y == 0)
        return Value::integer(x / y);
    return Value::number(a.asDouble() / b.asDouble());
}

Result<Value> numberRem(const Value& a, const Value& b)
{
    std::int64_t x, y;
    if (!a.isInteger() || !b.isInteger())
        return arithmeticError("modulo on floating-point number");
    if (b.asDouble() == 0)
        return arithmeticError("modulo by zero");
    if (exactInt(a, x) && exactInt(b, y)) {
        if (y == -1)
            return Value::integer(0);
        return Value::integer(x % y);
    }
    return Value::number(std::fmod(a.asDouble(), b.asDouble()));
}

} // namespace corral::policy
