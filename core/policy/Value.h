// SPDX-License-Identifier: Apache-2.0
// The Rego value model: null, boolean, number, string, array, object and set, with value
// semantics (copies share an immutable payload), OPA's total order, JSON and Rego text forms.
#pragma once

#include "Result.h"

#include <QJsonValue>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corral::policy {

class Value;
using ValueVector = std::vector<Value>;
using ObjectItems = std::vector<std::pair<Value, Value>>;

// Types in OPA's sort order (ast.Compare): null < boolean < number < string < array < object < set.
enum class ValueType : std::uint8_t { Null = 0, Boolean = 1, Number = 2, String = 3, Array = 4, Object = 5, Set = 6 };

// Bit for a type in a type mask (BuiltinDecl::argTypes): 1 << int(type).
constexpr std::uint8_t typeBit(ValueType t)
{
    return std::uint8_t(1u << unsigned(t));
}
constexpr std::uint8_t kAnyType = 0x7f;

// OPA's type names ("null", "boolean", "number", "string", "array", "object", "set").
const char* typeName(ValueType t);

// An immutable Rego value. Strings are UTF-8. Numbers are an int64 when integral and in range,
// otherwise a double; numbers read from text that neither represents exactly (huge integers,
// long decimals) keep their decimal text, so they print and compare as written.
// Objects keep their items sorted by key and sets their members sorted, both without
// duplicates, so comparison, printing and lookup are deterministic.
class Value
{
public:
    Value() = default; // null
    static Value null() { return Value(); }
    static Value boolean(bool b);
    static Value integer(std::int64_t i);
    // Integral doubles within +-2^53 become integers.
    static Value number(double d);
    // A number from its decimal text (JSON number syntax); nullopt if malformed.
    static std::optional<Value> numberFromText(std::string_view text);
    static Value string(std::string s);
    static Value string(std::string_view s) { return string(std::string(s)); }
    static Value string(const char* s) { return string(std::string(s)); }
    static Value array(ValueVector items);
    // Sorts by key; for duplicate keys the last item wins.
    static Value object(ObjectItems items);
    // Items already sorted by key without duplicates (e.g. from another object).
    static Value objectSorted(ObjectItems items);
    static Value set(ValueVector items);
    static Value setSorted(ValueVector items);
    static Value emptyArray();
    static Value emptyObject();
    static Value emptySet();

    ValueType type() const { return m_type; }
    bool isNull() const { return m_type == ValueType::Null; }
    bool isBoolean() const { return m_type == ValueType::Boolean; }
    bool isNumber() const { return m_type == ValueType::Number; }
    bool isString() const { return m_type == ValueType::String; }
    bool isArray() const { return m_type == ValueType::Array; }
    bool isObject() const { return m_type == ValueType::Object; }
    bool isSet() const { return m_type == ValueType::Set; }
    bool isCollection() const { return m_type >= ValueType::Array; }
    const char* typeName() const { return policy::typeName(m_type); }

    // Preconditions: the matching type.
    bool asBool() const { return m_scalar.b; }
    const std::string& asString() const;
    const ValueVector& asArray() const;
    const ObjectItems& asObject() const;
    const ValueVector& asSet() const;

    // Numbers.
    bool isInteger() const; // integral value (int64 or an integral big/double)
    // The int64 value if the number is integral and fits.
    std::optional<std::int64_t> asInt64() const;
    double asDouble() const;
    // Exact decimal text kept for numbers that int64/double cannot hold; empty otherwise.
    std::string_view bigText() const;

    // Collections: element count (string: bytes; use builtins for code points).
    std::size_t size() const;
    // Object member, array element (integral number key in range) or set member (returns the
    // member); nullptr when absent or the type has no such member.
    const Value* find(const Value& key) const;
    const Value* get(std::string_view key) const; // object member by string key
    bool contains(const Value& member) const;     // set membership

