// SPDX-License-Identifier: Apache-2.0
// Damaged and hostile policy text: every prefix and a set of byte flips of every shared module
// (conformance cases and the seed policy) gives an error or a result, never a crash or a hang;
// deep nesting, huge numbers, long strings and cycles give errors, not stack overflows.
#include "TestSupport.h"
#include "policy/Compiler.h"
#include "policy/Evaluator.h"

#include <QDirIterator>
#include <QTest>
#include <set>

using namespace corral::policy;

class TestPolicyRobustness : public QObject
{
    Q_OBJECT

private:
    std::vector<std::string> m_modules;

    // Compiles and, when that works, evaluates the whole data document with small limits.
    static void exercise(const std::string& text)
    {
        auto r = compilePolicy({ModuleSource{"m.rego", text, RegoVersion::Auto}}, Value::emptyObject());
        if (!r.policy) {
            QVERIFY(!r.errors.empty());
            return;
        }
        EvalOptions options;
        options.maxSteps = 20000;
        options.nowNs = 0;
        const Value input = Value::emptyObject();
        (void)evalDocument(*r.policy, {}, &input, options);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QDirIterator it(corral::test::sharedDir() + QStringLiteral("/conformance/rego/v1"), {QStringLiteral("*.json")},
                        QDir::Files, QDirIterator::Subdirectories);
        std::set<std::string> unique;
        while (it.hasNext()) {
            const QByteArray bytes = corral::test::readFile(it.next());
            auto doc = Value::fromJson(std::string_view(bytes.constData(), std::size_t(bytes.size())));
            QVERIFY(doc.ok());
            for (const auto& c : doc->get("cases")->asArray())
                if (const Value* mods = c.get("modules"))
                    for (const auto& m : mods->asArray())
                        unique.insert(m.asString());
        }
        unique.insert(
            corral::test::readFile(corral::test::fixturePath(QStringLiteral("seed-policy.rego"))).toStdString());
        m_modules.assign(unique.begin(), unique.end());
        QVERIFY(m_modules.size() > 500);
    }

    void everyPrefixTruncation()
    {
        std::size_t runs = 0;
        for (const auto& m : m_modules) {
            // Every prefix of short modules; about 150 prefixes of long ones (they repeat the
            // short ones' shapes), to keep the test fast.
            const std::size_t stride = std::max<std::size_t>(1, m.size() / 150);
            for (std::size_t n = 0; n < m.size(); n += stride, ++runs)
                exercise(m.substr(0, n));
        }
        QVERIFY(runs > 30000);
    }

    void byteFlips()
    {
        const char replacements[] = {'{',  '}',  '[', ']', '(', ')', '"', '`',
                                     '\n', '\0', '.', '=', ':', '|', 'x', '\xff'};
        std::size_t runs = 0;
        for (const auto& m : m_modules) {
            for (std::size_t i = 0; i < m.size(); i += 11) {
                std::string damaged = m;
                damaged[i] = replacements[(i / 11) % sizeof replacements];
                exercise(damaged);
                ++runs;
            }
        }
        QVERIFY(runs > 5000);
    }

    void deepNestingIsAParseError()
    {
        for (const char* open : {"[", "{", "(", "-"}) {
            std::string text = "package t\np := " + std::string(100000, open[0]) + "1";
            auto r = compilePolicy({ModuleSource{"deep.rego", text, RegoVersion::Auto}}, Value::emptyObject());
            QVERIFY(!r.policy);
            QCOMPARE(r.errors.front().code, std::string("rego_parse_error"));
            QCOMPARE(r.errors.front().message, std::string("nesting too deep"));
        }
        auto deepJson = Value::fromJson(std::string(100000, '[') + std::string(100000, ']'));
        QVERIFY(!deepJson.ok());
    }

    void hugeNumbersAndLongStrings()
    {
        const std::string huge(5000, '9');
        auto r = compilePolicy({ModuleSource{"n.rego",
                                             "package t\nn := " + huge + "\nm := n + 1\nbig := n > 1\n" + "s := \"" +
                                                 std::string(1 << 20, 'a') + "\"\nl := count(s)",
                                             RegoVersion::Auto}},
                               Value::emptyObject());
        QVERIFY(r.policy);
        auto v = evalDocument(*r.policy, {"t"}, nullptr);
        QVERIFY(v.ok());
        QCOMPARE((*v)->get("n")->toJson(), huge);
        QCOMPARE(*(*v)->get("big"), Value::boolean(true));
        QCOMPARE(*(*v)->get("l"), Value::integer(1 << 20));
    }

    void limitsStopRunawayEvaluation()
    {
        // A large cross product hits the step limit instead of running for minutes.
        auto r = compilePolicy({ModuleSource{"loop.rego",
                                             "package t\np contains [a, b, c] if { some a in numbers.range(1, 1000)\n"
                                             "some b in numbers.range(1, 1000)\nsome c in numbers.range(1, 1000) }",
                                             RegoVersion::Auto}},
                               Value::emptyObject());
        QVERIFY(r.policy);
        EvalOptions options;
        options.maxSteps = 100000;
        auto v = evalDocument(*r.policy, {"t", "p"}, nullptr, options);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, QStringLiteral("eval_limit_error"));
        QVERIFY(v.error().message.endsWith(QStringLiteral("evaluation step limit exceeded")));
        // A very long body hits the depth limit, not the stack.
        std::string body = "package t\np if {\n";
        for (int i = 0; i < 5000; ++i)
            body += "x" + std::to_string(i) + " := " + std::to_string(i) + "\n";
        body += "}";
        r = compilePolicy({ModuleSource{"long.rego", body, RegoVersion::Auto}}, Value::emptyObject());
        QVERIFY(r.policy);
        v = evalDocument(*r.policy, {"t", "p"}, nullptr);
        QVERIFY(!v.ok());
        QVERIFY(v.error().message.endsWith(QStringLiteral("evaluation depth limit exceeded")));
    }

    void cyclesAreCompileErrors()
    {
        auto r = compilePolicy({ModuleSource{"c.rego", "package t\na := b\nb := c\nc := a", RegoVersion::Auto}},
                               Value::emptyObject());
        QVERIFY(!r.policy);
        QCOMPARE(r.errors.front().code, std::string("rego_recursion_error"));
        r = compilePolicy({ModuleSource{"d.rego",
                                        "package t\np contains x if { some x in data.t.q }\n"
                                        "q contains x if { some x in data.t }",
                                        RegoVersion::Auto}},
                          Value::emptyObject());
        QVERIFY(!r.policy);
        QCOMPARE(r.errors.front().code, std::string("rego_recursion_error"));
    }
};

QTEST_GUILESS_MAIN(TestPolicyRobustness)
#include "TestPolicyRobustness.moc"
