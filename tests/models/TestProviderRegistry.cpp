// SPDX-License-Identifier: Apache-2.0
// From catalog model to provider: the shipped catalog's connection fields, the provider
// each model gets, prohibited and unknown models, bad connection fields in a catalog, and
// choosing the secret store.
#include "FakeHttpServer.h"
#include "TestSupport.h"
#include "models/AnthropicProvider.h"
#include "models/FileSecretStore.h"
#include "models/LocalExtractiveModel.h"
#include "models/OpenAiCompatibleProvider.h"
#include "models/ProviderRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::models;

namespace {

QJsonObject remoteModel(const QString& id, const QString& provider, const QString& endpoint)
{
    return QJsonObject{
        {"id", id},
        {"provider", provider},
        {"approval", "allowed"},
        {"endpoint", endpoint},
        {"card", QJsonObject{{"description", "d"},
                             {"vendor", "v"},
                             {"context_window", 8192},
                             {"training_data_cutoff", "2025-01"},
                             {"intended_use", "u"}}},
        {"cost", QJsonObject{{"input_per_1k", 0.001}, {"output_per_1k", 0.002}}},
    };
}

Result<catalog::ModelCatalog> parseOne(const QJsonObject& model)
{
    return catalog::ModelCatalog::parse(QJsonDocument(QJsonObject{{"models", QJsonArray{model}}}).toJson(), "m.json");
}

} // namespace

class TestProviderRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedCatalog()
    {
        auto catalog = catalog::ModelCatalog::loadDefault();
        QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().toString()));
        const catalog::ModelInfo* gpt = catalog->find(QStringLiteral("gpt-4o-plat-2026"));
        QVERIFY(gpt);
        QCOMPARE(gpt->apiModel, QStringLiteral("gpt-4o"));
        QCOMPARE(gpt->credential, QStringLiteral("ai-gateway"));
        QCOMPARE(catalog::toString(gpt->auth), QStringLiteral("bearer"));
        const catalog::ModelInfo* claude = catalog->find(QStringLiteral("claude-sonnet-plat-2026"));
        QCOMPARE(claude->apiVersion, QStringLiteral("2023-06-01"));
        const catalog::ModelInfo* llama = catalog->find(QStringLiteral("llama-3-8b-onprem"));
        QVERIFY(llama->credential.isEmpty());
        const catalog::ModelInfo* local = catalog->find(QStringLiteral("local-extractive"));
        QCOMPARE(local->apiModel, QStringLiteral("local-extractive")); // defaults to the id

        const ProviderRegistry registry(nullptr);
        auto provider = registry.create(*catalog, QStringLiteral("gpt-4o-plat-2026"));
        QVERIFY(provider.ok());
        QVERIFY(dynamic_cast<OpenAiCompatibleProvider*>(provider->get()));
        QCOMPARE((*provider)->id(), QStringLiteral("gpt-4o-plat-2026"));
        QCOMPARE(static_cast<OpenAiCompatibleProvider*>(provider->get())->url(),
                 QUrl(QStringLiteral("https://ai-gateway.example.com/v1/chat/completions")));
        provider = registry.create(*catalog, QStringLiteral("claude-sonnet-plat-2026"));
        QVERIFY(dynamic_cast<AnthropicProvider*>(provider->get()));
        QCOMPARE(static_cast<AnthropicProvider*>(provider->get())->url(),
                 QUrl(QStringLiteral("https://ai-gateway.example.com/anthropic/v1/messages")));

        // The offline default still works with no store and no network.
        provider = registry.create(*catalog, QStringLiteral("local-extractive"));
        QVERIFY(dynamic_cast<LocalExtractiveModel*>(provider->get()));
        ModelRequest request;
        request.task = Task::Summarize;
        request.documents = {Document{QStringLiteral("a.txt"),
                                      QStringLiteral("Revenue grew 12% in Q3. Churn fell to 3%. The office moved.")}};
        auto response = (*provider)->generate(request);
        QVERIFY(response.ok());
        QVERIFY(!response->text.isEmpty());

        // A hosted model whose credential is not set fails before any connection.
        provider = registry.create(*catalog, QStringLiteral("gpt-4o-mini-plat-2026"));
        response = (*provider)->generate(request);
        QCOMPARE(response.error().code, QStringLiteral("model.credential-missing"));
    }

    void refusals()
    {
        auto catalog = catalog::ModelCatalog::loadDefault();
        QVERIFY(catalog.ok());
        const ProviderRegistry registry(nullptr);
        auto provider = registry.create(*catalog, QStringLiteral("unsafe-2025"));
        QCOMPARE(provider.error().code, QStringLiteral("model.prohibited"));
        QCOMPARE(provider.error().message, QStringLiteral("the catalog prohibits model 'unsafe-2025'"));
        provider = registry.create(*catalog, QStringLiteral("gpt-5"));
        QCOMPARE(provider.error().code, QStringLiteral("model.unknown"));
        QCOMPARE(provider.error().message, QStringLiteral("no model 'gpt-5' in the catalog"));

        catalog::ModelInfo onPrem;
        onPrem.id = QStringLiteral("vllm");
        onPrem.provider = catalog::ModelProvider::OpenAiCompatible;
        onPrem.approval = catalog::ModelApproval::Allowed;
        onPrem.onPrem = true;
        provider = registry.create(onPrem);
        QCOMPARE(provider.error().code, QStringLiteral("model.config"));
        QCOMPARE(provider.error().message, QStringLiteral("model 'vllm' (openai-compatible) has no endpoint"));
    }

    void catalogConnectionFields_data()
    {
        QTest::addColumn<QJsonObject>("model");
        QTest::addColumn<QString>("message"); // empty: valid
        const QJsonObject base = remoteModel("m", "openai-compatible", "https://gw.example.com/v1");
        const auto with = [&](const char* key, const QJsonValue& value) {
            QJsonObject m = base;
            m.insert(QString::fromLatin1(key), value);
            return m;
        };
        QTest::newRow("plain") << base << QString();
        QTest::newRow("azure") << with("auth", "api-key") << QString();
        QTest::newRow("credential") << with("credential", "gw.prod_1") << QString();
        QTest::newRow("bad credential") << with("credential", "my key")
                                        << "m.json: /models/0/credential: 'my key' is not a secret name";
        QTest::newRow("bad auth") << with("auth", "basic")
                                  << "m.json: /models/0/auth: 'basic' is not one of bearer, api-key";
        QTest::newRow("key in url") << with("endpoint", "https://gw.example.com/v1?key=sk-123")
                                    << "m.json: /models/0/endpoint: must not carry user info, a query or a fragment "
                                       "(name a credential)";
        QTest::newRow("user info") << with("endpoint", "https://bob:pw@gw.example.com/v1")
                                   << "m.json: /models/0/endpoint: must not carry user info, a query or a fragment "
                                      "(name a credential)";
        QTest::newRow("not http") << with("endpoint", "ftp://gw.example.com")
                                  << "m.json: /models/0/endpoint: 'ftp://gw.example.com' is not an http or https URL";
        QJsonObject anthropic = remoteModel("c", "anthropic", "https://api.anthropic.com");
        anthropic.insert("auth", "api-key");
        QTest::newRow("auth on anthropic")
            << anthropic << "m.json: /models/0/auth: only openai-compatible models choose how the key is sent";
        QJsonObject local = remoteModel("l", "local-extractive", "");
        local.remove("endpoint");
        local.insert("credential", "x");
        QTest::newRow("credential on local")
            << local << "m.json: /models/0/provider: a local model takes no api_model, credential or api_version";
        QTest::newRow("wrong type") << with("api_model", 4) << "m.json: /models/0/api_model: expected a string";
    }

    void catalogConnectionFields()
    {
        QFETCH(QJsonObject, model);
        QFETCH(QString, message);
        auto parsed = parseOne(model);
        if (message.isEmpty()) {
            QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
            return;
        }
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("catalog.models"));
        QCOMPARE(parsed.error().message, message);
    }

    void endToEndThroughRegistry()
    {
        // A catalog entry naming a loopback endpoint and a credential in the file store.
        test::FakeHttpServer server;
        server.enqueue(test::FakeResponse::json(200,
                                                R"({"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}],)"
                                                R"("usage":{"prompt_tokens":5,"completion_tokens":1}})"));
        QJsonObject entry = remoteModel("vllm-local", "openai-compatible", server.baseUrl() + "/v1");
        entry.insert("credential", "vllm");
        entry.insert("api_model", "meta-llama/Meta-Llama-3-8B-Instruct");
        auto catalog = parseOne(entry);
        QVERIFY(catalog.ok());
        QTemporaryDir dir;
        auto secrets = std::make_shared<FileSecretStore>(dir.filePath(QStringLiteral("secrets")));
        QVERIFY(secrets->set(QStringLiteral("vllm"), "token-abc123").ok());
        HttpSettings settings;
        settings.maxRetries = 0;
        const ProviderRegistry registry(secrets, settings);
        auto provider = registry.create(*catalog, QStringLiteral("vllm-local"));
        QVERIFY(provider.ok());
        ModelRequest request;
        request.prompt = QStringLiteral("Say ok.");
        auto response = (*provider)->generate(request);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(response->text, QStringLiteral("ok"));
        QCOMPARE(response->usage.inputTokens, 5);
        QCOMPARE(server.requests()[0].headers.value("authorization"), QByteArray("Bearer token-abc123"));
        QCOMPARE(QJsonDocument::fromJson(server.requests()[0].body).object().value("model").toString(),
                 QStringLiteral("meta-llama/Meta-Llama-3-8B-Instruct"));
    }

    void openingTheSecretStore()
    {
        QTemporaryDir dir;
        qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
        qputenv("CORRAL_SECRET_STORE", "file");
        auto store = openSecretStore();
        QVERIFY(store.ok());
        QCOMPARE((*store)->backend(), QStringLiteral("file"));
        QCOMPARE((*store)->location(), dir.path() + QStringLiteral("/corral/secrets"));

        qputenv("CORRAL_SECRET_STORE", "vault");
        store = openSecretStore();
        QCOMPARE(store.error().code, QStringLiteral("secrets.invalid-name"));
        QCOMPARE(store.error().message,
                 QStringLiteral("CORRAL_SECRET_STORE is 'vault'; expected file, keychain or auto"));
        qunsetenv("CORRAL_SECRET_STORE");
        qunsetenv("XDG_CONFIG_HOME");
    }
};

QTEST_GUILESS_MAIN(TestProviderRegistry)
#include "TestProviderRegistry.moc"
