// SPDX-License-Identifier: Apache-2.0
#include "AuditStore.h"

#include "AuditLog.h"

#include <QFileInfo>

namespace corral::audit {

using storage::SqliteDatabase;
using storage::SqliteStatement;

Result<AuditStore> AuditStore::open(const QString& dbPath)
{
    if (!QFileInfo(dbPath).isFile())
        return makeError(QStringLiteral("audit.missing"), QStringLiteral("no audit log at %1").arg(dbPath));
    SqliteDatabase::Options options;
    options.create = false;
    Result<SqliteDatabase> db = SqliteDatabase::open(dbPath, options);
    if (!db)
        return db.error();
    AuditStore store;
    store.m_path = dbPath;
    store.m_db = std::move(*db);
    Result<SqliteStatement> st = store.m_db.prepare("SELECT key, value FROM meta");
    if (!st)
        return makeError(QStringLiteral("audit.schema"), QStringLiteral("%1 is not an audit log").arg(dbPath));
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const QByteArrayView key = st->columnBlob(0);
        if (key == schema::kMetaLogId)
            store.m_logId = QString::fromUtf8(st->columnBlob(1));
        else if (key == schema::kMetaOrigin)
            store.m_origin = QString::fromUtf8(st->columnBlob(1));
    }
    if (!store.m_db.prepare("SELECT seq, record FROM records LIMIT 0"))
        return makeError(QStringLiteral("audit.schema"), QStringLiteral("%1 is not an audit log").arg(dbPath));
    return store;
}

Result<QList<StoredCheckpoint>> AuditStore::checkpoints()
{
    Result<SqliteStatement> st = m_db.prepare("SELECT id, size, note, written_ms FROM checkpoints ORDER BY id");
    if (!st)
        return st.error();
    QList<StoredCheckpoint> out;
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append({st->columnInt64(0), std::uint64_t(st->columnInt64(1)), st->columnBlob(2).toByteArray(),
                    st->columnInt64(3)});
    }
    return out;
}

Result<QStringList> AuditStore::repairs()
{
    Result<SqliteStatement> st = m_db.prepare("SELECT ts, detail FROM repairs ORDER BY id");
    if (!st)
        return st.error();
    QStringList out;
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(QString::fromUtf8(st->columnBlob(0)) + QLatin1Char(' ') + QString::fromUtf8(st->columnBlob(1)));
    }
    return out;
}

Result<SqliteStatement> AuditStore::recordCursor(std::uint64_t fromSeq)
{
    Result<SqliteStatement> st = m_db.prepare("SELECT seq, record FROM records WHERE seq >= ?1 ORDER BY seq");
    if (st)
        st->bindInt64(1, std::int64_t(fromSeq));
    return st;
}

Result<void> AuditStore::forEachRecord(const std::function<bool(std::uint64_t, QByteArrayView)>& visit,
                                       std::uint64_t fromSeq)
{
    Result<SqliteStatement> st = recordCursor(fromSeq);
    if (!st)
        return st.error();
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row || !visit(std::uint64_t(st->columnInt64(0)), st->columnBlob(1)))
            return {};
    }
}

Result<std::vector<Hash>> AuditStore::leafHashes(std::uint64_t begin, std::uint64_t end)
{
    std::vector<Hash> out;
    out.reserve(end - begin);
    Result<SqliteStatement> st =
        m_db.prepare("SELECT seq, record FROM records WHERE seq >= ?1 AND seq < ?2 ORDER BY seq");
    if (!st)
        return st.error();
    st->bindInt64(1, std::int64_t(begin));
    st->bindInt64(2, std::int64_t(end));
    for (;;) {
        Result<bool> row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        if (std::uint64_t(st->columnInt64(0)) != begin + out.size())
            break;
        out.push_back(leafHash(st->columnBlob(1)));
    }
    if (out.size() != end - begin)
        return makeError(QStringLiteral("audit.record"),
                         QStringLiteral("record %1 is missing").arg(begin + out.size()));
    return out;
}

Result<std::uint64_t> AuditStore::recordCount()
{
    Result<std::int64_t> n = m_db.queryInt64("SELECT COALESCE(MAX(seq) + 1, 0) FROM records");
    if (!n)
        return n.error();
    return std::uint64_t(*n);
}

} // namespace corral::audit
