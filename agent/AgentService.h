// SPDX-License-Identifier: Apache-2.0
// The agent's JSON-RPC methods (agent.status, templates.list, apps.*), registered on a
// Dispatcher. Transport-free, so tests call it directly; docs/protocol.md lists the
// parameters, results and errors of every method.
#pragma once

#include "AppStore.h"
#include "Clock.h"
#include "bundle/BundleStore.h"
#include "catalog/TemplateCatalog.h"
#include "ipc/Dispatcher.h"
#include "manifest/ManifestValidator.h"

#include <optional>

namespace corral::agent {

// Agent errors travel as JSON-RPC code -32000 with the stable Corral code in data.code
// (for example {"code": "app.not-found"}); apps.save adds data.issues.
inline constexpr int kAgentErrorCode = -32000;
ipc::RpcError agentError(const Error& error, const QJsonObject& extraData = {});

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
        const bundle::BundleStore* policy = nullptr;
        Error policyError;
        const Clock* clock = &Clock::system();
        qint64 startedAtMs = 0;
        QString socketPath;
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

private:
    Context m_context;
};

} // namespace corral::agent
