// SPDX-License-Identifier: Apache-2.0
// Several servers on one database: two stores appending for one device never both append
// (the loser gets witness.raced and nothing is duplicated or lost), a one-time enrollment
// token is taken once, and a long-poll on one server wakes for a change made on another.
// Runs on SQLite and, with CORRAL_TEST_DB=postgres, on PostgreSQL.
#include "ServerTestSupport.h"

#include <QThread>
#include <atomic>
#include <barrier>
#include <mutex>
#include <thread>

using namespace corral;
using namespace corral::server;
using namespace corral::server::test;

namespace {

const QString kOrigin = QStringLiteral("corral.test/desk-1");

// The records and checkpoints of a device log, ready to upload from any held size.
struct Log
{
    QList<QByteArray> records;
    QList<QPair<std::uint64_t, QByteArray>> checkpoints; // size, signed note

    // The upload that moves a server holding `held` records to the next checkpoint.
    QByteArray uploadFrom(std::uint64_t held) const
    {
        for (const auto& [size, note] : checkpoints) {
            if (size > held)
                return TestDevice::uploadBody(note, records.mid(qsizetype(held), qsizetype(size - held)));
        }
        return {};
    }
};

Log buildLog(TestDevice& device, int checkpoints, int perCheckpoint)
{
    Log log;
    for (int i = 0; i < checkpoints; ++i) {
        const QByteArray note = device.append(perCheckpoint, i % 2 ? QStringLiteral("sales-summarizer") : QString());
        log.checkpoints.append({device.log->size(), note});
    }
    log.records = device.records(0, device.log->size());
    return log;
}

} // namespace

class TestServerStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { CORRAL_REQUIRE_TEST_DATABASE(); }

    void cleanupTestCase() { TestDatabase::stop(); }

    void databaseLocations()
    {
        Result<DatabaseLocation> l = DatabaseLocation::parse(QStringLiteral("/srv/corral/server.db"));
        QVERIFY(l.ok());
        QCOMPARE(l->kind, DatabaseLocation::Kind::Sqlite);
        QCOMPARE(l->path, QStringLiteral("/srv/corral/server.db"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("sqlite:rel/server.db"))->path,
                 QStringLiteral("rel/server.db"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("sqlite:")).error().code, QStringLiteral("storage.url"));

        l = DatabaseLocation::parse(QStringLiteral("postgresql://corral:p%40ss%2Fw@db.example:6432/corral_prod"));
        QVERIFY(l.ok());
        QCOMPARE(l->kind, DatabaseLocation::Kind::Postgres);
        QCOMPARE(l->user, QStringLiteral("corral"));
        QCOMPARE(l->password, QStringLiteral("p@ss/w"));
        QCOMPARE(l->host, QStringLiteral("db.example"));
        QCOMPARE(l->port, 6432);
        QCOMPARE(l->database, QStringLiteral("corral_prod"));
        QCOMPARE(l->display(), QStringLiteral("postgres://corral@db.example:6432/corral_prod"));

        l = DatabaseLocation::parse(
            QStringLiteral("postgres://corral@/corral?host=/var/run/postgresql&port=5433&sslmode=disable"));
        QVERIFY(l.ok());
        QCOMPARE(l->host, QStringLiteral("/var/run/postgresql"));
        QCOMPARE(l->port, 5433);
        QCOMPARE(l->sslMode, QStringLiteral("disable"));
        QCOMPARE(l->display(), QStringLiteral("postgres://corral@/corral?host=/var/run/postgresql&port=5433"));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("postgres://db.example/corral"))->display(),
                 QStringLiteral("postgres://db.example/corral"));
    }

    void casLoserGetsRacedAndChangesNothing()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const Log log = buildLog(device, 2, 3);
        const QString database = ServerData::databaseFor(server.dir() + QStringLiteral("/data"));
        Result<ServerStore> other = ServerStore::open(database);
        QVERIFY2(other.ok(), qPrintable(other.ok() ? QString() : other.error().toString()));

        // Both servers read the device at size 0 and witness the same upload.
        Witness a(server.data->store(), server.data->witnessKey(), server.clock);
        Result<std::optional<Device>> before = other->device(device.id);
        QVERIFY(before.ok() && before->has_value());
        Result<IngestResult> first = a.ingest(device.id, log.uploadFrom(0));
        QVERIFY(first.ok());
        QCOMPARE(first->size, std::uint64_t(3));

        // The second one stores with the size it read: refused, nothing written.
        Device after = **before;
        after.size = 3;
        std::vector<QByteArrayView> views;
        for (qsizetype i = 0; i < 3; ++i)
            views.push_back(log.records.at(i));
        Result<void> lost = other->appendRecords(
            after, 0, views,
            {UsageDelta{QStringLiteral("u"), QStringLiteral("a"), QStringLiteral("m"), 1, 1.0, server.clock.nowMs()}},
            server.clock.nowMs());
        QVERIFY(!lost.ok());
        QCOMPARE(lost.error().code, QLatin1String(kAppendRaced));
        QCOMPARE(*other->recordCount(), 3);
        QCOMPARE((*other->device(device.id))->size, std::uint64_t(3));
        QCOMPARE(other->usage()->size(), 0);

        // Over HTTP the loser's answer is a 409 with the size to resend from, as for a gap.
        Witness b(*other, server.data->witnessKey(), server.clock);
        Result<IngestResult> next = b.ingest(device.id, log.uploadFrom(3));
        QVERIFY(next.ok());
        QCOMPARE(next->size, std::uint64_t(6));
        QCOMPARE(statusForError(QLatin1String(kAppendRaced)), 409);
        QCOMPARE(*server.data->store().records(device.id, 0, 100), log.records);
    }

    // Two servers take uploads for one device at the same time, each retrying after a lost
    // race as the agent does: every record is stored once, in order.
    void concurrentAppendsNeverDuplicateOrLose()
    {
        TestServer server;
        TestDevice device(server.dir(), kOrigin, 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        const Log log = buildLog(device, 60, 5);
        const std::uint64_t total = std::uint64_t(log.records.size());
        const QString database = ServerData::databaseFor(server.dir() + QStringLiteral("/data"));
        const crypto::NoteSigner key = server.data->witnessKey();
        const ManualClock& clock = server.clock;
        std::atomic<int> raced{0};
        std::atomic<int> accepted{0};
        QStringList failures;
        std::mutex failuresLock;

        // In rounds: both read the state, then both send the upload that follows it, as an
        // agent's retry reaching a second server while the first still works on it.
        std::barrier round(2);
        const auto fail = [&](const Error& e) {
            std::lock_guard lock(failuresLock);
            failures << e.toString();
            round.arrive_and_drop();
        };
        const auto serve = [&] {
            Result<ServerStore> store = ServerStore::open(database);
            if (!store)
                return fail(store.error());
            Witness witness(*store, key, clock);
            for (;;) {
                round.arrive_and_wait();
                Result<WitnessState> state = witness.state(device.id);
                if (!state)
                    return fail(state.error());
                if (state->size >= total) {
                    round.arrive_and_drop();
                    return;
                }
                const QByteArray upload = log.uploadFrom(state->size);
                round.arrive_and_wait();
                Result<IngestResult> r = witness.ingest(device.id, upload);
                if (r)
                    accepted += int(r->accepted);
                else if (r.error().code == QLatin1String(kAppendRaced))
                    ++raced;
                else
                    return fail(r.error());
            }
        };
        std::thread one(serve);
        std::thread two(serve);
        one.join();
        two.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(std::uint64_t(accepted.load()), total);
        QCOMPARE(*server.data->store().recordCount(), qint64(total));
        QCOMPARE(*server.data->store().records(device.id, 0, total + 10), log.records);
        QCOMPARE((*server.data->store().device(device.id))->size, total);
        // Usage counted once per model call: 30 checkpoints of 5 calls.
        QCOMPARE(server.data->store().usage()->first().calls, 150);
        qInfo("%d uploads lost a race", raced.load());
    }

    void enrollmentTokenIsTakenOnce()
    {
        TestServer server;
        const QString token = server.enrollToken();
        Result<ServerStore> other = ServerStore::open(ServerData::databaseFor(server.dir() + QStringLiteral("/data")));
        QVERIFY(other.ok());
        Device d;
        d.id = QStringLiteral("dev-one");
        d.publicKey = QByteArray(32, 'k');
        d.origin = kOrigin;
        QVERIFY(server.data->store().enroll(tokenHash(token.toUtf8()), d, server.clock.nowMs()).ok());
        d.id = QStringLiteral("dev-two");
        Result<void> second = other->enroll(tokenHash(token.toUtf8()), d, server.clock.nowMs());
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, QStringLiteral("enroll.token"));
        QCOMPARE(other->devices()->size(), 1);

        const QString expiring = server.enrollToken(1000);
        server.clock.advance(1000);
        Result<void> late = other->enroll(tokenHash(expiring.toUtf8()), d, server.clock.nowMs());
        QCOMPARE(late.error().code, QStringLiteral("enroll.expired"));
        // One bundle serial is published once.
        QVERIFY(server.data->store().addBundle(StoredBundle{4, "a", "s", 0, QStringLiteral("p")}).ok());
        Result<void> again = other->addBundle(StoredBundle{4, "b", "s", 0, QStringLiteral("q")});
        QCOMPARE(again.error().code, QStringLiteral("bundle.serial_not_newer"));
        QCOMPARE((*other->latestBundle())->archive, QByteArray("a"));
    }

    // The database server restarts under a running server: the statement that finds the
    // connection broken fails, the server reconnects, and long-polls hear other servers again.
    void reconnectsAfterTheDatabaseRestarts()
    {
        if (!TestDatabase::postgres())
            QSKIP("SQLite has no connection to lose");
        TestServer a;
        Result<std::unique_ptr<ServerData>> dataB = ServerData::open(a.dir() + QStringLiteral("/data"));
        QVERIFY(dataB.ok());
        ServerStore& b = (*dataB)->store();
        int heard = 0;
        QVERIFY(b.setChangeListener([&heard] { ++heard; }).ok());
        QVERIFY(b.recordCount().ok());

        QVERIFY(TestDatabase::cluster()->restart().ok());
        // Each store notices the lost connection at its next statement (that one fails, as
        // its request would) or, listening, within its 2 s check, and opens a new one.
        ServerStore& a2 = a.data->store();
        QTRY_VERIFY_WITH_TIMEOUT(b.recordCount().ok(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(a2.recordCount().ok(), 5000);
        const int before = heard;
        Result<std::int64_t> order =
            a2.addOrder(Order{0, 2, QStringLiteral("y"), {}, QStringLiteral("pause"), QStringLiteral("admin")});
        QVERIFY(order.ok());
        QTRY_VERIFY_WITH_TIMEOUT(heard > before, 2000);
        QCOMPARE(*b.lastOrderId(), *order);
        QVERIFY(b.setChangeListener({}).ok());
    }

    // Server B holds a long-poll; a bundle published, an order given and an approval
    // decided on server A answer it within the 2 s budget (PostgreSQL notifications).
    void longPollOnOneServerSeesChangesOnAnother()
    {
        if (!TestDatabase::postgres())
            QSKIP("several servers share a database only on PostgreSQL");
        TestServer a;
        Result<std::unique_ptr<ServerData>> dataB = ServerData::open(a.dir() + QStringLiteral("/data"));
        QVERIFY(dataB.ok());
        ServerApi b(**dataB, ApiOptions{}, a.clock);
        TestDevice device(a.dir(), kOrigin, 1, a.clock);
        QCOMPARE(device.enroll(a, a.enrollToken()).status, 201);

        const auto poll = [&](std::optional<ApiResponse>& answer) {
            Reply first = device.signedCall(a, "GET", "/v1/updates");
            QCOMPARE(first.status, 200);
            ApiRequest r;
            r.method = "GET";
            r.path = "/v1/updates";
            r.query = QUrlQuery(QStringLiteral("wait=30"));
            for (const auto& [n, v] : device.sign("GET", "/v1/updates", {}))
                r.headers.insert(n.toLower(), v);
            r.headers.insert("if-none-match", first.header("ETag"));
            b.handle(r, [&answer](const ApiResponse& response) { answer = response; });
            QCOMPARE(b.pendingPolls(), 1);
        };

        std::optional<ApiResponse> answer;
        poll(answer);
        QElapsedTimer t;
        t.start();
        QCOMPARE(a.admin("POST", "/v1/bundles", signedPublishBody(a, 7)).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 2000);
        QCOMPARE(answer->status, 200);
        QVERIFY(t.elapsed() < 2000);
        QCOMPARE(QJsonDocument::fromJson(answer->body)["bundle"]["serial"].toInt(), 7);

        answer.reset();
        poll(answer);
        QCOMPARE(a.admin("POST", "/v1/apps/sales-summarizer/pause").status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 2000);
        QCOMPARE(QJsonDocument::fromJson(answer->body)["paused"][0].toString(), QStringLiteral("sales-summarizer"));
    }
};

QTEST_GUILESS_MAIN(TestServerStore)
#include "TestServerStore.moc"
