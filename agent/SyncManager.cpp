// SPDX-License-Identifier: Apache-2.0
#include "SyncManager.h"

#include "AgentService.h"
#include "AppStore.h"
#include "RunHistory.h"
#include "RunManager.h"
#include "audit/AuditLog.h"
#include "bundle/BundleStore.h"
#include "crypto/Ed25519.h"
#include "quota/CircuitBreaker.h"
#include "sync/ApprovalDecision.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <sys/stat.h>

namespace corral::agent {

namespace {
Q_LOGGING_CATEGORY(lcSync, "corral.agent.sync")

// The reason recorded for a pause ordered by the server; resume orders only lift these.
const QString kServerPauseReason = QStringLiteral("paused by the organisation's administrator");
} // namespace

bool isOrganisationPause(const QString& reason)
{
    return reason == kServerPauseReason;
}

QString enrollmentPath(const QString& configDir)
{
    return configDir + QStringLiteral("/enrollment.json");
}

QString serverCaPath(const QString& configDir)
{
    return configDir + QStringLiteral("/server-ca.pem");
}

Result<std::optional<ManagedConfig>> loadManagedConfig()
{
    QString path = QString::fromLatin1(kManagedConfigPath);
    const bool system = QFileInfo::exists(path);
    if (!system) {
        path = qEnvironmentVariable("CORRAL_MANAGED_CONFIG");
        if (path.isEmpty() || !QFileInfo::exists(path))
            return std::optional<ManagedConfig>();
    }
    const auto bad = [&path](const QString& why) {
        return makeError(QStringLiteral("sync.managed"), QStringLiteral("%1: %2").arg(path, why));
    };
    if (system) {
        struct stat info = {};
        if (::stat(QFile::encodeName(path).constData(), &info) != 0 || info.st_uid != 0 ||
            (info.st_mode & (S_IWGRP | S_IWOTH)) != 0)
            return bad(QStringLiteral("must be owned by root and writable only by root"));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return bad(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &parseError);
    if (!doc.isObject())
        return bad(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject o = doc.object();
    ManagedConfig config;
    config.path = path;
    config.serverUrl = o.value(QStringLiteral("server")).toString();
    config.tokenFile = o.value(QStringLiteral("enrollment_token_file")).toString();
    const QUrl url(config.serverUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return bad(QStringLiteral("\"server\" must be an http(s) URL"));
    for (const QJsonValue& key : o.value(QStringLiteral("organisation_keys")).toArray()) {
        Result<crypto::minisign::PublicKey> parsed =
            crypto::minisign::PublicKey::fromBase64(key.toString().toLatin1(), path);
        if (!parsed.ok())
            return parsed.error();
        config.organisationKeys.append(parsed.value());
    }
    if (config.organisationKeys.isEmpty())
        return bad(QStringLiteral("\"organisation_keys\" must list at least one minisign public key"));
    return std::optional<ManagedConfig>(std::move(config));
}

SyncManager::SyncManager(sync::Enrollment enrollment, Services services, Options options)
    : m_enrollment(std::move(enrollment)), m_services(std::move(services)), m_options(options)
{}

SyncManager::~SyncManager()
{
    stop();
}

Result<std::unique_ptr<SyncManager>> SyncManager::create(sync::Enrollment enrollment, const QString& caFile,
                                                         std::shared_ptr<const crypto::Ed25519KeyPair> key,
                                                         Services services, Options options)
{
    std::unique_ptr<SyncManager> manager(new SyncManager(std::move(enrollment), std::move(services), options));
    manager->m_connection = std::make_unique<sync::ServerConnection>(QUrl(manager->m_enrollment.serverUrl));
    if (!caFile.isEmpty()) {
        if (Result<void> ca = manager->m_connection->setCaFile(caFile); !ca.ok())
            return ca.error();
    }
    manager->m_connection->setSigner(sync::RequestSigner(manager->m_enrollment.deviceId, std::move(key)));
    manager->m_connection->setClock(manager->m_services.clock);
    manager->m_audit = std::make_unique<sync::AuditSyncClient>(*manager->m_connection, manager->m_services.auditDbPath,
                                                               *manager->m_services.clock);
    manager->m_poller = std::make_unique<sync::UpdatePoller>(*manager->m_connection);
    SyncManager* raw = manager.get();
    connect(raw->m_poller.get(), &sync::UpdatePoller::bundleAvailable, raw, &SyncManager::onBundle);
    connect(raw->m_poller.get(), &sync::UpdatePoller::pausedAppsChanged, raw, &SyncManager::onPaused);
    connect(raw->m_poller.get(), &sync::UpdatePoller::decisionsReceived, raw, &SyncManager::onDecisions);
    connect(raw->m_poller.get(), &sync::UpdatePoller::pollFailed, raw, [](const QString& code, const QString& message) {
        qCInfo(lcSync).noquote() << "update poll failed:" << code << message;
    });
    connect(&raw->m_checkpointTimer, &QTimer::timeout, raw, &SyncManager::syncRound);
    // Apps this agent paused on an earlier order stay paused until the server lifts them:
    // the poller reports the server's set with its first answer, which lifts or adds pauses
    // decided while the agent was not running.
    if (raw->m_services.breaker) {
        for (const quota::PausedApp& paused : raw->m_services.breaker->pausedApps()) {
            if (isOrganisationPause(paused.reason))
                raw->m_ordered.insert(paused.app);
        }
    }
    return manager;
}

void SyncManager::start()
{
    if (m_services.policy) {
        if (const std::shared_ptr<const bundle::ActiveBundle> active = m_services.policy->active())
            m_poller->setActiveSerial(active->serial);
    }
    m_audit->start(m_options.syncIntervalMs);
    m_checkpointTimer.start(m_options.syncIntervalMs);
    m_poller->start(m_options.pollWaitSeconds);
}

void SyncManager::stop()
{
    m_checkpointTimer.stop();
    if (m_audit)
        m_audit->stop();
    if (m_poller)
        m_poller->stop();
}

// Records appended since the last checkpoint reach the witness only once a checkpoint
// covers them, so each round signs one first (the log's own checkpoints are far apart).
void SyncManager::syncRound()
{
    if (m_services.audit) {
        const QByteArray latest = m_services.audit->latestCheckpoint();
        // The second line of a checkpoint note is the tree size.
        const QList<QByteArray> lines = latest.split('\n');
        const std::uint64_t covered = lines.size() > 1 ? lines.at(1).toULongLong() : 0;
        if (m_services.audit->size() > covered) {
            if (Result<QByteArray> checkpoint = m_services.audit->checkpoint(); !checkpoint.ok())
                qCWarning(lcSync).noquote() << "audit checkpoint failed:" << checkpoint.error().toString();
        }
    }
    m_audit->nudge();
    // A pause the server ordered holds even if something lifted it locally meanwhile.
    if (m_services.breaker) {
        for (const QString& app : std::as_const(m_ordered)) {
            if (!m_services.breaker->isPaused(app))
                (void)m_services.breaker->pause(app, kServerPauseReason);
        }
    }
}

void SyncManager::onBundle(qint64 serial, const QByteArray& archive, const QByteArray& signature)
{
    if (!m_services.policy) {
        m_poller->report(QStringLiteral("bundle.rejected"),
                         QStringLiteral("serial %1: the agent has no policy store").arg(serial));
        return;
    }
    Result<std::shared_ptr<const bundle::ActiveBundle>> activated = m_services.policy->activate(archive, signature);
    if (!activated.ok()) {
        m_lastBundleError = activated.error().toString();
        if (m_services.audit)
            (void)m_services.audit->append(
                audit::events::policyRejected(QStringLiteral("server serial %1").arg(serial), m_lastBundleError));
        m_poller->report(QStringLiteral("bundle.rejected"),
                         QStringLiteral("serial %1: %2").arg(serial).arg(m_lastBundleError));
        // Not offered again: only a higher serial is fetched.
        m_poller->setActiveSerial(serial);
        return;
    }
    m_lastBundleError.clear();
    if (m_services.audit)
        (void)m_services.audit->append(audit::events::policyActivated(
            (*activated)->revision, QString::number((*activated)->serial), (*activated)->keyId));
    if (m_services.bundleActivated)
        m_services.bundleActivated();
    m_poller->setActiveSerial((*activated)->serial);
    m_poller->report(QStringLiteral("bundle.activated"), QStringLiteral("serial %1").arg((*activated)->serial));
}

void SyncManager::onPaused(const QStringList& apps)
{
    if (!m_services.breaker)
        return;
    const QSet<QString> ordered(apps.begin(), apps.end());
    const QSet<QString> before = m_ordered;
    m_ordered = ordered;
    for (const QString& app : ordered) {
        // An app the circuit breaker already paused stays paused under its own reason; while
        // the order stands apps.resume refuses it all the same.
        if (m_services.breaker->isPaused(app))
            continue;
        if (Result<void> paused = m_services.breaker->pause(app, kServerPauseReason); !paused.ok()) {
            qCWarning(lcSync).noquote() << "cannot pause" << app << paused.error().toString();
            continue;
        }
        if (m_services.audit)
            (void)m_services.audit->append(audit::events::appPaused(app, QStringLiteral("server"), kServerPauseReason));
        // Runs of the app stop at once.
        if (m_services.runs && m_services.history) {
            if (Result<std::vector<RunRecord>> runs = m_services.history->list(app, 1000); runs.ok()) {
                for (const RunRecord& run : *runs) {
                    if (run.status == QLatin1String("running"))
                        (void)m_services.runs->cancel(run.runId);
                }
            }
        }
        m_poller->report(QStringLiteral("order.applied"), QStringLiteral("paused %1").arg(app));
    }
    // Lifted orders resume only what the server paused (a circuit-breaker trip stays). The
    // breaker is asked too: an order lifted while the agent was down is known only there.
    QSet<QString> lifted = before;
    for (const quota::PausedApp& paused : m_services.breaker->pausedApps()) {
        if (isOrganisationPause(paused.reason))
            lifted.insert(paused.app);
    }
    for (const QString& app : std::as_const(lifted)) {
        if (ordered.contains(app))
            continue;
        const std::optional<quota::PausedApp> paused = m_services.breaker->pausedInfo(app);
        if (!paused || !isOrganisationPause(paused->reason))
            continue;
        if (Result<bool> resumed = m_services.breaker->resume(app); !resumed.ok()) {
            qCWarning(lcSync).noquote() << "cannot resume" << app << resumed.error().toString();
            continue;
        }
        auditEvent(QStringLiteral("app.resumed"),
                   QJsonObject{{QStringLiteral("app_id"), app}, {QStringLiteral("by"), QStringLiteral("server")}});
        m_poller->report(QStringLiteral("order.applied"), QStringLiteral("resumed %1").arg(app));
    }
}

void SyncManager::auditEvent(const QString& type, const QJsonObject& fields)
{
    if (!m_services.audit)
        return;
    if (Result<std::uint64_t> r = m_services.audit->append(audit::AuditEvent{type, fields}); !r.ok())
        qCWarning(lcSync).noquote() << "cannot audit" << type << r.error().toString();
}

void SyncManager::requestProduction(const QString& app, const QString& user, const QString& reason,
                                    std::function<void(Result<QJsonObject>)> done)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("app"), app},
                                                      {QStringLiteral("user"), user},
                                                      {QStringLiteral("reason"), reason}})
                                .toJson(QJsonDocument::Compact);
    m_connection->send("POST", QStringLiteral("/v1/approvals"), body, {}, 30000,
                       [done = std::move(done)](const sync::HttpReply& reply) {
                           if (!reply.ok()) {
                               done(reply.error());
                               return;
                           }
                           done(QJsonDocument::fromJson(reply.body).object());
                       });
}

