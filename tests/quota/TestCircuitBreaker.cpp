// SPDX-License-Identifier: Apache-2.0
// The circuit breaker: its rules from bundle data, each rule tripping on a manual clock,
// the pause surviving a restart, and resume.
#include "quota/CircuitBreaker.h"

#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::quota;

namespace {

struct Fixture
{
    explicit Fixture(BreakerRules rules = BreakerRules::defaults())
    {
        path = dir.filePath(QStringLiteral("agent.db"));
        open(std::move(rules));
    }

    void open(BreakerRules rules)
    {
        breaker.reset();
        store.reset();
        store = std::move(QuotaStore::open(path).value());
        breaker = std::move(CircuitBreaker::create(*store, clock, std::move(rules)).value());
    }

    QTemporaryDir dir;
    QString path;
    ManualClock clock;
    std::unique_ptr<QuotaStore> store;
    std::unique_ptr<CircuitBreaker> breaker;
};

const QString kApp = QStringLiteral("sales");

} // namespace

class TestCircuitBreaker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesRules();
    void badRules_data();
    void badRules();
    void denialsWithinWindowTrip();
    void tokenSpikeAboveMedianTrips();
    void readsThenSendTrips();
    void pauseSurvivesRestartUntilResumed();
    void manualPause();
};

void TestCircuitBreaker::parsesRules()
{
    Result<BreakerRules> rules = BreakerRules::parse(R"({"circuit_breaker": {
        "denials": {"count": 3, "window_seconds": 30},
        "token_spike": {"factor": 4.5, "history": 10, "min_history": 3, "min_tokens": 100},
        "read_then_send": {"min_reads": 2}}})",
                                                     QStringLiteral("data.json"));
    QVERIFY2(rules.ok(), qPrintable(rules.ok() ? QString() : rules.error().toString()));
    QCOMPARE(rules->denials->count, 3);
    QCOMPARE(rules->denials->windowSeconds, 30);
    QCOMPARE(rules->tokenSpike->factor, 4.5);
    QCOMPARE(rules->tokenSpike->history, 10);
    QCOMPARE(rules->tokenSpike->minHistory, 3);
    QCOMPARE(rules->tokenSpike->minTokens, 100);
    QCOMPARE(rules->readThenSend->minReads, 2);
    QCOMPARE(rules->readThenSend->windowSeconds, 300); // default
    Result<BreakerRules> none = BreakerRules::parse(R"({"circuit_breaker": {}})", QStringLiteral("data.json"));
    QVERIFY(none.ok());
    QVERIFY(!none->denials && !none->tokenSpike && !none->readThenSend);
}

void TestCircuitBreaker::badRules_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QByteArray(R"({"quotas": {}})")
                             << "d.json: /circuit_breaker is missing or not an object";
    QTest::newRow("unknown rule") << QByteArray(R"({"circuit_breaker": {"cpu": {}}})")
                                  << "d.json: /circuit_breaker/cpu is not a known rule";
    QTest::newRow("rule not object") << QByteArray(R"({"circuit_breaker": {"denials": 5}})")
                                     << "d.json: /circuit_breaker/denials must be an object";
    QTest::newRow("unknown setting") << QByteArray(R"({"circuit_breaker": {"denials": {"max": 5}}})")
                                     << "d.json: /circuit_breaker/denials/max is not a known rule setting";
    QTest::newRow("zero count") << QByteArray(R"({"circuit_breaker": {"denials": {"count": 0}}})")
                                << "d.json: /circuit_breaker/denials/count must be an integer from 1 to 100000";
    QTest::newRow("factor below 1") << QByteArray(R"({"circuit_breaker": {"token_spike": {"factor": 0.5}}})")
                                    << "d.json: /circuit_breaker/token_spike/factor must be a number from 1 to 1e+06";
    QTest::newRow("min history above history")
        << QByteArray(R"({"circuit_breaker": {"token_spike": {"history": 4, "min_history": 5}}})")
        << "d.json: /circuit_breaker/token_spike/min_history must be an integer from 1 to 4";
    QTest::newRow("window as text") << QByteArray(R"({"circuit_breaker": {"read_then_send": {"window_seconds": "9"}}})")
                                    << "d.json: /circuit_breaker/read_then_send/window_seconds must be an integer from "
                                       "1 to 604800";
}

void TestCircuitBreaker::badRules()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    Result<BreakerRules> rules = BreakerRules::parse(text, QStringLiteral("d.json"));
    QVERIFY(!rules.ok());
    QCOMPARE(rules.error().code, QStringLiteral("quota.breaker"));
    QCOMPARE(rules.error().message, message);
}

