// SPDX-License-Identifier: Apache-2.0
#include "AuditTestSupport.h"
#include "TestSupport.h"
#include "audit/AuditRecord.h"
#include "audit/AuditStore.h"
#include "audit/AuditVerifier.h"
#include "audit/CanonicalJson.h"
#include "crypto/SignedNote.h"
#include "storage/SqliteDatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace corral;
using namespace corral::audit;
using namespace corral::audit::test;

class TestAuditLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordsAreCanonicalAndChained();
    void modelCalledCarriesSeedFields();
    void checkpointsEveryNRecordsOnTimerAndAtClose();
    void reopenContinuesTheChain();
    void concurrentAppendersAreBatched();
    void rejectsBadEventsWithoutWriting();
    void interruptedSessionIsRepaired();
    void refusesToAppendToAReplacedDatabase();
    void scanRecordRejectsMalformed();
    void newLogsUseLargePages();

private:
    QTemporaryDir m_dir;
};

void TestAuditLog::recordsAreCanonicalAndChained()
{
    const QString db = m_dir.filePath(QStringLiteral("chain.db"));
    ManualClock clock(1768487000123);
    {
        auto log = AuditLog::open(db, deviceKey(), options(&clock));
        QVERIFY2(log.ok(), qPrintable(log.ok() ? QString() : log.error().toString()));
        QCOMPARE(*(*log)->append(events::note(QStringLiteral("first"), QStringLiteral("ops"))), std::uint64_t(0));
        QCOMPARE(
            *(*log)->append(events::runStarted(QStringLiteral("app"), QStringLiteral("u@x"), QStringLiteral("r1"))),
            std::uint64_t(1));
        QVERIFY((*log)->close().ok());
    }
    Result<AuditStore> store = AuditStore::open(db);
    QVERIFY(store.ok());
    QList<QByteArray> records;
    QVERIFY(store->forEachRecord([&](std::uint64_t, QByteArrayView r) {
        records.append(r.toByteArray());
        return true;
    }));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0],
             QByteArray("{\"author\":\"ops\",\"origin\":\"corral.local/testhost/0123456789abcdef\",\"prev\":\"") +
                 genesisPrev() +
                 "\",\"seq\":0,\"text\":\"first\",\"ts\":\"2026-01-15T14:23:20.123Z\",\"type\":\"note\"}");
    // Stored bytes are already canonical, and record 1 points at record 0's leaf hash.
    QCOMPARE(*canonicalizeJson(records[1]), records[1]);
    const QJsonObject second = QJsonDocument::fromJson(records[1]).object();
    QCOMPARE(second.value(QStringLiteral("prev")).toString().toLatin1(), crypto::toBytes(leafHash(records[0])).toHex());
    QCOMPARE(second.value(QStringLiteral("type")).toString(), QStringLiteral("run.started"));

    Result<VerifyReport> report = verifyLog(db, {trusted(), {}});
    QVERIFY(report.ok());
    QVERIFY(report->ok());
    QCOMPARE(report->records, std::uint64_t(2));
    const Hash leaves[] = {leafHash(records[0]), leafHash(records[1])};
    QCOMPARE(report->summary(), QStringLiteral("ok: 2 records, checkpoint 2 ") +
                                    QString::fromLatin1(crypto::toBytes(rootOf(leaves, 2)).toBase64()));
}

