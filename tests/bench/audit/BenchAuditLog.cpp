// SPDX-License-Identifier: Apache-2.0
// Audit log budgets: durable batched append (>= 100,000 records/s), full verification
// (>= 1,000,000 records/s), and the same rows inserted into plain SQLite in the same
// batches and with the same durability, for the overhead ratio.
#include "audit/AuditLog.h"
#include "audit/AuditRecord.h"
#include "audit/AuditStore.h"
#include "audit/AuditVerifier.h"
#include "audit/DeviceKey.h"
#include "crypto/SignedNote.h"
#include "storage/SqliteDatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <ctime>

using namespace corral;
using namespace corral::audit;

namespace {

const QString kOrigin = QStringLiteral("corral.local/bench/0123456789abcdef");

crypto::Ed25519KeyPair key()
{
    return crypto::Ed25519KeyPair::fromSeed(QByteArray(32, 3));
}

// A typical decision record: ~300 bytes once stamped.
AuditEvent event(int i)
{
    return events::actionDecided(QStringLiteral("sales-summarizer"), QStringLiteral("alice@example.com"),
                                 QStringLiteral("file.read"),
                                 QStringLiteral("/home/alice/reports/q%1.csv").arg(i % 1000), Decision::Allow,
                                 {QStringLiteral("reports folder is readable")});
}

QTemporaryDir& scratch()
{
    static QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-audit-XXXXXX"));
    return dir;
}

void BM_AuditAppendDurable(benchmark::State& state)
{
    const int batchSize = int(state.range(0));
    static int run = 0;
    const QString db = scratch().filePath(QStringLiteral("append%1.db").arg(++run));
    AuditLog::Options o;
    o.origin = kOrigin;
    o.timer = false;
    o.fullSync = true;
    auto log = AuditLog::open(db, key(), o);
    std::vector<AuditEvent> batch;
    for (int i = 0; i < batchSize; ++i)
        batch.push_back(event(i));
    for (auto _ : state) {
        if (!(*log)->appendBatch(batch))
            state.SkipWithError("append failed");
    }
    state.SetItemsProcessed(state.iterations() * batchSize);
}
BENCHMARK(BM_AuditAppendDurable)->Arg(100)->Arg(1000)->Arg(8192)->Unit(benchmark::kMillisecond)->UseRealTime();

// Many threads appending one record each at a time: the writer groups them.
void BM_AuditAppendConcurrent(benchmark::State& state)
{
    static int run = 0;
    static std::unique_ptr<AuditLog> shared;
    if (state.thread_index() == 0) {
        AuditLog::Options o;
        o.origin = kOrigin;
        o.timer = false;
        auto opened = AuditLog::open(scratch().filePath(QStringLiteral("concurrent%1.db").arg(++run)), key(), o);
        shared = std::move(opened.value());
    }
    const AuditEvent e = event(state.thread_index());
    for (auto _ : state) {
        if (!shared->append(e))
            state.SkipWithError("append failed");
    }
    state.SetItemsProcessed(state.iterations());
    if (state.thread_index() == 0)
        shared.reset();
}
BENCHMARK(BM_AuditAppendConcurrent)->Threads(64)->UseRealTime();

// The baseline: the same stamped rows, the same batches, the same table and pragmas.
void BM_SqlitePlainInsert(benchmark::State& state)
{
    const int batchSize = int(state.range(0));
    static int run = 0;
    storage::SqliteDatabase::Options options;
    options.pageSize = schema::kPageSize;
    auto db = storage::SqliteDatabase::open(scratch().filePath(QStringLiteral("plain%1.db").arg(++run)), options);
    (void)db->exec("CREATE TABLE records(seq INTEGER PRIMARY KEY, record BLOB NOT NULL)");
    auto insert = db->prepare("INSERT INTO records(seq, record) VALUES(?1, ?2)");
    std::vector<QByteArray> rows;
    const QByteArray origin = canonicalString(kOrigin);
    for (int i = 0; i < batchSize; ++i)
        rows.push_back(PreparedEvent::prepare(event(i))->stamp(std::uint64_t(i), 1768487000000, origin, genesisPrev()));
    std::int64_t seq = 0;
    for (auto _ : state) {
        auto tx = storage::SqliteTransaction::begin(*db);
        for (const QByteArray& row : rows) {
            insert->bindInt64(1, seq++);
            insert->bindBlob(2, row, false);
            (void)insert->run();
        }
        if (!tx->commit())
            state.SkipWithError("commit failed");
    }
    state.SetItemsProcessed(state.iterations() * batchSize);
}
BENCHMARK(BM_SqlitePlainInsert)->Arg(100)->Arg(1000)->Arg(8192)->Unit(benchmark::kMillisecond)->UseRealTime();

// Process CPU time of all threads, in seconds.
double processCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// Verification runs on two threads: besides the wall-clock rate, `per_cpu_s` reports records
// per second of CPU summed over all threads, which load on the machine distorts less.
void BM_AuditVerify(benchmark::State& state)
{
    const int records = int(state.range(0));
    const QString db = scratch().filePath(QStringLiteral("verify%1.db").arg(records));
    // Google Benchmark calls this function again for each iteration count it tries: the
    // log is built once.
    if (!QFileInfo::exists(db)) {
        AuditLog::Options o;
        o.origin = kOrigin;
        o.timer = false;
        o.fullSync = false;
        auto log = AuditLog::open(db, key(), o);
        std::vector<AuditEvent> batch;
        for (int i = 0; i < 1000; ++i)
            batch.push_back(event(i));
        for (int done = 0; done < records; done += 1000)
            (void)(*log)->appendBatch(batch);
    }
    const VerifyOptions options{{verifierFor(kOrigin, key().publicKey())}, {}};
    double cpu = 0;
    for (auto _ : state) {
        const double start = processCpuSeconds();
        Result<VerifyReport> report = verifyLog(db, options);
        cpu += processCpuSeconds() - start;
        if (!report || !report->ok() || report->records != std::uint64_t(records))
            state.SkipWithError("verification failed");
    }
    state.SetItemsProcessed(state.iterations() * records);
    state.counters["per_cpu_s"] = double(state.iterations()) * records / cpu;
}
BENCHMARK(BM_AuditVerify)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

} // namespace

BENCHMARK_MAIN();
