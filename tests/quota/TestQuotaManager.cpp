// SPDX-License-Identifier: Apache-2.0
// Check-and-reserve, settle and release: request rate (GCRA) on a manual clock, soft and hard
// limits with their exact messages, manifest limits, local day and month resets, usage that
// survives a reopen and a crash, and threads that never get past a hard limit together.
#include "QuotaTestSupport.h"
#include "quota/QuotaManager.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace corral;
using namespace corral::quota;
using test::utcMs;

namespace {

constexpr char kPresets[] = R"({"quotas": {
  "development": {"requests_per_minute": 30, "tokens_per_day": 2000, "cost_per_month_usd": 1,
                  "concurrent_runs": 2, "max_tokens_per_call": 1000,
                  "user": {"tokens_per_day": 5000, "concurrent_runs": 4},
                  "stage": {"concurrent_runs": 3}},
  "rate": {"requests_per_minute": 6, "requests_burst": 2},
  "bulk": {"tokens_per_day": 2000, "concurrent_runs": 3}
}})";

QuotaPresets presets()
{
    return QuotaPresets::parse(kPresets, QStringLiteral("test")).value();
}

CostCalculator prices()
{
    CostCalculator c;
    c.setPrice(QStringLiteral("gpt"), {0.01, 0.03});  // 10,000 and 30,000 nano-dollars a token
    c.setPrice(QStringLiteral("pricey"), {1.0, 2.0}); // 1 and 2 milli-dollars a token
    return c;
}

CallRequest call(std::int64_t prompt, std::int64_t maxOutput, const char* stage = "development",
                 const char* model = "gpt")
{
    CallRequest r;
    r.user = QStringLiteral("alice");
    r.app = QStringLiteral("sales");
    r.model = QString::fromLatin1(model);
    r.stage = QString::fromLatin1(stage);
    r.promptTokens = prompt;
    r.maxOutputTokens = maxOutput;
    return r;
}

RunRequest run(const char* app = "sales", const char* stage = "development")
{
    return RunRequest{QStringLiteral("alice"), QString::fromLatin1(app), QString::fromLatin1(stage), {}};
}

// A store and manager on a temporary database, in UTC+1, with a clock the test moves.
struct Fixture
{
    explicit Fixture(qint64 startMs = utcMs("2026-01-15T10:00:00"), bool fullSync = true)
        : clock(startMs), calendar(QTimeZone(3600)), fullSync(fullSync)
    {
        path = dir.filePath(QStringLiteral("agent.db"));
        open(path);
    }

    void open(const QString& dbPath)
    {
        manager.reset();
        store.reset();
        QuotaStore::Options options;
        options.fullSync = fullSync;
        store = std::move(QuotaStore::open(dbPath, options).value());
        manager = std::move(QuotaManager::create(*store, clock, calendar, presets(), prices()).value());
    }

    std::int64_t remaining(const CallRequest& r = call(0, 0)) { return manager->remainingTokens(r).value(); }

    QTemporaryDir dir;
    QString path;
    ManualClock clock;
    LocalCalendar calendar;
    bool fullSync;
    std::unique_ptr<QuotaStore> store;
    std::unique_ptr<QuotaManager> manager;
};

QString errorOf(const Result<Reservation>& r)
{
    return r.ok() ? QStringLiteral("(reserved)") : r.error().toString();
}

} // namespace

class TestQuotaManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestRateFollowsGcra();
    void requestRateSoftLimit();
    void softAndHardTokenLimits();
    void hardCostLimit();
    void maxTokensAndManifestLimits();
    void settleAndRelease();
    void badRequests();
    void concurrentRunsSoftAndHard();
    void dayResetsAtLocalMidnight();
    void monthResetsOnLocalFirst();
    void clockMovedBackReadsTheStore();
    void usagePersistsAcrossReopen();
    void crashKeepsSettledUsage();
    void killedProcessKeepsSettledUsage();
    void threadsNeverPassTheHardLimit();
    void threadsNeverPassConcurrentRuns();
    void usageSummary();
};