void TestCircuitBreaker::denialsWithinWindowTrip()
{
    BreakerRules rules;
    rules.denials = BreakerRules::Denials{3, 60};
    Fixture f(rules);
    QVERIFY(!f.breaker->onDenial(kApp));
    f.clock.advance(30000);
    QVERIFY(!f.breaker->onDenial(kApp));
    // The first denial leaves the window: still two.
    f.clock.advance(30001);
    QVERIFY(!f.breaker->onDenial(kApp));
    QVERIFY(!f.breaker->onDenial(QStringLiteral("other"))); // counted per app
    f.clock.advance(1000);
    std::optional<Trip> trip = f.breaker->onDenial(kApp);
    QVERIFY(trip);
    QCOMPARE(trip->app, kApp);
    QCOMPARE(trip->rule, QStringLiteral("denials"));
    QCOMPARE(trip->reason, QStringLiteral("policy denials: 3 within 60 s"));
    QVERIFY(trip->storeError.isEmpty());
    QVERIFY(f.breaker->isPaused(kApp));
    QVERIFY(!f.breaker->isPaused(QStringLiteral("other")));
    // A paused app does not trip again.
    QVERIFY(!f.breaker->onDenial(kApp));
}

void TestCircuitBreaker::tokenSpikeAboveMedianTrips()
{
    BreakerRules rules;
    rules.tokenSpike = BreakerRules::TokenSpike{10, 5, 3, 1000};
    Fixture f(rules);
    // Not enough history yet: even a big call passes (and becomes history).
    QVERIFY(!f.breaker->onModelCall(kApp, 200));
    QVERIFY(!f.breaker->onModelCall(kApp, 300));
    QVERIFY(!f.breaker->onModelCall(kApp, 100));  // median of {100, 200, 300} = 200
    QVERIFY(!f.breaker->onModelCall(kApp, 2000)); // exactly 10x: not above
    // History {200, 300, 100, 2000}: median 250; below min_tokens never trips.
    QVERIFY(!f.breaker->onModelCall(QStringLiteral("tiny"), 5));
    std::optional<Trip> trip = f.breaker->onModelCall(kApp, 2501);
    QVERIFY(trip);
    QCOMPARE(trip->rule, QStringLiteral("token_spike"));
    QCOMPARE(trip->reason,
             QStringLiteral("a model call used 2501 tokens, more than 10 times the recent median of 250"));
    QVERIFY(f.breaker->isPaused(kApp));
}

void TestCircuitBreaker::readsThenSendTrips()
{
    BreakerRules rules;
    rules.readThenSend = BreakerRules::ReadThenSend{3, 60};
    Fixture f(rules);
    const QString run = QStringLiteral("r-1");
    f.breaker->onFileRead(kApp, run);
    f.breaker->onFileRead(kApp, run);
    f.breaker->onFileRead(kApp, QStringLiteral("r-2")); // another run's reads do not add up
    QVERIFY(!f.breaker->onHttpRequest(kApp, run));
    // Reads that left the window do not count either.
    f.clock.advance(61000);
    f.breaker->onFileRead(kApp, run);
    QVERIFY(!f.breaker->onHttpRequest(kApp, run));
    f.breaker->onFileRead(kApp, run);
    f.breaker->onFileRead(kApp, run);
    // A finished run is forgotten.
    f.breaker->onRunFinished(kApp, run);
    QVERIFY(!f.breaker->onHttpRequest(kApp, run));
    for (int i = 0; i < 3; ++i)
        f.breaker->onFileRead(kApp, QStringLiteral("r-3"));
    std::optional<Trip> trip = f.breaker->onHttpRequest(kApp, QStringLiteral("r-3"));
    QVERIFY(trip);
    QCOMPARE(trip->rule, QStringLiteral("read_then_send"));
    QCOMPARE(trip->reason, QStringLiteral("an outbound request after 3 file reads within 60 s"));
}

void TestCircuitBreaker::pauseSurvivesRestartUntilResumed()
{
    BreakerRules rules;
    rules.denials = BreakerRules::Denials{1, 60};
    Fixture f(rules);
    const qint64 at = f.clock.nowMs();
    QVERIFY(f.breaker->onDenial(kApp));
    f.open(rules);
    QVERIFY(f.breaker->isPaused(kApp));
    std::optional<PausedApp> info = f.breaker->pausedInfo(kApp);
    QVERIFY(info);
    QCOMPARE(info->rule, QStringLiteral("denials"));
    QCOMPARE(info->reason, QStringLiteral("policy denials: 1 within 60 s"));
    QCOMPARE(info->pausedAtMs, at);
    QCOMPARE(f.breaker->pausedApps().size(), std::size_t(1));

    QCOMPARE(*f.breaker->resume(kApp), true);
    QVERIFY(!f.breaker->isPaused(kApp));
    QCOMPARE(*f.breaker->resume(kApp), false);
    f.open(rules);
    QVERIFY(!f.breaker->isPaused(kApp));
    // Resumed with a clean slate: the rule counts from zero again.
    QVERIFY(f.breaker->onDenial(kApp));
}

void TestCircuitBreaker::manualPause()
{
    Fixture f(BreakerRules{});
    QVERIFY(f.breaker->pause(kApp, QStringLiteral("paused by the administrator")).ok());
    f.open(BreakerRules{});
    QCOMPARE(f.breaker->pausedInfo(kApp)->rule, QStringLiteral("manual"));
    QCOMPARE(f.breaker->pausedInfo(kApp)->reason, QStringLiteral("paused by the administrator"));
    // With no rules, events never trip.
    for (int i = 0; i < 100; ++i)
        QVERIFY(!f.breaker->onDenial(QStringLiteral("other")));
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "TestCircuitBreaker.moc"
