// SPDX-License-Identifier: Apache-2.0
#include "Compiler.h"

#include "Parser.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace corral::policy {

namespace {

std::string joinPath(const std::vector<std::string>& path)
{
    std::string out = "data";
    for (const auto& p : path)
        out += "." + p;
    return out;
}

struct Scope
{
    std::unordered_map<std::string, int> vars;
    // Variables declared with `:=` or `some`, by the index of the declaring expression: they
    // are visible from there on, so a comprehension earlier in the body has its own variable.
    std::unordered_map<std::string, int> declaredAt;
    int current = std::numeric_limits<int>::max(); // index of the expression being compiled
    Scope* parent = nullptr;

    int find(const std::string& name) const
    {
        for (const Scope* s = this; s; s = s->parent) {
            auto it = s->vars.find(name);
            if (it == s->vars.end())
                continue;
            auto d = s->declaredAt.find(name);
            if (d == s->declaredAt.end() || d->second <= s->current)
                return it->second;
        }
        return -1;
    }
};

// Names visible in a module: the package's rule names and the imports.
struct ModuleContext
{
    std::vector<std::string> package;
    std::set<std::string> ruleNames;
    std::map<std::string, std::vector<std::string>> imports; // alias -> path ("input"/"data" first)
};

class Compiler
{
public:
    Compiler(CompiledPolicy& policy, std::vector<Diagnostic>& errors) : m_policy(policy), m_errors(errors) {}

    void error(const char* code, const Location& loc, std::string message)
    {
        if (m_errors.size() < 100)
            m_errors.push_back(Diagnostic{code, std::move(message), loc});
    }

    // Per-rule compilation.
    void compileRule(Rule& rule, const ModuleContext& ctx, RuleSet& set)
    {
        m_ctx = &ctx;
        m_current = &set;
        m_nextSlot = 0;
        Scope scope;
        std::set<int> bound;
        // Function arguments are bound on entry.
        for (auto& arg : rule.args) {
            declarePatternVars(arg, scope);
            resolveTerm(arg, scope);
            collectAllVars(*arg, bound);
        }
        for (Rule* r = &rule; r; r = r->elseRule.get()) {
            if (r != &rule) {
                // else branches share the head (and arguments) of the first rule.
                r->args = rule.args;
            }
            Scope bodyScope;
            bodyScope.parent = &scope;
            std::set<int> b = bound;
            compileBody(r->body, bodyScope, b);
            // Head terms are resolved in the body's scope; every variable in them must be bound.
            for (auto& k : r->keys)
                resolveHead(k, bodyScope, b);
            if (r->value)
                resolveHead(r->value, bodyScope, b);
            for (std::size_t i = 1; i < r->head.size(); ++i)
                resolveHead(r->head[i], bodyScope, b);
        }
        rule.numSlots = m_nextSlot;
        for (Rule* r = rule.elseRule.get(); r; r = r->elseRule.get())
            r->numSlots = m_nextSlot;
    }

    std::shared_ptr<CompiledQuery> compileQueryBody(std::shared_ptr<Body> body, const ModuleContext& ctx)
    {
        m_ctx = &ctx;
        m_current = nullptr;
        m_nextSlot = 0;
        Scope scope;
        std::set<int> bound;
        compileBody(*body, scope, bound);
        auto q = std::make_shared<CompiledQuery>();
        q->body = std::move(body);
        q->numSlots = m_nextSlot;
        std::vector<std::pair<std::string, int>> vars;
        for (const auto& name : m_queryVarOrder) {
            auto it = scope.vars.find(name);
            if (it != scope.vars.end())
                vars.emplace_back(name, it->second);
        }
        q->vars = std::move(vars);
        return q;
    }

    std::vector<std::string> m_queryVarOrder;
    bool m_recordQueryVars = false;

private:
    int newSlot() { return m_nextSlot++; }

    bool isGlobalName(const std::string& name) const
    {
        return name == "input" || name == "data" || m_ctx->ruleNames.count(name) || m_ctx->imports.count(name);
    }

    // Declares the variables `some`/`:=` introduce: they shadow globals.
    void declarePatternVars(const TermPtr& t, Scope& scope)
    {
        switch (t->kind) {
        case TermKind::Var:
            if (t->name != "_" && !scope.vars.count(t->name)) {
                scope.vars[t->name] = newSlot();
                noteQueryVar(t->name);
            }
            break;
        case TermKind::Array:
        case TermKind::Set:
            for (auto& i : t->items)
                declarePatternVars(i, scope);
            break;
        case TermKind::Object:
            for (auto& [k, v] : t->pairs)
                declarePatternVars(v, scope);
            break;
        default:
            break;
        }
    }

    void noteQueryVar(const std::string& name)
    {
        if (m_recordQueryVars &&
            std::find(m_queryVarOrder.begin(), m_queryVarOrder.end(), name) == m_queryVarOrder.end())
            m_queryVarOrder.push_back(name);
    }

    // Pass 1: names appearing directly in a body (not in nested bodies) become locals of this
    // scope unless visible from an outer scope or global.
    void declareBodyVars(Body& body, Scope& scope)
    {
        int index = -1;
        for (auto& e : body.exprs) {
            ++index;
            if (e.kind == ExprKind::Some) {
                for (auto& v : e.vars)
                    if (v->name != "_") {
                        scope.vars[v->name] = newSlot();
                        scope.declaredAt[v->name] = index;
                        noteQueryVar(v->name);
                    }
                continue;
            }
            if (e.kind == ExprKind::Assign) {
                declareAssign(e.a, scope, index);
                collectNames(e.b, scope);
            } else if (e.kind == ExprKind::SomeIn) {
                if (e.key)
                    declareFresh(e.key, scope);
                declareFresh(e.val, scope);
                collectNames(e.coll, scope);
            } else if (e.kind == ExprKind::Every) {
                collectNames(e.coll, scope);
            } else {
                collectNames(e.a, scope);
                if (e.b)
                    collectNames(e.b, scope);
            }
            for (auto& w : e.withs)
                if (!namesBuiltin(*w.value))
                    collectNames(w.value, scope);
        }
    }

