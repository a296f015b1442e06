// SPDX-License-Identifier: Apache-2.0
#include "AuditVerifier.h"

#include "AuditLog.h"
#include "AuditRecord.h"
#include "AuditStore.h"
#include "crypto/SignedNote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <map>
#include <set>
#include <thread>

namespace corral::audit {

QString Finding::toLine() const
{
    return QStringLiteral("%1 seq %2: %3").arg(kind).arg(seq).arg(detail);
}

QString VerifyReport::summary() const
{
    if (!checkpoint)
        return QStringLiteral("ok: %1 records, no checkpoint").arg(records);
    return QStringLiteral("ok: %1 records, checkpoint %2 %3")
        .arg(records)
        .arg(checkpoint->size)
        .arg(QString::fromLatin1(checkpoint->rootBase64()));
}

namespace {

void addFinding(QList<Finding>& list, const QString& kind, std::uint64_t seq, const QString& detail)
{
    Finding f{kind, seq, detail};
    if (!list.contains(f))
        list.append(f);
}

void sortFindings(QList<Finding>& list)
{
    std::stable_sort(list.begin(), list.end(), [](const Finding& a, const Finding& b) {
        return a.seq != b.seq ? a.seq < b.seq : a.kind < b.kind;
    });
}

std::uint64_t lastCovered(std::uint64_t size)
{
    return size == 0 ? 0 : size - 1;
}

// A checkpoint as the verifier sees it: where it came from and whether it holds.
// True when `hex` is the lowercase hex form of `h` (no allocation: this runs per record).
bool hexEquals(QByteArrayView hex, const Hash& h)
{
    static const char digits[] = "0123456789abcdef";
    if (hex.size() != qsizetype(h.size() * 2))
        return false;
    for (std::size_t i = 0; i < h.size(); ++i)
        if (hex[qsizetype(2 * i)] != digits[h[i] >> 4] || hex[qsizetype(2 * i + 1)] != digits[h[i] & 0xf])
            return false;
    return true;
}

struct CheckpointCheck
{
    QString source;                 // "checkpoint #id" or "retained checkpoint"
    std::optional<Checkpoint> body; // parsed text, signature or not
    bool signatureOk = false;
    qint64 order = 0; // write order; the retained one counts as the latest
};

} // namespace

Result<VerifyReport> verifyLog(const QString& dbPath, const VerifyOptions& options)
{
    Result<AuditStore> store = AuditStore::open(dbPath);
    if (!store)
        return store.error();
    VerifyReport report;
    QList<Finding>& failures = report.failures;

    // Checkpoints first: their sizes are where the record pass records roots.
    std::vector<CheckpointCheck> checks;
    Result<QList<StoredCheckpoint>> stored = store->checkpoints();
    if (!stored)
        return stored.error();
    auto examine = [&](const QString& source, const QByteArray& note, qint64 order) {
        CheckpointCheck c{source, std::nullopt, false, order};
        Result<Checkpoint> opened = openCheckpoint(note, options.trusted);
        Result<Checkpoint> peeked = peekCheckpoint(note);
        if (peeked)
            c.body = *peeked;
        const std::uint64_t seq = peeked ? lastCovered(peeked->size) : 0;
        if (opened) {
            c.signatureOk = true;
            c.body = *opened;
        } else if (opened.error().code == QLatin1String("checkpoint.unknown-key")) {
            addFinding(failures, QString::fromLatin1(kinds::kUnknownKey), seq,
                       source + QStringLiteral(" is not signed by a trusted key"));
        } else if (opened.error().code == QLatin1String("checkpoint.bad-signature")) {
            addFinding(failures, QString::fromLatin1(kinds::kBadSignature), seq,
                       source + QStringLiteral(": ") + opened.error().message);
        } else {
            addFinding(failures, QString::fromLatin1(kinds::kBadSignature), seq,
                       source + QStringLiteral(" is not a checkpoint: ") + opened.error().message);
        }
        checks.push_back(std::move(c));
    };
    for (const StoredCheckpoint& sc : *stored)
        examine(QStringLiteral("checkpoint #%1").arg(sc.id), sc.note, sc.id);

    const QString retainedPath = options.retainedPath.isEmpty() ? retainedCheckpointPath(dbPath) : options.retainedPath;
    if (retainedPath != QLatin1String("-")) {
        Result<RetainedCheckpoint> retained = readRetainedCheckpoint(retainedPath);
        if (!retained) {
            addFinding(failures, QString::fromLatin1(kinds::kReplaced), 0, retained.error().message);
        } else if (retained->logId.isEmpty()) {
            report.notes.append(QStringLiteral("no retained checkpoint at %1").arg(retainedPath));
        } else if (retained->logId != store->logId()) {
            addFinding(failures, QString::fromLatin1(kinds::kReplaced), 0,
                       QStringLiteral("the database is log %1 but the retained checkpoint belongs to log %2")
                           .arg(store->logId(), retained->logId));
        } else {
            examine(QStringLiteral("retained checkpoint"), retained->note, std::numeric_limits<qint64>::max());
        }
    }
    std::set<std::uint64_t> wantedSizes;
    for (const CheckpointCheck& c : checks)
        if (c.body)
            wantedSizes.insert(c.body->size);

    // One pass over the records in seq order.
    std::map<std::uint64_t, Hash> rootsAt;
    MerkleTree tree;
    if (wantedSizes.count(0))
        rootsAt[0] = tree.root();
    std::vector<bool> proper;                                       // row s holds the record with seq s
    std::vector<std::pair<std::uint64_t, std::uint64_t>> misplaced; // (row, record's seq)
    std::vector<std::int64_t> suspects;                             // k: record k+1's prev does not match record k
    std::uint64_t expected = 0;
    bool havePrevious = false; // the previous row is the proper record expected - 1
    Hash previousLeaf{};
    // Hashing and scanning are most of the work and independent per record: rows are
    // copied from SQLite into one reused buffer per chunk, hashed and scanned on two
    // threads, then walked in order for the tree, the chain and the seq checks. Nothing
    // is allocated per record.
    struct Row
    {
        std::uint64_t seq = 0;
        std::size_t offset = 0;
        std::size_t length = 0;
        Hash leaf{};
        bool scanned = false; // the header scan succeeded
        std::uint64_t claimedSeq = 0;
        QByteArrayView prev; // into chunkBytes; set in the parallel phase
    };
    auto processRow = [&](const Row& row, QByteArrayView bytes) {
        const std::uint64_t s = row.seq;
        if (s > expected) {
            addFinding(failures, QString::fromLatin1(kinds::kGap), expected,
                       s - expected == 1 ? QStringLiteral("record %1 is missing").arg(expected)
                                         : QStringLiteral("records %1..%2 are missing").arg(expected).arg(s - 1));
            havePrevious = false;
        }
        expected = s + 1;
        tree.append(row.leaf);
        if (!wantedSizes.empty() && wantedSizes.count(tree.size()))
            rootsAt[tree.size()] = tree.root();
        if (proper.size() <= s)
            proper.resize(std::max<std::size_t>(s + 1, proper.size() * 2), false);
        if (!row.scanned) {
            addFinding(failures, QString::fromLatin1(kinds::kHashMismatch), s,
                       QStringLiteral("record is not valid: ") + scanRecord(bytes).error().message);
            havePrevious = false;
            return;
        }
        if (row.claimedSeq != s) {
            misplaced.emplace_back(s, row.claimedSeq);
            havePrevious = false;
            return;
        }
        proper[s] = true;
        if (s == 0) {
            if (row.prev != genesisPrev())
                suspects.push_back(-1);
        } else if (havePrevious && !hexEquals(row.prev, previousLeaf)) {
            suspects.push_back(std::int64_t(s) - 1);
        }
        havePrevious = true;
        previousLeaf = row.leaf;
    };
    constexpr std::size_t kChunk = 8192;
    std::vector<Row> chunkRows;
    chunkRows.reserve(kChunk);
    std::vector<char> chunkBytes;
    chunkBytes.reserve(kChunk * 512);
    auto flush = [&] {
        const std::size_t n = chunkRows.size();
        auto work = [&](std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i) {
                Row& row = chunkRows[i];
                const QByteArrayView bytes(chunkBytes.data() + row.offset, qsizetype(row.length));
                row.leaf = leafHash(bytes);
                Result<RecordHeader> header = scanRecord(bytes);
                row.scanned = bool(header);
                if (header) {
                    row.claimedSeq = header->seq;
                    row.prev = header->prev;
                }
            }
        };
        if (n >= 256) {
            std::thread helper(work, n / 2, n);
            work(0, n / 2);
            helper.join();
        } else {
            work(0, n);
        }
        for (const Row& row : chunkRows)
            processRow(row, QByteArrayView(chunkBytes.data() + row.offset, qsizetype(row.length)));
        chunkRows.clear();
        chunkBytes.clear();
    };
    Result<void> pass = store->forEachRecord([&](std::uint64_t s, QByteArrayView bytes) {
        Row row;
        row.seq = s;
        row.offset = chunkBytes.size();
        row.length = std::size_t(bytes.size());
        chunkBytes.insert(chunkBytes.end(), bytes.begin(), bytes.end());
        chunkRows.push_back(row);
        if (chunkRows.size() == kChunk)
            flush();
        return true;
    });
    flush();
    if (!pass)
        return pass.error();
    report.records = tree.size();
    const std::uint64_t end = expected; // one past the highest seq present

