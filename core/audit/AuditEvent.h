// SPDX-License-Identifier: Apache-2.0
// AuditEvent: what happened, before the log gives it a seq, time and place in the chain.
// The typed builders below are the record types every other module appends, so records
// of one type always carry the same field names (snake_case, as the SIEM exports expect).
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace corral::audit {

namespace types {
inline constexpr char kRunStarted[] = "run.started";
inline constexpr char kRunFinished[] = "run.finished";
inline constexpr char kActionDecided[] = "action.decided";
inline constexpr char kActionConfirmed[] = "action.confirmed";
inline constexpr char kActionPerformed[] = "action.performed";
inline constexpr char kModelCalled[] = "model.called";
inline constexpr char kQuotaExceeded[] = "quota.exceeded";
inline constexpr char kPolicyActivated[] = "policy.activated";
inline constexpr char kPolicyRejected[] = "policy.rejected";
inline constexpr char kAppPaused[] = "app.paused";
inline constexpr char kNote[] = "note";
} // namespace types

// The record fields the log itself sets; an event may not carry them.
bool isReservedField(const QString& name);

struct AuditEvent
{
    QString type;
    QJsonObject fields;

    // Error code "audit.event": empty type, or a reserved field name.
    Result<void> validate() const;
};

enum class Decision { Allow, Ask, Deny };
QString decisionName(Decision decision); // "allow", "ask", "deny"

// A model call as the model layer sees it; the builder hashes prompt and response so the
// record proves what was sent without keeping it.
struct ModelCall
{
    qint64 timestampMs = 0; // when the call was made (UTC ms)
    QString appId;
    QString userId;
    QString model;
    QByteArray prompt;
    QByteArray response;
    qint64 tokensUsed = 0;
    double cost = 0;
};

namespace events {

AuditEvent runStarted(const QString& appId, const QString& userId, const QString& runId);
// `outcome`: "ok", "error" or "cancelled".
AuditEvent runFinished(const QString& appId, const QString& userId, const QString& runId, const QString& outcome,
                       qint64 durationMs);
// `action` names the capability ("file.read", "http.post", "model.call"), `resource` what
// it applies to; `messages` are the policy's explanations.
AuditEvent actionDecided(const QString& appId, const QString& userId, const QString& action, const QString& resource,
                         Decision decision, const QStringList& messages, const QString& policyId = {});
AuditEvent actionConfirmed(const QString& appId, const QString& userId, const QString& action, const QString& resource,
                           bool approved, const QString& confirmedBy);
// `result`: "ok" or "error"; `detail` is optional.
AuditEvent actionPerformed(const QString& appId, const QString& userId, const QString& action, const QString& resource,
                           const QString& result, const QString& detail = {});
// Carries every field of the seed model-call event (timestamp, app_id, user_id, model,
// prompt_hash, response_hash, tokens_used, cost) with real "sha256:" hashes.
AuditEvent modelCalled(const ModelCall& call);
AuditEvent quotaExceeded(const QString& appId, const QString& userId, const QString& quota, double limit, double used);
AuditEvent policyActivated(const QString& bundleId, const QString& version, const QString& signer);
AuditEvent policyRejected(const QString& bundleId, const QString& reason);
AuditEvent appPaused(const QString& appId, const QString& by, const QString& reason);
AuditEvent note(const QString& text, const QString& author = {});

} // namespace events

// RFC 3339 UTC with milliseconds ("2026-01-15T14:23:10.000Z"), the form of every `ts`.
QString formatTimestamp(qint64 msSinceEpoch);
// Accepts RFC 3339 with or without fraction, or a bare date (midnight UTC).
std::optional<qint64> parseTimestamp(const QString& text);

} // namespace corral::audit