    static std::string dottedName(const Term& t)
    {
        if (t.kind == TermKind::Var)
            return t.name;
        if (t.kind != TermKind::Ref || t.items[0]->kind != TermKind::Var)
            return {};
        std::string name = t.items[0]->name;
        for (std::size_t i = 1; i < t.items.size(); ++i) {
            if (t.items[i]->kind != TermKind::Scalar || !t.items[i]->value.isString())
                return {};
            name += "." + t.items[i]->value.asString();
        }
        return name;
    }

    bool namesBuiltin(const Term& t) const
    {
        const std::string name = dottedName(t);
        return !name.empty() && !isGlobalName(name.substr(0, name.find('.'))) && m_policy.builtins->find(name);
    }

    // `with f as g`: g names a user function or a built-in (else it is a value).
    void resolveWithFunctionValue(With& w)
    {
        const std::string name = dottedName(*w.value);
        if (name.empty())
            return;
        auto replacement = std::make_shared<Term>();
        replacement->kind = TermKind::Scalar;
        replacement->loc = w.value->loc;
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (;;) {
            auto dot = name.find('.', start);
            parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
            if (dot == std::string::npos)
                break;
            start = dot + 1;
        }
        std::vector<std::string> path;
        if (m_ctx->ruleNames.count(parts[0])) {
            path = m_ctx->package;
            path.insert(path.end(), parts.begin(), parts.end());
        } else if (parts[0] == "data") {
            path.assign(parts.begin() + 1, parts.end());
        }
        if (!path.empty()) {
            if (const RuleSet* rs = m_policy.findRuleSet(joinPath(path)); rs && rs->kind == RuleKind::Function) {
                replacement->function = rs;
                w.value = replacement;
            }
            return;
        }
        if (const BuiltinDecl* b = m_policy.builtins->find(name)) {
            replacement->builtin = b;
            w.value = replacement;
        }
    }

    void declareAssign(const TermPtr& t, Scope& scope, int index)
    {
        if (t->kind == TermKind::Var) {
            if (t->name == "_")
                return;
            if (scope.vars.count(t->name)) {
                error("rego_compile_error", t->loc, "var " + t->name + " assigned above");
                return;
            }
            scope.vars[t->name] = newSlot();
            scope.declaredAt[t->name] = index;
            noteQueryVar(t->name);
        } else if (t->kind == TermKind::Array) {
            for (auto& i : t->items)
                declareAssign(i, scope, index);
        } else if (t->kind == TermKind::Object) {
            for (auto& [k, v] : t->pairs)
                declareAssign(v, scope, index);
        } else if (t->kind != TermKind::Scalar) {
            error("rego_parse_error", t->loc, "cannot assign to " + describe(*t));
        }
    }

    // `some x in xs` declares x fresh in this scope (shadowing outer locals).
    void declareFresh(const TermPtr& t, Scope& scope)
    {
        if (t->kind == TermKind::Var) {
            if (t->name != "_") {
                scope.vars[t->name] = newSlot();
                noteQueryVar(t->name);
            }
        } else {
            collectNames(t, scope);
            declarePatternVars(t, scope);
        }
    }

    static std::string describe(const Term& t)
    {
        switch (t.kind) {
        case TermKind::Ref:
            return "ref";
        case TermKind::Call:
            return "call";
        case TermKind::Set:
            return "set";
        default:
            return "term";
        }
    }

    void collectNames(const TermPtr& t, Scope& scope)
    {
        switch (t->kind) {
        case TermKind::Var:
            if (t->name != "_" && scope.find(t->name) < 0 && !isGlobalName(t->name)) {
                scope.vars[t->name] = newSlot();
                noteQueryVar(t->name);
            }
            break;
        case TermKind::Ref:
        case TermKind::Array:
        case TermKind::Set:
        case TermKind::Call:
            for (auto& i : t->items)
                collectNames(i, scope);
            break;
        case TermKind::Object:
            for (auto& [k, v] : t->pairs) {
                collectNames(k, scope);
                collectNames(v, scope);
            }
            break;
        default:
            break; // comprehensions have their own scope
        }
    }

