// SPDX-License-Identifier: Apache-2.0
#include "Evaluator.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <map>

namespace corral::policy {

namespace {

// A non-owning reference to a callable: continuations are passed down the evaluation and
// never stored, so no allocation is needed.
template <typename Sig> class FnRef;

template <typename R, typename... A> class FnRef<R(A...)>
{
public:
    template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FnRef>>>
    FnRef(F&& f) // NOLINT: implicit by design
        : m_obj(const_cast<void*>(static_cast<const void*>(std::addressof(f)))), m_call([](void* o, A... a) -> R {
              return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<A>(a)...);
          })
    {}
    FnRef(const FnRef&) = default;
    R operator()(A... a) const { return m_call(m_obj, std::forward<A>(a)...); }

private:
    void* m_obj;
    R (*m_call)(void*, A...);
};

// Continuations return true to stop the enumeration (a solution was enough).
using K = FnRef<bool()>;
using KV = FnRef<bool(const Value&)>;

struct EvalFailure
{
    std::string code;
    std::string message;
    Location loc;
};

[[noreturn]] void raise(const char* code, const Location& loc, std::string message)
{
    throw EvalFailure{code, std::move(message), loc};
}

// The variable slots of one rule, function or query evaluation.
struct Frame
{
    Value* vals = nullptr;
    char* bound = nullptr;
};

// Slots for frames, which live and die in stack order: taken from blocks that are kept for
// the whole evaluation, so a rule evaluation allocates nothing. Released slots keep their
// last value until reused (only `bound` says whether a slot holds a binding).
class SlotArena
{
public:
    struct Mark
    {
        std::size_t block = 0;
        std::size_t used = 0;
    };

    Mark mark() const { return m_blocks.empty() ? Mark{} : Mark{m_current, m_blocks[m_current].used}; }

    Frame take(std::size_t n)
    {
        if (n == 0)
            return Frame{};
        while (m_blocks.empty() || m_blocks[m_current].used + n > m_blocks[m_current].size) {
            if (!m_blocks.empty() && m_current + 1 < m_blocks.size()) {
                ++m_current;
                m_blocks[m_current].used = 0;
                continue;
            }
            // Small first block (most evaluations need a few dozen slots), larger ones after.
            const std::size_t size = std::max<std::size_t>(n, m_blocks.empty() ? kFirstBlockSlots : kBlockSlots);
            m_blocks.push_back(Block{std::make_unique<Value[]>(size), std::make_unique<char[]>(size), size, 0});
            m_current = m_blocks.size() - 1;
        }
        Block& b = m_blocks[m_current];
        Frame f{b.vals.get() + b.used, b.bound.get() + b.used};
        std::fill_n(f.bound, n, char(0));
        b.used += n;
        return f;
    }

    void release(const Mark& m)
    {
        if (m_blocks.empty())
            return;
        m_current = m.block;
        m_blocks[m_current].used = m.used;
    }

private:
    static constexpr std::size_t kFirstBlockSlots = 32;
    static constexpr std::size_t kBlockSlots = 256;
    struct Block
    {
        std::unique_ptr<Value[]> vals;
        std::unique_ptr<char[]> bound;
        std::size_t size = 0;
        std::size_t used = 0;
    };
    std::vector<Block> m_blocks;
    std::size_t m_current = 0;
};

// Rule values computed in one evaluation scope (the whole evaluation, or one `with`), by
// RuleSet::index.
struct Cache
{
    enum State : std::uint8_t { Pending, InProgress, Done };
    struct Entry
    {
        std::optional<Value> value;
        State state = Pending;
    };
    explicit Cache(std::size_t n) : entries(n) {}
    std::vector<Entry> entries; // never resized: references to values stay valid
};

struct Replacement
{
    const void* target = nullptr; // RuleSet* or BuiltinDecl*
    const RuleSet* function = nullptr;
    const BuiltinDecl* builtin = nullptr;
    std::optional<Value> value;
};

// Builds the nested object/set a partial rule defines, detecting conflicts.
struct DocBuilder
{
    std::map<Value, DocBuilder> children;
    std::optional<Value> leaf;
    bool isSet = false;
    ValueVector members;

