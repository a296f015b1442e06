// SPDX-License-Identifier: Apache-2.0
#include "AgentDaemon.h"

#include "agent/PeerCredentials.h"
#include "audit/AuditLog.h"
#include "audit/DeviceKey.h"
#include "catalog/ModelCatalog.h"
#include "models/ProviderRegistry.h"
#include "models/SecretStore.h"
#include "quota/CostCalculator.h"
#include "quota/LocalCalendar.h"
#include "quota/QuotaPresets.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>
#include <mutex>
#include <optional>
#include <pwd.h>
#include <unistd.h>

namespace corral::agent {

namespace {
Q_LOGGING_CATEGORY(lcDaemon, "corral.agent")
}

namespace {

QString currentUserName()
{
    if (const struct passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return QString::number(::getuid());
}

// The model providers runs may use: the catalog's models, through the provider each
// names. The secret store is opened on the first call of a hosted model, so an agent that
// only uses the offline model never probes for a keychain.
class ModelProviders
{
public:
    // Runs call it from their threads.
    Result<std::shared_ptr<models::ModelProvider>> operator()(const QString& model)
    {
        const std::lock_guard lock(m_mutex);
        if (!m_catalog && !m_error) {
            if (Result<catalog::ModelCatalog> loaded = catalog::ModelCatalog::loadDefault(); loaded.ok())
                m_catalog = std::move(loaded.value());
            else
                m_error = loaded.error();
        }
        if (!m_catalog)
            return *m_error;
        const catalog::ModelInfo* info = m_catalog->find(model);
        if (info && info->provider != catalog::ModelProvider::LocalExtractive && !m_registry && !m_secretsTried) {
            m_secretsTried = true;
            if (Result<std::unique_ptr<models::SecretStore>> store = models::openSecretStore(); store.ok())
                m_registry = std::make_unique<models::ProviderRegistry>(std::move(store.value()));
            else
                qCWarning(lcDaemon).noquote() << "no secret store:" << store.error().toString();
        }
        if (!m_registry) {
            static const models::ProviderRegistry offline(nullptr);
            return offline.create(*m_catalog, model);
        }
        return m_registry->create(*m_catalog, model);
    }

private:
    std::mutex m_mutex;
    bool m_secretsTried = false;
    std::optional<catalog::ModelCatalog> m_catalog;
    std::optional<Error> m_error;
    std::unique_ptr<models::ProviderRegistry> m_registry;
};

// Bundle data at data.corral.settings.<name> as JSON, or an empty object.
QJsonObject bundleSetting(const bundle::BundleStore* store, const char* name)
{
    const std::shared_ptr<const bundle::ActiveBundle> active = store ? store->active() : nullptr;
    if (!active)
        return {};
    const policy::Value* corral = active->bundle->data().get("corral");
    const policy::Value* settings = corral ? corral->get("settings") : nullptr;
    const policy::Value* value = settings ? settings->get(name) : nullptr;
    return value ? value->toQJson().toObject() : QJsonObject();
}

} // namespace

AgentDaemon::AgentDaemon() = default;

Result<std::unique_ptr<AgentDaemon>> AgentDaemon::start(const AgentPaths& paths, const Clock& clock)
{
    return start(paths, Options{}, clock);
}

Result<std::unique_ptr<AgentDaemon>> AgentDaemon::start(const AgentPaths& paths, const Options& options,
                                                        const Clock& clock)
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
    // Enrolled: only the organisation's key is trusted (managed mode).
    std::optional<sync::Enrollment> enrollment;
    if (QFile::exists(enrollmentPath(paths.configDir))) {
        if (Result<sync::Enrollment> loaded = sync::Enrollment::load(enrollmentPath(paths.configDir)); loaded.ok()) {
            Result<crypto::minisign::PublicKey> pinned =
                crypto::minisign::PublicKey::fromBase64(loaded->bundleKey, enrollmentPath(paths.configDir));
            if (pinned.ok()) {
                enrollment = std::move(loaded.value());
                policyOptions.mode = bundle::TrustMode::Managed;
                policyOptions.pinnedKeys = {pinned.value()};
            } else {
                qCWarning(lcDaemon).noquote() << "enrollment unusable:" << pinned.error().toString();
            }
        } else {
            qCWarning(lcDaemon).noquote() << "enrollment unusable:" << loaded.error().toString();
        }
    }
    // The organisation's managed configuration overrides the user's files; a broken one
    // leaves no trusted key (every decision deny) rather than falling back to standalone.
    std::optional<ManagedConfig> managed;
    if (Result<std::optional<ManagedConfig>> loaded = loadManagedConfig(); loaded.ok()) {
        managed = std::move(loaded.value());
        if (managed) {
            policyOptions.mode = bundle::TrustMode::Managed;
            policyOptions.pinnedKeys = managed->organisationKeys;
        }
    } else {
        qCWarning(lcDaemon).noquote() << "managed configuration unusable:" << loaded.error().toString();
        policyOptions.mode = bundle::TrustMode::Managed;
        policyOptions.pinnedKeys.clear();
    }
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