    // Pass 2: rewrite names to locals/globals, compile nested bodies, resolve calls.
    void resolveTerm(TermPtr& t, Scope& scope)
    {
        switch (t->kind) {
        case TermKind::Scalar:
            t->ground = true;
            return;
        case TermKind::Var: {
            if (t->name == "_") {
                t->scope = VarScope::Wildcard;
                t->slot = newSlot();
                return;
            }
            int slot = scope.find(t->name);
            if (slot >= 0) {
                t->scope = VarScope::Local;
                t->slot = slot;
                return;
            }
            if (t->name == "input") {
                t->scope = VarScope::Input;
                return;
            }
            if (t->name == "data") {
                t->scope = VarScope::Data;
                return;
            }
            // A rule of the package or an import: becomes a reference.
            auto ref = std::make_shared<Term>();
            ref->kind = TermKind::Ref;
            ref->loc = t->loc;
            ref->items.push_back(t);
            t = expandGlobalRef(ref, scope);
            return;
        }
        case TermKind::Ref: {
            auto copy = std::make_shared<Term>(*t);
            t = copy;
            for (std::size_t i = 1; i < t->items.size(); ++i)
                resolveTerm(t->items[i], scope);
            auto& head = t->items[0];
            if (head->kind == TermKind::Var && head->name != "_" && scope.find(head->name) < 0 &&
                head->name != "input" && head->name != "data") {
                t = expandGlobalRef(t, scope);
                return;
            }
            resolveTerm(head, scope);
            if (head->kind == TermKind::Ref) {
                // The head expanded into a reference (rule name, import): splice.
                auto inner = head;
                std::vector<TermPtr> items = inner->items;
                items.insert(items.end(), t->items.begin() + 1, t->items.end());
                t->items = std::move(items);
            }
            noteDataDependency(*t);
            return;
        }
        case TermKind::Array:
        case TermKind::Set: {
            bool ground = true;
            for (auto& i : t->items) {
                resolveTerm(i, scope);
                ground = ground && i->ground;
            }
            if (ground) {
                ValueVector vals;
                for (auto& i : t->items)
                    vals.push_back(i->value);
                t->value = t->kind == TermKind::Array ? Value::array(std::move(vals)) : Value::set(std::move(vals));
            }
            t->ground = ground;
            return;
        }
        case TermKind::Object: {
            bool ground = true;
            for (auto& [k, v] : t->pairs) {
                resolveTerm(k, scope);
                resolveTerm(v, scope);
                ground = ground && k->ground && v->ground;
            }
            if (ground) {
                ObjectItems items;
                for (auto& [k, v] : t->pairs)
                    items.emplace_back(k->value, v->value);
                t->value = Value::object(std::move(items));
            }
            t->ground = ground;
            return;
        }
        case TermKind::ArrayCompr:
        case TermKind::SetCompr:
        case TermKind::ObjectCompr: {
            Scope inner;
            inner.parent = &scope;
            // Outer variables are captured: bound whenever the comprehension runs (the outer
            // body is ordered so that they are, see m_comprFree).
            const int firstInner = m_nextSlot;
            std::set<int> bound;
            for (int i = 0; i < firstInner; ++i)
                bound.insert(i);
            bool saveRecord = m_recordQueryVars;
            m_recordQueryVars = false;
            compileBody(*t->body, inner, bound);
            for (auto& h : t->items)
                resolveHead(h, inner, bound);
            m_recordQueryVars = saveRecord;
            std::set<int>& free = m_comprFree[t.get()];
            collectOuterUses(*t->body, firstInner, free);
            for (auto& h : t->items)
                collectOuterTermUses(*h, firstInner, free);
            return;
        }
        case TermKind::Call: {
            for (auto& i : t->items)
                resolveTerm(i, scope);
            resolveCall(*t, scope);
            return;
        }
        }
    }

    // A reference whose head names a package rule or an import: rewrite to data.<pkg>... or
    // the import's path.
    TermPtr expandGlobalRef(TermPtr ref, Scope& scope)
    {
        const std::string name = ref->items[0]->name;
        std::vector<TermPtr> items;
        auto head = std::make_shared<Term>();
        head->kind = TermKind::Var;
        head->loc = ref->items[0]->loc;
        auto addString = [&](const std::string& s) {
            auto op = std::make_shared<Term>();
            op->kind = TermKind::Scalar;
            op->value = Value::string(s);
            op->ground = true;
            op->loc = head->loc;
            items.push_back(op);
        };
        auto imp = m_ctx->imports.find(name);
        if (m_ctx->ruleNames.count(name)) {
            head->name = "data";
            head->scope = VarScope::Data;
            items.push_back(head);
            for (const auto& p : m_ctx->package)
                addString(p);
            addString(name);
        } else if (imp != m_ctx->imports.end()) {
            head->name = imp->second[0];
            head->scope = imp->second[0] == "input" ? VarScope::Input : VarScope::Data;
            items.push_back(head);
            for (std::size_t i = 1; i < imp->second.size(); ++i)
                addString(imp->second[i]);
        } else {
            // An unknown name in a reference head: a local that must be bound (checked later).
            int slot = scope.find(name);
            if (slot < 0) {
                slot = newSlot();
                scope.vars[name] = slot;
            }
            head->name = name;
            head->scope = VarScope::Local;
            head->slot = slot;
            items.push_back(head);
        }
        for (std::size_t i = 1; i < ref->items.size(); ++i) {
            resolveTerm(ref->items[i], scope);
            items.push_back(ref->items[i]);
        }
        auto out = std::make_shared<Term>();
        out->kind = TermKind::Ref;
        out->loc = ref->loc;
        out->items = std::move(items);
        noteDataDependency(*out);
        return out;
    }

    void noteDataDependency(Term& ref)
    {
        if (ref.items.empty() || ref.items[0]->scope != VarScope::Data)
            return;
        resolveDataNode(ref);
        if (m_current)
            depsFrom(m_policy.root, ref, 1);
    }

    // Term::dataNode: the node the evaluator would reach from the root through the leading
    // string operands, stopping at a node with rules (its value is computed there).
    void resolveDataNode(Term& ref) const
    {
        const DataNode* node = &m_policy.root;
        std::size_t i = 1;
        for (; !node->rules && i < ref.items.size(); ++i) {
            const Term& op = *ref.items[i];
            if (op.kind != TermKind::Scalar || !op.value.isString())
                break;
            auto it = node->children.find(op.value.asString());
            if (it == node->children.end())
                break;
            node = it->second.get();
        }
        ref.dataNode = node;
        ref.dataNodeEnd = std::uint32_t(i);
    }

    // Rule sets a data reference may evaluate: string operands select a child, other ground
    // operands select nothing, variables select every child.
    void depsFrom(const DataNode& node, const Term& ref, std::size_t i)
    {
        if (node.rules) {
            addDep(node.rules);
            return;
        }
        if (i == ref.items.size()) {
            for (const auto& [k, c] : node.children)
                depsFrom(*c, ref, i);
            return;
        }
        const Term& op = *ref.items[i];
        if (op.kind == TermKind::Scalar) {
            if (!op.value.isString())
                return;
            auto it = node.children.find(op.value.asString());
            if (it != node.children.end())
                depsFrom(*it->second, ref, i + 1);
            return;
        }
        for (const auto& [k, c] : node.children)
            depsFrom(*c, ref, i + 1);
    }

    void addDep(const RuleSet* rs)
    {
        if (m_current && std::find(m_current->deps.begin(), m_current->deps.end(), rs) == m_current->deps.end())
            m_current->deps.push_back(rs);
    }

