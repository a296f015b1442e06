// SPDX-License-Identifier: Apache-2.0
// The HTTP API without sockets: enrollment tokens, admin roles, bundle publishing with its
// signature check, ETag and long-poll, pause orders, approvals, reports, metrics and the
// answers to malformed requests.
#include "ServerTestSupport.h"

#include <QJsonArray>
#include <QTest>

using namespace corral;
using namespace corral::server;
using namespace corral::server::test;

namespace {
const QString kOrigin = QStringLiteral("corral.test/desk-1");
}

class TestServerApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { CORRAL_REQUIRE_TEST_DATABASE(); }

    void cleanupTestCase() { TestDatabase::stop(); }

    void enrollmentTokenIsOneTime()
    {
        TestServer server;
        const QString token = server.enrollToken();
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        Reply r = device.enroll(server, token);
        QCOMPARE(r.status, 201);
        QVERIFY(r.json().value(QLatin1String("device_id")).toString().startsWith(QLatin1String("dev-")));
        QCOMPARE(r.json().value(QLatin1String("origin")).toString(), kOrigin);
        QCOMPARE(r.json().value(QLatin1String("bundle_key")).toString().toLatin1(),
                 server.data->bundleKey().toBase64());
        QVERIFY(r.json().value(QLatin1String("witness_key")).toString().startsWith(server.data->witnessKey().name()));

        TestDevice second(server.dir(), QStringLiteral("corral.test/desk-2"), 2, server.clock);
        Reply again = second.enroll(server, token);
        QCOMPARE(again.status, 403);
        QCOMPARE(again.errorCode(), QStringLiteral("enroll.token"));
        QCOMPARE(server.data->store().devices()->size(), 1);
    }

    void expiredAndWrongTokensAreRefused()
    {
        TestServer server;
        const QString token = server.enrollToken(60000);
        server.clock.advance(60001);
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        Reply r = device.enroll(server, token);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("enroll.expired"));
        r = device.enroll(server, QStringLiteral("cenr_wrong"));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("enroll.token"));
        Reply malformed = server.call("POST", "/v1/enroll", "{\"token\": 1}");
        QCOMPARE(malformed.status, 400);
        QCOMPARE(malformed.errorCode(), QStringLiteral("api.malformed"));
        QCOMPARE(server.call("POST", "/v1/enroll", "[").errorCode(), QStringLiteral("api.malformed"));
        QVERIFY(server.data->store().devices()->isEmpty());
    }

    void adminTokensCarryRoles()
    {
        TestServer server;
        QCOMPARE(server.call("GET", "/v1/devices").errorCode(), QStringLiteral("auth.missing"));
        QCOMPARE(server.call("GET", "/v1/devices").status, 401);
        QCOMPARE(server.admin("GET", "/v1/devices", {}, QStringLiteral("cadm_nope")).errorCode(),
                 QStringLiteral("auth.invalid"));
        QCOMPARE(server.admin("GET", "/v1/devices").status, 200);

        const QString reviewer = newToken(QStringLiteral("cadm_"));
        QVERIFY(server.data->store()
                    .addAdminToken(tokenHash(reviewer.toUtf8()), Role::Reviewer, QStringLiteral("rita"), 0)
                    .ok());
        Reply r = server.admin("POST", "/v1/bundles", signedPublishBody(server, 2), reviewer);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("auth.role"));
        QCOMPARE(server.admin("GET", "/v1/approvals", {}, reviewer).status, 200);

        // Stored hashed: the database never holds the token text.
        if (!server.data->store().isPostgres()) {
            QFile db(server.data->store().path());
            QVERIFY(db.open(QIODevice::ReadOnly));
            QVERIFY(!db.readAll().contains(reviewer.toUtf8()));
        }
        const Result<std::optional<AdminToken>> byText = server.data->store().findAdminToken(reviewer.toUtf8());
        QVERIFY(byText.ok() && !byText->has_value());
    }

    void bundlePublishChecksTheSignature()
    {
        TestServer server;
        const QByteArray archive = bundleArchive(2);
        // Signed by another key.
        const crypto::minisign::SecretKey stranger = crypto::minisign::SecretKey::generate();
        Reply r = server.admin("POST", "/v1/bundles",
                               publishBody(archive, *bundle::signBundle(stranger, archive, 2, QStringLiteral("r"))));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorCode(), QStringLiteral("bundle.signature_untrusted"));
        // The right key over other bytes.
        const QByteArray other = bundleArchive(3);
        r = server.admin(
            "POST", "/v1/bundles",
            publishBody(other, *bundle::signBundle(organisationKey(server), archive, 3, QStringLiteral("r"))));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorCode(), QStringLiteral("bundle.signature_invalid"));
        QVERIFY(!server.data->store().latestBundle()->has_value());

        r = server.admin("POST", "/v1/bundles", signedPublishBody(server, 2));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QLatin1String("serial")).toInt(), 2);
        r = server.admin("POST", "/v1/bundles", signedPublishBody(server, 2));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("bundle.serial_not_newer"));
        QCOMPARE(server.admin("POST", "/v1/bundles", "{}").errorCode(), QStringLiteral("api.malformed"));
    }

    void bundleDownloadHonoursETag()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        Reply none = device.signedCall(server, "GET", "/v1/bundle");
        QCOMPARE(none.status, 404);
        QCOMPARE(server.admin("POST", "/v1/bundles", signedPublishBody(server, 5)).status, 201);
        Reply r = device.signedCall(server, "GET", "/v1/bundle");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("ETag"), QByteArray("\"5\""));
        QCOMPARE(QByteArray::fromBase64(r.json().value(QLatin1String("archive")).toString().toLatin1()),
                 bundleArchive(5));
        Reply cached = device.signedCall(server, "GET", "/v1/bundle", {}, {{"If-None-Match", "\"5\""}});
        QCOMPARE(cached.status, 304);
        QVERIFY(cached.body.isEmpty());
    }

    void longPollWakesOnPublishAndOrders()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        Reply first = device.signedCall(server, "GET", "/v1/updates");
        QCOMPARE(first.status, 200);
        const QByteArray etag = first.header("ETag");
        QVERIFY(!etag.isEmpty());
        QVERIFY(first.json().value(QLatin1String("paused")).toArray().isEmpty());

        // Not modified without waiting.
        QCOMPARE(device.signedCall(server, "GET", "/v1/updates", {}, {{"If-None-Match", etag}}).status, 304);

        // A waiting poll is answered when a bundle is published.
        ApiRequest poll;
        poll.method = "GET";
        poll.path = "/v1/updates";
        poll.query = QUrlQuery(QStringLiteral("wait=30"));
        for (const auto& [n, v] : device.sign("GET", "/v1/updates", ""))
            poll.headers.insert(n.toLower(), v);
        poll.headers.insert("if-none-match", etag);
        std::optional<ApiResponse> answer;
        const quint64 handle = server.api->handle(poll, [&](const ApiResponse& r) { answer = r; });
        QVERIFY(handle != 0);
        QVERIFY(!answer);
        QCOMPARE(server.api->pendingPolls(), 1);
        QCOMPARE(server.admin("POST", "/v1/bundles", signedPublishBody(server, 7)).status, 201);
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        const QJsonObject doc = QJsonDocument::fromJson(answer->body).object();
        QCOMPARE(doc.value(QLatin1String("bundle")).toObject().value(QLatin1String("serial")).toInt(), 7);
        QCOMPARE(server.api->pendingPolls(), 0);

        // A pause order for the app on this device wakes the next poll.
        QByteArray etag2;
        for (const auto& [n, v] : answer->headers) {
            if (n == "ETag")
                etag2 = v;
        }
        for (const auto& [n, v] : device.sign("GET", "/v1/updates", ""))
            poll.headers.insert(n.toLower(), v);
        poll.headers.insert("if-none-match", etag2);
        answer.reset();
        QVERIFY(server.api->handle(poll, [&](const ApiResponse& r) { answer = r; }) != 0);
        Reply order = server.admin(
            "POST", "/v1/apps/sales-summarizer/pause",
            QJsonDocument(QJsonObject{{QStringLiteral("device"), device.id}}).toJson(QJsonDocument::Compact));
        QCOMPARE(order.status, 201);
        QVERIFY(answer);
        QCOMPARE(QJsonDocument::fromJson(answer->body).object().value(QLatin1String("paused")).toArray(),
                 QJsonArray{QStringLiteral("sales-summarizer")});

        // Resume for every device.
        QCOMPARE(server.admin("POST", "/v1/apps/sales-summarizer/resume").status, 201);
        Reply after = device.signedCall(server, "GET", "/v1/updates");
        QVERIFY(after.json().value(QLatin1String("paused")).toArray().isEmpty());
        QCOMPARE(server.admin("POST", "/v1/apps/x/pause", "{\"device\":\"dev-nope\"}").status, 404);
    }

    void longPollTimesOutWithNotModified()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray etag = device.signedCall(server, "GET", "/v1/updates").header("ETag");
        ApiRequest poll;
        poll.method = "GET";
        poll.path = "/v1/updates";
        poll.query = QUrlQuery(QStringLiteral("wait=2"));
        for (const auto& [n, v] : device.sign("GET", "/v1/updates", ""))
            poll.headers.insert(n.toLower(), v);
        poll.headers.insert("if-none-match", etag);
        std::optional<ApiResponse> answer;
        const quint64 handle = server.api->handle(poll, [&](const ApiResponse& r) { answer = r; });
        QVERIFY(handle != 0);
        server.clock.advance(2000);
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 3000);
        QCOMPARE(answer->status, 304);

        // A cancelled poll (the agent hung up) is never answered.
        for (const auto& [n, v] : device.sign("GET", "/v1/updates", ""))
            poll.headers.insert(n.toLower(), v);
        answer.reset();
        const quint64 h2 = server.api->handle(poll, [&](const ApiResponse& r) { answer = r; });
        server.api->cancel(h2);
        QCOMPARE(server.api->pendingPolls(), 0);
        QCOMPARE(server.admin("POST", "/v1/bundles", signedPublishBody(server, 2)).status, 201);
        QVERIFY(!answer);
    }

    void approvalsRecordTheReviewer()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        Reply req = device.signedCall(server, "POST", "/v1/approvals",
                                      R"({"app":"sales-summarizer","user":"alice","reason":"quarterly numbers"})");
        QCOMPARE(req.status, 201);
        const int id = req.json().value(QLatin1String("id")).toInt();
        QCOMPARE(req.json().value(QLatin1String("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(device.signedCall(server, "POST", "/v1/approvals", R"({"app":"x"})").errorCode(),
                 QStringLiteral("api.malformed"));

        const QString reviewer = newToken(QStringLiteral("cadm_"));
        QVERIFY(server.data->store()
                    .addAdminToken(tokenHash(reviewer.toUtf8()), Role::Reviewer, QStringLiteral("rita"), 0)
                    .ok());
        const QString auditor = newToken(QStringLiteral("cadm_"));
        QVERIFY(server.data->store()
                    .addAdminToken(tokenHash(auditor.toUtf8()), Role::Auditor, QStringLiteral("audrey"), 0)
                    .ok());
        Reply list = server.admin("GET", "/v1/approvals?state=pending", {}, reviewer);
        QCOMPARE(list.json().value(QLatin1String("approvals")).toArray().size(), 1);
        const QByteArray path = "/v1/approvals/" + QByteArray::number(id) + "/decision";
        QCOMPARE(server.admin("POST", path, R"({"decision":"approve"})", auditor).errorCode(),
                 QStringLiteral("auth.role"));
        QCOMPARE(server.admin("POST", path, R"({"decision":"maybe"})", reviewer).errorCode(),
                 QStringLiteral("api.malformed"));
        Reply decided = server.admin("POST", path, R"({"decision":"approve","note":"ok for Q3"})", reviewer);
        QCOMPARE(decided.status, 200);
        QCOMPARE(decided.json().value(QLatin1String("state")).toString(), QStringLiteral("approved"));
        QCOMPARE(decided.json().value(QLatin1String("reviewer")).toString(), QStringLiteral("rita"));
        const QByteArray note = decided.json().value(QLatin1String("decision")).toString().toUtf8();
        const crypto::NoteVerifier witness{server.data->witnessKey().name(), server.data->witnessKey().keyId(),
                                           server.data->witnessKey().publicKey()};
        Result<crypto::OpenedNote> opened = crypto::openNote(note, {witness});
        QVERIFY(opened.ok());
        QVERIFY(opened->text.contains("state approved\nreviewer rita\n"));

        Reply twice = server.admin("POST", path, R"({"decision":"reject"})", reviewer);
        QCOMPARE(twice.status, 409);
        QCOMPARE(twice.errorCode(), QStringLiteral("approval.decided"));
        QCOMPARE(server.admin("POST", "/v1/approvals/999/decision", R"({"decision":"reject"})", reviewer).status, 404);

        // The decision reaches the device through its updates.
        Reply updates = device.signedCall(server, "GET", "/v1/updates");
        const QJsonArray decisions = updates.json().value(QLatin1String("decisions")).toArray();
        QCOMPARE(decisions.size(), 1);
        QCOMPARE(decisions.first().toObject().value(QLatin1String("reviewer")).toString(), QStringLiteral("rita"));
    }

    void reportsAndMetrics()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        QCOMPARE(device.signedCall(server, "POST", "/v1/reports", R"({"kind":"bundle.activated","detail":"serial 2"})")
                     .status,
                 201);
        QCOMPARE(server.data->store().reports()->first().kind, QStringLiteral("bundle.activated"));
        Reply listed = server.admin("GET", "/v1/reports?device=" + device.id.toUtf8());
        QCOMPARE(listed.status, 200);
        const QJsonArray reports = listed.json().value(QLatin1String("reports")).toArray();
        QCOMPARE(reports.size(), 1);
        QCOMPARE(reports.at(0).toObject().value(QLatin1String("detail")).toString(), QStringLiteral("serial 2"));
        QCOMPARE(reports.at(0).toObject().value(QLatin1String("device")).toString(), device.id);
        QCOMPARE(server.admin("GET", "/v1/reports?device=dev-other").json().value(QLatin1String("reports")).toArray(),
                 QJsonArray());
        // Admins and auditors only: a rejection (auth.missing), counted in the metrics below.
        QCOMPARE(server.call("GET", "/v1/reports").status, 401);
        const QByteArray cp = device.append(3);
        QCOMPARE(device.signedCall(server, "POST", "/v1/audit/sync", TestDevice::uploadBody(cp, device.records(0, 3)))
                     .status,
                 200);
        QCOMPARE(server.admin("POST", "/v1/bundles", signedPublishBody(server, 4)).status, 201);
        server.clock.advance(2500);

        Reply m = server.admin("GET", "/metrics");
        QCOMPARE(m.status, 200);
        const QString text = QString::fromUtf8(m.body);
        QVERIFY2(text.contains(QLatin1String("# TYPE corral_ingest_records_total counter\n"
                                             "corral_ingest_records_total 3\n")),
                 qPrintable(text));
        QVERIFY(text.contains(QLatin1String("corral_rejections_total{code=\"auth.missing\"} 1\n")));
        QVERIFY(text.contains(QLatin1String("corral_devices 1\n")));
        QVERIFY(
            text.contains(QStringLiteral("corral_device_last_sync_age_seconds{device=\"%1\"} 2.5\n").arg(device.id)));
        QVERIFY(text.contains(QLatin1String("corral_bundle_serial 4\n")));
        QCOMPARE(server.call("GET", "/metrics").status, 401);
    }

    void malformedBodiesOnEveryPostEndpoint()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        for (const QByteArray& body : {QByteArray("["), QByteArray("\xff\xfe{", 3), QByteArray("42")}) {
            QCOMPARE(server.call("POST", "/v1/enroll", body).errorCode(), QStringLiteral("api.malformed"));
            QCOMPARE(server.admin("POST", "/v1/bundles", body).errorCode(), QStringLiteral("api.malformed"));
            QCOMPARE(server.admin("POST", "/v1/apps/x/pause", body).errorCode(), QStringLiteral("api.malformed"));
            QCOMPARE(server.admin("POST", "/v1/approvals/1/decision", body).errorCode(),
                     QStringLiteral("api.malformed"));
            QCOMPARE(device.signedCall(server, "POST", "/v1/approvals", body).errorCode(),
                     QStringLiteral("api.malformed"));
            QCOMPARE(device.signedCall(server, "POST", "/v1/reports", body).errorCode(),
                     QStringLiteral("api.malformed"));
            Reply sync = device.signedCall(server, "POST", "/v1/audit/sync", body);
            QCOMPARE(sync.status, 400);
            QCOMPARE(sync.errorCode(), QStringLiteral("witness.malformed"));
        }
        QVERIFY(server.data->store().reports()->isEmpty());
        QVERIFY(server.data->store().approvals(QString())->isEmpty());
        QVERIFY(!server.data->store().latestBundle()->has_value());
        QCOMPARE(server.data->store().lastOrderId().valueOr(-1), 0);
    }

    void unknownAndMalformedRequests()
    {
        TestServer server;
        QCOMPARE(server.call("GET", "/nope").status, 404);
        QCOMPARE(server.call("GET", "/v1/nope").errorCode(), QStringLiteral("api.not-found"));
        QCOMPARE(server.call("DELETE", "/v1/enroll").status, 405);
        ApiOptions small;
        small.maxBodySize = 16;
        ServerApi api(*server.data, small, server.clock);
        ApiRequest big;
        big.method = "POST";
        big.path = "/v1/enroll";
        big.body = QByteArray(17, 'x');
        int status = 0;
        api.handle(big, [&](const ApiResponse& r) { status = r.status; });
        QCOMPARE(status, 413);
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "TestServerApi.moc"
