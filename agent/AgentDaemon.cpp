// SPDX-License-Identifier: Apache-2.0
#include "AgentDaemon.h"

#include "agent/PeerCredentials.h"

#include <QLoggingCategory>

namespace corral::agent {

namespace {
Q_LOGGING_CATEGORY(lcDaemon, "corral.agent")
}

Result<std::unique_ptr<AgentDaemon>> AgentDaemon::start(const AgentPaths& paths, const Clock& clock)
{
    if (Result<void> prepared = paths.prepare(); !prepared.ok())
        return prepared.error();
    Result<InstanceLock> lock = InstanceLock::acquire(paths.lockPath);
    if (!lock.ok())
        return lock.error();
    Result<AppStore> apps = AppStore::open(paths.databasePath, clock);
    if (!apps.ok())
        return apps.error();

    std::unique_ptr<AgentDaemon> daemon(new AgentDaemon);
    daemon->m_paths = paths;
    daemon->m_lock = std::move(lock.value());
    daemon->m_apps = std::make_unique<AppStore>(std::move(apps.value()));

    AgentService::Context context;
    context.apps = daemon->m_apps.get();
    context.clock = &clock;
    context.startedAtMs = clock.nowMs();
    context.socketPath = paths.socketPath;
    if (Result<manifest::ManifestValidator> validator = manifest::ManifestValidator::createDefault(); validator.ok()) {
        context.validator = std::move(validator.value());
    } else {
        context.validatorError = validator.error();
        qCWarning(lcDaemon).noquote() << "manifests cannot be validated:" << validator.error().toString();
    }
    if (Result<catalog::TemplateCatalog> templates = catalog::TemplateCatalog::loadDefault(); templates.ok()) {
        context.templates = std::move(templates.value());
    } else {
        context.templatesError = templates.error();
        qCWarning(lcDaemon).noquote() << "templates unavailable:" << templates.error().toString();
    }
    bundle::BundleStoreOptions policyOptions;
    policyOptions.storeDir = paths.dataDir + QStringLiteral("/bundles");
    policyOptions.keyDir = paths.configDir;
    policyOptions.clock = &clock;
    if (Result<std::unique_ptr<bundle::BundleStore>> policy = bundle::BundleStore::open(std::move(policyOptions));
        policy.ok()) {
        daemon->m_policy = std::move(policy.value());
        context.policy = daemon->m_policy.get();
        if (const std::optional<Error> startup = daemon->m_policy->startupError())
            qCWarning(lcDaemon).noquote() << "no policy bundle loaded:" << startup->toString();
    } else {
        context.policyError = policy.error();
        qCWarning(lcDaemon).noquote() << "policy unavailable, every decision is deny:" << policy.error().toString();
    }
    daemon->m_service = std::make_unique<AgentService>(std::move(context));
    daemon->m_service->registerMethods(daemon->m_dispatcher);

    daemon->m_server = std::make_unique<AgentServer>(daemon->m_dispatcher, currentUserId());
    if (Result<void> listening = daemon->m_server->listen(paths.socketPath); !listening.ok())
        return listening.error();
    return daemon;
}

AgentDaemon::~AgentDaemon()
{
    stop();
}

void AgentDaemon::stop()
{
    // The socket goes first so no request arrives while the rest is torn down.
    if (m_server)
        m_server->close();
}

} // namespace corral::agent
