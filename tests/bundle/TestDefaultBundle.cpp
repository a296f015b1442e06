// SPDX-License-Identifier: Apache-2.0
// The built-in default bundle: it builds from resources/bundle with the shipped catalogs,
// every policy unit test in it passes, and its decisions on realistic requests (the
// product brief's example app among them) are the ones the policy promises.
#include "TestSupport.h"
#include "bundle/Bundle.h"
#include "bundle/BundleBuilder.h"
#include "bundle/PolicyCompiler.h"
#include "policy/Compiler.h"
#include "policy/Evaluator.h"

#include <QRegularExpression>
#include <QTest>

using namespace corral;
using namespace corral::bundle;

class TestDefaultBundle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void policyUnitTestsPass();
    void decisions_data();
    void decisions();

private:
    std::optional<Bundle> m_bundle;
    std::shared_ptr<const BundlePolicy> m_policy;
};

void TestDefaultBundle::initTestCase()
{
    const Result<QByteArray> archive = buildDefaultBundle();
    QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().toString()));
    Result<Bundle> bundle = Bundle::fromArchive(*archive);
    QVERIFY2(bundle.ok(), qPrintable(bundle.ok() ? QString() : bundle.error().toString()));
    m_bundle = std::move(*bundle);
    Result<std::shared_ptr<const BundlePolicy>> policy = regoPolicyCompiler()->compile(*m_bundle);
    QVERIFY2(policy.ok(), qPrintable(policy.ok() ? QString() : policy.error().toString()));
    m_policy = *policy;
}

// What `opa test` does: every test_* rule of every *_test.rego module must be true.
void TestDefaultBundle::policyUnitTestsPass()
{
    std::vector<policy::ModuleSource> sources;
    for (const BundleModule& module : m_bundle->modules()) {
        sources.push_back({module.path.toStdString(), module.source.toStdString(),
                           module.regoVersion == 0 ? policy::RegoVersion::V0 : policy::RegoVersion::V1});
    }
    const policy::CompileResult compiled = policy::compilePolicy(sources, m_bundle->data());
    QVERIFY(compiled.errors.empty());

    static const QRegularExpression testRule(QStringLiteral("^(test_[A-Za-z0-9_]+)\\b"),
                                             QRegularExpression::MultilineOption);
    int passed = 0;
    QStringList failed;
    for (const BundleModule& module : m_bundle->modules()) {
        if (!module.isTest)
            continue;
        QRegularExpressionMatchIterator it = testRule.globalMatch(QString::fromUtf8(module.source));
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            std::vector<std::string> path;
            for (const QString& segment : module.package.split(QLatin1Char('.')))
                path.push_back(segment.toStdString());
            path.push_back(name.toStdString());
            const policy::Value empty = policy::Value::emptyObject();
            const auto result = policy::evalDocument(*compiled.policy, path, &empty);
            const bool ok = result.ok() && result->has_value() && **result == policy::Value::boolean(true);
            if (ok) {
                ++passed;
            } else {
                failed.append(
                    module.package + QLatin1Char('.') + name +
                    (result.ok() ? QString() : QStringLiteral(" (") + result.error().toString() + QLatin1Char(')')));
            }
        }
    }
    QVERIFY2(failed.isEmpty(), qPrintable(QStringLiteral("failing policy tests:\n") + failed.join(QLatin1Char('\n'))));
    QVERIFY(passed >= 40);
}

