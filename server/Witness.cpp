// SPDX-License-Identifier: Apache-2.0
#include "Witness.h"

#include "Cosigner.h"
#include "audit/AuditEvent.h"
#include "audit/AuditRecord.h"
#include "audit/Checkpoint.h"
#include "audit/DeviceKey.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace corral::server {

namespace {

// Longest first line (the checkpoint note, JSON-escaped).
constexpr qsizetype kMaxHeaderLine = 64 * 1024;

QByteArray hexOf(const audit::Hash& h)
{
    return crypto::toBytes(h).toHex();
}

// The record's origin as scanRecord returns it: the JSON string's contents.
QByteArray rawOrigin(const QString& origin)
{
    const QByteArray json = audit::canonicalString(origin);
    return json.sliced(1, json.size() - 2);
}

} // namespace

void TreeEdge::append(const audit::Hash& leaf)
{
    audit::Hash h = leaf;
    for (std::uint64_t s = m_size; s & 1; s >>= 1) {
        h = audit::nodeHash(m_edge.back(), h);
        m_edge.pop_back();
    }
    m_edge.push_back(h);
    ++m_size;
}

audit::Hash TreeEdge::root() const
{
    if (m_edge.empty())
        return audit::emptyTreeHash();
    audit::Hash h = m_edge.back();
    for (auto it = m_edge.rbegin() + 1; it != m_edge.rend(); ++it)
        h = audit::nodeHash(*it, h);
    return h;
}

Witness::Witness(ServerStore& store, crypto::NoteSigner witnessKey, const Clock& clock)
    : m_store(store), m_key(std::move(witnessKey)), m_clock(clock)
{}

Error Witness::refuse(const Device& device, const char* code, const QString& alertKind, const QString& message)
{
    if (!alertKind.isEmpty())
        (void)m_store.addAlert(device.id, alertKind, message, m_clock.nowMs());
    return makeError(QLatin1String(code), message);
}

Result<WitnessState> Witness::state(const QString& deviceId)
{
    Result<std::optional<Device>> device = m_store.device(deviceId);
    if (!device)
        return device.error();
    if (!device->has_value())
        return makeError(QStringLiteral("device.unknown"), QStringLiteral("no enrolled device %1").arg(deviceId));
    return WitnessState{(*device)->size, (*device)->cosignature};
}

