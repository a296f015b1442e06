// SPDX-License-Identifier: Apache-2.0
// The decision API: the seed policy's verdicts, deny over ask over allow, obligations,
// fail-closed evaluation errors, and concurrent decisions.
#include "TestSupport.h"
#include "policy/PolicyEngine.h"

#include <QTest>
#include <atomic>
#include <thread>

using namespace corral::policy;

class TestPolicyEngine : public QObject
{
    Q_OBJECT

private:
    static std::shared_ptr<const PolicyEngine> engine(const std::vector<std::string>& modules)
    {
        std::vector<ModuleSource> sources;
        int i = 0;
        for (const auto& m : modules)
            sources.push_back(ModuleSource{"m" + std::to_string(i++) + ".rego", m, RegoVersion::Auto});
        auto e = PolicyEngine::create(sources, Value::emptyObject());
        if (!e)
            qFatal("%s", qPrintable(e.error().message));
        return *e;
    }

    static std::shared_ptr<const PolicyEngine> seedEngine()
    {
        const QByteArray seed = corral::test::readFile(corral::test::fixturePath(QStringLiteral("seed-policy.rego")));
        return engine({seed.toStdString()});
    }

    static Value input(const char* json) { return *Value::fromJson(json); }

private Q_SLOTS:
    void seedPolicyDeniesUnapprovedModel()
    {
        const Decision d = seedEngine()->decide(
            input(R"({"request":{"model":"unsafe-2025","estimated_tokens":10},"app":{"quota_remaining":100}})"));
        QCOMPARE(d.verdict, Verdict::Deny);
        QCOMPARE(d.reasons, std::vector<std::string>{"Model not approved for production"});
        QVERIFY(!d.error);
    }

    void seedPolicyDeniesOverQuota()
    {
        const Decision d = seedEngine()->decide(
            input(R"({"request":{"model":"gpt-local","estimated_tokens":500},"app":{"quota_remaining":100}})"));
        QCOMPARE(d.verdict, Verdict::Deny);
        QCOMPARE(d.reasons, std::vector<std::string>{"Quota exceeded"});
    }

    void seedPolicyBothReasons()
    {
        const Decision d = seedEngine()->decide(
            input(R"({"request":{"model":"unsafe-2025","estimated_tokens":500},"app":{"quota_remaining":100}})"));
        QCOMPARE(d.verdict, Verdict::Deny);
        QCOMPARE(d.reasons, (std::vector<std::string>{"Model not approved for production", "Quota exceeded"}));
    }

    void seedPolicyAllowsOtherwise()
    {
        const Decision d = seedEngine()->decide(
            input(R"({"request":{"model":"gpt-local","estimated_tokens":10},"app":{"quota_remaining":100}})"));
        QCOMPARE(d.verdict, Verdict::Allow);
        QVERIFY(d.reasons.empty());
        // Missing fields make the rules undefined, not errors.
        QCOMPARE(seedEngine()->decide(input("{}")).verdict, Verdict::Allow);
    }

    void askAndObligations()
    {
        auto e = engine({"package corral\n"
                         "ask contains \"writes need confirmation\" if input.request.action == \"files.write\"\n"
                         "deny contains \"no network\" if input.request.action == \"http.request\"\n"
                         "redact := true if count(input.dlp.findings) > 0\n"
                         "route_model := \"local-extractive\" if input.app.data_handling == \"no-pii\"\n"
                         "max_tokens := 1000\n"});
        Decision d = e->decide(input(R"({"request":{"action":"files.write"},"dlp":{"findings":[{"type":"email"}]}})"));
        QCOMPARE(d.verdict, Verdict::Ask);
        QCOMPARE(d.reasons, std::vector<std::string>{"writes need confirmation"});
        QCOMPARE(d.obligations.toJson(), std::string(R"({"max_tokens":1000,"redact":true})"));
        d = e->decide(input(R"({"request":{"action":"http.request"},"app":{"data_handling":"no-pii"}})"));
        QCOMPARE(d.verdict, Verdict::Deny);
        QCOMPARE(d.obligations.toJson(), std::string(R"({"max_tokens":1000,"route_model":"local-extractive"})"));
        QCOMPARE(QString::fromLatin1(verdictName(d.verdict)), QStringLiteral("deny"));
    }

    void packagesAreConfigurable()
    {
        std::vector<ModuleSource> sources{
            ModuleSource{"a.rego", "package team.rules\ndeny contains \"team says no\"", RegoVersion::Auto}};
        auto defaults = PolicyEngine::create(sources, Value::emptyObject());
        QVERIFY(defaults.ok());
        QCOMPARE((*defaults)->decide(input("{}")).verdict, Verdict::Allow);
        PolicyConfig config;
        config.packages = {"team.rules"};
        auto custom = PolicyEngine::create(sources, Value::emptyObject(), config);
        QCOMPARE((*custom)->decide(input("{}")).verdict, Verdict::Deny);
    }

