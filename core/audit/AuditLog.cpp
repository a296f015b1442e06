// SPDX-License-Identifier: Apache-2.0
#include "AuditLog.h"

#include "AuditRecord.h"
#include "crypto/Hash.h"
#include "crypto/SignedNote.h"
#include "storage/SqliteDatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <condition_variable>
#include <deque>
#include <fcntl.h>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unistd.h>

namespace corral::audit {

namespace schema {
const char kCreate[] = R"(
CREATE TABLE IF NOT EXISTS records(seq INTEGER PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints(id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL,
                                       note BLOB NOT NULL, written_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS repairs(id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, detail TEXT NOT NULL);
)";
} // namespace schema

using storage::SqliteDatabase;
using storage::SqliteStatement;
using storage::SqliteTransaction;

QString retainedCheckpointPath(const QString& dbPath)
{
    return dbPath + QStringLiteral(".checkpoint");
}

Result<RetainedCheckpoint> readRetainedCheckpoint(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return RetainedCheckpoint{};
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("audit.retained"),
                         QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QJsonObject o = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    RetainedCheckpoint r{o.value(QStringLiteral("log_id")).toString(),
                         o.value(QStringLiteral("checkpoint")).toString().toUtf8()};
    if (r.logId.isEmpty() || r.note.isEmpty())
        return makeError(QStringLiteral("audit.retained"), QStringLiteral("%1 is not a retained checkpoint").arg(path));
    return r;
}

namespace {

// Writes `data` to `path` so that after a crash the file holds either the old or the new
// contents, never a mix: temporary file, fsync, rename, fsync of the folder.
Result<void> writeFileDurably(const QString& path, const QByteArray& data)
{
    const QByteArray target = QFile::encodeName(path);
    const QByteArray temp = target + ".tmp";
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    auto fail = [&](const char* what) {
        return makeError(QStringLiteral("audit.retained"),
                         QStringLiteral("cannot %1 %2: %3").arg(QLatin1String(what), path, qt_error_string(errno)));
    };
    if (fd < 0)
        return fail("create");
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, std::size_t(data.size() - written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ::close(fd);
            return fail("write");
        }
        written += n;
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        return fail("sync");
    }
    ::close(fd);
    if (::rename(temp.constData(), target.constData()) != 0)
        return fail("replace");
    const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
    const int dfd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

Result<QString> metaValue(SqliteDatabase& db, const char* key)
{
    Result<SqliteStatement> st = db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!st)
        return st.error();
    st->bindText(1, key);
    Result<bool> row = st->step();
    if (!row)
        return row.error();
    return *row ? QString::fromUtf8(st->columnBlob(0)) : QString();
}

Result<void> setMeta(SqliteDatabase& db, const char* key, const QString& value)
{
    Result<SqliteStatement> st = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
    if (!st)
        return st.error();
    st->bindText(1, key);
    st->bindText(2, value.toUtf8());
    return st->run();
}

// Lowercase hex of a leaf hash, as a record's `prev` carries it.
void toHex(const Hash& h, char (&out)[64])
{
    static const char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < h.size(); ++i) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 0xf];
    }
}

struct Request
{
    std::vector<PreparedEvent> events;
    std::promise<Result<std::uint64_t>> done;
};

} // namespace

struct AuditLog::State
{
    QString dbPath;
    Options options;
    std::unique_ptr<crypto::NoteSigner> signer;
    SqliteDatabase db;
    SqliteStatement insertRecord;
    SqliteStatement insertCheckpoint;

    // Guarded by dbMutex: the database and the tree state.
    mutable std::mutex dbMutex;
    QString origin;
    QByteArray originJson;
    QString logId;
    MerkleTree tree;
    Hash lastLeaf{};
    std::uint64_t lastCheckpointSize = 0;
    qint64 lastCheckpointMs = 0;
    QByteArray lastCheckpointNote;
    // The retained file trails the database by at most a second on the append path: its
    // fsyncs would otherwise double the cost of every batch that carries a checkpoint.
    bool retainedBehind = false;
    std::chrono::steady_clock::time_point lastRetainedWrite;
    QStringList repairs;
    bool open = false;

    // Guarded by queueMutex: requests waiting for the writer.
    std::mutex queueMutex;
    std::condition_variable queueCv;
    std::deque<std::unique_ptr<Request>> queue;
    bool stopping = false;
    std::thread writer;