    Value build() const
    {
        if (leaf)
            return *leaf;
        if (isSet)
            return Value::set(members);
        ObjectItems items;
        items.reserve(children.size());
        for (const auto& [k, c] : children)
            items.emplace_back(k, c.build());
        return Value::objectSorted(std::move(items));
    }
};

// Deep merge of b into a (objects merge, equal values are fine, anything else conflicts).
std::optional<Value> mergeDocs(const Value& a, const Value& b)
{
    if (a.isObject() && b.isObject()) {
        ObjectItems items = a.asObject();
        for (const auto& [k, v] : b.asObject()) {
            auto it = std::lower_bound(items.begin(), items.end(), k,
                                       [](const auto& item, const Value& key) { return item.first < key; });
            if (it != items.end() && it->first == k) {
                auto m = mergeDocs(it->second, v);
                if (!m)
                    return std::nullopt;
                it->second = std::move(*m);
            } else {
                items.insert(it, {k, v});
            }
        }
        return Value::objectSorted(std::move(items));
    }
    if (a.isSet() && b.isSet()) {
        ValueVector items = a.asSet();
        items.insert(items.end(), b.asSet().begin(), b.asSet().end());
        return Value::set(std::move(items));
    }
    if (a == b)
        return a;
    return std::nullopt;
}

// `base` with `v` set at `path` (objects created as needed).
Value setPath(const Value& base, const std::vector<std::string>& path, std::size_t i, const Value& v)
{
    if (i == path.size())
        return v;
    ObjectItems items = base.isObject() ? base.asObject() : ObjectItems{};
    Value key = Value::string(path[i]);
    auto it = std::lower_bound(items.begin(), items.end(), key,
                               [](const auto& item, const Value& k) { return item.first < k; });
    if (it != items.end() && it->first == key)
        it->second = setPath(it->second, path, i + 1, v);
    else
        items.insert(it, {key, setPath(Value::emptyObject(), path, i + 1, v)});
    return Value::objectSorted(std::move(items));
}

class Evaluator
{
public:
    Evaluator(const CompiledPolicy& policy, const Value* input, const EvalOptions& options)
        : m_policy(policy), m_input(input), m_options(options), m_rootCache(policy.ruleSets.size())
    {
        m_cache = &m_rootCache;
        m_bctx.strict = options.strictBuiltinErrors;
        m_bctx.randomSeed = options.randomSeed;
        m_bctx.cancelled = options.cancelled;
        m_bctx.nowNs = options.nowNs ? *options.nowNs
                                     : std::int64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                        std::chrono::system_clock::now().time_since_epoch())
                                                        .count());
    }

    std::vector<QueryResult> runQuery(const CompiledQuery& q)
    {
        FrameScope frame(m_arena, q.numSlots);
        m_frame = &frame.frame;
        m_queryBody = q.body.get();
        m_exprValues.assign(q.body->exprs.size(), Value::boolean(true));
        std::vector<QueryResult> out;
        evalBody(*q.body, 0, [&]() {
            QueryResult r;
            r.expressions = m_exprValues;
            for (const auto& [name, slot] : q.vars)
                if (frame.frame.bound[std::size_t(slot)])
                    r.bindings.emplace_back(name, frame.frame.vals[std::size_t(slot)]);
            out.push_back(std::move(r));
            return false;
        });
        return out;
    }

    std::optional<Value> nodeValue(const DataNode& node)
    {
        FrameScope frame(m_arena, 0);
        m_frame = &frame.frame;
        std::optional<Value> result;
        evalNodeValue(node, [&](const Value& v) {
            result = v;
            return true;
        });
        return result;
    }

    std::optional<Value> document(const std::vector<std::string>& path)
    {
        FrameScope frame(m_arena, 0);
        m_frame = &frame.frame;
        const DataNode* node = &m_policy.root;
        std::size_t i = 0;
        for (; i < path.size(); ++i) {
            if (node->rules)
                break;
            auto it = node->children.find(path[i]);
            if (it == node->children.end())
                break;
            node = it->second.get();
        }
        std::optional<Value> result;
        auto take = [&](const Value& v) {
            result = v;
            return true;
        };
        if (i == path.size()) {
            evalNodeValue(*node, take);
            return result;
        }
        // The rest of the path walks the node's value (a partial rule) or the base document.
        std::optional<Value> v;
        evalNodeValue(*node, [&](const Value& nv) {
            v = nv;
            return true;
        });
        if (!v)
            return std::nullopt;
        const Value* cur = &*v;
        for (; i < path.size() && cur; ++i)
            cur = cur->get(path[i]);
        if (cur)
            result = *cur;
        return result;
    }