void TestQuotaManager::requestRateFollowsGcra()
{
    Fixture f;
    // 6 a minute: one every 10 s, at most 2 at once.
    QVERIFY(f.manager->reserve(call(1, 0, "rate")).ok());
    QVERIFY(f.manager->reserve(call(1, 0, "rate")).ok());
    QuotaRefusal refusal;
    Result<Reservation> third = f.manager->reserve(call(1, 0, "rate"), &refusal);
    QVERIFY(!third.ok());
    QCOMPARE(third.error().code, QStringLiteral("quota.exceeded"));
    QCOMPARE(third.error().message,
             QStringLiteral("quota exceeded: app \"sales\" reached its requests_per_minute limit of 6; retry in 10 s"));
    QVERIFY(refusal.dimension == Dimension::App);
    QVERIFY(refusal.limit == LimitKind::RequestsPerMinute);
    QCOMPARE(refusal.retryAfterMs, 10000);
    QCOMPARE(refusal.used, 2);

    f.clock.advance(9999);
    QuotaRefusal almost;
    QVERIFY(!f.manager->reserve(call(1, 0, "rate"), &almost).ok());
    QCOMPARE(almost.retryAfterMs, 1);
    f.clock.advance(1);
    QVERIFY(f.manager->reserve(call(1, 0, "rate")).ok());
    QVERIFY(!f.manager->reserve(call(1, 0, "rate")).ok());
    // A quiet 20 s refills the burst of 2, not more.
    f.clock.advance(30000);
    QVERIFY(f.manager->reserve(call(1, 0, "rate")).ok());
    QVERIFY(f.manager->reserve(call(1, 0, "rate")).ok());
    QVERIFY(!f.manager->reserve(call(1, 0, "rate")).ok());
    // The clock moved back an hour: the window waits one interval, not the hour.
    f.clock.advance(-3600 * 1000);
    QuotaRefusal back;
    QVERIFY(!f.manager->reserve(call(1, 0, "rate"), &back).ok());
    QCOMPARE(back.retryAfterMs, 10000);
    QCOMPARE(back.used, 2);
    f.clock.advance(10000);
    QVERIFY(f.manager->reserve(call(1, 0, "rate")).ok());
}

void TestQuotaManager::requestRateSoftLimit()
{
    Fixture f;
    // Development apps: 30 a minute, all at once after a quiet spell; soft at 24.
    for (int i = 1; i < 24; ++i) {
        Result<Reservation> r = f.manager->reserve(call(1, 0));
        QVERIFY(r.ok());
        QVERIFY(r->warnings().empty());
    }
    Result<Reservation> r = f.manager->reserve(call(1, 0));
    QVERIFY(r.ok());
    QCOMPARE(r->warnings().size(), std::size_t(1));
    QCOMPARE(r->warnings().front().message(),
             QStringLiteral("app \"sales\" requests_per_minute at 24 of 30 (soft limit 24)"));
    QVERIFY(r->warnings().front().crossed);
}

void TestQuotaManager::softAndHardTokenLimits()
{
    Fixture f;
    // App: 2000 tokens a day, soft at 80% = 1600.
    Result<Reservation> first = f.manager->reserve(call(1000, 500));
    QVERIFY(first.ok());
    QVERIFY(first->warnings().empty());
    QCOMPARE(first->reservedTokens(), 1500);
    QVERIFY(first->settle(1000, 400).ok());

    Result<Reservation> second = f.manager->reserve(call(100, 100));
    QVERIFY(second.ok());
    QCOMPARE(second->warnings().size(), std::size_t(1));
    const QuotaWarning& w = second->warnings().front();
    QVERIFY(w.dimension == Dimension::App);
    QVERIFY(w.limit == LimitKind::TokensPerDay);
    QCOMPARE(w.used, 1600);
    QCOMPARE(w.soft, 1600);
    QCOMPARE(w.hard, 2000);
    QVERIFY(w.crossed);
    QCOMPARE(w.message(), QStringLiteral("app \"sales\" tokens_per_day at 1600 of 2000 (soft limit 1600)"));

    QuotaRefusal refusal;
    Result<Reservation> third = f.manager->reserve(call(300, 200), &refusal);
    QCOMPARE(errorOf(third), QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" tokens_per_day limit is "
                                            "2000; 1600 used or reserved today, this call needs 500"));
    QVERIFY(refusal.dimension == Dimension::App);
    QCOMPARE(refusal.key, QStringLiteral("sales"));
    QCOMPARE(refusal.used, 1600);
    QCOMPARE(refusal.requested, 500);
    QCOMPARE(refusal.hard, 2000);
    // The refusal reserved nothing.
    QCOMPARE(f.remaining(), 400);
    // Exactly up to the limit passes, and warns again without crossing.
    Result<Reservation> fourth = f.manager->reserve(call(300, 100));
    QVERIFY(fourth.ok());
    QCOMPARE(fourth->warnings().size(), std::size_t(1));
    QVERIFY(!fourth->warnings().front().crossed);
    QCOMPARE(f.remaining(), 0);
}