void SyncManager::onDecisions(const QJsonArray& decisions)
{
    for (const QJsonValue& decision : decisions)
        applyDecision(decision.toObject());
}

// Only the signed note counts: the JSON around it is for people and is not trusted.
void SyncManager::applyDecision(const QJsonObject& decision)
{
    const QString claimedApp = decision.value(QLatin1String("app")).toString();
    const qint64 claimedId = qint64(decision.value(QLatin1String("id")).toDouble());
    Result<sync::ApprovalDecision> opened =
        sync::openDecision(decision.value(QLatin1String("decision")).toString().toUtf8(), m_enrollment.witnessKey);
    const auto refuse = [&](const QString& type, const QString& why) {
        if (m_services.approvals) {
            if (Result<bool> fresh = m_services.approvals->noteRefused(claimedId); fresh.ok() && !*fresh)
                return;
        }
        qCWarning(lcSync).noquote() << "approval" << claimedId << "refused:" << why;
        auditEvent(type, QJsonObject{{QStringLiteral("app_id"), claimedApp},
                                     {QStringLiteral("approval_id"), claimedId},
                                     {QStringLiteral("reason"), why}});
        m_poller->report(QStringLiteral("approval.refused"), QStringLiteral("approval %1: %2").arg(claimedId).arg(why));
    };
    if (!opened.ok()) {
        refuse(QStringLiteral("approval.rejected-signature"), opened.error().message);
        return;
    }
    const sync::ApprovalDecision& d = *opened;
    if (d.device != m_enrollment.deviceId) {
        refuse(QStringLiteral("approval.refused"), QStringLiteral("the decision is for device %1").arg(d.device));
        return;
    }
    if (m_services.apps) {
        if (Result<AppRevision> app = m_services.apps->get(d.app); !app.ok()) {
            refuse(QStringLiteral("approval.refused"), QStringLiteral("no app \"%1\" on this desktop").arg(d.app));
            return;
        }
    }
    if (!m_services.approvals)
        return;
    sync::AppApproval applied;
    applied.app = d.app;
    applied.id = d.id;
    applied.state = d.state;
    applied.reviewer = d.reviewer;
    applied.note = d.note;
    applied.decidedMs = d.decidedMs;
    Result<bool> changed = m_services.approvals->applyDecision(applied);
    if (!changed.ok()) {
        qCWarning(lcSync).noquote() << "cannot record approval" << d.id << changed.error().toString();
        return;
    }
    if (!*changed)
        return; // applied before (the poll delivers every decision again after a restart)
    auditEvent(QStringLiteral("approval.decided"), QJsonObject{{QStringLiteral("app_id"), d.app},
                                                               {QStringLiteral("approval_id"), qint64(d.id)},
                                                               {QStringLiteral("decision"), d.state},
                                                               {QStringLiteral("reviewer"), d.reviewer},
                                                               {QStringLiteral("note"), d.note},
                                                               {QStringLiteral("stage"), sync::stageOf(applied)}});
    m_poller->report(
        QStringLiteral("approval.applied"),
        QStringLiteral("approval %1: %2 is %3 (%4)").arg(d.id).arg(d.app, d.state, sync::stageOf(applied)));
}