    void resolveCall(Term& t, Scope& scope)
    {
        (void)scope;
        std::vector<std::string> parts;
        std::size_t start = 0;
        const std::string& name = t.name;
        for (;;) {
            auto dot = name.find('.', start);
            parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
            if (dot == std::string::npos)
                break;
            start = dot + 1;
        }
        const RuleSet* fn = nullptr;
        std::vector<std::string> path;
        if (m_ctx->ruleNames.count(parts[0])) {
            path = m_ctx->package;
            path.insert(path.end(), parts.begin(), parts.end());
        } else if (auto imp = m_ctx->imports.find(parts[0]); imp != m_ctx->imports.end() && imp->second[0] == "data") {
            path.assign(imp->second.begin() + 1, imp->second.end());
            path.insert(path.end(), parts.begin() + 1, parts.end());
        } else if (parts[0] == "data") {
            path.assign(parts.begin() + 1, parts.end());
        }
        if (!path.empty())
            fn = m_policy.findRuleSet(joinPath(path));
        int arity = 0;
        if (fn && fn->kind == RuleKind::Function) {
            t.function = fn;
            arity = fn->arity;
            addDep(fn);
        } else if (const BuiltinDecl* b = m_policy.builtins->find(name)) {
            t.builtin = b;
            arity = b->arity;
            checkArgTypes(t, *b);
        } else {
            error("rego_type_error", t.loc, "undefined function " + (path.empty() ? name : joinPath(path)));
            return;
        }
        const int n = int(t.items.size());
        if (n == arity + 1) {
            t.hasOutput = true;
        } else if (n != arity) {
            error("rego_type_error", t.loc,
                  (n < arity ? "function " + name + " has too few arguments"
                             : "function " + name + " has too many arguments"));
        }
    }

    void checkArgTypes(const Term& t, const BuiltinDecl& b)
    {
        for (std::size_t i = 0; i < t.items.size() && i < b.argTypes.size(); ++i) {
            const auto& arg = t.items[i];
            const std::uint8_t mask = b.argTypes[i];
            if (!arg->ground || mask == 0 || mask == kAnyType)
                continue;
            if (!(mask & typeBit(arg->value.type())))
                error("rego_type_error", arg->loc,
                      b.name + ": invalid argument(s): operand " + std::to_string(i + 1) + " has type " +
                          arg->value.typeName());
        }
    }

    void resolveHead(TermPtr& t, Scope& scope, std::set<int>& bound)
    {
        collectNames(t, scope);
        resolveTerm(t, scope);
        std::set<int> missing;
        needsOf(*t, bound, missing, false);
        for (int slot : missing)
            reportUnsafe(*t, slot);
    }

    void reportUnsafe(const Term& within, int slot)
    {
        const Term* v = findVarTerm(within, slot);
        if (v)
            error("rego_unsafe_var_error", v->loc, "var " + v->name + " is unsafe");
        else
            error("rego_unsafe_var_error", within.loc, "unsafe variable");
    }

    static const Term* findVarTerm(const Term& t, int slot)
    {
        if ((t.kind == TermKind::Var) && t.slot == slot)
            return &t;
        for (const auto& i : t.items)
            if (const Term* r = findVarTerm(*i, slot))
                return r;
        for (const auto& [k, v] : t.pairs) {
            if (const Term* r = findVarTerm(*k, slot))
                return r;
            if (const Term* r = findVarTerm(*v, slot))
                return r;
        }
        if (t.body)
            for (const auto& e : t.body->exprs)
                for (const TermPtr* p : {&e.a, &e.b, &e.key, &e.val, &e.coll})
                    if (*p)
                        if (const Term* r = findVarTerm(**p, slot))
                            return r;
        return nullptr;
    }

    // Variables a term needs bound to be evaluated as a value. Unbound variables as reference
    // operands are fine (the reference iterates and binds them); `outputs` collects those.
    void needsOf(const Term& t, const std::set<int>& bound, std::set<int>& needs, bool operand,
                 std::set<int>* outputs = nullptr)
    {
        switch (t.kind) {
        case TermKind::Scalar:
            return;
        case TermKind::Var:
            if (t.scope == VarScope::Wildcard) {
                if (outputs)
                    outputs->insert(t.slot);
                return;
            }
            if (t.scope != VarScope::Local || bound.count(t.slot))
                return;
            if (operand) {
                if (outputs)
                    outputs->insert(t.slot);
            } else {
                needs.insert(t.slot);
            }
            return;
        case TermKind::Ref:
            needsOf(*t.items[0], bound, needs, false, outputs);
            for (std::size_t i = 1; i < t.items.size(); ++i) {
                const Term& op = *t.items[i];
                if (op.kind == TermKind::Array || op.kind == TermKind::Object)
                    patternVars(op, bound, needs, outputs); // a[[1, x]] binds x
                else
                    needsOf(op, bound, needs, true, outputs);
            }
            return;
        case TermKind::Array:
        case TermKind::Set:
            for (const auto& i : t.items)
                needsOf(*i, bound, needs, false, outputs);
            return;
        case TermKind::Object:
            for (const auto& [k, v] : t.pairs) {
                needsOf(*k, bound, needs, false, outputs);
                needsOf(*v, bound, needs, false, outputs);
            }
            return;
        case TermKind::Call: {
            const std::size_t n = t.hasOutput ? t.items.size() - 1 : t.items.size();
            for (std::size_t i = 0; i < n; ++i)
                needsOf(*t.items[i], bound, needs, false, outputs);
            if (t.hasOutput)
                patternVars(*t.items.back(), bound, needs, outputs);
            return;
        }
        case TermKind::ArrayCompr:
        case TermKind::SetCompr:
        case TermKind::ObjectCompr:
            for (int slot : m_comprFree[&t])
                if (!bound.count(slot))
                    needs.insert(slot);
            return;
        }
    }

    // Variables a pattern binds when unified with a value; terms inside that are not patterns
    // (refs, calls) must be evaluable.
    void patternVars(const Term& t, const std::set<int>& bound, std::set<int>& needs, std::set<int>* outputs)
    {
        switch (t.kind) {
        case TermKind::Var:
            if ((t.scope == VarScope::Local || t.scope == VarScope::Wildcard) && !bound.count(t.slot) && outputs)
                outputs->insert(t.slot);
            return;
        case TermKind::Array:
            for (const auto& i : t.items)
                patternVars(*i, bound, needs, outputs);
            return;
        case TermKind::Object:
            for (const auto& [k, v] : t.pairs) {
                needsOf(*k, bound, needs, false, outputs);
                patternVars(*v, bound, needs, outputs);
            }
            return;
        default:
            needsOf(t, bound, needs, false, outputs);
            return;
        }
    }