    void writerLoop();
    void writeBatch(std::vector<std::unique_ptr<Request>>& batch);
    // Caller holds dbMutex and an open transaction.
    Result<QByteArray> insertCheckpointLocked(const MerkleTree& tree, qint64 nowMs);
    Result<void> writeRetained(const QByteArray& note);
    // Writes the retained checkpoint if it is behind and a second has passed since the last write.
    void catchUpRetained();
    Result<QByteArray> checkpointNowLocked();
};

AuditLog::AuditLog(std::unique_ptr<State> state) : m_state(std::move(state)) {}

AuditLog::~AuditLog()
{
    (void)close();
}

Result<std::unique_ptr<AuditLog>> AuditLog::open(const QString& dbPath, const crypto::Ed25519KeyPair& key,
                                                 const Options& options)
{
    if (!key.isValid())
        return makeError(QStringLiteral("audit.key"), QStringLiteral("the device key is not a valid Ed25519 key"));
    auto s = std::make_unique<State>();
    s->dbPath = dbPath;
    s->options = options;
    if (s->options.checkpointEvery == 0)
        s->options.checkpointEvery = 1;

    QDir().mkpath(QFileInfo(dbPath).absolutePath());
    SqliteDatabase::Options dbOptions;
    dbOptions.synchronous = options.fullSync ? SqliteDatabase::Synchronous::Full : SqliteDatabase::Synchronous::Normal;
    dbOptions.pageSize = schema::kPageSize;
    Result<SqliteDatabase> db = SqliteDatabase::open(dbPath, dbOptions);
    if (!db)
        return db.error();
    s->db = std::move(*db);
    if (Result<void> r = s->db.exec(schema::kCreate); !r)
        return r.error();

    Result<QString> logId = metaValue(s->db, schema::kMetaLogId);
    if (!logId)
        return logId.error();
    const QString retainedPath = retainedCheckpointPath(dbPath);
    Result<RetainedCheckpoint> retained = readRetainedCheckpoint(retainedPath);
    if (!retained)
        return retained.error();
    if (logId->isEmpty()) {
        if (options.origin.isEmpty() || !crypto::isValidNoteKeyName(options.origin))
            return makeError(QStringLiteral("audit.origin"),
                             QStringLiteral("a new log needs a valid origin, got \"%1\"").arg(options.origin));
        if (!retained->logId.isEmpty())
            return makeError(QStringLiteral("audit.replaced"),
                             QStringLiteral("%1 belongs to another log: the database was replaced").arg(retainedPath));
        *logId = QString::fromLatin1(crypto::randomBytes(16).toHex());
        if (Result<void> r = setMeta(s->db, schema::kMetaLogId, *logId); !r)
            return r.error();
        if (Result<void> r = setMeta(s->db, schema::kMetaOrigin, options.origin); !r)
            return r.error();
        if (Result<void> r = setMeta(s->db, schema::kMetaState, QStringLiteral("closed")); !r)
            return r.error();
    } else if (!retained->logId.isEmpty() && retained->logId != *logId) {
        return makeError(QStringLiteral("audit.replaced"),
                         QStringLiteral("%1 belongs to another log: the database was replaced").arg(retainedPath));
    }
    s->logId = *logId;
    Result<QString> origin = metaValue(s->db, schema::kMetaOrigin);
    if (!origin)
        return origin.error();
    s->origin = *origin;
    s->originJson = canonicalString(s->origin);
    s->signer =
        std::make_unique<crypto::NoteSigner>(s->origin, crypto::Ed25519KeyPair::fromSecretKey(key.secretKey().view()));

    // Rebuild the right edge of the tree from the stored records.
    {
        Result<SqliteStatement> st = s->db.prepare("SELECT seq, record FROM records ORDER BY seq");
        if (!st)
            return st.error();
        for (;;) {
            Result<bool> row = st->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            if (std::uint64_t(st->columnInt64(0)) != s->tree.size())
                return makeError(QStringLiteral("audit.record"),
                                 QStringLiteral("record %1 is missing; run `corral audit verify`").arg(s->tree.size()));
            s->lastLeaf = leafHash(st->columnBlob(1));
            s->tree.append(s->lastLeaf);
        }
    }
    {
        Result<SqliteStatement> st =
            s->db.prepare("SELECT size, note, written_ms FROM checkpoints ORDER BY id DESC LIMIT 1");
        if (!st)
            return st.error();
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (*row) {
            s->lastCheckpointSize = std::uint64_t(st->columnInt64(0));
            s->lastCheckpointNote = st->columnBlob(1).toByteArray();
            s->lastCheckpointMs = st->columnInt64(2);
        }
    }
    if (!retained->note.isEmpty()) {
        Result<Checkpoint> held = peekCheckpoint(retained->note);
        if (held && held->size > s->tree.size())
            return makeError(QStringLiteral("audit.truncated"),
                             QStringLiteral("the database has %1 records, its retained checkpoint %2")
                                 .arg(s->tree.size())
                                 .arg(held->size));
        if (held) {
            MerkleTree prefix;
            Result<SqliteStatement> st = s->db.prepare("SELECT record FROM records WHERE seq < ?1 ORDER BY seq");
            if (!st)
                return st.error();
            st->bindInt64(1, std::int64_t(held->size));
            while (true) {
                Result<bool> row = st->step();
                if (!row)
                    return row.error();
                if (!*row)
                    break;
                prefix.append(leafHash(st->columnBlob(0)));
            }
            if (prefix.root() != held->root)
                return makeError(
                    QStringLiteral("audit.fork"),
                    QStringLiteral("the records disagree with the retained checkpoint of size %1").arg(held->size));
        }
    }

    Result<SqliteStatement> insertRecord = s->db.prepare("INSERT INTO records(seq, record) VALUES(?1, ?2)");
    if (!insertRecord)
        return insertRecord.error();
    s->insertRecord = std::move(*insertRecord);
    Result<SqliteStatement> insertCheckpoint =
        s->db.prepare("INSERT INTO checkpoints(size, note, written_ms) VALUES(?1, ?2, ?3)");
    if (!insertCheckpoint)
        return insertCheckpoint.error();
    s->insertCheckpoint = std::move(*insertCheckpoint);

    // Crash aftermath. SQLite has already rolled back any transaction that was not
    // committed (those appends were never acknowledged); what is left is to cover the
    // durable records with a checkpoint and say so.
    const qint64 now = s->options.clock->nowMs();
    if (QFile::exists(retainedPath + QStringLiteral(".tmp"))) {
        QFile::remove(retainedPath + QStringLiteral(".tmp"));
        s->repairs.append(QStringLiteral("removed a half-written retained checkpoint"));
    }
    Result<QString> state = metaValue(s->db, schema::kMetaState);
    if (!state)
        return state.error();
    if (*state == QLatin1String("open")) {
        s->repairs.append(QStringLiteral("recovered after an interrupted session: %1 records are durable, %2 were "
                                         "covered by the last checkpoint; unacknowledged writes were discarded")
                              .arg(s->tree.size())
                              .arg(s->lastCheckpointSize));
    }
    {
        std::lock_guard lock(s->dbMutex);
        Result<SqliteTransaction> tx = SqliteTransaction::begin(s->db);
        if (!tx)
            return tx.error();
        if (!s->repairs.isEmpty()) {
            Result<SqliteStatement> st = s->db.prepare("INSERT INTO repairs(ts, detail) VALUES(?1, ?2)");
            if (!st)
                return st.error();
            for (const QString& repair : std::as_const(s->repairs)) {
                st->bindText(1, formatTimestamp(now).toUtf8());
                st->bindText(2, repair.toUtf8());
                if (Result<void> r = st->run(); !r)
                    return r.error();
            }
        }
        QByteArray note;
        if (!s->repairs.isEmpty() || s->lastCheckpointNote.isEmpty()) {
            Result<QByteArray> written = s->insertCheckpointLocked(s->tree, now);
            if (!written)
                return written.error();
            note = *written;
        }
        if (Result<void> r = setMeta(s->db, schema::kMetaState, QStringLiteral("open")); !r)
            return r.error();
        if (Result<void> r = tx->commit(); !r)
            return r.error();
        if (!note.isEmpty()) {
            s->lastCheckpointNote = note;
            s->lastCheckpointSize = s->tree.size();
            s->lastCheckpointMs = now;
            if (Result<void> r = s->writeRetained(note); !r)
                return r.error();
        }
    }
    s->open = true;
    State* raw = s.get();
    s->writer = std::thread([raw] { raw->writerLoop(); });
    return std::unique_ptr<AuditLog>(new AuditLog(std::move(s)));
}

