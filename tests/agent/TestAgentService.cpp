// SPDX-License-Identifier: Apache-2.0
// The agent's methods called in-process through a Dispatcher: status fields from the
// clock, parameter errors (-32602) with their messages, agent errors (-32000) with their
// Corral code, and methods whose resources failed to load answering with that failure.
#include "agent/AgentService.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace corral;
using namespace corral::agent;

namespace {

ipc::Message call(const ipc::Dispatcher& dispatcher, const QString& method, const QJsonValue& params = QJsonObject())
{
    return *dispatcher.handle(ipc::Message::request(1, method, params));
}

} // namespace

class TestAgentService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<AppStore> m_store;

    AgentService::Context baseContext()
    {
        AgentService::Context context;
        context.apps = m_store.get();
        context.clock = &m_clock;
        context.startedAtMs = m_clock.nowMs();
        context.socketPath = QStringLiteral("/run/test/agent.sock");
        context.policyError = makeError(QStringLiteral("bundle.store-io"), QStringLiteral("no store"));
        return context;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Result<AppStore> store = AppStore::open(m_dir.filePath(QStringLiteral("agent.db")), m_clock);
        QVERIFY(store.ok());
        m_store = std::make_unique<AppStore>(std::move(store.value()));
    }

    void statusReportsUptimeFromTheClock()
    {
        AgentService service(baseContext());
        ipc::Dispatcher dispatcher;
        service.registerMethods(dispatcher);
        m_clock.advance(1500);
        const ipc::Message reply = call(dispatcher, QStringLiteral("agent.status"));
        QCOMPARE(reply.kind(), ipc::Message::Kind::Result);
        const QJsonObject status = reply.resultValue().toObject();
        QCOMPARE(status.value(QStringLiteral("uptime_ms")).toInteger(), 1500);
        QCOMPARE(status.value(QStringLiteral("pid")).toInteger(), qint64(::getpid()));
        QCOMPARE(status.value(QStringLiteral("started_at")).toString(), QStringLiteral("2026-01-01T00:00:00.000Z"));
        QCOMPARE(status.value(QStringLiteral("socket")).toString(), QStringLiteral("/run/test/agent.sock"));
        // Without a bundle store the policy is reported unavailable (every decision deny).
        QCOMPARE(status.value(QStringLiteral("policy")).toObject(),
                 (QJsonObject{{QStringLiteral("state"), QStringLiteral("unavailable")},
                              {QStringLiteral("error"), QStringLiteral("bundle.store-io: no store")}}));
    }

    void parameterErrors_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonValue>("params");
        QTest::addColumn<QString>("message");
        QTest::newRow("positional") << QStringLiteral("apps.get") << QJsonValue(QJsonArray{1})
                                    << QStringLiteral("Invalid params: params must be an object with named members");
        QTest::newRow("missing name") << QStringLiteral("apps.delete") << QJsonValue(QJsonObject())
                                      << QStringLiteral("Invalid params: \"name\" is required");
        QTest::newRow("bad name") << QStringLiteral("apps.versions")
                                  << QJsonValue(QJsonObject{{QStringLiteral("name"), QStringLiteral("a/b")}})
                                  << QStringLiteral("Invalid params: \"name\" must be 1 to 64 letters, digits, '-', "
                                                    "'_' or '.'");
        QTest::newRow("negative revision")
            << QStringLiteral("apps.get")
            << QJsonValue(QJsonObject{{QStringLiteral("name"), QStringLiteral("a")}, {QStringLiteral("revision"), -1}})
            << QStringLiteral("Invalid params: \"revision\" must be a positive integer");
        QTest::newRow("fractional revision")
            << QStringLiteral("apps.get")
            << QJsonValue(QJsonObject{{QStringLiteral("name"), QStringLiteral("a")}, {QStringLiteral("revision"), 1.5}})
            << QStringLiteral("Invalid params: \"revision\" must be an integer");
        QTest::newRow("manifest as object")
            << QStringLiteral("apps.save") << QJsonValue(QJsonObject{{QStringLiteral("manifest"), QJsonObject()}})
            << QStringLiteral("Invalid params: \"manifest\" has the wrong type");
        QTest::newRow("unknown member") << QStringLiteral("apps.list")
                                        << QJsonValue(QJsonObject{{QStringLiteral("all"), true}})
                                        << QStringLiteral("Invalid params: unknown parameter \"all\"");
    }

    void parameterErrors()
    {
        QFETCH(QString, method);
        QFETCH(QJsonValue, params);
        QFETCH(QString, message);
        AgentService service(baseContext());
        ipc::Dispatcher dispatcher;
        service.registerMethods(dispatcher);
        const ipc::Message reply = call(dispatcher, method, params);
        QCOMPARE(reply.kind(), ipc::Message::Kind::Error);
        QCOMPARE(reply.errorValue().code, ipc::ErrorCode::InvalidParams);
        QCOMPARE(reply.errorValue().message, message);
        QCOMPARE(m_store->list()->size(), std::size_t(0));
    }

    void unloadedResourcesAreReported()
    {
        AgentService::Context context = baseContext();
        context.validatorError = makeError(QStringLiteral("manifest.schema-file"), QStringLiteral("schema missing"));
        context.templatesError = makeError(QStringLiteral("catalog.io"), QStringLiteral("no templates folder"));
        AgentService service(std::move(context));
        ipc::Dispatcher dispatcher;
        service.registerMethods(dispatcher);

        ipc::Message reply = call(dispatcher, QStringLiteral("apps.save"),
                                  QJsonObject{{QStringLiteral("manifest"), QStringLiteral("{}")}});
        QCOMPARE(reply.errorValue().code, kAgentErrorCode);
        QCOMPARE(reply.errorValue().message, QStringLiteral("schema missing"));
        QCOMPARE(reply.errorValue().data.toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("manifest.schema-file"));
        QCOMPARE(m_store->list()->size(), std::size_t(0));

        reply = call(dispatcher, QStringLiteral("templates.list"));
        QCOMPARE(reply.errorValue().code, kAgentErrorCode);
        QCOMPARE(reply.errorValue().data.toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("catalog.io"));
    }

    void saveListsAllIssues()
    {
        AgentService::Context context = baseContext();
        Result<manifest::ManifestValidator> validator = manifest::ManifestValidator::createDefault();
        QVERIFY2(validator.ok(), qPrintable(validator.ok() ? QString() : validator.error().toString()));
        context.validator = std::move(validator.value());
        AgentService service(std::move(context));
        ipc::Dispatcher dispatcher;
        service.registerMethods(dispatcher);

        const ipc::Message reply = call(dispatcher, QStringLiteral("apps.save"),
                                        QJsonObject{{QStringLiteral("manifest"), QStringLiteral("{\"name\": \"x\"}")}});
        QCOMPARE(reply.errorValue().code, kAgentErrorCode);
        const QJsonObject data = reply.errorValue().data.toObject();
        QCOMPARE(data.value(QStringLiteral("code")).toString(), QStringLiteral("manifest.schema"));
        const QJsonArray issues = data.value(QStringLiteral("issues")).toArray();
        QVERIFY(issues.size() > 1);
        QCOMPARE(reply.errorValue().message,
                 QStringLiteral("invalid manifest (%1 problems): 1:1: %2")
                     .arg(issues.size())
                     .arg(issues.at(0).toObject().value(QStringLiteral("message")).toString()));
        for (const QJsonValue& issue : issues) {
            QCOMPARE(issue.toObject().value(QStringLiteral("line")).toInt(), 1);
            QVERIFY(!issue.toObject().value(QStringLiteral("message")).toString().isEmpty());
        }
        QCOMPARE(m_store->list()->size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestAgentService)
#include "TestAgentService.moc"
