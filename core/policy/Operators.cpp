// SPDX-License-Identifier: Apache-2.0
// The built-ins behind Rego's operators (==, !=, <, +, -, &, |, in, ...). The evaluator
// calls most of them directly, but they are registered by name like any built-in so that
// `plus(1, 2, x)` and `with plus as ...` work as in OPA.
#include "Builtins.h"

#include <algorithm>

namespace corral::policy {

namespace {

BuiltinResult ok(Value v)
{
    return BuiltinOutput(std::move(v));
}

BuiltinResult compareOp(std::span<const Value> a, bool (*pred)(int))
{
    return ok(Value::boolean(pred(Value::compare(a[0], a[1]))));
}

using NumberOp = Result<Value> (*)(const Value&, const Value&);

BuiltinFn arithmetic(const char* name, NumberOp op)
{
    return [name, op](std::span<const Value> a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isNumber())
                return builtinTypeError(name, i + 1, "number", a[i]);
        auto r = op(a[0], a[1]);
        if (!r)
            return builtinError(name, r.error().message);
        return ok(std::move(*r));
    };
}

Value setOp(const Value& a, const Value& b, int which)
{
    const auto& x = a.asSet();
    const auto& y = b.asSet();
    ValueVector out;
    auto less = [](const Value& l, const Value& r) { return Value::compare(l, r) < 0; };
    if (which == 0)
        std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out), less);
    else if (which == 1)
        std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out), less);
    else
        std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out), less);
    return Value::setSorted(std::move(out));
}

bool memberOf(const Value& x, const Value& coll, const Value* key)
{
    switch (coll.type()) {
    case ValueType::Array: {
        const auto& items = coll.asArray();
        if (key) {
            const Value* v = coll.find(*key);
            return v && *v == x;
        }
        return std::find(items.begin(), items.end(), x) != items.end();
    }
    case ValueType::Set:
        return !key ? coll.contains(x) : (coll.contains(x) && *key == x);
    case ValueType::Object: {
        if (key) {
            const Value* v = coll.find(*key);
            return v && *v == x;
        }
        for (const auto& [k, v] : coll.asObject())
            if (v == x)
                return true;
        return false;
    }
    default:
        return false;
    }
}

} // namespace

void registerOperatorBuiltins(BuiltinRegistry& r)
{
    r.add("equal", 2, [](auto a, auto&) { return compareOp(a, [](int c) { return c == 0; }); });
    r.add("neq", 2, [](auto a, auto&) { return compareOp(a, [](int c) { return c != 0; }); });
    r.add("lt", 2, [](auto a, auto&) { return compareOp(a, [](int c) { return c < 0; }); });
    r.add("lte", 2, [](auto a, auto&) { return compareOp(a, [](int c) { return c <= 0; }); });
    r.add("gt", 2, [](auto a, auto&) { return compareOp(a, [](int c) { return c > 0; }); });
    r.add("gte", 2, [](auto a, auto&) { return compareOp(a, [](int c) { return c >= 0; }); });
    r.add("plus", 2, arithmetic("plus", numberAdd));
    r.add("mul", 2, arithmetic("mul", numberMul));
    r.add("div", 2, arithmetic("div", numberDiv));
    r.add("rem", 2, arithmetic("rem", numberRem));
    r.add("minus", 2, [](std::span<const Value> a, BuiltinContext&) -> BuiltinResult {
        if (a[0].isSet() && a[1].isSet())
            return ok(setOp(a[0], a[1], 2));
        if (a[0].isNumber() && a[1].isNumber()) {
            auto v = numberSub(a[0], a[1]);
            if (!v)
                return v.error();
            return ok(std::move(*v));
        }
        for (int i = 0; i < 2; ++i)
            if (!a[i].isNumber() && !a[i].isSet())
                return builtinTypeError("minus", i + 1, "one of {number, set}", a[i]);
        return builtinTypeError("minus", 2, a[0].isSet() ? "set" : "number", a[1]);
    });
    r.add("and", 2, [](std::span<const Value> a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isSet())
                return builtinTypeError("and", i + 1, "set", a[i]);
        return ok(setOp(a[0], a[1], 0));
    });
    r.add("or", 2, [](std::span<const Value> a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isSet())
                return builtinTypeError("or", i + 1, "set", a[i]);
        return ok(setOp(a[0], a[1], 1));
    });
    r.add("internal.member_2", 2, [](std::span<const Value> a, BuiltinContext&) -> BuiltinResult {
        return ok(Value::boolean(memberOf(a[0], a[1], nullptr)));
    });
    r.add("internal.member_3", 3, [](std::span<const Value> a, BuiltinContext&) -> BuiltinResult {
        return ok(Value::boolean(memberOf(a[1], a[2], &a[0])));
    });
}

} // namespace corral::policy
