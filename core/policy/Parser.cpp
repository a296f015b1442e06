// SPDX-License-Identifier: Apache-2.0
#include "Parser.h"

#include <cstring>

namespace corral::policy {

namespace {

enum class Tok : std::uint8_t { End, Ident, Number, String, Op };

struct Token
{
    Tok kind = Tok::End;
    std::string text; // identifier, operator, number text, or decoded string
    int row = 1;
    int col = 1;
    bool nlBefore = false;    // a newline separates it from the previous token
    bool spaceBefore = false; // any whitespace or comment separates it from the previous token
};

struct ParseFailure
{
    Diagnostic diag;
};

class Lexer
{
public:
    Lexer(std::string_view text, std::shared_ptr<const std::string> file) : m_text(text), m_file(std::move(file)) {}

    std::vector<Token> run()
    {
        std::vector<Token> out;
        for (;;) {
            Token t;
            bool nl = false, space = false;
            skip(nl, space);
            t.row = m_row;
            t.col = m_col;
            t.nlBefore = nl;
            t.spaceBefore = space;
            if (m_pos >= m_text.size()) {
                out.push_back(std::move(t));
                return out;
            }
            const char c = m_text[m_pos];
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                const std::size_t start = m_pos;
                while (m_pos < m_text.size() &&
                       (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_'))
                    advance();
                t.kind = Tok::Ident;
                t.text = std::string(m_text.substr(start, m_pos - start));
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                t.kind = Tok::Number;
                t.text = number();
            } else if (c == '"') {
                t.kind = Tok::String;
                t.text = quoted();
            } else if (c == '`') {
                t.kind = Tok::String;
                t.text = raw();
            } else {
                t.kind = Tok::Op;
                static const char* const twoChar[] = {":=", "==", "!=", "<=", ">="};
                for (const char* op : twoChar) {
                    if (m_text.substr(m_pos, 2) == op) {
                        t.text = op;
                        break;
                    }
                }
                if (t.text.empty()) {
                    if (!std::strchr("<>=+-*/%&|.,;:[]{}()", c) || c == '\0')
                        fail(std::string("illegal token '") + c + "'");
                    t.text = std::string(1, c);
                }
                for (std::size_t i = 0; i < t.text.size(); ++i)
                    advance();
            }
            out.push_back(std::move(t));
        }
    }

private:
    [[noreturn]] void fail(const std::string& message)
    {
        throw ParseFailure{Diagnostic{"rego_parse_error", message, Location{m_row, m_col, m_file}}};
    }

    void advance()
    {
        if (m_text[m_pos] == '\n') {
            ++m_row;
            m_col = 1;
        } else {
            ++m_col;
        }
        ++m_pos;
    }

    void skip(bool& nl, bool& space)
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                nl = space = true;
                advance();
            } else if (c == ' ' || c == '\t' || c == '\r') {
                space = true;
                advance();
            } else if (c == '#') {
                space = true;
                while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                    advance();
            } else {
                return;
            }
        }
    }

    std::string number()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
            advance();
        if (m_pos + 1 < m_text.size() && m_text[m_pos] == '.' &&
            std::isdigit(static_cast<unsigned char>(m_text[m_pos + 1]))) {
            advance();
            while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
                advance();
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            std::size_t save = m_pos;
            int col = m_col;
            advance();
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                advance();
            if (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos]))) {
                while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
                    advance();
            } else {
                m_pos = save;
                m_col = col;
            }
        }
        if (m_pos < m_text.size() && (std::isalpha(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_'))
            fail("illegal number format");
        return std::string(m_text.substr(start, m_pos - start));
    }

    std::string quoted()
    {
        const std::size_t start = m_pos;
        const int row = m_row, col = m_col;
        auto failHere = [&](const std::string& message) {
            m_row = row;
            m_col = col;
            fail(message);
        };
        advance();
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\n')
                failHere("non-terminated string");
            if (m_text[m_pos] == '\\') {
                advance();
                if (m_pos >= m_text.size())
                    break;
            }
            advance();
        }
        if (m_pos >= m_text.size())
            failHere("non-terminated string");
        advance();
        auto v = Value::fromJson(m_text.substr(start, m_pos - start));
        if (!v || !v->isString())
            failHere("illegal string literal");
        return v->asString();
    }

    std::string raw()
    {
        const int row = m_row, col = m_col;
        advance();
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != '`')
            advance();
        if (m_pos >= m_text.size()) {
            m_row = row;
            m_col = col;
            fail("non-terminated raw string");
        }
        std::string s(m_text.substr(start, m_pos - start));
        advance();
        return s;
    }

    std::string_view m_text;
    std::shared_ptr<const std::string> m_file;
    std::size_t m_pos = 0;
    int m_row = 1;
    int m_col = 1;
};

