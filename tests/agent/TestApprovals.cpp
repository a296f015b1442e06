// SPDX-License-Identifier: Apache-2.0
// Production approvals and pause orders end to end, with a real corral-server and an
// enrolled agent in this process on loopback: apps.requestProduction (and its CLI verb),
// a reviewer's rejection and approval reaching the agent (stage, quotas, audit on both
// sides), forged or misaddressed decisions refused, decisions applied once across restarts,
// pauses ordered or lifted while the agent was down, and apps.resume refusing a pause the
// organisation ordered while a circuit-breaker pause stays resumable.
#include "../server/ServerTestSupport.h"
#include "Approvals.h"
#include "EnrolledAgentFixture.h"
#include "HttpServer.h"
#include "TestCli.h"
#include "agent/SyncManager.h"
#include "catalog/TemplateCatalog.h"
#include "quota/QuotaStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimer>

using namespace corral;

class TestApprovals : public QObject, protected test::EnrolledAgentFixture
{
    Q_OBJECT

    std::unique_ptr<server::test::TestServer> m_server;
    std::unique_ptr<server::HttpServer> m_http;
    QString m_deviceId;
    QString m_reviewerToken;
    QString m_app;
    QTimer m_serverTime; // keeps the server's clock on the wall clock, for request signatures

    QJsonObject getApp(const QString& name)
    {
        const Result<QJsonValue> app = call(QStringLiteral("apps.get"), QJsonObject{{QStringLiteral("name"), name}});
        return app.ok() ? app->toObject() : QJsonObject();
    }

