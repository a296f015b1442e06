// SPDX-License-Identifier: Apache-2.0
// One accepted local-socket connection of the agent protocol: it checks that the peer
// runs as the allowed user (kernel credentials, not anything the peer says), then
// carries ipc::Peer traffic over the socket. When the socket closes, requests still
// waiting for an answer (such as a confirmation) complete with an error.
#pragma once

#include "Result.h"
#include "agent/PeerCredentials.h"
#include "ipc/Peer.h"

#include <QLocalSocket>
#include <QObject>
#include <memory>

namespace corral::agent {

class LocalConnection : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of `socket` (connected). Refuses a peer whose uid is not
    // `allowedUid`: the socket is closed and the error is peer.other-user (or
    // peer.unavailable when the credentials cannot be read).
    static Result<std::unique_ptr<LocalConnection>> accept(QLocalSocket* socket, const ipc::Dispatcher& dispatcher,
                                                           quint32 allowedUid);
    ~LocalConnection() override;

    ipc::Peer& peer() { return m_peer; }
    // Unique among this process's connections (never reused), as the handlers see it.
    quint64 id() const { return m_peer.caller().connectionId; }
    const PeerCredentials& credentials() const { return m_credentials; }
    bool isOpen() const { return m_socket->state() == QLocalSocket::ConnectedState; }

Q_SIGNALS:
    // The peer went away; pending requests have been completed with an error. Delete
    // the connection with deleteLater() from a slot of this signal, not directly.
    void closed();

private:
    LocalConnection(QLocalSocket* socket, const ipc::Dispatcher& dispatcher, PeerCredentials credentials);
    void readAvailable();

    QLocalSocket* m_socket;
    PeerCredentials m_credentials;
    ipc::Peer m_peer;
};

} // namespace corral::agent
