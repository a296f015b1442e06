// SPDX-License-Identifier: Apache-2.0
// Each way of tampering with a real log file, and the exact kind and seq verification
// names for it; plus no false alarm on a clean log of 100,000 records.
#include "AuditTestSupport.h"
#include "TestCli.h"
#include "TestSupport.h"
#include "audit/AuditStore.h"
#include "audit/AuditVerifier.h"
#include "crypto/SignedNote.h"
#include "storage/SqliteDatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::audit;
using namespace corral::audit::test;

namespace {

constexpr int kRecords = 100;

QString text(int i)
{
    return QStringLiteral("note-%1").arg(i, 5, 10, QLatin1Char('0'));
}

// Appends records [from, to) with distinct texts; `salt` makes a different history.
void fill(const QString& db, int from, int to, const QString& salt = {})
{
    ManualClock clock;
    auto log = AuditLog::open(db, deviceKey(), options(&clock, 20));
    QVERIFY(log.ok());
    for (int i = from; i < to; ++i)
        QCOMPARE(*(*log)->append(events::note(text(i) + salt)), std::uint64_t(i));
    QVERIFY((*log)->close().ok());
}

QStringList findings(const QString& db, const QList<crypto::NoteVerifier>& keys = trusted())
{
    Result<VerifyReport> report = verifyLog(db, {keys, {}});
    if (!report)
        return {report.error().toString()};
    QStringList out;
    for (const Finding& f : report->failures)
        out.append(f.kind + QStringLiteral(" ") + QString::number(f.seq));
    return out;
}

bool sql(const QString& db, const char* statement)
{
    auto handle = storage::SqliteDatabase::open(db);
    return handle.ok() && handle->exec(statement).ok();
}

QByteArray resign(const QByteArray& note, const crypto::NoteSigner& signer)
{
    const QByteArray body = note.left(note.indexOf("\n\n") + 1);
    return *crypto::signNote(body, signer);
}

} // namespace

class TestAuditTamper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanLogVerifies();
    void editedBytesInTheFile();
    void editedLastRecord();
    void deletedRow();
    void reorderedRows();
    void duplicatedRow();
    void droppedTail();
    void droppedTailAndItsCheckpoints();
    void replacedDatabase();
    void corruptedCheckpointSignature();
    void resignedWithAnotherKey();
    void forkedHistory();
    void cliPrintsOneLinePerFailure();
    void tamperingAtHashingBoundaries_data();
    void tamperingAtHashingBoundaries();
    void rowWithAHugeSeq();
    void noFalseAlarmOnLargeCleanLog();

private:
    // A fresh copy of the pristine log (database, retained checkpoint, device key).
    QString copy(const QString& pristine = QStringLiteral("pristine"));

    QTemporaryDir m_dir;
    QString m_pristine;
    int m_copies = 0;
};

namespace {

// Records in the log that the boundary tests tamper with: verification hashes rows in
// blocks of 128 and reads them in chunks of 1024, so this spans several of each.
constexpr int kLongRecords = 5000;

// SQL that flips the first hex digit of record `seq`'s `prev`, keeping it 64 hex digits.
QByteArray flipPrev(int seq)
{
    return QStringLiteral("UPDATE records SET record = substr(record, 1, instr(record, '\"prev\":\"') + 7) || "
                          "CASE substr(record, instr(record, '\"prev\":\"') + 8, 1) WHEN 'a' THEN 'b' ELSE 'a' END "
                          "|| substr(record, instr(record, '\"prev\":\"') + 9) WHERE seq = %1")
        .arg(seq)
        .toUtf8();
}

// SQL that changes one character of record `seq`'s text, keeping it valid JSON.
QByteArray editText(int seq)
{
    return QStringLiteral("UPDATE records SET record = replace(record, 'note-%1', 'note-X%2') WHERE seq = %3")
        .arg(seq, 5, 10, QLatin1Char('0'))
        .arg(seq, 4, 10, QLatin1Char('0'))
        .arg(seq)
        .toUtf8();
}

} // namespace