    bool isPattern(const Term& t) const
    {
        return t.kind == TermKind::Var || t.kind == TermKind::Array || t.kind == TermKind::Object;
    }

    // Can `a = b` run with these bindings, and what does it bind?
    bool unifyReady(const Term& a, const Term& b, const std::set<int>& bound, std::set<int>& outputs,
                    std::set<int>& missing)
    {
        std::set<int> na, nb, oa, ob;
        needsOf(a, bound, na, false, &oa);
        needsOf(b, bound, nb, false, &ob);
        if (na.empty() && nb.empty()) {
            outputs.insert(oa.begin(), oa.end());
            outputs.insert(ob.begin(), ob.end());
            return true;
        }
        std::set<int> pa, pb, pna, pnb;
        if (nb.empty() && isPattern(a)) {
            patternVars(a, bound, pna, &pa);
            if (pna.empty()) {
                outputs.insert(pa.begin(), pa.end());
                outputs.insert(ob.begin(), ob.end());
                return true;
            }
        }
        if (na.empty() && isPattern(b)) {
            patternVars(b, bound, pnb, &pb);
            if (pnb.empty()) {
                outputs.insert(pb.begin(), pb.end());
                outputs.insert(oa.begin(), oa.end());
                return true;
            }
        }
        if (a.kind == TermKind::Array && b.kind == TermKind::Array && a.items.size() == b.items.size()) {
            std::set<int> cur = bound;
            std::set<int> out;
            bool progress = true;
            std::vector<bool> done(a.items.size(), false);
            while (progress) {
                progress = false;
                for (std::size_t i = 0; i < a.items.size(); ++i) {
                    if (done[i])
                        continue;
                    std::set<int> o, m;
                    if (unifyReady(*a.items[i], *b.items[i], cur, o, m)) {
                        done[i] = true;
                        progress = true;
                        cur.insert(o.begin(), o.end());
                        out.insert(o.begin(), o.end());
                    }
                }
            }
            if (std::all_of(done.begin(), done.end(), [](bool d) { return d; })) {
                outputs.insert(out.begin(), out.end());
                return true;
            }
        }
        if (a.kind == TermKind::Object && b.kind == TermKind::Object && a.pairs.size() == b.pairs.size()) {
            std::set<int> cur = bound;
            std::set<int> out;
            bool ok = true;
            for (const auto& [ka, va] : a.pairs) {
                const Term* match = nullptr;
                for (const auto& [kb, vb] : b.pairs)
                    if (ka->ground && kb->ground && ka->value == kb->value)
                        match = vb.get();
                std::set<int> o, m;
                if (!match || !unifyReady(*va, *match, cur, o, m)) {
                    ok = false;
                    break;
                }
                cur.insert(o.begin(), o.end());
                out.insert(o.begin(), o.end());
            }
            if (ok) {
                outputs.insert(out.begin(), out.end());
                return true;
            }
        }
        missing.insert(na.begin(), na.end());
        missing.insert(nb.begin(), nb.end());
        return false;
    }

    // Can the expression run with these bindings; what does it bind?
    bool exprReady(const Expr& e, const std::set<int>& bound, std::set<int>& outputs, std::set<int>& missing)
    {
        std::set<int> needs;
        for (const auto& w : e.withs)
            needsOf(*w.value, bound, needs, false, nullptr);
        bool ok = true;
        switch (e.kind) {
        case ExprKind::Some:
            break;
        case ExprKind::Term:
            if (e.negated) {
                std::set<int> ignore;
                needsOf(*e.a, bound, needs, false, &ignore);
            } else {
                needsOf(*e.a, bound, needs, false, &outputs);
            }
            break;
        case ExprKind::Unify:
            if (e.negated) {
                std::set<int> o;
                ok = unifyReady(*e.a, *e.b, bound, o, missing);
            } else {
                ok = unifyReady(*e.a, *e.b, bound, outputs, missing);
            }
            break;
        case ExprKind::Assign: {
            needsOf(*e.b, bound, needs, false, &outputs);
            patternVars(*e.a, bound, needs, &outputs);
            break;
        }
        case ExprKind::SomeIn:
            needsOf(*e.coll, bound, needs, false, &outputs);
            if (e.key)
                patternVars(*e.key, bound, needs, &outputs);
            patternVars(*e.val, bound, needs, &outputs);
            break;
        case ExprKind::Every: {
            needsOf(*e.coll, bound, needs, false, nullptr);
            for (int slot : m_everyFree[&e])
                if (!bound.count(slot))
                    needs.insert(slot);
            break;
        }
        }
        missing.insert(needs.begin(), needs.end());
        return ok && needs.empty();
    }

