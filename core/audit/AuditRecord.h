// SPDX-License-Identifier: Apache-2.0
// Audit records: the canonical JSON line {seq, ts, origin, prev, type, ...event} that is
// stored and hashed byte for byte, how it is assembled from an event, and a fast scanner
// for the header fields that verification reads from millions of records.
#pragma once

#include "AuditEvent.h"
#include "MerkleTree.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <cstdint>
#include <utility>
#include <vector>

namespace corral::audit {

// `prev` of record 0: 64 zeros.
QByteArray genesisPrev();

// An event with its fields already in canonical form, ready to be stamped by the log's
// writer. Preparing happens on the appending thread so the single writer only splices.
class PreparedEvent
{
public:
    // Errors: "audit.event" (see AuditEvent::validate), "jcs.number", "jcs.string".
    static Result<PreparedEvent> prepare(const AuditEvent& event);

    // The canonical record for this event at `seq`. `prevHex` is 64 lowercase hex digits.
    QByteArray stamp(std::uint64_t seq, qint64 tsMs, const QByteArray& originJson, const QByteArray& prevHex) const;
    // The same with the time already in canonical form (timestampJson(tsMs)); a batch
    // stamped at one instant formats it once.
    QByteArray stamp(std::uint64_t seq, const QByteArray& tsJson, const QByteArray& originJson,
                     const QByteArray& prevHex) const;
    // The same written over `out`, whose capacity the writer reuses from record to record.
    void stampInto(QByteArray& out, std::uint64_t seq, QByteArrayView tsJson, QByteArrayView originJson,
                   QByteArrayView prevHex) const;

    const QString& type() const { return m_type; }

private:
    QString m_type;
    // The type's canonical string, then every event member as `"key":value,` in JCS key
    // order: one allocation per event, copied into records in a few slices.
    QByteArray m_text;
    qsizetype m_typeSize = 0;
    // Where in m_text each of the five header members (origin, prev, seq, ts, type) goes:
    // before the first event member whose key sorts after it.
    qsizetype m_headerAt[5] = {};
};

// "\"2026-01-15T14:23:10.000Z\"": the canonical JSON of a record's `ts`.
QByteArray timestampJson(qint64 tsMs);

// Canonical JSON of a string, for the origin that every record repeats.
QByteArray canonicalString(const QString& text);

// The header fields of a stored record, read without building a JSON tree. Views point
// into the scanned bytes.
struct RecordHeader
{
    std::uint64_t seq = 0;
    QByteArrayView prev; // hex, as stored
    QByteArrayView ts;
    QByteArrayView type;
    QByteArrayView origin;
};

// Error code "audit.record" when the bytes are not a JSON object with an unsigned integer
// `seq` and string `prev`, `ts`, `type` and `origin`.
Result<RecordHeader> scanRecord(QByteArrayView record);

} // namespace corral::audit