void TestAuditTamper::initTestCase()
{
    m_pristine = m_dir.filePath(QStringLiteral("pristine/audit.db"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("pristine")));
    fill(m_pristine, 0, kRecords);

    QDir().mkpath(m_dir.filePath(QStringLiteral("long")));
    ManualClock clock;
    AuditLog::Options o = options(&clock, 1000);
    o.fullSync = false;
    auto log = AuditLog::open(m_dir.filePath(QStringLiteral("long/audit.db")), deviceKey(), o);
    QVERIFY(log.ok());
    std::vector<AuditEvent> batch;
    for (int i = 0; i < kLongRecords; ++i)
        batch.push_back(events::note(text(i)));
    QCOMPARE(*(*log)->appendBatch(batch), std::uint64_t(0));
    QVERIFY((*log)->close().ok());
}

QString TestAuditTamper::copy(const QString& pristine)
{
    const QString dir = m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies));
    QDir().mkpath(dir);
    for (const QString& name : QDir(m_dir.filePath(pristine)).entryList(QDir::Files))
        QFile::copy(m_dir.filePath(pristine + QLatin1Char('/') + name), dir + QLatin1Char('/') + name);
    return dir + QStringLiteral("/audit.db");
}

void TestAuditTamper::cleanLogVerifies()
{
    const QString db = copy();
    QCOMPARE(findings(db), QStringList());
    Result<VerifyReport> report = verifyLog(db, {trusted(), {}});
    QCOMPARE(report->records, std::uint64_t(kRecords));
    QCOMPARE(report->checkpoint->size, std::uint64_t(kRecords));
}

void TestAuditTamper::editedBytesInTheFile()
{
    const QString db = copy();
    QFile file(db);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    const qsizetype at = bytes.indexOf(text(42).toUtf8());
    QVERIFY(at > 0);
    bytes[at] = 'N'; // "note-00042" -> "Note-00042", same length, still valid JSON
    QVERIFY(file.seek(0));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    QCOMPARE(findings(db), QStringList{QStringLiteral("hash-mismatch 42")});
}

void TestAuditTamper::editedLastRecord()
{
    const QString db = copy();
    QVERIFY(sql(db, "UPDATE records SET record = replace(record, 'note-00099', 'note-99999') WHERE seq = 99"));
    QCOMPARE(findings(db), QStringList{QStringLiteral("hash-mismatch 99")});
}

void TestAuditTamper::deletedRow()
{
    const QString db = copy();
    QVERIFY(sql(db, "DELETE FROM records WHERE seq = 50"));
    QCOMPARE(findings(db), QStringList{QStringLiteral("gap 50")});
}

void TestAuditTamper::reorderedRows()
{
    const QString db = copy();
    QVERIFY(sql(db, "UPDATE records SET seq = -1 WHERE seq = 30;"
                    "UPDATE records SET seq = 30 WHERE seq = 31;"
                    "UPDATE records SET seq = 31 WHERE seq = -1;"));
    QCOMPARE(findings(db), (QStringList{QStringLiteral("reorder 30"), QStringLiteral("reorder 31")}));
}

void TestAuditTamper::duplicatedRow()
{
    const QString db = copy();
    QVERIFY(sql(db, "UPDATE records SET record = (SELECT record FROM records WHERE seq = 10) WHERE seq = 11"));
    QCOMPARE(findings(db), QStringList{QStringLiteral("duplicate 11")});
}

void TestAuditTamper::droppedTail()
{
    const QString db = copy();
    QVERIFY(sql(db, "DELETE FROM records WHERE seq >= 90"));
    QCOMPARE(findings(db), QStringList{QStringLiteral("truncated 90")});
}

void TestAuditTamper::droppedTailAndItsCheckpoints()
{
    // Only the retained checkpoint outside the database still knows about the tail.
    const QString db = copy();
    QVERIFY(sql(db, "DELETE FROM records WHERE seq >= 90; DELETE FROM checkpoints WHERE size > 90"));
    QCOMPARE(findings(db), QStringList{QStringLiteral("truncated 90")});
}

void TestAuditTamper::replacedDatabase()
{
    const QString db = copy();
    QVERIFY(QFile::remove(db));
    // A fresh log with the same key and the same number of records.
    const QString other = m_dir.filePath(QStringLiteral("fresh/audit.db"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("fresh")));
    fill(other, 0, kRecords);
    QVERIFY(QFile::copy(other, db));
    QCOMPARE(findings(db), QStringList{QStringLiteral("replaced 0")});
}

