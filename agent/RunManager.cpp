// SPDX-License-Identifier: Apache-2.0
#include "RunManager.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <condition_variable>
#include <mutex>

namespace corral::agent {

namespace {

Q_LOGGING_CATEGORY(lcRuns, "corral.agent.runs")

// Relays one run's events and confirmations from its worker thread to the main thread.
class RelayObserver final : public RunObserver
{
public:
    RelayObserver(QPointer<QObject> context, ClientHub* hub, quint64 origin, int timeoutMs)
        : m_context(std::move(context)), m_hub(hub), m_origin(origin), m_timeoutMs(timeoutMs)
    {}

    void event(const QString& method, const QJsonObject& params) override
    {
        ClientHub* hub = m_hub;
        const quint64 origin = m_origin;
        QMetaObject::invokeMethod(
            m_context.data(), [hub, origin, method, params] { hub->publish(origin, method, params); },
            Qt::QueuedConnection);
    }

    ConfirmationAnswer confirm(const QJsonObject& request, const models::CancellationToken& cancel) override
    {
        struct Shared
        {
            std::mutex mutex;
            std::condition_variable ready;
            std::optional<ConfirmationAnswer> answer;
            quint64 ticket = 0;
        };
        auto shared = std::make_shared<Shared>();
        ClientHub* hub = m_hub;
        const quint64 origin = m_origin;
        const int timeoutMs = m_timeoutMs;
        QMetaObject::invokeMethod(
            m_context.data(),
            [hub, origin, request, timeoutMs, shared] {
                const quint64 ticket =
                    hub->requestConfirmation(origin, request, timeoutMs, [shared](const ClientHub::Answer& a) {
                        const std::lock_guard lock(shared->mutex);
                        shared->answer = ConfirmationAnswer{a.choice, a.reason, a.answeredBy};
                        shared->ready.notify_all();
                    });
                const std::lock_guard lock(shared->mutex);
                shared->ticket = ticket;
            },
            Qt::QueuedConnection);
        // The hub's own timer answers "deny" at the timeout; the margin here only guards
        // against a main thread that no longer runs.
        const QDeadlineTimer deadline(timeoutMs + 5000);
        std::unique_lock lock(shared->mutex);
        while (!shared->answer) {
            if (cancel.isCancelled()) {
                const quint64 ticket = shared->ticket;
                QMetaObject::invokeMethod(
                    m_context.data(), [hub, ticket] { hub->cancel(ticket); }, Qt::QueuedConnection);
                return ConfirmationAnswer{QStringLiteral("deny"), QStringLiteral("the run was cancelled"), {}};
            }
            if (deadline.hasExpired())
                return ConfirmationAnswer{QStringLiteral("deny"), QStringLiteral("nobody answered in time"), {}};
            shared->ready.wait_for(lock, std::chrono::milliseconds(50));
        }
        return *shared->answer;
    }

private:
    QPointer<QObject> m_context;
    ClientHub* m_hub;
    quint64 m_origin;
    int m_timeoutMs;
};

QString newRunId()
{
    return QStringLiteral("r-") +
           QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0');
}

} // namespace

RunManager::RunManager(RunServices services, ClientHub& hub, RunHistory* history, QObject* parent)
    : QObject(parent), m_services(std::move(services)), m_hub(hub), m_history(history)
{}

RunManager::~RunManager()
{
    stopAll(30000);
    for (const Active& run : std::as_const(m_runs)) {
        if (run.thread->isFinished())
            delete run.thread;
    }
}

void RunManager::stopAll(int timeoutMs)
{
    for (const Active& run : std::as_const(m_runs))
        run.cancel.cancel();
    const QDeadlineTimer deadline(timeoutMs);
    for (const Active& run : std::as_const(m_runs)) {
        if (!run.thread->wait(deadline))
            qCWarning(lcRuns) << "a run did not stop in time";
    }
}

Result<QJsonObject> RunManager::start(quint64 origin, RunRequest request)
{
    request.runId = newRunId();
    const qint64 startedAtMs = m_services.clock->nowMs();
    if (m_history) {
        RunRecord record;
        record.runId = request.runId;
        record.app = request.app;
        record.revision = request.revision;
        record.startedAtMs = startedAtMs;
        if (Result<void> recorded = m_history->started(record); !recorded.ok())
            return recorded.error();
    }
    const QJsonObject result{{QStringLiteral("run_id"), request.runId},
                             {QStringLiteral("app"), request.app},
                             {QStringLiteral("revision"), request.revision},
                             {QStringLiteral("steps"), stepSummaries(request.manifest)}};

    Active active;
    const QString runId = request.runId;
    const models::CancellationToken cancel = active.cancel;
    QPointer<QObject> self(this);
    const RunServices* services = &m_services;
    ClientHub* hub = &m_hub;
    active.thread = QThread::create([self, services, hub, origin, request, cancel, startedAtMs] {
        RelayObserver observer(self, hub, origin, services->confirmTimeoutMs);
        RunExecutor executor(*services, request, observer, cancel);
        const RunOutcome outcome = executor.execute();
        QMetaObject::invokeMethod(
            self.data(),
            [self, request, startedAtMs, outcome, origin] {
                if (auto* manager = qobject_cast<RunManager*>(self.data()))
                    manager->finish(request.runId, request, startedAtMs, outcome, origin);
            },
            Qt::QueuedConnection);
    });
    active.thread->setObjectName(QStringLiteral("run ") + runId);
    m_runs.insert(runId, active);
    active.thread->start();
    return result;
}

void RunManager::finish(const QString& runId, const RunRequest& request, qint64 startedAtMs, const RunOutcome& outcome,
                        quint64 origin)
{
    if (m_history) {
        RunRecord record;
        record.runId = runId;
        record.app = request.app;
        record.revision = request.revision;
        record.status = outcome.status;
        record.exitCode = outcome.exitCode;
        record.startedAtMs = startedAtMs;
        record.finishedAtMs = m_services.clock->nowMs();
        record.inputTokens = outcome.inputTokens;
        record.outputTokens = outcome.outputTokens;
        record.costUsd = outcome.costUsd;
        if (outcome.error) {
            record.errorCode = outcome.error->code;
            record.errorMessage = outcome.error->message;
        }
        if (Result<void> recorded = m_history->finished(record); !recorded.ok())
            qCWarning(lcRuns).noquote() << "cannot record the end of run" << runId << recorded.error().toString();
    }
    QJsonObject params = outcome.toJson();
    params.insert(QStringLiteral("run_id"), runId);
    params.insert(QStringLiteral("app"), request.app);
    m_hub.publish(origin, QStringLiteral("run.finished"), params);
    if (const auto it = m_runs.find(runId); it != m_runs.end()) {
        QThread* thread = it->thread;
        m_runs.erase(it);
        thread->wait();
        thread->deleteLater();
    }
    m_finished.insert(runId);
    Q_EMIT runFinished(runId, params);
}

Result<bool> RunManager::cancel(const QString& runId)
{
    if (const auto it = m_runs.constFind(runId); it != m_runs.constEnd()) {
        it->cancel.cancel();
        return true;
    }
    if (m_finished.contains(runId))
        return false;
    if (m_history) {
        Result<std::vector<RunRecord>> runs = m_history->list(QString(), 1000);
        if (runs.ok()) {
            for (const RunRecord& r : *runs) {
                if (r.runId == runId)
                    return false;
            }
        }
    }
    return makeError(QStringLiteral("run.not-found"), QStringLiteral("no run with id %1").arg(runId));
}

} // namespace corral::agent
