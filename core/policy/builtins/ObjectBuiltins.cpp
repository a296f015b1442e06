// SPDX-License-Identifier: Apache-2.0
// object.*, json.* (marshal, unmarshal, patch, remove, filter), yaml.unmarshal/is_valid, walk
// and opa.runtime.
#include "BuiltinSupport.h"
#include "JsonPatch.h"
#include "Yaml.h"

#include <map>

namespace corral::policy::builtins {

namespace {

using Args = std::span<const Value>;

QString typeOf(const Value& v)
{
    return QString::fromLatin1(v.typeName());
}

// The keys an object.remove/object.filter operand names: array or set members, object keys.
Result<ValueVector> keysOperand(std::string_view name, const Value& v)
{
    if (v.isArray() || v.isSet())
        return members(v);
    if (v.isObject()) {
        ValueVector keys;
        for (const auto& [k, _] : v.asObject())
            keys.push_back(k);
        return keys;
    }
    return typeError(name, QStringLiteral("operand 2 must be one of {object, set, array} but got %1").arg(typeOf(v)));
}

Value mergeWithOverwrite(const Value& a, const Value& b)
{
    std::map<Value, Value> merged;
    for (const auto& [k, v] : a.asObject())
        merged.emplace(k, v);
    for (const auto& [k, v] : b.asObject()) {
        auto it = merged.find(k);
        if (it != merged.end() && it->second.isObject() && v.isObject())
            it->second = mergeWithOverwrite(it->second, v);
        else
            merged.insert_or_assign(k, v);
    }
    ObjectItems items(merged.begin(), merged.end());
    return Value::objectSorted(std::move(items));
}

bool isSubset(const Value& super, const Value& sub);

bool arraySubset(const ValueVector& super, const ValueVector& sub)
{
    if (sub.empty())
        return true;
    if (sub.size() > super.size())
        return false;
    for (std::size_t i = 0; i + sub.size() <= super.size(); ++i)
        if (std::equal(sub.begin(), sub.end(), super.begin() + std::ptrdiff_t(i)))
            return true;
    return false;
}

bool isSubset(const Value& super, const Value& sub)
{
    if (super.isObject() && sub.isObject()) {
        for (const auto& [k, v] : sub.asObject()) {
            const Value* sv = super.find(k);
            if (!sv)
                return false;
            if ((sv->isObject() && v.isObject()) || (sv->isSet() && v.isSet()) || (sv->isArray() && v.isArray())) {
                if (!isSubset(*sv, v))
                    return false;
            } else if (*sv != v) {
                return false;
            }
        }
        return true;
    }
    if (super.isSet() && sub.isSet()) {
        for (const Value& m : sub.asSet())
            if (!super.contains(m))
                return false;
        return true;
    }
    if (super.isArray() && sub.isArray())
        return arraySubset(super.asArray(), sub.asArray());
    if (super.isArray() && sub.isSet()) {
        // OPA counts matching array elements until every member is accounted for, so an
        // empty array is never a superset, not even of the empty set.
        std::size_t unmatched = sub.asSet().size();
        for (const Value& m : super.asArray()) {
            if (sub.contains(m))
                --unmatched;
            if (unmatched == 0)
                return true;
        }
        return false;
    }
    return false;
}

// Paths for json.remove/json.filter: "a/b/c" strings or arrays of segments, as a trie.
struct PathTrie
{
    bool terminal = false;
    std::map<Value, PathTrie> children;
};

Result<PathTrie> pathTrie(std::string_view name, const Value& paths)
{
    if (!paths.isArray() && !paths.isSet())
        return typeError(name, QStringLiteral("operand 2 must be one of {set, array} but got %1").arg(typeOf(paths)));
    PathTrie root;
    for (const Value& p : members(paths)) {
        if (!p.isString() && !p.isArray())
            return typeError(name, QStringLiteral("operand 2 must be one of {set, array} containing string paths or "
                                                  "array of path segments but got %1")
                                       .arg(typeOf(p)));
        auto segments = parsePatchPath(p);
        if (!segments)
            return builtinError(name, segments.error().message);
        PathTrie* node = &root;
        for (const Value& seg : *segments)
            node = &node->children[seg];
        node->terminal = true;
    }
    return root;
}

// The trie child for an object key or an array index (string segments name indexes too).
const PathTrie* childFor(const PathTrie& trie, const Value& key)
{
    auto it = trie.children.find(key);
    if (it != trie.children.end())
        return &it->second;
    if (key.isNumber()) {
        it = trie.children.find(Value::string(key.toString()));
        if (it != trie.children.end())
            return &it->second;
    }
    return nullptr;
}

std::optional<Value> filterValue(const Value& v, const PathTrie& trie)
{
    if (trie.terminal)
        return v;
    switch (v.type()) {
    case ValueType::Object: {
        ObjectItems items;
        for (const auto& [k, child] : v.asObject())
            if (const PathTrie* t = childFor(trie, k))
                if (auto f = filterValue(child, *t))
                    items.emplace_back(k, *f);
        return Value::objectSorted(std::move(items));
    }
    case ValueType::Array: {
        ValueVector items;
        const auto& arr = v.asArray();
        for (std::size_t i = 0; i < arr.size(); ++i)
            if (const PathTrie* t = childFor(trie, Value::integer(std::int64_t(i))))
                if (auto f = filterValue(arr[i], *t))
                    items.push_back(*f);
        return Value::array(std::move(items));
    }
    case ValueType::Set: {
        ValueVector items;
        for (const Value& m : v.asSet())
            if (const PathTrie* t = childFor(trie, m))
                if (auto f = filterValue(m, *t))
                    items.push_back(*f);
        return Value::set(std::move(items));
    }
    default:
        return std::nullopt;
    }
}

Value removeValue(const Value& v, const PathTrie& trie)
{
    switch (v.type()) {
    case ValueType::Object: {
        ObjectItems items;
        for (const auto& [k, child] : v.asObject()) {
            const PathTrie* t = childFor(trie, k);
            if (t && t->terminal)
                continue;
            items.emplace_back(k, t ? removeValue(child, *t) : child);
        }
        return Value::objectSorted(std::move(items));
    }
    case ValueType::Array: {
        ValueVector items;
        const auto& arr = v.asArray();
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const PathTrie* t = childFor(trie, Value::integer(std::int64_t(i)));
            if (t && t->terminal)
                continue;
            items.push_back(t ? removeValue(arr[i], *t) : arr[i]);
        }
        return Value::array(std::move(items));
    }
    case ValueType::Set: {
        ValueVector items;
        for (const Value& m : v.asSet()) {
            const PathTrie* t = childFor(trie, m);
            if (t && t->terminal)
                continue;
            items.push_back(t ? removeValue(m, *t) : m);
        }
        return Value::set(std::move(items));
    }
    default:
        return v;
    }
}

void walkInto(const Value& v, ValueVector& path, ValueVector& out)
{
    out.push_back(Value::array({Value::array(path), v}));
    switch (v.type()) {
    case ValueType::Object:
        for (const auto& [k, child] : v.asObject()) {
            path.push_back(k);
            walkInto(child, path, out);
            path.pop_back();
        }
        break;
    case ValueType::Array: {
        const auto& arr = v.asArray();
        for (std::size_t i = 0; i < arr.size(); ++i) {
            path.push_back(Value::integer(std::int64_t(i)));
            walkInto(arr[i], path, out);
            path.pop_back();
        }
        break;
    }
    case ValueType::Set:
        for (const Value& m : v.asSet()) {
            path.push_back(m);
            walkInto(m, path, out);
            path.pop_back();
        }
        break;
    default:
        break;
    }
}

// Go's json.MarshalIndent layout with OPA's leading prefix.
void writeIndented(const Value& v, const std::string& prefix, const std::string& indent, int depth, std::string& out)
{
    const auto newline = [&](int d) {
        out += '\n';
        out += prefix;
        for (int k = 0; k < d; ++k)
            out += indent;
    };
    if ((v.isArray() || v.isSet()) && !members(v).empty()) {
        out += '[';
        bool first = true;
        for (const Value& m : members(v)) {
            if (!first)
                out += ',';
            first = false;
            newline(depth + 1);
            writeIndented(m, prefix, indent, depth + 1, out);
        }
        newline(depth);
        out += ']';
        return;
    }
    if (v.isObject() && !v.asObject().empty()) {
        out += '{';
        bool first = true;
        for (const auto& [k, m] : v.asObject()) {
            if (!first)
                out += ',';
            first = false;
            newline(depth + 1);
            std::string key;
            appendQuoted(key, k.isString() ? k.asString() : k.toString());
            out += key;
            out += ": ";
            writeIndented(m, prefix, indent, depth + 1, out);
        }
        newline(depth);
        out += '}';
        return;
    }
    out += v.toJson();
}

BuiltinResult marshalWithOptions(Args a)
{
    constexpr std::string_view name = "json.marshal_with_options";
    if (!a[1].isObject())
        return builtinTypeError(name, 2, "object", a[1]);
    bool pretty = false, prettySet = false, other = false;
    std::string prefix, indent = "\t";
    for (const auto& [k, v] : a[1].asObject()) {
        const std::string key = k.isString() ? k.asString() : std::string();
        if (key == "pretty") {
            if (!v.isBoolean())
                return typeError(name,
                                 QStringLiteral("operand 2 \"pretty\" must be boolean but got %1").arg(typeOf(v)));
            pretty = v.asBool();
            prettySet = true;
        } else if (key == "indent" || key == "prefix") {
            if (!v.isString())
                return typeError(name,
                                 QStringLiteral("operand 2 \"%1\" must be string but got %2").arg(qs(key), typeOf(v)));
            (key == "indent" ? indent : prefix) = v.asString();
            other = true;
        } else {
            return typeError(name, QStringLiteral("operand 2 object contained unknown key %1").arg(qs(k.toString())));
        }
    }
    if (prettySet ? !pretty : !other)
        return ok(Value::string(a[0].toJson()));
    std::string out = prefix;
    writeIndented(a[0], prefix, indent, 0, out);
    return ok(Value::string(std::move(out)));
}

} // namespace