    // Compiles a body: declarations, name resolution, then orders expressions so each runs
    // once its inputs are bound (OPA's safety reordering).
    void compileBody(Body& body, Scope& scope, std::set<int>& bound)
    {
        declareBodyVars(body, scope);
        scope.current = -1;
        for (auto& e : body.exprs) {
            ++scope.current;
            if (e.kind == ExprKind::Some) {
                for (auto& v : e.vars)
                    resolveTerm(v, scope);
                continue;
            }
            for (TermPtr* p : {&e.a, &e.b, &e.coll, &e.key, &e.val})
                if (*p && !(e.kind == ExprKind::Every && (p == &e.key || p == &e.val)))
                    resolveTerm(*p, scope);
            for (auto& w : e.withs) {
                resolveWithTarget(w, scope);
                if (w.target->function || w.target->builtin)
                    resolveWithFunctionValue(w);
                if (!w.value->function && !w.value->builtin)
                    resolveTerm(w.value, scope);
            }
            if (e.kind == ExprKind::Every) {
                Scope inner;
                inner.parent = &scope;
                const int firstInner = m_nextSlot;
                std::set<int> innerBound;
                for (int i = 0; i < firstInner; ++i)
                    innerBound.insert(i);
                if (e.key)
                    declareFresh(e.key, inner);
                declareFresh(e.val, inner);
                resolveTerm(e.val, inner);
                if (e.key)
                    resolveTerm(e.key, inner);
                collectAllVars(*e.val, innerBound);
                if (e.key)
                    collectAllVars(*e.key, innerBound);
                compileBody(*e.body, inner, innerBound);
                collectOuterUses(*e.body, firstInner, m_everyFree[&e]);
            }
        }
        scope.current = std::numeric_limits<int>::max();
        // Reorder.
        std::vector<Expr> ordered;
        std::vector<bool> used(body.exprs.size(), false);
        ordered.reserve(body.exprs.size());
        for (std::size_t n = 0; n < body.exprs.size(); ++n) {
            bool picked = false;
            for (std::size_t i = 0; i < body.exprs.size(); ++i) {
                if (used[i])
                    continue;
                std::set<int> outputs, missing;
                if (exprReady(body.exprs[i], bound, outputs, missing)) {
                    used[i] = true;
                    bound.insert(outputs.begin(), outputs.end());
                    ordered.push_back(std::move(body.exprs[i]));
                    picked = true;
                    break;
                }
            }
            if (!picked) {
                for (std::size_t i = 0; i < body.exprs.size(); ++i) {
                    if (used[i])
                        continue;
                    std::set<int> outputs, missing;
                    exprReady(body.exprs[i], bound, outputs, missing);
                    for (int slot : missing) {
                        const Expr& e = body.exprs[i];
                        const Term* v = nullptr;
                        for (const TermPtr* p : {&e.a, &e.b, &e.coll, &e.key, &e.val})
                            if (*p && !v)
                                v = findVarTerm(**p, slot);
                        for (const auto& w : e.withs)
                            if (!v)
                                v = findVarTerm(*w.value, slot);
                        error("rego_unsafe_var_error", v ? v->loc : e.loc,
                              "var " + (v ? v->name : std::string("?")) + " is unsafe");
                    }
                    if (missing.empty())
                        error("rego_unsafe_var_error", body.exprs[i].loc, "expression is unsafe");
                    used[i] = true;
                    ordered.push_back(std::move(body.exprs[i]));
                }
                break;
            }
        }
        body.exprs = std::move(ordered);
    }

    void collectOuterTermUses(const Term& t, int firstInner, std::set<int>& out)
    {
        if (t.kind == TermKind::Var && t.scope == VarScope::Local && t.slot >= 0 && t.slot < firstInner)
            out.insert(t.slot);
        for (const auto& i : t.items)
            collectOuterTermUses(i ? *i : t, firstInner, out);
        for (const auto& [k, v] : t.pairs) {
            collectOuterTermUses(*k, firstInner, out);
            collectOuterTermUses(*v, firstInner, out);
        }
        if (t.body)
            collectOuterUses(*t.body, firstInner, out);
    }

    // Slots below `firstInner` used in a body (outer variables it reads).
    void collectOuterUses(const Body& body, int firstInner, std::set<int>& out)
    {
        std::function<void(const Term&)> walk = [&](const Term& t) {
            if ((t.kind == TermKind::Var) && t.scope == VarScope::Local && t.slot < firstInner && t.slot >= 0)
                out.insert(t.slot);
            for (const auto& i : t.items)
                walk(*i);
            for (const auto& [k, v] : t.pairs) {
                walk(*k);
                walk(*v);
            }
            if (t.body)
                collectOuterUses(*t.body, firstInner, out);
        };
        for (const auto& e : body.exprs) {
            for (const TermPtr* p : {&e.a, &e.b, &e.key, &e.val, &e.coll})
                if (*p)
                    walk(**p);
            for (const auto& v : e.vars)
                walk(*v);
            for (const auto& w : e.withs)
                walk(*w.value);
            if (e.body)
                collectOuterUses(*e.body, firstInner, out);
        }
    }

    void collectAllVars(const Term& t, std::set<int>& out)
    {
        if ((t.kind == TermKind::Var) && t.slot >= 0)
            out.insert(t.slot);
        for (const auto& i : t.items)
            collectAllVars(*i, out);
        for (const auto& [k, v] : t.pairs) {
            collectAllVars(*k, out);
            collectAllVars(*v, out);
        }
    }

