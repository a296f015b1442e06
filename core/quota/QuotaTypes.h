// SPDX-License-Identifier: Apache-2.0
// The vocabulary of quotas: the dimensions a call is counted in, the kinds of limit, a set
// of limits, and the lower limits a manifest may ask for. Costs are integer nano-dollars so
// sums never drift.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringView>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>

namespace corral::quota {

// A call counts against one key in each dimension: its user, its app, its model and the
// stage of its app ("development" or "production", all apps of that stage together).
enum class Dimension { User = 0, App = 1, Model = 2, Stage = 3 };
inline constexpr int kDimensionCount = 4;
inline constexpr std::array<Dimension, kDimensionCount> kDimensions = {Dimension::User, Dimension::App,
                                                                       Dimension::Model, Dimension::Stage};
QString toString(Dimension dimension); // "user" | "app" | "model" | "stage"
std::optional<Dimension> dimensionFromString(const QString& name);

// The limits, named as in bundle data and in usage.summary.
enum class LimitKind { RequestsPerMinute, TokensPerDay, CostPerMonth, ConcurrentRuns, MaxTokens };
// "requests_per_minute" | "tokens_per_day" | "cost_per_month" | "concurrent_runs" | "max_tokens"
QString toString(LimitKind kind);

// Nano-dollars (1e-9 USD): integer money for sums that never drift.
using Nanos = std::int64_t;
inline constexpr Nanos kNanosPerUsd = 1'000'000'000;
Nanos usdToNanos(double usd);
double nanosToUsd(Nanos nanos);
// "0.0025", "19.50": at least two decimals, at most nine, trailing zeros dropped.
QString formatUsd(Nanos nanos);

// A deliberately high estimate of the tokens `text` takes, for reservations before the
// provider has counted: one token per 3 ASCII characters (English runs about 4) plus one
// per other character (CJK and symbols often take one or more each). The settle replaces
// it with the provider's count.
std::int64_t estimateTokens(QStringView text);

// A limit value; kUnlimited when the data names none.
inline constexpr std::int64_t kUnlimited = std::numeric_limits<std::int64_t>::max();

// The limits that apply to one key of one dimension. Every value is kUnlimited unless set.
struct Limits
{
    std::int64_t requestsPerMinute = kUnlimited;
    // How many requests may come at once before the per-minute rate applies; defaults to
    // requestsPerMinute (a quiet minute allows a full minute's worth at once).
    std::int64_t requestsBurst = kUnlimited;
    std::int64_t tokensPerDay = kUnlimited;
    Nanos costPerMonth = kUnlimited;
    std::int64_t concurrentRuns = kUnlimited;
    // Output tokens one call may ask for (only checked in the app dimension).
    std::int64_t maxTokensPerCall = kUnlimited;
    // The fraction of a hard limit at which a warning starts, in (0, 1].
    double softRatio = 0.8;

    bool operator==(const Limits&) const = default;
};

// The limits an app's manifest asks for. They can only lower the stage preset of the app
// dimension: an absent value, or one above the preset, leaves the preset in force.
struct ManifestLimits
{
    std::optional<std::int64_t> maxTokens;         // manifest "max_tokens": output tokens per call
    std::optional<std::int64_t> requestsPerMinute; // manifest "max_requests_per_minute"
    std::optional<std::int64_t> tokensPerDay;      // manifest "budget": {"tokens_per_day"}
    std::optional<Nanos> costPerMonth;             // manifest "budget": {"cost_per_month_usd"}

    // Reads the members above from a manifest object; members of the wrong type or
    // negative are ignored here (the manifest validator reports them).
    static ManifestLimits fromManifest(const QJsonObject& manifest);

    // `preset` with each value lowered to the manifest's where that is lower.
    Limits lower(const Limits& preset) const;
};

} // namespace corral::quota