Result<IngestResult> Witness::ingest(const QString& deviceId, QByteArrayView body)
{
    Result<std::optional<Device>> loaded = m_store.device(deviceId);
    if (!loaded)
        return loaded.error();
    if (!loaded->has_value())
        return makeError(QStringLiteral("device.unknown"), QStringLiteral("no enrolled device %1").arg(deviceId));
    Device device = std::move(**loaded);

    // Header line: the signed checkpoint.
    qsizetype eol = body.indexOf('\n');
    if (eol < 0)
        eol = body.size();
    if (eol > kMaxHeaderLine)
        return makeError(QLatin1String(witness::kMalformed), QStringLiteral("the header line is too long"));
    const QJsonDocument header = QJsonDocument::fromJson(body.first(eol).toByteArray());
    const QByteArray note = header.object().value(QLatin1String("checkpoint")).toString().toUtf8();
    if (!header.isObject() || note.isEmpty())
        return makeError(QLatin1String(witness::kMalformed),
                         QStringLiteral("the first line must be {\"checkpoint\": \"<signed note>\"}"));
    Result<audit::Checkpoint> cp = audit::openCheckpoint(note, {audit::verifierFor(device.origin, device.publicKey)});
    if (!cp)
        return makeError(QLatin1String(witness::kBadCheckpoint), cp.error().message);
    if (cp->origin != device.origin)
        return makeError(
            QLatin1String(witness::kBadCheckpoint),
            QStringLiteral("the checkpoint names origin %1, the device's log is %2").arg(cp->origin, device.origin));

    TreeEdge tree(device.size, device.edge);
    const std::uint64_t held = device.size;
    if (cp->size < held)
        return refuse(
            device, witness::kSmaller, QStringLiteral("rollback"),
            QStringLiteral("checkpoint size %1 is smaller than the witnessed size %2").arg(cp->size).arg(held));

    IngestResult result;
    std::vector<QByteArrayView> fresh;
    std::vector<UsageDelta> usage;
    if (cp->size == held) {
        if (cp->root != tree.root())
            return refuse(device, witness::kFork, QStringLiteral("fork"),
                          QStringLiteral("checkpoint at size %1 has another root than the witnessed one").arg(held));
    } else {
        fresh.reserve(std::size_t(cp->size - held));
        const QByteArray origin = rawOrigin(device.origin);
        QByteArray prevHex = held == 0 ? audit::genesisPrev() : hexOf(device.lastLeaf);
        audit::Hash lastLeaf = device.lastLeaf;
        qsizetype pos = eol + 1;
        while (pos < body.size()) {
            qsizetype end = body.indexOf('\n', pos);
            if (end < 0)
                end = body.size();
            const QByteArrayView record = body.sliced(pos, end - pos);
            pos = end + 1;
            if (record.isEmpty())
                continue;
            Result<audit::RecordHeader> h = audit::scanRecord(record);
            if (!h)
                return makeError(QLatin1String(witness::kMalformed), h.error().message);
            if (h->seq < held && fresh.empty()) {
                ++result.duplicates; // already witnessed; the root check below covers it
                continue;
            }
            const std::uint64_t expected = held + fresh.size();
            if (h->seq != expected) {
                if (fresh.empty())
                    return refuse(
                        device, witness::kGap, QStringLiteral("gap"),
                        QStringLiteral("records start at seq %1, the witness holds %2").arg(h->seq).arg(held));
                return makeError(QLatin1String(witness::kMalformed),
                                 QStringLiteral("seq %1 follows seq %2").arg(h->seq).arg(expected - 1));
            }
            if (h->seq >= cp->size)
                return makeError(QLatin1String(witness::kMalformed),
                                 QStringLiteral("seq %1 is beyond the checkpoint's size %2").arg(h->seq).arg(cp->size));
            if (h->prev != prevHex)
                return refuse(device, witness::kFork, QStringLiteral("fork"),
                              QStringLiteral("seq %1 does not chain to the previous record").arg(h->seq));
            if (h->origin != origin)
                return makeError(QLatin1String(witness::kMalformed),
                                 QStringLiteral("seq %1 belongs to another log").arg(h->seq));
            lastLeaf = audit::leafHash(record);
            prevHex = hexOf(lastLeaf);
            tree.append(lastLeaf);
            fresh.push_back(record);
            if (h->type == audit::types::kModelCalled) {
                const QJsonObject o = QJsonDocument::fromJson(record.toByteArray()).object();
                usage.push_back(UsageDelta{
                    o.value(QLatin1String("user_id")).toString(), o.value(QLatin1String("app_id")).toString(),
                    o.value(QLatin1String("model")).toString(),
                    qint64(o.value(QLatin1String("tokens_used")).toDouble()), o.value(QLatin1String("cost")).toDouble(),
                    audit::parseTimestamp(o.value(QLatin1String("ts")).toString()).value_or(0)});
            }
        }
        if (fresh.empty() && held < cp->size)
            return refuse(
                device, witness::kGap, QStringLiteral("gap"),
                QStringLiteral("no records from seq %1 up to the checkpoint's size %2").arg(held).arg(cp->size));
        if (tree.size() != cp->size)
            return makeError(
                QLatin1String(witness::kIncomplete),
                QStringLiteral("records stop at seq %1, the checkpoint covers %2").arg(tree.size() - 1).arg(cp->size));
        if (tree.root() != cp->root)
            return refuse(device, witness::kRootMismatch, QStringLiteral("root-mismatch"),
                          QStringLiteral("records up to size %1 do not hash to the checkpoint's root").arg(cp->size));
        device.lastLeaf = lastLeaf;
    }

    const qint64 now = m_clock.nowMs();
    Result<QByteArray> cosigned = cosign(note, m_key, quint64(now / 1000));
    if (!cosigned)
        return makeError(QLatin1String(witness::kMalformed), cosigned.error().message);
    device.size = tree.size();
    device.edge = tree.edge();
    device.checkpoint = note;
    device.cosignature = *cosigned;
    if (Result<void> r = m_store.appendRecords(device, held, fresh, usage, now); !r)
        return r.error();
    result.size = device.size;
    result.accepted = fresh.size();
    result.cosigned = *cosigned;
    return result;
}

Result<int> Witness::checkSilence(qint64 silenceMs)
{
    Result<QList<Device>> devices = m_store.devices();
    if (!devices)
        return devices.error();
    const qint64 now = m_clock.nowMs();
    int raised = 0;
    for (const Device& d : *devices) {
        if (d.lastSyncMs == 0 || now - d.lastSyncMs < silenceMs)
            continue;
        Result<bool> open = m_store.hasOpenAlert(d.id, QStringLiteral("silence"));
        if (!open)
            return open.error();
        if (*open)
            continue;
        if (Result<std::int64_t> r =
                m_store.addAlert(d.id, QStringLiteral("silence"),
                                 QStringLiteral("no sync for %1 s (last at %2)")
                                     .arg((now - d.lastSyncMs) / 1000)
                                     .arg(QDateTime::fromMSecsSinceEpoch(d.lastSyncMs, Qt::UTC).toString(Qt::ISODate)),
                                 now);
            !r)
            return r.error();
        ++raised;
    }
    return raised;
}

} // namespace corral::server