QJsonObject SyncManager::statusJson() const
{
    const sync::SyncStatus& s = m_audit->status();
    QJsonObject out{
        {QStringLiteral("enrolled"), true},
        {QStringLiteral("server"), m_enrollment.serverUrl},
        {QStringLiteral("device_id"), m_enrollment.deviceId},
        {QStringLiteral("origin"), m_enrollment.origin},
        {QStringLiteral("state"), s.state},
        {QStringLiteral("witnessed_size"), qint64(s.witnessedSize)},
        // Records in the log the witness has not cosigned yet (the log only grows).
        {QStringLiteral("pending"), m_services.audit ? qint64(m_services.audit->size()) -
                                                           qint64(std::min(s.witnessedSize, m_services.audit->size()))
                                                     : QJsonValue()},
        {QStringLiteral("last_sync"), s.lastSyncMs > 0 ? QJsonValue(isoTime(s.lastSyncMs)) : QJsonValue()},
        {QStringLiteral("last_error"), s.lastError.isEmpty() ? QJsonValue() : QJsonValue(s.lastError)},
        {QStringLiteral("bundle_serial"), m_poller->activeSerial()},
    };
    QStringList paused(m_ordered.begin(), m_ordered.end());
    paused.sort();
    out.insert(QStringLiteral("paused_apps"), QJsonArray::fromStringList(paused));
    if (!m_lastBundleError.isEmpty())
        out.insert(QStringLiteral("last_bundle_error"), m_lastBundleError);
    return out;
}

} // namespace corral::agent
