// SPDX-License-Identifier: Apache-2.0
// The agent's runs: starts each on its own worker thread (RunExecutor), relays its events
// to the clients through ClientHub, carries its confirmations to a confirmer and back,
// records it in RunHistory, and cancels it on request or when the agent stops.
#pragma once

#include "ClientHub.h"
#include "RunExecutor.h"
#include "RunHistory.h"

#include <QHash>
#include <QObject>
#include <QThread>

namespace corral::agent {

class RunManager : public QObject
{
    Q_OBJECT

public:
    // `services`, `hub` and `history` must outlive the manager; `history` may be null.
    RunManager(RunServices services, ClientHub& hub, RunHistory* history, QObject* parent = nullptr);
    // Cancels every run and waits for their threads.
    ~RunManager() override;

    // Starts a run for the client `origin` (0: none) and returns runs.start's result.
    // `request.runId` is assigned here.
    Result<QJsonObject> start(quint64 origin, RunRequest request);
    // Errors: run.not-found. Returns false when the run had already finished.
    Result<bool> cancel(const QString& runId);
    int activeCount() const { return int(m_runs.size()); }
    // Cancels every run and waits up to `timeoutMs` for them to end.
    void stopAll(int timeoutMs);

Q_SIGNALS:
    // After the run is recorded and run.finished was sent.
    void runFinished(const QString& runId, const QJsonObject& finished);

private:
    struct Active
    {
        models::CancellationToken cancel;
        QThread* thread = nullptr;
    };
    void finish(const QString& runId, const RunRequest& request, qint64 startedAtMs, const RunOutcome& outcome,
                quint64 origin);

    RunServices m_services;
    ClientHub& m_hub;
    RunHistory* m_history;
    QHash<QString, Active> m_runs;
    QSet<QString> m_finished; // recently finished, so cancel() can say "already finished"
};

} // namespace corral::agent
