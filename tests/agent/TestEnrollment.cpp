// SPDX-License-Identifier: Apache-2.0
// An agent enrolled with a real corral-server, both in this process on loopback: agent.enroll
// (bad token, success, a second enrollment refused), the restart into managed mode, the audit
// log witnessed by the server, a bundle published on the server activated by the agent, and
// a pause order that stops runs.start. Also the `corral enroll` usage errors. Approvals and
// the finer pause cases are in TestApprovals.cpp.
#include "../server/ServerTestSupport.h"
#include "AuditSyncClient.h"
#include "Cosigner.h"
#include "EnrolledAgentFixture.h"
#include "TestCli.h"
#include "agent/SyncManager.h"
#include "catalog/TemplateCatalog.h"
#include "quota/QuotaStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace corral;
using namespace corral::agent;
using corral::server::test::ListeningServer;
using corral::server::test::TestServer;
using corral::test::CliOutput;
using corral::test::runCli;

class TestEnrollment : public QObject, protected test::EnrolledAgentFixture
{
    Q_OBJECT

    qint64 policySerial()
    {
        const Result<QJsonValue> status = call(QStringLiteral("agent.status"));
        return status.ok() ? status->toObject()
                                 .value(QStringLiteral("policy"))
                                 .toObject()
                                 .value(QStringLiteral("serial"))
                                 .toInteger()
                           : -1;
    }

    // Whether the agent's quota store (its database, read beside it) holds `app` as paused.
    bool pausedInStore(const QString& app)
    {
        Result<std::unique_ptr<quota::QuotaStore>> store = quota::QuotaStore::open(m_paths.databasePath);
        if (!store.ok())
            return false;
        Result<std::vector<quota::PausedApp>> paused = (*store)->pausedApps();
        return paused.ok() &&
               std::any_of(paused->begin(), paused->end(), [&app](const quota::PausedApp& p) { return p.app == app; });
    }

private Q_SLOTS:
    void initTestCase() { initAgent(5); }

    void cleanupTestCase() { m_daemon.reset(); }

