// SPDX-License-Identifier: Apache-2.0
// Read access to an audit database for the verifier, the exporter and the proof verbs:
// opening without creating, the log's identity, its checkpoints and records in order.
// Writing is AuditLog's alone.
#pragma once

#include "MerkleTree.h"
#include "Result.h"
#include "storage/SqliteDatabase.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <cstdint>
#include <functional>

namespace corral::audit {

struct StoredCheckpoint
{
    std::int64_t id = 0;
    std::uint64_t size = 0; // as stored next to the note (informational; the note is authoritative)
    QByteArray note;
    qint64 writtenMs = 0;
};

class AuditStore
{
public:
    // Error codes: "audit.missing" (no such file), "storage.open", "audit.schema" (not an
    // audit database).
    static Result<AuditStore> open(const QString& dbPath);

    const QString& path() const { return m_path; }
    QString logId() const { return m_logId; }
    QString origin() const { return m_origin; }
    storage::SqliteDatabase& database() { return m_db; }

    Result<QList<StoredCheckpoint>> checkpoints();
    Result<QStringList> repairs();
    // Rows in seq order: `visit(seq, record)` returns false to stop early.
    Result<void> forEachRecord(const std::function<bool(std::uint64_t seq, QByteArrayView record)>& visit,
                               std::uint64_t fromSeq = 0);
    // The same rows as a statement to step through: columns 0 = seq, 1 = record. For
    // loops over millions of rows, where a call through std::function per row shows.
    Result<storage::SqliteStatement> recordCursor(std::uint64_t fromSeq = 0);
    // Leaf hashes of records [begin, end), for proofs. Fails when a seq is missing.
    Result<std::vector<Hash>> leafHashes(std::uint64_t begin, std::uint64_t end);
    Result<std::uint64_t> recordCount();

private:
    QString m_path;
    QString m_logId;
    QString m_origin;
    storage::SqliteDatabase m_db;
};

} // namespace corral::audit
