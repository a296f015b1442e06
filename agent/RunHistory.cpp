// SPDX-License-Identifier: Apache-2.0
#include "RunHistory.h"

#include "AgentDatabase.h"

namespace corral::agent {

Result<std::unique_ptr<RunHistory>> RunHistory::open(const QString& databasePath)
{
    Result<storage::SqliteDatabase> db = openAgentDatabase(databasePath);
    if (!db.ok())
        return db.error();
    if (Result<void> marked =
            db->exec("UPDATE runs SET status = 'interrupted', exit_code = 1 WHERE status = 'running'");
        !marked.ok())
        return marked.error();
    return std::unique_ptr<RunHistory>(new RunHistory(std::move(db.value())));
}

Result<void> RunHistory::started(const RunRecord& run)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> insert =
        m_db.prepare("INSERT INTO runs (run_id, app, revision, status, exit_code, started_at) "
                     "VALUES (?1, ?2, ?3, 'running', 0, ?4)");
    if (!insert.ok())
        return insert.error();
    insert->bindText(1, run.runId.toUtf8());
    insert->bindText(2, run.app.toUtf8());
    insert->bindInt64(3, run.revision);
    insert->bindInt64(4, run.startedAtMs);
    return insert->run();
}

Result<void> RunHistory::finished(const RunRecord& run)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> update =
        m_db.prepare("UPDATE runs SET status = ?2, exit_code = ?3, finished_at = ?4, input_tokens = ?5, "
                     "output_tokens = ?6, cost_usd = ?7, error_code = ?8, error_message = ?9 WHERE run_id = ?1");
    if (!update.ok())
        return update.error();
    update->bindText(1, run.runId.toUtf8());
    update->bindText(2, run.status.toUtf8());
    update->bindInt64(3, run.exitCode);
    update->bindInt64(4, run.finishedAtMs);
    update->bindInt64(5, run.inputTokens);
    update->bindInt64(6, run.outputTokens);
    // The column has REAL affinity: SQLite stores this text as a number.
    update->bindText(7, QByteArray::number(run.costUsd, 'f', 6));
    if (run.errorCode.isEmpty()) {
        update->bindNull(8);
        update->bindNull(9);
    } else {
        update->bindText(8, run.errorCode.toUtf8());
        update->bindText(9, run.errorMessage.toUtf8());
    }
    return update->run();
}

Result<std::vector<RunRecord>> RunHistory::list(const QString& app, int limit)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> query = m_db.prepare(
        "SELECT run_id, app, revision, status, exit_code, started_at, IFNULL(finished_at, 0), input_tokens, "
        "output_tokens, CAST(cost_usd AS TEXT), IFNULL(error_code, ''), IFNULL(error_message, '') FROM runs "
        "WHERE ?1 = '' OR app = ?1 ORDER BY started_at DESC, rowid DESC LIMIT ?2");
    if (!query.ok())
        return query.error();
    query->bindText(1, app.toUtf8());
    query->bindInt64(2, limit);
    std::vector<RunRecord> runs;
    for (;;) {
        Result<bool> row = query->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        const auto text = [&](int column) { return QString::fromUtf8(query->columnBlob(column)); };
        RunRecord r;
        r.runId = text(0);
        r.app = text(1);
        r.revision = int(query->columnInt64(2));
        r.status = text(3);
        r.exitCode = int(query->columnInt64(4));
        r.startedAtMs = query->columnInt64(5);
        r.finishedAtMs = query->columnInt64(6);
        r.inputTokens = query->columnInt64(7);
        r.outputTokens = query->columnInt64(8);
        r.costUsd = text(9).toDouble();
        r.errorCode = text(10);
        r.errorMessage = text(11);
        runs.push_back(std::move(r));
    }
    return runs;
}

} // namespace corral::agent