void TestDefaultBundle::decisions_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    const QByteArray seedApp = R"("app": {"name": "sales-summarizer", "version": "1.0.0", "model": "gpt-4o-plat-2026",
        "max_tokens": 800, "max_requests_per_minute": 30, "data_handling": "no-pii", "connectors": ["sales-crm", "s3"],
        "approval_required": true, "stage": "development", "quota_remaining": 50000})";
    const QByteArray noDlp = R"("dlp": {"findings": []}, "user": {"id": "ana", "groups": ["sales"]})";

    QTest::newRow("brief-app-restricted-model-in-development")
        << R"({"request": {"action": "model.generate", "model": "gpt-4o-plat-2026", "estimated_tokens": 900}, )" +
               seedApp + ", " + noDlp + "}"
        << R"(deny: model "gpt-4o-plat-2026" is restricted to production apps; this app is in development)";
    QTest::newRow("brief-policy-model")
        << R"({"request": {"action": "model.generate", "model": "unsafe-2025", "estimated_tokens": 900}, )" + seedApp +
               ", " + noDlp + "}"
        << R"(deny: Model not approved for production | model "unsafe-2025" is prohibited by the organisation)";
    QTest::newRow("brief-quota")
        << R"({"request": {"action": "model.generate", "model": "local-extractive", "estimated_tokens": 60000}, )" +
               seedApp + ", " + noDlp + "}"
        << "deny: Quota exceeded | the request needs about 60000 tokens but only 50000 remain in the quota";
    QTest::newRow("offline-model-allowed")
        << R"({"request": {"action": "model.generate", "model": "local-extractive", "estimated_tokens": 900}, )" +
               seedApp + ", " + noDlp + "}"
        << "allow: ";
    QTest::newRow("crm-get")
        << R"({"request": {"action": "http.request", "connector": "sales-crm", "method": "GET", "host": "crm.example.com"}, )" +
               seedApp + ", " + noDlp + "}"
        << "allow: ";
    QTest::newRow("s3-put-asks")
        << R"({"request": {"action": "http.request", "connector": "s3", "method": "PUT", "host": "reports-bucket.s3.eu-central-1.amazonaws.com"}, )" +
               seedApp + ", " + noDlp + "}"
        << "ask: send an HTTP PUT request to reports-bucket.s3.eu-central-1.amazonaws.com";
    QTest::newRow("blocked-connector")
        << R"({"request": {"action": "files.list", "connector": "ssh-keys"}, "app": {"stage": "development", "connectors": ["ssh-keys"]}, )" +
               noDlp + "}"
        << R"(deny: connector "ssh-keys" is blocked by the organisation)";
    QTest::newRow("mixed-classes")
        << R"({"request": {"action": "files.list", "connector": "documents"}, "app": {"stage": "development", "connectors": ["documents", "downloads"]}, )" +
               noDlp + "}"
        << "deny: an app may not mix Business and Non-Business connectors";
    QTest::newRow("sensitive-incidents")
        << R"({"request": {"action": "files.read", "connector": "incidents", "path": "2026-03.md"}, "app": {"stage": "development", "connectors": ["incidents"]}, )" +
               noDlp + "}"
        << R"(ask: read from "incidents", which the organisation marks as sensitive)";
    QTest::newRow("pii-routed-onprem")
        << QByteArray(
               R"({"request": {"action": "model.generate", "model": "gpt-4o-mini-plat-2026", "estimated_tokens": 100},
               "app": {"stage": "development", "data_handling": "pii-allowed-onprem", "connectors": [], "max_tokens": 9000},
               "dlp": {"findings": [{"type": "iban", "count": 1, "score": 0.99}]}})")
        << "ask: send content that holds personal data (iban) to the model "
           "{\"max_tokens\":4000,\"route_model\":\"llama-3-8b-onprem\"}";
    QTest::newRow("redact")
        << QByteArray(
               R"({"request": {"action": "model.generate", "model": "gpt-4o-mini-plat-2026", "estimated_tokens": 100},
               "app": {"stage": "development", "data_handling": "redact-pii", "connectors": [], "max_tokens": 500},
               "dlp": {"findings": [{"type": "email", "count": 3, "score": 0.9}]}})")
        << "allow:  {\"max_tokens\":500,\"redact\":true}";
}

void TestDefaultBundle::decisions()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const Result<policy::Value> value =
        policy::Value::fromJson(std::string_view(input.constData(), size_t(input.size())));
    QVERIFY2(value.ok(), input.constData());
    const PolicyDecision decision = m_policy->decide(*value);
    QStringList reasons = decision.reasons;
    reasons.sort();
    QString text = toString(decision.outcome) + QStringLiteral(": ") + reasons.join(QLatin1String(" | "));
    // Obligations are compared where the row names them (max_tokens comes with every model call).
    if (expected.contains(QLatin1Char('{')))
        text += QLatin1Char(' ') + QString::fromStdString(decision.obligations.toJson());
    QCOMPARE(text, expected);
}

QTEST_GUILESS_MAIN(TestDefaultBundle)
#include "TestDefaultBundle.moc"
