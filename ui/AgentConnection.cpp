// SPDX-License-Identifier: Apache-2.0
#include "AgentConnection.h"

#include "ConfirmDialog.h"
#include "agent/AgentClient.h"

#include <QApplication>
#include <QJsonArray>

namespace corral::ui {

QStringList runEventMethods()
{
    return {QStringLiteral("run.started"),  QStringLiteral("run.step"),   QStringLiteral("run.decision"),
            QStringLiteral("run.progress"), QStringLiteral("run.output"), QStringLiteral("run.finished")};
}

AgentConnection::AgentConnection(QObject* parent) : QObject(parent), m_client(std::make_unique<agent::AgentClient>())
{
    m_confirmer = [](const QJsonObject& request) { return ConfirmDialog::ask(request, QApplication::activeWindow()); };
    connect(m_client.get(), &agent::AgentClient::disconnected, this, [this] {
        m_lastError = makeError(QStringLiteral("agent.disconnected"), tr("The agent closed the connection."));
        setState(State::Disconnected);
    });
    for (const QString& method : runEventMethods()) {
        m_client->setHandler(method, [this, method](const QJsonValue& params) -> ipc::HandlerResult {
            Q_EMIT runEvent(method, params.toObject());
            return QJsonValue();
        });
    }
    // The dispatcher answers synchronously, so the dialog runs its own event loop here; the
    // socket keeps being read meanwhile, so run events still arrive while the person decides.
    m_client->setHandler(QStringLiteral("confirm.request"), [this](const QJsonValue& params) -> ipc::HandlerResult {
        const QJsonObject request = params.toObject();
        QString answer = m_confirmer ? m_confirmer(request) : QStringLiteral("deny");
        if (!request.value(QStringLiteral("choices")).toArray().contains(answer))
            answer = QStringLiteral("deny");
        Q_EMIT confirmationAnswered(request, answer);
        return QJsonObject{{QStringLiteral("answer"), answer}};
    });
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