class Parser
{
public:
    Parser(std::vector<Token> toks, std::shared_ptr<const std::string> file, RegoVersion version)
        : m_toks(std::move(toks)), m_file(std::move(file)), m_version(version)
    {}

    std::shared_ptr<Module> module()
    {
        auto mod = std::make_shared<Module>();
        mod->file = m_file ? *m_file : std::string();
        mod->version = m_version;
        if (!isIdent("package"))
            fail("package expected");
        mod->packageLoc = loc();
        next();
        auto pkg = parsePostfix(parsePrimary());
        mod->package = pathOf(pkg, "package");
        if (!mod->package.empty() && mod->package[0] == "data")
            mod->package.erase(mod->package.begin());
        while (isIdent("import")) {
            Import imp;
            imp.loc = loc();
            next();
            auto ref = parsePostfix(parsePrimary());
            imp.path = pathOf(ref, "import");
            if (imp.path.empty() ||
                (imp.path[0] != "input" && imp.path[0] != "data" && imp.path[0] != "future" && imp.path[0] != "rego"))
                failAt(imp.loc, "invalid import path, must begin with input or data");
            if (isIdent("as")) {
                next();
                if (cur().kind != Tok::Ident)
                    fail("import alias expected");
                imp.alias = cur().text;
                next();
            }
            mod->imports.push_back(std::move(imp));
        }
        while (cur().kind != Tok::End)
            parseRule(*mod);
        return mod;
    }

    std::shared_ptr<Body> query()
    {
        auto body = std::make_shared<Body>();
        body->loc = loc();
        parseExprs(*body, "");
        if (cur().kind != Tok::End)
            fail("unexpected " + describe(cur()));
        if (body->exprs.empty())
            fail("empty query");
        return body;
    }

    TermPtr termOnly()
    {
        auto t = parseInfix(false);
        if (cur().kind != Tok::End)
            fail("unexpected " + describe(cur()));
        return t;
    }

private:
    // Tokens.
    const Token& cur() const { return m_toks[m_pos]; }
    const Token& peek(int n = 1) const { return m_toks[std::min(m_pos + n, m_toks.size() - 1)]; }
    void next()
    {
        if (m_pos + 1 < m_toks.size())
            ++m_pos;
    }
    bool isOp(const char* op) const { return cur().kind == Tok::Op && cur().text == op; }
    bool isIdent(const char* word) const { return cur().kind == Tok::Ident && cur().text == word; }
    Location loc() const { return Location{cur().row, cur().col, m_file}; }
    static std::string describe(const Token& t)
    {
        switch (t.kind) {
        case Tok::End:
            return "end of input";
        case Tok::String:
            return "string";
        case Tok::Number:
            return "number";
        default:
            return "'" + t.text + "'";
        }
    }
    [[noreturn]] void fail(const std::string& message) const { failAt(loc(), message); }
    [[noreturn]] void failAt(const Location& l, const std::string& message) const
    {
        throw ParseFailure{Diagnostic{"rego_parse_error", message, l}};
    }
    void expectOp(const char* op)
    {
        if (!isOp(op))
            fail(std::string("expected '") + op + "' but got " + describe(cur()));
        next();
    }