    // The audit log: without it nothing may run (every action must be recorded).
    context.auditDbPath = paths.dataDir + QStringLiteral("/audit.db");
    context.auditKeyDir = paths.dataDir;
    std::shared_ptr<const crypto::Ed25519KeyPair> deviceKey;
    if (Result<audit::DeviceKey> key = audit::loadOrCreateDeviceKey(paths.dataDir); key.ok()) {
        deviceKey = std::make_shared<const crypto::Ed25519KeyPair>(
            crypto::Ed25519KeyPair::fromSecretKey(key->key.keyPair.secretKey().view()));
        audit::AuditLog::Options auditOptions;
        auditOptions.origin = key->suggestedOrigin;
        auditOptions.clock = &clock;
        if (Result<std::unique_ptr<audit::AuditLog>> log =
                audit::AuditLog::open(context.auditDbPath, key->key.keyPair, auditOptions);
            log.ok()) {
            daemon->m_audit = std::move(log.value());
            context.audit = daemon->m_audit.get();
            for (const QString& repair : daemon->m_audit->repairs())
                qCWarning(lcDaemon).noquote() << "audit log repaired after a crash:" << repair;
        } else {
            context.auditError = log.error();
        }
    } else {
        context.auditError = key.error();
    }
    if (!context.audit)
        qCWarning(lcDaemon).noquote() << "audit log unavailable, apps cannot run:" << context.auditError.toString();

    Result<std::unique_ptr<GrantStore>> grants = GrantStore::open(paths.databasePath, clock);
    if (!grants.ok())
        return grants.error();
    daemon->m_grants = std::move(grants.value());
    Result<std::unique_ptr<RunHistory>> history = RunHistory::open(paths.databasePath);
    if (!history.ok())
        return history.error();
    daemon->m_history = std::move(history.value());
    // Quotas and the circuit breaker, with the active bundle's presets and rules (the
    // built-in ones when it has none; bad bundle data is reported and the defaults apply).
    Result<std::unique_ptr<sync::ApprovalStore>> approvals = sync::ApprovalStore::open(paths.databasePath);
    if (!approvals.ok())
        return approvals.error();
    daemon->m_approvals = std::move(approvals.value());
    context.approvals = daemon->m_approvals.get();
    Result<std::unique_ptr<quota::QuotaStore>> quotaStore = quota::QuotaStore::open(paths.databasePath);
    if (!quotaStore.ok())
        return quotaStore.error();
    daemon->m_quotaStore = std::move(quotaStore.value());
    const auto presetsOf = [](const bundle::BundleStore* store) {
        if (const QJsonObject data = bundleSetting(store, "quotas"); !data.isEmpty()) {
            Result<quota::QuotaPresets> parsed =
                quota::QuotaPresets::fromJson(data, QStringLiteral("the policy bundle"));
            if (parsed.ok())
                return std::move(parsed.value());
            qCWarning(lcDaemon).noquote() << "quota presets ignored:" << parsed.error().toString();
        }
        return quota::QuotaPresets::defaults();
    };
    quota::QuotaPresets presets = presetsOf(daemon->m_policy.get());
    quota::CostCalculator prices;
    if (Result<catalog::ModelCatalog> models = catalog::ModelCatalog::loadDefault(); models.ok()) {
        if (Result<quota::CostCalculator> fromCatalog = quota::CostCalculator::fromCatalog(*models); fromCatalog.ok())
            prices = std::move(fromCatalog.value());
    }
    Result<std::unique_ptr<quota::QuotaManager>> quotaManager = quota::QuotaManager::create(
        *daemon->m_quotaStore, clock, quota::LocalCalendar(), std::move(presets), std::move(prices));
    if (!quotaManager.ok())
        return quotaManager.error();
    daemon->m_quota = std::move(quotaManager.value());
    const auto rulesOf = [](const bundle::BundleStore* store) {
        if (const QJsonObject data = bundleSetting(store, "circuit_breaker"); !data.isEmpty()) {
            Result<quota::BreakerRules> parsed =
                quota::BreakerRules::fromJson(data, QStringLiteral("the policy bundle"));
            if (parsed.ok())
                return std::move(parsed.value());
            qCWarning(lcDaemon).noquote() << "circuit breaker rules ignored:" << parsed.error().toString();
        }
        return quota::BreakerRules::defaults();
    };
    Result<std::unique_ptr<quota::CircuitBreaker>> breaker =
        quota::CircuitBreaker::create(*daemon->m_quotaStore, clock, rulesOf(daemon->m_policy.get()));
    if (!breaker.ok())
        return breaker.error();
    daemon->m_breaker = std::move(breaker.value());
    context.quota = daemon->m_quota.get();
    context.breaker = daemon->m_breaker.get();
    context.bundleActivated = [raw = daemon.get(), presetsOf, rulesOf] {
        raw->m_quota->setPresets(presetsOf(raw->m_policy.get()));
        raw->m_breaker->setRules(rulesOf(raw->m_policy.get()));
    };

