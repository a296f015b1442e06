// SPDX-License-Identifier: Apache-2.0
// The witness endpoint: extends, idempotent re-uploads, refusals with distinct statuses
// and alerts (smaller tree, fork, gap, root mismatch), a restart between uploads, the
// cosignature, usage recomputed from model.called records and silence alerts.
#include "Cosigner.h"
#include "ServerTestSupport.h"
#include "Witness.h"
#include "audit/AuditVerifier.h"
#include "audit/DeviceKey.h"
#include "audit/MerkleTree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace corral;
using namespace corral::server;
using namespace corral::server::test;

namespace {
const QString kOrigin = QStringLiteral("corral.test/desk-1");
constexpr qint64 kDay = 86400000;

Reply sync(TestServer& server, TestDevice& device, const QByteArray& checkpoint, const QList<QByteArray>& records)
{
    return device.signedCall(server, "POST", "/v1/audit/sync", TestDevice::uploadBody(checkpoint, records));
}

QList<Alert> alertsOf(TestServer& server)
{
    Result<QList<Alert>> a = server.data->store().alerts(true);
    return a ? *a : QList<Alert>();
}

// Enrolls `device` and syncs two notes and three model calls of sales-summarizer.
void syncNotesAndModelCalls(TestServer& server, TestDevice& device)
{
    QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
    device.append(2);
    const QByteArray cp = device.append(3, QStringLiteral("sales-summarizer"));
    QCOMPARE(sync(server, device, cp, device.records(0, 5)).status, 200);
}
} // namespace

