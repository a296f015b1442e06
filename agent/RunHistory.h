// SPDX-License-Identifier: Apache-2.0
// The runs an agent has started, in its database: a row when a run starts, completed when
// it finishes, so the history survives restarts and a run the agent died in shows as
// "interrupted" rather than running forever.
#pragma once

#include "Result.h"
#include "storage/SqliteDatabase.h"

#include <QString>
#include <mutex>
#include <vector>

namespace corral::agent {

struct RunRecord
{
    QString runId;
    QString app;
    int revision = 0;
    QString status = QStringLiteral("running"); // running | interrupted | the finished statuses
    int exitCode = 0;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0; // 0 while running
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0;
    QString errorCode;
    QString errorMessage;
};

class RunHistory
{
public:
    // Opens the agent database; runs left "running" by an agent that died become
    // "interrupted". Errors: as openAgentDatabase.
    static Result<std::unique_ptr<RunHistory>> open(const QString& databasePath);

    // Thread-safe.
    Result<void> started(const RunRecord& run);
    Result<void> finished(const RunRecord& run);
    // Newest first; `app` empty for every app.
    Result<std::vector<RunRecord>> list(const QString& app, int limit);

private:
    explicit RunHistory(storage::SqliteDatabase db) : m_db(std::move(db)) {}

    std::mutex m_mutex;
    storage::SqliteDatabase m_db;
};

} // namespace corral::agent
