// SPDX-License-Identifier: Apache-2.0
// `corral policy eval|check|test|decide` end to end, in-process.
#include "TestCli.h"

#include <QTemporaryDir>
#include <QTest>

using corral::test::runCli;

class TestPolicyCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString seed() const { return corral::test::fixturePath(QStringLiteral("seed-policy.rego")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(corral::test::writeFile(
            path(QStringLiteral("in.json")),
            R"({"request":{"model":"unsafe-2025","estimated_tokens":10},"app":{"quota_remaining":100}})"));
        QVERIFY(corral::test::writeFile(path(QStringLiteral("t.rego")),
                                        "package t\nimport rego.v1\ntest_a if 1 == 1\ntest_b if 1 == 2\n"));
        QVERIFY(corral::test::writeFile(path(QStringLiteral("bad.rego")), "package t\np if { x > 1 }\n"));
    }

    void evalPrintsResultSet()
    {
        const auto r = runCli({QStringLiteral("policy"), QStringLiteral("eval"), QStringLiteral("-m"), seed(),
                               QStringLiteral("-i"), path(QStringLiteral("in.json")),
                               QStringLiteral("data.platform.safe.deny[x]")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(
            r.out,
            QStringLiteral(
                R"({"result":[{"bindings":{"x":"Model not approved for production"},"expressions":[{"location":{"col":1,"row":1},"text":"data.platform.safe.deny[x]","value":"Model not approved for production"}]}]})"
                "\n"));
        const auto undefinedResult =
            runCli({QStringLiteral("policy"), QStringLiteral("eval"), QStringLiteral("input.nothing")});
        QCOMPARE(undefinedResult.exitCode, 0);
        QCOMPARE(undefinedResult.out, QStringLiteral("{}\n"));
    }

    void checkReportsErrors()
    {
        auto r = runCli({QStringLiteral("policy"), QStringLiteral("check"), seed()});
        QCOMPARE(r.exitCode, 0);
        r = runCli({QStringLiteral("policy"), QStringLiteral("check"), path(QStringLiteral("bad.rego"))});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out,
                 path(QStringLiteral("bad.rego")) + QStringLiteral(":2:8: rego_unsafe_var_error: var x is unsafe\n"));
        r = runCli({QStringLiteral("policy"), QStringLiteral("check"), path(QStringLiteral("missing.rego"))});
        QCOMPARE(r.exitCode, 2);
    }

    void testRunsTestRules()
    {
        const auto r = runCli({QStringLiteral("policy"), QStringLiteral("test"), path(QStringLiteral("t.rego"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("data.t.test_a: PASS")));
        QVERIFY(r.out.contains(QStringLiteral("data.t.test_b: FAIL")));
        QVERIFY(r.out.endsWith(QStringLiteral("1 passed, 1 failed\n")));
    }

    void decidePrintsDecision()
    {
        auto r = runCli({QStringLiteral("policy"), QStringLiteral("decide"), QStringLiteral("-m"), seed(),
                         QStringLiteral("-i"), path(QStringLiteral("in.json"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("\"decision\": \"deny\"")));
        QVERIFY(r.out.contains(QStringLiteral("Model not approved for production")));
        r = runCli({QStringLiteral("policy"), QStringLiteral("decide"), QStringLiteral("-m"), seed()});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestPolicyCli)
#include "TestPolicyCli.moc"
