// SPDX-License-Identifier: Apache-2.0
// QuotaManager: checks and reserves quota before a model call, settles it with the usage
// the provider reports, and counts concurrent runs, in the user, app, model and stage
// dimensions (semantics in docs/quotas.md). Counters live in memory, so a check costs well
// under a microsecond; a settle is written through to the QuotaStore before it returns, so
// no settled usage is lost in a crash. Reservations still in flight at a crash are lost,
// which only frees their estimate. Thread-safe.
#pragma once

#include "Clock.h"
#include "CostCalculator.h"
#include "LocalCalendar.h"
#include "QuotaPresets.h"
#include "QuotaStore.h"
#include "QuotaTypes.h"
#include "Result.h"

#include <QJsonObject>
#include <memory>
#include <vector>

namespace corral::quota {

// One model call about to be made.
struct CallRequest
{
    QString user;
    QString app;
    QString model;
    QString stage;                    // the app's stage: picks the preset
    ManifestLimits manifest;          // the app's own, lower limits
    std::int64_t promptTokens = 0;    // estimate of the input
    std::int64_t maxOutputTokens = 0; // the max_tokens sent to the provider
};

// One run about to start (counts against concurrent_runs for its user, app and stage).
struct RunRequest
{
    QString user;
    QString app;
    QString stage;
    ManifestLimits manifest;
};

// A soft limit reached: the caller audits it and shows it to the person.
struct QuotaWarning
{
    Dimension dimension = Dimension::App;
    QString key;
    LimitKind limit = LimitKind::TokensPerDay;
    std::int64_t used = 0; // including this reservation; nano-dollars for cost
    std::int64_t soft = 0;
    std::int64_t hard = 0;
    bool crossed = false; // this reservation took usage from below the soft limit to above it
    // e.g. `app "sales" tokens_per_day at 1650 of 2000 (soft limit 1600)`
    QString message() const;
};

// Why a hard limit refused (also in the Error's message).
struct QuotaRefusal
{
    Dimension dimension = Dimension::App;
    QString key;
    LimitKind limit = LimitKind::TokensPerDay;
    std::int64_t used = 0;      // used and reserved before this request; nano-dollars for cost
    std::int64_t requested = 0; // what this request needed
    std::int64_t hard = 0;
    qint64 retryAfterMs = 0; // requests_per_minute only: when a request would pass again
};

// What a settled call used, for the model.called audit record and the run's usage.
struct SettledCall
{
    std::int64_t inputTokens = 0;
    std::int64_t outputTokens = 0;
    Nanos cost = 0;
};

// One used / soft / hard line of usage.summary.
struct LimitStatus
{
    Dimension dimension = Dimension::App;
    QString key;
    LimitKind limit = LimitKind::TokensPerDay;
    std::int64_t used = 0; // settled plus reserved; nano-dollars for cost
    std::int64_t soft = 0;
    std::int64_t hard = 0;
};

class QuotaManager;
namespace detail {
struct QuotaState;
struct Counter;
} // namespace detail

// A reservation of estimated tokens and cost for one call. Settle it with the reported
// usage, or release it on failure; destroying an unsettled reservation releases it.
// Move-only; must not outlive its QuotaManager.
class Reservation
{
public:
    Reservation() = default;
    ~Reservation();
    Reservation(Reservation&& other) noexcept;
    Reservation& operator=(Reservation&& other) noexcept;
    Reservation(const Reservation&) = delete;
    Reservation& operator=(const Reservation&) = delete;

    bool isActive() const { return m_state != nullptr; }
    std::int64_t reservedTokens() const { return m_tokens; }
    Nanos reservedCost() const { return m_cost; }
    // Soft limits this reservation reached (empty in the common case).
    const std::vector<QuotaWarning>& warnings() const { return m_warnings; }

    // Replaces the estimate with the reported usage (which counts even when it is above
    // the estimate or a limit: it was spent) and writes it durably. Error codes:
    // "quota.request" (not active, negative counts), "storage.sqlite" (the write failed:
    // the usage still counts in memory).
    Result<SettledCall> settle(std::int64_t inputTokens, std::int64_t outputTokens);
    // Frees the estimate; the request still counts against requests_per_minute.
    void release();

private:
    friend class QuotaManager;
    detail::QuotaState* m_state = nullptr;
    std::array<detail::Counter*, kDimensionCount> m_counters{};
    std::int64_t m_tokens = 0;
    Nanos m_cost = 0;
    std::vector<QuotaWarning> m_warnings;
};

// One running run's place in concurrent_runs; released by release() or destruction.
class RunSlot
{
public:
    RunSlot() = default;
    ~RunSlot();
    RunSlot(RunSlot&& other) noexcept;
    RunSlot& operator=(RunSlot&& other) noexcept;
    RunSlot(const RunSlot&) = delete;
    RunSlot& operator=(const RunSlot&) = delete;

    bool isActive() const { return m_state != nullptr; }
    const std::vector<QuotaWarning>& warnings() const { return m_warnings; }
    void release();

private:
    friend class QuotaManager;
    detail::QuotaState* m_state = nullptr;
    std::array<detail::Counter*, 3> m_counters{}; // user, app, stage
    std::vector<QuotaWarning> m_warnings;
};

class QuotaManager
{
public:
    // Loads this month's settled usage and each counter's rate state from `store`. The
    // store and the clock must outlive the manager. Errors: the store's.
    static Result<std::unique_ptr<QuotaManager>> create(QuotaStore& store, const Clock& clock,
                                                        const LocalCalendar& calendar, QuotaPresets presets,
                                                        CostCalculator prices);
    ~QuotaManager();

    // A new bundle's presets or catalog's prices apply from the next check on.
    void setPresets(QuotaPresets presets);
    void setPrices(CostCalculator prices);

    // Checks every limit of every dimension and, only if all pass, reserves
    // promptTokens + maxOutputTokens tokens and their estimated cost and counts one request.
    // Error codes: "quota.exceeded" (a hard limit; `refusal` says which), "quota.stage" (no
    // preset for the stage), "quota.price" (no price for the model), "quota.request"
    // (empty user, app, model or stage, or negative token counts).
    Result<Reservation> reserve(const CallRequest& request, QuotaRefusal* refusal = nullptr);
    // Counts a run against concurrent_runs of its user, app and stage. Errors as reserve().
    Result<RunSlot> acquireRun(const RunRequest& request, QuotaRefusal* refusal = nullptr);

    // Tokens the call could still use today: the least headroom of its four dimensions
    // (kUnlimited when none limits tokens), for the policy input's app.quota_remaining.
    // Errors: "quota.stage".
    Result<std::int64_t> remainingTokens(const CallRequest& request);

    // Every limit of every counter seen so far, against the limits last checked for it.
    std::vector<LimitStatus> limitStatus();
    // The result of usage.summary (docs/protocol.md): daily tokens and cost per app for the
    // last `days` local days (today included, days without usage as zeros), whether each
    // app is paused, and limitStatus(). Errors: the store's.
    Result<QJsonObject> usageSummary(int days);

private:
    explicit QuotaManager(std::unique_ptr<detail::QuotaState> state);
    std::unique_ptr<detail::QuotaState> m_state;
};

} // namespace corral::quota
