// SPDX-License-Identifier: Apache-2.0
// The agent's sync library against a real server on loopback: enrollment, signed requests,
// audit sync with cosignatures and batching, the long-poll delivering a bundle and a pause
// order, offline behaviour, the refusal of plain HTTP off loopback, and (on PostgreSQL) two
// server processes sharing one database.
#include "AuditSyncClient.h"
#include "Cosigner.h"
#include "EnrollmentClient.h"
#include "HttpServer.h"
#include "ServerConnection.h"
#include "ServerTestSupport.h"
#include "TestSupport.h"
#include "UpdatePoller.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace corral;
using namespace corral::server;
using namespace corral::server::test;
using namespace corral::agent::sync;

namespace {
const QString kOrigin = QStringLiteral("corral.test/desk-1");
}

class TestServerIntegration : public QObject
{
    Q_OBJECT

    // Enrolls `device` through the client and installs the signer on `connection`.
    static Enrollment enrollOver(ListeningServer& running, ServerConnection& connection, TestDevice& device)
    {
        std::optional<Result<Enrollment>> result;
        enroll(connection,
               EnrollRequest{running.server.enrollToken(), device.key->publicKey(), QStringLiteral("alice"),
                             QStringLiteral("desk-1"), device.origin},
               [&](Result<Enrollment> r) { result = std::move(r); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000); }();
        if (!result || !result->ok())
            qFatal("enrollment failed: %s", result ? qPrintable(result->error().toString()) : "no answer");
        device.id = (*result)->deviceId;
        connection.setSigner(RequestSigner(device.id, device.key));
        connection.setClock(&running.server.clock);
        return **result;
    }

    // `corral-server init --data DIR` (with a fresh PostgreSQL database when the tests run
    // on PostgreSQL) and `token create`; returns the enrollment token.
    static QString initServer(const QString& data)
    {
        const QString exe = QStringLiteral(CORRAL_SERVER_EXE);
        QStringList init{QStringLiteral("init"), QStringLiteral("--data"), data};
        const Result<QString> database = TestDatabase::newDatabase();
        if (!database)
            return {};
        if (!database->isEmpty())
            init << QStringLiteral("--db") << *database;
        if (corral::test::runProgram(exe, init).exitCode != 0)
            return {};
        const corral::test::CliOutput token = corral::test::runProgram(
            exe, {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data});
        return token.exitCode == 0 ? token.out.trimmed() : QString();
    }

    // `corral-server serve` with `args` on loopback; the process and its port (0 when it
    // did not start listening).
    static std::pair<std::unique_ptr<QProcess>, quint16> startServer(const QStringList& args, quint16 port)
    {
        auto process = std::make_unique<QProcess>();
        process->start(QStringLiteral(CORRAL_SERVER_EXE),
                       QStringList{QStringLiteral("serve")} + args +
                           QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)});
        static const QRegularExpression listening(QStringLiteral("listening on http://127.0.0.1:(\\d+)"));
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000 && !listening.match(QString::fromUtf8(out)).hasMatch()) {
            process->waitForReadyRead(200);
            out += process->readAllStandardOutput();
        }
        const QRegularExpressionMatch m = listening.match(QString::fromUtf8(out));
        return {std::move(process), m.hasMatch() ? quint16(m.captured(1).toUInt()) : quint16(0)};
    }