    // The agent's audit records of `type`.
    QList<QJsonObject> auditRecords(const QString& type)
    {
        QList<QJsonObject> out;
        const Result<QJsonValue> r = call(QStringLiteral("audit.query"),
                                          QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("limit"), 1000}});
        if (r.ok()) {
            for (const QJsonValue& v : r->toObject().value(QStringLiteral("records")).toArray())
                out.append(v.toObject());
        }
        return out;
    }

    // The paused apps in the agent's quota store (its database), with their reasons.
    QMap<QString, QString> pausedInStore()
    {
        QMap<QString, QString> out;
        Result<std::unique_ptr<quota::QuotaStore>> store = quota::QuotaStore::open(m_paths.databasePath);
        if (!store.ok())
            return out;
        Result<std::vector<quota::PausedApp>> paused = (*store)->pausedApps();
        if (paused.ok()) {
            for (const quota::PausedApp& p : *paused)
                out.insert(p.app, p.reason);
        }
        return out;
    }

    QList<server::Report> serverReports(const QString& kind)
    {
        QList<server::Report> out;
        Result<QList<server::Report>> all = m_server->data->store().reports();
        if (all) {
            for (const server::Report& r : *all) {
                if (r.kind == kind)
                    out.append(r);
            }
        }
        return out;
    }

    QJsonArray serverApprovals(const QByteArray& state)
    {
        return m_server->admin("GET", "/v1/approvals?state=" + state)
            .json()
            .value(QStringLiteral("approvals"))
            .toArray();
    }

    server::test::Reply decide(qint64 id, const QString& decision, const QString& note)
    {
        return m_server->admin(
            "POST", "/v1/approvals/" + QByteArray::number(id) + "/decision",
            QJsonDocument(QJsonObject{{QStringLiteral("decision"), decision}, {QStringLiteral("note"), note}})
                .toJson(QJsonDocument::Compact),
            m_reviewerToken);
    }

    // Saves a copy of the sales-summarizer preview under `name`.
    void saveApp(const QString& name)
    {
        Result<catalog::TemplateCatalog> templates = catalog::TemplateCatalog::loadDefault();
        QVERIFY(templates.ok());
        QJsonObject manifest = catalog::previewManifest(*templates->find(QStringLiteral("sales-summarizer"))).value();
        manifest.insert(QStringLiteral("name"), name);
        const Result<QJsonValue> saved =
            call(QStringLiteral("apps.save"),
                 QJsonObject{{QStringLiteral("manifest"), QString::fromUtf8(QJsonDocument(manifest).toJson())}});
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
    }

    // The hard tokens_per_day limit usage.summary reports for the app dimension of `app`.
    qint64 appTokenLimit(const QString& app)
    {
        const Result<QJsonValue> summary = call(QStringLiteral("usage.summary"));
        if (!summary.ok())
            return -1;
        for (const QJsonValue& v : summary->toObject().value(QStringLiteral("limits")).toArray()) {
            const QJsonObject l = v.toObject();
            if (l.value(QStringLiteral("dimension")).toString() == QLatin1String("app") &&
                l.value(QStringLiteral("key")).toString() == app &&
                l.value(QStringLiteral("limit")).toString() == QLatin1String("tokens_per_day"))
                return l.value(QStringLiteral("hard")).toInteger();
        }
        return 0;
    }

    // Starts a run of `app` and waits until the agent has recorded it as finished.
    void runToEnd(const QString& app)
    {
        const Result<QJsonValue> started =
            call(QStringLiteral("runs.start"), QJsonObject{{QStringLiteral("app"), app}});
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        const QString runId = started->toObject().value(QStringLiteral("run_id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const Result<QJsonValue> runs =
                    call(QStringLiteral("runs.list"), QJsonObject{{QStringLiteral("app"), app}});
                if (!runs.ok())
                    return false;
                for (const QJsonValue& v : runs->toObject().value(QStringLiteral("runs")).toArray()) {
                    if (v.toObject().value(QStringLiteral("run_id")).toString() == runId)
                        return v.toObject().value(QStringLiteral("status")).toString() != QLatin1String("running");
                }
                return false;
            }(),
            20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        initAgent(2);
        m_app = QStringLiteral("deal-notes");
    }

    void cleanupTestCase()
    {
        m_serverTime.stop();
        m_daemon.reset();
        m_http.reset();
        m_server.reset();
    }

    // Before enrollment: production needs an organisation server.
    void standaloneAgentRefuses()
    {
        startAgent();
        saveApp(m_app);
        const Result<QJsonValue> refused =
            call(QStringLiteral("apps.requestProduction"),
                 QJsonObject{{QStringLiteral("name"), m_app}, {QStringLiteral("reason"), QStringLiteral("team use")}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("sync.not-enrolled"));
        QCOMPARE(refused.error().message, QStringLiteral("the app \"deal-notes\" needs an organisation server to go "
                                                         "to production: this agent is not enrolled (corral enroll)"));
        const QJsonObject app = getApp(m_app);
        QCOMPARE(app.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
        QVERIFY(!app.contains(QStringLiteral("approval")));

        const test::CliOutput noReason =
            test::runCli({QStringLiteral("apps"), QStringLiteral("request-production"), m_app});
        QCOMPARE(noReason.exitCode, 2);
        QVERIFY2(noReason.err.contains(QStringLiteral("--reason TEXT is required")), qPrintable(noReason.err));
        const test::CliOutput standalone =
            test::runCli({QStringLiteral("apps"), QStringLiteral("request-production"), m_app,
                          QStringLiteral("--reason"), QStringLiteral("team use")});
        QCOMPARE(standalone.exitCode, 1);
        QVERIFY2(standalone.err.contains(QStringLiteral("(sync.not-enrolled)")), qPrintable(standalone.err));
    }

    void enroll()
    {
        m_server = std::make_unique<server::test::TestServer>();
        m_server->clock.set(QDateTime::currentMSecsSinceEpoch());
        connect(&m_serverTime, &QTimer::timeout, this,
                [this] { m_server->clock.set(QDateTime::currentMSecsSinceEpoch()); });
        m_serverTime.start(200);
        m_http = std::make_unique<server::HttpServer>(*m_server->api);
        Result<quint16> port = m_http->start(server::ListenOptions{});
        QVERIFY(port.ok());
        m_reviewerToken = server::newToken(QStringLiteral("cadm_"));
        QVERIFY(m_server->data->store()
                    .addAdminToken(server::tokenHash(m_reviewerToken.toUtf8()), server::Role::Reviewer,
                                   QStringLiteral("rita"), 0)
                    .ok());
        const Result<QJsonValue> enrolled =
            call(QStringLiteral("agent.enroll"),
                 QJsonObject{{QStringLiteral("server"), QStringLiteral("http://127.0.0.1:%1").arg(*port)},
                             {QStringLiteral("token"), m_server->enrollToken()}});
        QVERIFY2(enrolled.ok(), qPrintable(enrolled.ok() ? QString() : enrolled.error().toString()));
        m_deviceId = enrolled->toObject().value(QStringLiteral("device_id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(m_restartRequested, 2000);
        startAgent();
        // A policy for the runs below.
        QCOMPARE(m_server->admin("POST", "/v1/bundles", server::test::signedPublishBody(*m_server, 1)).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("bundle_serial")).toInteger(), 1, 5000);
    }

    void requestBadInput()
    {
        const Result<QJsonValue> unknown = call(QStringLiteral("apps.requestProduction"),
                                                QJsonObject{{QStringLiteral("name"), QStringLiteral("nope")},
                                                            {QStringLiteral("reason"), QStringLiteral("x")}});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, QStringLiteral("app.not-found"));
        const Result<QJsonValue> blank =
            call(QStringLiteral("apps.requestProduction"),
                 QJsonObject{{QStringLiteral("name"), m_app}, {QStringLiteral("reason"), QStringLiteral("  ")}});
        QVERIFY(!blank.ok());
        QCOMPARE(blank.error().code, QStringLiteral("approval.reason"));
        QCOMPARE(blank.error().message,
                 QStringLiteral("give the reviewers a reason (1 to 4096 characters) for production use"));
        const Result<QJsonValue> missing =
            call(QStringLiteral("apps.requestProduction"), QJsonObject{{QStringLiteral("name"), m_app}});
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("rpc.-32602"));
        // Nothing was sent or kept.
        QCOMPARE(serverApprovals("").size(), 0);
        QVERIFY(!getApp(m_app).contains(QStringLiteral("approval")));
        QCOMPARE(auditRecords(QStringLiteral("approval.requested")).size(), 0);
    }

    void rejectThenApprove()
    {
        const Result<QJsonValue> requested = call(
            QStringLiteral("apps.requestProduction"),
            QJsonObject{{QStringLiteral("name"), m_app}, {QStringLiteral("reason"), QStringLiteral("the sales team")}});
        QVERIFY2(requested.ok(), qPrintable(requested.ok() ? QString() : requested.error().toString()));
        const qint64 first = requested->toObject().value(QStringLiteral("id")).toInteger();
        QVERIFY(first > 0);
        QCOMPARE(requested->toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));

        // The server holds it, from this device and user.
        const QJsonArray pending = serverApprovals("pending");
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.at(0).toObject().value(QStringLiteral("app")).toString(), m_app);
        QCOMPARE(pending.at(0).toObject().value(QStringLiteral("device")).toString(), m_deviceId);
        QCOMPARE(pending.at(0).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("the sales team"));
        QJsonObject app = getApp(m_app);
        QCOMPARE(app.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
        QCOMPARE(app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("pending"));
        QCOMPARE(app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("id")).toInteger(), first);
        const QList<QJsonObject> audited = auditRecords(QStringLiteral("approval.requested"));
        QCOMPARE(audited.size(), 1);
        QCOMPARE(audited.at(0).value(QStringLiteral("app_id")).toString(), m_app);
        QCOMPARE(audited.at(0).value(QStringLiteral("approval_id")).toInteger(), first);

        // One request at a time.
        const Result<QJsonValue> twice =
            call(QStringLiteral("apps.requestProduction"),
                 QJsonObject{{QStringLiteral("name"), m_app}, {QStringLiteral("reason"), QStringLiteral("again")}});
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().code, QStringLiteral("approval.pending"));
        QCOMPARE(twice.error().message,
                 QStringLiteral("the app \"deal-notes\" already waits for a reviewer (request %1)").arg(first));

        // Rejected: the app stays in development with the reviewer's note.
        QCOMPARE(decide(first, QStringLiteral("reject"), QStringLiteral("needs a DLP review\nfirst")).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            getApp(m_app).value(QStringLiteral("approval")).toObject().value(QStringLiteral("state")).toString(),
            QStringLiteral("rejected"), 8000);
        app = getApp(m_app);
        QCOMPARE(app.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
        QCOMPARE(app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("note")).toString(),
                 QStringLiteral("needs a DLP review\nfirst"));
        QCOMPARE(app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("reviewer")).toString(),
                 QStringLiteral("rita"));
        QList<QJsonObject> decided = auditRecords(QStringLiteral("approval.decided"));
        QCOMPARE(decided.size(), 1);
        QCOMPARE(decided.at(0).value(QStringLiteral("decision")).toString(), QStringLiteral("rejected"));
        QCOMPARE(decided.at(0).value(QStringLiteral("reviewer")).toString(), QStringLiteral("rita"));
        QCOMPARE(decided.at(0).value(QStringLiteral("note")).toString(), QStringLiteral("needs a DLP review\nfirst"));
        QTRY_COMPARE_WITH_TIMEOUT(serverReports(QStringLiteral("approval.applied")).size(), 1, 5000);

        // A new request, from the command line, approved this time.
        const test::CliOutput cli = test::runCli({QStringLiteral("apps"), QStringLiteral("request-production"), m_app,
                                                  QStringLiteral("--reason"), QStringLiteral("DLP reviewed")});
        QCOMPARE(cli.exitCode, 0);
        const qint64 second =
            getApp(m_app).value(QStringLiteral("approval")).toObject().value(QStringLiteral("id")).toInteger();
        QVERIFY(second > first);
        QCOMPARE(
            cli.out,
            QStringLiteral("Requested production for deal-notes (request %1, waiting for a reviewer)\n").arg(second));
        QCOMPARE(decide(second, QStringLiteral("approve"), QStringLiteral("ok")).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(getApp(m_app).value(QStringLiteral("stage")).toString(), QStringLiteral("production"),
                                  8000);
        app = getApp(m_app);
        QCOMPARE(app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("approved"));
        QCOMPARE(app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("DLP reviewed"));
        decided = auditRecords(QStringLiteral("approval.decided"));
        QCOMPARE(decided.size(), 2);
        QCOMPARE(decided.at(1).value(QStringLiteral("decision")).toString(), QStringLiteral("approved"));
        QCOMPARE(decided.at(1).value(QStringLiteral("stage")).toString(), QStringLiteral("production"));
        // The server recorded who decided, and the agent's report.
        const QJsonArray approved = serverApprovals("approved");
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.at(0).toObject().value(QStringLiteral("reviewer")).toString(), QStringLiteral("rita"));
        QTRY_COMPARE_WITH_TIMEOUT(serverReports(QStringLiteral("approval.applied")).size(), 2, 5000);
        // The agent's audit records of all this reach the witness.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                Result<std::optional<server::Device>> d = m_server->data->store().device(m_deviceId);
                if (!d || !d->has_value())
                    return false;
                Result<QList<QByteArray>> records = m_server->data->store().records(m_deviceId, 0, (*d)->size);
                return records && std::count_if(records->begin(), records->end(), [](const QByteArray& r) {
                                      return r.contains("\"type\":\"approval.decided\"");
                                  }) == 2;
            }(),
            10000);

        const Result<QJsonValue> already =
            call(QStringLiteral("apps.requestProduction"),
                 QJsonObject{{QStringLiteral("name"), m_app}, {QStringLiteral("reason"), QStringLiteral("again")}});
        QVERIFY(!already.ok());
        QCOMPARE(already.error().code, QStringLiteral("app.stage"));
        QCOMPARE(already.error().message, QStringLiteral("the app \"deal-notes\" is already in production"));
    }

    // Runs of the approved app count against the production presets (built-in: 1,000,000
    // tokens a day per app), a development app's against development's (200,000).
    void productionQuotas()
    {
        saveApp(QStringLiteral("dev-notes"));
        runToEnd(m_app);
        runToEnd(QStringLiteral("dev-notes"));
        QCOMPARE(appTokenLimit(m_app), 1000000);
        QCOMPARE(appTokenLimit(QStringLiteral("dev-notes")), 200000);
    }

    // After a restart the poll delivers every decision again: nothing is applied twice.
    void decisionsApplyOnce()
    {
        startAgent();
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("bundle_serial")).toInteger(), 1, 5000);
        QTest::qWait(500);
        QCOMPARE(auditRecords(QStringLiteral("approval.decided")).size(), 2);
        QCOMPARE(getApp(m_app).value(QStringLiteral("stage")).toString(), QStringLiteral("production"));
    }

    // A decision not signed by the pinned witness key, or signed for another device,
    // changes nothing.
    void forgedDecisionsRefused()
    {
        saveApp(QStringLiteral("shadow"));
        server::ServerStore& store = m_server->data->store();
        server::Approval forged;
        forged.device = m_deviceId;
        forged.app = QStringLiteral("shadow");
        forged.user = QStringLiteral("mallory");
        forged.reason = QStringLiteral("please");
        forged.requestedMs = m_server->clock.nowMs();
        Result<std::int64_t> forgedId = store.addApproval(forged);
        QVERIFY(forgedId.ok());
        // Signed by another key under the witness's name.
        const crypto::NoteSigner impostor = crypto::NoteSigner::generate(m_server->data->witnessKey().name());
        QVERIFY(server::decideApproval(store, impostor, *forgedId, QStringLiteral("approve"), QStringLiteral("mallory"),
                                       {}, m_server->clock.nowMs())
                    .ok());
        // Signed by the server, but for another device.
        server::Approval elsewhere = forged;
        elsewhere.device = QStringLiteral("dev-0000000000000000");
        Result<std::int64_t> elsewhereId = store.addApproval(elsewhere);
        QVERIFY(elsewhereId.ok());
        QVERIFY(server::decideApproval(store, m_server->data->witnessKey(), *elsewhereId, QStringLiteral("approve"),
                                       QStringLiteral("rita"), {}, m_server->clock.nowMs())
                    .ok());
        // The store's decisionsFor() names the device asked about, so rewrite the second
        // one's device there: the poll then carries a decision signed for another device.
        {
            Result<storage::SqliteDatabase> db = storage::SqliteDatabase::open(store.path());
            QVERIFY(db.ok());
            const QByteArray sql = QStringLiteral("UPDATE approvals SET device = '%1' WHERE id = %2")
                                       .arg(m_deviceId)
                                       .arg(*elsewhereId)
                                       .toUtf8();
            QVERIFY(db->exec(sql.constData()).ok());
        }
        // An order wakes the agent's poll.
        QCOMPARE(m_server->admin("POST", "/v1/apps/unrelated/pause").status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(auditRecords(QStringLiteral("approval.rejected-signature")).size(), 1, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(auditRecords(QStringLiteral("approval.refused")).size(), 1, 8000);
        const QJsonObject bad = auditRecords(QStringLiteral("approval.rejected-signature")).at(0);
        QCOMPARE(bad.value(QStringLiteral("app_id")).toString(), QStringLiteral("shadow"));
        QCOMPARE(bad.value(QStringLiteral("approval_id")).toInteger(), *forgedId);
        QCOMPARE(auditRecords(QStringLiteral("approval.refused")).at(0).value(QStringLiteral("reason")).toString(),
                 QStringLiteral("the decision is for device dev-0000000000000000"));
        const QJsonObject shadow = getApp(QStringLiteral("shadow"));
        QCOMPARE(shadow.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
        QVERIFY(!shadow.contains(QStringLiteral("approval")));
        QTRY_COMPARE_WITH_TIMEOUT(serverReports(QStringLiteral("approval.refused")).size(), 2, 5000);
        QCOMPARE(m_server->admin("POST", "/v1/apps/unrelated/resume").status, 201);
    }

    // A device asking again for the same app (its first answer was lost) gets the request
    // already waiting, not a second one.
    void serverRequestIsIdempotent()
    {
        server::test::TestDevice device(m_dir.path(), QStringLiteral("corral.test/other-desk"), 7, m_server->clock);
        QCOMPARE(device.enroll(*m_server, m_server->enrollToken()).status, 201);
        const QByteArray body = R"({"app": "notes", "user": "alice", "reason": "team use"})";
        const server::test::Reply first = device.signedCall(*m_server, "POST", "/v1/approvals", body);
        QCOMPARE(first.status, 201);
        const server::test::Reply again = device.signedCall(*m_server, "POST", "/v1/approvals", body);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(QStringLiteral("id")), first.json().value(QStringLiteral("id")));
        QCOMPARE(again.json().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(serverApprovals("pending").size(), 1);
        QCOMPARE(decide(first.json().value(QStringLiteral("id")).toInteger(), QStringLiteral("reject"), {}).status,
                 200);
    }

    void resumeRefusesOrganisationPause()
    {
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/pause").status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("paused_apps")).toArray(), QJsonArray{m_app}, 8000);
        QVERIFY(pausedInStore().contains(m_app));
        const Result<QJsonValue> refused =
            call(QStringLiteral("apps.resume"), QJsonObject{{QStringLiteral("name"), m_app}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("app.paused-by-organisation"));
        QCOMPARE(refused.error().message,
                 QStringLiteral("the app \"deal-notes\" was paused by the organisation's administrator: only the "
                                "administrator can resume it"));
        QVERIFY(pausedInStore().contains(m_app));
        const test::CliOutput cli = test::runCli({QStringLiteral("apps"), QStringLiteral("resume"), m_app});
        QCOMPARE(cli.exitCode, 1);
        QVERIFY2(cli.err.contains(QStringLiteral("only the administrator can resume it (app.paused-by-organisation)")),
                 qPrintable(cli.err));
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/resume").status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(!pausedInStore().contains(m_app), 8000);
    }

    // (a) lifted while the agent was down: lifted at the next start.
    void pauseLiftedWhileDown()
    {
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/pause").status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(pausedInStore().contains(m_app), 8000);
        m_daemon.reset();
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/resume").status, 201);
        startAgent();
        QTRY_VERIFY_WITH_TIMEOUT(!pausedInStore().contains(m_app), 8000);
        QCOMPARE(syncStatus().value(QStringLiteral("paused_apps")).toArray(), QJsonArray());
    }

    // (b) ordered while the agent was down: applied at start.
    void pauseOrderedWhileDown()
    {
        m_daemon.reset();
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/pause").status, 201);
        startAgent();
        QTRY_VERIFY_WITH_TIMEOUT(pausedInStore().contains(m_app), 8000);
        const Result<QJsonValue> start =
            call(QStringLiteral("runs.start"), QJsonObject{{QStringLiteral("app"), m_app}});
        QVERIFY(!start.ok());
        QCOMPARE(start.error().code, QStringLiteral("app.paused"));
        // The refused decisions, delivered again at each start, were audited once.
        QCOMPARE(auditRecords(QStringLiteral("approval.rejected-signature")).size(), 1);
        QCOMPARE(auditRecords(QStringLiteral("approval.refused")).size(), 1);
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/resume").status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(!pausedInStore().contains(m_app), 8000);
    }

    // A circuit-breaker pause stays the person's to resume, also once an order on the same
    // app is lifted; while the order stands it is refused.
    void breakerPauseStaysLocal()
    {
        m_daemon.reset();
        {
            Result<std::unique_ptr<quota::QuotaStore>> store = quota::QuotaStore::open(m_paths.databasePath);
            QVERIFY(store.ok());
            QVERIFY((*store)
                        ->setPaused(quota::PausedApp{m_app, QStringLiteral("denials"),
                                                     QStringLiteral("policy denials: 5 within 60 s"), 1})
                        .ok());
        }
        startAgent();
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/pause").status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("paused_apps")).toArray(), QJsonArray{m_app}, 8000);
        const Result<QJsonValue> refused =
            call(QStringLiteral("apps.resume"), QJsonObject{{QStringLiteral("name"), m_app}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("app.paused-by-organisation"));
        QCOMPARE(m_server->admin("POST", "/v1/apps/" + m_app.toUtf8() + "/resume").status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("paused_apps")).toArray(), QJsonArray(), 8000);
        // The breaker's own pause is still there, under its reason, and the person lifts it.
        QCOMPARE(pausedInStore().value(m_app), QStringLiteral("policy denials: 5 within 60 s"));
        const Result<QJsonValue> resumed =
            call(QStringLiteral("apps.resume"), QJsonObject{{QStringLiteral("name"), m_app}});
        QVERIFY2(resumed.ok(), qPrintable(resumed.ok() ? QString() : resumed.error().toString()));
        QCOMPARE(resumed->toObject().value(QStringLiteral("was_paused")).toBool(), true);
        QVERIFY(!pausedInStore().contains(m_app));
    }

    // A deleted app loses its approval: saved again under the same name it is in development,
    // also after a restart delivers the old decision again, and may ask again.
    void deletedAppLosesApproval()
    {
        startAgent();
        QCOMPARE(getApp(m_app).value(QStringLiteral("stage")).toString(), QStringLiteral("production"));
        QVERIFY(call(QStringLiteral("apps.delete"), QJsonObject{{QStringLiteral("name"), m_app}}).ok());
        saveApp(m_app);
        QJsonObject app = getApp(m_app);
        QCOMPARE(app.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
        QVERIFY(!app.contains(QStringLiteral("approval")));
        startAgent();
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus().value(QStringLiteral("bundle_serial")).toInteger(), 1, 5000);
        QTest::qWait(300);
        QCOMPARE(getApp(m_app).value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
        QCOMPARE(auditRecords(QStringLiteral("approval.decided")).size(), 2);
        const Result<QJsonValue> again =
            call(QStringLiteral("apps.requestProduction"),
                 QJsonObject{{QStringLiteral("name"), m_app}, {QStringLiteral("reason"), QStringLiteral("rebuilt")}});
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().toString()));
        QCOMPARE(getApp(m_app).value(QStringLiteral("approval")).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("pending"));
    }

    // With the server down a request fails as "sync.unavailable" and nothing is kept.
    void requestWithServerDown()
    {
        saveApp(QStringLiteral("offline-notes"));
        const int requested = auditRecords(QStringLiteral("approval.requested")).size();
        m_http.reset();
        const Result<QJsonValue> refused = call(QStringLiteral("apps.requestProduction"),
                                                QJsonObject{{QStringLiteral("name"), QStringLiteral("offline-notes")},
                                                            {QStringLiteral("reason"), QStringLiteral("x")}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("sync.unavailable"));
        QVERIFY2(refused.error().message.startsWith(QStringLiteral("the organisation's server cannot be reached: ")),
                 qPrintable(refused.error().message));
        QVERIFY(!getApp(QStringLiteral("offline-notes")).contains(QStringLiteral("approval")));
        QCOMPARE(auditRecords(QStringLiteral("approval.requested")).size(), requested);
        m_daemon.reset();
    }
};

QTEST_GUILESS_MAIN(TestApprovals)
#include "TestApprovals.moc"