    for (const auto& [row, claimed] : misplaced) {
        if (claimed < proper.size() && proper[claimed])
            addFinding(failures, QString::fromLatin1(kinds::kDuplicate), row,
                       QStringLiteral("holds a copy of record %1").arg(claimed));
        else
            addFinding(failures, QString::fromLatin1(kinds::kReorder), row,
                       QStringLiteral("holds record %1").arg(claimed));
    }
    // An edited record k breaks the link to k+1; an edited `prev` in record k breaks both
    // links around it, so two adjacent breaks point at the record between them.
    std::sort(suspects.begin(), suspects.end());
    for (std::size_t i = 0; i < suspects.size(); ++i) {
        if (i + 1 < suspects.size() && suspects[i + 1] == suspects[i] + 1)
            continue;
        const std::uint64_t seq = std::uint64_t(std::max<std::int64_t>(suspects[i], 0));
        addFinding(failures, QString::fromLatin1(kinds::kHashMismatch), seq,
                   suspects[i] < 0 ? QStringLiteral("the first record does not start the chain")
                                   : QStringLiteral("record %1 names a different previous hash").arg(seq + 1));
    }
    std::uint64_t firstRecordFailure = std::numeric_limits<std::uint64_t>::max();
    for (const Finding& f : std::as_const(failures))
        if (f.kind == QLatin1String(kinds::kHashMismatch) || f.kind == QLatin1String(kinds::kGap) ||
            f.kind == QLatin1String(kinds::kReorder) || f.kind == QLatin1String(kinds::kDuplicate))
            firstRecordFailure = std::min(firstRecordFailure, f.seq);

