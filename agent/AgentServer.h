// SPDX-License-Identifier: Apache-2.0
// The agent's listening socket: a QLocalServer on AgentPaths::socketPath (mode 0600 in a
// 0700 folder) whose every accepted connection goes through LocalConnection, so peers of
// other users are refused by their kernel-reported uid before anything is read.
#pragma once

#include "Result.h"
#include "agent/LocalConnection.h"

#include <QLocalServer>
#include <QObject>
#include <memory>
#include <vector>

namespace corral::agent {

class AgentServer : public QObject
{
    Q_OBJECT

public:
    // `dispatcher` answers every connection's requests and must outlive the server.
    AgentServer(const ipc::Dispatcher& dispatcher, quint32 allowedUid, QObject* parent = nullptr);
    ~AgentServer() override;

    // Listens on `socketPath`, whose folder must already be private (AgentPaths::prepare).
    // A socket left at that path by an agent that died (nothing answers on it) is removed
    // first; a socket something still answers on, or a file that is not a socket, is left
    // alone and reported. Errors: agent.socket.
    Result<void> listen(const QString& socketPath);
    // Stops accepting, closes every connection and removes the socket file.
    void close();

    std::size_t connectionCount() const { return m_connections.size(); }
    // The open connection with this id (LocalConnection::id), or null.
    LocalConnection* connection(quint64 id) const;

    // Connections refused so far (other users, unreadable credentials).
    int refusedCount() const { return m_refused; }

Q_SIGNALS:
    void connectionAccepted(corral::agent::LocalConnection* connection);
    void connectionClosed(quint64 id);

private:
    void acceptPending();
    void dropConnection(LocalConnection* connection);

    const ipc::Dispatcher& m_dispatcher;
    quint32 m_allowedUid;
    QLocalServer m_server;
    QString m_socketPath;
    std::vector<std::unique_ptr<LocalConnection>> m_connections;
    int m_refused = 0;
};

} // namespace corral::agent
