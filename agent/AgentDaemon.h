// SPDX-License-Identifier: Apache-2.0
// The running agent, assembled: the instance lock, the database, the methods and the
// listening socket, in the order that keeps a second agent or a half-started one from
// touching the first one's state. corral-agent's main() only creates this.
#pragma once

#include "AgentPaths.h"
#include "AgentServer.h"
#include "AgentService.h"
#include "AppStore.h"
#include "ClientHub.h"
#include "GrantStore.h"
#include "InstanceLock.h"
#include "RunHistory.h"
#include "RunManager.h"
#include "SyncManager.h"
#include "ipc/Dispatcher.h"
#include "quota/CircuitBreaker.h"
#include "quota/QuotaManager.h"
#include "quota/QuotaStore.h"

#include <memory>

namespace corral::agent {

class AgentDaemon
{
public:
    // Prepares the folders, takes the lock, opens the database, loads the templates and
    // the manifest validator, opens the policy bundle store (standalone mode: the built-in
    // bundle signed with the local admin key), and listens. Errors: agent.paths,
    // agent.already-running, agent.lock, storage.*, app.store-schema, agent.socket. A
    // template, schema or bundle
    // store that fails to load does not stop the agent: the methods that need it report
    // the error, and without a policy every decision is deny.
    struct Options
    {
        int confirmTimeoutMs = 60000; // then an unanswered confirmation is deny
        QString homeDir;              // "~" in connector roots; default: the user's home
        // Enrolled agents (SyncManager): audit upload interval and long-poll hold time.
        int syncIntervalMs = 60000;
        int pollWaitSeconds = 30;
        // Called after agent.enroll, to start again in managed mode; default: quit the
        // application (the next client starts the agent again).
        std::function<void()> restart;
    };
    static Result<std::unique_ptr<AgentDaemon>> start(const AgentPaths& paths, const Clock& clock = Clock::system());
    static Result<std::unique_ptr<AgentDaemon>> start(const AgentPaths& paths, const Options& options,
                                                      const Clock& clock = Clock::system());
    ~AgentDaemon();

    const AgentPaths& paths() const { return m_paths; }
    AgentServer& server() { return *m_server; }
    // Stops listening, closes connections, cancels runs and closes the audit log with a
    // final checkpoint (the destructor does it too).
    void stop();

private:
    AgentDaemon();

    AgentPaths m_paths;
    InstanceLock m_lock;
    std::unique_ptr<AppStore> m_apps;
    std::unique_ptr<bundle::BundleStore> m_policy;
    std::unique_ptr<audit::AuditLog> m_audit;
    std::unique_ptr<GrantStore> m_grants;
    std::unique_ptr<quota::QuotaStore> m_quotaStore;
    std::unique_ptr<quota::QuotaManager> m_quota;
    std::unique_ptr<quota::CircuitBreaker> m_breaker;
    std::unique_ptr<RunHistory> m_history;
    std::unique_ptr<ClientHub> m_hub;
    RunServices m_runServices;
    std::unique_ptr<RunManager> m_runs;
    std::unique_ptr<sync::ApprovalStore> m_approvals;
    std::unique_ptr<SyncManager> m_sync;
    std::unique_ptr<AgentService> m_service;
    ipc::Dispatcher m_dispatcher;
    std::unique_ptr<AgentServer> m_server;
};

} // namespace corral::agent
