// SPDX-License-Identifier: Apache-2.0
#include "AgentServer.h"

#include <QFile>
#include <QLoggingCategory>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace corral::agent {

namespace {

Q_LOGGING_CATEGORY(lcServer, "corral.agent.server")

Error socketError(const QString& message)
{
    return makeError(QStringLiteral("agent.socket"), message);
}

} // namespace

AgentServer::AgentServer(const ipc::Dispatcher& dispatcher, quint32 allowedUid, QObject* parent)
    : QObject(parent), m_dispatcher(dispatcher), m_allowedUid(allowedUid)
{
    connect(&m_server, &QLocalServer::newConnection, this, &AgentServer::acceptPending);
}

AgentServer::~AgentServer()
{
    close();
}

Result<void> AgentServer::listen(const QString& socketPath)
{
    const QByteArray native = QFile::encodeName(socketPath);
    struct stat info = {};
    if (::lstat(native.constData(), &info) == 0) {
        if (!S_ISSOCK(info.st_mode))
            return socketError(
                QStringLiteral("%1 exists and is not a socket; remove it or set XDG_RUNTIME_DIR").arg(socketPath));
        // An agent with another data folder (another XDG_DATA_HOME, so another lock) may
        // share this runtime folder: never take a socket someone still answers on.
        QLocalSocket probe;
        probe.connectToServer(socketPath);
        if (probe.waitForConnected(500)) {
            probe.abort();
            return socketError(QStringLiteral("another process is listening on %1 (an agent with another data folder?)")
                                   .arg(socketPath));
        }
        if (::unlink(native.constData()) != 0)
            return socketError(QStringLiteral("cannot remove the stale socket %1: %2")
                                   .arg(socketPath, QString::fromLocal8Bit(std::strerror(errno))));
        qCInfo(lcServer) << "removed a stale socket left by an earlier agent:" << socketPath;
    }
    // UserAccessOption makes Qt create the socket with mode 0600 before it becomes
    // reachable at its final path, so there is no window where others could connect.
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(socketPath))
        return socketError(QStringLiteral("cannot listen on %1: %2").arg(socketPath, m_server.errorString()));
    if (::lstat(native.constData(), &info) != 0 || (info.st_mode & 0077) != 0) {
        m_server.close();
        return socketError(QStringLiteral("the socket %1 is not private to this user").arg(socketPath));
    }
    m_socketPath = socketPath;
    return {};
}

void AgentServer::close()
{
    if (m_server.isListening())
        m_server.close(); // QLocalServer removes its socket file
    m_connections.clear();
}

void AgentServer::acceptPending()
{
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        Result<std::unique_ptr<LocalConnection>> accepted = LocalConnection::accept(socket, m_dispatcher, m_allowedUid);
        if (!accepted.ok()) {
            ++m_refused;
            qCWarning(lcServer).noquote() << accepted.error().toString();
            continue;
        }
        LocalConnection* connection = accepted->get();
        connect(connection, &LocalConnection::closed, this, [this, connection] { dropConnection(connection); });
        m_connections.push_back(std::move(accepted.value()));
        Q_EMIT connectionAccepted(connection);
    }
}

LocalConnection* AgentServer::connection(quint64 id) const
{
    for (const std::unique_ptr<LocalConnection>& c : m_connections) {
        if (c->id() == id)
            return c.get();
    }
    return nullptr;
}

void AgentServer::dropConnection(LocalConnection* connection)
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->get() == connection) {
            Q_EMIT connectionClosed(connection->id());
            // closed() is emitted from the socket's own signal: delete later, not here.
            it->release()->deleteLater();
            m_connections.erase(it);
            return;
        }
    }
}

} // namespace corral::agent