private:
    // A frame from the arena for the duration of a scope.
    struct FrameScope
    {
        SlotArena& arena;
        SlotArena::Mark mark;
        Frame frame;
        FrameScope(SlotArena& a, int n) : arena(a), mark(a.mark()), frame(a.take(std::size_t(n))) {}
        FrameScope(const FrameScope&) = delete;
        FrameScope& operator=(const FrameScope&) = delete;
        ~FrameScope() { arena.release(mark); }
    };

    // ---- bindings
    void bind(const Term& var, const Value& v)
    {
        m_frame->vals[std::size_t(var.slot)] = v;
        m_frame->bound[std::size_t(var.slot)] = 1;
    }
    void unbind(const Term& var) { m_frame->bound[std::size_t(var.slot)] = 0; }
    bool isUnboundVar(const Term& t) const
    {
        return t.kind == TermKind::Var && (t.scope == VarScope::Local || t.scope == VarScope::Wildcard) &&
               !m_frame->bound[std::size_t(t.slot)];
    }
    bool hasUnbound(const Term& t) const
    {
        switch (t.kind) {
        case TermKind::Var:
            return isUnboundVar(t);
        case TermKind::Array:
        case TermKind::Object:
        case TermKind::Set:
            if (t.ground)
                return false;
            for (const auto& i : t.items)
                if (hasUnbound(*i))
                    return true;
            for (const auto& [k, v] : t.pairs)
                if (hasUnbound(*k) || hasUnbound(*v))
                    return true;
            return false;
        default:
            return false;
        }
    }

    void step(const Location& loc)
    {
        if (++m_steps > m_options.maxSteps)
            raise("eval_limit_error", loc, "evaluation step limit exceeded");
        if ((m_steps & 0xfff) == 0 && m_options.cancelled && m_options.cancelled())
            raise("eval_cancel_error", loc, "evaluation cancelled");
    }

    struct DepthGuard
    {
        Evaluator& e;
        DepthGuard(Evaluator& ev, const Location& loc) : e(ev)
        {
            if (++e.m_depth > e.m_options.maxDepth)
                raise("eval_limit_error", loc, "evaluation depth limit exceeded");
        }
        ~DepthGuard() { --e.m_depth; }
    };

    // ---- bodies and expressions
    bool evalBody(const Body& body, std::size_t i, K k)
    {
        if (i == body.exprs.size()) {
            step(body.loc); // every solution counts, so wide iterations hit the limit too
            return k();
        }
        return evalExpr(body.exprs[i], [&]() { return evalBody(body, i + 1, k); });
    }

    bool evalExpr(const Expr& e, K k)
    {
        step(e.loc);
        DepthGuard guard(*this, e.loc);
        if (!e.withs.empty())
            return evalWith(e, k);
        return evalExprInner(e, k);
    }

    bool evalExprInner(const Expr& e, K k)
    {
        if (e.negated) {
            bool found = false;
            evalPositive(e, [&]() {
                found = true;
                return true;
            });
            return found ? false : k();
        }
        return evalPositive(e, k);
    }

    void recordExprValue(const Expr& e, const Value& v)
    {
        if (m_queryBody && !m_queryBody->exprs.empty() && &e >= &m_queryBody->exprs.front() &&
            &e <= &m_queryBody->exprs.back())
            m_exprValues[std::size_t(&e - &m_queryBody->exprs.front())] = v;
    }

    bool evalPositive(const Expr& e, K k)
    {
        switch (e.kind) {
        case ExprKind::Term: {
            const Term& t = *e.a;
            if (t.kind == TermKind::Call && t.hasOutput)
                return evalCall(t, [&](const Value& v) { return unifyValue(*t.items.back(), v, k); });
            return evalTerm(t, [&](const Value& v) {
                if (v.isFalse())
                    return false;
                recordExprValue(e, v);
                return k();
            });
        }
        case ExprKind::Unify:
            return unify(*e.a, *e.b, k);
        case ExprKind::Assign:
            return evalTerm(*e.b, [&](const Value& v) { return unifyValue(*e.a, v, k); });
        case ExprKind::Some:
            return k();
        case ExprKind::SomeIn:
            return evalTerm(*e.coll, [&](const Value& coll) {
                return forEachMember(coll, [&](const Value& key, const Value& val) {
                    return unifyValue(*e.val, val, [&]() { return e.key ? unifyValue(*e.key, key, k) : k(); });
                });
            });
        case ExprKind::Every: {
            bool all = true;
            bool defined = false;
            evalTerm(*e.coll, [&](const Value& coll) {
                defined = true;
                if (!coll.isCollection()) {
                    all = false;
                    return true;
                }
                forEachMember(coll, [&](const Value& key, const Value& val) {
                    bool ok = unifyValue(*e.val, val, [&]() {
                        auto body = [&]() { return evalBody(*e.body, 0, []() { return true; }); };
                        return e.key ? unifyValue(*e.key, key, body) : body();
                    });
                    if (!ok)
                        all = false;
                    return !ok;
                });
                return true;
            });
            if (!defined || !all)
                return false;
            return k();
        }
        }
        return false;
    }

    // Calls f(key, value) for each member; sets give the member as both.
    template <typename F> bool forEachMember(const Value& coll, F&& f)
    {
        static const Location nowhere;
        switch (coll.type()) {
        case ValueType::Array: {
            const auto& items = coll.asArray();
            for (std::size_t i = 0; i < items.size(); ++i) {
                step(nowhere);
                if (f(Value::integer(std::int64_t(i)), items[i]))
                    return true;
            }
            return false;
        }
        case ValueType::Object:
            for (const auto& [k, v] : coll.asObject()) {
                step(nowhere);
                if (f(k, v))
                    return true;
            }
            return false;
        case ValueType::Set:
            for (const auto& v : coll.asSet()) {
                step(nowhere);
                if (f(v, v))
                    return true;
            }
            return false;
        default:
            return false;
        }
    }

    // ---- with
    bool evalWith(const Expr& e, K k)
    {
        const Value* savedInput = m_input;
        auto savedData = m_dataOverrides;
        auto savedFns = m_fnOverrides;
        Cache* savedCache = m_cache;

        std::deque<Value> inputs;
        const Value* newInput = m_input;
        auto newData = m_dataOverrides;
        auto newFns = m_fnOverrides;
        for (const auto& w : e.withs) {
            const Term& target = *w.target;
            Replacement rep;
            if (const Term& val = *w.value; val.kind == TermKind::Scalar && (val.function || val.builtin)) {
                rep.function = val.function;
                rep.builtin = val.builtin;
            } else {
                std::optional<Value> v;
                evalTerm(val, [&](const Value& x) {
                    v = x;
                    return true;
                });
                if (!v)
                    return false;
                rep.value = *v;
            }
            if (target.builtin || target.function) {
                rep.target = target.builtin ? static_cast<const void*>(target.builtin)
                                            : static_cast<const void*>(target.function);
                newFns.erase(std::remove_if(newFns.begin(), newFns.end(),
                                            [&](const Replacement& r) { return r.target == rep.target; }),
                             newFns.end());
                newFns.push_back(rep);
                continue;
            }
            if (!rep.value)
                raise("rego_compile_error", w.loc, "with keyword value must be a value for input and data");
            std::vector<std::string> path;
            for (const auto& p : target.value.asArray())
                path.push_back(p.asString());
            if (path[0] == "input") {
                std::vector<std::string> rest(path.begin() + 1, path.end());
                const Value base = newInput ? *newInput : Value::emptyObject();
                inputs.push_back(rest.empty() ? *rep.value : setPath(base, rest, 0, *rep.value));
                newInput = &inputs.back();
            } else {
                path.erase(path.begin());
                newData.emplace_back(std::move(path), *rep.value);
            }
        }
        Cache cache(m_policy.ruleSets.size());
        auto apply = [&]() {
            m_input = newInput;
            m_dataOverrides = newData;
            m_fnOverrides = newFns;
            m_cache = &cache;
        };
        auto restore = [&]() {
            m_input = savedInput;
            m_dataOverrides = savedData;
            m_fnOverrides = savedFns;
            m_cache = savedCache;
        };
        apply();
        bool r;
        try {
            r = evalExprInner(e, [&]() {
                restore();
                bool stop = k();
                apply();
                return stop;
            });
        } catch (...) {
            restore();
            throw;
        }
        restore();
        return r;
    }

    // ---- unification
    bool unify(const Term& a, const Term& b, K k)
    {
        if (isUnboundVar(a)) {
            if (isUnboundVar(b))
                raise("rego_unsafe_var_error", a.loc, "var " + a.name + " is unsafe");
            return evalTerm(b, [&](const Value& v) { return unifyValue(a, v, k); });
        }
        if (isUnboundVar(b))
            return evalTerm(a, [&](const Value& v) { return unifyValue(b, v, k); });
        if (a.kind == TermKind::Array && b.kind == TermKind::Array && !a.ground && !b.ground) {
            if (a.items.size() != b.items.size())
                return false;
            return unifyItems(a, b, 0, k);
        }
        if (a.kind == TermKind::Object && b.kind == TermKind::Object && !a.ground && !b.ground && hasUnbound(a) &&
            hasUnbound(b)) {
            if (a.pairs.size() != b.pairs.size())
                return false;
            return unifyPairs(a, b, 0, k);
        }
        if (hasUnbound(a))
            return evalTerm(b, [&](const Value& v) { return unifyValue(a, v, k); });
        if (hasUnbound(b))
            return evalTerm(a, [&](const Value& v) { return unifyValue(b, v, k); });
        return evalTerm(a, [&](const Value& va) { return unifyValue(b, va, k); });
    }

    bool unifyItems(const Term& a, const Term& b, std::size_t i, K k)
    {
        if (i == a.items.size())
            return k();
        // Pairs whose sides are both unbound are postponed until others bound them.
        return unify(*a.items[i], *b.items[i], [&]() { return unifyItems(a, b, i + 1, k); });
    }

    // Objects with unbound variables on both sides: values unify pairwise by (ground) key.
    bool unifyPairs(const Term& a, const Term& b, std::size_t i, K k)
    {
        if (i == a.pairs.size())
            return k();
        return evalTerm(*a.pairs[i].first, [&](const Value& key) {
            for (const auto& [kb, vb] : b.pairs) {
                bool match = false;
                evalTerm(*kb, [&](const Value& other) {
                    match = other == key;
                    return true;
                });
                if (match)
                    return unify(*a.pairs[i].second, *vb, [&]() { return unifyPairs(a, b, i + 1, k); });
            }
            return false;
        });
    }

    bool unifyValue(const Term& p, const Value& v, K k)
    {
        switch (p.kind) {
        case TermKind::Scalar:
            return p.value == v ? k() : false;
        case TermKind::Var:
            if (p.scope == VarScope::Local || p.scope == VarScope::Wildcard) {
                if (m_frame->bound[std::size_t(p.slot)])
                    return m_frame->vals[std::size_t(p.slot)] == v ? k() : false;
                bind(p, v);
                bool r = k();
                unbind(p);
                return r;
            }
            break;
        case TermKind::Array:
            if (p.ground)
                return p.value == v ? k() : false;
            if (!v.isArray() || v.asArray().size() != p.items.size())
                return false;
            return unifyArrayValue(p, v, 0, k);
        case TermKind::Object:
            if (p.ground)
                return p.value == v ? k() : false;
            if (!v.isObject() || v.asObject().size() != p.pairs.size())
                return false;
            return unifyObjectValue(p, v, 0, k);
        default:
            break;
        }
        return evalTerm(p, [&](const Value& pv) { return pv == v ? k() : false; });
    }

    bool unifyArrayValue(const Term& p, const Value& v, std::size_t i, K k)
    {
        if (i == p.items.size())
            return k();
        return unifyValue(*p.items[i], v.asArray()[i], [&]() { return unifyArrayValue(p, v, i + 1, k); });
    }

    bool unifyObjectValue(const Term& p, const Value& v, std::size_t i, K k)
    {
        if (i == p.pairs.size())
            return k();
        return evalTerm(*p.pairs[i].first, [&](const Value& key) {
            const Value* member = v.find(key);
            if (!member)
                return false;
            return unifyValue(*p.pairs[i].second, *member, [&]() { return unifyObjectValue(p, v, i + 1, k); });
        });
    }

    // ---- terms
    bool evalTerm(const Term& t, KV k)
    {
        if (t.ground)
            return k(t.value);
        switch (t.kind) {
        case TermKind::Scalar:
            return k(t.value);
        case TermKind::Var:
            switch (t.scope) {
            case VarScope::Local:
            case VarScope::Wildcard:
                if (!m_frame->bound[std::size_t(t.slot)])
                    raise("rego_unsafe_var_error", t.loc, "var " + t.name + " is unsafe");
                return k(m_frame->vals[std::size_t(t.slot)]);
            case VarScope::Input:
                return m_input ? k(*m_input) : false;
            case VarScope::Data:
                return evalNodeValue(m_policy.root, k);
            default:
                raise("rego_unsafe_var_error", t.loc, "var " + t.name + " is unsafe");
            }
        case TermKind::Ref:
            return evalRef(t, k);
        case TermKind::Array:
        case TermKind::Set: {
            ValueVector acc;
            acc.reserve(t.items.size());
            return evalItems(t, 0, acc, k);
        }
        case TermKind::Object: {
            ObjectItems acc;
            acc.reserve(t.pairs.size());
            return evalPairs(t, 0, acc, k);
        }
        case TermKind::ArrayCompr: {
            ValueVector out;
            evalBody(*t.body, 0, [&]() {
                evalTerm(*t.items[0], [&](const Value& v) {
                    out.push_back(v);
                    return false;
                });
                return false;
            });
            return k(Value::array(std::move(out)));
        }
        case TermKind::SetCompr: {
            ValueVector out;
            evalBody(*t.body, 0, [&]() {
                evalTerm(*t.items[0], [&](const Value& v) {
                    out.push_back(v);
                    return false;
                });
                return false;
            });
            return k(Value::set(std::move(out)));
        }
        case TermKind::ObjectCompr: {
            std::map<Value, Value> out;
            evalBody(*t.body, 0, [&]() {
                evalTerm(*t.items[0], [&](const Value& key) {
                    return evalTerm(*t.items[1], [&](const Value& v) {
                        auto [it, inserted] = out.emplace(key, v);
                        if (!inserted && it->second != v)
                            raise("eval_conflict_error", t.loc, "object keys must be unique");
                        return false;
                    });
                });
                return false;
            });
            ObjectItems items(out.begin(), out.end());
            return k(Value::objectSorted(std::move(items)));
        }
        case TermKind::Call: {
            if (t.hasOutput)
                raise("rego_type_error", t.loc, "function " + t.name + " has too many arguments");
            return evalCall(t, k);
        }
        }
        return false;
    }

    bool evalItems(const Term& t, std::size_t i, ValueVector& acc, KV k)
    {
        if (i == t.items.size()) {
            ValueVector copy = acc;
            return k(t.kind == TermKind::Array ? Value::array(std::move(copy)) : Value::set(std::move(copy)));
        }
        return evalTerm(*t.items[i], [&](const Value& v) {
            acc.push_back(v);
            bool r = evalItems(t, i + 1, acc, k);
            acc.pop_back();
            return r;
        });
    }

    bool evalPairs(const Term& t, std::size_t i, ObjectItems& acc, KV k)
    {
        if (i == t.pairs.size()) {
            ObjectItems copy = acc;
            return k(Value::object(std::move(copy)));
        }
        return evalTerm(*t.pairs[i].first, [&](const Value& key) {
            return evalTerm(*t.pairs[i].second, [&](const Value& v) {
                acc.emplace_back(key, v);
                bool r = evalPairs(t, i + 1, acc, k);
                acc.pop_back();
                return r;
            });
        });
    }

    // ---- references
    bool evalRef(const Term& t, KV k)
    {
        const Term& head = *t.items[0];
        if (head.kind == TermKind::Var) {
            switch (head.scope) {
            case VarScope::Data:
                // The compiler found where the constant prefix leads; `with data...` may
                // change what lies on the way, so then the walk starts at the root.
                if (t.dataNode && m_dataOverrides.empty())
                    return evalData(*t.dataNode, t, t.dataNodeEnd, k);
                return evalData(m_policy.root, t, 1, k);
            case VarScope::Input:
                return m_input ? walk(*m_input, t, 1, k) : false;
            default:
                break;
            }
        }
        return evalTerm(head, [&](const Value& v) { return walk(v, t, 1, k); });
    }

    // Descends into a value along the reference's operands from i, iterating unbound ones.
    bool walk(const Value& v, const Term& ref, std::size_t i, KV k)
    {
        if (i == ref.items.size())
            return k(v);
        const Term& op = *ref.items[i];
        if (op.ground) {
            const Value* next = v.find(op.value);
            return next ? walk(*next, ref, i + 1, k) : false;
        }
        if (isUnboundVar(op)) {
            return forEachMember(v, [&](const Value& key, const Value& val) {
                bind(op, key);
                bool r = walk(val, ref, i + 1, k);
                unbind(op);
                return r;
            });
        }
        if (hasUnbound(op)) {
            return forEachMember(v, [&](const Value& key, const Value& val) {
                return unifyValue(op, key, [&]() { return walk(val, ref, i + 1, k); });
            });
        }
        return evalTerm(op, [&](const Value& key) {
            const Value* next = v.find(key);
            return next ? walk(*next, ref, i + 1, k) : false;
        });
    }

    // walk() for base documents: their object keys are JSON strings, so a number operand
    // also finds the key spelled as that number (data.a[1] finds "1"), as in OPA.
    bool walkBase(const Value& v, const Term& ref, std::size_t i, KV k)
    {
        if (i == ref.items.size() || !v.isObject() || isUnboundVar(*ref.items[i]))
            return walk(v, ref, i, k);
        return evalTerm(*ref.items[i], [&](const Value& key) {
            const Value* next = v.find(key);
            if (!next && key.isNumber())
                next = v.get(key.toJson());
            return next ? walkBase(*next, ref, i + 1, k) : false;
        });
    }

    const Value* baseAt(const std::vector<std::string>& path) const
    {
        const Value* cur = &m_policy.data;
        for (const auto& p : path) {
            cur = cur->get(p);
            if (!cur)
                return nullptr;
        }
        return cur;
    }

    // Overrides from `with data...` at or below a path, applied to that path's value.
    std::optional<Value> applyOverrides(const std::vector<std::string>& path, std::optional<Value> v) const
    {
        for (const auto& [opath, ov] : m_dataOverrides) {
            if (opath.size() < path.size() || !std::equal(path.begin(), path.end(), opath.begin()))
                continue;
            if (opath.size() == path.size()) {
                v = ov;
                continue;
            }
            std::vector<std::string> rest(opath.begin() + long(path.size()), opath.end());
            v = setPath(v ? *v : Value::emptyObject(), rest, 0, ov);
        }
        return v;
    }

    // An override at a proper prefix of path, if any (then the path is inside that value).
    const std::pair<std::vector<std::string>, Value>* overrideAbove(const std::vector<std::string>& path) const
    {
        const std::pair<std::vector<std::string>, Value>* found = nullptr;
        for (const auto& o : m_dataOverrides)
            if (o.first.size() <= path.size() && std::equal(o.first.begin(), o.first.end(), path.begin()))
                found = &o;
        return found;
    }

    bool hasOverrideBelow(const std::vector<std::string>& path) const
    {
        for (const auto& o : m_dataOverrides)
            if (o.first.size() >= path.size() && std::equal(path.begin(), path.end(), o.first.begin()))
                return true;
        return false;
    }

    // The value of a node: its rules' value merged with the documents below it.
    bool evalNodeValue(const DataNode& node, KV k)
    {
        if (!m_dataOverrides.empty()) {
            if (auto* o = overrideAbove(node.path)) {
                const Value* cur = &o->second;
                for (std::size_t i = o->first.size(); i < node.path.size() && cur; ++i)
                    cur = cur->get(node.path[i]);
                if (!cur)
                    return false;
                auto v = applyOverrides(node.path, *cur);
                return k(*v);
            }
        }
        std::optional<Value> v;
        if (node.rules) {
            if (node.rules->kind == RuleKind::Function)
                return false;
            const std::optional<Value>& rv = ruleSetValue(*node.rules);
            if (m_dataOverrides.empty())
                return rv ? k(*rv) : false;
            v = rv;
        } else {
            v = docOf(node);
        }
        if (!m_dataOverrides.empty())
            v = applyOverrides(node.path, v);
        return v ? k(*v) : false;
    }

    // A node without rules: base document merged with the virtual documents below.
    Value docOf(const DataNode& node)
    {
        const Value* base = baseAt(node.path);
        ObjectItems items;
        if (base && base->isObject())
            items = base->asObject();
        else if (base && node.children.empty())
            return *base;
        for (const auto& [key, child] : node.children) {
            std::optional<Value> cv;
            evalNodeValue(*child, [&](const Value& x) {
                cv = x;
                return true;
            });
            if (!cv)
                continue;
            Value kv = Value::string(key);
            auto it = std::lower_bound(items.begin(), items.end(), kv,
                                       [](const auto& item, const Value& k) { return item.first < k; });
            if (it != items.end() && it->first == kv) {
                // Where a base document and a rule overlap, the base document wins.
                if (auto m = mergeDocs(it->second, *cv))
                    it->second = *m;
            } else {
                items.insert(it, {kv, *cv});
            }
        }
        return Value::objectSorted(std::move(items));
    }

    bool evalData(const DataNode& node, const Term& ref, std::size_t i, KV k)
    {
        if (node.rules || i == ref.items.size() || (!m_dataOverrides.empty() && overrideAbove(node.path)))
            return evalNodeValue(node, [&](const Value& v) { return walk(v, ref, i, k); });
        const Term& op = *ref.items[i];
        auto byKey = [&](const Value& key) -> bool {
            if (key.isString()) {
                auto it = node.children.find(key.asString());
                if (it != node.children.end())
                    return evalData(*it->second, ref, i + 1, k);
            }
            const Value* base = baseAt(node.path);
            const Value* next = base ? base->find(key) : nullptr;
            if (!next && base && key.isNumber() && base->isObject()) {
                // Base documents come from JSON, whose keys are strings: data.a[1] finds "1".
                next = base->get(key.toJson());
            }
            if (!m_dataOverrides.empty() && key.isString()) {
                std::vector<std::string> p = node.path;
                p.push_back(key.asString());
                if (hasOverrideBelow(p)) {
                    auto v = applyOverrides(p, next ? std::optional<Value>(*next) : std::nullopt);
                    return v ? walk(*v, ref, i + 1, k) : false;
                }
            }
            if (!next)
                return false;
            return walkBase(*next, ref, i + 1, k);
        };
        if (op.ground)
            return byKey(op.value);
        if (isUnboundVar(op)) {
            std::vector<Value> keys;
            for (const auto& [name, child] : node.children)
                keys.push_back(Value::string(name));
            for (const auto& [opath, ov] : m_dataOverrides)
                if (opath.size() > node.path.size() && std::equal(node.path.begin(), node.path.end(), opath.begin()))
                    keys.push_back(Value::string(opath[node.path.size()]));
            if (const Value* base = baseAt(node.path); base && base->isObject())
                for (const auto& [key, v] : base->asObject())
                    keys.push_back(key);
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
            for (const auto& key : keys) {
                bind(op, key);
                bool r = byKey(key);
                unbind(op);
                if (r)
                    return true;
            }
            return false;
        }
        return evalTerm(op, [&](const Value& key) { return byKey(key); });
    }

    // ---- rules
    // The value of a rule set's node: its rules' document with the documents of the rules
    // below it inserted (computed once per evaluation scope).
    const std::optional<Value>& ruleSetValue(const RuleSet& rs)
    {
        Cache::Entry& entry = m_cache->entries[std::size_t(rs.index)];
        if (entry.state == Cache::Done)
            return entry.value;
        if (entry.state == Cache::InProgress)
            raise("rego_recursion_error", rs.rules.empty() ? Location{} : rs.rules[0]->loc,
                  "rule " + rs.name + " is recursive");
        entry.state = Cache::InProgress;
        try {
            entry.value = computeRuleSet(rs);
        } catch (...) {
            entry.state = Cache::Pending;
            throw;
        }
        entry.state = Cache::Done;
        return entry.value;
    }

    // Values of a rule set's index guards, each evaluated when the first rule testing it is
    // reached (so errors surface where they would without the index).
    struct GuardMemo
    {
        std::array<std::optional<Value>, kMaxRuleGuards> values;
        std::array<bool, kMaxRuleGuards> done{};
    };

    bool guardHolds(const RuleSet& rs, const Rule& r, GuardMemo& memo)
    {
        const auto g = std::size_t(r.guard);
        if (!memo.done[g]) {
            memo.done[g] = true;
            evalTerm(*rs.guards[g], [&](const Value& v) {
                memo.values[g] = v;
                return true;
            });
        }
        return memo.values[g] && *memo.values[g] == r.guardValue;
    }

    std::optional<Value> computeRuleSet(const RuleSet& rs)
    {
        if (rs.kind == RuleKind::Function)
            return std::nullopt;
        Frame* savedFrame = m_frame;
        const Body* savedQuery = m_queryBody;
        m_queryBody = nullptr;
        struct Restore
        {
            Evaluator& e;
            Frame* f;
            const Body* q;
            ~Restore()
            {
                e.m_frame = f;
                e.m_queryBody = q;
            }
        } restore{*this, savedFrame, savedQuery};

        DocBuilder doc;
        bool any = false;
        GuardMemo guards;
        // A replaced `==` (`with equal as ...`) must run, so guards only apply without replacements.
        const bool useGuards = !rs.guards.empty() && m_fnOverrides.empty();
        for (const auto& rule : rs.rules) {
            const Rule* first = rule.get();
            std::size_t start = 0;
            if (useGuards && first->guard >= 0) {
                if (!guardHolds(rs, *first, guards))
                    continue;
                start = 1; // the guard is the body's first expression, known to hold
            }
            if (first->kind == RuleKind::Complete) {
                // Complete rules (also a constant-path rule grouped with object rules, e.g.
                // `p.a := 1` next to `p[x] := ...`) contribute their value as a whole.
                for (const Rule* r = first; r; r = r->elseRule.get()) {
                    bool produced = false;
                    FrameScope frame(m_arena, r->numSlots);
                    m_frame = &frame.frame;
                    evalBody(r->body, r == first ? start : 0, [&]() {
                        return evalTerm(*r->value, [&](const Value& v) {
                            produced = true;
                            if (doc.leaf && *doc.leaf != v)
                                raise("eval_conflict_error", r->loc,
                                      "complete rules must not produce multiple outputs");
                            doc.leaf = v;
                            return false;
                        });
                    });
                    if (produced)
                        break;
                }
                any = any || doc.leaf.has_value();
                continue;
            }
            FrameScope frame(m_arena, first->numSlots);
            m_frame = &frame.frame;
            evalBody(first->body, start, [&]() {
                insertKeys(doc, *first, 0, any);
                return false;
            });
        }
        if (!any && rs.defaultRule) {
            doc.leaf = defaultValue(*rs.defaultRule);
            any = doc.leaf.has_value();
        }
        bool below = false;
        if (rs.node)
            for (const auto& [key, child] : rs.node->children)
                below = insertChild(doc, key, *child, rs) || below;
        if (!any && !below) {
            if (rs.kind == RuleKind::PartialSet && !rs.rules.empty() && rs.rules[0]->keys.size() == 1)
                return Value::emptySet();
            if (rs.kind == RuleKind::PartialObject && !rs.rules.empty())
                return Value::emptyObject();
            return std::nullopt;
        }
        return doc.build();
    }

    // Inserts the documents of the data tree below a rule set (rules with longer ref heads,
    // packages below) into its document. A rule's value is opaque: nothing may be inserted
    // inside it, and where two rules' values meet they must be equal (eval_conflict_error,
    // as OPA). False when the child contributes nothing (its rules are undefined).
    bool insertChild(DocBuilder& parent, const std::string& key, const DataNode& child, const RuleSet& owner)
    {
        const Location& loc = owner.rules.empty() ? Location{} : owner.rules[0]->loc;
        if (parent.leaf || parent.isSet)
            raise("eval_conflict_error", loc, "object keys must be unique");
        const bool replaced =
            !m_dataOverrides.empty() && (hasOverrideBelow(child.path) || overrideAbove(child.path) != nullptr);
        if (child.rules || replaced || baseAt(child.path)) {
            std::optional<Value> cv;
            evalNodeValue(child, [&](const Value& x) {
                cv = x;
                return true;
            });
            if (!cv)
                return false;
            DocBuilder& at = parent.children[Value::string(key)];
            if (child.rules && child.rules->kind == RuleKind::PartialSet && cv->isSet() && !replaced)
                insertMembers(at, *cv, loc); // multi-value rules at one path: one set
            else if (child.rules && child.rules->kind != RuleKind::PartialObject && !replaced)
                insertLeaf(at, *cv, loc);
            else
                insertValue(at, *cv, loc); // object rules, base documents: their objects merge
            return true;
        }
        DocBuilder& at = parent.children[Value::string(key)]; // a package: an object, maybe empty
        for (const auto& [k, c] : child.children)
            insertChild(at, k, *c, owner);
        return true;
    }

    static void insertLeaf(DocBuilder& at, const Value& v, const Location& loc)
    {
        if (at.isSet || !at.children.empty() || (at.leaf && *at.leaf != v))
            raise("eval_conflict_error", loc, "object keys must be unique");
        at.leaf = v;
    }

    static void insertMembers(DocBuilder& at, const Value& set, const Location& loc)
    {
        if (at.leaf || !at.children.empty())
            raise("eval_conflict_error", loc, "object keys must be unique");
        at.isSet = true;
        at.members.insert(at.members.end(), set.asSet().begin(), set.asSet().end());
    }

    static void insertValue(DocBuilder& at, const Value& v, const Location& loc)
    {
        if (!v.isObject() || at.leaf || at.isSet) {
            insertLeaf(at, v, loc);
            return;
        }
        for (const auto& [k, x] : v.asObject())
            insertValue(at.children[k], x, loc);
    }

    std::optional<Value> defaultValue(const Rule& rule)
    {
        Frame* saved = m_frame;
        FrameScope frame(m_arena, rule.numSlots);
        m_frame = &frame.frame;
        std::optional<Value> v;
        evalTerm(*rule.value, [&](const Value& x) {
            v = x;
            return true;
        });
        m_frame = saved;
        return v;
    }

    void insertKeys(DocBuilder& node, const Rule& r, std::size_t i, bool& any)
    {
        const bool multi = r.kind == RuleKind::PartialSet;
        const std::size_t lastKey = multi ? r.keys.size() - 1 : r.keys.size();
        if (i == lastKey) {
            if (multi) {
                evalTerm(*r.keys.back(), [&](const Value& member) {
                    if (node.leaf || !node.children.empty())
                        raise("eval_conflict_error", r.loc, "object keys must be unique");
                    any = true;
                    node.isSet = true;
                    node.members.push_back(member);
                    return false;
                });
                return;
            }
            evalTerm(*r.value, [&](const Value& v) {
                if ((node.leaf && *node.leaf != v) || !node.children.empty() || node.isSet)
                    raise("eval_conflict_error", r.loc, "object keys must be unique");
                any = true;
                node.leaf = v;
                return false;
            });
            return;
        }
        evalTerm(*r.keys[i], [&](const Value& key) {
            if (node.leaf || node.isSet)
                raise("eval_conflict_error", r.loc, "object keys must be unique");
            DocBuilder& child = node.children[key];
            insertKeys(child, r, i + 1, any);
            if (!child.leaf && !child.isSet && child.children.empty())
                node.children.erase(key);
            return false;
        });
    }

    // ---- calls
    bool evalCall(const Term& t, KV k)
    {
        const std::size_t n = t.hasOutput ? t.items.size() - 1 : t.items.size();
        // Operators and most built-ins take few operands: keep them on the stack.
        constexpr std::size_t kInline = 4;
        if (n <= kInline) {
            std::array<Value, kInline> args;
            return evalArgs(t, 0, n, args.data(), k);
        }
        std::vector<Value> args(n);
        return evalArgs(t, 0, n, args.data(), k);
    }

    bool evalArgs(const Term& t, std::size_t i, std::size_t n, Value* args, KV k)
    {
        if (i == n)
            return dispatch(t, std::span<const Value>(args, n), k);
        return evalTerm(*t.items[i], [&](const Value& v) {
            args[i] = v;
            return evalArgs(t, i + 1, n, args, k);
        });
    }

    bool dispatch(const Term& t, std::span<const Value> args, KV k)
    {
        const RuleSet* fn = t.function;
        const BuiltinDecl* builtin = t.builtin;
        if (!m_fnOverrides.empty()) {
            const void* key = fn ? static_cast<const void*>(fn) : static_cast<const void*>(builtin);
            for (const auto& rep : m_fnOverrides) {
                if (rep.target != key)
                    continue;
                if (rep.value)
                    return k(*rep.value);
                fn = rep.function;
                builtin = rep.builtin;
                break;
            }
        }
        if (fn != t.function || builtin != t.builtin) {
            // A replacement runs without the replacements in force (a mock never calls a mock).
            auto saved = std::move(m_fnOverrides);
            m_fnOverrides.clear();
            std::optional<Value> result;
            try {
                if (fn) {
                    callFunction(*fn, args, t.loc, [&](const Value& v) {
                        result = v;
                        return true;
                    });
                } else {
                    Term direct = t;
                    direct.builtin = builtin;
                    direct.function = nullptr;
                    dispatch(direct, args, [&](const Value& v) {
                        result = v;
                        return true;
                    });
                }
            } catch (...) {
                m_fnOverrides = std::move(saved);
                throw;
            }
            m_fnOverrides = std::move(saved);
            return result ? k(*result) : false;
        }
        if (fn)
            return callFunction(*fn, args, t.loc, k);
        if (!builtin)
            return false;
        if (builtin->name == "print")
            return k(Value::boolean(true));
        if (int(args.size()) != builtin->arity)
            raise("rego_type_error", t.loc, builtin->name + ": arity mismatch");
        BuiltinResult r = builtin->fn(args, m_bctx);
        if (!r) {
            const Error& err = r.error();
            if (m_options.strictBuiltinErrors)
                raise(err.code.toStdString().c_str(), t.loc, err.message.toStdString());
            return false;
        }
        if (!r->has_value())
            return false;
        if (builtin->relation) {
            const Value& all = **r;
            for (const auto& v : all.asArray())
                if (k(v))
                    return true;
            return false;
        }
        return k(**r);
    }

    bool callFunction(const RuleSet& fn, std::span<const Value> args, const Location& loc, KV k)
    {
        DepthGuard guard(*this, loc);
        Frame* savedFrame = m_frame;
        const Body* savedQuery = m_queryBody;
        m_queryBody = nullptr;
        std::optional<Value> result;
        try {
            for (const auto& rule : fn.rules) {
                const Rule* first = rule.get();
                FrameScope frame(m_arena, first->numSlots);
                m_frame = &frame.frame;
                bindArgs(*first, args, 0, [&]() {
                    for (const Rule* r = first; r; r = r->elseRule.get()) {
                        bool any = false;
                        evalBody(r->body, 0, [&]() {
                            return evalTerm(*r->value, [&](const Value& v) {
                                any = true;
                                if (result && *result != v)
                                    raise("eval_conflict_error", r->loc,
                                          "functions must not produce multiple outputs for same inputs");
                                result = v;
                                return false;
                            });
                        });
                        if (any)
                            break;
                    }
                    return false;
                });
            }
        } catch (...) {
            m_frame = savedFrame;
            m_queryBody = savedQuery;
            throw;
        }
        m_frame = savedFrame;
        m_queryBody = savedQuery;
        if (!result && fn.defaultRule)
            result = defaultValue(*fn.defaultRule);
        return result ? k(*result) : false;
    }

    bool bindArgs(const Rule& r, std::span<const Value> args, std::size_t i, K k)
    {
        if (i == args.size())
            return k();
        return unifyValue(*r.args[i], args[i], [&]() { return bindArgs(r, args, i + 1, k); });
    }

    const CompiledPolicy& m_policy;
    const Value* m_input;
    const EvalOptions& m_options;
    BuiltinContext m_bctx;
    SlotArena m_arena;
    Frame* m_frame = nullptr;
    Cache m_rootCache;
    Cache* m_cache;
    std::vector<std::pair<std::vector<std::string>, Value>> m_dataOverrides;
    std::vector<Replacement> m_fnOverrides;
    const Body* m_queryBody = nullptr;
    std::vector<Value> m_exprValues;
    std::uint64_t m_steps = 0;
    int m_depth = 0;
};