    struct DepthGuard
    {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser)
        {
            if (++p.m_depth > kMaxParseDepth)
                p.fail("nesting too deep");
        }
        ~DepthGuard() { --p.m_depth; }
    };

    static bool isKeyword(const std::string& w)
    {
        static const char* const words[] = {"package", "import", "default", "else", "not",  "some",  "every",
                                            "in",      "if",     "with",    "as",   "true", "false", "null"};
        for (const char* k : words)
            if (w == k)
                return true;
        return false;
    }

    TermPtr makeTerm(TermKind kind, const Location& l)
    {
        auto t = std::make_shared<Term>();
        t->kind = kind;
        t->loc = l;
        return t;
    }

    TermPtr scalar(Value v, const Location& l)
    {
        auto t = makeTerm(TermKind::Scalar, l);
        t->value = std::move(v);
        t->ground = true;
        return t;
    }

    TermPtr call(const std::string& name, std::vector<TermPtr> args, const Location& l)
    {
        auto t = makeTerm(TermKind::Call, l);
        t->name = name;
        t->items = std::move(args);
        return t;
    }

    // "a.b.c" path of a var or ref of string operands.
    std::vector<std::string> pathOf(const TermPtr& t, const char* what) const
    {
        std::vector<std::string> out;
        if (t->kind == TermKind::Var) {
            out.push_back(t->name);
            return out;
        }
        if (t->kind != TermKind::Ref || t->items[0]->kind != TermKind::Var)
            failAt(t->loc, std::string("invalid ") + what + " path");
        out.push_back(t->items[0]->name);
        for (std::size_t i = 1; i < t->items.size(); ++i) {
            const auto& op = t->items[i];
            if (op->kind != TermKind::Scalar || !op->value.isString())
                failAt(op->loc, std::string("invalid ") + what + " path");
            out.push_back(op->value.asString());
        }
        return out;
    }

    // Rules.
    void parseRule(Module& mod)
    {
        auto rule = std::make_shared<Rule>();
        rule->loc = loc();
        if (isIdent("default")) {
            next();
            rule->isDefault = true;
        }
        if (cur().kind != Tok::Ident || isKeyword(cur().text))
            fail("unexpected " + describe(cur()) + ", expected rule head");
        TermPtr head = parseHeadRef();
        if (head->kind == TermKind::Var)
            rule->head.push_back(head);
        else
            rule->head = head->items;
        bool isFunction = false;
        if (isOp("(") && !cur().spaceBefore) {
            next();
            isFunction = true;
            while (!isOp(")")) {
                rule->args.push_back(parseInfix(false));
                if (isOp(","))
                    next();
                else if (!isOp(")"))
                    fail("expected ',' or ')' in function arguments");
            }
            next();
        }
        bool multi = false;
        TermPtr member;
        if (isIdent("contains") && !rule->isDefault) {
            next();
            multi = true;
            member = parseInfix(false);
        } else if (isOp("=") || isOp(":=")) {
            rule->assign = isOp(":=");
            next();
            rule->value = parseInfix(false);
        }
        if (rule->isDefault) {
            if (!rule->value)
                fail("default rules must have a value");
            rule->kind = isFunction ? RuleKind::Function : RuleKind::Complete;
            finishHead(*rule, multi, member, isFunction);
            mod.rules.push_back(rule);
            return;
        }
        parseRuleBody(*rule, true);
        finishHead(*rule, multi, member, isFunction);
        // else chain
        Rule* last = rule.get();
        while (isIdent("else")) {
            if (rule->kind != RuleKind::Complete && rule->kind != RuleKind::Function)
                fail("else keyword cannot be used on multi-value rules");
            auto e = std::make_shared<Rule>();
            e->loc = loc();
            next();
            e->kind = rule->kind;
            e->head = rule->head;
            e->args = rule->args;
            if (isOp("=") || isOp(":=")) {
                e->assign = isOp(":=");
                next();
                e->value = parseInfix(false);
            }
            parseRuleBody(*e, false);
            if (!e->value)
                e->value = scalar(Value::boolean(true), e->loc);
            last->elseRule = e;
            last = e.get();
        }
        mod.rules.push_back(rule);
        // v0: `p { a } { b }` defines p twice.
        while (m_version == RegoVersion::V0 && isOp("{")) {
            auto again = std::make_shared<Rule>(*rule);
            again->elseRule.reset();
            again->body = Body{};
            parseBlock(again->body);
            mod.rules.push_back(again);
        }
    }

    TermPtr parseHeadRef()
    {
        auto var = makeTerm(TermKind::Var, loc());
        var->name = cur().text;
        next();
        std::vector<TermPtr> items{var};
        for (;;) {
            if (isOp(".") && !cur().spaceBefore) {
                next();
                if (cur().kind != Tok::Ident)
                    fail("expected name after '.'");
                items.push_back(scalar(Value::string(cur().text), loc()));
                next();
            } else if (isOp("[") && !cur().spaceBefore) {
                next();
                items.push_back(parseInfix(false));
                expectOp("]");
            } else {
                break;
            }
        }
        if (items.size() == 1)
            return var;
        auto ref = makeTerm(TermKind::Ref, var->loc);
        ref->items = std::move(items);
        return ref;
    }

    // Body after the head: `if { ... }`, `if expr`, v0 `{ ... }`, or none.
    void parseRuleBody(Rule& rule, bool allowNone)
    {
        rule.body.loc = loc();
        if (isIdent("if")) {
            next();
            if (isOp("{")) {
                // `if {` opens a body, unless what follows only parses as a single expression
                // (an object or set comprehension such as `if {x: 1 | ...}`).
                const std::size_t save = m_pos;
                try {
                    parseBlock(rule.body);
                } catch (const ParseFailure& asBody) {
                    m_pos = save;
                    rule.body = Body{};
                    rule.body.loc = loc();
                    try {
                        rule.body.exprs.push_back(parseLiteral());
                    } catch (const ParseFailure&) {
                        throw asBody;
                    }
                }
            } else {
                Expr e = parseLiteral();
                rule.body.exprs.push_back(std::move(e));
            }
            return;
        }
        if (isOp("{")) {
            if (m_version == RegoVersion::V1)
                fail("`if` keyword is required before rule body");
            parseBlock(rule.body);
            return;
        }
        if (!allowNone && m_version == RegoVersion::V1 && !rule.value)
            fail("else keyword requires a body");
        rule.body.exprs.push_back(trueExpr(rule.loc));
    }

    Expr trueExpr(const Location& l)
    {
        Expr e;
        e.kind = ExprKind::Term;
        e.loc = l;
        e.a = scalar(Value::boolean(true), l);
        return e;
    }

    void finishHead(Rule& rule, bool multi, TermPtr member, bool isFunction)
    {
        if (isFunction) {
            rule.kind = RuleKind::Function;
            if (rule.head.size() > 1)
                for (std::size_t i = 1; i < rule.head.size(); ++i)
                    if (rule.head[i]->kind != TermKind::Scalar || !rule.head[i]->value.isString())
                        failAt(rule.head[i]->loc, "function names must be static references");
            if (!rule.value)
                rule.value = scalar(Value::boolean(true), rule.loc);
            return;
        }
        // Static prefix: string operands up to the first non-string one.
        std::size_t staticEnd = 1;
        while (staticEnd < rule.head.size() && rule.head[staticEnd]->kind == TermKind::Scalar &&
               rule.head[staticEnd]->value.isString())
            ++staticEnd;
        std::vector<TermPtr> dynamicOps(rule.head.begin() + long(staticEnd), rule.head.end());
        // v0 `p[x] { ... }` (no value) is a partial set; so is `p[x]` with a value-less head in v0.
        if (!multi && !rule.value && m_version == RegoVersion::V0 && rule.head.size() == 2) {
            multi = true;
            member = rule.head[1];
            rule.head.pop_back();
            dynamicOps.clear();
        }
        // v0 `p["a"] = 1` is a partial object with a constant key; equivalent to a rule at p.a
        // in every way that matters here, so it keeps the static path.
        if (multi) {
            rule.kind = RuleKind::PartialSet;
            rule.keys = std::move(dynamicOps);
            rule.keys.push_back(member);
        } else if (!dynamicOps.empty()) {
            rule.kind = RuleKind::PartialObject;
            rule.keys = std::move(dynamicOps);
            if (!rule.value)
                rule.value = scalar(Value::boolean(true), rule.loc);
        } else {
            rule.kind = RuleKind::Complete;
            if (!rule.value)
                rule.value = scalar(Value::boolean(true), rule.loc);
        }
        rule.head.resize(std::min(rule.head.size(), staticEnd));
    }

    void parseBlock(Body& body)
    {
        DepthGuard guard(*this);
        body.loc = loc();
        expectOp("{");
        parseExprs(body, "}");
        expectOp("}");
        if (body.exprs.empty())
            failAt(body.loc, "found empty body");
    }

    // Expressions separated by ';' or newlines until `close` (or end of input when empty).
    void parseExprs(Body& body, const char* close)
    {
        for (;;) {
            if (*close ? isOp(close) : cur().kind == Tok::End)
                return;
            if (cur().kind == Tok::End)
                fail(std::string("expected '") + close + "'");
            body.exprs.push_back(parseLiteral());
            if (isOp(";")) {
                next();
                continue;
            }
            if (*close ? isOp(close) : cur().kind == Tok::End)
                return;
            if (!cur().nlBefore)
                fail("unexpected " + describe(cur()));
        }
    }

    Expr parseLiteral()
    {
        DepthGuard guard(*this);
        Expr e;
        e.loc = loc();
        if (isIdent("some")) {
            next();
            std::vector<TermPtr> terms;
            terms.push_back(parseRelation(false));
            while (isOp(",")) {
                next();
                terms.push_back(parseRelation(false));
            }
            if (isIdent("in")) {
                if (terms.size() > 2)
                    fail("unexpected ',' in some ... in");
                next();
                e.kind = ExprKind::SomeIn;
                if (terms.size() == 2)
                    e.key = terms[0];
                e.val = terms.back();
                e.coll = parseRelation(false);
            } else {
                e.kind = ExprKind::Some;
                for (auto& t : terms)
                    if (t->kind != TermKind::Var)
                        failAt(t->loc, "expected var in some declaration");
                e.vars = std::move(terms);
            }
        } else if (isIdent("every")) {
            next();
            e.kind = ExprKind::Every;
            TermPtr first = parsePrimary();
            if (first->kind != TermKind::Var)
                failAt(first->loc, "expected var after every");
            if (isOp(",")) {
                next();
                e.key = first;
                e.val = parsePrimary();
                if (e.val->kind != TermKind::Var)
                    failAt(e.val->loc, "expected var in every");
            } else {
                e.val = first;
            }
            if (!isIdent("in"))
                fail("expected 'in' in every");
            next();
            e.coll = parseRelation(false);
            e.body = std::make_shared<Body>();
            parseBlock(*e.body);
        } else {
            if (isIdent("not")) {
                next();
                e.negated = true;
            }
            e.a = parseInfix(false);
            e.a = parseMember3(e.a);
            if (isOp("=") || isOp(":=")) {
                if (e.negated && isOp(":="))
                    fail("cannot negate an assignment");
                e.kind = isOp(":=") ? ExprKind::Assign : ExprKind::Unify;
                next();
                e.b = parseInfix(false);
            } else {
                e.kind = ExprKind::Term;
            }
        }
        while (isIdent("with")) {
            With w;
            w.loc = loc();
            next();
            w.target = parsePostfix(parsePrimary());
            if (!isIdent("as"))
                fail("expected 'as' in with modifier");
            next();
            w.value = parseInfix(false);
            e.withs.push_back(std::move(w));
        }
        return e;
    }

    // `key, value in collection` (only where a comma cannot separate list items).
    TermPtr parseMember3(TermPtr first)
    {
        if (!isOp(","))
            return first;
        std::size_t save = m_pos;
        next();
        TermPtr second = parseRelation(false);
        if (!isIdent("in")) {
            m_pos = save;
            return first;
        }
        Location l = loc();
        next();
        TermPtr coll = parseRelation(false);
        // `k, v in a in b`: the value is `v in a`, the collection b.
        while (isIdent("in") && !cur().nlBefore) {
            Location inner = loc();
            next();
            second = call("internal.member_2", {second, coll}, inner);
            coll = parseRelation(false);
        }
        return call("internal.member_3", {first, second, coll}, l);
    }

    // Operators, loosest first: in, relations, |, &, + -, * / %.
    TermPtr parseInfix(bool noOr)
    {
        DepthGuard guard(*this);
        TermPtr lhs = parseRelation(noOr);
        while (isIdent("in") && !cur().nlBefore) {
            Location l = loc();
            next();
            TermPtr rhs = parseRelation(noOr);
            lhs = call("internal.member_2", {lhs, rhs}, l);
        }
        return lhs;
    }

    TermPtr parseRelation(bool noOr)
    {
        TermPtr lhs = parseOr(noOr);
        for (;;) {
            const char* name = nullptr;
            if (cur().kind == Tok::Op && !cur().nlBefore) {
                const std::string& t = cur().text;
                name = t == "=="   ? "equal"
                       : t == "!=" ? "neq"
                       : t == "<"  ? "lt"
                       : t == "<=" ? "lte"
                       : t == ">"  ? "gt"
                       : t == ">=" ? "gte"
                                   : nullptr;
            }
            if (!name)
                return lhs;
            Location l = loc();
            next();
            lhs = call(name, {lhs, parseOr(noOr)}, l);
        }
    }

    TermPtr parseOr(bool noOr)
    {
        TermPtr lhs = parseAnd();
        while (!noOr && isOp("|") && !cur().nlBefore) {
            Location l = loc();
            next();
            lhs = call("or", {lhs, parseAnd()}, l);
        }
        return lhs;
    }

    TermPtr parseAnd()
    {
        TermPtr lhs = parseArith();
        while (isOp("&") && !cur().nlBefore) {
            Location l = loc();
            next();
            lhs = call("and", {lhs, parseArith()}, l);
        }
        return lhs;
    }

    TermPtr parseArith()
    {
        TermPtr lhs = parseFactor();
        while ((isOp("+") || isOp("-")) && !cur().nlBefore) {
            const char* name = isOp("+") ? "plus" : "minus";
            Location l = loc();
            next();
            lhs = call(name, {lhs, parseFactor()}, l);
        }
        return lhs;
    }

    TermPtr parseFactor()
    {
        TermPtr lhs = parseUnary();
        while ((isOp("*") || isOp("/") || isOp("%")) && !cur().nlBefore) {
            const char* name = isOp("*") ? "mul" : isOp("/") ? "div" : "rem";
            Location l = loc();
            next();
            lhs = call(name, {lhs, parseUnary()}, l);
        }
        return lhs;
    }

    TermPtr parseUnary()
    {
        if (isOp("-")) {
            Location l = loc();
            next();
            if (cur().kind == Tok::Number && !cur().spaceBefore) {
                auto v = Value::numberFromText("-" + cur().text);
                if (!v)
                    fail("illegal number format");
                next();
                return parsePostfix(scalar(*v, l));
            }
            DepthGuard guard(*this);
            TermPtr operand = parseUnary();
            return call("minus", {scalar(Value::integer(0), l), operand}, l);
        }
        return parsePostfix(parsePrimary());
    }

    TermPtr parsePostfix(TermPtr t)
    {
        for (;;) {
            if (cur().spaceBefore)
                return t;
            if (isOp(".")) {
                next();
                if (cur().kind != Tok::Ident || cur().spaceBefore)
                    fail("expected name after '.'");
                auto op = scalar(Value::string(cur().text), loc());
                next();
                t = appendOperand(t, op);
            } else if (isOp("[")) {
                next();
                auto op = parseInfix(false);
                expectOp("]");
                t = appendOperand(t, op);
            } else if (isOp("(")) {
                if (t->kind != TermKind::Var && t->kind != TermKind::Ref)
                    fail("illegal call");
                std::string name;
                if (t->kind == TermKind::Var) {
                    name = t->name;
                } else {
                    if (t->items[0]->kind != TermKind::Var)
                        fail("illegal call");
                    name = t->items[0]->name;
                    for (std::size_t i = 1; i < t->items.size(); ++i) {
                        if (t->items[i]->kind != TermKind::Scalar || !t->items[i]->value.isString())
                            fail("illegal call: function names must be static");
                        name += "." + t->items[i]->value.asString();
                    }
                }
                Location l = t->loc;
                next();
                std::vector<TermPtr> args;
                while (!isOp(")")) {
                    args.push_back(parseInfix(false));
                    if (isOp(","))
                        next();
                    else if (!isOp(")"))
                        fail("expected ',' or ')' in call");
                }
                next();
                if (name == "set" && args.empty()) {
                    auto s = makeTerm(TermKind::Set, l);
                    t = s;
                } else {
                    t = call(name, std::move(args), l);
                }
            } else {
                return t;
            }
        }
    }

    TermPtr appendOperand(const TermPtr& t, const TermPtr& op)
    {
        if (t->kind == TermKind::Ref) {
            auto r = std::make_shared<Term>(*t);
            r->items.push_back(op);
            return r;
        }
        auto r = makeTerm(TermKind::Ref, t->loc);
        r->items = {t, op};
        return r;
    }

    TermPtr parsePrimary()
    {
        DepthGuard guard(*this);
        const Token& t = cur();
        Location l = loc();
        switch (t.kind) {
        case Tok::End:
            fail("unexpected end of input");
        case Tok::Number: {
            auto v = Value::numberFromText(t.text);
            if (!v)
                fail("illegal number format");
            next();
            return scalar(*v, l);
        }
        case Tok::String: {
            auto s = scalar(Value::string(t.text), l);
            next();
            return s;
        }
        case Tok::Ident: {
            if (t.text == "true" || t.text == "false") {
                bool b = t.text == "true";
                next();
                return scalar(Value::boolean(b), l);
            }
            if (t.text == "null") {
                next();
                return scalar(Value::null(), l);
            }
            if (isKeyword(t.text) && t.text != "if")
                fail("unexpected " + t.text + " keyword");
            if (t.text == "if")
                fail("unexpected if keyword");
            auto v = makeTerm(TermKind::Var, l);
            v->name = t.text;
            next();
            return v;
        }
        case Tok::Op:
            break;
        }
        if (isOp("(")) {
            next();
            auto inner = parseMember3(parseInfix(false));
            expectOp(")");
            return inner;
        }
        if (isOp("[")) {
            next();
            auto arr = makeTerm(TermKind::Array, l);
            if (isOp("]")) {
                next();
                arr->ground = true;
                arr->value = Value::emptyArray();
                return arr;
            }
            auto first = parseInfix(true);
            if (isOp("|")) {
                next();
                auto c = makeTerm(TermKind::ArrayCompr, l);
                c->items = {first};
                c->body = std::make_shared<Body>();
                c->body->loc = loc();
                parseExprs(*c->body, "]");
                expectOp("]");
                if (c->body->exprs.empty())
                    failAt(c->loc, "empty comprehension body");
                return c;
            }
            arr->items.push_back(first);
            while (isOp(",")) {
                next();
                if (isOp("]"))
                    break;
                arr->items.push_back(parseInfix(true));
            }
            expectOp("]");
            return arr;
        }
        if (isOp("{")) {
            next();
            if (isOp("}")) {
                next();
                auto obj = makeTerm(TermKind::Object, l);
                return obj;
            }
            auto first = parseInfix(true);
            if (isOp(":")) {
                next();
                auto firstVal = parseInfix(true);
                if (isOp("|")) {
                    next();
                    auto c = makeTerm(TermKind::ObjectCompr, l);
                    c->items = {first, firstVal};
                    c->body = std::make_shared<Body>();
                    c->body->loc = loc();
                    parseExprs(*c->body, "}");
                    expectOp("}");
                    if (c->body->exprs.empty())
                        failAt(c->loc, "empty comprehension body");
                    return c;
                }
                auto obj = makeTerm(TermKind::Object, l);
                obj->pairs.emplace_back(first, firstVal);
                while (isOp(",")) {
                    next();
                    if (isOp("}"))
                        break;
                    auto k = parseInfix(true);
                    expectOp(":");
                    auto v = parseInfix(true);
                    obj->pairs.emplace_back(k, v);
                }
                expectOp("}");
                return obj;
            }
            if (isOp("|")) {
                next();
                auto c = makeTerm(TermKind::SetCompr, l);
                c->items = {first};
                c->body = std::make_shared<Body>();
                c->body->loc = loc();
                parseExprs(*c->body, "}");
                expectOp("}");
                if (c->body->exprs.empty())
                    failAt(c->loc, "empty comprehension body");
                return c;
            }
            auto set = makeTerm(TermKind::Set, l);
            set->items.push_back(first);
            while (isOp(",")) {
                next();
                if (isOp("}"))
                    break;
                set->items.push_back(parseInfix(true));
            }
            expectOp("}");
            return set;
        }
        fail("unexpected " + describe(t));
    }

    std::vector<Token> m_toks;
    std::size_t m_pos = 0;
    std::shared_ptr<const std::string> m_file;
    RegoVersion m_version;
    int m_depth = 0;
};

