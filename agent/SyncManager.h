// SPDX-License-Identifier: Apache-2.0
// The enrolled agent's link to corral-server: uploads the audit log to the witness
// (checkpointing and syncing periodically), activates the organisation's bundles from the
// long-poll, applies pause and resume orders (pausing through the circuit breaker and
// cancelling the app's running runs), sends production requests and applies reviewers'
// signed decisions. Created by the daemon when an enrollment exists.
#pragma once

#include "Clock.h"
#include "Result.h"
#include "crypto/Minisign.h"
#include "sync/ApprovalStore.h"
#include "sync/AuditSyncClient.h"
#include "sync/EnrollmentClient.h"
#include "sync/ServerConnection.h"
#include "sync/UpdatePoller.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

namespace corral::audit {
class AuditLog;
}
namespace corral::bundle {
class BundleStore;
}
namespace corral::crypto {
class Ed25519KeyPair;
}
namespace corral::quota {
class CircuitBreaker;
}

namespace corral::agent {

class AppStore;
class RunManager;
class RunHistory;

// True for the reason the agent records when the organisation's server pauses an app: such
// a pause is lifted only by the server (apps.resume refuses it).
bool isOrganisationPause(const QString& reason);

// Where the enrollment lives in the agent's config folder.
QString enrollmentPath(const QString& configDir);
// The organisation's CA given at enrollment (absent: the system's trust store).
QString serverCaPath(const QString& configDir);

// The machine's managed configuration, deployed by the organisation (MDM): a root-owned
// /etc/corral/managed.json {"server": URL, "organisation_keys": [minisign base64 lines],
// "enrollment_token_file"?: PATH}. It puts the agent in managed mode (only these keys are
// trusted for bundles) whatever the user's own files say, and the agent enrolls itself with
// the token file's token. CORRAL_MANAGED_CONFIG names another file, read only when the
// /etc file does not exist (so it cannot override the organisation's).
struct ManagedConfig
{
    QString path;
    QString serverUrl;
    QList<crypto::minisign::PublicKey> organisationKeys;
    QString tokenFile;
};
inline constexpr const char* kManagedConfigPath = "/etc/corral/managed.json";
// No file: nullopt. Errors "sync.managed" (unreadable, malformed, no key, or the /etc file
// is not owned by root or is writable by others).
Result<std::optional<ManagedConfig>> loadManagedConfig();

class SyncManager : public QObject
{
    Q_OBJECT
public:
    struct Services
    {
        bundle::BundleStore* policy = nullptr; // Managed mode, pinned to the enrollment's key
        audit::AuditLog* audit = nullptr;
        QString auditDbPath;
        quota::CircuitBreaker* breaker = nullptr;
        RunManager* runs = nullptr;
        RunHistory* history = nullptr;
        AppStore* apps = nullptr;                 // decisions apply only to apps saved here
        sync::ApprovalStore* approvals = nullptr; // where approved stages are kept
        const Clock* clock = &Clock::system();
        std::function<void()> bundleActivated; // applies the new bundle's settings (quotas)
    };
    struct Options
    {
        int syncIntervalMs = 60000; // checkpoint and upload at least this often
        int pollWaitSeconds = 30;   // long-poll hold time asked of the server
    };

    // `key` is the device key (the audit log's signing key). Errors: "sync.ca".
    static Result<std::unique_ptr<SyncManager>> create(sync::Enrollment enrollment, const QString& caFile,
                                                       std::shared_ptr<const crypto::Ed25519KeyPair> key,
                                                       Services services, Options options);
    ~SyncManager() override;

    void start();
    void stop();
    // agent.status's "sync" object.
    QJsonObject statusJson() const;
    const sync::Enrollment& enrollment() const { return m_enrollment; }
    // Whether a pause order of the server stands for `app` (or, before the first answer of
    // the server, stood when the agent last heard from it).
    bool isPausedByOrganisation(const QString& app) const { return m_ordered.contains(app); }

    // POST /v1/approvals: asks reviewers to move `app` to production. Answers the server's
    // approval (id, state, ...) or its error, "sync.network" when it cannot be reached.
    void requestProduction(const QString& app, const QString& user, const QString& reason,
                           std::function<void(Result<QJsonObject>)> done);

private:
    SyncManager(sync::Enrollment enrollment, Services services, Options options);
    void syncRound();
    void onBundle(qint64 serial, const QByteArray& archive, const QByteArray& signature);
    void onPaused(const QStringList& apps);
    void onDecisions(const QJsonArray& decisions);
    void applyDecision(const QJsonObject& decision);
    void auditEvent(const QString& type, const QJsonObject& fields);

    sync::Enrollment m_enrollment;
    Services m_services;
    Options m_options;
    std::unique_ptr<sync::ServerConnection> m_connection;
    std::unique_ptr<sync::AuditSyncClient> m_audit;
    std::unique_ptr<sync::UpdatePoller> m_poller;
    QTimer m_checkpointTimer;
    // The apps the server orders paused; until its first answer, the ones it ordered paused
    // before (the pauses the breaker holds with the organisation's reason).
    QSet<QString> m_ordered;
    QString m_lastBundleError;
};

} // namespace corral::agent
