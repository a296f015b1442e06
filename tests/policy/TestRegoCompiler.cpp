// SPDX-License-Identifier: Apache-2.0
// Parsing and compiling Rego: syntax version per module, located errors with OPA's codes
// (parse, unsafe variables, recursion, type errors), and evaluation errors.
#include "TestSupport.h"
#include "policy/Compiler.h"
#include "policy/Evaluator.h"
#include "policy/Parser.h"

#include <QTest>

using namespace corral::policy;

class TestRegoCompiler : public QObject
{
    Q_OBJECT

private:
    static QStringList errorsOf(const std::string& text, RegoVersion version = RegoVersion::Auto)
    {
        auto r = compilePolicy({ModuleSource{"p.rego", text, version}}, Value::emptyObject());
        QStringList out;
        for (const auto& d : r.errors)
            out.push_back(QString::fromStdString(d.toString()));
        return out;
    }

    // The value of `query`'s first expression, or the error text.
    static QString eval(const std::string& module, const std::string& query, const char* input = nullptr)
    {
        return QString::fromStdString(evalText(module, query, input));
    }

    static std::string evalText(const std::string& module, const std::string& query, const char* input)
    {
        auto r = compilePolicy({ModuleSource{"p.rego", module, RegoVersion::Auto}}, Value::emptyObject());
        if (!r.policy)
            return r.errors.front().toString();
        auto q = compileQuery(*r.policy, query);
        if (!q.query)
            return q.errors.front().toString();
        std::optional<Value> in;
        if (input)
            in = *Value::fromJson(input);
        auto res = evalQuery(*r.policy, *q.query, in ? &*in : nullptr);
        if (!res)
            return (res.error().code + QStringLiteral(": ") + res.error().message).toStdString();
        if (res->empty())
            return "undefined";
        return res->front().expressions.front().toString();
    }

private Q_SLOTS:
    void seedPolicyLoadsAsV0()
    {
        const QByteArray seed = corral::test::readFile(corral::test::fixturePath(QStringLiteral("seed-policy.rego")));
        QVERIFY(!seed.isEmpty());
        auto parsed = parseModule(seed.toStdString(), "seed-policy.rego");
        QVERIFY(parsed.module);
        QCOMPARE(parsed.module->version, RegoVersion::V0);
        QCOMPARE(parsed.module->rules.size(), std::size_t(2));
        QCOMPARE(parsed.module->rules[0]->kind, RuleKind::PartialSet);
        // As v1 it is an error: v1 needs `if` (and `contains`).
        auto v1 = parseModule(seed.toStdString(), "seed-policy.rego", RegoVersion::V1);
        QVERIFY(!v1.module);
        QCOMPARE(QString::fromStdString(v1.errors.front().toString()),
                 QString("seed-policy.rego:3:11: rego_parse_error: `if` keyword is required before rule body"));
    }

    void versionsGiveRulesTheirMeaning()
    {
        // v0: p[x] { } is a partial set; v1: p[x] if { } is a partial object with value true.
        QCOMPARE(eval("package t\np[x] { x := [1, 2][_] }", "data.t.p"), QString("{1, 2}"));
        QCOMPARE(eval("package t\np[x] if { x := [\"a\"][_] }", "data.t.p"), QString(R"({"a": true})"));
        QCOMPARE(eval("package t\nimport rego.v1\nd contains m if { m := \"x\" }", "data.t.d"), QString(R"({"x"})"));
    }

    void parseErrorsAreLocated()
    {
        QCOMPARE(errorsOf("package t\np if {\n  x := [1,\n}"),
                 QStringList{"p.rego:4:1: rego_parse_error: unexpected '}'"});
        QCOMPARE(errorsOf("p := 1"), QStringList{"p.rego:1:1: rego_parse_error: package expected"});
        QCOMPARE(errorsOf("package t\np := \"abc"), QStringList{"p.rego:2:6: rego_parse_error: non-terminated string"});
        QCOMPARE(errorsOf("package t\np if { 1 ~ 2 }"),
                 QStringList{"p.rego:2:10: rego_parse_error: illegal token '~'"});
    }

    void unsafeVariables()
    {
        QCOMPARE(errorsOf("package t\np if { x > 1 }"),
                 QStringList{"p.rego:2:8: rego_unsafe_var_error: var x is unsafe"});
        QCOMPARE(errorsOf("package t\ndeny contains msg if { input.a == 1 }"),
                 QStringList{"p.rego:2:15: rego_unsafe_var_error: var msg is unsafe"});
        QCOMPARE(errorsOf("package t\np if { not q[_] }\nq := {}"), QStringList());
        QCOMPARE(errorsOf("package t\np if { not q[x]; y := x }\nq := {}"),
                 QStringList{"p.rego:2:23: rego_unsafe_var_error: var x is unsafe"});
        // Ordering makes later bindings available to earlier expressions.
        QCOMPARE(eval("package t\np := y if { y > 1; y = input.n }", "data.t.p", R"({"n": 5})"), QString("5"));
    }

