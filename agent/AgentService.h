// SPDX-License-Identifier: Apache-2.0
// The agent's JSON-RPC methods (agent.status, templates.list, apps.*), registered on a
// Dispatcher. Transport-free, so tests call it directly; docs/protocol.md lists the
// parameters, results and errors of every method.
#pragma once

#include "AppStore.h"
#include "ClientHub.h"
#include "Clock.h"
#include "GrantStore.h"
#include "RunHistory.h"
#include "RunManager.h"
#include "bundle/BundleStore.h"
#include "catalog/TemplateCatalog.h"
#include "ipc/Dispatcher.h"
#include "manifest/ManifestValidator.h"

#include <functional>
#include <optional>

namespace corral::audit {
class AuditLog;
}
namespace corral::quota {
class QuotaManager;
class CircuitBreaker;
} // namespace corral::quota

namespace corral::agent {

class SyncManager;
namespace sync {
class ApprovalStore;
}

// Agent errors travel as JSON-RPC code -32000 with the stable Corral code in data.code
// (for example {"code": "app.not-found"}); apps.save adds data.issues.
inline constexpr int kAgentErrorCode = -32000;
ipc::RpcError agentError(const Error& error, const QJsonObject& extraData = {});
// Times in the protocol: ISO 8601 UTC with milliseconds.
QString isoTime(qint64 ms);

class AgentService
{
public:
    struct Context
    {
        AppStore* apps = nullptr;
        // Missing when the shipped schema or catalogs could not be loaded: apps.save then
        // answers with that error instead of accepting unchecked manifests.
        std::optional<manifest::ManifestValidator> validator;
        Error validatorError;
        std::optional<catalog::TemplateCatalog> templates;
        Error templatesError;
        // The active policy; missing when the bundle store could not be set up (then every
        // decision is deny and agent.status reports policyError).
        bundle::BundleStore* policy = nullptr;
        Error policyError;
        // Runs and what they need; a missing piece makes the methods that need it answer
        // with the error that kept it from starting.
        ClientHub* hub = nullptr;
        RunManager* runs = nullptr;
        RunHistory* history = nullptr;
        GrantStore* grants = nullptr;
        quota::QuotaManager* quota = nullptr;
        quota::CircuitBreaker* breaker = nullptr;
        audit::AuditLog* audit = nullptr;
        Error auditError;
        QString auditDbPath;
        QString auditKeyDir; // device.pub, to verify checkpoints
        // Applies a newly activated bundle's settings (quota presets, breaker rules).
        std::function<void()> bundleActivated;
        const Clock* clock = &Clock::system();
        qint64 startedAtMs = 0;
        QString socketPath;
        // Enrollment with corral-server (AgentServiceSync.cpp): the enrollment is kept in
        // configDir; `sync` is set when enrolled; `restart` is called after agent.enroll.
        QString configDir;
        SyncManager* sync = nullptr;
        sync::ApprovalStore* approvals = nullptr; // production requests and decisions
        std::function<void()> restart;
        QString managedServer; // set by the managed configuration: the only server allowed
    };

    explicit AgentService(Context context);

    // Adds every method to `dispatcher`, which must not outlive this service.
    void registerMethods(ipc::Dispatcher& dispatcher);

    ipc::HandlerResult status(const QJsonValue& params);
    ipc::HandlerResult listTemplates(const QJsonValue& params);
    ipc::HandlerResult saveApp(const QJsonValue& params);
    ipc::HandlerResult listApps(const QJsonValue& params);
    ipc::HandlerResult getApp(const QJsonValue& params);
    ipc::HandlerResult deleteApp(const QJsonValue& params);
    ipc::HandlerResult appVersions(const QJsonValue& params);
    ipc::HandlerResult getTemplate(const QJsonValue& params);
    ipc::HandlerResult checkApp(const QJsonValue& params);

    // Runs, confirmations and grants (AgentServiceRuns.cpp).
    ipc::HandlerResult hello(const QJsonValue& params, const ipc::Caller& caller);
    ipc::HandlerResult startRun(const QJsonValue& params, const ipc::Caller& caller);
    ipc::HandlerResult cancelRun(const QJsonValue& params);
    ipc::HandlerResult listRuns(const QJsonValue& params);
    ipc::HandlerResult listGrants(const QJsonValue& params);
    ipc::HandlerResult revokeGrant(const QJsonValue& params);
    ipc::HandlerResult resumeApp(const QJsonValue& params);
    ipc::HandlerResult usageSummary(const QJsonValue& params);

    // Policy and audit (AgentServicePolicy.cpp).
    ipc::HandlerResult policyStatus(const QJsonValue& params);
    ipc::HandlerResult installBundle(const QJsonValue& params);
    ipc::HandlerResult queryAudit(const QJsonValue& params);
    ipc::HandlerResult verifyAudit(const QJsonValue& params);
    ipc::HandlerResult auditNote(const QJsonValue& params);

    // Enrollment with corral-server (AgentServiceSync.cpp).
    ipc::HandlerResult enroll(const QJsonValue& params);
    ipc::HandlerResult requestProduction(const QJsonValue& params);

private:
    QJsonObject policyJson() const;
    QJsonObject syncJson() const;
    // apps.list/apps.get's "stage" and "approval" of an app (AgentServiceSync.cpp).
    void addApprovalFields(QJsonObject& app) const;
    // Sets a run's stage and approval for the policy and quotas: the organisation's approval
    // decides the stage, not what the manifest declares.
    void applyApprovedStage(const QString& app, QJsonObject& manifest) const;

    Context m_context;
    std::optional<QJsonObject> m_lastRejected; // the last bundle.install refusal
    bool m_enrolling = false;                  // agent.enroll waits for the server
};

} // namespace corral::agent