void TestQuotaManager::hardCostLimit()
{
    Fixture f;
    // 1 USD a month; "pricey" costs 1 milli-dollar per input token, 2 per output token.
    Result<Reservation> first = f.manager->reserve(call(300, 100, "development", "pricey"));
    QVERIFY(first.ok());
    QCOMPARE(first->reservedCost(), Nanos(500'000'000));
    Result<SettledCall> settled = first->settle(300, 50);
    QVERIFY(settled.ok());
    QCOMPARE(settled->cost, Nanos(400'000'000));
    QCOMPARE(settled->inputTokens, 300);
    QCOMPARE(settled->outputTokens, 50);

    Result<Reservation> second = f.manager->reserve(call(300, 200, "development", "pricey"));
    QCOMPARE(errorOf(second),
             QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" cost_per_month limit is 1.00 USD; 0.40 USD "
                            "used or reserved this month, this call needs 0.70 USD"));
    // 0.4 + 0.4 = 0.8 USD reaches the soft limit of 0.80 USD.
    Result<Reservation> third = f.manager->reserve(call(200, 100, "development", "pricey"));
    QVERIFY(third.ok());
    QCOMPARE(third->warnings().size(), std::size_t(1));
    QCOMPARE(third->warnings().front().message(),
             QStringLiteral("app \"sales\" cost_per_month at 0.80 USD of 1.00 USD (soft limit 0.80 USD)"));
}

void TestQuotaManager::maxTokensAndManifestLimits()
{
    Fixture f;
    QCOMPARE(errorOf(f.manager->reserve(call(10, 1500))),
             QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" max_tokens limit is 1000; this call asks "
                            "for 1500"));
    CallRequest lower = call(10, 800);
    lower.manifest.maxTokens = 500;
    QCOMPARE(errorOf(f.manager->reserve(lower)),
             QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" max_tokens limit is 500; this call asks for "
                            "800"));
    CallRequest higher = call(10, 1500);
    higher.manifest.maxTokens = 5000;
    QCOMPARE(errorOf(f.manager->reserve(higher)),
             QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" max_tokens limit is 1000; this call asks "
                            "for 1500"));

    CallRequest budget = call(500, 100);
    budget.manifest.tokensPerDay = 500;
    QCOMPARE(errorOf(f.manager->reserve(budget)),
             QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" tokens_per_day limit is 500; 0 used or "
                            "reserved today, this call needs 600"));
    CallRequest generous = call(1500, 600);
    generous.manifest.tokensPerDay = 1'000'000;
    QVERIFY(!f.manager->reserve(generous).ok()); // still the preset's 2000
    generous.manifest.costPerMonth = 1000 * kNanosPerUsd;
    QCOMPARE(f.remaining(generous), 2000);
    CallRequest cheap = call(0, 0);
    cheap.manifest.tokensPerDay = 300;
    QCOMPARE(f.remaining(cheap), 300);

    // The manifest's rate of 1 a minute allows one request, then none for a minute.
    CallRequest slow = call(1, 0);
    slow.manifest.requestsPerMinute = 1;
    QVERIFY(f.manager->reserve(slow).ok());
    QCOMPARE(errorOf(f.manager->reserve(slow)),
             QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" reached its requests_per_minute limit of 1; "
                            "retry in 60 s"));
    // Asking for 1000 a minute leaves the preset's 30 (one request is already counted).
    f.clock.advance(60000);
    CallRequest fast = call(1, 0);
    fast.manifest.requestsPerMinute = 1000;
    int passed = 0;
    while (f.manager->reserve(fast).ok())
        ++passed;
    QCOMPARE(passed, 30);
}