    void resolveWithTarget(With& w, Scope& scope)
    {
        (void)scope;
        // Targets are input..., data..., or a function name; resolved by path.
        TermPtr t = w.target;
        std::vector<std::string> parts;
        if (t->kind == TermKind::Var) {
            parts.push_back(t->name);
        } else if (t->kind == TermKind::Ref && t->items[0]->kind == TermKind::Var) {
            parts.push_back(t->items[0]->name);
            for (std::size_t i = 1; i < t->items.size(); ++i) {
                if (t->items[i]->kind != TermKind::Scalar || !t->items[i]->value.isString()) {
                    error("rego_compile_error", w.loc, "with keyword target must be a static reference");
                    return;
                }
                parts.push_back(t->items[i]->value.asString());
            }
        } else {
            error("rego_compile_error", w.loc,
                  "with keyword target must reference existing input, data, or a function");
            return;
        }
        auto target = std::make_shared<Term>();
        target->loc = t->loc;
        target->kind = TermKind::Scalar;
        if (parts[0] == "input" || parts[0] == "data") {
            ValueVector path;
            for (const auto& p : parts)
                path.push_back(Value::string(p));
            target->value = Value::array(std::move(path));
            if (parts[0] == "data") {
                std::vector<std::string> dp(parts.begin() + 1, parts.end());
                if (const RuleSet* rs = m_policy.findRuleSet(joinPath(dp)); rs && rs->kind == RuleKind::Function)
                    target->function = rs;
            }
            w.target = target;
            return;
        }
        std::string name;
        for (const auto& p : parts)
            name += (name.empty() ? "" : ".") + p;
        target->name = name;
        if (m_ctx->ruleNames.count(parts[0])) {
            std::vector<std::string> dp = m_ctx->package;
            dp.insert(dp.end(), parts.begin(), parts.end());
            const RuleSet* rs = m_policy.findRuleSet(joinPath(dp));
            if (rs && rs->kind == RuleKind::Function) {
                target->function = rs;
            } else {
                ValueVector path{Value::string("data")};
                for (const auto& p : dp)
                    path.push_back(Value::string(p));
                target->value = Value::array(std::move(path));
            }
        } else if (auto imp = m_ctx->imports.find(parts[0]); imp != m_ctx->imports.end()) {
            ValueVector path;
            for (const auto& p : imp->second)
                path.push_back(Value::string(p));
            for (std::size_t i = 1; i < parts.size(); ++i)
                path.push_back(Value::string(parts[i]));
            target->value = Value::array(std::move(path));
        } else if (const BuiltinDecl* b = m_policy.builtins->find(name)) {
            target->builtin = b;
        } else {
            error("rego_compile_error", w.loc,
                  "with keyword target must reference existing input, data, or a function");
        }
        w.target = target;
    }

public:
    std::unordered_map<const Term*, std::set<int>> m_comprFree;
    std::unordered_map<const Expr*, std::set<int>> m_everyFree;
    CompiledPolicy& m_policy;
    std::vector<Diagnostic>& m_errors;
    const ModuleContext* m_ctx = nullptr;
    RuleSet* m_current = nullptr;
    int m_nextSlot = 0;
};

// A reference usable as an index guard: into input or data, constant operands only (so it
// has at most one value per evaluation).
bool isGuardRef(const Term& t)
{
    if (t.kind != TermKind::Ref || t.items.empty() || t.items[0]->kind != TermKind::Var ||
        (t.items[0]->scope != VarScope::Input && t.items[0]->scope != VarScope::Data))
        return false;
    return std::all_of(t.items.begin() + 1, t.items.end(),
                       [](const TermPtr& op) { return op->kind == TermKind::Scalar; });
}

bool sameGuardRef(const Term& a, const Term& b)
{
    if (a.items.size() != b.items.size() || a.items[0]->scope != b.items[0]->scope)
        return false;
    for (std::size_t i = 1; i < a.items.size(); ++i)
        if (a.items[i]->value != b.items[i]->value)
            return false;
    return true;
}

// Rule indexing: a rule whose body starts with `REF == constant` (or `REF = constant`) gets
// that test as its guard (Rule::guard), so the evaluator can skip it after evaluating REF once
// for the whole rule set. Rules with else branches keep evaluating in full (the else branch
// runs when the guard fails).
void assignGuards(RuleSet& rs)
{
    if (rs.kind == RuleKind::Function)
        return;
    for (const auto& rule : rs.rules) {
        if (rule->elseRule || rule->body.exprs.empty())
            continue;
        const Expr& e = rule->body.exprs.front();
        if (e.negated || !e.withs.empty())
            continue;
        const Term* lhs = nullptr;
        const Term* rhs = nullptr;
        if (e.kind == ExprKind::Unify) {
            lhs = e.a.get();
            rhs = e.b.get();
        } else if (e.kind == ExprKind::Term && e.a->kind == TermKind::Call && e.a->builtin && !e.a->function &&
                   !e.a->hasOutput && e.a->builtin->name == "equal" && e.a->items.size() == 2) {
            lhs = e.a->items[0].get();
            rhs = e.a->items[1].get();
        } else {
            continue;
        }
        if (lhs->ground && isGuardRef(*rhs))
            std::swap(lhs, rhs);
        if (!rhs->ground || !isGuardRef(*lhs))
            continue;
        std::size_t g = 0;
        while (g < rs.guards.size() && !sameGuardRef(*rs.guards[g], *lhs))
            ++g;
        if (g == rs.guards.size()) {
            if (g == kMaxRuleGuards)
                continue;
            rs.guards.push_back(e.kind == ExprKind::Unify
                                    ? (lhs == e.a.get() ? e.a : e.b)
                                    : (lhs == e.a->items[0].get() ? e.a->items[0] : e.a->items[1]));
        }
        rule->guard = int(g);
        rule->guardValue = rhs->value;
    }
}

// The data tree node at `path` below `root`, creating the missing nodes on the way.
DataNode* ensureNode(DataNode& root, const std::vector<std::string>& path)
{
    DataNode* n = &root;
    for (const auto& p : path) {
        auto& child = n->children[p];
        if (!child) {
            child = std::make_unique<DataNode>();
            child->path = n->path;
            child->path.push_back(p);
        }
        n = child.get();
    }
    return n;
}

} // namespace

const RuleSet* CompiledPolicy::findRuleSet(std::string_view name) const
{
    auto it = ruleSets.find(name);
    return it == ruleSets.end() ? nullptr : it->second.get();
}

const DataNode* CompiledPolicy::node(const std::vector<std::string>& path) const
{
    const DataNode* n = &root;
    for (const auto& p : path) {
        auto it = n->children.find(p);
        if (it == n->children.end())
            return nullptr;
        n = it->second.get();
    }
    return n;
}

static ModuleContext contextFor(const Module& mod,
                                const std::map<std::vector<std::string>, std::set<std::string>>& names)
{
    ModuleContext ctx;
    ctx.package = mod.package;
    auto it = names.find(mod.package);
    if (it != names.end())
        ctx.ruleNames = it->second;
    for (const auto& imp : mod.imports) {
        if (imp.path[0] != "input" && imp.path[0] != "data")
            continue;
        std::string alias = imp.alias.empty() ? imp.path.back() : imp.alias;
        ctx.imports[alias] = imp.path;
    }
    return ctx;
}

