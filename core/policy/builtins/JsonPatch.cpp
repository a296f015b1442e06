// SPDX-License-Identifier: Apache-2.0
#include "JsonPatch.h"

#include <QString>

namespace corral::policy::builtins {

namespace {

enum class Op { Add, Remove, Replace };

Error patchError(const QString& message)
{
    return makeError(QStringLiteral("json.patch"), message);
}

// An array index segment: a number, or decimal digits without leading zeros.
std::optional<std::size_t> arrayIndex(const Value& seg, std::size_t size, bool allowEnd)
{
    std::int64_t idx = -1;
    if (seg.isNumber()) {
        if (!seg.isInteger() || !seg.asInt64())
            return std::nullopt;
        idx = *seg.asInt64();
    } else if (seg.isString()) {
        const std::string& s = seg.asString();
        if (allowEnd && s == "-")
            return size;
        if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0'))
            return std::nullopt;
        for (char c : s)
            if (c < '0' || c > '9')
                return std::nullopt;
        idx = std::stoll(s);
    } else {
        return std::nullopt;
    }
    if (idx < 0 || std::size_t(idx) > size || (!allowEnd && std::size_t(idx) == size))
        return std::nullopt;
    return std::size_t(idx);
}

const Value* child(const Value& node, const Value& seg)
{
    switch (node.type()) {
    case ValueType::Object:
        return node.find(seg);
    case ValueType::Array: {
        const auto idx = arrayIndex(seg, node.asArray().size(), false);
        return idx ? &node.asArray()[*idx] : nullptr;
    }
    case ValueType::Set:
        return node.find(seg);
    default:
        return nullptr;
    }
}

Value withObjectMember(const Value& obj, const Value& key, const Value* value)
{
    ObjectItems items;
    for (const auto& [k, v] : obj.asObject())
        if (k != key)
            items.emplace_back(k, v);
    if (value)
        items.emplace_back(key, *value);
    return Value::object(std::move(items));
}

Value withSetMember(const Value& set, const Value* remove, const Value* add)
{
    ValueVector items;
    for (const Value& m : set.asSet())
        if (!remove || m != *remove)
            items.push_back(m);
    if (add)
        items.push_back(*add);
    return Value::set(std::move(items));
}

Result<Value> applyAt(const Value& node, const ValueVector& path, std::size_t i, Op op, const Value& value)
{
    const Value& seg = path[i];
    const bool last = i + 1 == path.size();
    if (!last) {
        const Value* next = child(node, seg);
        if (!next)
            return patchError(QStringLiteral("path does not exist"));
        auto updated = applyAt(*next, path, i + 1, op, value);
        if (!updated)
            return updated;
        switch (node.type()) {
        case ValueType::Object:
            return withObjectMember(node, seg, &*updated);
        case ValueType::Array: {
            ValueVector items = node.asArray();
            items[*arrayIndex(seg, items.size(), false)] = *updated;
            return Value::array(std::move(items));
        }
        default:
            return withSetMember(node, &seg, &*updated);
        }
    }
    switch (node.type()) {
    case ValueType::Object:
        if (op != Op::Add && !node.find(seg))
            return patchError(QStringLiteral("path does not exist"));
        return withObjectMember(node, seg, op == Op::Remove ? nullptr : &value);
    case ValueType::Array: {
        ValueVector items = node.asArray();
        const auto idx = arrayIndex(seg, items.size(), op == Op::Add);
        if (!idx)
            return patchError(QStringLiteral("invalid array index"));
        if (op == Op::Add)
            items.insert(items.begin() + std::ptrdiff_t(*idx), value);
        else if (op == Op::Remove)
            items.erase(items.begin() + std::ptrdiff_t(*idx));
        else
            items[*idx] = value;
        return Value::array(std::move(items));
    }
    case ValueType::Set:
        if (op == Op::Add) {
            if (seg != value)
                return patchError(QStringLiteral("set member and value differ"));
            return withSetMember(node, nullptr, &value);
        }
        if (!node.contains(seg))
            return patchError(QStringLiteral("path does not exist"));
        return withSetMember(node, &seg, op == Op::Remove ? nullptr : &value);
    default:
        return patchError(QStringLiteral("path does not exist"));
    }
}

Result<Value> apply(const Value& doc, const ValueVector& path, Op op, const Value& value)
{
    if (path.empty()) {
        if (op == Op::Remove)
            return patchError(QStringLiteral("cannot remove the document root"));
        return value;
    }
    return applyAt(doc, path, 0, op, value);
}

std::optional<Value> lookup(const Value& doc, const ValueVector& path)
{
    const Value* node = &doc;
    for (const Value& seg : path) {
        node = child(*node, seg);
        if (!node)
            return std::nullopt;
    }
    return *node;
}

} // namespace

Result<ValueVector> parsePatchPath(const Value& path)
{
    if (path.isArray())
        return path.asArray();
    if (!path.isString())
        return patchError(QStringLiteral("path must be a string or an array of segments"));
    const std::string& s = path.asString();
    ValueVector out;
    if (s.empty())
        return out;
    const std::size_t start = s.find_first_not_of('/');
    const std::string rest = start == std::string::npos ? std::string() : s.substr(start);
    std::size_t pos = 0;
    while (true) {
        const std::size_t slash = rest.find('/', pos);
        std::string part = rest.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
        // "~1" first, then "~0", so that "~01" reads as "~1".
        for (std::size_t k = part.find("~1"); k != std::string::npos; k = part.find("~1", k + 1))
            part.replace(k, 2, "/");
        for (std::size_t k = part.find("~0"); k != std::string::npos; k = part.find("~0", k + 1))
            part.replace(k, 2, "~");
        out.push_back(Value::string(std::move(part)));
        if (slash == std::string::npos)
            break;
        pos = slash + 1;
    }
    return out;
}

Result<Value> applyJsonPatch(const Value& document, const ValueVector& operations)
{
    Value doc = document;
    for (const Value& opv : operations) {
        if (!opv.isObject())
            return patchError(QStringLiteral("operation must be an object"));
        const Value* op = opv.get("op");
        const Value* pathv = opv.get("path");
        if (!op || !op->isString())
            return patchError(QStringLiteral("missing 'op' parameter"));
        if (!pathv || !(pathv->isString() || pathv->isArray()))
            return patchError(QStringLiteral("missing 'path' parameter"));
        auto path = parsePatchPath(*pathv);
        if (!path)
            return path.error();
        const std::string& name = op->asString();
        const Value* value = opv.get("value");
        Result<Value> next = doc;
        if (name == "add" || name == "replace" || name == "test") {
            if (!value)
                return patchError(QStringLiteral("missing 'value' parameter"));
            if (name == "test") {
                const auto current = lookup(doc, *path);
                if (!current || *current != *value)
                    return patchError(QStringLiteral("test failed"));
                continue;
            }
            if (name == "replace" && !lookup(doc, *path))
                return patchError(QStringLiteral("path does not exist"));
            next = apply(doc, *path, name == "add" ? Op::Add : Op::Replace, *value);
        } else if (name == "remove") {
            next = apply(doc, *path, Op::Remove, Value());
        } else if (name == "move" || name == "copy") {
            const Value* fromv = opv.get("from");
            if (!fromv || !(fromv->isString() || fromv->isArray()))
                return patchError(QStringLiteral("missing 'from' parameter"));
            auto from = parsePatchPath(*fromv);
            if (!from)
                return from.error();
            const auto moved = lookup(doc, *from);
            if (!moved)
                return patchError(QStringLiteral("'from' location does not exist"));
            if (name == "move") {
                if (*from == *path)
                    continue;
                if (from->size() < path->size() && std::equal(from->begin(), from->end(), path->begin()))
                    return patchError(QStringLiteral("cannot move a value into one of its children"));
                next = apply(doc, *from, Op::Remove, Value());
                if (!next)
                    return next;
                next = apply(*next, *path, Op::Add, *moved);
            } else {
                next = apply(doc, *path, Op::Add, *moved);
            }
        } else {
            return patchError(QStringLiteral("unrecognized op '%1'").arg(QString::fromStdString(name)));
        }
        if (!next)
            return next;
        doc = std::move(*next);
    }
    return doc;
}

} // namespace corral::policy::builtins
