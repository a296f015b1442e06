// SPDX-License-Identifier: Apache-2.0
// The studio's one connection to the local agent: asynchronous calls that never outlive the
// widget that made them, the connection state for the status bar and the tray, run events
// as signals, and the answer to the agent's confirmation requests.
#pragma once

#include "Result.h"
#include "ipc/Dispatcher.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <deque>
#include <functional>
#include <memory>

namespace corral::agent {
class AgentClient;
}

namespace corral::ui {

class AgentConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connected };
    Q_ENUM(State)

    using Callback = std::function<void(const Result<QJsonValue>&)>;
    // Answers one confirm.request (its params) with one of its "choices"; anything that is
    // not a choice is treated as "deny" by the agent.
    using Confirmer = std::function<QString(const QJsonObject& request)>;

    explicit AgentConnection(QObject* parent = nullptr);
    ~AgentConnection() override;

    // Connects to the agent at `socketPath`, starting `agentProgram` first when it is not
    // empty and no agent answers, then introduces the studio with client.hello (as a
    // confirmer subscribed to every run's events). Blocks while it waits. Errors: those of
    // AgentClient::connectOrStart and of client.hello.
    Result<void> connectToAgent(const QString& socketPath, const QString& agentProgram = QString());
    void disconnectFromAgent();
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    // The last connection error in plain words (empty when connected).
    const std::optional<Error>& lastError() const { return m_lastError; }

    // Calls `method`; `done` runs later with the result or error, but only while `context`
    // still exists (a page closed meanwhile never gets a stale answer).
    void call(const QString& method, const QJsonObject& params, QObject* context, Callback done, int timeoutMs = 30000);

    // Who answers confirm.request. The default asks the person with a ConfirmDialog.
    // Confirmations are asked one at a time, in the order the agent asked them; each keeps
    // the timeout the agent gave it from when it was asked, so one that waited behind
    // another is shown with the time it has left (its request's timeout_ms is that time),
    // and one whose time ran out while waiting is answered deny without being shown (the
    // agent has denied it already). Those of a run that finished meanwhile are answered deny
    // without being shown.
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }
    // Confirmations waiting behind the one being asked.
    int queuedConfirmations() const { return int(m_confirmations.size()); }

Q_SIGNALS:
    void stateChanged(corral::ui::AgentConnection::State state);
    // run.started, run.step, run.decision, run.progress, run.output, run.warning, app.paused,
    // run.finished.
    void runEvent(const QString& method, const QJsonObject& params);
    // A confirmation was asked and answered (for the tray and the run page).
    void confirmationAnswered(const QJsonObject& request, const QString& answer);

private:
    struct PendingConfirmation
    {
        QJsonObject request;
        ipc::Dispatcher::Responder respond;
        QElapsedTimer asked;
    };
    void setState(State state);
    void askNextConfirmation();

    std::unique_ptr<agent::AgentClient> m_client;
    State m_state = State::Disconnected;
    std::optional<Error> m_lastError;
    Confirmer m_confirmer;
    std::deque<PendingConfirmation> m_confirmations;
    bool m_asking = false;
};

// The run events the agent sends, in the order of docs/protocol.md.
QStringList runEventMethods();

} // namespace corral::ui