private Q_SLOTS:
    void initTestCase() { CORRAL_REQUIRE_TEST_DATABASE(); }

    void cleanupTestCase() { TestDatabase::stop(); }

    void enrollSyncAndCosign()
    {
        ListeningServer running;
        ServerConnection connection(running.url());
        TestDevice device(running.server.dir(), kOrigin, 1, running.server.clock);
        const Enrollment e = enrollOver(running, connection, device);
        QCOMPARE(e.origin, kOrigin);
        QCOMPARE(e.bundleKey, running.server.data->bundleKey().toBase64());

        // Round trip of the saved enrollment.
        const QString saved = running.server.dir() + QStringLiteral("/enrollment.json");
        QVERIFY(e.save(saved).ok());
        QCOMPARE(Enrollment::load(saved)->deviceId, e.deviceId);
        QCOMPARE(QFile(saved).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());

        // Several checkpoints; a batch of at most 10 records per upload.
        device.append(6);
        device.append(6);
        device.append(6);
        AuditSyncClient client(connection, device.dbPath, running.server.clock);
        client.setMaxBatch(10);
        std::optional<Result<std::uint64_t>> result;
        client.syncOnce([&](Result<std::uint64_t> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().toString()));
        QCOMPARE(**result, std::uint64_t(18));
        QCOMPARE(client.status().state, QStringLiteral("synced"));
        QCOMPARE(*running.server.data->store().recordCount(), 18);

        QFile cosigned(cosignedCheckpointPath(device.dbPath));
        QVERIFY(cosigned.open(QIODevice::ReadOnly));
        const QByteArray note = cosigned.readAll();
        QVERIFY(verifyCosignature(note, running.server.data->witnessKey().name(),
                                  running.server.data->witnessKey().publicKey())
                    .ok());
        QVERIFY(note.startsWith(device.log->latestCheckpoint()));

        // Nothing new: a round is a no-op.
        result.reset();
        client.syncOnce([&](Result<std::uint64_t> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QCOMPARE(**result, std::uint64_t(18));
    }

    void longPollDeliversBundleAndPause()
    {
        ListeningServer running;
        ServerConnection connection(running.url());
        TestDevice device(running.server.dir(), kOrigin, 1, running.server.clock);
        enrollOver(running, connection, device);

        UpdatePoller poller(connection);
        QSignalSpy bundles(&poller, &UpdatePoller::bundleAvailable);
        QSignalSpy paused(&poller, &UpdatePoller::pausedAppsChanged);
        poller.start(20);
        // Let the first poll settle into waiting.
        QTRY_COMPARE_WITH_TIMEOUT(running.server.api->pendingPolls(), 1, 10000);

        QElapsedTimer published;
        published.start();
        QCOMPARE(running.server.admin("POST", "/v1/bundles", signedPublishBody(running.server, 3)).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(bundles.size(), 1, 2000);
        QVERIFY(published.elapsed() < 2000);
        QCOMPARE(bundles.first().at(0).toLongLong(), 3);
        QCOMPARE(bundles.first().at(1).toByteArray(), bundleArchive(3));
        poller.setActiveSerial(3);

        QTRY_COMPARE_WITH_TIMEOUT(running.server.api->pendingPolls(), 1, 10000);
        // The poller announces the (empty) set of its first answer too.
        const qsizetype before = paused.size();
        QCOMPARE(running.server.admin("POST", "/v1/apps/sales-summarizer/pause").status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), before + 1, 2000);
        QCOMPARE(paused.last().first().toStringList(), QStringList{QStringLiteral("sales-summarizer")});

        std::optional<Result<void>> reported;
        poller.report(QStringLiteral("bundle.activated"), QStringLiteral("serial 3"),
                      [&](Result<void> r) { reported = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reported.has_value(), 5000);
        QVERIFY(reported->ok());
        poller.stop();
    }

    void offlineIsReportedAndRetried()
    {
        // A port nobody listens on.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        ServerConnection connection(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QTemporaryDir dir;
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        TestDevice device(dir.path(), kOrigin, 1, clock);
        connection.setSigner(RequestSigner(QStringLiteral("dev-x"), device.key));
        device.append(3);
        AuditSyncClient client(connection, device.dbPath, clock);
        QSignalSpy failed(&client, &AuditSyncClient::failed);
        client.start(60000, 4000);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(failed.first().first().toString(), QStringLiteral("sync.network"));
        QCOMPARE(client.status().state, QStringLiteral("offline"));
        QTRY_VERIFY_WITH_TIMEOUT(client.status().retryInMs > 0, 2000);
        QVERIFY(client.status().retryInMs <= 1000);
        client.stop();
    }

    void plainHttpOnlyOnLoopback()
    {
        TestServer server;
        HttpServer http(*server.api);
        ListenOptions options;
        options.address = QHostAddress::AnyIPv4;
        Result<quint16> r = http.start(options);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("server.tls"));
    }

    void enrollsOverTls()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        const corral::test::CliOutput made = corral::test::runProgram(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"),
             QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=IP:127.0.0.1")});
        if (made.exitCode != 0)
            QSKIP("the openssl tool is not available to make a test certificate");

        TestServer server;
        HttpServer http(*server.api);
        ListenOptions options;
        options.tlsCertificate = cert;
        options.tlsKey = key;
        Result<quint16> port = http.start(options);
        QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().toString()));
        const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(*port));

        // Without the organisation's CA the certificate is not trusted.
        ServerConnection untrusting(url);
        std::optional<HttpReply> reply;
        untrusting.send("GET", QStringLiteral("/v1/audit/state"), {}, {}, 5000, [&](const HttpReply& r) { reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 10000);
        QCOMPARE(reply->status, 0);
        QCOMPARE(reply->error().code, QStringLiteral("sync.network"));

        ServerConnection connection(url);
        QVERIFY(connection.setCaFile(cert).ok());
        QCOMPARE(connection.setCaFile(key).error().code, QStringLiteral("sync.ca"));
        server.clock.set(QDateTime::currentMSecsSinceEpoch());
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        std::optional<Result<Enrollment>> result;
        enroll(connection,
               EnrollRequest{server.enrollToken(), device.key->publicKey(), QStringLiteral("alice"),
                             QStringLiteral("desk-1"), device.origin},
               [&](Result<Enrollment> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().toString()));
        QCOMPARE((*result)->serverUrl, url.toString());
    }

    // A real corral-server process killed while the agent uploads, then restarted on the
    // same data: the agent's retry completes the log with nothing lost or duplicated.
    void serverKilledMidUpload()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("srv"));
        const QString token = initServer(data);
        QVERIFY(!token.isEmpty());

        auto [server, port] = startServer({QStringLiteral("--data"), data}, 0);
        QVERIFY(port != 0);

        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        TestDevice device(dir.path(), kOrigin, 1, clock);
        for (int i = 0; i < 20; ++i)
            device.append(1000);
        ServerConnection connection(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        std::optional<Result<Enrollment>> enrolled;
        enroll(connection,
               EnrollRequest{token, device.key->publicKey(), QStringLiteral("alice"), QStringLiteral("desk-1"),
                             device.origin},
               [&](Result<Enrollment> r) { enrolled = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(enrolled.has_value(), 10000);
        QVERIFY(enrolled->ok());
        connection.setSigner(RequestSigner((*enrolled)->deviceId, device.key));

        AuditSyncClient client(connection, device.dbPath);
        client.setMaxBatch(1000);
        std::optional<Result<std::uint64_t>> first;
        client.syncOnce([&](Result<std::uint64_t> r) { first = std::move(r); });
        QTest::qWait(150);
        server->kill();
        server->waitForFinished(5000);
        QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 20000);

        auto [restarted, again] = startServer({QStringLiteral("--data"), data}, port);
        QCOMPARE(again, port);
        std::optional<Result<std::uint64_t>> second;
        client.syncOnce([&](Result<std::uint64_t> r) { second = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(second.has_value(), 60000);
        QVERIFY2(second->ok(), qPrintable(second->ok() ? QString() : second->error().toString()));
        QCOMPARE(**second, std::uint64_t(20000));
        restarted->terminate();
        QVERIFY(restarted->waitForFinished(10000));

        Result<std::unique_ptr<ServerData>> opened = ServerData::open(data);
        QVERIFY(opened.ok());
        QCOMPARE(*(*opened)->store().recordCount(), 20000);
        Result<QList<QByteArray>> stored = (*opened)->store().records((*enrolled)->deviceId, 0, 30000);
        QVERIFY(stored.ok());
        QVERIFY(*stored == device.records(0, 20000));
    }

    // Two corral-server processes on one PostgreSQL database: an agent enrolled through one
    // uploads through both in turn, and a long-poll held by the second answers within 2 s
    // when a bundle is published and an app paused through the first.
    void twoServersShareOneDatabase()
    {
        if (!TestDatabase::postgres())
            QSKIP("several servers share a database only on PostgreSQL");
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("srv"));
        const QString token = initServer(data);
        QVERIFY(!token.isEmpty());
        QFile recorded(data + QStringLiteral("/database"));
        QVERIFY(recorded.open(QIODevice::ReadOnly));
        const QString url = QString::fromUtf8(recorded.readAll()).trimmed();
        // The second server has a data folder of its own that init never saw.
        auto [serverA, portA] = startServer({QStringLiteral("--data"), data}, 0);
        auto [serverB, portB] = startServer(
            {QStringLiteral("--data"), dir.filePath(QStringLiteral("other")), QStringLiteral("--db"), url}, 0);
        QVERIFY(portA != 0 && portB != 0);

        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        TestDevice device(dir.path(), kOrigin, 1, clock);
        ServerConnection a(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(portA)));
        ServerConnection b(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(portB)));
        std::optional<Result<Enrollment>> enrolled;
        enroll(a,
               EnrollRequest{token, device.key->publicKey(), QStringLiteral("alice"), QStringLiteral("desk-1"),
                             device.origin},
               [&](Result<Enrollment> r) { enrolled = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(enrolled.has_value(), 10000);
        QVERIFY(enrolled->ok());
        for (ServerConnection* c : {&a, &b})
            c->setSigner(RequestSigner((*enrolled)->deviceId, device.key));

        // Uploads alternate between the servers; each continues where the other stopped.
        for (int round = 0; round < 4; ++round) {
            device.append(50);
            AuditSyncClient client(round % 2 ? b : a, device.dbPath);
            std::optional<Result<std::uint64_t>> synced;
            client.syncOnce([&](Result<std::uint64_t> r) { synced = std::move(r); });
            QTRY_VERIFY_WITH_TIMEOUT(synced.has_value(), 20000);
            QVERIFY2(synced->ok(), qPrintable(synced->ok() ? QString() : synced->error().toString()));
            QCOMPARE(**synced, std::uint64_t(50 * (round + 1)));
        }

        UpdatePoller poller(b);
        QSignalSpy bundles(&poller, &UpdatePoller::bundleAvailable);
        QSignalSpy paused(&poller, &UpdatePoller::pausedAppsChanged);
        poller.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(paused.size() >= 1, 10000);
        QTest::qWait(300); // the poll now waits on server B

        Result<std::unique_ptr<ServerData>> admin = ServerData::open(data);
        QVERIFY(admin.ok());
        const QString adminToken = newToken(QStringLiteral("cadm_"));
        QVERIFY(
            (*admin)->store().addAdminToken(tokenHash(adminToken.toUtf8()), Role::Admin, QStringLiteral("t"), 0).ok());
        const auto post = [&](const QString& path, const QByteArray& body) -> int {
            std::optional<HttpReply> reply;
            ServerConnection plain(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(portA)));
            plain.send("POST", path, body, {{"Authorization", "Bearer " + adminToken.toUtf8()}}, 10000,
                       [&](const HttpReply& r) { reply = r; });
            QElapsedTimer waited;
            waited.start();
            while (!reply && waited.elapsed() < 10000)
                QTest::qWait(10);
            return reply ? reply->status : 0;
        };
        const QByteArray archive = bundleArchive(5);
        const crypto::minisign::SecretKey org = [&] {
            QFile f(data + QStringLiteral("/org-bundle.key"));
            f.open(QIODevice::ReadOnly);
            return std::move(crypto::minisign::SecretKeyFile::parse(f.readAll(), f.fileName())->open().value());
        }();
        QElapsedTimer published;
        published.start();
        QCOMPARE(post(QStringLiteral("/v1/bundles"),
                      publishBody(archive, *bundle::signBundle(org, archive, 5, QStringLiteral("r")))),
                 201);
        QTRY_COMPARE_WITH_TIMEOUT(bundles.size(), 1, 2000);
        QVERIFY(published.elapsed() < 2000);
        QCOMPARE(bundles.first().at(0).toLongLong(), 5);
        poller.setActiveSerial(5);

        QTest::qWait(300);
        const qsizetype before = paused.size();
        published.restart();
        QCOMPARE(post(QStringLiteral("/v1/apps/sales-summarizer/pause"), {}), 201);
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), before + 1, 2000);
        QVERIFY(published.elapsed() < 2000);
        QCOMPARE(paused.last().first().toStringList(), QStringList{QStringLiteral("sales-summarizer")});
        poller.stop();
        serverA->terminate();
        serverB->terminate();
        QVERIFY(serverA->waitForFinished(10000) && serverB->waitForFinished(10000));
        QCOMPARE(*(*admin)->store().recordCount(), 200);
    }

    void refusalsOverHttp()
    {
        ListeningServer running;
        ServerConnection connection(running.url());
        std::optional<HttpReply> reply;
        connection.send("POST", QStringLiteral("/v1/audit/sync"), "x", {}, 5000,
                        [&](const HttpReply& r) { reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 5000);
        QCOMPARE(reply->status, 401);
        QCOMPARE(reply->error().code, QStringLiteral("signature.missing"));
        reply.reset();
        connection.send("GET", QStringLiteral("/nowhere"), {}, {}, 5000, [&](const HttpReply& r) { reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 5000);
        QCOMPARE(reply->status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServerIntegration)
#include "TestServerIntegration.moc"
