// SPDX-License-Identifier: Apache-2.0
// The quota tables: schema versioning next to other tables, usage sums, counter state,
// paused apps, and what survives a reopen and a crash.
#include "QuotaTestSupport.h"
#include "quota/QuotaStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::quota;

namespace {

UsageRow usage(DayKey day, const char* app, std::int64_t in, std::int64_t out, Nanos cost)
{
    return UsageRow{day,
                    QStringLiteral("alice"),
                    QString::fromLatin1(app),
                    QStringLiteral("gpt"),
                    QStringLiteral("development"),
                    1,
                    in,
                    out,
                    cost};
}

} // namespace

class TestQuotaStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsVersionedTablesBesideOthers();
    void refusesNewerSchema();
    void sumsUsagePerDayAndKeys();
    void countersRoundTrip();
    void pausedApps();
    void settledUsageSurvivesCrash();
};

void TestQuotaStore::createsVersionedTablesBesideOthers()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.db"));
    {
        auto db = storage::SqliteDatabase::open(path);
        QVERIFY(db.ok());
        QVERIFY(db->exec("CREATE TABLE apps(name TEXT PRIMARY KEY); INSERT INTO apps VALUES('sales')").ok());
    }
    {
        auto store = QuotaStore::open(path);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().toString()));
    }
    auto db = storage::SqliteDatabase::open(path);
    QCOMPARE(*db->queryInt64("SELECT COUNT(*) FROM apps"), 1);
    QCOMPARE(*db->queryInt64("SELECT CAST(value AS INTEGER) FROM quota_meta WHERE key = 'schema_version'"),
             QuotaStore::kSchemaVersion);
    QCOMPARE(*db->queryInt64("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'quota_%' AND type = 'table'"), 4);
    // Opening again keeps what is there.
    QVERIFY((*QuotaStore::open(path))->recordUsage(usage(20260101, "sales", 1, 2, 3), {}).ok());
    QVERIFY(QuotaStore::open(path).ok());
    QCOMPARE(*db->queryInt64("SELECT COUNT(*) FROM quota_usage"), 1);
}

void TestQuotaStore::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.db"));
    QVERIFY(QuotaStore::open(path).ok());
    {
        auto db = storage::SqliteDatabase::open(path);
        QVERIFY(db->exec("UPDATE quota_meta SET value = '2' WHERE key = 'schema_version'").ok());
    }
    auto store = QuotaStore::open(path);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, QStringLiteral("quota.schema"));
    QCOMPARE(store.error().message,
             QStringLiteral("%1 holds quota tables of schema version 2; this version reads up to 1").arg(path));
}

void TestQuotaStore::sumsUsagePerDayAndKeys()
{
    QTemporaryDir dir;
    auto store = QuotaStore::open(dir.filePath(QStringLiteral("agent.db")));
    QVERIFY(store.ok());
    QVERIFY((*store)->recordUsage(usage(20260101, "sales", 100, 20, 1000), {}).ok());
    QVERIFY((*store)->recordUsage(usage(20260101, "sales", 50, 5, 500), {}).ok());
    QVERIFY((*store)->recordUsage(usage(20260102, "sales", 7, 3, 10), {}).ok());
    QVERIFY((*store)->recordUsage(usage(20260102, "triage", 1, 1, 1), {}).ok());
    Result<std::vector<UsageRow>> rows = (*store)->usageSince(20260101);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), std::size_t(3));
    const UsageRow& first = rows->at(0);
    QCOMPARE(first.day, 20260101);
    QCOMPARE(first.app, QStringLiteral("sales"));
    QCOMPARE(first.requests, 2);
    QCOMPARE(first.inputTokens, 150);
    QCOMPARE(first.outputTokens, 25);
    QCOMPARE(first.cost, Nanos(1500));
    QCOMPARE((*store)->usageSince(20260102)->size(), std::size_t(2));
    QCOMPARE((*store)->usageSince(20260103)->size(), std::size_t(0));
}

void TestQuotaStore::countersRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.db"));
    Limits limits;
    limits.requestsPerMinute = 30;
    limits.requestsBurst = 5;
    limits.tokensPerDay = 1000;
    limits.softRatio = 0.75;
    {
        auto store = QuotaStore::open(path);
        QVERIFY((*store)
                    ->recordUsage(usage(20260101, "sales", 1, 1, 1),
                                  {{Dimension::App, QStringLiteral("sales"), 123456789, limits},
                                   {Dimension::User, QStringLiteral("alice"), 42, std::nullopt}})
                    .ok());
    }
    auto store = QuotaStore::open(path);
    Result<std::vector<CounterRow>> rows = (*store)->counters();
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), std::size_t(2));
    for (const CounterRow& row : *rows) {
        if (row.dimension == Dimension::App) {
            QCOMPARE(row.key, QStringLiteral("sales"));
            QCOMPARE(row.rateTatUs, 123456789);
            QVERIFY(row.limits);
            QCOMPARE(*row.limits, limits); // unlimited values come back unlimited
        } else {
            QVERIFY(row.dimension == Dimension::User);
            QCOMPARE(row.rateTatUs, 42);
            QVERIFY(!row.limits);
        }
    }
}

void TestQuotaStore::pausedApps()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.db"));
    {
        auto store = QuotaStore::open(path);
        QVERIFY((*store)
                    ->setPaused({QStringLiteral("sales"), QStringLiteral("denials"), QStringLiteral("5 denials"), 7})
                    .ok());
        QVERIFY(
            (*store)->setPaused({QStringLiteral("triage"), QStringLiteral("manual"), QStringLiteral("admin"), 8}).ok());
        QCOMPARE(*(*store)->clearPaused(QStringLiteral("triage")), true);
        QCOMPARE(*(*store)->clearPaused(QStringLiteral("triage")), false);
    }
    auto store = QuotaStore::open(path);
    Result<std::vector<PausedApp>> paused = (*store)->pausedApps();
    QCOMPARE(paused->size(), std::size_t(1));
    QCOMPARE(paused->at(0).app, QStringLiteral("sales"));
    QCOMPARE(paused->at(0).rule, QStringLiteral("denials"));
    QCOMPARE(paused->at(0).reason, QStringLiteral("5 denials"));
    QCOMPARE(paused->at(0).pausedAtMs, 7);
}

void TestQuotaStore::settledUsageSurvivesCrash()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.db"));
    const QString crashed = dir.filePath(QStringLiteral("crashed.db"));
    auto store = QuotaStore::open(path);
    QVERIFY(store.ok());
    for (int i = 0; i < 10; ++i)
        QVERIFY((*store)->recordUsage(usage(20260101, "sales", 10, 1, 5), {}).ok());
    // The store is still open: the copy has no clean close and an un-checkpointed WAL.
    QVERIFY(test::copyCrashImage(path, crashed));
    auto reopened = QuotaStore::open(crashed);
    QVERIFY(reopened.ok());
    Result<std::vector<UsageRow>> rows = (*reopened)->usageSince(0);
    QCOMPARE(rows->size(), std::size_t(1));
    QCOMPARE(rows->at(0).requests, 10);
    QCOMPARE(rows->at(0).inputTokens, 100);
    QCOMPARE(rows->at(0).cost, Nanos(50));
}

QTEST_GUILESS_MAIN(TestQuotaStore)
#include "TestQuotaStore.moc"
