// SPDX-License-Identifier: Apache-2.0
// Full verification of an audit log (the database plus its retained checkpoint) and of a
// JSON Lines export on its own. Every failure is named by kind and seq so an auditor can
// go straight to the record at fault.
#pragma once

#include "Checkpoint.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace corral::crypto {
struct NoteVerifier;
}

namespace corral::audit {

// Failure kinds, as printed.
namespace kinds {
inline constexpr char kHashMismatch[] = "hash-mismatch"; // a record's bytes changed
inline constexpr char kGap[] = "gap";                    // a seq is missing
inline constexpr char kReorder[] = "reorder";            // a record sits at another seq
inline constexpr char kDuplicate[] = "duplicate";        // a record appears twice
inline constexpr char kBadSignature[] = "bad-signature"; // a checkpoint's signature fails
inline constexpr char kUnknownKey[] = "unknown-key";     // a checkpoint signed by an untrusted key
inline constexpr char kTruncated[] = "truncated";        // records a checkpoint vouches for are gone
inline constexpr char kFork[] = "fork";                  // two signed histories disagree
inline constexpr char kReplaced[] = "replaced";          // the database is not the log the retained checkpoint names
} // namespace kinds

struct Finding
{
    QString kind;
    std::uint64_t seq = 0;
    QString detail;

    // "<kind> seq <N>: <detail>"
    QString toLine() const;
    bool operator==(const Finding& o) const { return kind == o.kind && seq == o.seq; }
};

struct VerifyReport
{
    std::uint64_t records = 0;
    std::optional<Checkpoint> checkpoint; // the latest verified checkpoint
    QList<Finding> failures;              // sorted by seq, then kind
    QStringList repairs;                  // crash repairs recorded by the log (not failures)
    QStringList notes;                    // informational (e.g. records not yet checkpointed)

    bool ok() const { return failures.isEmpty(); }
    // "ok: N records, checkpoint N <root>" (root in base64, as in the checkpoint).
    QString summary() const;
};

struct VerifyOptions
{
    QList<crypto::NoteVerifier> trusted;
    // Retained checkpoint file; empty: retainedCheckpointPath(dbPath). "-": none.
    QString retainedPath;
};

// Errors only when the log cannot be read at all ("audit.missing", "audit.schema",
// "storage.*"); everything found wrong inside it is a Finding.
Result<VerifyReport> verifyLog(const QString& dbPath, const VerifyOptions& options);

// Verifies a JSON Lines export (see AuditExport.h): each line's leaf hash, its inclusion
// proof into its checkpoint, the checkpoint's signature, order and the prev chain between
// consecutive seqs. Error "audit.export" only when the input is not an export at all.
Result<VerifyReport> verifyExport(QByteArrayView jsonl, const QList<crypto::NoteVerifier>& trusted);

} // namespace corral::audit
