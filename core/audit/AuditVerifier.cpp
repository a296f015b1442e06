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
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <stop_token>
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

// A checkpoint as the verifier sees it: where it came from and whether it holds.
struct CheckpointCheck
{
    QString source; // "checkpoint #id" or "retained checkpoint"
    QByteArray note;
    qint64 order = 0;               // write order; the retained one counts as the latest
    std::optional<Checkpoint> body; // parsed text, signature or not
    bool signatureOk = false;
};

// The record pass reads rows from SQLite in chunks into one reused buffer per chunk. Both
// threads hash and scan a published chunk by blocks of rows (order does not matter
// there); the reading thread then walks it in order for the tree, the chain and the seq
// checks, on the compact rows only. Nothing is allocated per record.
constexpr std::size_t kChunkRows = 1024;
constexpr std::size_t kChunkBytes = std::size_t(4) << 20; // a chunk also ends once its bytes reach this
constexpr std::size_t kBlockRows = 128;
constexpr std::size_t kChunkSlots = 3; // chunks in flight: one being read, two being hashed

struct Row
{
    // Whether the record's `prev` names the leaf hash of the row just before it in the
    // chunk, found while both are in cache; the first row of a block is left to the walk.
    enum class Link : std::uint8_t { Unchecked, Matches, Differs };

    std::uint64_t seq = 0;  // the row's key
    std::size_t offset = 0; // of the record in Chunk::bytes; a 0x00 byte precedes it
    std::size_t length = 0; // of the record
    Hash leaf{};            // RFC 6962 leaf hash
    bool scanned = false;   // the header scan succeeded
    Link link = Link::Unchecked;
    std::uint64_t claimedSeq = 0; // the record's own `seq`
    std::size_t prevOffset = 0;   // of the `prev` string's contents in Chunk::bytes
    std::size_t prevLength = 0;
};

struct Chunk
{
    std::vector<Row> rows;
    std::vector<char> bytes;
    // Blocks of kBlockRows rows: how many, handed out, done. Guarded by HashQueue's mutex.
    std::size_t blocks = 0;
    std::size_t claimed = 0;
    std::size_t finished = 0;

    QByteArrayView record(const Row& row) const
    {
        return QByteArrayView(bytes.data() + row.offset, qsizetype(row.length));
    }
};

void hashBlock(Chunk& chunk, std::size_t block)
{
    const std::size_t begin = block * kBlockRows;
    const std::size_t end = std::min(chunk.rows.size(), begin + kBlockRows);
    for (std::size_t i = begin; i < end; ++i) {
        Row& row = chunk.rows[i];
        const QByteArrayView record = chunk.record(row);
        // The 0x00 stored in front of the record is the leaf prefix: one contiguous input.
        row.leaf = crypto::sha256(QByteArrayView(record.data() - 1, record.size() + 1));
        const Result<RecordHeader> header = scanRecord(record);
        row.scanned = header.ok();
        if (!header)
            continue;
        row.claimedSeq = header->seq;
        row.prevOffset = std::size_t(header->prev.data() - chunk.bytes.data());
        row.prevLength = std::size_t(header->prev.size());
        if (i > begin)
            row.link = hexEquals(header->prev, chunk.rows[i - 1].leaf) ? Row::Link::Matches : Row::Link::Differs;
    }
}

// Hands out the blocks of published chunks, oldest chunk first, to a helper thread and to
// the reading thread when it needs a chunk finished: whichever thread is free hashes, so
// both cores stay busy even when load elsewhere slows one thread down.
class HashQueue
{
public:
    void publish(Chunk& chunk)
    {
        {
            std::lock_guard lock(m_mutex);
            chunk.blocks = (chunk.rows.size() + kBlockRows - 1) / kBlockRows;
            chunk.claimed = 0;
            chunk.finished = 0;
            m_chunks.push_back(&chunk);
        }
        m_work.notify_one();
    }

    // The helper thread: hashes blocks until stop is requested.
    void serve(std::stop_token stop)
    {
        std::unique_lock lock(m_mutex);
        Chunk* chunk = nullptr;
        std::size_t block = 0;
        while (m_work.wait(lock, stop, [&] { return claim(chunk, block); }))
            run(lock, *chunk, block);
    }

