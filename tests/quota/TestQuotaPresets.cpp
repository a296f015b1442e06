// SPDX-License-Identifier: Apache-2.0
// Quota presets from bundle data, and a manifest lowering (never raising) them.
#include "quota/QuotaPresets.h"

#include <QJsonDocument>
#include <QTest>

using namespace corral;
using namespace corral::quota;

class TestQuotaPresets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesStagesAndDimensions();
    void defaultsCoverBothStages();
    void badPresets_data();
    void badPresets();
    void manifestLowersButNeverRaises();
    void manifestLimitsFromManifestJson();
    void usdFormatting();
    void tokenEstimates();
};

void TestQuotaPresets::parsesStagesAndDimensions()
{
    const QByteArray text = R"({"quotas": {
      "development": {"requests_per_minute": 30, "tokens_per_day": 200000, "cost_per_month_usd": 20.5,
                      "concurrent_runs": 2, "max_tokens_per_call": 4000, "soft_ratio": 0.9,
                      "user": {"tokens_per_day": 500000},
                      "model": {"requests_per_minute": 100, "requests_burst": 10, "soft_ratio": 0.5},
                      "stage": {"cost_per_month_usd": 300}},
      "production": {"tokens_per_day": 1000}
    }})";
    Result<QuotaPresets> presets = QuotaPresets::parse(text, QStringLiteral("data.json"));
    QVERIFY2(presets.ok(), qPrintable(presets.ok() ? QString() : presets.error().toString()));
    QCOMPARE(presets->stages(), (QStringList{"development", "production"}));
    const StagePreset* dev = presets->find(QStringLiteral("development"));
    QVERIFY(dev);
    const Limits& app = (*dev)[Dimension::App];
    QCOMPARE(app.requestsPerMinute, 30);
    QCOMPARE(app.requestsBurst, 30); // defaults to the per-minute rate
    QCOMPARE(app.tokensPerDay, 200000);
    QCOMPARE(app.costPerMonth, Nanos(20'500'000'000));
    QCOMPARE(app.concurrentRuns, 2);
    QCOMPARE(app.maxTokensPerCall, 4000);
    QCOMPARE(app.softRatio, 0.9);
    const Limits& user = (*dev)[Dimension::User];
    QCOMPARE(user.tokensPerDay, 500000);
    QCOMPARE(user.requestsPerMinute, kUnlimited);
    QCOMPARE(user.softRatio, 0.9); // inherited from the stage
    const Limits& model = (*dev)[Dimension::Model];
    QCOMPARE(model.requestsPerMinute, 100);
    QCOMPARE(model.requestsBurst, 10);
    QCOMPARE(model.softRatio, 0.5);
    QCOMPARE((*dev)[Dimension::Stage].costPerMonth, Nanos(300) * kNanosPerUsd);
    const StagePreset* prod = presets->find(QStringLiteral("production"));
    QVERIFY(prod);
    QCOMPARE((*prod)[Dimension::App].tokensPerDay, 1000);
    QCOMPARE((*prod)[Dimension::App].softRatio, 0.8);
    QCOMPARE((*prod)[Dimension::User], Limits{});
    QVERIFY(!presets->find(QStringLiteral("staging")));
}

void TestQuotaPresets::defaultsCoverBothStages()
{
    const QuotaPresets& d = QuotaPresets::defaults();
    QCOMPARE(d.stages(), (QStringList{"development", "production"}));
    QCOMPARE((*d.find(QStringLiteral("development")))[Dimension::App].requestsPerMinute, 30);
    QCOMPARE((*d.find(QStringLiteral("development")))[Dimension::App].tokensPerDay, 200000);
    QCOMPARE((*d.find(QStringLiteral("production")))[Dimension::User].costPerMonth, Nanos(200) * kNanosPerUsd);
}

void TestQuotaPresets::badPresets_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("{") << "d.json: not a JSON object (unterminated object)";
    QTest::newRow("no quotas") << QByteArray(R"({"dlp": {}})") << "d.json: /quotas is missing or not an object";
    QTest::newRow("stage not object") << QByteArray(R"({"quotas": {"development": 3}})")
                                      << "d.json: /quotas/development must be an object of limits";
    QTest::newRow("unknown member") << QByteArray(R"({"quotas": {"development": {"tokens_per_week": 3}}})")
                                    << "d.json: /quotas/development/tokens_per_week is not a known quota setting";
    QTest::newRow("negative tokens") << QByteArray(R"({"quotas": {"development": {"tokens_per_day": -1}}})")
                                     << "d.json: /quotas/development/tokens_per_day must be an integer of at least 0";
    QTest::newRow("fractional rpm")
        << QByteArray(R"({"quotas": {"development": {"requests_per_minute": 2.5}}})")
        << "d.json: /quotas/development/requests_per_minute must be an integer of at least 1";
    QTest::newRow("rpm as string") << QByteArray(R"({"quotas": {"production": {"requests_per_minute": "30"}}})")
                                   << "d.json: /quotas/production/requests_per_minute must be an integer of at least 1";
    QTest::newRow("soft ratio above 1")
        << QByteArray(R"({"quotas": {"development": {"soft_ratio": 1.5}}})")
        << "d.json: /quotas/development/soft_ratio must be a number above 0 and at most 1";
    QTest::newRow("negative cost") << QByteArray(R"({"quotas": {"development": {"cost_per_month_usd": -2}}})")
                                   << "d.json: /quotas/development/cost_per_month_usd must be a number of US dollars "
                                      "from 0 to 9000000000";
    QTest::newRow("burst without rate")
        << QByteArray(R"({"quotas": {"development": {"requests_burst": 3}}})")
        << "d.json: /quotas/development/requests_burst needs requests_per_minute next to it";
    QTest::newRow("nested max tokens")
        << QByteArray(R"({"quotas": {"development": {"user": {"max_tokens_per_call": 3}}}})")
        << "d.json: /quotas/development/user/max_tokens_per_call is not a known quota setting";
    QTest::newRow("nested not object") << QByteArray(R"({"quotas": {"development": {"model": []}}})")
                                       << "d.json: /quotas/development/model must be an object of limits";
}