Result<QByteArray> AuditLog::State::insertCheckpointLocked(const MerkleTree& t, qint64 nowMs)
{
    Checkpoint c{origin, t.size(), t.root(), {QStringLiteral("time ") + formatTimestamp(nowMs)}};
    Result<QByteArray> note = signCheckpoint(c, *signer);
    if (!note)
        return note.error();
    insertCheckpoint.bindInt64(1, std::int64_t(t.size()));
    insertCheckpoint.bindBlob(2, *note);
    insertCheckpoint.bindInt64(3, nowMs);
    if (Result<void> r = insertCheckpoint.run(); !r)
        return r.error();
    return note;
}

Result<void> AuditLog::State::writeRetained(const QByteArray& note)
{
    QJsonObject o;
    o.insert(QStringLiteral("log_id"), logId);
    o.insert(QStringLiteral("checkpoint"), QString::fromUtf8(note));
    lastRetainedWrite = std::chrono::steady_clock::now();
    return writeFileDurably(retainedCheckpointPath(dbPath), QJsonDocument(o).toJson(QJsonDocument::Indented));
}

void AuditLog::State::catchUpRetained()
{
    const auto now = std::chrono::steady_clock::now();
    if (!retainedBehind || now - lastRetainedWrite < std::chrono::seconds(1))
        return;
    if (writeRetained(lastCheckpointNote))
        retainedBehind = false;
}