void registerObjectBuiltins(BuiltinRegistry& r)
{
    r.add("object.get", 3, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isObject())
            return builtinTypeError("object.get", 1, "object", a[0]);
        if (!a[1].isArray()) {
            const Value* v = a[0].find(a[1]);
            return ok(v ? *v : a[2]);
        }
        const Value* node = &a[0];
        for (const Value& seg : a[1].asArray()) {
            node = node->isCollection() ? node->find(seg) : nullptr;
            if (!node)
                return ok(a[2]);
        }
        return ok(*node);
    });
    r.add("object.keys", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isObject())
            return builtinTypeError("object.keys", 1, "object", a[0]);
        ValueVector keys;
        for (const auto& [k, _] : a[0].asObject())
            keys.push_back(k);
        return ok(Value::setSorted(std::move(keys)));
    });
    r.add("object.union", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isObject())
                return builtinTypeError("object.union", i + 1, "object", a[i]);
        return ok(mergeWithOverwrite(a[0], a[1]));
    });
    r.add("object.union_n", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isArray())
            return builtinTypeError("object.union_n", 1, "array", a[0]);
        Value acc = Value::emptyObject();
        for (const Value& o : a[0].asArray()) {
            if (!o.isObject())
                return elementTypeError("object.union_n", 1, a[0], "object", o);
            acc = mergeWithOverwrite(acc, o);
        }
        return ok(acc);
    });
    r.add("object.remove", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isObject())
            return builtinTypeError("object.remove", 1, "object", a[0]);
        auto keys = keysOperand("object.remove", a[1]);
        if (!keys)
            return keys.error();
        ObjectItems items;
        for (const auto& [k, v] : a[0].asObject())
            if (std::find(keys->begin(), keys->end(), k) == keys->end())
                items.emplace_back(k, v);
        return ok(Value::objectSorted(std::move(items)));
    });
    r.add("object.filter", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isObject())
            return builtinTypeError("object.filter", 1, "object", a[0]);
        auto keys = keysOperand("object.filter", a[1]);
        if (!keys)
            return keys.error();
        ObjectItems items;
        for (const auto& [k, v] : a[0].asObject())
            if (std::find(keys->begin(), keys->end(), k) != keys->end())
                items.emplace_back(k, v);
        return ok(Value::objectSorted(std::move(items)));
    });
    r.add("object.subset", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        const Value& super = a[0];
        const Value& sub = a[1];
        const bool valid = (super.isObject() && sub.isObject()) || (super.isSet() && sub.isSet()) ||
                           (super.isArray() && (sub.isArray() || sub.isSet()));
        if (!valid)
            return typeError("object.subset",
                             QStringLiteral("both arguments object.subset must be of the same type or array and set"));
        return ok(Value::boolean(isSubset(super, sub)));
    });

    r.add("json.marshal", 1, [](Args a, BuiltinContext&) -> BuiltinResult { return ok(Value::string(a[0].toJson())); });
    r.add("json.marshal_with_options", 2, [](Args a, BuiltinContext&) { return marshalWithOptions(a); });
    r.add("json.unmarshal", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("json.unmarshal", 1, "string", a[0]);
        auto v = Value::fromJson(a[0].asString());
        if (!v)
            return builtinError("json.unmarshal", v.error().message);
        return ok(std::move(*v));
    });
    r.add("json.is_valid", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return ok(Value::boolean(false));
        return ok(Value::boolean(Value::fromJson(a[0].asString()).ok()));
    });
    r.add("json.patch", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[1].isArray())
            return builtinTypeError("json.patch", 2, "array", a[1]);
        for (const Value& op : a[1].asArray())
            if (!op.isObject())
                return elementTypeError("json.patch", 2, a[1], "object", op);
        auto patched = applyJsonPatch(a[0], a[1].asArray());
        if (!patched)
            return builtinError("json.patch", patched.error().message);
        return ok(std::move(*patched));
    });
    r.add("json.remove", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isObject())
            return builtinTypeError("json.remove", 1, "object", a[0]);
        auto trie = pathTrie("json.remove", a[1]);
        if (!trie)
            return trie.error();
        return ok(removeValue(a[0], *trie));
    });
    r.add("json.filter", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isObject())
            return builtinTypeError("json.filter", 1, "object", a[0]);
        auto trie = pathTrie("json.filter", a[1]);
        if (!trie)
            return trie.error();
        return ok(filterValue(a[0], *trie).value_or(Value::emptyObject()));
    });

    r.add("yaml.unmarshal", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("yaml.unmarshal", 1, "string", a[0]);
        auto v = parseYaml(a[0].asString());
        if (!v)
            return builtinError("yaml.unmarshal", v.error().message);
        return ok(std::move(*v));
    });
    r.add("yaml.is_valid", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        return ok(Value::boolean(a[0].isString() && parseYaml(a[0].asString()).ok()));
    });

    // opa.runtime describes an OPA server's configuration and environment; an embedded engine
    // has neither, which OPA reports as an empty object.
    BuiltinDecl runtime;
    runtime.name = "opa.runtime";
    runtime.arity = 0;
    runtime.nondeterministic = true;
    runtime.fn = [](Args, BuiltinContext&) -> BuiltinResult { return ok(Value::emptyObject()); };
    r.add(std::move(runtime));

    BuiltinDecl walk;
    walk.name = "walk";
    walk.arity = 1;
    walk.relation = true;
    walk.fn = [](Args a, BuiltinContext&) -> BuiltinResult {
        ValueVector out;
        ValueVector path;
        walkInto(a[0], path, out);
        return ok(Value::array(std::move(out)));
    };
    r.add(std::move(walk));
}

} // namespace corral::policy::builtins
