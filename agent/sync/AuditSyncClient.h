// SPDX-License-Identifier: Apache-2.0
// Sends the local audit log to the server's witness: asks what the server holds, uploads
// the records it lacks up to a signed checkpoint of the local log, and keeps the returned
// cosignature next to the log. Records stay in the local log until witnessed, so offline
// periods need no other buffer; failed attempts are retried with exponential backoff.
#pragma once

#include "Clock.h"
#include "Result.h"
#include "ServerConnection.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <functional>

namespace corral::agent::sync {

struct SyncStatus
{
    QString state = QStringLiteral("idle"); // "idle", "syncing", "synced", "offline", "refused"
    std::uint64_t witnessedSize = 0;
    qint64 lastSyncMs = 0;
    QString lastError; // "code: message" of the last failure
    qint64 retryInMs = 0;
};

// "<dbPath>.cosigned": the latest checkpoint with the witness's cosignature.
QString cosignedCheckpointPath(const QString& auditDbPath);

class AuditSyncClient : public QObject
{
    Q_OBJECT
public:
    AuditSyncClient(ServerConnection& connection, QString auditDbPath, const Clock& clock = Clock::system(),
                    QObject* parent = nullptr);

    // Records per upload at most (the checkpoint chosen is the largest that fits; a single
    // checkpoint further away is sent whole).
    void setMaxBatch(std::uint64_t records) { m_maxBatch = records; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // One sync round: uploads until the server holds the latest local checkpoint. Answers
    // with the witnessed size. Errors: the server's codes ("witness.fork", ...),
    // "sync.network", the audit store's errors.
    void syncOnce(std::function<void(Result<std::uint64_t>)> done);

    // Syncs every `intervalMs`, and after a failure after 1 s, 2 s, 4 s ... up to
    // `maxBackoffMs`.
    void start(int intervalMs, int maxBackoffMs = 5 * 60 * 1000);
    void stop();
    // Schedules a round now (e.g. after a checkpoint was written).
    void nudge();

    const SyncStatus& status() const { return m_status; }

Q_SIGNALS:
    void synced(quint64 witnessedSize);
    void failed(const QString& code, const QString& message);

private:
    void round(std::function<void(Result<std::uint64_t>)> done, int gapRetries);
    void upload(std::uint64_t held, std::function<void(Result<std::uint64_t>)> done, int gapRetries);
    // Writes the witness's cosigned checkpoint next to the log. Error "sync.io".
    Result<void> keepCosigned(const QByteArray& cosigned);
    void scheduled();

    ServerConnection& m_connection;
    QString m_dbPath;
    const Clock& m_clock;
    std::uint64_t m_maxBatch = 50000;
    int m_timeoutMs = 60000;
    SyncStatus m_status;
    QTimer m_timer;
    int m_intervalMs = 0;
    int m_maxBackoffMs = 0;
    int m_failures = 0;
    bool m_running = false;
};

} // namespace corral::agent::sync
