// SPDX-License-Identifier: Apache-2.0
// AgentService: policy.status, bundle.install, audit.query, audit.verify, audit.note
// (docs/protocol.md). The agent owns the audit log; clients read and verify it here.
#include "AgentService.h"
#include "audit/AuditEvent.h"
#include "audit/AuditLog.h"
#include "audit/AuditStore.h"
#include "audit/AuditVerifier.h"
#include "audit/DeviceKey.h"
#include "audit/MerkleTree.h"
#include "catalog/ConnectorCatalog.h"
#include "catalog/ModelCatalog.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace corral::agent {

namespace {

constexpr qint64 kMaxBundleFileBytes = 64 * 1024 * 1024;

Result<QByteArray> readSmallFile(const QString& path, qint64 limit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("bundle.io"),
                         QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > limit)
        return makeError(QStringLiteral("bundle.io"),
                         QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(limit));
    return file.read(limit + 1);
}

std::optional<qint64> parseTime(const QString& text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

} // namespace

ipc::HandlerResult AgentService::policyStatus(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    QJsonObject result = policyJson();
    if (!m_context.policy)
        return QJsonValue(result);
    QJsonArray keys;
    for (const crypto::minisign::PublicKey& key : m_context.policy->trustedKeys())
        keys.append(key.keyIdHex());
    result.insert(QStringLiteral("trust_key_ids"), keys);
    if (const std::shared_ptr<const bundle::ActiveBundle> active = m_context.policy->active())
        result.insert(QStringLiteral("entry_points"),
                      QJsonArray::fromStringList(active->bundle->manifest().decisionPackages));
    // What a new app may use: each catalog entry with the policy's verdict for it.
    const auto verdict = [this](const QJsonObject& input) {
        return m_context.policy->decide(policy::Value::fromQJson(input));
    };
    QJsonArray connectors;
    if (Result<catalog::ConnectorCatalog> catalog = catalog::ConnectorCatalog::loadDefault(); catalog.ok()) {
        for (const catalog::ConnectorInfo& c : catalog->connectors()) {
            const bundle::PolicyDecision d = verdict(QJsonObject{
                {QStringLiteral("request"), QJsonObject{{QStringLiteral("action"), QStringLiteral("app.save")}}},
                {QStringLiteral("app"), QJsonObject{{QStringLiteral("connectors"), QJsonArray{c.id}}}}});
            QJsonObject item{{QStringLiteral("id"), c.id},
                             {QStringLiteral("title"), c.title},
                             {QStringLiteral("description"), c.description},
                             {QStringLiteral("type"), catalog::toString(c.type)},
                             {QStringLiteral("classification"), catalog::toString(c.classification)},
                             {QStringLiteral("allowed"), d.outcome != bundle::PolicyDecision::Outcome::Deny}};
            if (d.outcome == bundle::PolicyDecision::Outcome::Deny)
                item.insert(QStringLiteral("reason"), d.reasons.join(QStringLiteral("; ")));
            connectors.append(item);
        }
    }
    result.insert(QStringLiteral("connectors"), connectors);
    QJsonArray models;
    if (Result<catalog::ModelCatalog> catalog = catalog::ModelCatalog::loadDefault(); catalog.ok()) {
        for (const QString& id : catalog->ids()) {
            const bundle::PolicyDecision d = verdict(QJsonObject{
                {QStringLiteral("request"), QJsonObject{{QStringLiteral("action"), QStringLiteral("model.generate")},
                                                        {QStringLiteral("model"), id}}},
                {QStringLiteral("app"), QJsonObject{{QStringLiteral("stage"), QStringLiteral("development")}}}});
            QJsonObject item{{QStringLiteral("id"), id},
                             {QStringLiteral("allowed"), d.outcome != bundle::PolicyDecision::Outcome::Deny}};
            if (d.outcome == bundle::PolicyDecision::Outcome::Deny)
                item.insert(QStringLiteral("reason"), d.reasons.join(QStringLiteral("; ")));
            models.append(item);
        }
    }
    result.insert(QStringLiteral("models"), models);
    if (m_lastRejected)
        result.insert(QStringLiteral("last_rejected"), *m_lastRejected);
    return QJsonValue(result);
}