class TestWitness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { CORRAL_REQUIRE_TEST_DATABASE(); }

    void cleanupTestCase() { TestDatabase::stop(); }

    void treeEdgeMatchesMerkleTree()
    {
        TreeEdge edge;
        audit::MerkleTree tree;
        for (int i = 0; i < 37; ++i) {
            const audit::Hash leaf = audit::leafHash(QByteArray::number(i));
            edge.append(leaf);
            tree.append(leaf);
            QCOMPARE(edge.root(), tree.root());
        }
        QCOMPARE(TreeEdge().root(), audit::emptyTreeHash());
    }

    void extendsAndCosigns()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);

        const QByteArray cp5 = device.append(5);
        Reply r = sync(server, device, cp5, device.records(0, 5));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("size")).toInt(), 5);
        QCOMPARE(r.json().value(QLatin1String("accepted")).toInt(), 5);
        const QByteArray cosigned = r.json().value(QLatin1String("cosigned")).toString().toUtf8();
        QVERIFY(cosigned.startsWith(cp5));
        Result<quint64> ts =
            verifyCosignature(cosigned, server.data->witnessKey().name(), server.data->witnessKey().publicKey());
        QVERIFY2(ts.ok(), qPrintable(ts.ok() ? QString() : ts.error().toString()));
        QCOMPARE(*ts, quint64(server.clock.nowMs() / 1000));

        const QByteArray cp12 = device.append(7);
        r = sync(server, device, cp12, device.records(5, 12));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("size")).toInt(), 12);
        QCOMPARE(*server.data->store().recordCount(), 12);

        Reply state = device.signedCall(server, "GET", "/v1/audit/state");
        QCOMPARE(state.status, 200);
        QCOMPARE(state.json().value(QLatin1String("size")).toInt(), 12);
        QVERIFY(alertsOf(server).isEmpty());
    }

    void reuploadIsIdempotent()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp = device.append(10);
        QCOMPARE(sync(server, device, cp, device.records(0, 10)).status, 200);
        // The answer was lost: the agent sends the same upload again.
        server.clock.advance(1000);
        Reply again = sync(server, device, cp, device.records(0, 10));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(QLatin1String("accepted")).toInt(), 0);
        QCOMPARE(*server.data->store().recordCount(), 10);
        // An upload that overlaps what is held stores only the new tail.
        const QByteArray cp15 = device.append(5);
        Reply overlap = sync(server, device, cp15, device.records(3, 15));
        QCOMPARE(overlap.status, 200);
        QCOMPARE(overlap.json().value(QLatin1String("accepted")).toInt(), 5);
        QCOMPARE(overlap.json().value(QLatin1String("duplicates")).toInt(), 7);
        QCOMPARE(*server.data->store().recordCount(), 15);
        QVERIFY(alertsOf(server).isEmpty());
    }

    void smallerTreeIsRefused()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp4 = device.append(4);
        const QByteArray cp9 = device.append(5);
        QCOMPARE(sync(server, device, cp9, device.records(0, 9)).status, 200);
        Reply r = sync(server, device, cp4, device.records(0, 4));
        QCOMPARE(r.status, 412);
        QCOMPARE(r.errorCode(), QStringLiteral("witness.smaller"));
        QCOMPARE(alertsOf(server).size(), 1);
        QCOMPARE(alertsOf(server).first().kind, QStringLiteral("rollback"));
        QCOMPARE(alertsOf(server).first().device, device.id);
        QCOMPARE(*server.data->store().recordCount(), 9);
    }

    void forkAtSameSizeIsRefused()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp = device.append(6);
        QCOMPARE(sync(server, device, cp, device.records(0, 6)).status, 200);

        // The same key and origin, another history of the same size (a reset local log).
        QTemporaryDir other;
        TestDevice twin(other.path(), kOrigin, 1, server.clock);
        twin.id = device.id;
        server.clock.advance(5);
        QVERIFY(twin.log->append(audit::events::note(QStringLiteral("different"))).ok());
        const QByteArray forked = twin.append(5);
        Reply r = sync(server, twin, forked, twin.records(0, 6));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorCode(), QStringLiteral("witness.fork"));
        QCOMPARE(alertsOf(server).size(), 1);
        QCOMPARE(alertsOf(server).first().kind, QStringLiteral("fork"));

        // Growing the other history beyond the held size is a fork too: it does not chain.
        const QByteArray longer = twin.append(3);
        r = sync(server, twin, longer, twin.records(6, 9));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorCode(), QStringLiteral("witness.fork"));
        QCOMPARE(*server.data->store().recordCount(), 6);
    }

    void gapIsRefused()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp3 = device.append(3);
        QCOMPARE(sync(server, device, cp3, device.records(0, 3)).status, 200);
        const QByteArray cp10 = device.append(7);
        Reply r = sync(server, device, cp10, device.records(5, 10));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("witness.gap"));
        QCOMPARE(r.header("X-Witness-Size"), QByteArray("3"));
        QCOMPARE(alertsOf(server).size(), 1);
        QCOMPARE(alertsOf(server).first().kind, QStringLiteral("gap"));
        QCOMPARE(*server.data->store().recordCount(), 3);
        // Resending from the witnessed size succeeds.
        QCOMPARE(sync(server, device, cp10, device.records(3, 10)).status, 200);
    }

    void badUploadsAreRefused()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp = device.append(4);

        Reply r = device.signedCall(server, "POST", "/v1/audit/sync", "not json\n");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("witness.malformed"));

        // Records missing at the end.
        r = sync(server, device, cp, device.records(0, 3));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("witness.incomplete"));

        // A record altered in transit no longer hashes to the signed root.
        QList<QByteArray> records = device.records(0, 4);
        records[2].replace("event 2", "event X");
        r = sync(server, device, cp, records);
        QVERIFY(r.status == 422);
        QVERIFY(r.errorCode() == QStringLiteral("witness.fork") ||
                r.errorCode() == QStringLiteral("witness.root-mismatch"));

        // A checkpoint signed by another key.
        QTemporaryDir other;
        TestDevice stranger(other.path(), kOrigin, 9, server.clock);
        stranger.id = device.id;
        const QByteArray foreign = stranger.append(4);
        r = sync(server, device, foreign, stranger.records(0, 4));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("witness.checkpoint"));
        QCOMPARE(*server.data->store().recordCount(), 0);
    }

    void restartBetweenUploadsLosesNothing()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp5 = device.append(5);
        QCOMPARE(sync(server, device, cp5, device.records(0, 5)).status, 200);
        server.reopen();
        const QByteArray cp9 = device.append(4);
        // The agent did not see the first answer and sends everything again.
        Reply r = sync(server, device, cp9, device.records(0, 9));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("accepted")).toInt(), 4);
        server.reopen();
        QCOMPARE(*server.data->store().recordCount(), 9);
        Result<QList<QByteArray>> stored = server.data->store().records(device.id, 0, 100);
        QVERIFY(stored.ok());
        QCOMPARE(*stored, device.records(0, 9));
    }

    void usageIsRecomputedFromModelCalls()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        syncNotesAndModelCalls(server, device);
        Reply usage = server.admin("GET", "/v1/usage");
        QCOMPARE(usage.status, 200);
        const QJsonArray rows = usage.json().value(QLatin1String("usage")).toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("app")).toString(), QStringLiteral("sales-summarizer"));
        QCOMPARE(row.value(QLatin1String("user")).toString(), QStringLiteral("alice"));
        QCOMPARE(row.value(QLatin1String("calls")).toInt(), 3);
        QCOMPARE(row.value(QLatin1String("tokens")).toInt(), 300);
        QCOMPARE(row.value(QLatin1String("cost")).toDouble(), 1.5);
    }

    void usageSinceSumsWholeUtcDays()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        // Day 1 (the clock starts at midnight UTC): 2 calls; day 2: 3 calls, one of them
        // for another app; day 3: 1 call.
        device.append(2, QStringLiteral("sales-summarizer"));
        server.clock.advance(kDay + 3600000);
        device.append(2, QStringLiteral("sales-summarizer"));
        device.append(1, QStringLiteral("notes"));
        server.clock.advance(kDay);
        const QByteArray cp = device.append(1, QStringLiteral("sales-summarizer"));
        QCOMPARE(sync(server, device, cp, device.records(0, 6)).status, 200);
        ServerStore& store = server.data->store();
        const qint64 day1 = 1767225600000;

        Result<QList<Usage>> all = store.usageSince(device.id, day1);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).app, QStringLiteral("notes"));
        QCOMPARE(all->at(0).calls, 1);
        QCOMPARE(all->at(1).app, QStringLiteral("sales-summarizer"));
        QCOMPARE(all->at(1).device, device.id);
        QCOMPARE(all->at(1).user, QStringLiteral("alice"));
        QCOMPARE(all->at(1).model, QStringLiteral("local-extractive"));
        QCOMPARE(all->at(1).calls, 5);
        QCOMPARE(all->at(1).tokens, 500);
        QCOMPARE(all->at(1).cost, 2.5);

        // Any time within day 2 counts day 2 whole.
        Result<QList<Usage>> fromDay2 = store.usageSince(device.id, day1 + kDay + kDay - 1);
        QVERIFY(fromDay2.ok());
        QCOMPARE(fromDay2->size(), 2);
        QCOMPARE(fromDay2->at(1).calls, 3);
        QCOMPARE(fromDay2->at(1).tokens, 300);
        Result<QList<Usage>> fromDay3 = store.usageSince(device.id, day1 + 2 * kDay);
        QCOMPARE(fromDay3->size(), 1);
        QCOMPARE(fromDay3->at(0).calls, 1);
        QCOMPARE(store.usageSince(device.id, day1 + 3 * kDay)->size(), 0);
        QCOMPARE(store.usageSince(QStringLiteral("dev-other"), 0)->size(), 0);
        // The all-time totals are unchanged.
        QCOMPARE(store.usage()->size(), 2);
        QCOMPARE(store.usage()->at(1).calls, 5);
    }

    void silenceRaisesOneAlert()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp = device.append(1);
        QCOMPARE(sync(server, device, cp, device.records(0, 1)).status, 200);
        QCOMPARE(*server.api->witness().checkSilence(60000), 0);
        server.clock.advance(61000);
        QCOMPARE(*server.api->witness().checkSilence(60000), 1);
        QCOMPARE(*server.api->witness().checkSilence(60000), 0);
        QCOMPARE(alertsOf(server).first().kind, QStringLiteral("silence"));
        // Silenced, then silent again: a new alert.
        const std::int64_t id = alertsOf(server).first().id;
        QCOMPARE(server.admin("POST", "/v1/alerts/" + QByteArray::number(id) + "/silence").status, 200);
        QCOMPARE(*server.api->witness().checkSilence(60000), 1);
    }

    void exportVerifiesAndReturnsRecords()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const QByteArray cp = device.append(4);
        QCOMPARE(sync(server, device, cp, device.records(0, 4)).status, 200);
        Reply r = server.admin("GET", "/v1/audit/export?device=" + device.id.toUtf8());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, device.records(0, 4).join('\n') + '\n');
        QVERIFY(QByteArray::fromBase64(r.header("X-Corral-Checkpoint")).startsWith(cp));

        // The SIEM formats come from the audit exporter; the JSON Lines export verifies
        // on its own against the device's key.
        Reply jsonl = server.admin("GET", "/v1/audit/export?format=jsonl&device=" + device.id.toUtf8());
        QCOMPARE(jsonl.status, 200);
        Result<audit::VerifyReport> report =
            audit::verifyExport(jsonl.body, {audit::verifierFor(kOrigin, device.key->publicKey())});
        QVERIFY2(report.ok() && report->ok(), qPrintable(report.ok() ? report->summary() : report.error().toString()));
        QCOMPARE(report->records, std::uint64_t(4));
        Reply cef = server.admin("GET", "/v1/audit/export?format=cef&device=" + device.id.toUtf8());
        QCOMPARE(cef.status, 200);
        QVERIFY(cef.body.startsWith("CEF:0|"));
        QCOMPARE(server.admin("GET", "/v1/audit/export?format=xml&device=" + device.id.toUtf8()).status, 400);
        QCOMPARE(server.admin("GET", "/v1/audit/export?device=dev-nope").status, 404);
    }

    void exportFilters()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        syncNotesAndModelCalls(server, device);
        const QByteArray base = "/v1/audit/export?format=jsonl&device=" + device.id.toUtf8();
        const auto types = [](const QByteArray& body) {
            QStringList out;
            for (const QByteArray& line : body.split('\n'))
                if (!line.isEmpty())
                    out += QJsonDocument::fromJson(line)
                               .object()
                               .value(QStringLiteral("event"))
                               .toObject()
                               .value(QStringLiteral("type"))
                               .toString();
            return out;
        };

        Reply byApp = server.admin("GET", base + "&app=sales-summarizer");
        QCOMPARE(byApp.status, 200);
        QCOMPARE(types(byApp.body), QStringList(3, QStringLiteral("model.called")));
        Reply byType = server.admin("GET", base + "&type=note");
        QCOMPARE(byType.status, 200);
        QCOMPARE(types(byType.body), QStringList(2, QStringLiteral("note")));
        Reply both = server.admin("GET", base + "&type=note&type=model.called");
        QCOMPARE(types(both.body).size(), 5);
        QCOMPARE(types(server.admin("GET", base + "&to=2000-01-01").body), QStringList());

        Reply badTime = server.admin("GET", base + "&from=yesterday");
        QCOMPARE(badTime.status, 400);
        QVERIFY2(badTime.body.contains("from: not an RFC 3339 time: yesterday"), badTime.body.constData());
        Reply recordsFiltered =
            server.admin("GET", "/v1/audit/export?format=records&app=x&device=" + device.id.toUtf8());
        QCOMPARE(recordsFiltered.status, 400);
        QVERIFY(recordsFiltered.body.contains("the records format is the whole log; it takes no filter"));
    }
};

QTEST_GUILESS_MAIN(TestWitness)
#include "TestWitness.moc"
