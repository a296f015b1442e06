// SPDX-License-Identifier: Apache-2.0
// QuotaStore: the quota tables in the agent database. Settled usage per local day, user,
// app, model and stage; the request-rate state and last limits of each counter; paused
// apps. Every write is one transaction, durable when it returns, so neither a restart nor
// a crash resets usage.
#pragma once

#include "LocalCalendar.h"
#include "QuotaTypes.h"
#include "Result.h"
#include "storage/SqliteDatabase.h"

#include <memory>
#include <mutex>
#include <vector>

namespace corral::quota {

// Settled usage of one local day for one (user, app, model, stage).
struct UsageRow
{
    DayKey day = 0;
    QString user;
    QString app;
    QString model;
    QString stage;
    std::int64_t requests = 0;
    std::int64_t inputTokens = 0;
    std::int64_t outputTokens = 0;
    Nanos cost = 0;
};

// What survives a restart of one counter besides its usage: its request-rate state (GCRA
// theoretical arrival time, µs since the epoch) and the limits last checked against it.
struct CounterRow
{
    Dimension dimension = Dimension::App;
    QString key;
    std::int64_t rateTatUs = 0;
    std::optional<Limits> limits;
};

struct PausedApp
{
    QString app;
    QString rule; // the breaker rule that tripped, or "manual"
    QString reason;
    qint64 pausedAtMs = 0;
};

class QuotaStore
{
public:
    static constexpr int kSchemaVersion = 1;

    struct Options
    {
        // true: every commit is fsync'ed (survives power loss); false: survives a process crash.
        bool fullSync = true;
    };

    // Opens or creates the quota tables in the database at `path` (other tables in it are
    // left alone). Error codes: "storage.open", "storage.sqlite", "quota.schema" (the tables
    // were written by a newer version).
    static Result<std::unique_ptr<QuotaStore>> open(const QString& path, const Options& options);
    static Result<std::unique_ptr<QuotaStore>> open(const QString& path) { return open(path, Options{}); }

    // Adds `delta` to its day's row and saves `counters`, in one transaction.
    Result<void> recordUsage(const UsageRow& delta, const std::vector<CounterRow>& counters);
    // Rows of days >= firstDay.
    Result<std::vector<UsageRow>> usageSince(DayKey firstDay);
    Result<std::vector<CounterRow>> counters();

    Result<void> setPaused(const PausedApp& paused);
    // true when the app was paused.
    Result<bool> clearPaused(const QString& app);
    Result<std::vector<PausedApp>> pausedApps();

private:
    QuotaStore() = default;
    std::mutex m_mutex; // the connection is single-threaded
    storage::SqliteDatabase m_db;
    storage::SqliteStatement m_addUsage;
    storage::SqliteStatement m_saveCounter;
};

} // namespace corral::quota