void TestQuotaPresets::badPresets()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    Result<QuotaPresets> presets = QuotaPresets::parse(text, QStringLiteral("d.json"));
    QVERIFY(!presets.ok());
    QCOMPARE(presets.error().code, QStringLiteral("quota.presets"));
    QCOMPARE(presets.error().message, message);
}

void TestQuotaPresets::manifestLowersButNeverRaises()
{
    Limits preset;
    preset.requestsPerMinute = 30;
    preset.requestsBurst = 30;
    preset.tokensPerDay = 200000;
    preset.costPerMonth = 20 * kNanosPerUsd;
    preset.maxTokensPerCall = 4000;
    preset.concurrentRuns = 2;

    ManifestLimits lower;
    lower.maxTokens = 1000;
    lower.requestsPerMinute = 10;
    lower.tokensPerDay = 5000;
    lower.costPerMonth = 5 * kNanosPerUsd;
    const Limits lowered = lower.lower(preset);
    QCOMPARE(lowered.maxTokensPerCall, 1000);
    QCOMPARE(lowered.requestsPerMinute, 10);
    QCOMPARE(lowered.requestsBurst, 10);
    QCOMPARE(lowered.tokensPerDay, 5000);
    QCOMPARE(lowered.costPerMonth, 5 * kNanosPerUsd);
    QCOMPARE(lowered.concurrentRuns, 2);

    ManifestLimits higher;
    higher.maxTokens = 100000;
    higher.requestsPerMinute = 600;
    higher.tokensPerDay = 10'000'000;
    higher.costPerMonth = 1000 * kNanosPerUsd;
    QCOMPARE(higher.lower(preset), preset);
    QCOMPARE(ManifestLimits{}.lower(preset), preset);

    // An unlimited preset takes the manifest's value: asking for less is always allowed.
    QCOMPARE(lower.lower(Limits{}).tokensPerDay, 5000);
}

void TestQuotaPresets::manifestLimitsFromManifestJson()
{
    const QJsonObject manifest =
        QJsonDocument::fromJson(R"({"name": "a", "max_tokens": 800, "max_requests_per_minute": 12,
                                    "budget": {"tokens_per_day": 9000, "cost_per_month_usd": 2.5}})")
            .object();
    const ManifestLimits m = ManifestLimits::fromManifest(manifest);
    QCOMPARE(m.maxTokens, std::optional<std::int64_t>(800));
    QCOMPARE(m.requestsPerMinute, std::optional<std::int64_t>(12));
    QCOMPARE(m.tokensPerDay, std::optional<std::int64_t>(9000));
    QCOMPARE(m.costPerMonth, std::optional<Nanos>(2'500'000'000));

    const ManifestLimits bad = ManifestLimits::fromManifest(
        QJsonDocument::fromJson(R"({"max_tokens": -5, "max_requests_per_minute": "12", "budget": 3})").object());
    QVERIFY(!bad.maxTokens && !bad.requestsPerMinute && !bad.tokensPerDay && !bad.costPerMonth);
}

void TestQuotaPresets::usdFormatting()
{
    QCOMPARE(formatUsd(0), QStringLiteral("0.00"));
    QCOMPARE(formatUsd(19'500'000'000), QStringLiteral("19.50"));
    QCOMPARE(formatUsd(2'500'000), QStringLiteral("0.0025"));
    QCOMPARE(formatUsd(1), QStringLiteral("0.000000001"));
    QCOMPARE(formatUsd(-1'250'000'000), QStringLiteral("-1.25"));
    QCOMPARE(usdToNanos(0.0025), Nanos(2'500'000));
}

void TestQuotaPresets::tokenEstimates()
{
    QCOMPARE(estimateTokens(u""), 0);
    QCOMPARE(estimateTokens(u"a"), 1);
    QCOMPARE(estimateTokens(u"abc"), 1);
    QCOMPARE(estimateTokens(u"abcd"), 2);
    // "Grüße" has 3 ASCII letters and 2 others; "日本語" three others; an emoji is one.
    QCOMPARE(estimateTokens(u"Grüße"), 1 + 2);
    QCOMPARE(estimateTokens(u"日本語"), 3);
    QCOMPARE(estimateTokens(u"\U0001F600"), 1);
    // Above what providers count for English prose (about 4 characters a token).
    const QString prose = QStringLiteral("Summarize the quarterly sales report for the board. ").repeated(20);
    QVERIFY(estimateTokens(prose) >= prose.size() / 4);
}

QTEST_GUILESS_MAIN(TestQuotaPresets)
#include "TestQuotaPresets.moc"
