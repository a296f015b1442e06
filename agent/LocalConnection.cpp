// SPDX-License-Identifier: Apache-2.0
#include "LocalConnection.h"

#include <atomic>

namespace corral::agent {

Result<std::unique_ptr<LocalConnection>> LocalConnection::accept(QLocalSocket* socket,
                                                                 const ipc::Dispatcher& dispatcher, quint32 allowedUid)
{
    std::unique_ptr<QLocalSocket> owned(socket);
    Result<PeerCredentials> credentials = peerCredentials(socket->socketDescriptor());
    if (!credentials.ok()) {
        socket->abort();
        return credentials.error();
    }
    if (credentials->uid != allowedUid) {
        socket->abort();
        return makeError(QStringLiteral("peer.other-user"),
                         QStringLiteral("refused a connection from uid %1 (pid %2): only uid %3 may connect")
                             .arg(credentials->uid)
                             .arg(credentials->pid)
                             .arg(allowedUid));
    }
    return std::unique_ptr<LocalConnection>(new LocalConnection(owned.release(), dispatcher, *credentials));
}

LocalConnection::LocalConnection(QLocalSocket* socket, const ipc::Dispatcher& dispatcher, PeerCredentials credentials)
    : m_socket(socket), m_credentials(credentials), m_peer(dispatcher, [this](const QByteArray& line) {
          if (m_socket->state() == QLocalSocket::ConnectedState)
              m_socket->write(line);
      })
{
    static std::atomic<quint64> nextId{1};
    m_peer.setCaller(ipc::Caller{nextId++});
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &LocalConnection::readAvailable);
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        m_peer.abandonAll(ipc::RpcError::internalError(QStringLiteral("the connection closed")));
        Q_EMIT closed();
    });
    // Bytes that arrived before the connection was wrapped.
    if (m_socket->bytesAvailable() > 0)
        readAvailable();
}

LocalConnection::~LocalConnection()
{
    // Closing from our side must not call back into a half-destroyed object.
    disconnect(m_socket, nullptr, this, nullptr);
    m_peer.abandonAll(ipc::RpcError::internalError(QStringLiteral("the connection closed")));
}

void LocalConnection::readAvailable()
{
    // Read in bounded chunks so one busy peer cannot make the agent hold its whole backlog.
    while (m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->read(64 * 1024);
        if (chunk.isEmpty())
            break;
        m_peer.receive(chunk);
    }
}

} // namespace corral::agent