    void enrollVerbUsageErrors()
    {
        const CliOutput help = runCli({QStringLiteral("enroll"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith(QStringLiteral("Usage: corral enroll")));
        QVERIFY(help.out.contains(QStringLiteral("--ca <FILE>")));
        const CliOutput noServer = runCli({QStringLiteral("enroll"), QStringLiteral("--token"), QStringLiteral("t")});
        QCOMPARE(noServer.exitCode, 2);
        QVERIFY2(noServer.err.contains(QStringLiteral("--server URL is required")), qPrintable(noServer.err));
        const CliOutput noCa = runCli({QStringLiteral("enroll"), QStringLiteral("--server"),
                                       QStringLiteral("https://corral.example"), QStringLiteral("--token"),
                                       QStringLiteral("t"), QStringLiteral("--ca"), m_dir.filePath("missing.pem")});
        QCOMPARE(noCa.exitCode, 2);
        QVERIFY2(noCa.err.contains(QStringLiteral("no such file")), qPrintable(noCa.err));
    }

    void enrollSyncBundleAndPause()
    {
        ListeningServer listening;
        TestServer& server = listening.server;
        const QString url = listening.url().toString();

        startAgent();
        QCOMPARE(syncStatus(), (QJsonObject{{QStringLiteral("enrolled"), false}}));

        // A wrong token: refused with the server's code, nothing stored, no restart.
        Result<QJsonValue> refused =
            call(QStringLiteral("agent.enroll"),
                 QJsonObject{{QStringLiteral("server"), url}, {QStringLiteral("token"), QStringLiteral("cenr_wrong")}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("enroll.token"));
        QVERIFY(!QFile::exists(enrollmentPath(m_paths.configDir)));
        QVERIFY(!m_restartRequested);

        // Not an http(s) URL.
        Result<QJsonValue> badUrl =
            call(QStringLiteral("agent.enroll"), QJsonObject{{QStringLiteral("server"), QStringLiteral("ftp://x")},
                                                             {QStringLiteral("token"), QStringLiteral("t")}});
        QVERIFY(!badUrl.ok());
        QCOMPARE(badUrl.error().message,
                 QStringLiteral("Invalid params: \"server\" must be an http(s) URL, not \"ftp://x\""));

        Result<QJsonValue> enrolled =
            call(QStringLiteral("agent.enroll"),
                 QJsonObject{{QStringLiteral("server"), url}, {QStringLiteral("token"), server.enrollToken()}});
        QVERIFY2(enrolled.ok(), qPrintable(enrolled.ok() ? QString() : enrolled.error().toString()));
        const QString deviceId = enrolled->toObject().value(QStringLiteral("device_id")).toString();
        QVERIFY(deviceId.startsWith(QStringLiteral("dev-")));
        QCOMPARE(enrolled->toObject().value(QStringLiteral("restarting")).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(m_restartRequested, 2000);
        Result<sync::Enrollment> saved = sync::Enrollment::load(enrollmentPath(m_paths.configDir));
        QVERIFY(saved.ok());
        QCOMPARE(saved->deviceId, deviceId);
        QCOMPARE(saved->bundleKey, server.data->bundleKey().toBase64());

        // Enrolling twice is refused.
        Result<QJsonValue> again =
            call(QStringLiteral("agent.enroll"),
                 QJsonObject{{QStringLiteral("server"), url}, {QStringLiteral("token"), server.enrollToken()}});
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("sync.enrolled"));

        // The restart: managed mode, syncing.
        startAgent();
        const Result<QJsonValue> status = call(QStringLiteral("agent.status"));
        QVERIFY(status.ok());
        QCOMPARE(status->toObject().value(QStringLiteral("policy")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("managed"));
        QJsonObject sync = status->toObject().value(QStringLiteral("sync")).toObject();
        QCOMPARE(sync.value(QStringLiteral("enrolled")).toBool(), true);
        QCOMPARE(sync.value(QStringLiteral("device_id")).toString(), deviceId);
        QCOMPARE(sync.value(QStringLiteral("server")).toString(), url);

        // Audit records reach the witness, which cosigns them.
        for (int i = 0; i < 3; ++i)
            QVERIFY(
                call(QStringLiteral("audit.note"), QJsonObject{{QStringLiteral("text"), QStringLiteral("n%1").arg(i)}})
                    .ok());
        const QString auditDb = m_paths.dataDir + QStringLiteral("/audit.db");
        QTRY_VERIFY_WITH_TIMEOUT(syncStatus().value(QStringLiteral("state")).toString() == QLatin1String("synced") &&
                                     *server.data->store().recordCount() >= 4,
                                 10000);
        sync = syncStatus();
        QCOMPARE(sync.value(QStringLiteral("witnessed_size")).toInteger(), *server.data->store().recordCount());
        // Waiting records: those of the log the witness has not cosigned.
        const Result<QJsonValue> log = call(QStringLiteral("audit.query"), {{QStringLiteral("limit"), 1}});
        QVERIFY(log.ok());
        QCOMPARE(sync.value(QStringLiteral("pending")).toInteger(),
                 log->toObject().value(QStringLiteral("size")).toInteger() -
                     sync.value(QStringLiteral("witnessed_size")).toInteger());
        QVERIFY(sync.value(QStringLiteral("last_sync")).isString());
        QFile cosigned(sync::cosignedCheckpointPath(auditDb));
        QVERIFY(cosigned.open(QIODevice::ReadOnly));
        QVERIFY(server::verifyCosignature(cosigned.readAll(), server.data->witnessKey().name(),
                                          server.data->witnessKey().publicKey())
                    .ok());

        const CliOutput printed = runCli({QStringLiteral("agent"), QStringLiteral("status")});
        QCOMPARE(printed.exitCode, 0);
        QVERIFY2(printed.out.contains(QStringLiteral("server: %1, device %2\n").arg(url, deviceId)),
                 qPrintable(printed.out));
        QVERIFY2(printed.out.contains(QStringLiteral("sync: synced, %1 records witnessed, %2 waiting, last ")
                                          .arg(sync.value(QStringLiteral("witnessed_size")).toInteger())
                                          .arg(sync.value(QStringLiteral("pending")).toInteger())),
                 qPrintable(printed.out));

        // A bundle published on the server becomes the agent's active policy.
        QCOMPARE(server.admin("POST", "/v1/bundles", server::test::signedPublishBody(server, 7)).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(policySerial(), 7, 5000);
        QCOMPARE(syncStatus().value(QStringLiteral("bundle_serial")).toInteger(), 7);

        // A pause order stops the app from starting.
        Result<catalog::TemplateCatalog> templates = catalog::TemplateCatalog::loadDefault();
        QVERIFY(templates.ok());
        const QJsonObject manifest =
            catalog::previewManifest(*templates->find(QStringLiteral("sales-summarizer"))).value();
        const QString app = manifest.value(QStringLiteral("name")).toString();
        QVERIFY(!app.isEmpty());
        Result<QJsonValue> savedApp =
            call(QStringLiteral("apps.save"),
                 QJsonObject{{QStringLiteral("manifest"), QString::fromUtf8(QJsonDocument(manifest).toJson())}});
        QVERIFY2(savedApp.ok(), qPrintable(savedApp.ok() ? QString() : savedApp.error().toString()));
        QCOMPARE(server.admin("POST", "/v1/apps/" + app.toUtf8() + "/pause").status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("paused_apps")).toArray(), QJsonArray{app}, 5000);
        const Result<QJsonValue> paused = call(QStringLiteral("runs.start"), QJsonObject{{QStringLiteral("app"), app}});
        QVERIFY(!paused.ok());
        QCOMPARE(paused.error().code, QStringLiteral("app.paused"));
        QVERIFY2(paused.error().message.contains(QStringLiteral("paused by the organisation's administrator")),
                 qPrintable(paused.error().message));

        // Only the organisation lifts its pause.
        const Result<QJsonValue> resumed =
            call(QStringLiteral("apps.resume"), QJsonObject{{QStringLiteral("name"), app}});
        QVERIFY(!resumed.ok());
        QCOMPARE(resumed.error().code, QStringLiteral("app.paused-by-organisation"));
        QVERIFY(pausedInStore(app));

        // Lifting the order resumes the app (the start then gets past the pause check).
        QCOMPARE(server.admin("POST", "/v1/apps/" + app.toUtf8() + "/resume").status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("paused_apps")).toArray(), QJsonArray(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!pausedInStore(app), 5000);
        m_daemon.reset();
    }

    // A managed configuration pins the organisation's key before enrollment, refuses other
    // servers and enrolls the agent with its token file.
    void managedConfigurationEnrolls()
    {
        ListeningServer listening;
        TestServer& server = listening.server;
        const QString url = listening.url().toString();

        const QString tokenFile = m_dir.filePath(QStringLiteral("managed-token"));
        QFile token(tokenFile);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write(server.enrollToken().toUtf8() + '\n');
        token.close();
        const QString config = m_dir.filePath(QStringLiteral("managed.json"));
        QFile managed(config);
        QVERIFY(managed.open(QIODevice::WriteOnly));
        managed.write(QJsonDocument(QJsonObject{{QStringLiteral("server"), url},
                                                {QStringLiteral("organisation_keys"),
                                                 QJsonArray{QString::fromLatin1(server.data->bundleKey().toBase64())}},
                                                {QStringLiteral("enrollment_token_file"), tokenFile}})
                          .toJson());
        managed.close();
        qputenv("CORRAL_MANAGED_CONFIG", config.toUtf8());
        m_paths =
            AgentPaths::under(m_dir.filePath(QStringLiteral("m/data")), m_dir.filePath(QStringLiteral("m/config")),
                              m_dir.filePath(QStringLiteral("m/run")));
        m_restartRequested = false;
        startAgent();
        qunsetenv("CORRAL_MANAGED_CONFIG");
        QTRY_VERIFY_WITH_TIMEOUT(m_restartRequested, 10000);
        Result<sync::Enrollment> saved = sync::Enrollment::load(enrollmentPath(m_paths.configDir));
        QVERIFY(saved.ok());
        QCOMPARE(saved->serverUrl, url);
        const Result<QJsonValue> status = call(QStringLiteral("agent.status"));
        QVERIFY(status.ok());
        QCOMPARE(status->toObject().value(QStringLiteral("policy")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("managed"));
        m_daemon.reset();
    }

    void managedConfigurationRefusesOtherServers()
    {
        const QString config = m_dir.filePath(QStringLiteral("managed-other.json"));
        QFile managed(config);
        QVERIFY(managed.open(QIODevice::WriteOnly));
        const auto key = crypto::minisign::SecretKey::generate();
        managed.write(QJsonDocument(QJsonObject{{QStringLiteral("server"), QStringLiteral("https://corral.example")},
                                                {QStringLiteral("organisation_keys"),
                                                 QJsonArray{QString::fromLatin1(key.publicKey().toBase64())}}})
                          .toJson());
        managed.close();
        qputenv("CORRAL_MANAGED_CONFIG", config.toUtf8());
        m_paths =
            AgentPaths::under(m_dir.filePath(QStringLiteral("o/data")), m_dir.filePath(QStringLiteral("o/config")),
                              m_dir.filePath(QStringLiteral("o/run")));
        startAgent();
        qunsetenv("CORRAL_MANAGED_CONFIG");
        Result<QJsonValue> refused =
            call(QStringLiteral("agent.enroll"),
                 QJsonObject{{QStringLiteral("server"), QStringLiteral("https://other.example")},
                             {QStringLiteral("token"), QStringLiteral("t")}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("sync.managed"));
        QCOMPARE(refused.error().message,
                 QStringLiteral("this desktop is managed: it enrolls only with https://corral.example"));
        QVERIFY(!QFile::exists(enrollmentPath(m_paths.configDir)));
        const Result<QJsonValue> status = call(QStringLiteral("agent.status"));
        QCOMPARE(status->toObject().value(QStringLiteral("policy")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("managed"));
        m_daemon.reset();
    }
};

QTEST_GUILESS_MAIN(TestEnrollment)
#include "TestEnrollment.moc"
