// SPDX-License-Identifier: Apache-2.0
// The audit witness (C2SP tlog-witness semantics): a device uploads the records the server
// lacks with a checkpoint it signed; the witness accepts them only if they extend the log
// it holds (seq and prev continuity, the recomputed Merkle root equals the checkpoint's),
// stores them and the new state in one transaction, and answers with its cosignature.
// Rollbacks, forks and gaps are refused with distinct errors and raise alerts.
#pragma once

#include "Clock.h"
#include "Result.h"
#include "ServerStore.h"
#include "crypto/SignedNote.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

namespace corral::server {

// Error codes (Error::code), each with its own HTTP status (see docs/server.md).
namespace witness {
inline constexpr char kMalformed[] = "witness.malformed";        // 400: the body is not an upload
inline constexpr char kBadCheckpoint[] = "witness.checkpoint";   // 403: not signed by the device's key
inline constexpr char kGap[] = "witness.gap";                    // 409: records start after what is held
inline constexpr char kSmaller[] = "witness.smaller";            // 412: a tree smaller than the held one
inline constexpr char kFork[] = "witness.fork";                  // 422: another history at or below the held size
inline constexpr char kRootMismatch[] = "witness.root-mismatch"; // 422: records do not hash to the checkpoint
inline constexpr char kIncomplete[] = "witness.incomplete";      // 400: records stop before the checkpoint's size
} // namespace witness

// Right edge of an RFC 6962 tree: the roots of its perfect subtrees, largest first.
class TreeEdge
{
public:
    TreeEdge() = default;
    TreeEdge(std::uint64_t size, std::vector<audit::Hash> edge) : m_size(size), m_edge(std::move(edge)) {}
    void append(const audit::Hash& leaf);
    audit::Hash root() const;
    std::uint64_t size() const { return m_size; }
    const std::vector<audit::Hash>& edge() const { return m_edge; }

private:
    std::uint64_t m_size = 0;
    std::vector<audit::Hash> m_edge;
};

struct IngestResult
{
    std::uint64_t size = 0;       // the witnessed size after the upload
    std::uint64_t accepted = 0;   // new records stored
    std::uint64_t duplicates = 0; // records the server already held (re-sent after a lost answer)
    QByteArray cosigned;          // the checkpoint with the witness's cosignature line
};

// The state a device should sync from.
struct WitnessState
{
    std::uint64_t size = 0;
    QByteArray cosigned; // empty before the first upload
};

class Witness
{
public:
    Witness(ServerStore& store, crypto::NoteSigner witnessKey, const Clock& clock = Clock::system());

    // The upload body: a first line {"checkpoint": "<signed note>"}, then one canonical
    // record per line in seq order (starting at any seq <= the held size).
    Result<IngestResult> ingest(const QString& deviceId, QByteArrayView body);
    Result<WitnessState> state(const QString& deviceId);

    // Raises one "silence" alert per device that synced before but not within `silenceMs`.
    // Returns how many were raised.
    Result<int> checkSilence(qint64 silenceMs);

    const crypto::NoteSigner& key() const { return m_key; }

private:
    Error refuse(const Device& device, const char* code, const QString& alertKind, const QString& message);

    ServerStore& m_store;
    crypto::NoteSigner m_key;
    const Clock& m_clock;
};

} // namespace corral::server