Error toError(const EvalFailure& f)
{
    // OPA's form for evaluation errors: "FILE:ROW: message".
    std::string msg;
    if (f.loc.file && !f.loc.file->empty() && f.loc.row > 0)
        msg += *f.loc.file + ":" + std::to_string(f.loc.row) + ": ";
    msg += f.message;
    return makeError(QString::fromStdString(f.code), QString::fromStdString(msg));
}

} // namespace

Result<std::vector<std::optional<Value>>> evalDocuments(const CompiledPolicy& policy,
                                                        const std::vector<std::vector<std::string>>& paths,
                                                        const Value* input, const EvalOptions& options)
{
    try {
        Evaluator ev(policy, input, options);
        std::vector<std::optional<Value>> out;
        out.reserve(paths.size());
        for (const auto& p : paths)
            out.push_back(ev.document(p));
        return out;
    } catch (const EvalFailure& f) {
        return toError(f);
    }
}

Result<std::vector<std::optional<Value>>> evalNodes(const CompiledPolicy& policy,
                                                    const std::vector<const DataNode*>& nodes, const Value* input,
                                                    const EvalOptions& options)
{
    try {
        Evaluator ev(policy, input, options);
        std::vector<std::optional<Value>> out;
        out.reserve(nodes.size());
        for (const DataNode* n : nodes)
            out.push_back(ev.nodeValue(*n));
        return out;
    } catch (const EvalFailure& f) {
        return toError(f);
    }
}

Result<std::vector<QueryResult>> evalQuery(const CompiledPolicy& policy, const CompiledQuery& query, const Value* input,
                                           const EvalOptions& options)
{
    try {
        Evaluator ev(policy, input, options);
        return ev.runQuery(query);
    } catch (const EvalFailure& f) {
        return toError(f);
    }
}

Result<std::optional<Value>> evalDocument(const CompiledPolicy& policy, const std::vector<std::string>& path,
                                          const Value* input, const EvalOptions& options)
{
    try {
        Evaluator ev(policy, input, options);
        return ev.document(path);
    } catch (const EvalFailure& f) {
        return toError(f);
    }
}

} // namespace corral::policy
