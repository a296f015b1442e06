// SPDX-License-Identifier: Apache-2.0
// Kills a process that is appending to the log with SIGKILL at random moments; after
// every round the log verifies, the crash is reported as a repair, and every seq the
// process saw acknowledged is in the log.
#include "AuditTestSupport.h"
#include "TestSupport.h"
#include "audit/AuditStore.h"
#include "audit/AuditVerifier.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using namespace corral;
using namespace corral::audit;

class TestAuditCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWritersLoseNothingAcknowledged();
};

void TestAuditCrash::killedWritersLoseNothingAcknowledged()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("audit.db"));
    QRandomGenerator random(20260115); // fixed seed: the same kill moments on every run
    std::set<std::uint64_t> acknowledged;
    constexpr int kRounds = 24;
    for (int round = 0; round < kRounds; ++round) {
        QProcess child;
        child.setProgram(QStringLiteral(AUDIT_CRASH_CHILD));
        child.setArguments({db});
        child.start();
        QVERIFY(child.waitForStarted());
        // Wait for the first acknowledgement so the kill lands mid-append, then a random while.
        QVERIFY(child.waitForReadyRead(10000));
        QThread::msleep(random.bounded(5, 120));
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QByteArray out = child.readAllStandardOutput();
        // Only complete lines were acknowledged; a torn last line was not.
        const QList<QByteArray> lines = out.left(out.lastIndexOf('\n') + 1).split('\n');
        int seen = 0;
        for (const QByteArray& line : lines) {
            if (line.isEmpty())
                continue;
            bool ok = false;
            acknowledged.insert(line.toULongLong(&ok));
            QVERIFY(ok);
            ++seen;
        }
        QVERIFY(seen > 0);

        Result<VerifyReport> report = verifyLog(db, {audit::test::trusted(), {}});
        QVERIFY(report.ok());
        QVERIFY2(report->ok(), qPrintable(report->failures.value(0).toLine()));
        QVERIFY2(report->records > *acknowledged.rbegin(),
                 qPrintable(QStringLiteral("acknowledged seq %1 missing from %2 records")
                                .arg(*acknowledged.rbegin())
                                .arg(report->records)));
        // verify passing means seqs 0..records-1 are all present, so every acknowledged
        // seq below `records` is in the log.
        // Each earlier crash was repaired on the next open and recorded as a repair.
        QCOMPARE(int(report->repairs.filter(QStringLiteral("interrupted session")).size()), round);
    }
    // A final clean open repairs the last crash and closes cleanly.
    {
        ManualClock clock;
        auto log = AuditLog::open(db, audit::test::deviceKey(), audit::test::options(&clock));
        QVERIFY(log.ok());
        QCOMPARE(int((*log)->repairs().filter(QStringLiteral("interrupted session")).size()), 1);
        QVERIFY((*log)->close().ok());
    }
    Result<VerifyReport> report = verifyLog(db, {audit::test::trusted(), {}});
    QVERIFY(report.ok() && report->ok());
    QCOMPARE(report->checkpoint->size, report->records);
    qInfo("%d rounds, %zu acknowledged appends, %llu records", kRounds, acknowledged.size(),
          static_cast<unsigned long long>(report->records));
}

QTEST_GUILESS_MAIN(TestAuditCrash)
#include "TestAuditCrash.moc"
