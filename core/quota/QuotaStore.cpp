// SPDX-License-Identifier: Apache-2.0
#include "QuotaStore.h"

#include <QDir>
#include <QFileInfo>

namespace corral::quota {

using storage::SqliteDatabase;
using storage::SqliteStatement;
using storage::SqliteTransaction;

namespace {

constexpr char kCreateMeta[] = "CREATE TABLE IF NOT EXISTS quota_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)";

// Version 1. Costs are integer nano-dollars; days are local yyyymmdd integers.
constexpr char kCreateV1[] = R"(
CREATE TABLE IF NOT EXISTS quota_usage(
    day INTEGER NOT NULL, user TEXT NOT NULL, app TEXT NOT NULL, model TEXT NOT NULL, stage TEXT NOT NULL,
    requests INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
    cost_nanos INTEGER NOT NULL,
    PRIMARY KEY(day, user, app, model, stage)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quota_counters(
    dimension TEXT NOT NULL, key TEXT NOT NULL, rate_tat_us INTEGER NOT NULL,
    requests_per_minute INTEGER, requests_burst INTEGER, tokens_per_day INTEGER, cost_per_month_nanos INTEGER,
    concurrent_runs INTEGER, max_tokens_per_call INTEGER, soft_permille INTEGER,
    PRIMARY KEY(dimension, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quota_paused(
    app TEXT PRIMARY KEY, rule TEXT NOT NULL, reason TEXT NOT NULL, paused_at_ms INTEGER NOT NULL);
INSERT OR REPLACE INTO quota_meta(key, value) VALUES('schema_version', '1');
)";

QString text(const SqliteStatement& st, int column)
{
    return QString::fromUtf8(st.columnBlob(column));
}

void bindLimit(SqliteStatement& st, int index, std::int64_t value)
{
    if (value == kUnlimited)
        st.bindNull(index);
    else
        st.bindInt64(index, value);
}

std::int64_t columnLimit(const SqliteStatement& st, int column)
{
    return st.columnIsNull(column) ? kUnlimited : st.columnInt64(column);
}

} // namespace

Result<std::unique_ptr<QuotaStore>> QuotaStore::open(const QString& path, const Options& options)
{
    std::unique_ptr<QuotaStore> store(new QuotaStore);
    QDir().mkpath(QFileInfo(path).absolutePath());
    SqliteDatabase::Options dbOptions;
    dbOptions.synchronous = options.fullSync ? SqliteDatabase::Synchronous::Full : SqliteDatabase::Synchronous::Normal;
    Result<SqliteDatabase> db = SqliteDatabase::open(path, dbOptions);
    if (!db)
        return db.error();
    store->m_db = std::move(*db);
    if (Result<void> r = store->m_db.exec(kCreateMeta); !r)
        return r.error();
    Result<SqliteStatement> version = store->m_db.prepare("SELECT value FROM quota_meta WHERE key = 'schema_version'");
    if (!version)
        return version.error();
    Result<bool> row = version->step();
    if (!row)
        return row.error();
    const int found = *row ? text(*version, 0).toInt() : 0;
    version->reset();
    if (found > kSchemaVersion)
        return makeError(QStringLiteral("quota.schema"),
                         QStringLiteral("%1 holds quota tables of schema version %2; this version reads up to %3")
                             .arg(path)
                             .arg(found)
                             .arg(kSchemaVersion));
    if (found < kSchemaVersion) {
        Result<SqliteTransaction> tx = SqliteTransaction::begin(store->m_db);
        if (!tx)
            return tx.error();
        if (Result<void> r = store->m_db.exec(kCreateV1); !r)
            return r.error();
        if (Result<void> r = tx->commit(); !r)
            return r.error();
    }
    Result<SqliteStatement> addUsage = store->m_db.prepare(
        "INSERT INTO quota_usage(day, user, app, model, stage, requests, input_tokens, output_tokens, cost_nanos) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(day, user, app, model, stage) DO UPDATE SET "
        "requests = requests + excluded.requests, input_tokens = input_tokens + excluded.input_tokens, "
        "output_tokens = output_tokens + excluded.output_tokens, cost_nanos = cost_nanos + excluded.cost_nanos");
    if (!addUsage)
        return addUsage.error();
    store->m_addUsage = std::move(*addUsage);
    Result<SqliteStatement> saveCounter = store->m_db.prepare(
        "INSERT OR REPLACE INTO quota_counters(dimension, key, rate_tat_us, requests_per_minute, requests_burst, "
        "tokens_per_day, cost_per_month_nanos, concurrent_runs, max_tokens_per_call, soft_permille) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!saveCounter)
        return saveCounter.error();
    store->m_saveCounter = std::move(*saveCounter);
    return store;
}

Result<void> QuotaStore::recordUsage(const UsageRow& delta, const std::vector<CounterRow>& counters)
{
    std::lock_guard lock(m_mutex);
    Result<SqliteTransaction> tx = SqliteTransaction::begin(m_db);
    if (!tx)
        return tx.error();
    m_addUsage.bindInt64(1, delta.day);
    m_addUsage.bindText(2, delta.user.toUtf8());
    m_addUsage.bindText(3, delta.app.toUtf8());
    m_addUsage.bindText(4, delta.model.toUtf8());
    m_addUsage.bindText(5, delta.stage.toUtf8());
    m_addUsage.bindInt64(6, delta.requests);
    m_addUsage.bindInt64(7, delta.inputTokens);
    m_addUsage.bindInt64(8, delta.outputTokens);
    m_addUsage.bindInt64(9, delta.cost);
    if (Result<void> r = m_addUsage.run(); !r)
        return r;
    for (const CounterRow& c : counters) {
        m_saveCounter.bindText(1, toString(c.dimension).toUtf8());
        m_saveCounter.bindText(2, c.key.toUtf8());
        m_saveCounter.bindInt64(3, c.rateTatUs);
        if (c.limits) {
            bindLimit(m_saveCounter, 4, c.limits->requestsPerMinute);
            bindLimit(m_saveCounter, 5, c.limits->requestsBurst);
            bindLimit(m_saveCounter, 6, c.limits->tokensPerDay);
            bindLimit(m_saveCounter, 7, c.limits->costPerMonth);
            bindLimit(m_saveCounter, 8, c.limits->concurrentRuns);
            bindLimit(m_saveCounter, 9, c.limits->maxTokensPerCall);
            m_saveCounter.bindInt64(10, std::int64_t(c.limits->softRatio * 1000 + 0.5));
        }
        if (Result<void> r = m_saveCounter.run(); !r)
            return r;
    }
    return tx->commit();
}

Result<std::vector<UsageRow>> QuotaStore::usageSince(DayKey firstDay)
{
    std::lock_guard lock(m_mutex);
    Result<SqliteStatement> st =
        m_db.prepare("SELECT day, user, app, model, stage, requests, input_tokens, output_tokens, cost_nanos "
                     "FROM quota_usage WHERE day >= ?1 ORDER BY day, app, user, model, stage");
    if (!st)
        return st.error();
    st->bindInt64(1, firstDay);
    std::vector<UsageRow> rows;
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        rows.push_back({int(st->columnInt64(0)), text(*st, 1), text(*st, 2), text(*st, 3), text(*st, 4),
                        st->columnInt64(5), st->columnInt64(6), st->columnInt64(7), st->columnInt64(8)});
    }
    return rows;
}

Result<std::vector<CounterRow>> QuotaStore::counters()
{
    std::lock_guard lock(m_mutex);
    Result<SqliteStatement> st =
        m_db.prepare("SELECT dimension, key, rate_tat_us, requests_per_minute, requests_burst, tokens_per_day, "
                     "cost_per_month_nanos, concurrent_runs, max_tokens_per_call, soft_permille FROM quota_counters");
    if (!st)
        return st.error();
    std::vector<CounterRow> rows;
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const std::optional<Dimension> dimension = dimensionFromString(text(*st, 0));
        if (!dimension)
            continue; // written by a later version with more dimensions
        CounterRow c;
        c.dimension = *dimension;
        c.key = text(*st, 1);
        c.rateTatUs = st->columnInt64(2);
        if (!st->columnIsNull(9)) {
            Limits limits;
            limits.requestsPerMinute = columnLimit(*st, 3);
            limits.requestsBurst = columnLimit(*st, 4);
            limits.tokensPerDay = columnLimit(*st, 5);
            limits.costPerMonth = columnLimit(*st, 6);
            limits.concurrentRuns = columnLimit(*st, 7);
            limits.maxTokensPerCall = columnLimit(*st, 8);
            limits.softRatio = double(st->columnInt64(9)) / 1000.0;
            c.limits = limits;
        }
        rows.push_back(std::move(c));
    }
    return rows;
}

Result<void> QuotaStore::setPaused(const PausedApp& paused)
{
    std::lock_guard lock(m_mutex);
    Result<SqliteStatement> st =
        m_db.prepare("INSERT OR REPLACE INTO quota_paused(app, rule, reason, paused_at_ms) VALUES(?1, ?2, ?3, ?4)");
    if (!st)
        return st.error();
    st->bindText(1, paused.app.toUtf8());
    st->bindText(2, paused.rule.toUtf8());
    st->bindText(3, paused.reason.toUtf8());
    st->bindInt64(4, paused.pausedAtMs);
    return st->run();
}

Result<bool> QuotaStore::clearPaused(const QString& app)
{
    std::lock_guard lock(m_mutex);
    Result<SqliteStatement> st = m_db.prepare("DELETE FROM quota_paused WHERE app = ?1");
    if (!st)
        return st.error();
    st->bindText(1, app.toUtf8());
    if (Result<void> r = st->run(); !r)
        return r.error();
    Result<std::int64_t> changes = m_db.queryInt64("SELECT changes()");
    if (!changes)
        return changes.error();
    return *changes > 0;
}

Result<std::vector<PausedApp>> QuotaStore::pausedApps()
{
    std::lock_guard lock(m_mutex);
    Result<SqliteStatement> st = m_db.prepare("SELECT app, rule, reason, paused_at_ms FROM quota_paused ORDER BY app");
    if (!st)
        return st.error();
    std::vector<PausedApp> rows;
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        rows.push_back({text(*st, 0), text(*st, 1), text(*st, 2), st->columnInt64(3)});
    }
    return rows;
}

} // namespace corral::quota