Result<QByteArray> AuditLog::State::checkpointNowLocked()
{
    const qint64 now = options.clock->nowMs();
    Result<SqliteTransaction> tx = SqliteTransaction::begin(db);
    if (!tx)
        return tx.error();
    Result<QByteArray> note = insertCheckpointLocked(tree, now);
    if (!note)
        return note.error();
    if (Result<void> r = tx->commit(); !r)
        return r.error();
    lastCheckpointNote = *note;
    lastCheckpointSize = tree.size();
    lastCheckpointMs = now;
    retainedBehind = false;
    if (Result<void> r = writeRetained(*note); !r)
        return r.error();
    return note;
}

void AuditLog::State::writerLoop()
{
    const auto wake = std::chrono::milliseconds(std::clamp<qint64>(options.checkpointIntervalMs / 4, 10, 1000));
    for (;;) {
        std::vector<std::unique_ptr<Request>> batch;
        bool stop = false;
        {
            std::unique_lock lock(queueMutex);
            if (options.timer)
                queueCv.wait_for(lock, wake, [this] { return stopping || !queue.empty(); });
            else
                queueCv.wait(lock, [this] { return stopping || !queue.empty(); });
            std::size_t records = 0;
            while (!queue.empty() && records < options.maxBatch) {
                records += queue.front()->events.size();
                batch.push_back(std::move(queue.front()));
                queue.pop_front();
            }
            stop = stopping && queue.empty();
        }
        if (!batch.empty())
            writeBatch(batch);
        if (options.timer && !stop) {
            std::lock_guard lock(dbMutex);
            if (open && options.clock->nowMs() - lastCheckpointMs >= options.checkpointIntervalMs)
                (void)checkpointNowLocked();
            else if (open)
                catchUpRetained();
        }
        if (stop)
            return;
    }
}

void AuditLog::State::writeBatch(std::vector<std::unique_ptr<Request>>& batch)
{
    std::lock_guard lock(dbMutex);
    auto failAll = [&](const Error& e) {
        for (auto& r : batch)
            r->done.set_value(e);
    };
    if (!open)
        return failAll(makeError(QStringLiteral("audit.closed"), QStringLiteral("the audit log is closed")));
    Result<SqliteTransaction> tx = SqliteTransaction::begin(db);
    if (!tx)
        return failAll(tx.error());
    MerkleTree t = tree;
    Hash prev = lastLeaf;
    std::uint64_t checkpointSize = lastCheckpointSize;
    QByteArray note;
    const qint64 now = options.clock->nowMs();
    const QByteArray tsJson = timestampJson(now);
    std::vector<std::uint64_t> firstSeqs;
    firstSeqs.reserve(batch.size());
    // Per record: stamp into one reused buffer, hex the previous leaf on the stack.
    const QByteArray genesis = genesisPrev();
    char prevHex[64];
    QByteArray record;
    for (auto& request : batch) {
        firstSeqs.push_back(t.size());
        for (const PreparedEvent& event : request->events) {
            const std::uint64_t seq = t.size();
            if (seq > 0)
                toHex(prev, prevHex);
            event.stampInto(record, seq, tsJson, originJson,
                            seq == 0 ? QByteArrayView(genesis) : QByteArrayView(prevHex, 64));
            insertRecord.bindInt64(1, std::int64_t(seq));
            insertRecord.bindBlob(2, record, false);
            if (Result<void> r = insertRecord.run(); !r)
                return failAll(r.error());
            prev = leafHash(record);
            t.append(prev);
            if (t.size() - checkpointSize >= options.checkpointEvery) {
                Result<QByteArray> written = insertCheckpointLocked(t, now);
                if (!written)
                    return failAll(written.error());
                note = *written;
                checkpointSize = t.size();
            }
        }
    }
    if (Result<void> r = tx->commit(); !r)
        return failAll(r.error());
    tree = t;
    lastLeaf = prev;
    if (!note.isEmpty()) {
        lastCheckpointNote = note;
        lastCheckpointSize = checkpointSize;
        lastCheckpointMs = now;
        retainedBehind = true;
    }
    for (std::size_t i = 0; i < batch.size(); ++i)
        batch[i]->done.set_value(firstSeqs[i]);
    // The records are durable and acknowledged; a retained copy that trails by a
    // checkpoint is accepted by verification.
    catchUpRetained();
}

