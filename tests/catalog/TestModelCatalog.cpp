// SPDX-License-Identifier: Apache-2.0
// The model catalog: the shipped file, and bad catalogs with the exact error.
#include "TestSupport.h"
#include "catalog/ModelCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace corral::catalog;

namespace {

QJsonObject goodModel()
{
    return QJsonObject{
        {"id", "m1"},
        {"provider", "openai-compatible"},
        {"approval", "restricted"},
        {"on_prem", false},
        {"endpoint", "https://gw.example.com/v1"},
        {"card", QJsonObject{{"description", "d"},
                             {"vendor", "v"},
                             {"context_window", 8192},
                             {"training_data_cutoff", "2025-01"},
                             {"intended_use", "u"},
                             {"limitations", QJsonArray{"l1"}}}},
        {"defaults", QJsonObject{{"temperature", 0.5}, {"max_tokens", 512}, {"top_p", 0.9}}},
        {"cost", QJsonObject{{"input_per_1k", 0.001}, {"output_per_1k", 0.002}}},
    };
}

QByteArray catalogText(const QJsonArray& models)
{
    return QJsonDocument(QJsonObject{{"version", 1}, {"models", models}}).toJson();
}

} // namespace

class TestModelCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedCatalog()
    {
        auto catalog = ModelCatalog::loadDefault();
        QVERIFY2(catalog, qPrintable(catalog.ok() ? QString() : catalog.error().toString()));
        const ModelInfo* local = catalog->find("local-extractive");
        QVERIFY(local);
        QVERIFY(local->provider == ModelProvider::LocalExtractive);
        QVERIFY(local->approval == ModelApproval::Allowed);
        QVERIFY(local->onPrem);
        QCOMPARE(local->costPer1kInput, 0.0);
        QCOMPARE(local->costPer1kOutput, 0.0);
        QCOMPARE(local->tasks, (QStringList{"summarize", "answer", "classify", "extract"}));
        const ModelInfo* brief = catalog->find("gpt-4o-plat-2026");
        QVERIFY(brief);
        QVERIFY(brief->approval == ModelApproval::Restricted);
        QVERIFY(!brief->onPrem);
        QVERIFY(brief->tasks.contains("generate"));
        QVERIFY(catalog->find("unsafe-2025")->approval == ModelApproval::Prohibited);
        QVERIFY(catalog->models().size() >= 5);
    }

    void parsesAllFields()
    {
        auto catalog = ModelCatalog::parse(catalogText({goodModel()}), "m.json");
        QVERIFY(catalog);
        const ModelInfo& m = catalog->models().front();
        QCOMPARE(m.id, QStringLiteral("m1"));
        QCOMPARE(toString(m.provider), QStringLiteral("openai-compatible"));
        QCOMPARE(toString(m.approval), QStringLiteral("restricted"));
        QCOMPARE(m.endpoint, QStringLiteral("https://gw.example.com/v1"));
        QCOMPARE(m.contextWindow, 8192);
        QCOMPARE(m.trainingDataCutoff, QStringLiteral("2025-01"));
        QCOMPARE(m.limitations, QStringList{"l1"});
        QCOMPARE(m.temperature, 0.5);
        QCOMPARE(m.maxTokens, 512);
        QCOMPARE(m.topP, 0.9);
        QCOMPARE(m.costPer1kInput, 0.001);
        QCOMPARE(m.costPer1kOutput, 0.002);
        QCOMPARE(m.currency, QStringLiteral("USD"));
        QCOMPARE(catalog->ids(), QStringList{"m1"});
    }

    void badCatalogs_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        auto with = [](const QString& key, const QJsonValue& value) {
            QJsonObject m = goodModel();
            if (value.isUndefined())
                m.remove(key);
            else
                m.insert(key, value);
            return catalogText({m});
        };
        auto withCard = [](const QString& key, const QJsonValue& value) {
            QJsonObject m = goodModel();
            QJsonObject card = m.value("card").toObject();
            card.insert(key, value);
            m.insert("card", card);
            return catalogText({m});
        };
        QTest::newRow("not json") << QByteArray("{\"models\": [") << "catalog.json"
                                  << "m.json:1:13: unexpected end of file (truncated?), expected a value";
        QTest::newRow("invalid utf8") << QByteArray("{\"models\": [\"\xfe\"]}") << "catalog.json"
                                      << "m.json:1:14: invalid UTF-8 at byte 13";
        QTest::newRow("duplicate key") << QByteArray("{\"models\": [], \"models\": []}") << "catalog.json"
                                       << "m.json:1:16: duplicate member name \"models\"";
        QTest::newRow("not object") << QByteArray("[]") << "catalog.models"
                                    << "m.json: expected a JSON object with \"models\"";
        QTest::newRow("no models") << QByteArray("{}") << "catalog.models"
                                   << "m.json: /models: missing";
        QTest::newRow("version") << QByteArray("{\"version\": 2, \"models\": []}") << "catalog.models"
                                 << "m.json: /version: 2 is out of range [1, 1]";
        QTest::newRow("provider") << with("provider", "acme") << "catalog.models"
                                  << "m.json: /models/0/provider: 'acme' is not one of local-extractive, "
                                     "openai-compatible, anthropic";
        QTest::newRow("approval")
            << with("approval", "maybe") << "catalog.models"
            << "m.json: /models/0/approval: 'maybe' is not one of allowed, restricted, prohibited";
        QTest::newRow("on_prem type") << with("on_prem", "yes") << "catalog.models"
                                      << "m.json: /models/0/on_prem: expected true or false";
        QTest::newRow("unknown member") << with("price", 1) << "catalog.models"
                                        << "m.json: /models/0/price: unknown member";
        QTest::newRow("bad id") << with("id", "GPT 4") << "catalog.models"
                                << "m.json: /models/0/id: 'GPT 4' is not a model id";
        QTest::newRow("no endpoint") << with("endpoint", QJsonValue::Undefined) << "catalog.models"
                                     << "m.json: /models/0/endpoint: a remote model needs an endpoint";
        QTest::newRow("bad task") << with("tasks", QJsonArray{"dance"}) << "catalog.models"
                                  << "m.json: /models/0/tasks: unknown task 'dance'";
        QTest::newRow("card missing") << with("card", QJsonValue::Undefined) << "catalog.models"
                                      << "m.json: /models/0/card/description: missing";
        QTest::newRow("context huge") << withCard("context_window", 1e12) << "catalog.models"
                                      << "m.json: /models/0/card/context_window: 1e+12 is out of range [1, 1e+07]";
        QTest::newRow("context type") << withCard("context_window", "big") << "catalog.models"
                                      << "m.json: /models/0/card/context_window: expected a number";
        QTest::newRow("negative cost") << with("cost", QJsonObject{{"input_per_1k", -1}, {"output_per_1k", 0}})
                                       << "catalog.models"
                                       << "m.json: /models/0/cost/input_per_1k: -1 is out of range [0, 1000]";
        QTest::newRow("temperature") << with("defaults", QJsonObject{{"temperature", 3}}) << "catalog.models"
                                     << "m.json: /models/0/defaults/temperature: 3 is out of range [0, 2]";
        QTest::newRow("max_tokens above context")
            << with("defaults", QJsonObject{{"max_tokens", 9000}}) << "catalog.models"
            << "m.json: /models/0/defaults/max_tokens: 9000 is out of range [1, 8192]";
        QTest::newRow("huge number") << QByteArray("{\"models\": [], \"version\": 1e999}") << "catalog.json"
                                     << "m.json:1:27: number 1e999 is out of range";
        QTest::newRow("duplicate id") << catalogText({goodModel(), goodModel()}) << "catalog.models"
                                      << "m.json: /models/1/id: model 'm1' appears twice";
    }

    void badCatalogs()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QFETCH(QString, message);
        auto catalog = ModelCatalog::parse(text, "m.json");
        QVERIFY(!catalog);
        QCOMPARE(catalog.error().code, code);
        QCOMPARE(catalog.error().message, message);
    }

    void loadErrors()
    {
        auto missing = ModelCatalog::load("/nonexistent/models.json");
        QCOMPARE(missing.error().code, QStringLiteral("catalog.io"));
        QVERIFY(missing.error().message.startsWith("/nonexistent/models.json: cannot read: "));
        QTemporaryDir dir;
        const QString big = dir.filePath("big.json");
        QVERIFY(corral::test::writeFile(big, QByteArray(1024 * 1024 + 10, ' ')));
        auto tooBig = ModelCatalog::load(big);
        QCOMPARE(tooBig.error().code, QStringLiteral("catalog.json"));
        QCOMPARE(tooBig.error().message, big + ":1:1: file is 1048577 bytes, more than the limit of 1048576 bytes");
    }
};

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "TestModelCatalog.moc"