void TestAuditTamper::corruptedCheckpointSignature()
{
    const QString db = copy();
    Result<AuditStore> store = AuditStore::open(db);
    QVERIFY(store.ok());
    const Result<QList<StoredCheckpoint>> cps = store->checkpoints();
    const StoredCheckpoint last = cps->last();
    QByteArray note = last.note;
    // Past the key id (the first 4 bytes, 6 base64 characters): the signature proper.
    const qsizetype sig = note.lastIndexOf(' ') + 30;
    note[sig] = note[sig] == 'A' ? 'B' : 'A';
    Result<storage::SqliteStatement> st = store->database().prepare("UPDATE checkpoints SET note = ?1 WHERE id = ?2");
    st->bindBlob(1, note);
    st->bindInt64(2, last.id);
    QVERIFY(st->run().ok());
    QCOMPARE(findings(db), QStringList{QStringLiteral("bad-signature 99")});
}

void TestAuditTamper::resignedWithAnotherKey()
{
    const QString db = copy();
    const crypto::NoteSigner attacker(kOrigin, deviceKey(9));
    Result<AuditStore> store = AuditStore::open(db);
    const Result<QList<StoredCheckpoint>> cps = store->checkpoints();
    const StoredCheckpoint last = cps->last();
    Result<storage::SqliteStatement> st = store->database().prepare("UPDATE checkpoints SET note = ?1 WHERE id = ?2");
    st->bindBlob(1, resign(last.note, attacker));
    st->bindInt64(2, last.id);
    QVERIFY(st->run().ok());
    QCOMPARE(findings(db), QStringList{QStringLiteral("unknown-key 99")});
}

void TestAuditTamper::forkedHistory()
{
    // The device key signs two histories that share the first 50 records: the log on
    // disk continues one, the retained checkpoint (from the other) no longer matches it.
    const QString db = m_dir.filePath(QStringLiteral("fork/audit.db"));
    const QString other = m_dir.filePath(QStringLiteral("fork-other/audit.db"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("fork")));
    QDir().mkpath(m_dir.filePath(QStringLiteral("fork-other")));
    fill(db, 0, 50);
    QVERIFY(QFile::copy(db, other));
    QVERIFY(QFile::copy(retainedCheckpointPath(db), retainedCheckpointPath(other)));
    fill(db, 50, kRecords);
    fill(other, 50, kRecords, QStringLiteral("-other"));
    QVERIFY(QFile::remove(retainedCheckpointPath(db)));
    QVERIFY(QFile::copy(retainedCheckpointPath(other), retainedCheckpointPath(db)));
    QCOMPARE(findings(db), QStringList{QStringLiteral("fork 99")});
}

void TestAuditTamper::cliPrintsOneLinePerFailure()
{
    const QString db = copy();
    QVERIFY(sql(db, "DELETE FROM records WHERE seq = 50"));
    QVERIFY(sql(db, "UPDATE records SET record = replace(record, 'note-00070', 'note-77777') WHERE seq = 70"));
    const QString pub = m_dir.filePath(QStringLiteral("device.vkey"));
    QVERIFY(corral::test::writeFile(pub, trusted().first().toVerifierKey().toUtf8() + '\n'));
    const corral::test::CliOutput out = corral::test::runCli(
        {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), db, QStringLiteral("--pub"), pub});
    QCOMPARE(out.exitCode, 1);
    QCOMPARE(out.out, QStringLiteral("gap seq 50: record 50 is missing\n"
                                     "hash-mismatch seq 70: record 71 names a different previous hash\n"));
    const corral::test::CliOutput clean =
        corral::test::runCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), copy(),
                              QStringLiteral("--pub"), pub});
    QCOMPARE(clean.exitCode, 0);
    QVERIFY(clean.out.startsWith(QStringLiteral("ok: 100 records, checkpoint 100 ")));
}