void TestQuotaManager::settleAndRelease()
{
    Fixture f;
    {
        Result<Reservation> r = f.manager->reserve(call(1000, 500));
        QVERIFY(r.ok());
        QCOMPARE(f.remaining(), 500);
        r->release();
        QVERIFY(!r->isActive());
        QCOMPARE(f.remaining(), 2000);
        QCOMPARE(r->settle(1, 1).error().toString(),
                 QStringLiteral("quota.request: the reservation was already settled or released"));
    }
    {
        Result<Reservation> r = f.manager->reserve(call(1000, 500));
        QVERIFY(r.ok());
        // Going out of scope unsettled releases it.
    }
    QCOMPARE(f.remaining(), 2000);
    {
        Result<Reservation> r = f.manager->reserve(call(200, 100));
        Reservation moved = std::move(*r);
        QVERIFY(!r->isActive());
        QCOMPARE(moved.settle(-1, 0).error().toString(),
                 QStringLiteral("quota.request: token counts must be between 0 and 1099511627776"));
        QVERIFY(moved.isActive()); // a bad settle changes nothing
        QCOMPARE(f.remaining(), 1700);
        Result<SettledCall> s = moved.settle(100, 50);
        QVERIFY(s.ok());
        QCOMPARE(s->cost, Nanos(100 * 10'000 + 50 * 30'000));
        QCOMPARE(f.remaining(), 1850);
        QVERIFY(!moved.settle(1, 1).ok());
    }
    // Usage above the estimate still counts: it was spent.
    Result<Reservation> r = f.manager->reserve(call(100, 100));
    QVERIFY(r->settle(2000, 500).ok());
    QCOMPARE(f.remaining(), 0);
    QVERIFY(!f.manager->reserve(call(1, 0)).ok());
}

void TestQuotaManager::badRequests()
{
    Fixture f;
    QCOMPARE(errorOf(f.manager->reserve(call(1, 1, "staging"))),
             QStringLiteral("quota.stage: no quota preset for stage \"staging\""));
    QCOMPARE(errorOf(f.manager->reserve(call(1, 1, "development", "unpriced"))),
             QStringLiteral("quota.price: no price for model \"unpriced\" in the catalog"));
    CallRequest noUser = call(1, 1);
    noUser.user.clear();
    QCOMPARE(errorOf(f.manager->reserve(noUser)),
             QStringLiteral("quota.request: a call needs a user, an app, a model and a stage"));
    QCOMPARE(errorOf(f.manager->reserve(call(-1, 1))),
             QStringLiteral("quota.request: token counts must be between 0 and 1099511627776"));
    QCOMPARE(f.manager->acquireRun(run("sales", "staging")).error().toString(),
             QStringLiteral("quota.stage: no quota preset for stage \"staging\""));
    QCOMPARE(f.manager->usageSummary(0).error().toString(),
             QStringLiteral("quota.request: days must be between 1 and 400, got 0"));
    QCOMPARE(f.remaining(), 2000);
    QVERIFY(f.manager->limitStatus().empty()); // no counter was checked
}

