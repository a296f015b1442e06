// SPDX-License-Identifier: Apache-2.0
#include "Approvals.h"

#include "Witness.h"
#include "audit/AuditLog.h"
#include "storage/SqliteDatabase.h"

#include <QBuffer>
#include <QDateTime>
#include <QTemporaryDir>

namespace corral::server {

namespace {
QByteArray oneLine(const QString& value)
{
    QByteArray v = value.toUtf8();
    v.replace('\\', "\\\\").replace('\n', "\\n");
    return v;
}
} // namespace

bool validLabel(const QString& s, qsizetype max)
{
    if (s.isEmpty() || s.size() > max)
        return false;
    for (QChar c : s) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

Result<std::int64_t> giveOrder(ServerStore& store, const Order& order)
{
    if (!validLabel(order.app))
        return makeError(QStringLiteral("api.malformed"), QStringLiteral("invalid app name"));
    if (!order.device.isEmpty()) {
        Result<std::optional<Device>> d = store.device(order.device);
        if (!d)
            return d.error();
        if (!d->has_value())
            return makeError(QStringLiteral("server.not-found"),
                             QStringLiteral("no enrolled device %1").arg(order.device));
    }
    return store.addOrder(order);
}

Result<Approval> decideApproval(ServerStore& store, const crypto::NoteSigner& key, std::int64_t id,
                                const QString& decision, const QString& reviewer, const QString& note, qint64 nowMs)
{
    if (decision != QLatin1String("approve") && decision != QLatin1String("reject"))
        return makeError(QStringLiteral("api.malformed"), QStringLiteral("decision must be \"approve\" or \"reject\""));
    Result<std::optional<Approval>> existing = store.approval(id);
    if (!existing)
        return existing.error();
    if (!existing->has_value())
        return makeError(QStringLiteral("server.not-found"), QStringLiteral("no approval %1").arg(id));
    Approval a = **existing;
    a.state = decision == QLatin1String("approve") ? QStringLiteral("approved") : QStringLiteral("rejected");
    a.reviewer = reviewer;
    a.note = note;
    a.decidedMs = nowMs;
    // The decision travels as a note signed by the server, so the agent can check it came
    // from here before moving the app to production.
    const QByteArray text = "corral approval\nid " + QByteArray::number(a.id) + "\ndevice " + oneLine(a.device) +
                            "\napp " + oneLine(a.app) + "\nstate " + a.state.toUtf8() + "\nreviewer " +
                            oneLine(a.reviewer) + "\nnote " + oneLine(a.note) + "\ntime " +
                            QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8() + '\n';
    Result<QByteArray> signedNote = crypto::signNote(text, key);
    if (!signedNote)
        return signedNote.error();
    a.decision = *signedNote;
    if (Result<void> r = store.decideApproval(a); !r)
        return r.error();
    return a;
}

Result<std::optional<Approval>> pendingApproval(ServerStore& store, const QString& device, const QString& app)
{
    Result<QList<Approval>> pending = store.approvals(QStringLiteral("pending"));
    if (!pending)
        return pending.error();
    for (const Approval& a : *pending) {
        if (a.device == device && a.app == app)
            return std::optional<Approval>(a);
    }
    return std::optional<Approval>();
}

Result<RecordExport> exportDeviceRecords(ServerStore& store, const QString& deviceId)
{
    Result<std::optional<Device>> d = store.device(deviceId);
    if (!d)
        return d.error();
    if (!d->has_value())
        return makeError(QStringLiteral("server.not-found"), QStringLiteral("no enrolled device %1").arg(deviceId));
    Result<QList<QByteArray>> records = store.records(deviceId, 0, (*d)->size);
    if (!records)
        return records.error();
    RecordExport out;
    TreeEdge tree;
    for (const QByteArray& record : *records) {
        tree.append(audit::leafHash(record));
        out.jsonl += record;
        out.jsonl += '\n';
    }
    if (tree.size() != (*d)->size || tree.root() != TreeEdge((*d)->size, (*d)->edge).root())
        return makeError(
            QStringLiteral("export.verify"),
            QStringLiteral("the stored records of %1 no longer match the witnessed checkpoint").arg(deviceId));
    out.cosigned = (*d)->cosignature;
    out.size = tree.size();
    return out;
}

Result<QByteArray> exportDeviceLog(ServerStore& store, const QString& deviceId, audit::ExportFormat format,
                                   const audit::ExportFilter& filter)
{
    Result<RecordExport> records = exportDeviceRecords(store, deviceId);
    if (!records)
        return records.error();
    Result<std::optional<Device>> device = store.device(deviceId);
    if (!device || !device->has_value())
        return makeError(QStringLiteral("server.not-found"), QStringLiteral("no enrolled device %1").arg(deviceId));
    QTemporaryDir dir;
    if (!dir.isValid())
        return makeError(QStringLiteral("server.io"), QStringLiteral("cannot create a temporary folder"));
    const QString path = dir.filePath(QStringLiteral("log.db"));
    {
        storage::SqliteDatabase::Options o;
        o.synchronous = storage::SqliteDatabase::Synchronous::Off;
        Result<storage::SqliteDatabase> db = storage::SqliteDatabase::open(path, o);
        if (!db)
            return db.error();
        if (Result<void> r = db->exec(audit::schema::kCreate); !r)
            return r.error();
        Result<storage::SqliteTransaction> tx = storage::SqliteTransaction::begin(*db);
        if (!tx)
            return tx.error();
        Result<storage::SqliteStatement> insert = db->prepare("INSERT INTO records(seq, record) VALUES(?, ?)");
        if (!insert)
            return insert.error();
        std::int64_t seq = 0;
        for (const QByteArray& line : records->jsonl.split('\n')) {
            if (line.isEmpty())
                continue;
            insert->bindInt64(1, seq++);
            insert->bindBlob(2, line, false);
            if (Result<void> r = insert->run(); !r)
                return r.error();
        }
        Result<storage::SqliteStatement> cp =
            db->prepare("INSERT INTO checkpoints(size, note, written_ms) VALUES(?, ?, ?)");
        if (!cp)
            return cp.error();
        cp->bindInt64(1, std::int64_t(records->size));
        cp->bindBlob(2, (*device)->checkpoint);
        cp->bindInt64(3, (*device)->lastSyncMs);
        if (Result<void> r = cp->run(); !r)
            return r.error();
        Result<storage::SqliteStatement> meta = db->prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
        if (!meta)
            return meta.error();
        const std::pair<const char*, QByteArray> rows[] = {{audit::schema::kMetaLogId, deviceId.toUtf8()},
                                                           {audit::schema::kMetaOrigin, (*device)->origin.toUtf8()},
                                                           {audit::schema::kMetaState, "closed"}};
        for (const auto& [key, value] : rows) {
            meta->bindText(1, QByteArrayView(key));
            meta->bindText(2, value);
            if (Result<void> r = meta->run(); !r)
                return r.error();
        }
        if (Result<void> r = tx->commit(); !r)
            return r.error();
    }
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    Result<audit::ExportStats> stats = audit::exportLog(path, format, filter, buffer);
    if (!stats)
        return stats.error();
    return out;
}

} // namespace corral::server