void TestAuditLog::modelCalledCarriesSeedFields()
{
    const QJsonObject seed =
        QJsonDocument::fromJson(
            corral::test::readFile(corral::test::fixturePath(QStringLiteral("seed-audit-event.json"))))
            .object();
    QVERIFY(!seed.isEmpty());
    ModelCall call;
    call.timestampMs = 1768487000000;
    call.appId = QStringLiteral("sales-summarizer");
    call.userId = QStringLiteral("alice@example.com");
    call.model = QStringLiteral("gpt-4o-plat-2026");
    call.prompt = "Summarise Q4";
    call.response = "Revenue grew.";
    call.tokensUsed = 412;
    call.cost = 0.0212;
    const AuditEvent e = events::modelCalled(call);
    QCOMPARE(e.type, QStringLiteral("model.called"));
    for (auto it = seed.begin(); it != seed.end(); ++it)
        QVERIFY2(e.fields.contains(it.key()), qPrintable(it.key()));
    QCOMPARE(e.fields.value(QStringLiteral("prompt_hash")).toString(),
             QStringLiteral("sha256:") + QString::fromLatin1(crypto::sha256Bytes("Summarise Q4").toHex()));
    QCOMPARE(e.fields.value(QStringLiteral("response_hash")).toString(),
             QStringLiteral("sha256:") + QString::fromLatin1(crypto::sha256Bytes("Revenue grew.").toHex()));
    QCOMPARE(e.fields.value(QStringLiteral("tokens_used")).toInt(), 412);
    QCOMPARE(e.fields.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-01-15T14:23:20.000Z"));
}

void TestAuditLog::checkpointsEveryNRecordsOnTimerAndAtClose()
{
    const QString db = m_dir.filePath(QStringLiteral("cp.db"));
    ManualClock clock;
    AuditLog::Options o = options(&clock, 10);
    o.checkpointIntervalMs = 60000;
    auto log = AuditLog::open(db, deviceKey(), o);
    QVERIFY(log.ok());
    for (int i = 0; i < 25; ++i)
        QVERIFY((*log)->append(events::note(QString::number(i))).ok());
    auto sizes = [&] {
        Result<AuditStore> store = AuditStore::open(db);
        QList<std::uint64_t> out;
        const Result<QList<StoredCheckpoint>> cps = store->checkpoints();
        for (const StoredCheckpoint& c : *cps)
            out.append(peekCheckpoint(c.note)->size);
        return out;
    };
    // One when the log was created (size 0), then at 10 and 20.
    QCOMPARE(sizes(), (QList<std::uint64_t>{0, 10, 20}));
    (*log)->tick(); // interval not reached
    QCOMPARE(sizes().size(), 3);
    clock.advance(60000);
    (*log)->tick(); // timed, covers the 5 newer records
    QCOMPARE(sizes(), (QList<std::uint64_t>{0, 10, 20, 25}));
    clock.advance(60000);
    (*log)->tick(); // idle: still a fresh signed checkpoint
    QCOMPARE(sizes(), (QList<std::uint64_t>{0, 10, 20, 25, 25}));
    QVERIFY((*log)->close().ok());
    QCOMPARE(sizes(), (QList<std::uint64_t>{0, 10, 20, 25, 25, 25}));

    // The note verifies with the device key and carries the time as an extension line.
    Result<Checkpoint> latest = openCheckpoint((*log)->latestCheckpoint(), trusted());
    QVERIFY(latest.ok());
    QCOMPARE(latest->origin, kOrigin);
    QCOMPARE(latest->size, std::uint64_t(25));
    QCOMPARE(latest->extensions, QStringList{QStringLiteral("time 2026-01-01T00:02:00.000Z")});
    // And the retained copy next to the database is the same note.
    Result<RetainedCheckpoint> retained = readRetainedCheckpoint(retainedCheckpointPath(db));
    QVERIFY(retained.ok());
    QCOMPARE(retained->note, (*log)->latestCheckpoint());
    QCOMPARE(retained->logId, (*log)->logId());
}

void TestAuditLog::reopenContinuesTheChain()
{
    const QString db = m_dir.filePath(QStringLiteral("reopen.db"));
    ManualClock clock;
    for (int round = 0; round < 3; ++round) {
        auto log = AuditLog::open(db, deviceKey(), options(&clock, 7));
        QVERIFY(log.ok());
        QVERIFY((*log)->repairs().isEmpty());
        for (int i = 0; i < 10; ++i)
            QCOMPARE(*(*log)->append(events::note(QString::number(i))), std::uint64_t(round * 10 + i));
    }
    Result<VerifyReport> report = verifyLog(db, {trusted(), {}});
    QVERIFY(report.ok());
    QVERIFY2(report->ok(), qPrintable(report->failures.value(0).toLine()));
    QCOMPARE(report->records, std::uint64_t(30));
    QCOMPARE(report->checkpoint->size, std::uint64_t(30));
}

void TestAuditLog::concurrentAppendersAreBatched()
{
    const QString db = m_dir.filePath(QStringLiteral("concurrent.db"));
    auto log = AuditLog::open(db, deviceKey(), options(&Clock::system(), 100));
    QVERIFY(log.ok());
    constexpr int kThreads = 4;
    constexpr int kEach = 300;
    std::vector<std::vector<std::uint64_t>> seqs(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                Result<std::uint64_t> seq = (*log)->append(events::note(QStringLiteral("%1/%2").arg(t).arg(i)));
                if (seq)
                    seqs[t].push_back(*seq);
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    std::vector<std::uint64_t> all;
    for (const auto& s : seqs) {
        QCOMPARE(int(s.size()), kEach);
        QVERIFY(std::is_sorted(s.begin(), s.end()));
        all.insert(all.end(), s.begin(), s.end());
    }
    std::sort(all.begin(), all.end());
    for (std::size_t i = 0; i < all.size(); ++i)
        QCOMPARE(all[i], std::uint64_t(i));
    QVERIFY((*log)->close().ok());
    Result<VerifyReport> report = verifyLog(db, {trusted(), {}});
    QVERIFY(report.ok() && report->ok());
    QCOMPARE(report->records, std::uint64_t(kThreads * kEach));
}

void TestAuditLog::rejectsBadEventsWithoutWriting()
{
    const QString db = m_dir.filePath(QStringLiteral("bad.db"));
    ManualClock clock;
    auto log = AuditLog::open(db, deviceKey(), options(&clock));
    QVERIFY(log.ok());
    QVERIFY((*log)->append(events::note(QStringLiteral("ok"))).ok());
    AuditEvent reserved = events::note(QStringLiteral("x"));
    reserved.fields.insert(QStringLiteral("seq"), 99);
    Result<std::uint64_t> r = (*log)->append(reserved);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("audit.event"));
    QCOMPARE(r.error().message, QStringLiteral("field \"seq\" is set by the log and cannot be part of an event"));
    Result<std::uint64_t> untyped = (*log)->append(AuditEvent{});
    QCOMPARE(untyped.error().code, QStringLiteral("audit.event"));
    AuditEvent nan = events::note(QStringLiteral("x"));
    nan.fields.insert(QStringLiteral("value"), std::numeric_limits<double>::quiet_NaN());
    QCOMPARE((*log)->append(nan).error().code, QStringLiteral("jcs.number"));
    QCOMPARE((*log)->size(), std::uint64_t(1));
    QCOMPARE(*(*log)->append(events::note(QStringLiteral("next"))), std::uint64_t(1));
}

void TestAuditLog::interruptedSessionIsRepaired()
{
    const QString db = m_dir.filePath(QStringLiteral("crash.db"));
    ManualClock clock;
    {
        auto log = AuditLog::open(db, deviceKey(), options(&clock, 1000));
        QVERIFY(log.ok());
        for (int i = 0; i < 5; ++i)
            QVERIFY((*log)->append(events::note(QString::number(i))).ok());
        QVERIFY((*log)->close().ok());
    }
    // What a crash leaves: the state still "open", records past the last checkpoint, and
    // a half-written retained checkpoint.
    {
        auto db2 = storage::SqliteDatabase::open(db);
        QVERIFY(db2.ok());
        QVERIFY(db2->exec("UPDATE meta SET value = 'open' WHERE key = 'state'").ok());
    }
    QVERIFY(corral::test::writeFile(retainedCheckpointPath(db) + QStringLiteral(".tmp"), "{\"log_"));
    auto log = AuditLog::open(db, deviceKey(), options(&clock, 1000));
    QVERIFY(log.ok());
    QCOMPARE((*log)->repairs().size(), 2);
    QCOMPARE((*log)->repairs().at(0), QStringLiteral("removed a half-written retained checkpoint"));
    QVERIFY((*log)->repairs().at(1).startsWith(QStringLiteral("recovered after an interrupted session: 5 records")));
    QVERIFY(!QFile::exists(retainedCheckpointPath(db) + QStringLiteral(".tmp")));
    QVERIFY((*log)->close().ok());
    Result<VerifyReport> report = verifyLog(db, {trusted(), {}});
    QVERIFY(report.ok() && report->ok());
    QCOMPARE(report->repairs.size(), 2);
}

void TestAuditLog::refusesToAppendToAReplacedDatabase()
{
    const QString db = m_dir.filePath(QStringLiteral("replaced.db"));
    ManualClock clock;
    {
        auto log = AuditLog::open(db, deviceKey(), options(&clock));
        QVERIFY(log.ok());
        QVERIFY((*log)->append(events::note(QStringLiteral("x"))).ok());
    }
    QVERIFY(QFile::remove(db));
    auto log = AuditLog::open(db, deviceKey(), options(&clock));
    QVERIFY(!log.ok());
    QCOMPARE(log.error().code, QStringLiteral("audit.replaced"));
}

void TestAuditLog::scanRecordRejectsMalformed()
{
    Result<RecordHeader> h =
        scanRecord(R"({"a":{"x":[1,"}"]},"origin":"o","prev":"00","seq":12,"ts":"t","type":"note"})");
    QVERIFY(h.ok());
    QCOMPARE(h->seq, std::uint64_t(12));
    QCOMPARE(h->type, QByteArrayView("note"));
    // Escaped quotes and backslashes, and records longer than the scanner indexes at once.
    Result<RecordHeader> escaped =
        scanRecord(R"({"a":"x\"y\\","origin":"o","prev":"ab\"","seq":3,"ts":"t","type":"n\\"})");
    QVERIFY(escaped.ok());
    QCOMPARE(escaped->seq, std::uint64_t(3));
    QCOMPARE(escaped->prev, QByteArrayView(R"(ab\")"));
    QCOMPARE(escaped->type, QByteArrayView(R"(n\\)"));
    const QByteArray longRecord =
        R"({"a":")" + QByteArray(5000, 'x') + R"(","origin":"o","prev":"00","seq":4,"ts":"t","type":"n"})";
    QCOMPARE(scanRecord(longRecord)->seq, std::uint64_t(4));
    QVERIFY(!scanRecord(R"({"a":"x\","origin":"o","prev":"00","seq":4,"ts":"t","type":"n"})").ok());
    for (const char* bad :
         {"", "[]", "{\"seq\":1}", "{\"origin\":\"o\",\"prev\":\"0\",\"seq\":-1,\"ts\":\"t\",\"type\":\"n\"}",
          "{\"origin\":\"o\",\"prev\":\"0\",\"seq\":01,\"ts\":\"t\",\"type\":\"n\"}",
          "{\"origin\":\"o\",\"prev\":\"0\",\"seq\":1,\"ts\":\"t\",\"type\":\"n\"}x"}) {
        Result<RecordHeader> r = scanRecord(QByteArray(bad));
        QVERIFY2(!r.ok(), bad);
        QCOMPARE(r.error().code, QStringLiteral("audit.record"));
    }
}

void TestAuditLog::newLogsUseLargePages()
{
    const QString db = m_dir.filePath(QStringLiteral("pages.db"));
    ManualClock clock;
    {
        auto log = AuditLog::open(db, deviceKey(), options(&clock));
        QVERIFY(log.ok());
        QVERIFY((*log)->append(events::note(QStringLiteral("x"))).ok());
        QVERIFY((*log)->close().ok());
    }
    auto handle = storage::SqliteDatabase::open(db);
    QVERIFY(handle.ok());
    QCOMPARE(*handle->queryInt64("PRAGMA page_size"), std::int64_t(schema::kPageSize));
    // An existing database keeps its page size whatever a later open asks for.
    storage::SqliteDatabase::Options other;
    other.pageSize = 4096;
    auto reopened = storage::SqliteDatabase::open(db, other);
    QVERIFY(reopened.ok());
    QCOMPARE(*reopened->queryInt64("PRAGMA page_size"), std::int64_t(schema::kPageSize));
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