    AgentDaemon* raw = daemon.get();
    daemon->m_hub = std::make_unique<ClientHub>([raw](quint64 id) -> ipc::Peer* {
        LocalConnection* connection = raw->m_server ? raw->m_server->connection(id) : nullptr;
        return connection ? &connection->peer() : nullptr;
    });
    context.hub = daemon->m_hub.get();
    context.grants = daemon->m_grants.get();
    context.history = daemon->m_history.get();
    if (context.audit) {
        RunServices& services = daemon->m_runServices;
        services.policy = daemon->m_policy.get();
        services.audit = daemon->m_audit.get();
        services.grants = daemon->m_grants.get();
        services.quota = daemon->m_quota.get();
        services.breaker = daemon->m_breaker.get();
        services.models = [providers = std::make_shared<ModelProviders>()](const QString& model) {
            return (*providers)(model);
        };
        services.clock = &clock;
        services.userId = currentUserName();
        services.homeDir = options.homeDir.isEmpty() ? QDir::homePath() : options.homeDir;
        services.confirmTimeoutMs = options.confirmTimeoutMs;
        daemon->m_runs = std::make_unique<RunManager>(services, *daemon->m_hub, daemon->m_history.get());
        context.runs = daemon->m_runs.get();
    }

    context.configDir = paths.configDir;
    if (managed) {
        context.managedServer = managed->serverUrl;
        // The user's enrollment file cannot point a managed desktop at another server.
        if (enrollment && QUrl(enrollment->serverUrl).adjusted(QUrl::StripTrailingSlash) !=
                              QUrl(managed->serverUrl).adjusted(QUrl::StripTrailingSlash)) {
            qCWarning(lcDaemon).noquote() << "enrollment with" << enrollment->serverUrl
                                          << "ignored: the managed configuration names" << managed->serverUrl;
            enrollment.reset();
        }
    }
    const bool autoEnroll = managed && !enrollment && !managed->tokenFile.isEmpty();
    context.restart = options.restart ? options.restart : [] { QCoreApplication::quit(); };
    if (enrollment && deviceKey) {
        SyncManager::Services services;
        services.policy = daemon->m_policy.get();
        services.audit = daemon->m_audit.get();
        services.auditDbPath = context.auditDbPath;
        services.breaker = daemon->m_breaker.get();
        services.runs = daemon->m_runs.get();
        services.history = daemon->m_history.get();
        services.apps = daemon->m_apps.get();
        services.approvals = daemon->m_approvals.get();
        services.clock = &clock;
        services.bundleActivated = context.bundleActivated;
        const QString ca = QFile::exists(serverCaPath(paths.configDir)) ? serverCaPath(paths.configDir) : QString();
        Result<std::unique_ptr<SyncManager>> manager =
            SyncManager::create(std::move(*enrollment), ca, deviceKey, services,
                                SyncManager::Options{options.syncIntervalMs, options.pollWaitSeconds});
        if (manager.ok()) {
            daemon->m_sync = std::move(manager.value());
            daemon->m_sync->start();
            context.sync = daemon->m_sync.get();
        } else {
            qCWarning(lcDaemon).noquote() << "not syncing with the server:" << manager.error().toString();
        }
    }
    daemon->m_service = std::make_unique<AgentService>(std::move(context));
    daemon->m_service->registerMethods(daemon->m_dispatcher);

    daemon->m_server = std::make_unique<AgentServer>(daemon->m_dispatcher, currentUserId());
    QObject::connect(daemon->m_server.get(), &AgentServer::connectionClosed, daemon->m_hub.get(),
                     [hub = daemon->m_hub.get()](quint64 id) { hub->forget(id); });
    if (Result<void> listening = daemon->m_server->listen(paths.socketPath); !listening.ok())
        return listening.error();
    // A managed desktop enrolls itself with the organisation's token file, once listening.
    if (autoEnroll) {
        const QString server = managed->serverUrl;
        const QString tokenFile = managed->tokenFile;
        QTimer::singleShot(0, daemon->m_server.get(), [raw, server, tokenFile] {
            QFile file(tokenFile);
            if (!file.open(QIODevice::ReadOnly)) {
                qCWarning(lcDaemon).noquote() << "managed enrollment: cannot read" << tokenFile << file.errorString();
                return;
            }
            const QString token = QString::fromUtf8(file.read(4096)).trimmed();
            const ipc::HandlerResult result = raw->m_service->enroll(
                QJsonObject{{QStringLiteral("server"), server}, {QStringLiteral("token"), token}});
            if (const ipc::RpcError* error = std::get_if<ipc::RpcError>(&result))
                qCWarning(lcDaemon).noquote() << "managed enrollment failed:" << error->message;
        });
    }
    return daemon;
}

AgentDaemon::~AgentDaemon()
{
    stop();
}

void AgentDaemon::stop()
{
    // The socket goes first so no request arrives while the rest is torn down; closing the
    // connections answers pending confirmations with deny, so runs end promptly.
    if (m_server)
        m_server->close();
    if (m_sync)
        m_sync->stop();
    if (m_runs)
        m_runs->stopAll(30000);
    if (m_audit) {
        if (Result<void> closed = m_audit->close(); !closed.ok())
            qCWarning(lcDaemon).noquote() << "closing the audit log failed:" << closed.error().toString();
    }
}

} // namespace corral::agent
