// SPDX-License-Identifier: Apache-2.0
// AuditLog: the append-only, tamper-evident log of everything Corral decides and does.
// Records go to SQLite (WAL) through one writer thread that batches concurrent appends
// into a transaction (group commit); append() returns once the batch is committed and
// fsync'ed. Signed checkpoints are written every N records, on a timer, and at close, and
// the latest is also kept in a file next to the database.
#pragma once

#include "AuditEvent.h"
#include "Checkpoint.h"
#include "Clock.h"
#include "Result.h"
#include "crypto/Ed25519.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace corral::audit {

// Database layout, shared with the verifier and exporter.
namespace schema {
// records(seq INTEGER PRIMARY KEY, record BLOB), checkpoints(id, size, note, written_ms),
// meta(key, value), repairs(id, ts, detail).
extern const char kCreate[];
inline constexpr char kMetaLogId[] = "log_id";
inline constexpr char kMetaOrigin[] = "origin";
inline constexpr char kMetaState[] = "state"; // "open" while a writer has it, "closed" after close()
// Page size of new logs. Records are a few hundred bytes and read back in long sequential
// passes (verify, export, reopen): 16 KiB pages need a quarter of the page reads of
// SQLite's default 4 KiB, while a small commit still writes little to the WAL.
inline constexpr int kPageSize = 16384;
} // namespace schema

// The file next to the database that keeps the latest checkpoint: "<db>.checkpoint".
QString retainedCheckpointPath(const QString& dbPath);

// The retained checkpoint: which log it belongs to and the signed note.
struct RetainedCheckpoint
{
    QString logId;
    QByteArray note;
};
// Error codes: "audit.retained" (unreadable or malformed file). A missing file gives an
// empty logId.
Result<RetainedCheckpoint> readRetainedCheckpoint(const QString& path);

class AuditLog
{
public:
    struct Options
    {
        QString origin;                              // for a new log; an existing one keeps its own
        std::uint64_t checkpointEvery = 1000;        // records between checkpoints
        qint64 checkpointIntervalMs = 5 * 60 * 1000; // timed checkpoint, even when idle
        const Clock* clock = &Clock::system();
        bool timer = true;           // the writer thread wakes to write timed checkpoints
        std::size_t maxBatch = 8192; // records per transaction
        bool fullSync = true;        // synchronous=FULL (power-loss safe); false: NORMAL (crash safe)
    };

    // Opens or creates the log at `dbPath`, signing with `key` under the log's origin.
    // Repairs the aftermath of a crash (reported by repairs()). Error codes:
    // "storage.open"/"storage.sqlite", "audit.key" (invalid key), "audit.origin" (no origin
    // for a new log), "audit.replaced" (the retained checkpoint belongs to another log),
    // "audit.truncated" (the database has fewer records than the retained checkpoint),
    // "audit.fork" (the records disagree with the retained checkpoint), "audit.record".
    static Result<std::unique_ptr<AuditLog>> open(const QString& dbPath, const crypto::Ed25519KeyPair& key,
                                                  const Options& options);
    ~AuditLog(); // close(), errors ignored

    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    // Appends one event; returns its seq once durable. Safe from any thread; concurrent
    // calls share transactions. Errors: "audit.event", "jcs.*", "storage.sqlite", "audit.closed".
    Result<std::uint64_t> append(const AuditEvent& event);
    // Appends events in order in one transaction; returns the seq of the first.
    Result<std::uint64_t> appendBatch(const std::vector<AuditEvent>& events);

    // Writes a signed checkpoint of the current tree now and returns it.
    Result<QByteArray> checkpoint();
    // Writes a timed checkpoint if the interval has passed since the last one (by the
    // log's clock). The writer thread calls it; tests with a ManualClock call it directly.
    void tick();
    // Drains pending appends, writes the closing checkpoint, marks the log closed.
    Result<void> close();

    std::uint64_t size() const;
    QString origin() const;
    QString logId() const;
    QByteArray latestCheckpoint() const;
    // What open() repaired, one line each (empty after a clean shutdown).
    QStringList repairs() const;

private:
    struct State;
    explicit AuditLog(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace corral::audit