    // Signed checkpoints against the records.
    auto matches = [&](const CheckpointCheck& c) {
        auto it = rootsAt.find(c.body->size);
        return c.body->size <= end && it != rootsAt.end() && it->second == c.body->root;
    };
    const CheckpointCheck* latest = nullptr;
    for (const CheckpointCheck& c : checks) {
        if (!c.signatureOk || !c.body)
            continue;
        const std::uint64_t size = c.body->size;
        if (size > end) {
            addFinding(failures, QString::fromLatin1(kinds::kTruncated), end,
                       QStringLiteral("%1 covers %2 records, the log has %3").arg(c.source).arg(size).arg(end));
            continue;
        }
        if (firstRecordFailure < size)
            continue; // already explained by the record failure
        if (matches(c)) {
            if (!latest || size > latest->body->size || (size == latest->body->size && c.order > latest->order))
                latest = &c;
            continue;
        }
        // Does another signed checkpoint, at least as large, vouch for these records? Then
        // the key signed two histories (a fork); otherwise the records changed under it.
        bool laterAgrees = false;
        for (const CheckpointCheck& other : checks)
            if (other.signatureOk && other.body && other.body->size >= size && matches(other))
                laterAgrees = true;
        if (laterAgrees)
            addFinding(failures, QString::fromLatin1(kinds::kFork), lastCovered(size),
                       QStringLiteral("%1 (size %2) and the log's own signed checkpoints describe different histories")
                           .arg(c.source)
                           .arg(size));
        else
            addFinding(failures, QString::fromLatin1(kinds::kHashMismatch), lastCovered(size),
                       QStringLiteral("the records do not hash to the root of %1 (size %2)").arg(c.source).arg(size));
    }
    if (latest)
        report.checkpoint = latest->body;
    if (report.checkpoint && report.checkpoint->size < report.records)
        report.notes.append(
            QStringLiteral("%1 records after the latest checkpoint").arg(report.records - report.checkpoint->size));
    Result<QStringList> repairs = store->repairs();
    if (repairs)
        report.repairs = *repairs;
    sortFindings(failures);
    return report;
}