    // The value is "truthy" in OPA's sense for expressions: anything but false.
    bool isFalse() const { return m_type == ValueType::Boolean && !m_scalar.b; }

    friend bool operator==(const Value& a, const Value& b) { return equal(a, b); }
    friend bool operator!=(const Value& a, const Value& b) { return !equal(a, b); }
    friend bool operator<(const Value& a, const Value& b) { return compare(a, b) < 0; }
    // OPA's total order: by type (ValueType order), then numerically, by UTF-8 bytes,
    // element-wise for arrays and sets (shorter first on a tie), by sorted keys then values
    // for objects.
    static int compare(const Value& a, const Value& b);
    // compare(a, b) == 0, with shortcuts for the common cases (different types, strings).
    static bool equal(const Value& a, const Value& b);
    std::size_t hash() const;

    // JSON: sets become arrays; non-string object keys become their JSON text (as OPA does).
    std::string toJson() const;
    // Rego text (`{"a": 1}`, `{1, 2}`, `set()`), as OPA prints values in messages and %v.
    std::string toString() const;
    QJsonValue toQJson() const;
    static Value fromQJson(const QJsonValue& v);
    // Parses JSON text exactly (big numbers preserved). Error code "json.parse".
    static Result<Value> fromJson(std::string_view text, int maxDepth = 512);

private:
    ValueType m_type = ValueType::Null;
    std::uint8_t m_numKind = 0; // 0 int64, 1 double, 2 big (text in m_ptr, approximation in m_scalar.d)
    union {
        bool b;
        std::int64_t i;
        double d;
    } m_scalar{};
    std::shared_ptr<const void> m_ptr;

    void writeJson(std::string& out) const;
    void writeRego(std::string& out) const;
    friend struct ValueAccess;
};

// The payloads behind strings, arrays, sets and objects (inline accessors below).
namespace detail {
struct StringData
{
    std::string s;
};
struct ArrayData
{
    ValueVector items;
};
struct ObjectData
{
    ObjectItems items;
};
} // namespace detail

inline const std::string& Value::asString() const
{
    return static_cast<const detail::StringData*>(m_ptr.get())->s;
}

inline const ValueVector& Value::asArray() const
{
    static const ValueVector empty;
    return m_ptr ? static_cast<const detail::ArrayData*>(m_ptr.get())->items : empty;
}

inline const ObjectItems& Value::asObject() const
{
    static const ObjectItems empty;
    return m_ptr ? static_cast<const detail::ObjectData*>(m_ptr.get())->items : empty;
}

inline const ValueVector& Value::asSet() const
{
    return asArray();
}

inline bool Value::equal(const Value& a, const Value& b)
{
    if (a.m_type != b.m_type)
        return false;
    if (a.m_type == ValueType::String) {
        const std::string& x = a.asString();
        const std::string& y = b.asString();
        return x.size() == y.size() && std::char_traits<char>::compare(x.data(), y.data(), x.size()) == 0;
    }
    if (a.m_type == ValueType::Boolean)
        return a.m_scalar.b == b.m_scalar.b;
    if (a.m_type == ValueType::Null)
        return true;
    return compare(a, b) == 0;
}

struct ValueHash
{
    std::size_t operator()(const Value& v) const { return v.hash(); }
};

// Arithmetic as OPA defines it on numbers: exact on integers (falls back to double on
// overflow), double otherwise. div and rem fail with "divide by zero"/"modulo by zero";
// rem needs integers ("modulo on floating-point number"). Errors are eval_builtin_error.
Result<Value> numberAdd(const Value& a, const Value& b);
Result<Value> numberSub(const Value& a, const Value& b);
Result<Value> numberMul(const Value& a, const Value& b);
Result<Value> numberDiv(const Value& a, const Value& b);
Result<Value> numberRem(const Value& a, const Value& b);

// JSON string literal for s (quotes and escapes), as used in JSON and Rego text.
void appendQuoted(std::string& out, std::string_view s);

} // namespace corral::policy