ParsedModule parseAs(std::string_view text, const std::shared_ptr<const std::string>& file, RegoVersion version)
{
    ParsedModule out;
    try {
        Parser p(Lexer(text, file).run(), file, version);
        out.module = p.module();
    } catch (const ParseFailure& f) {
        out.errors.push_back(f.diag);
    }
    return out;
}

} // namespace

ParsedModule parseModule(std::string_view text, const std::string& file, RegoVersion version)
{
    auto name = std::make_shared<const std::string>(file);
    if (version != RegoVersion::Auto)
        return parseAs(text, name, version);
    ParsedModule v1 = parseAs(text, name, RegoVersion::V1);
    if (v1.module)
        return v1;
    ParsedModule v0 = parseAs(text, name, RegoVersion::V0);
    if (v0.module) {
        // A module importing rego.v1 is v1 whatever else it contains.
        for (const auto& imp : v0.module->imports)
            if (imp.path.size() == 2 && imp.path[0] == "rego" && imp.path[1] == "v1")
                return v1;
        return v0;
    }
    return v1;
}

ParsedQuery parseQuery(std::string_view text, const std::string& file)
{
    ParsedQuery out;
    auto name = std::make_shared<const std::string>(file);
    try {
        Parser p(Lexer(text, name).run(), name, RegoVersion::V1);
        out.body = p.query();
    } catch (const ParseFailure& f) {
        out.errors.push_back(f.diag);
    }
    return out;
}

ParsedQuery parseTermText(std::string_view text)
{
    ParsedQuery out;
    auto name = std::make_shared<const std::string>();
    try {
        Parser p(Lexer(text, name).run(), name, RegoVersion::V1);
        auto t = p.termOnly();
        out.body = std::make_shared<Body>();
        Expr e;
        e.kind = ExprKind::Term;
        e.a = t;
        e.loc = t->loc;
        out.body->exprs.push_back(std::move(e));
    } catch (const ParseFailure& f) {
        out.errors.push_back(f.diag);
    }
    return out;
}

} // namespace corral::policy