void TestQuotaManager::concurrentRunsSoftAndHard()
{
    Fixture f;
    // App: 2 runs (soft at round(1.6) = 2); stage: 3; user: 4.
    Result<RunSlot> a = f.manager->acquireRun(run());
    QVERIFY(a.ok());
    QVERIFY(a->warnings().empty());
    Result<RunSlot> b = f.manager->acquireRun(run());
    QVERIFY(b.ok());
    // The app (2 of 2) and the stage (2 of 3, soft limit round(2.4) = 2) warn.
    QCOMPARE(b->warnings().size(), std::size_t(2));
    QCOMPARE(b->warnings().at(0).message(), QStringLiteral("app \"sales\" concurrent_runs at 2 of 2 (soft limit 2)"));
    QCOMPARE(b->warnings().at(1).message(),
             QStringLiteral("stage \"development\" concurrent_runs at 2 of 3 (soft limit 2)"));
    QuotaRefusal refusal;
    Result<RunSlot> c = f.manager->acquireRun(run(), &refusal);
    QVERIFY(!c.ok());
    QCOMPARE(
        c.error().toString(),
        QStringLiteral("quota.exceeded: quota exceeded: app \"sales\" concurrent_runs limit is 2; runs active: 2"));
    QVERIFY(refusal.limit == LimitKind::ConcurrentRuns);
    // Another app of the stage fits once, then the stage's 3 refuse.
    Result<RunSlot> other = f.manager->acquireRun(run("triage"));
    QVERIFY(other.ok());
    QCOMPARE(f.manager->acquireRun(run("triage")).error().toString(),
             QStringLiteral("quota.exceeded: quota exceeded: stage \"development\" concurrent_runs limit is 3; runs "
                            "active: 3"));
    a->release();
    QVERIFY(f.manager->acquireRun(run()).ok()); // released again at once (temporary)
    {
        RunSlot moved = std::move(*b);
        QVERIFY(moved.isActive());
    }
    Result<RunSlot> d = f.manager->acquireRun(run());
    Result<RunSlot> e = f.manager->acquireRun(run());
    QVERIFY(d.ok() && e.ok());
}

void TestQuotaManager::dayResetsAtLocalMidnight()
{
    // 22:30 UTC is 23:30 in UTC+1.
    Fixture f(utcMs("2026-01-15T22:30:00"));
    QVERIFY(f.manager->reserve(call(1500, 400))->settle(1500, 400).ok());
    QCOMPARE(f.remaining(), 100);
    f.clock.set(utcMs("2026-01-15T22:59:59"));
    QVERIFY(!f.manager->reserve(call(200, 0)).ok());
    // Local midnight, while UTC is still on the 15th.
    f.clock.set(utcMs("2026-01-15T23:00:00"));
    QCOMPARE(f.remaining(), 2000);
    Result<Reservation> r = f.manager->reserve(call(1500, 400));
    QVERIFY(r.ok());
    QVERIFY(r->settle(100, 0).ok());
    // The usage went to the local day it was settled in.
    Result<std::vector<UsageRow>> rows = f.store->usageSince(0);
    QCOMPARE(rows->size(), std::size_t(2));
    QCOMPARE(rows->at(0).day, 20260115);
    QCOMPARE(rows->at(1).day, 20260116);
    QCOMPARE(rows->at(1).inputTokens, 100);
}

void TestQuotaManager::monthResetsOnLocalFirst()
{
    Fixture f(utcMs("2026-01-31T22:30:00"));
    QVERIFY(f.manager->reserve(call(500, 0, "development", "pricey"))->settle(500, 0).ok());
    f.clock.set(utcMs("2026-01-31T22:59:00"));
    QVERIFY(!f.manager->reserve(call(600, 0, "development", "pricey")).ok());
    // 1 February, 00:00 local.
    f.clock.set(utcMs("2026-01-31T23:00:00"));
    QVERIFY(f.manager->reserve(call(900, 0, "development", "pricey")).ok());
    // A new day inside the month keeps the month's cost.
    f.clock.set(utcMs("2026-02-01T23:30:00"));
    QVERIFY(f.manager->reserve(call(600, 0, "development", "pricey"))->settle(600, 0).ok());
    f.clock.advance(3600 * 1000);
    QVERIFY(!f.manager->reserve(call(500, 0, "development", "pricey")).ok());
}

void TestQuotaManager::clockMovedBackReadsTheStore()
{
    Fixture f(utcMs("2026-01-15T10:00:00"));
    QVERIFY(f.manager->reserve(call(500, 0))->settle(500, 0).ok());
    f.clock.set(utcMs("2026-01-16T10:00:00"));
    QVERIFY(f.manager->reserve(call(1000, 0))->settle(1000, 0).ok());
    QCOMPARE(f.remaining(), 1000);
    f.clock.set(utcMs("2026-01-15T12:00:00"));
    QCOMPARE(f.remaining(), 1500);
}