// The comprehension-free-variable analysis needs the comprehension's body compiled, which
// happens inside resolveTerm; Compiler::m_comprFree is filled there. This helper records
// outer slots used by a comprehension after its body is compiled.
CompileResult compilePolicy(const std::vector<ModuleSource>& sources, const Value& data,
                            const BuiltinRegistry& builtins)
{
    CompileResult result;
    auto policy = std::make_shared<CompiledPolicy>();
    policy->builtins = &builtins;
    policy->data = data.isObject() ? data : Value::emptyObject();
    for (const auto& src : sources) {
        auto parsed = parseModule(src.text, src.file, src.version);
        if (!parsed.module) {
            result.errors.insert(result.errors.end(), parsed.errors.begin(), parsed.errors.end());
            continue;
        }
        policy->modules.push_back(parsed.module);
    }
    if (!result.errors.empty())
        return result;

    // Group rules by path.
    std::map<std::vector<std::string>, std::set<std::string>> names;
    for (const auto& mod : policy->modules) {
        for (const auto& rule : mod->rules) {
            rule->path = mod->package;
            rule->path.push_back(rule->head[0]->name);
            for (std::size_t i = 1; i < rule->head.size(); ++i)
                rule->path.push_back(rule->head[i]->value.asString());
            names[mod->package].insert(rule->head[0]->name);
            const std::string name = joinPath(rule->path);
            auto& slot = policy->ruleSets[name];
            if (!slot) {
                slot = std::make_unique<RuleSet>();
                slot->path = rule->path;
                slot->name = name;
                slot->kind = rule->kind;
                slot->arity = int(rule->args.size());
            } else if ((slot->kind == RuleKind::Function) != (rule->kind == RuleKind::Function) ||
                       (slot->kind != rule->kind && !rule->isDefault && !(slot->rules.empty()))) {
                const bool bothObjects = (slot->kind == RuleKind::PartialObject || slot->kind == RuleKind::Complete) &&
                                         (rule->kind == RuleKind::PartialObject || rule->kind == RuleKind::Complete);
                if (!bothObjects || slot->kind == RuleKind::Function || rule->kind == RuleKind::Function) {
                    result.errors.push_back(
                        Diagnostic{"rego_type_error", "conflicting rules " + name + " found", rule->loc});
                    continue;
                }
            }
            if (slot->kind == RuleKind::Function && int(rule->args.size()) != slot->arity) {
                result.errors.push_back(
                    Diagnostic{"rego_type_error", "conflicting rules " + name + " found", rule->loc});
                continue;
            }
            if (rule->isDefault) {
                if (slot->defaultRule) {
                    result.errors.push_back(
                        Diagnostic{"rego_type_error", "multiple default rules " + name + " found", rule->loc});
                    continue;
                }
                slot->defaultRule = rule;
            } else {
                if (slot->rules.empty() && slot->kind != rule->kind)
                    slot->kind = rule->kind;
                slot->rules.push_back(rule);
            }
        }
    }
    // Data tree: every package exists (an empty package is an empty object), and every rule set.
    for (const auto& mod : policy->modules)
        ensureNode(policy->root, mod->package);
    int index = 0;
    for (const auto& [name, rs] : policy->ruleSets) {
        DataNode* node = ensureNode(policy->root, rs->path);
        node->rules = rs.get();
        rs->node = node;
        rs->index = index++;
    }
    if (!result.errors.empty())
        return result;

    Compiler compiler(*policy, result.errors);
    for (const auto& mod : policy->modules) {
        ModuleContext ctx = contextFor(*mod, names);
        for (const auto& rule : mod->rules) {
            RuleSet* rs = policy->ruleSets[joinPath(rule->path)].get();
            compiler.compileRule(*rule, ctx, *rs);
        }
    }
    for (const auto& [name, rs] : policy->ruleSets)
        assignGuards(*rs);
    // Recursion: cycles in the rule-set dependency graph.
    std::map<const RuleSet*, int> state; // 0 new, 1 visiting, 2 done
    std::vector<const RuleSet*> stack;
    std::function<bool(const RuleSet*)> visit = [&](const RuleSet* rs) -> bool {
        state[rs] = 1;
        stack.push_back(rs);
        for (const RuleSet* d : rs->deps) {
            if (state[d] == 1) {
                std::string cycle;
                auto it = std::find(stack.begin(), stack.end(), d);
                for (; it != stack.end(); ++it)
                    cycle += (*it)->name + " -> ";
                cycle += d->name;
                const Location loc = d->rules.empty() ? Location{} : d->rules[0]->loc;
                result.errors.push_back(
                    Diagnostic{"rego_recursion_error", "rule " + d->name + " is recursive: " + cycle, loc});
                return true;
            }
            if (state[d] == 0 && visit(d))
                return true;
        }
        stack.pop_back();
        state[rs] = 2;
        return false;
    };
    for (const auto& [name, rs] : policy->ruleSets)
        if (state[rs.get()] == 0) {
            stack.clear();
            if (visit(rs.get()))
                break;
        }
    if (!result.errors.empty())
        return result;
    result.policy = policy;
    return result;
}

QueryCompileResult compileQuery(const CompiledPolicy& policy, std::string_view text, const std::string& package)
{
    QueryCompileResult result;
    auto parsed = parseQuery(text);
    if (!parsed.body) {
        result.errors = parsed.errors;
        return result;
    }
    ModuleContext ctx;
    if (!package.empty()) {
        std::size_t start = 0;
        for (;;) {
            auto dot = package.find('.', start);
            ctx.package.push_back(package.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
            if (dot == std::string::npos)
                break;
            start = dot + 1;
        }
        if (const DataNode* n = policy.node(ctx.package))
            for (const auto& [k, c] : n->children)
                ctx.ruleNames.insert(k);
    }
    auto& mutablePolicy = const_cast<CompiledPolicy&>(policy); // the compiler only reads the policy here
    Compiler compiler(mutablePolicy, result.errors);
    compiler.m_recordQueryVars = true;
    auto q = compiler.compileQueryBody(parsed.body, ctx);
    q->text = std::string(text);
    if (!result.errors.empty())
        return result;
    result.query = q;
    return result;
}

} // namespace corral::policy
