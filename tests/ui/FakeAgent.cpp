// SPDX-License-Identifier: Apache-2.0
#include "FakeAgent.h"

#include <algorithm>

namespace corral::test {

FakeAgent::FakeAgent(QObject* parent) : QObject(parent)
{
    connect(&m_server, &QLocalServer::newConnection, this, &FakeAgent::accept);
    setResult(QStringLiteral("client.hello"), QJsonObject{{QStringLiteral("client_id"), 1}});
}

FakeAgent::~FakeAgent()
{
    for (const auto& connection : m_connections)
        disconnect(connection->socket.get(), nullptr, this, nullptr);
    m_server.close();
}

bool FakeAgent::listen(const QString& socketPath)
{
    QLocalServer::removeServer(socketPath);
    return m_server.listen(socketPath);
}

void FakeAgent::setResult(const QString& method, const QJsonValue& result)
{
    setHandler(method, [result](const QJsonValue&) -> ipc::HandlerResult { return result; });
}

void FakeAgent::setError(const QString& method, const QString& code, const QString& message)
{
    setHandler(method, [code, message](const QJsonValue&) -> ipc::HandlerResult {
        return ipc::RpcError{-32000, message, QJsonObject{{QStringLiteral("code"), code}}};
    });
}

void FakeAgent::setHandler(const QString& method, ipc::Dispatcher::Handler handler)
{
    m_dispatcher.add(method, [this, method, handler = std::move(handler)](const QJsonValue& params) {
        m_calls.push_back({method, params.toObject()});
        ipc::HandlerResult result = handler(params);
        Q_EMIT called(method);
        return result;
    });
}

QJsonObject FakeAgent::lastParams(const QString& method) const
{
    for (auto it = m_calls.rbegin(); it != m_calls.rend(); ++it) {
        if (it->method == method)
            return it->params;
    }
    return {};
}

int FakeAgent::callCount(const QString& method) const
{
    return int(std::count_if(m_calls.begin(), m_calls.end(), [&](const Call& c) { return c.method == method; }));
}

void FakeAgent::notify(const QString& method, const QJsonObject& params)
{
    for (const auto& connection : m_connections)
        connection->peer->notify(method, params);
}

void FakeAgent::request(const QString& method, const QJsonObject& params, ipc::Peer::ReplyHandler onReply)
{
    if (m_connections.empty())
        return;
    m_connections.back()->peer->request(method, params, std::move(onReply));
}

void FakeAgent::accept()
{
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        auto connection = std::make_unique<Connection>();
        connection->socket.reset(socket);
        socket->setParent(nullptr);
        connection->peer = std::make_unique<ipc::Peer>(m_dispatcher, [socket](const QByteArray& line) {
            if (socket->state() == QLocalSocket::ConnectedState)
                socket->write(line);
        });
        Connection* raw = connection.get();
        connect(socket, &QLocalSocket::readyRead, this, [raw] {
            while (raw->socket->bytesAvailable() > 0)
                raw->peer->receive(raw->socket->read(64 * 1024));
        });
        connect(socket, &QLocalSocket::disconnected, this, [this, raw] {
            for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
                if (it->get() == raw) {
                    raw->peer->abandonAll(ipc::RpcError::internalError(QStringLiteral("closed")));
                    it->release();
                    raw->socket.release()->deleteLater();
                    delete raw;
                    m_connections.erase(it);
                    return;
                }
            }
        });
        m_connections.push_back(std::move(connection));
    }
}

} // namespace corral::test