    // The reading thread, for the oldest published chunk: hashes its blocks nobody took,
    // waits for the helper's, and retires the chunk so its slot can be refilled.
    void complete(Chunk& chunk)
    {
        std::unique_lock lock(m_mutex);
        while (chunk.claimed < chunk.blocks)
            run(lock, chunk, chunk.claimed++);
        m_done.wait(lock, [&] { return chunk.finished == chunk.blocks; });
        m_chunks.pop_front();
    }

private:
    bool claim(Chunk*& chunk, std::size_t& block)
    {
        for (Chunk* c : m_chunks) {
            if (c->claimed < c->blocks) {
                chunk = c;
                block = c->claimed++;
                return true;
            }
        }
        return false;
    }

    void run(std::unique_lock<std::mutex>& lock, Chunk& chunk, std::size_t block)
    {
        lock.unlock();
        hashBlock(chunk, block);
        lock.lock();
        if (++chunk.finished == chunk.blocks)
            m_done.notify_all();
    }

    std::mutex m_mutex;
    std::condition_variable_any m_work; // a block to hash was published
    std::condition_variable m_done;     // a chunk's last block finished
    std::deque<Chunk*> m_chunks;        // published, not yet retired; oldest first
};

} // namespace

Result<VerifyReport> verifyLog(const QString& dbPath, const VerifyOptions& options)
{
    Result<AuditStore> store = AuditStore::open(dbPath);
    if (!store)
        return store.error();
    VerifyReport report;
    QList<Finding>& failures = report.failures;

    // Checkpoints first: their sizes are where the record pass records roots. Those come
    // from the note bodies read without their signatures (a note whose signature holds has
    // the same body), so the signatures are checked on another thread during the pass.
    std::vector<CheckpointCheck> checks;
    Result<QList<StoredCheckpoint>> stored = store->checkpoints();
    if (!stored)
        return stored.error();
    auto examine = [&](const QString& source, const QByteArray& note, qint64 order) {
        CheckpointCheck c{source, note, order, std::nullopt, false};
        if (Result<Checkpoint> peeked = peekCheckpoint(note))
            c.body = *peeked;
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
    std::vector<Result<Checkpoint>> opened;
    opened.reserve(checks.size());
    std::jthread signatures([&] {
        for (const CheckpointCheck& c : checks)
            opened.push_back(openCheckpoint(c.note, options.trusted));
    });
    std::vector<std::uint64_t> wantedSizes;
    for (const CheckpointCheck& c : checks)
        if (c.body)
            wantedSizes.push_back(c.body->size);
    std::sort(wantedSizes.begin(), wantedSizes.end());
    auto nextWanted = wantedSizes.begin();

    // One pass over the records in seq order.
    std::map<std::uint64_t, Hash> rootsAt;
    MerkleTree tree;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> missing;   // [first, last] seqs of each gap
    std::vector<std::uint64_t> improper;                            // rows not holding their own record, ascending
    std::vector<std::pair<std::uint64_t, std::uint64_t>> misplaced; // (row, record's seq)
    std::vector<std::int64_t> suspects;                             // k: record k+1's prev does not match record k
    std::uint64_t expected = 0;
    bool havePrevious = false; // the previous row is the proper record expected - 1
    Hash previousLeaf{};
    const QByteArray genesis = genesisPrev();
    auto recordRoot = [&] {
        while (nextWanted != wantedSizes.end() && *nextWanted < tree.size())
            ++nextWanted;
        if (nextWanted != wantedSizes.end() && *nextWanted == tree.size())
            rootsAt[tree.size()] = tree.root();
    };
    recordRoot();
    auto walk = [&](const Chunk& chunk) {
        for (const Row& row : chunk.rows) {
            const std::uint64_t s = row.seq;
            if (s > expected) {
                addFinding(failures, QString::fromLatin1(kinds::kGap), expected,
                           s - expected == 1 ? QStringLiteral("record %1 is missing").arg(expected)
                                             : QStringLiteral("records %1..%2 are missing").arg(expected).arg(s - 1));
                missing.emplace_back(expected, s - 1);
                havePrevious = false;
            }
            expected = s + 1;
            tree.append(row.leaf);
            recordRoot();
            if (!row.scanned) {
                addFinding(failures, QString::fromLatin1(kinds::kHashMismatch), s,
                           QStringLiteral("record is not valid: ") + scanRecord(chunk.record(row)).error().message);
                improper.push_back(s);
                havePrevious = false;
                continue;
            }
            if (row.claimedSeq != s) {
                misplaced.emplace_back(s, row.claimedSeq);
                improper.push_back(s);
                havePrevious = false;
                continue;
            }
            const QByteArrayView prev(chunk.bytes.data() + row.prevOffset, qsizetype(row.prevLength));
            if (s == 0) {
                if (prev != genesis)
                    suspects.push_back(-1);
            } else if (havePrevious) {
                // havePrevious: the row before this one is the proper record s - 1, whose
                // leaf is previousLeaf; within a block the hashing pass compared them.
                const bool linked =
                    row.link == Row::Link::Unchecked ? hexEquals(prev, previousLeaf) : row.link == Row::Link::Matches;
                if (!linked)
                    suspects.push_back(std::int64_t(s) - 1);
            }
            havePrevious = true;
            previousLeaf = row.leaf;
        }
    };

    Result<storage::SqliteStatement> cursor = store->recordCursor();
    if (!cursor)
        return cursor.error();
    Chunk chunks[kChunkSlots];
    HashQueue queue;
    std::jthread helper([&queue](std::stop_token stop) { queue.serve(stop); });
    std::size_t published = 0;
    std::size_t walked = 0;
    for (bool more = true; more;) {
        Chunk& chunk = chunks[published % kChunkSlots];
        chunk.rows.clear();
        chunk.bytes.clear();
        while (chunk.rows.size() < kChunkRows && chunk.bytes.size() < kChunkBytes) {
            const Result<bool> step = cursor->step();
            if (!step)
                return step.error();
            if (!*step) {
                more = false;
                break;
            }
            const QByteArrayView record = cursor->columnBlob(1);
            Row row;
            row.seq = std::uint64_t(cursor->columnInt64(0));
            chunk.bytes.push_back('\0');
            row.offset = chunk.bytes.size();
            row.length = std::size_t(record.size());
            chunk.bytes.insert(chunk.bytes.end(), record.begin(), record.end());
            chunk.rows.push_back(row);
        }
        if (chunk.rows.empty())
            break;
        queue.publish(chunk);
        if (++published - walked == kChunkSlots) {
            queue.complete(chunks[walked % kChunkSlots]);
            walk(chunks[walked++ % kChunkSlots]);
        }
    }
    for (; walked < published; ++walked) {
        queue.complete(chunks[walked % kChunkSlots]);
        walk(chunks[walked % kChunkSlots]);
    }
    report.records = tree.size();
    const std::uint64_t end = expected; // one past the highest seq present

    // A row holds its own record when it exists and was not found improper.
    auto holdsOwnRecord = [&](std::uint64_t seq) {
        if (seq >= end || std::binary_search(improper.begin(), improper.end(), seq))
            return false;
        return std::none_of(missing.begin(), missing.end(),
                            [&](const auto& gap) { return seq >= gap.first && seq <= gap.second; });
    };
    for (const auto& [row, claimed] : misplaced) {
        if (holdsOwnRecord(claimed))
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
    signatures.join();
    for (std::size_t i = 0; i < checks.size(); ++i) {
        CheckpointCheck& c = checks[i];
        const Result<Checkpoint>& result = opened[i];
        const std::uint64_t seq = c.body ? lastCovered(c.body->size) : 0;
        if (result) {
            c.signatureOk = true;
            c.body = *result;
        } else if (result.error().code == QLatin1String("checkpoint.unknown-key")) {
            addFinding(failures, QString::fromLatin1(kinds::kUnknownKey), seq,
                       c.source + QStringLiteral(" is not signed by a trusted key"));
        } else if (result.error().code == QLatin1String("checkpoint.bad-signature")) {
            addFinding(failures, QString::fromLatin1(kinds::kBadSignature), seq,
                       c.source + QStringLiteral(": ") + result.error().message);
        } else {
            addFinding(failures, QString::fromLatin1(kinds::kBadSignature), seq,
                       c.source + QStringLiteral(" is not a checkpoint: ") + result.error().message);
        }
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
