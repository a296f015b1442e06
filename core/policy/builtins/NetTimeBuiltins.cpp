// SPDX-License-Identifier: Apache-2.0
// net.cidr_*, time.* and semver.* built-ins.
#include "BuiltinSupport.h"
#include "Cidr.h"
#include "GoTime.h"
#include "Semver.h"

namespace corral::policy::builtins {

namespace {

using Args = std::span<const Value>;

// Expansion materialises every address; larger blocks are refused rather than exhausting memory.
constexpr qsizetype kMaxExpandedAddresses = 1 << 16;

Result<IpNetwork> cidrOperand(std::string_view name, const Value& v, int operand)
{
    if (!v.isString())
        return builtinTypeError(name, operand, "string", v);
    auto net = parseCidr(qs(v.asString()));
    if (!net)
        return builtinError(name, net.error().message);
    return net;
}

// net.cidr_contains: the second operand is an address or a block.
Result<bool> cidrContains(std::string_view name, const Value& a, const Value& b)
{
    auto outer = cidrOperand(name, a, 1);
    if (!outer)
        return outer.error();
    if (!b.isString())
        return builtinTypeError(name, 2, "string", b);
    IpAddress ip;
    if (parseIpAddress(qs(b.asString()), ip))
        return outer->contains(ip);
    auto inner = parseCidr(qs(b.asString()));
    if (!inner)
        return builtinError(
            name,
            QStringLiteral("not a valid textual representation of an IP address or CIDR: %1").arg(qs(b.asString())));
    return cidrContainsNetwork(*outer, *inner);
}

// net.cidr_contains_matches operands: a string, or an array/set/object of strings or
// non-empty arrays whose first element is the CIDR; each with the key reported in matches.
Result<std::vector<std::pair<Value, Value>>> matchOperand(const Value& v, int operand)
{
    std::vector<std::pair<Value, Value>> out; // (cidr, key)
    const auto cidrOf = [&](const Value& x) -> Result<Value> {
        if (x.isString())
            return x;
        if (x.isArray() && !x.asArray().empty())
            return x.asArray().front();
        return builtinError("net.cidr_contains_matches",
                            QStringLiteral("operand %1: element must be string or non-empty array").arg(operand));
    };
    switch (v.type()) {
    case ValueType::String:
        out.emplace_back(v, v);
        break;
    case ValueType::Array: {
        const auto& arr = v.asArray();
        for (std::size_t i = 0; i < arr.size(); ++i) {
            auto c = cidrOf(arr[i]);
            if (!c)
                return c.error();
            out.emplace_back(*c, Value::integer(std::int64_t(i)));
        }
        break;
    }
    case ValueType::Set:
        for (const Value& m : v.asSet()) {
            auto c = cidrOf(m);
            if (!c)
                return c.error();
            out.emplace_back(*c, m);
        }
        break;
    case ValueType::Object:
        for (const auto& [k, m] : v.asObject()) {
            auto c = cidrOf(m);
            if (!c)
                return c.error();
            out.emplace_back(*c, k);
        }
        break;
    default:
        return typeError("net.cidr_contains_matches",
                         QStringLiteral("operand %1 must be one of {string, array, set, object} but got %2")
                             .arg(operand)
                             .arg(QString::fromLatin1(v.typeName())));
    }
    return out;
}

struct ZonedInstant
{
    GoInstant instant;
    GoZone zone;
    QString layout;
};

// OPA's tzTime: a number (ns) or [ns, zone name, layout].
Result<ZonedInstant> zonedOperand(std::string_view name, const Value& v)
{
    const auto expected = [&] {
        return builtinTypeError(name, 1, "either number (ns) or [number (ns), string (tz)]", v);
    };
    const Value* ns = &v;
    ZonedInstant out{GoInstant{}, GoZone::utc(), QString()};
    if (v.isArray()) {
        const auto& arr = v.asArray();
        if (arr.empty())
            return expected();
        ns = &arr[0];
        if (!ns->isNumber())
            return builtinTypeError(name, 1, "number", *ns);
        if (arr.size() > 1) {
            if (!arr[1].isString())
                return builtinTypeError(name, 1, "string", arr[1]);
            auto zone = GoZone::load(qs(arr[1].asString()));
            if (!zone)
                return builtinError(name, zone.error().message);
            out.zone = *zone;
        }
        if (arr.size() > 2) {
            if (!arr[2].isString())
                return builtinTypeError(name, 1, "string", arr[2]);
            out.layout = resolveLayoutName(qs(arr[2].asString()));
        }
    } else if (!v.isNumber()) {
        return expected();
    }
    const auto i = ns->asInt64();
    if (!i || !ns->isInteger() || !ns->bigText().empty())
        return builtinError(name, QStringLiteral("timestamp too big"));
    out.instant = GoInstant::fromUnixNanos(*i);
    return out;
}

BuiltinResult nanos(std::string_view name, const Result<GoInstant>& t)
{
    if (!t)
        return builtinError(name, t.error().message);
    auto ns = t->toUnixNanos();
    if (!ns)
        return builtinError(name, ns.error().message);
    return ok(Value::integer(*ns));
}

BuiltinResult semverCompare(Args a)
{
    constexpr std::string_view name = "semver.compare";
    SemVersion v[2];
    for (int i = 0; i < 2; ++i) {
        if (!a[i].isString())
            return builtinTypeError(name, i + 1, "string", a[i]);
        auto parsed = parseSemver(qs(a[i].asString()));
        if (!parsed)
            return builtinError(
                name, QStringLiteral("operand %1: string %2 is not a valid SemVer").arg(i + 1).arg(qs(a[i].toJson())));
        v[i] = *parsed;
    }
    return ok(Value::integer(compareSemver(v[0], v[1])));
}

} // namespace

void registerNetTimeBuiltins(BuiltinRegistry& r)
{
    r.add("net.cidr_contains", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto c = cidrContains("net.cidr_contains", a[0], a[1]);
        if (!c)
            return c.error();
        return ok(Value::boolean(*c));
    });
    r.add("net.cidr_intersects", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto x = cidrOperand("net.cidr_intersects", a[0], 1);
        if (!x)
            return x.error();
        auto y = cidrOperand("net.cidr_intersects", a[1], 2);
        if (!y)
            return y.error();
        return ok(Value::boolean(cidrIntersects(*x, *y)));
    });
    r.add("net.cidr_is_valid", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        return ok(Value::boolean(a[0].isString() && parseCidr(qs(a[0].asString())).ok()));
    });
    r.add("net.cidr_expand", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto net = cidrOperand("net.cidr_expand", a[0], 1);
        if (!net)
            return net.error();
        auto all = cidrExpand(*net, kMaxExpandedAddresses);
        if (!all)
            return builtinError("net.cidr_expand", all.error().message);
        ValueVector out;
        out.reserve(std::size_t(all->size()));
        for (const QString& ip : *all)
            out.push_back(str(ip));
        return ok(Value::set(std::move(out)));
    });
    r.add("net.cidr_contains_matches", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto outer = matchOperand(a[0], 1);
        if (!outer)
            return outer.error();
        auto inner = matchOperand(a[1], 2);
        if (!inner)
            return inner.error();
        ValueVector matches;
        for (const auto& [c1, k1] : *outer)
            for (const auto& [c2, k2] : *inner) {
                auto c = cidrContains("net.cidr_contains_matches", c1, c2);
                if (!c)
                    return c.error();
                if (*c)
                    matches.push_back(Value::array({k1, k2}));
            }
        return ok(Value::set(std::move(matches)));
    });

    BuiltinDecl now;
    now.name = "time.now_ns";
    now.arity = 0;
    now.nondeterministic = true;
    now.fn = [](Args, BuiltinContext& ctx) -> BuiltinResult { return ok(Value::integer(ctx.nowNs)); };
    r.add(std::move(now));

    r.add("time.parse_rfc3339_ns", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("time.parse_rfc3339_ns", 1, "string", a[0]);
        return nanos("time.parse_rfc3339_ns",
                     goParseTime(resolveLayoutName(QStringLiteral("RFC3339")), qs(a[0].asString())));
    });
    r.add("time.parse_ns", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        for (int i = 0; i < 2; ++i)
            if (!a[i].isString())
                return builtinTypeError("time.parse_ns", i + 1, "string", a[i]);
        return nanos("time.parse_ns", goParseTime(resolveLayoutName(qs(a[0].asString())), qs(a[1].asString())));
    });
    r.add("time.parse_duration_ns", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("time.parse_duration_ns", 1, "string", a[0]);
        auto d = goParseDuration(qs(a[0].asString()));
        if (!d)
            return builtinError("time.parse_duration_ns", d.error().message);
        return ok(Value::integer(*d));
    });
    r.add("time.date", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto t = zonedOperand("time.date", a[0]);
        if (!t)
            return t.error();
        const GoCivil c = toCivil(t->instant, t->zone);
        return ok(Value::array({Value::integer(c.year), Value::integer(c.month), Value::integer(c.day)}));
    });
    r.add("time.clock", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto t = zonedOperand("time.clock", a[0]);
        if (!t)
            return t.error();
        const GoCivil c = toCivil(t->instant, t->zone);
        return ok(Value::array({Value::integer(c.hour), Value::integer(c.minute), Value::integer(c.second)}));
    });
    r.add("time.weekday", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto t = zonedOperand("time.weekday", a[0]);
        if (!t)
            return t.error();
        return ok(str(weekdayName(toCivil(t->instant, t->zone).weekday)));
    });
    r.add("time.add_date", 4, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto t = zonedOperand("time.add_date", a[0]);
        if (!t)
            return t.error();
        std::int64_t delta[3];
        for (int i = 0; i < 3; ++i) {
            auto n = intOperand("time.add_date", a[i + 1], i + 2);
            if (!n)
                return n.error();
            delta[i] = *n;
        }
        return nanos("time.add_date", goAddDate(t->instant, t->zone, delta[0], delta[1], delta[2]));
    });
    r.add("time.diff", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto t1 = zonedOperand("time.diff", a[0]);
        if (!t1)
            return t1.error();
        auto t2 = zonedOperand("time.diff", a[1]);
        if (!t2)
            return t2.error();
        const auto d = goTimeDiff(t1->instant, t2->instant, t1->zone);
        ValueVector out;
        for (std::int64_t x : d)
            out.push_back(Value::integer(x));
        return ok(Value::array(std::move(out)));
    });
    r.add("time.format", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        auto t = zonedOperand("time.format", a[0]);
        if (!t)
            return t.error();
        const QString layout = t->layout.isEmpty() ? resolveLayoutName(QStringLiteral("RFC3339Nano")) : t->layout;
        return ok(str(goFormatTime(t->instant, t->zone, layout)));
    });

    r.add("semver.is_valid", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        return ok(Value::boolean(a[0].isString() && parseSemver(qs(a[0].asString())).ok()));
    });
    r.add("semver.compare", 2, [](Args a, BuiltinContext&) { return semverCompare(a); });
}

} // namespace corral::policy::builtins