void TestQuotaManager::usagePersistsAcrossReopen()
{
    Fixture f;
    QVERIFY(f.manager->reserve(call(700, 100))->settle(700, 100).ok());
    // Another app, so the development calls do not share its request-rate window.
    CallRequest feed = call(100, 0, "rate");
    feed.app = QStringLiteral("feed");
    QVERIFY(f.manager->reserve(feed)->settle(100, 0).ok());
    QVERIFY(f.manager->reserve(feed)->settle(100, 0).ok());
    QVERIFY(f.manager->reserve(call(300, 0, "development", "pricey"))->settle(300, 0).ok());
    f.open(f.path);
    QCOMPARE(f.remaining(), 2000 - 800 - 300);
    // The request rate is remembered too: the burst of 2 is still used up.
    QCOMPARE(errorOf(f.manager->reserve(feed)),
             QStringLiteral("quota.exceeded: quota exceeded: app \"feed\" reached its requests_per_minute limit of 6; "
                            "retry in 10 s"));
    // And the month's cost: 0.3 USD + 0.8 USD > 1 USD.
    QVERIFY(!f.manager->reserve(call(800, 0, "development", "pricey")).ok());
    QVERIFY(f.manager->reserve(call(600, 0, "development", "pricey")).ok());
    // The limits last checked are back for usage.summary.
    bool found = false;
    for (const LimitStatus& s : f.manager->limitStatus()) {
        if (s.dimension == Dimension::App && s.limit == LimitKind::TokensPerDay) {
            QCOMPARE(s.hard, 2000);
            QCOMPARE(s.used, 800 + 300); // the last reservation was released with its temporary
            found = true;
        }
    }
    QVERIFY(found);
}

void TestQuotaManager::crashKeepsSettledUsage()
{
    Fixture f;
    QVERIFY(f.manager->reserve(call(1000, 0))->settle(900, 100).ok());
    Result<Reservation> inFlight = f.manager->reserve(call(500, 0));
    QVERIFY(inFlight.ok());
    QCOMPARE(f.remaining(), 500);
    const QString crashed = f.dir.filePath(QStringLiteral("crashed.db"));
    QVERIFY(test::copyCrashImage(f.path, crashed));
    inFlight->release();
    f.open(crashed);
    // The settled call survived; the reservation in flight was lost with the process.
    QCOMPARE(f.remaining(), 1000);
}

void TestQuotaManager::killedProcessKeepsSettledUsage()
{
    Fixture f;
    const QString path = f.dir.filePath(QStringLiteral("killed.db"));
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        // The child settles three calls, leaves one in flight and dies without closing anything.
        auto store = QuotaStore::open(path);
        if (!store)
            _exit(2);
        auto manager = QuotaManager::create(**store, f.clock, f.calendar, presets(), prices());
        if (!manager)
            _exit(3);
        for (int i = 0; i < 3; ++i) {
            Result<Reservation> r = (*manager)->reserve(call(200, 100));
            if (!r || !r->settle(150, 50))
                _exit(4);
        }
        Result<Reservation> inFlight = (*manager)->reserve(call(500, 0));
        ::raise(SIGKILL);
        _exit(5);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child failed before it was killed");
    f.open(path);
    QCOMPARE(f.remaining(), 2000 - 3 * 200);
}