Result<std::uint64_t> AuditLog::append(const AuditEvent& event)
{
    return appendBatch(std::vector<AuditEvent>{event});
}

Result<std::uint64_t> AuditLog::appendBatch(const std::vector<AuditEvent>& events)
{
    auto request = std::make_unique<Request>();
    request->events.resize(events.size());
    // Preparing (canonicalising the fields) is independent per event and the writer
    // waits for it, so a large batch is prepared on two threads. The first invalid event
    // in order is the one reported.
    auto prepareRange = [&](std::size_t from, std::size_t to, std::optional<Error>& error) {
        for (std::size_t i = from; i < to; ++i) {
            Result<PreparedEvent> p = PreparedEvent::prepare(events[i]);
            if (!p) {
                error = p.error();
                return;
            }
            request->events[i] = std::move(*p);
        }
    };
    std::optional<Error> firstError;
    std::optional<Error> secondError;
    const std::size_t half = events.size() >= 512 ? events.size() / 2 : events.size();
    if (half < events.size()) {
        std::thread helper(prepareRange, half, events.size(), std::ref(secondError));
        prepareRange(0, half, firstError);
        helper.join();
    } else {
        prepareRange(0, half, firstError);
    }
    if (firstError)
        return *firstError;
    if (secondError)
        return *secondError;
    std::future<Result<std::uint64_t>> done = request->done.get_future();
    {
        std::lock_guard lock(m_state->queueMutex);
        if (m_state->stopping)
            return makeError(QStringLiteral("audit.closed"), QStringLiteral("the audit log is closed"));
        m_state->queue.push_back(std::move(request));
    }
    m_state->queueCv.notify_one();
    return done.get();
}

Result<QByteArray> AuditLog::checkpoint()
{
    std::lock_guard lock(m_state->dbMutex);
    if (!m_state->open)
        return makeError(QStringLiteral("audit.closed"), QStringLiteral("the audit log is closed"));
    return m_state->checkpointNowLocked();
}

void AuditLog::tick()
{
    std::lock_guard lock(m_state->dbMutex);
    if (m_state->open &&
        m_state->options.clock->nowMs() - m_state->lastCheckpointMs >= m_state->options.checkpointIntervalMs)
        (void)m_state->checkpointNowLocked();
}

Result<void> AuditLog::close()
{
    {
        std::lock_guard lock(m_state->queueMutex);
        if (m_state->stopping)
            return {};
        m_state->stopping = true;
    }
    m_state->queueCv.notify_one();
    m_state->writer.join();
    std::lock_guard lock(m_state->dbMutex);
    Result<SqliteTransaction> tx = SqliteTransaction::begin(m_state->db);
    if (!tx)
        return tx.error();
    const qint64 now = m_state->options.clock->nowMs();
    Result<QByteArray> note = m_state->insertCheckpointLocked(m_state->tree, now);
    if (!note)
        return note.error();
    if (Result<void> r = setMeta(m_state->db, schema::kMetaState, QStringLiteral("closed")); !r)
        return r;
    if (Result<void> r = tx->commit(); !r)
        return r;
    m_state->open = false;
    m_state->lastCheckpointNote = *note;
    m_state->lastCheckpointSize = m_state->tree.size();
    Result<void> retained = m_state->writeRetained(*note);
    m_state->insertRecord = {};
    m_state->insertCheckpoint = {};
    m_state->db.close();
    return retained;
}

std::uint64_t AuditLog::size() const
{
    std::lock_guard lock(m_state->dbMutex);
    return m_state->tree.size();
}

QString AuditLog::origin() const
{
    return m_state->origin;
}

QString AuditLog::logId() const
{
    return m_state->logId;
}

QByteArray AuditLog::latestCheckpoint() const
{
    std::lock_guard lock(m_state->dbMutex);
    return m_state->lastCheckpointNote;
}

QStringList AuditLog::repairs() const
{
    return m_state->repairs;
}

} // namespace corral::audit
