// SPDX-License-Identifier: Apache-2.0
#include "QuotaTypes.h"

#include <QJsonValue>
#include <algorithm>
#include <cmath>

namespace corral::quota {

QString toString(Dimension dimension)
{
    switch (dimension) {
    case Dimension::User:
        return QStringLiteral("user");
    case Dimension::App:
        return QStringLiteral("app");
    case Dimension::Model:
        return QStringLiteral("model");
    case Dimension::Stage:
        return QStringLiteral("stage");
    }
    return {};
}

std::optional<Dimension> dimensionFromString(const QString& name)
{
    for (Dimension d : kDimensions) {
        if (toString(d) == name)
            return d;
    }
    return std::nullopt;
}

QString toString(LimitKind kind)
{
    switch (kind) {
    case LimitKind::RequestsPerMinute:
        return QStringLiteral("requests_per_minute");
    case LimitKind::TokensPerDay:
        return QStringLiteral("tokens_per_day");
    case LimitKind::CostPerMonth:
        return QStringLiteral("cost_per_month");
    case LimitKind::ConcurrentRuns:
        return QStringLiteral("concurrent_runs");
    case LimitKind::MaxTokens:
        return QStringLiteral("max_tokens");
    }
    return {};
}

Nanos usdToNanos(double usd)
{
    return Nanos(std::llround(usd * double(kNanosPerUsd)));
}

double nanosToUsd(Nanos nanos)
{
    return double(nanos) / double(kNanosPerUsd);
}

QString formatUsd(Nanos nanos)
{
    const bool negative = nanos < 0;
    const std::uint64_t magnitude = negative ? std::uint64_t(-(nanos + 1)) + 1 : std::uint64_t(nanos);
    QString fraction = QString::number(magnitude % kNanosPerUsd).rightJustified(9, QLatin1Char('0'));
    while (fraction.size() > 2 && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    return (negative ? QStringLiteral("-") : QString()) + QString::number(magnitude / kNanosPerUsd) + QLatin1Char('.') +
           fraction;
}

std::int64_t estimateTokens(QStringView text)
{
    std::int64_t ascii = 0;
    std::int64_t other = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80)
            ++ascii;
        else if (!QChar::isLowSurrogate(c)) // a surrogate pair is one character
            ++other;
    }
    return (ascii + 2) / 3 + other;
}

namespace {

std::optional<std::int64_t> nonNegativeInteger(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (d < 0 || d > 9007199254740992.0 || std::floor(d) != d)
        return std::nullopt;
    return std::int64_t(d);
}

} // namespace

ManifestLimits ManifestLimits::fromManifest(const QJsonObject& manifest)
{
    ManifestLimits limits;
    limits.maxTokens = nonNegativeInteger(manifest.value(QLatin1String("max_tokens")));
    limits.requestsPerMinute = nonNegativeInteger(manifest.value(QLatin1String("max_requests_per_minute")));
    const QJsonObject budget = manifest.value(QLatin1String("budget")).toObject();
    limits.tokensPerDay = nonNegativeInteger(budget.value(QLatin1String("tokens_per_day")));
    const QJsonValue cost = budget.value(QLatin1String("cost_per_month_usd"));
    if (cost.isDouble() && cost.toDouble() >= 0 && cost.toDouble() < 9e9)
        limits.costPerMonth = usdToNanos(cost.toDouble());
    return limits;
}

Limits ManifestLimits::lower(const Limits& preset) const
{
    Limits out = preset;
    if (maxTokens)
        out.maxTokensPerCall = std::min(out.maxTokensPerCall, *maxTokens);
    if (requestsPerMinute) {
        out.requestsPerMinute = std::min(out.requestsPerMinute, *requestsPerMinute);
        // A lower rate also bounds the burst: a manifest asking for 5 a minute gets at most 5 at once.
        out.requestsBurst = std::min(out.requestsBurst, out.requestsPerMinute);
    }
    if (tokensPerDay)
        out.tokensPerDay = std::min(out.tokensPerDay, *tokensPerDay);
    if (costPerMonth)
        out.costPerMonth = std::min(out.costPerMonth, *costPerMonth);
    return out;
}

} // namespace corral::quota
