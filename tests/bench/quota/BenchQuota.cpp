// SPDX-License-Identifier: Apache-2.0
// Quota budgets: check-and-reserve median <= 1 us (in memory, four dimensions, default
// presets, a few hundred known apps and users); and, for scale, a durable settle and a
// refusal.
#include "quota/QuotaManager.h"

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>

using namespace corral;
using namespace corral::quota;

namespace {

QTemporaryDir& scratch()
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/bench-quota-XXXXXX"));
    return dir;
}

CostCalculator prices()
{
    CostCalculator c;
    c.setPrice(QStringLiteral("local-extractive"), {0, 0});
    c.setPrice(QStringLiteral("gpt-4o-plat-2026"), {0.0025, 0.01});
    c.setPrice(QStringLiteral("claude-sonnet-plat-2026"), {0.003, 0.015});
    c.setPrice(QStringLiteral("llama-3-8b-onprem"), {0.0002, 0.0002});
    return c;
}

CallRequest typicalCall(int app = 0)
{
    CallRequest r;
    r.user = QStringLiteral("alice@example.com");
    r.app = QStringLiteral("sales-summarizer-%1").arg(app);
    r.model = QStringLiteral("gpt-4o-plat-2026");
    r.stage = QStringLiteral("production");
    r.manifest.maxTokens = 1024;
    r.manifest.requestsPerMinute = 60;
    r.promptTokens = 1200;
    r.maxOutputTokens = 1024;
    return r;
}

// A manager on a fresh database with counters for 200 apps and 50 users, as an agent that
// has run for a while would hold. The clock moves 1 s per call, the default production rate.
struct Setup
{
    explicit Setup(bool fullSync = true)
    {
        static int run = 0;
        QuotaStore::Options options;
        options.fullSync = fullSync;
        store =
            std::move(QuotaStore::open(scratch().filePath(QStringLiteral("quota%1.db").arg(++run)), options).value());
        manager = std::move(
            QuotaManager::create(*store, clock, LocalCalendar(QTimeZone(3600)), QuotaPresets::defaults(), prices())
                .value());
        for (int i = 0; i < 200; ++i) {
            CallRequest r = typicalCall(i);
            r.user = QStringLiteral("user%1@example.com").arg(i % 50);
            (void)manager->reserve(r);
            clock.advance(1000);
        }
    }

    ManualClock clock;
    std::unique_ptr<QuotaStore> store;
    std::unique_ptr<QuotaManager> manager;
};

// One iteration: check every limit of the four dimensions and reserve, then release.
// Counters: the reserve call alone, timed per call (includes ~20-40 ns of clock reads).
void BM_CheckAndReserve(benchmark::State& state)
{
    Setup setup;
    const CallRequest request = typicalCall(7);
    std::vector<double> samples;
    samples.reserve(1 << 20);
    for (auto _ : state) {
        setup.clock.advance(1000);
        const auto start = std::chrono::steady_clock::now();
        Result<Reservation> r = setup.manager->reserve(request);
        const auto end = std::chrono::steady_clock::now();
        if (!r) {
            state.SkipWithError(qPrintable(r.error().toString()));
            break;
        }
        if (samples.size() < samples.capacity())
            samples.push_back(std::chrono::duration<double, std::nano>(end - start).count());
        r->release();
    }
    std::sort(samples.begin(), samples.end());
    if (!samples.empty()) {
        state.counters["reserve_median_ns"] = samples[samples.size() / 2];
        state.counters["reserve_p99_ns"] = samples[samples.size() * 99 / 100];
    }
}
BENCHMARK(BM_CheckAndReserve);

// The same on two threads sharing one manager (one mutex), each for its own app.
void BM_CheckAndReserveTwoThreads(benchmark::State& state)
{
    static std::unique_ptr<Setup> shared;
    if (state.thread_index() == 0)
        shared = std::make_unique<Setup>();
    CallRequest request = typicalCall(state.thread_index());
    request.manifest.requestsPerMinute.reset();
    for (auto _ : state) {
        shared->clock.advance(1000);
        Result<Reservation> r = shared->manager->reserve(request);
        if (!r) {
            state.SkipWithError(qPrintable(r.error().toString()));
            break;
        }
    }
}
BENCHMARK(BM_CheckAndReserveTwoThreads)->Threads(2);

// A refusal builds its message: slower, and rare.
void BM_ReserveRefused(benchmark::State& state)
{
    Setup setup;
    CallRequest request = typicalCall(3);
    request.promptTokens = 2'000'000; // above the production app's tokens_per_day
    for (auto _ : state) {
        Result<Reservation> r = setup.manager->reserve(request);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ReserveRefused);

void BM_AcquireRun(benchmark::State& state)
{
    Setup setup;
    RunRequest request{
        QStringLiteral("alice@example.com"), QStringLiteral("sales-summarizer-7"), QStringLiteral("production"), {}};
    for (auto _ : state) {
        Result<RunSlot> slot = setup.manager->acquireRun(request);
        benchmark::DoNotOptimize(slot);
    }
}
BENCHMARK(BM_AcquireRun);

// Reserve and settle: the settle is one SQLite transaction, durable when it returns.
void BM_ReserveAndSettle(benchmark::State& state)
{
    Setup setup(state.range(0) != 0);
    const CallRequest request = typicalCall(7);
    for (auto _ : state) {
        // Three minutes apart: 480 calls a day stay under the app's tokens_per_day.
        setup.clock.advance(180000);
        Result<Reservation> r = setup.manager->reserve(request);
        if (!r || !r->settle(1100, 300)) {
            state.SkipWithError("reserve or settle failed");
            break;
        }
    }
}
BENCHMARK(BM_ReserveAndSettle)->ArgName("fullsync")->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
