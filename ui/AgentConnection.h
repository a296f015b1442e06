// SPDX-License-Identifier: Apache-2.0
// The studio's one connection to the local agent: asynchronous calls that never outlive the
// widget that made them, the connection state for the status bar and the tray, run events
// as signals, and the answer to the agent's confirmation requests.
#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
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
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

Q_SIGNALS:
    void stateChanged(corral::ui::AgentConnection::State state);
    // run.started, run.step, run.decision, run.progress, run.output, run.finished.
    void runEvent(const QString& method, const QJsonObject& params);
    // A confirmation was asked and answered (for the tray and the run page).
    void confirmationAnswered(const QJsonObject& request, const QString& answer);

private:
    void setState(State state);

    std::unique_ptr<agent::AgentClient> m_client;
    State m_state = State::Disconnected;
    std::optional<Error> m_lastError;
    Confirmer m_confirmer;
};

// The run events the agent sends, in the order of docs/protocol.md.
QStringList runEventMethods();

} // namespace corral::ui
