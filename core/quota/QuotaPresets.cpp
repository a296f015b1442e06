// SPDX-License-Identifier: Apache-2.0
#include "QuotaPresets.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace corral::quota {

namespace {

// The presets in force until a bundle provides its own; docs/quotas.md shows the same.
constexpr char kDefaultPresets[] = R"({"quotas": {
  "development": {
    "requests_per_minute": 30, "tokens_per_day": 200000, "cost_per_month_usd": 20, "concurrent_runs": 2,
    "soft_ratio": 0.8,
    "user": {"requests_per_minute": 60, "tokens_per_day": 500000, "cost_per_month_usd": 50, "concurrent_runs": 4}
  },
  "production": {
    "requests_per_minute": 60, "tokens_per_day": 1000000, "cost_per_month_usd": 100, "concurrent_runs": 4,
    "soft_ratio": 0.8,
    "user": {"requests_per_minute": 120, "tokens_per_day": 2000000, "cost_per_month_usd": 200, "concurrent_runs": 8}
  }
}})";

// Integers above 2^53 are not exact in JSON numbers.
constexpr double kMaxInteger = 9007199254740992.0;

class Reader
{
public:
    explicit Reader(const QString& source) : m_source(source) {}

    Error error(const QString& pointer, const QString& what) const
    {
        return makeError(QStringLiteral("quota.presets"), QStringLiteral("%1: %2 %3").arg(m_source, pointer, what));
    }

    // Reads one dimension's limits from `object` at `pointer`. At a stage's top level (the
    // app dimension) the members "user", "model" and "stage" hold the other dimensions.
    Result<Limits> limits(const QJsonObject& object, const QString& pointer, double inheritedSoftRatio, bool topLevel)
    {
        Limits out;
        out.softRatio = inheritedSoftRatio;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key();
            const QString at = pointer + QLatin1Char('/') + key;
            const QJsonValue value = it.value();
            if (topLevel &&
                (key == QLatin1String("user") || key == QLatin1String("model") || key == QLatin1String("stage"))) {
                continue; // read by the caller
            }
            if (key == QLatin1String("soft_ratio")) {
                if (!value.isDouble() || !(value.toDouble() > 0) || value.toDouble() > 1)
                    return error(at, QStringLiteral("must be a number above 0 and at most 1"));
                out.softRatio = value.toDouble();
            } else if (key == QLatin1String("cost_per_month_usd")) {
                if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() > 9e9)
                    return error(at, QStringLiteral("must be a number of US dollars from 0 to 9000000000"));
                out.costPerMonth = usdToNanos(value.toDouble());
            } else if (key == QLatin1String("requests_per_minute") || key == QLatin1String("requests_burst")) {
                Result<std::int64_t> n = integer(value, at, 1);
                if (!n)
                    return n.error();
                (key == QLatin1String("requests_per_minute") ? out.requestsPerMinute : out.requestsBurst) = *n;
            } else if (key == QLatin1String("tokens_per_day")) {
                Result<std::int64_t> n = integer(value, at, 0);
                if (!n)
                    return n.error();
                out.tokensPerDay = *n;
            } else if (key == QLatin1String("concurrent_runs")) {
                Result<std::int64_t> n = integer(value, at, 0);
                if (!n)
                    return n.error();
                out.concurrentRuns = *n;
            } else if (topLevel && key == QLatin1String("max_tokens_per_call")) {
                Result<std::int64_t> n = integer(value, at, 1);
                if (!n)
                    return n.error();
                out.maxTokensPerCall = *n;
            } else {
                return error(at, QStringLiteral("is not a known quota setting"));
            }
        }
        if (out.requestsBurst != kUnlimited && out.requestsPerMinute == kUnlimited)
            return error(pointer + QStringLiteral("/requests_burst"),
                         QStringLiteral("needs requests_per_minute next to it"));
        if (out.requestsBurst == kUnlimited)
            out.requestsBurst = out.requestsPerMinute;
        return out;
    }

private:
    Result<std::int64_t> integer(const QJsonValue& value, const QString& at, std::int64_t minimum) const
    {
        const double d = value.toDouble(-1);
        if (!value.isDouble() || std::floor(d) != d || d < double(minimum) || d > kMaxInteger)
            return error(at, QStringLiteral("must be an integer of at least %1").arg(minimum));
        return std::int64_t(d);
    }

    QString m_source;
};

} // namespace

Result<QuotaPresets> QuotaPresets::fromJson(const QJsonObject& quotas, const QString& source)
{
    Reader reader(source);
    QuotaPresets presets;
    for (auto it = quotas.begin(); it != quotas.end(); ++it) {
        const QString pointer = QStringLiteral("/quotas/") + it.key();
        if (!it.value().isObject())
            return reader.error(pointer, QStringLiteral("must be an object of limits"));
        const QJsonObject stage = it.value().toObject();
        StagePreset preset;
        Result<Limits> app = reader.limits(stage, pointer, Limits{}.softRatio, true);
        if (!app)
            return app.error();
        preset[Dimension::App] = *app;
        for (Dimension d : {Dimension::User, Dimension::Model, Dimension::Stage}) {
            const QString name = toString(d);
            if (!stage.contains(name))
                continue;
            if (!stage.value(name).isObject())
                return reader.error(pointer + QLatin1Char('/') + name, QStringLiteral("must be an object of limits"));
            Result<Limits> limits =
                reader.limits(stage.value(name).toObject(), pointer + QLatin1Char('/') + name, app->softRatio, false);
            if (!limits)
                return limits.error();
            preset[d] = *limits;
        }
        presets.m_stages.insert(it.key(), preset);
    }
    return presets;
}

Result<QuotaPresets> QuotaPresets::parse(const QByteArray& text, const QString& source)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("quota.presets"),
                         QStringLiteral("%1: not a JSON object (%2)")
                             .arg(source, parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                       : QStringLiteral("top level")));
    const QJsonValue quotas = doc.object().value(QLatin1String("quotas"));
    if (!quotas.isObject())
        return makeError(QStringLiteral("quota.presets"),
                         QStringLiteral("%1: /quotas is missing or not an object").arg(source));
    return fromJson(quotas.toObject(), source);
}

const QuotaPresets& QuotaPresets::defaults()
{
    static const QuotaPresets presets = parse(QByteArray(kDefaultPresets), QStringLiteral("built-in presets")).value();
    return presets;
}

const StagePreset* QuotaPresets::find(const QString& stage) const
{
    auto it = m_stages.constFind(stage);
    return it == m_stages.constEnd() ? nullptr : &it.value();
}

QStringList QuotaPresets::stages() const
{
    QStringList names = m_stages.keys();
    names.sort();
    return names;
}

} // namespace corral::quota
