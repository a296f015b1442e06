// SPDX-License-Identifier: Apache-2.0
#include "AgentConnection.h"

#include "ConfirmDialog.h"
#include "agent/AgentClient.h"

#include <QApplication>
#include <QJsonArray>
#include <QTimer>

namespace corral::ui {

QStringList runEventMethods()
{
    return {QStringLiteral("run.started"),  QStringLiteral("run.step"),    QStringLiteral("run.decision"),
            QStringLiteral("run.progress"), QStringLiteral("run.output"),  QStringLiteral("run.warning"),
            QStringLiteral("app.paused"),   QStringLiteral("run.finished")};
}

AgentConnection::AgentConnection(QObject* parent) : QObject(parent), m_client(std::make_unique<agent::AgentClient>())
{
    m_confirmer = [](const QJsonObject& request) { return ConfirmDialog::ask(request, QApplication::activeWindow()); };
    connect(m_client.get(), &agent::AgentClient::disconnected, this, [this] {
        m_lastError = makeError(QStringLiteral("agent.disconnected"), tr("The agent closed the connection."));
        m_confirmations.clear(); // nobody is left to answer
        setState(State::Disconnected);
    });
    for (const QString& method : runEventMethods()) {
        m_client->setHandler(method, [this, method](const QJsonValue& params) -> ipc::HandlerResult {
            const QJsonObject event = params.toObject();
            if (method == QLatin1String("run.finished")) {
                // A waiting question about a run that ended has nothing left to decide.
                const QString runId = event.value(QStringLiteral("run_id")).toString();
                std::erase_if(m_confirmations, [&runId](const PendingConfirmation& pending) {
                    if (pending.request.value(QStringLiteral("run_id")).toString() != runId)
                        return false;
                    pending.respond(QJsonObject{{QStringLiteral("answer"), QStringLiteral("deny")}});
                    return true;
                });
            }
            Q_EMIT runEvent(method, event);
            return QJsonValue();
        });
    }
    // Answered later, one at a time: the question is queued here and asked from the event
    // loop, so a second request never stacks a second dialog on the first.
    m_client->setDeferredHandler(QStringLiteral("confirm.request"), [this](const QJsonValue& params, const ipc::Caller&,
                                                                           ipc::Dispatcher::Responder respond) {
        PendingConfirmation pending{params.toObject(), std::move(respond), {}};
        pending.asked.start();
        m_confirmations.push_back(std::move(pending));
        if (!m_asking)
            QTimer::singleShot(0, this, &AgentConnection::askNextConfirmation);
    });
}

void AgentConnection::askNextConfirmation()
{
    if (m_asking || m_confirmations.empty())
        return;
    PendingConfirmation pending = std::move(m_confirmations.front());
    m_confirmations.pop_front();
    const QJsonObject& request = pending.request;
    const qint64 remainingMs = request.value(QStringLiteral("timeout_ms")).toInteger(ConfirmDialog::kDefaultTimeoutMs) -
                               pending.asked.elapsed();
    QString answer = QStringLiteral("deny");
    if (remainingMs > 0 && m_confirmer) {
        QJsonObject shown = request;
        shown.insert(QStringLiteral("timeout_ms"), remainingMs);
        // The dialog runs its own event loop; requests arriving meanwhile wait in the queue.
        m_asking = true;
        answer = m_confirmer(shown);
        m_asking = false;
    }
    if (!request.value(QStringLiteral("choices")).toArray().contains(answer))
        answer = QStringLiteral("deny");
    pending.respond(QJsonObject{{QStringLiteral("answer"), answer}});
    Q_EMIT confirmationAnswered(request, answer);
    if (!m_confirmations.empty())
        QTimer::singleShot(0, this, &AgentConnection::askNextConfirmation);
}

AgentConnection::~AgentConnection() = default;

Result<void> AgentConnection::connectToAgent(const QString& socketPath, const QString& agentProgram)
{
    Result<void> connected =
        agentProgram.isEmpty() ? m_client->connectTo(socketPath) : m_client->connectOrStart(socketPath, agentProgram);
    if (!connected.ok()) {
        m_lastError = connected.error();
        setState(State::Disconnected);
        return connected;
    }
    const Result<QJsonValue> hello =
        m_client->call(QStringLiteral("client.hello"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("corral-studio")},
                                   {QStringLiteral("confirmations"), true},
                                   {QStringLiteral("events"), true}},
                       5000);
    if (!hello.ok()) {
        m_client->disconnectFromAgent();
        m_lastError = hello.error();
        setState(State::Disconnected);
        return hello.error();
    }
    m_lastError.reset();
    setState(State::Connected);
    return {};
}

void AgentConnection::disconnectFromAgent()
{
    m_client->disconnectFromAgent();
    setState(State::Disconnected);
}

void AgentConnection::call(const QString& method, const QJsonObject& params, QObject* context, Callback done,
                           int timeoutMs)
{
    QPointer<QObject> guard(context);
    m_client->callAsync(method, params, timeoutMs, [guard, done = std::move(done)](Result<QJsonValue> result) {
        if (guard)
            done(result);
    });
}

void AgentConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace corral::ui