    void evaluationErrorFailsClosed()
    {
        auto e = engine({"package corral\nlimit := 1\nlimit := 2 if input.x\n"
                         "deny contains \"over\" if input.n > limit\n"});
        const Decision d = e->decide(input(R"({"x": true, "n": 0})"));
        QCOMPARE(d.verdict, Verdict::Deny);
        QVERIFY(d.error);
        QCOMPARE(d.error->code, QStringLiteral("eval_conflict_error"));
        QCOMPARE(d.reasons,
                 std::vector<std::string>{"policy evaluation failed: eval_conflict_error: m0.rego:3: complete "
                                          "rules must not produce multiple outputs"});
        const QJsonObject json = d.toJson();
        QCOMPARE(json.value(QStringLiteral("decision")).toString(), QStringLiteral("deny"));
    }

    void compileErrorsAreReported()
    {
        auto e = PolicyEngine::create(
            {ModuleSource{"bad.rego", "package corral\ndeny contains x if true", RegoVersion::Auto}},
            Value::emptyObject());
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, QStringLiteral("rego_unsafe_var_error"));
        QCOMPARE(e.error().message, QStringLiteral("bad.rego:2:15: rego_unsafe_var_error: var x is unsafe"));
    }

    // The benchmark bundle: rules guarded by `request.action == ...` (indexed) decide per action.
    void benchmarkBundleDecidesPerAction()
    {
        const QString dir = QStringLiteral(CORRAL_SOURCE_DIR "/tests/bench/policy/bundle");
        const QByteArray data = corral::test::readFile(dir + QStringLiteral("/data.json"));
        auto created = PolicyEngine::create(
            {ModuleSource{
                 "seed-policy.rego",
                 corral::test::readFile(corral::test::fixturePath(QStringLiteral("seed-policy.rego"))).toStdString(),
                 RegoVersion::Auto},
             ModuleSource{"corral.rego", corral::test::readFile(dir + QStringLiteral("/corral.rego")).toStdString(),
                          RegoVersion::Auto}},
            *Value::fromJson(std::string_view(data.constData(), std::size_t(data.size()))));
        QVERIFY(created.ok());
        const auto& e = *created;
        const std::string app = R"("app": {"stage": "production", "quota_remaining": 5000, "max_tokens": 4000,
            "trust_level": 2, "data_handling": "redact-pii", "connectors": [)";

        Decision d = e->decide(input((R"({"request": {"action": "model.generate", "model": "gpt-4o",
            "estimated_tokens": 1200}, "dlp": {"findings": [{"type": "email", "count": 1, "score": 0.5}]}, )" +
                                      app + "]}}")
                                         .c_str()));
        QCOMPARE(d.verdict, Verdict::Allow);
        QCOMPARE(d.obligations.toJson(), std::string(R"({"max_tokens":4000,"redact":true})"));

        d = e->decide(input((R"({"request": {"action": "files.write", "connector": "sales-folder",
            "path": "/srv/sales/q3.txt", "bytes": 10}, )" +
                             app + R"("sales-folder"]}})")
                                .c_str()));
        QCOMPARE(d.verdict, Verdict::Deny);
        QCOMPARE(d.reasons, std::vector<std::string>{"write not allowed on this connector"});

        d = e->decide(input((R"({"request": {"action": "files.write", "connector": "reports-out",
            "path": "/srv/reports/q3.txt", "bytes": 10}, )" +
                             app + R"("reports-out"]}})")
                                .c_str()));
        QCOMPARE(d.verdict, Verdict::Ask);
        QCOMPARE(d.reasons, std::vector<std::string>{"write to a shared folder"});

        d = e->decide(input((R"({"request": {"action": "http.request", "connector": "crm-api",
            "host": "crm.example.com", "method": "GET"}, )" +
                             app + R"("crm-api"]}})")
                                .c_str()));
        QCOMPARE(d.verdict, Verdict::Ask);
        QCOMPARE(d.reasons, std::vector<std::string>{"sending data to a confidential service"});

        d = e->decide(input((R"({"request": {"action": "http.request", "connector": "wiki",
            "host": "pastebin.com", "method": "GET"}, )" +
                             app + R"("wiki"]}})")
                                .c_str()));
        QCOMPARE(d.verdict, Verdict::Deny);
        QCOMPARE(d.reasons, (std::vector<std::string>{"host pastebin.com is blocked",
                                                      "host pastebin.com is not allowed for wiki"}));
    }

    void concurrentDecisionsAgree()
    {
        auto e = seedEngine();
        const Value denied =
            input(R"({"request":{"model":"unsafe-2025","estimated_tokens":10},"app":{"quota_remaining":100}})");
        const Value allowed =
            input(R"({"request":{"model":"ok","estimated_tokens":10},"app":{"quota_remaining":100}})");
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 2000; ++i) {
                    const bool deny = (i + t) % 2 == 0;
                    const Decision d = e->decide(deny ? denied : allowed);
                    if (d.verdict != (deny ? Verdict::Deny : Verdict::Allow))
                        ++wrong;
                }
            });
        for (auto& th : threads)
            th.join();
        QCOMPARE(wrong.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPolicyEngine)
#include "TestPolicyEngine.moc"
