// SPDX-License-Identifier: Apache-2.0
#include "AuditEvent.h"

#include "crypto/Hash.h"

#include <QDateTime>
#include <QJsonArray>

namespace corral::audit {

bool isReservedField(const QString& name)
{
    return name == QLatin1String("seq") || name == QLatin1String("ts") || name == QLatin1String("origin") ||
           name == QLatin1String("prev") || name == QLatin1String("type");
}

Result<void> AuditEvent::validate() const
{
    if (type.isEmpty())
        return makeError(QStringLiteral("audit.event"), QStringLiteral("event has no type"));
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (isReservedField(it.key()))
            return makeError(
                QStringLiteral("audit.event"),
                QStringLiteral("field \"%1\" is set by the log and cannot be part of an event").arg(it.key()));
    }
    return {};
}

QString decisionName(Decision decision)
{
    switch (decision) {
    case Decision::Allow:
        return QStringLiteral("allow");
    case Decision::Ask:
        return QStringLiteral("ask");
    case Decision::Deny:
        return QStringLiteral("deny");
    }
    return {};
}

QString formatTimestamp(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

std::optional<qint64> parseTimestamp(const QString& text)
{
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        dt = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // no zone given: read as UTC, like every record
    return dt.toMSecsSinceEpoch();
}

namespace events {

namespace {

QJsonObject appUser(const QString& appId, const QString& userId)
{
    QJsonObject o;
    o.insert(QStringLiteral("app_id"), appId);
    o.insert(QStringLiteral("user_id"), userId);
    return o;
}

} // namespace

AuditEvent runStarted(const QString& appId, const QString& userId, const QString& runId)
{
    QJsonObject o = appUser(appId, userId);
    o.insert(QStringLiteral("run_id"), runId);
    return {QString::fromLatin1(types::kRunStarted), o};
}

AuditEvent runFinished(const QString& appId, const QString& userId, const QString& runId, const QString& outcome,
                       qint64 durationMs)
{
    QJsonObject o = appUser(appId, userId);
    o.insert(QStringLiteral("run_id"), runId);
    o.insert(QStringLiteral("outcome"), outcome);
    o.insert(QStringLiteral("duration_ms"), double(durationMs));
    return {QString::fromLatin1(types::kRunFinished), o};
}

AuditEvent actionDecided(const QString& appId, const QString& userId, const QString& action, const QString& resource,
                         Decision decision, const QStringList& messages, const QString& policyId)
{
    QJsonObject o = appUser(appId, userId);
    o.insert(QStringLiteral("action"), action);
    o.insert(QStringLiteral("resource"), resource);
    o.insert(QStringLiteral("decision"), decisionName(decision));
    o.insert(QStringLiteral("messages"), QJsonArray::fromStringList(messages));
    if (!policyId.isEmpty())
        o.insert(QStringLiteral("policy_id"), policyId);
    return {QString::fromLatin1(types::kActionDecided), o};
}

AuditEvent actionConfirmed(const QString& appId, const QString& userId, const QString& action, const QString& resource,
                           bool approved, const QString& confirmedBy)
{
    QJsonObject o = appUser(appId, userId);
    o.insert(QStringLiteral("action"), action);
    o.insert(QStringLiteral("resource"), resource);
    o.insert(QStringLiteral("approved"), approved);
    o.insert(QStringLiteral("confirmed_by"), confirmedBy);
    return {QString::fromLatin1(types::kActionConfirmed), o};
}

AuditEvent actionPerformed(const QString& appId, const QString& userId, const QString& action, const QString& resource,
                           const QString& result, const QString& detail)
{
    QJsonObject o = appUser(appId, userId);
    o.insert(QStringLiteral("action"), action);
    o.insert(QStringLiteral("resource"), resource);
    o.insert(QStringLiteral("result"), result);
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    return {QString::fromLatin1(types::kActionPerformed), o};
}

AuditEvent modelCalled(const ModelCall& call)
{
    QJsonObject o = appUser(call.appId, call.userId);
    o.insert(QStringLiteral("timestamp"), formatTimestamp(call.timestampMs));
    o.insert(QStringLiteral("model"), call.model);
    o.insert(QStringLiteral("prompt_hash"), QString::fromLatin1(crypto::sha256Tagged(call.prompt)));
    o.insert(QStringLiteral("response_hash"), QString::fromLatin1(crypto::sha256Tagged(call.response)));
    o.insert(QStringLiteral("tokens_used"), double(call.tokensUsed));
    o.insert(QStringLiteral("cost"), call.cost);
    return {QString::fromLatin1(types::kModelCalled), o};
}

AuditEvent quotaExceeded(const QString& appId, const QString& userId, const QString& quota, double limit, double used)
{
    QJsonObject o = appUser(appId, userId);
    o.insert(QStringLiteral("quota"), quota);
    o.insert(QStringLiteral("limit"), limit);
    o.insert(QStringLiteral("used"), used);
    return {QString::fromLatin1(types::kQuotaExceeded), o};
}

AuditEvent policyActivated(const QString& bundleId, const QString& version, const QString& signer)
{
    QJsonObject o;
    o.insert(QStringLiteral("bundle_id"), bundleId);
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("signer"), signer);
    return {QString::fromLatin1(types::kPolicyActivated), o};
}

AuditEvent policyRejected(const QString& bundleId, const QString& reason)
{
    QJsonObject o;
    o.insert(QStringLiteral("bundle_id"), bundleId);
    o.insert(QStringLiteral("reason"), reason);
    return {QString::fromLatin1(types::kPolicyRejected), o};
}

AuditEvent appPaused(const QString& appId, const QString& by, const QString& reason)
{
    QJsonObject o;
    o.insert(QStringLiteral("app_id"), appId);
    o.insert(QStringLiteral("by"), by);
    o.insert(QStringLiteral("reason"), reason);
    return {QString::fromLatin1(types::kAppPaused), o};
}

AuditEvent note(const QString& text, const QString& author)
{
    QJsonObject o;
    o.insert(QStringLiteral("text"), text);
    if (!author.isEmpty())
        o.insert(QStringLiteral("author"), author);
    return {QString::fromLatin1(types::kNote), o};
}

} // namespace events

} // namespace corral::audit