    void recursionIsAnError()
    {
        QCOMPARE(errorsOf("package t\np if q\nq if p"),
                 QStringList{
                     "p.rego:2:1: rego_recursion_error: rule data.t.p is recursive: data.t.p -> data.t.q -> data.t.p"});
        QCOMPARE(errorsOf("package t\nf(x) := f(x)"),
                 QStringList{"p.rego:2:1: rego_recursion_error: rule data.t.f is recursive: data.t.f -> data.t.f"});
    }

    void typeErrors()
    {
        QCOMPARE(errorsOf("package t\np if nosuch(1)"),
                 QStringList{"p.rego:2:6: rego_type_error: undefined function nosuch"});
        QCOMPARE(errorsOf("package t\np if count([1], 2, 3)"),
                 QStringList{"p.rego:2:6: rego_type_error: function count has too many arguments"});
        QCOMPARE(errorsOf("package t\nf(x) := 1\nf(x, y) := 2"),
                 QStringList{"p.rego:3:1: rego_type_error: conflicting rules data.t.f found"});
        QCOMPARE(errorsOf("package t\ndefault p := 1\ndefault p := 2"),
                 QStringList{"p.rego:3:1: rego_type_error: multiple default rules data.t.p found"});
        QCOMPARE(errorsOf("package t\np if { x := 1; x := 2 }"),
                 QStringList{"p.rego:2:16: rego_compile_error: var x assigned above"});
    }

    void evaluationErrors()
    {
        QCOMPARE(eval("package t\np := 1\np := 2", "data.t.p"),
                 QString("eval_conflict_error: p.rego:3: complete rules must not produce multiple outputs"));
        QCOMPARE(eval("package t\nf(_) := x if x := [1, 2][_]", "data.t.f(0)"),
                 QString("eval_conflict_error: p.rego:2: functions must not produce multiple outputs for same inputs"));
        QCOMPARE(eval("package t\np[k] := v if { some k, v in {\"a\": 1}} \np[k] := 2 if k := \"a\"", "data.t.p"),
                 QString("eval_conflict_error: p.rego:3: object keys must be unique"));
    }

    void ruleValuesAreOpaque()
    {
        // A rule's object value cannot be extended or overridden by a rule with a longer ref head.
        QCOMPARE(
            eval("package t\np[q].r := v if { q := \"q\"; v := {\"s\": {\"t\": 1}} }\np.q.r.s.u := 42", "data.t.p"),
            QString("eval_conflict_error: p.rego:2: object keys must be unique"));
        QCOMPARE(
            eval("package t\np[q].r := v if { q := \"q\"; v := {\"s\": {\"t\": 1}} }\np.q.r.s.t := 42", "data.t.p"),
            QString("eval_conflict_error: p.rego:2: object keys must be unique"));
        // Equal values at one path, disjoint paths and multi-value rules at one path combine.
        QCOMPARE(eval("package t\np[q].r := i if q := [\"a\", \"b\"][i]\np.a.r := 0\np.c := 3", "data.t.p"),
                 QString(R"({"a": {"r": 0}, "b": {"r": 1}, "c": 3})"));
        QCOMPARE(eval("package t\np[q] contains r if { q := \"a\"; r := 1 }\np.a contains 2", "data.t.p"),
                 QString(R"({"a": {1, 2}})"));
    }

