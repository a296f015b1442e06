// SPDX-License-Identifier: Apache-2.0
// One run of an app: executes the manifest's steps in order on the calling thread (a run's
// worker thread), and for every step asks the active policy, asks the person when policy
// says "ask" (or applies a remembered grant), performs the action with scoped access and
// appends an audit record for every decision, confirmation and action, framed by
// run.started and run.finished. Cancellation works at any point.
#pragma once

#include "Clock.h"
#include "Result.h"
#include "models/ModelProvider.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <functional>
#include <memory>

namespace corral::audit {
class AuditLog;
}
namespace corral::bundle {
class BundleStore;
}
namespace corral::quota {
class QuotaManager;
class CircuitBreaker;
} // namespace corral::quota

namespace corral::agent {

class GrantStore;

// What a run's status means for `corral run` (docs/protocol.md, run.finished).
namespace RunStatus {
inline const QString Done = QStringLiteral("done");           // 0
inline const QString Failed = QStringLiteral("failed");       // 1
inline const QString Invalid = QStringLiteral("invalid");     // 2
inline const QString Denied = QStringLiteral("denied");       // 3
inline const QString Refused = QStringLiteral("refused");     // 4
inline const QString Quota = QStringLiteral("quota");         // 5
inline const QString Paused = QStringLiteral("paused");       // 6
inline const QString Cancelled = QStringLiteral("cancelled"); // 130
} // namespace RunStatus
int exitCodeOf(const QString& status);

// The steps as runs.start and run.started list them: [{id, action, connector?, label?}].
QJsonArray stepSummaries(const QJsonObject& manifest);

// Shared services; every one is safe to use from several runs' threads at once.
struct RunServices
{
    const bundle::BundleStore* policy = nullptr;
    audit::AuditLog* audit = nullptr;
    GrantStore* grants = nullptr;
    // Quotas and the circuit breaker; a run without them is not limited (tests).
    quota::QuotaManager* quota = nullptr;
    quota::CircuitBreaker* breaker = nullptr;
    // A provider for a catalog model id, or an error (unknown model, missing credential).
    std::function<Result<std::shared_ptr<models::ModelProvider>>(const QString& model)> models;
    const Clock* clock = &Clock::system();
    QString userId;
    QString homeDir; // "~/" in connector roots
    int confirmTimeoutMs = 60000;
};

struct RunRequest
{
    QString runId;
    QString app;
    int revision = 0;
    QJsonObject manifest;
    QJsonObject inputs; // as given; checked against the manifest by start()
};

// A confirmation's outcome: one of the offered choices, "deny" on any failure.
struct ConfirmationAnswer
{
    QString choice;
    QString reason; // why it is deny when nobody chose it (timeout, no studio)
    QString by;     // who answered
};

// Receives a run's events and answers its confirmations; called on the run's thread.
class RunObserver
{
public:
    virtual ~RunObserver() = default;
    // `params` already carry run_id and app.
    virtual void event(const QString& method, const QJsonObject& params) = 0;
    // Blocks until answered; must return "deny" promptly once `cancel` is cancelled.
    virtual ConfirmationAnswer confirm(const QJsonObject& request, const models::CancellationToken& cancel) = 0;
};

struct RunOutcome
{
    QString status;
    int exitCode = 0;
    std::optional<Error> error;
    QJsonObject outputs;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0;
    qint64 durationMs = 0;

    QJsonObject toJson() const; // run.finished's params, without run_id and app
};

// Checks inputs against the manifest's "inputs" (required, unknown, type, choices) and
// returns them with defaults applied, as strings. Errors: run.inputs.
Result<QJsonObject> checkRunInputs(const QJsonObject& manifest, const QJsonObject& inputs);

class RunExecutor
{
public:
    RunExecutor(const RunServices& services, RunRequest request, RunObserver& observer,
                models::CancellationToken cancel);
    ~RunExecutor();

    // Runs every step; emits run.started first and returns what run.finished carries
    // (the caller sends run.finished, after recording the run).
    RunOutcome execute();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace corral::agent
