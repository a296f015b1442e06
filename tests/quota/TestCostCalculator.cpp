// SPDX-License-Identifier: Apache-2.0
// Call costs from the shipped catalog's prices: exact after the call, rounded up before it.
#include "catalog/ModelCatalog.h"
#include "quota/CostCalculator.h"

#include <QTest>

using namespace corral;
using namespace corral::quota;

class TestCostCalculator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pricesFromShippedCatalog();
    void estimateRoundsUp();
    void rejectsOtherCurrencies();
};

void TestCostCalculator::pricesFromShippedCatalog()
{
    Result<catalog::ModelCatalog> cat = catalog::ModelCatalog::loadDefault();
    QVERIFY2(cat.ok(), qPrintable(cat.ok() ? QString() : cat.error().toString()));
    Result<CostCalculator> calc = CostCalculator::fromCatalog(*cat);
    QVERIFY(calc.ok());
    // gpt-4o-plat-2026: 0.0025 USD per 1k input, 0.01 per 1k output.
    QCOMPARE(calc->cost(QStringLiteral("gpt-4o-plat-2026"), 1000, 500), std::optional<Nanos>(7'500'000));
    QCOMPARE(calc->estimate(QStringLiteral("gpt-4o-plat-2026"), 1000, 500), std::optional<Nanos>(7'500'000));
    // claude-sonnet-plat-2026: 0.003 in, 0.015 out -> 1234 in, 567 out = 3.702 + 8.505 milli-USD.
    QCOMPARE(calc->cost(QStringLiteral("claude-sonnet-plat-2026"), 1234, 567), std::optional<Nanos>(12'207'000));
    QCOMPARE(calc->cost(QStringLiteral("local-extractive"), 100000, 800), std::optional<Nanos>(0));
    QCOMPARE(calc->cost(QStringLiteral("no-such-model"), 1, 1), std::nullopt);
    QVERIFY(calc->knows(QStringLiteral("local-extractive")));
}

void TestCostCalculator::estimateRoundsUp()
{
    CostCalculator calc;
    calc.setPrice(QStringLiteral("tiny"), {0.0000001, 0}); // 0.1 nano-dollar a token
    QCOMPARE(calc.estimate(QStringLiteral("tiny"), 1, 0), std::optional<Nanos>(1));
    QCOMPARE(calc.cost(QStringLiteral("tiny"), 1, 0), std::optional<Nanos>(0));
    QCOMPARE(calc.cost(QStringLiteral("tiny"), 16, 0), std::optional<Nanos>(2));
}

void TestCostCalculator::rejectsOtherCurrencies()
{
    const QByteArray text = R"({"version": 1, "models": [{
        "id": "m1", "provider": "openai-compatible", "approval": "restricted", "on_prem": false,
        "endpoint": "https://gw.example.com/v1",
        "card": {"description": "d", "vendor": "v", "context_window": 8192, "training_data_cutoff": "2025-01",
                 "intended_use": "u", "limitations": ["l1"]},
        "defaults": {"temperature": 0.5, "max_tokens": 512, "top_p": 0.9},
        "cost": {"input_per_1k": 0.001, "output_per_1k": 0.002, "currency": "EUR"}}]})";
    Result<catalog::ModelCatalog> cat = catalog::ModelCatalog::parse(text, QStringLiteral("c.json"));
    QVERIFY2(cat.ok(), qPrintable(cat.ok() ? QString() : cat.error().toString()));
    Result<CostCalculator> calc = CostCalculator::fromCatalog(*cat);
    QVERIFY(!calc.ok());
    QCOMPARE(calc.error().code, QStringLiteral("quota.price"));
    QCOMPARE(calc.error().message, QStringLiteral("model m1 is priced in \"EUR\"; cost limits are in USD"));
}

QTEST_GUILESS_MAIN(TestCostCalculator)
#include "TestCostCalculator.moc"
