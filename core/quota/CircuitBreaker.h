// SPDX-License-Identifier: Apache-2.0
// CircuitBreaker: pauses an app that misbehaves, from rules in bundle data (format in
// docs/quotas.md): too many policy denials in a window, a model call using far more tokens
// than the app's recent median, many file reads followed by an outbound request. The paused
// state is kept in the QuotaStore, so it survives restarts until the person resumes the app.
// Thread-safe.
#pragma once

#include "Clock.h"
#include "QuotaStore.h"
#include "Result.h"

#include <QHash>
#include <QJsonObject>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace corral::quota {

struct BreakerRules
{
    // "denials": `count` policy denials of one app within `window_seconds` trip.
    struct Denials
    {
        int count = 5;
        int windowSeconds = 60;
    };
    // "token_spike": a call using more than `factor` times the median of the app's last
    // `history` calls (once it has `min_history` of them) and at least `min_tokens` trips.
    struct TokenSpike
    {
        double factor = 10;
        int history = 20;
        int minHistory = 5;
        std::int64_t minTokens = 2000;
    };
    // "read_then_send": an outbound request after `min_reads` file reads within
    // `window_seconds` of the same run trips (before the request is sent).
    struct ReadThenSend
    {
        int minReads = 20;
        int windowSeconds = 300;
    };
    // A rule absent from the data is off.
    std::optional<Denials> denials;
    std::optional<TokenSpike> tokenSpike;
    std::optional<ReadThenSend> readThenSend;

    // Parses the value of "circuit_breaker". Error code "quota.breaker": an unknown rule or
    // member, a value of the wrong type or out of range; the message names source and JSON pointer.
    static Result<BreakerRules> fromJson(const QJsonObject& rules, const QString& source);
    // Parses a data document whose "circuit_breaker" member holds the rules.
    static Result<BreakerRules> parse(const QByteArray& text, const QString& source);
    // All three rules with the values above.
    static BreakerRules defaults();
};

// A tripped rule: the app is now paused. The caller audits app.paused and tells the studio.
struct Trip
{
    QString app;
    QString rule;   // "denials" | "token_spike" | "read_then_send"
    QString reason; // for people, e.g. "policy denials: 5 within 60 s"
    // Non-empty when the pause could not be written to the store; the app is paused in
    // memory all the same.
    QString storeError;
};

class CircuitBreaker
{
public:
    // Loads the paused apps from `store`; store and clock must outlive the breaker.
    static Result<std::unique_ptr<CircuitBreaker>> create(QuotaStore& store, const Clock& clock, BreakerRules rules);

    void setRules(BreakerRules rules);

    // Events. Each returns the trip when it paused the app; events of a paused app are ignored.
    std::optional<Trip> onDenial(const QString& app);
    // After a model call, with the tokens it used.
    std::optional<Trip> onModelCall(const QString& app, std::int64_t tokens);
    void onFileRead(const QString& app, const QString& runId);
    // Before an outbound request is sent: on a trip, do not send it.
    std::optional<Trip> onHttpRequest(const QString& app, const QString& runId);
    // Forgets the run's file reads.
    void onRunFinished(const QString& app, const QString& runId);

    bool isPaused(const QString& app) const;
    std::optional<PausedApp> pausedInfo(const QString& app) const;
    std::vector<PausedApp> pausedApps() const;
    // An administrator's pause (rule "manual"). Errors: the store's.
    Result<void> pause(const QString& app, const QString& reason);
    // Resumes after the person confirmed; true when the app was paused. Errors: the store's.
    Result<bool> resume(const QString& app);

private:
    CircuitBreaker(QuotaStore& store, const Clock& clock, BreakerRules rules);
    // Caller holds m_mutex.
    Trip trip(const QString& app, const QString& rule, const QString& reason);

    QuotaStore& m_store;
    const Clock& m_clock;
    mutable std::mutex m_mutex;
    BreakerRules m_rules;
    QHash<QString, PausedApp> m_paused;
    QHash<QString, std::deque<qint64>> m_denials;                      // per app, times in ms
    QHash<QString, std::deque<std::int64_t>> m_tokenHistory;           // per app, last calls' tokens
    std::map<std::pair<QString, QString>, std::deque<qint64>> m_reads; // per (app, run), times in ms
};

} // namespace corral::quota