    void ruleIndexingKeepsMeaning()
    {
        const std::string m = "package t\n"
                              "action := input.request.action\n"
                              "deny contains \"write\" if action == \"files.write\"\n"
                              "deny contains \"big write\" if { input.request.action == \"files.write\"; "
                              "input.request.bytes > 10 }\n"
                              "deny contains \"net\" if \"http.request\" == input.request.action\n"
                              "deny contains \"model\" if input.request.action = \"model.generate\"\n"
                              "deny contains \"large\" if input.request.bytes > 100\n"
                              "yes(_, _) := true\n";
        auto r = compilePolicy({ModuleSource{"p.rego", m, RegoVersion::Auto}}, Value::emptyObject());
        QVERIFY(r.policy);
        const RuleSet* deny = r.policy->findRuleSet("data.t.deny");
        QVERIFY(deny);
        QCOMPARE(deny->guards.size(), std::size_t(2)); // data.t.action and input.request.action
        std::vector<int> guards;
        for (const auto& rule : deny->rules)
            guards.push_back(rule->guard);
        QCOMPARE(guards, (std::vector<int>{0, 1, 1, 1, -1}));

        QCOMPARE(eval(m, "data.t.deny", R"({"request": {"action": "files.write", "bytes": 20}})"),
                 QString(R"({"big write", "write"})"));
        QCOMPARE(eval(m, "data.t.deny", R"({"request": {"action": "http.request"}})"), QString(R"({"net"})"));
        QCOMPARE(eval(m, "data.t.deny", R"({"request": {"action": "model.generate", "bytes": 200}})"),
                 QString(R"({"large", "model"})"));
        QCOMPARE(eval(m, "data.t.deny", R"({"request": {}})"), QString("set()"));
        QCOMPARE(eval(m, "data.t.deny"), QString("set()"));
        QCOMPARE(eval(m, "data.t.deny with input.request.action as \"http.request\"", R"({"request": {}})"),
                 QString(R"({"net"})"));
        // A replaced == runs for every rule (the index does not bypass it); = is unification.
        QCOMPARE(eval(m, "data.t.deny with equal as data.t.yes", R"({"request": {"action": "x"}})"),
                 QString(R"({"net", "write"})"));
    }

    void withReplacesInputDataAndFunctions()
    {
        const std::string m = "package t\n"
                              "allow if input.user == \"admin\"\n"
                              "limit := data.limits.max\n"
                              "n := count([1, 2, 3])\n"
                              "mock(_) := 42\n";
        QCOMPARE(eval(m, "data.t.allow with input as {\"user\": \"admin\"}"), QString("true"));
        QCOMPARE(eval(m, "data.t.allow with input.user as \"bob\""), QString("undefined"));
        QCOMPARE(eval(m, "data.t.limit with data.limits.max as 7"), QString("7"));
        QCOMPARE(eval(m, "data.t.n with count as data.t.mock"), QString("42"));
        QCOMPARE(eval(m, "data.t.n"), QString("3"));
    }

    void everyAndComprehensions()
    {
        const std::string m = "package t\n"
                              "all_small if every x in input.xs { x < 10 }\n"
                              "doubled := [y | some x in input.xs; y := x * 2]\n"
                              "index := {k: v | some v, k in input.xs}\n";
        QCOMPARE(eval(m, "data.t.all_small", R"({"xs": [1, 2]})"), QString("true"));
        QCOMPARE(eval(m, "data.t.all_small", R"({"xs": [1, 20]})"), QString("undefined"));
        QCOMPARE(eval(m, "data.t.doubled", R"({"xs": [1, 2]})"), QString("[2, 4]"));
        QCOMPARE(eval(m, "data.t.index", R"({"xs": ["a", "b"]})"), QString(R"({"a": 0, "b": 1})"));
    }

    void elseAndFunctions()
    {
        const std::string m = "package t\n"
                              "level(x) := \"high\" if x > 10\n"
                              "else := \"low\"\n"
                              "kind(x) := \"str\" if is_string(x)\n"
                              "kind(x) := \"num\" if is_number(x)\n";
        QCOMPARE(eval(m, "data.t.level(11)"), QString(R"("high")"));
        QCOMPARE(eval(m, "data.t.level(1)"), QString(R"("low")"));
        QCOMPARE(eval(m, "data.t.kind(1)"), QString(R"("num")"));
        QCOMPARE(eval(m, "data.t.kind(\"a\")"), QString(R"("str")"));
    }

    void strictBuiltinErrors()
    {
        auto r = compilePolicy({ModuleSource{"p.rego", "package t\np := 1 / input.d", RegoVersion::Auto}},
                               Value::emptyObject());
        QVERIFY(r.policy);
        auto q = compileQuery(*r.policy, "data.t.p");
        const Value input = *Value::fromJson(R"({"d": 0})");
        auto lax = evalQuery(*r.policy, *q.query, &input);
        QVERIFY(lax.ok());
        QCOMPARE(lax->size(), std::size_t(0));
        EvalOptions strict;
        strict.strictBuiltinErrors = true;
        auto err = evalQuery(*r.policy, *q.query, &input, strict);
        QVERIFY(!err.ok());
        QCOMPARE(err.error().code, QStringLiteral("eval_builtin_error"));
        QCOMPARE(err.error().message, QStringLiteral("p.rego:2: div: divide by zero"));
    }
};

QTEST_GUILESS_MAIN(TestRegoCompiler)
#include "TestRegoCompiler.moc"