Result<VerifyReport> verifyExport(QByteArrayView jsonl, const QList<crypto::NoteVerifier>& trusted)
{
    VerifyReport report;
    QList<Finding>& failures = report.failures;
    std::map<QByteArray, std::optional<Checkpoint>> opened; // note -> verified body
    std::set<std::uint64_t> seen;
    std::optional<std::uint64_t> lastSeq;
    Hash lastLeaf{};
    std::uint64_t uncovered = 0;
    const Checkpoint* latest = nullptr;
    qsizetype lineNo = 0;
    for (QByteArrayView line : QByteArray(jsonl.toByteArray()).split('\n')) {
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line.toByteArray(), &error).object();
        if (error.error != QJsonParseError::NoError || !o.contains(QStringLiteral("record")) ||
            !o.value(QStringLiteral("seq")).isDouble())
            return makeError(QStringLiteral("audit.export"),
                             QStringLiteral("line %1 is not an exported audit event").arg(lineNo));
        const auto seq = std::uint64_t(o.value(QStringLiteral("seq")).toInteger());
        const QByteArray record = o.value(QStringLiteral("record")).toString().toUtf8();
        const Hash leaf = leafHash(record);
        ++report.records;
        if (o.value(QStringLiteral("leaf")).toString().toLatin1() != crypto::toBytes(leaf).toHex()) {
            addFinding(failures, QString::fromLatin1(kinds::kHashMismatch), seq,
                       QStringLiteral("the record does not hash to its leaf"));
            continue;
        }
        Result<RecordHeader> header = scanRecord(record);
        if (!header || header->seq != seq) {
            addFinding(failures, QString::fromLatin1(kinds::kReorder), seq,
                       QStringLiteral("the record carries another seq"));
            continue;
        }
        if (seen.count(seq)) {
            addFinding(failures, QString::fromLatin1(kinds::kDuplicate), seq, QStringLiteral("exported twice"));
            continue;
        }
        if (lastSeq && seq < *lastSeq)
            addFinding(failures, QString::fromLatin1(kinds::kReorder), seq,
                       QStringLiteral("follows seq %1").arg(*lastSeq));
        if (lastSeq && seq == *lastSeq + 1 && header->prev != crypto::toBytes(lastLeaf).toHex())
            addFinding(failures, QString::fromLatin1(kinds::kHashMismatch), *lastSeq,
                       QStringLiteral("record %1 names a different previous hash").arg(seq));
        seen.insert(seq);
        lastSeq = seq;
        lastLeaf = leaf;

        const QJsonValue cpValue = o.value(QStringLiteral("checkpoint"));
        if (cpValue.isNull() || cpValue.isUndefined()) {
            ++uncovered;
            continue;
        }
        const QByteArray note = cpValue.toString().toUtf8();
        auto it = opened.find(note);
        if (it == opened.end()) {
            Result<Checkpoint> c = openCheckpoint(note, trusted);
            Result<Checkpoint> peeked = peekCheckpoint(note);
            const std::uint64_t at = peeked ? lastCovered(peeked->size) : seq;
            if (!c) {
                const bool unknown = c.error().code == QLatin1String("checkpoint.unknown-key");
                addFinding(failures, QString::fromLatin1(unknown ? kinds::kUnknownKey : kinds::kBadSignature), at,
                           unknown ? QStringLiteral("checkpoint is not signed by a trusted key") : c.error().message);
            }
            it = opened.emplace(note, c ? std::optional<Checkpoint>(*c) : std::nullopt).first;
        }
        if (!it->second)
            continue;
        const Checkpoint& cp = *it->second;
        Proof proof;
        for (const QJsonValue& v : o.value(QStringLiteral("proof")).toArray()) {
            const QByteArray raw = QByteArray::fromHex(v.toString().toLatin1());
            Hash h{};
            if (raw.size() == qsizetype(h.size()))
                std::copy(raw.begin(), raw.end(), h.begin());
            proof.push_back(h);
        }
        if (Result<void> r = verifyInclusion(seq, cp.size, leaf, proof, cp.root); !r)
            addFinding(failures, QString::fromLatin1(kinds::kHashMismatch), seq,
                       QStringLiteral("not included in checkpoint %1: %2").arg(cp.size).arg(r.error().message));
        if (!latest || cp.size > latest->size)
            latest = &cp;
    }
    if (latest)
        report.checkpoint = *latest;
    if (uncovered)
        report.notes.append(QStringLiteral("%1 events are not yet covered by a checkpoint").arg(uncovered));
    sortFindings(failures);
    return report;
}

} // namespace corral::audit