ipc::HandlerResult AgentService::installBundle(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString path = reader.string(QStringLiteral("path"));
    const QString signaturePath = reader.string(QStringLiteral("signature"), path + QStringLiteral(".minisig"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.policy)
        return agentError(m_context.policyError);
    Result<QByteArray> archive = readSmallFile(path, kMaxBundleFileBytes);
    if (!archive.ok())
        return agentError(archive.error());
    Result<QByteArray> signature = readSmallFile(signaturePath, 64 * 1024);
    if (!signature.ok())
        return agentError(signature.error());
    Result<std::shared_ptr<const bundle::ActiveBundle>> activated = m_context.policy->activate(*archive, *signature);
    if (!activated.ok()) {
        m_lastRejected = QJsonObject{{QStringLiteral("at"), isoTime(m_context.clock->nowMs())},
                                     {QStringLiteral("code"), activated.error().code},
                                     {QStringLiteral("message"), activated.error().message}};
        if (m_context.audit)
            (void)m_context.audit->append(audit::events::policyRejected(path, activated.error().toString()));
        return agentError(activated.error());
    }
    if (m_context.audit)
        (void)m_context.audit->append(audit::events::policyActivated(
            (*activated)->revision, QString::number((*activated)->serial), (*activated)->keyId));
    if (m_context.bundleActivated)
        m_context.bundleActivated();
    return policyStatus(QJsonObject());
}

ipc::HandlerResult AgentService::queryAudit(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const qint64 afterSeq = reader.integer(QStringLiteral("after_seq"), -1);
    const qint64 limit = reader.integer(QStringLiteral("limit"), 200);
    const QString app = reader.string(QStringLiteral("app"), QString());
    const QString type = reader.string(QStringLiteral("type"), QString());
    const QString fromText = reader.string(QStringLiteral("from"), QString());
    const QString toText = reader.string(QStringLiteral("to"), QString());
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (limit < 1 || limit > 1000)
        return ipc::RpcError::invalidParams(QStringLiteral("\"limit\" must be 1 to 1000"));
    const std::optional<qint64> from = parseTime(fromText);
    const std::optional<qint64> to = parseTime(toText);
    if ((!fromText.isEmpty() && !from) || (!toText.isEmpty() && !to))
        return ipc::RpcError::invalidParams(QStringLiteral("\"from\" and \"to\" must be ISO 8601 times"));
    Result<audit::AuditStore> store = audit::AuditStore::open(m_context.auditDbPath);
    if (!store.ok())
        return agentError(store.error());
    Result<std::uint64_t> size = store->recordCount();
    if (!size.ok())
        return agentError(size.error());
    QJsonArray records;
    Result<void> read = store->forEachRecord(
        [&](std::uint64_t, QByteArrayView bytes) {
            QJsonObject record = QJsonDocument::fromJson(bytes.toByteArray()).object();
            if (!app.isEmpty() && record.value(QStringLiteral("app_id")).toString() != app)
                return true;
            if (!type.isEmpty() && record.value(QStringLiteral("type")).toString() != type)
                return true;
            if (from || to) {
                const qint64 ts =
                    QDateTime::fromString(record.value(QStringLiteral("ts")).toString(), Qt::ISODateWithMs)
                        .toMSecsSinceEpoch();
                if ((from && ts < *from) || (to && ts >= *to))
                    return true;
            }
            const audit::Hash leaf = audit::leafHash(bytes);
            record.insert(
                QStringLiteral("leaf_hash"),
                QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(leaf.data()), int(leaf.size())).toHex()));
            records.append(record);
            return records.size() < limit;
        },
        std::uint64_t(afterSeq + 1));
    if (!read.ok())
        return agentError(read.error());
    return QJsonValue(QJsonObject{{QStringLiteral("size"), qint64(*size)}, {QStringLiteral("records"), records}});
}

ipc::HandlerResult AgentService::verifyAudit(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    Result<audit::AuditStore> store = audit::AuditStore::open(m_context.auditDbPath);
    if (!store.ok())
        return agentError(store.error());
    Result<QList<crypto::NoteVerifier>> trusted =
        audit::loadVerifiers(m_context.auditKeyDir + QStringLiteral("/device.pub"), store->origin());
    if (!trusted.ok())
        return agentError(trusted.error());
    Result<audit::VerifyReport> report = audit::verifyLog(m_context.auditDbPath, {*trusted, {}});
    if (!report.ok())
        return agentError(report.error());
    QJsonArray failures;
    for (const audit::Finding& f : report->failures)
        failures.append(QJsonObject{{QStringLiteral("kind"), f.kind},
                                    {QStringLiteral("seq"), qint64(f.seq)},
                                    {QStringLiteral("message"), f.toLine()}});
    QJsonObject result{{QStringLiteral("ok"), report->ok()},
                       {QStringLiteral("records"), qint64(report->records)},
                       {QStringLiteral("summary"), report->ok() ? report->summary() : QString()},
                       {QStringLiteral("failures"), failures},
                       {QStringLiteral("repairs"), QJsonArray::fromStringList(report->repairs)}};
    if (report->checkpoint)
        result.insert(QStringLiteral("checkpoint"),
                      QJsonObject{{QStringLiteral("size"), qint64(report->checkpoint->size)},
                                  {QStringLiteral("root"), QString::fromLatin1(report->checkpoint->rootBase64())}});
    return QJsonValue(result);
}

ipc::HandlerResult AgentService::auditNote(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString text = reader.string(QStringLiteral("text"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.audit)
        return agentError(m_context.auditError);
    if (text.isEmpty() || text.size() > 10000)
        return ipc::RpcError::invalidParams(QStringLiteral("\"text\" must be 1 to 10000 characters"));
    Result<std::uint64_t> seq = m_context.audit->append(audit::events::note(text, QStringLiteral("user")));
    if (!seq.ok())
        return agentError(seq.error());
    return QJsonValue(QJsonObject{{QStringLiteral("seq"), qint64(*seq)}});
}

} // namespace corral::agent