void TestQuotaManager::threadsNeverPassTheHardLimit()
{
    Fixture f(utcMs("2026-01-15T10:00:00"), false);
    std::atomic<std::int64_t> settled{0};
    std::atomic<int> refused{0};
    auto worker = [&](int id) {
        for (int i = 0; i < 400; ++i) {
            Result<Reservation> r = f.manager->reserve(call(7, 3, "bulk"));
            if (!r) {
                ++refused;
                continue;
            }
            if ((i + id) % 3 == 0) {
                r->release(); // a failed call gives its tokens back
            } else if (r->settle(6, 4).ok()) {
                settled += 10;
            }
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back(worker, t);
    for (std::thread& t : threads)
        t.join();
    QCOMPARE(settled.load(), 2000); // every token up to the limit, never one more
    QVERIFY(refused.load() > 0);
    QCOMPARE(f.remaining(call(0, 0, "bulk")), 0);
    std::int64_t stored = 0;
    const Result<std::vector<UsageRow>> rows = f.store->usageSince(0);
    QVERIFY(rows.ok());
    for (const UsageRow& row : *rows)
        stored += row.inputTokens + row.outputTokens;
    QCOMPARE(stored, 2000);
}

void TestQuotaManager::threadsNeverPassConcurrentRuns()
{
    Fixture f;
    std::atomic<int> active{0};
    std::atomic<int> peak{0};
    auto worker = [&] {
        for (int i = 0; i < 2000; ++i) {
            Result<RunSlot> slot = f.manager->acquireRun(run("sales", "bulk"));
            if (!slot)
                continue;
            const int now = ++active;
            int seen = peak.load();
            while (now > seen && !peak.compare_exchange_weak(seen, now)) {
            }
            --active;
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t)
        threads.emplace_back(worker);
    for (std::thread& t : threads)
        t.join();
    QVERIFY(peak.load() >= 1);
    QVERIFY(peak.load() <= 3);
}

void TestQuotaManager::usageSummary()
{
    Fixture f(utcMs("2026-01-14T10:00:00"));
    QVERIFY(f.manager->reserve(call(100, 50))->settle(100, 20).ok());
    f.clock.set(utcMs("2026-01-16T10:00:00"));
    QVERIFY(f.manager->reserve(call(300, 50))->settle(300, 40).ok());
    QVERIFY(f.store->setPaused({QStringLiteral("triage"), QStringLiteral("manual"), QStringLiteral("admin"), 1}).ok());
    Result<RunSlot> slot = f.manager->acquireRun(run());

    Result<QJsonObject> summary = f.manager->usageSummary(3);
    QVERIFY(summary.ok());
    const QJsonArray apps = summary->value(QLatin1String("apps")).toArray();
    QCOMPARE(apps.size(), 2);
    const QJsonObject sales = apps.at(0).toObject();
    QCOMPARE(sales.value(QLatin1String("app")).toString(), QStringLiteral("sales"));
    QCOMPARE(sales.value(QLatin1String("paused")).toBool(), false);
    const QJsonArray daily = sales.value(QLatin1String("daily")).toArray();
    QCOMPARE(daily.size(), 3);
    QCOMPARE(QJsonDocument(daily.at(0).toObject()).toJson(QJsonDocument::Compact),
             QByteArray(R"({"cost_usd":0.0016,"date":"2026-01-14","input_tokens":100,"output_tokens":20})"));
    QCOMPARE(QJsonDocument(daily.at(1).toObject()).toJson(QJsonDocument::Compact),
             QByteArray(R"({"cost_usd":0,"date":"2026-01-15","input_tokens":0,"output_tokens":0})"));
    QCOMPARE(daily.at(2).toObject().value(QLatin1String("input_tokens")).toInt(), 300);
    QCOMPARE(daily.at(2).toObject().value(QLatin1String("cost_usd")).toDouble(), 0.0042);
    const QJsonObject triage = apps.at(1).toObject();
    QCOMPARE(triage.value(QLatin1String("app")).toString(), QStringLiteral("triage"));
    QCOMPARE(triage.value(QLatin1String("paused")).toBool(), true);
    QCOMPARE(triage.value(QLatin1String("daily")).toArray().size(), 3);

    // Only today's tokens count against tokens_per_day; the month's cost against cost_per_month.
    QStringList lines;
    for (const QJsonValue& v : summary->value(QLatin1String("limits")).toArray()) {
        const QJsonObject l = v.toObject();
        if (l.value(QLatin1String("dimension")).toString() != QLatin1String("app"))
            continue;
        lines << QStringLiteral("%1 %2 %3/%4/%5")
                     .arg(l.value(QLatin1String("key")).toString(), l.value(QLatin1String("limit")).toString())
                     .arg(l.value(QLatin1String("used")).toDouble())
                     .arg(l.value(QLatin1String("soft")).toDouble())
                     .arg(l.value(QLatin1String("hard")).toDouble());
    }
    QCOMPARE(lines, (QStringList{"sales requests_per_minute 1/24/30", "sales tokens_per_day 340/1600/2000",
                                 "sales cost_per_month 0.0058/0.8/1", "sales concurrent_runs 1/2/2"}));
}

QTEST_GUILESS_MAIN(TestQuotaManager)
#include "TestQuotaManager.moc"