void TestAuditTamper::tamperingAtHashingBoundaries_data()
{
    QTest::addColumn<QList<QByteArray>>("statements");
    QTest::addColumn<QStringList>("expected");
    // 127 and 1023 end a block and a chunk: the next record's link is checked in the
    // ordered walk; 1500 sits inside a block, where the hashing threads check it.
    QTest::newRow("edits") << QList<QByteArray>{editText(127), editText(1023), editText(1500), editText(4095)}
                           << QStringList{QStringLiteral("hash-mismatch 127"), QStringLiteral("hash-mismatch 1023"),
                                          QStringLiteral("hash-mismatch 1500"), QStringLiteral("hash-mismatch 4095")};
    // Record 1024's prev is checked in the walk, record 1025's against it in the block.
    QTest::newRow("prev at chunk start") << QList<QByteArray>{flipPrev(1024)}
                                         << QStringList{QStringLiteral("hash-mismatch 1024")};
    QTest::newRow("prev inside block") << QList<QByteArray>{flipPrev(1300)}
                                       << QStringList{QStringLiteral("hash-mismatch 1300")};
    QTest::newRow("first record's prev") << QList<QByteArray>{flipPrev(0)}
                                         << QStringList{QStringLiteral("hash-mismatch 0")};
    QTest::newRow("deleted chunk start") << QList<QByteArray>{"DELETE FROM records WHERE seq = 1024"}
                                         << QStringList{QStringLiteral("gap 1024")};
    QTest::newRow("swapped across chunks")
        << QList<QByteArray>{"UPDATE records SET seq = -1 WHERE seq = 1023; UPDATE records SET seq = 1023 WHERE seq = "
                             "1024; UPDATE records SET seq = 1024 WHERE seq = -1"}
        << QStringList{QStringLiteral("reorder 1023"), QStringLiteral("reorder 1024")};
    QTest::newRow("copied across chunks")
        << QList<
               QByteArray>{"UPDATE records SET record = (SELECT record FROM records WHERE seq = 1000) WHERE seq = 3000"}
        << QStringList{QStringLiteral("duplicate 3000")};
}

void TestAuditTamper::tamperingAtHashingBoundaries()
{
    QFETCH(QList<QByteArray>, statements);
    QFETCH(QStringList, expected);
    const QString db = copy(QStringLiteral("long"));
    QCOMPARE(findings(db), QStringList());
    for (const QByteArray& statement : statements)
        QVERIFY2(sql(db, statement.constData()), statement.constData());
    QCOMPARE(findings(db), expected);
}

void TestAuditTamper::rowWithAHugeSeq()
{
    // A row far beyond the end is a gap and a copy, reported without allocating for the
    // missing range.
    const QString db = copy(QStringLiteral("long"));
    QVERIFY(sql(db, "INSERT INTO records(seq, record) SELECT 1000000000000, record FROM records WHERE seq = 5"));
    QCOMPARE(findings(db), (QStringList{QStringLiteral("gap 5000"), QStringLiteral("duplicate 1000000000000")}));
}

void TestAuditTamper::noFalseAlarmOnLargeCleanLog()
{
    const QString db = m_dir.filePath(QStringLiteral("large/audit.db"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("large")));
    {
        ManualClock clock;
        AuditLog::Options o = options(&clock, 10000);
        o.fullSync = false;
        auto log = AuditLog::open(db, deviceKey(), o);
        QVERIFY(log.ok());
        std::vector<AuditEvent> batch;
        for (int b = 0; b < 100; ++b) {
            batch.clear();
            for (int i = 0; i < 1000; ++i)
                batch.push_back(events::actionDecided(QStringLiteral("app"), QStringLiteral("u"),
                                                      QStringLiteral("file.read"), QStringLiteral("/data/%1").arg(i),
                                                      Decision::Allow, {QStringLiteral("allowed by rule")}));
            QCOMPARE(*(*log)->appendBatch(batch), std::uint64_t(b * 1000));
        }
        QVERIFY((*log)->close().ok());
    }
    QElapsedTimer timer;
    timer.start();
    Result<VerifyReport> report = verifyLog(db, {trusted(), {}});
    qInfo("verified 100000 records in %lld ms", timer.elapsed());
    QVERIFY(report.ok());
    QCOMPARE(report->failures.size(), 0);
    QCOMPARE(report->records, std::uint64_t(100000));
    QCOMPARE(report->checkpoint->size, std::uint64_t(100000));
}

QTEST_GUILESS_MAIN(TestAuditTamper)
#include "TestAuditTamper.moc"
