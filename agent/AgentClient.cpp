// SPDX-License-Identifier: Apache-2.0
#include "AgentClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QThread>
#include <QTimer>
#include <utility>

namespace corral::agent {

namespace {

Error unreachable(const QString& socketPath, const QString& why)
{
    return makeError(QStringLiteral("agent.unreachable"),
                     QStringLiteral("no Corral agent answers on %1: %2").arg(socketPath, why));
}

// Completes calls still waiting when the connection ends, with a code callers can test.
ipc::RpcError disconnectedError(const QString& why)
{
    return ipc::RpcError{ipc::ErrorCode::InternalError, why,
                         QJsonObject{{QStringLiteral("code"), QStringLiteral("agent.disconnected")}}};
}

} // namespace

AgentClient::AgentClient(QObject* parent) : QObject(parent) {}

AgentClient::~AgentClient()
{
    disconnectFromAgent();
}

Error AgentClient::toError(const ipc::RpcError& error)
{
    const QString code = error.data.toObject().value(QStringLiteral("code")).toString();
    return makeError(code.isEmpty() ? QStringLiteral("rpc.%1").arg(error.code) : code, error.message);
}

Result<void> AgentClient::connectTo(const QString& socketPath, int timeoutMs)
{
    disconnectFromAgent();
    auto socket = std::make_unique<QLocalSocket>();
    socket->connectToServer(socketPath);
    if (!socket->waitForConnected(timeoutMs))
        return unreachable(socketPath, socket->errorString());
    m_socket = std::move(socket);
    attach();
    return {};
}

Result<void> AgentClient::connectOrStart(const QString& socketPath, const QString& agentProgram, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    if (connectTo(socketPath, qMin(timeoutMs, 1000)).ok())
        return {};
    if (!QProcess::startDetached(agentProgram, {}))
        return makeError(QStringLiteral("agent.start"), QStringLiteral("cannot start %1").arg(agentProgram));
    Result<void> last = unreachable(socketPath, QStringLiteral("the agent did not start listening"));
    while (!deadline.hasExpired()) {
        last = connectTo(socketPath, int(qBound(qint64(1), deadline.remainingTime(), qint64(1000))));
        if (last.ok())
            return {};
        // The agent is still starting (no socket yet): poll gently.
        QThread::msleep(50);
    }
    return last;
}

bool AgentClient::isConnected() const
{
    return m_socket && m_socket->state() == QLocalSocket::ConnectedState;
}

void AgentClient::disconnectFromAgent()
{
    if (!m_socket)
        return;
    disconnect(m_socket.get(), nullptr, this, nullptr);
    m_socket->abort();
    if (m_peer)
        m_peer->abandonAll(disconnectedError(QStringLiteral("disconnected from the agent")));
    m_peer.reset();
    m_socket.reset();
}

void AgentClient::setHandler(const QString& method, ipc::Dispatcher::Handler handler)
{
    m_dispatcher.add(method, std::move(handler));
}

void AgentClient::setDeferredHandler(const QString& method, ipc::Dispatcher::DeferredHandler handler)
{
    m_dispatcher.addDeferred(method, std::move(handler));
}

void AgentClient::attach()
{
    QLocalSocket* socket = m_socket.get();
    m_peer = std::make_unique<ipc::Peer>(m_dispatcher, [socket](const QByteArray& line) {
        if (socket->state() == QLocalSocket::ConnectedState)
            socket->write(line);
    });
    connect(socket, &QLocalSocket::readyRead, this, [this] {
        while (m_socket && m_socket->bytesAvailable() > 0)
            m_peer->receive(m_socket->read(64 * 1024));
    });
    connect(socket, &QLocalSocket::disconnected, this, [this] {
        m_peer->abandonAll(disconnectedError(QStringLiteral("the agent closed the connection")));
        Q_EMIT disconnected();
    });
}

void AgentClient::callAsync(const QString& method, const QJsonValue& params, int timeoutMs,
                            std::function<void(Result<QJsonValue>)> done)
{
    if (!isConnected()) {
        done(makeError(QStringLiteral("agent.disconnected"), QStringLiteral("not connected to the agent")));
        return;
    }
    // Shared so the timer and the reply agree on who completes the call; the timer is
    // deleted later, never from inside its own signal.
    auto finish = std::make_shared<std::function<void(Result<QJsonValue>)>>(std::move(done));
    QPointer<QTimer> timer = new QTimer(this);
    timer->setSingleShot(true);
    const qint64 id = m_peer->request(method, params, [finish, timer](const ipc::Message& reply) {
        if (timer)
            timer->deleteLater();
        if (!*finish)
            return;
        auto callback = std::exchange(*finish, nullptr);
        if (reply.kind() == ipc::Message::Kind::Result)
            callback(reply.resultValue());
        else
            callback(toError(reply.errorValue()));
    });
    connect(timer, &QTimer::timeout, this, [this, id, finish, timer, method, timeoutMs] {
        timer->deleteLater();
        if (!*finish)
            return;
        auto callback = std::exchange(*finish, nullptr);
        if (m_peer)
            m_peer->abandon(id, ipc::RpcError::internalError(QStringLiteral("timed out")));
        callback(makeError(QStringLiteral("agent.timeout"),
                           QStringLiteral("the agent did not answer %1 within %2 ms").arg(method).arg(timeoutMs)));
    });
    timer->start(timeoutMs);
}

Result<QJsonValue> AgentClient::call(const QString& method, const QJsonValue& params, int timeoutMs)
{
    std::optional<Result<QJsonValue>> outcome;
    QEventLoop loop;
    callAsync(method, params, timeoutMs, [&](Result<QJsonValue> r) {
        outcome = std::move(r);
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return std::move(*outcome);
}

} // namespace corral::agent
