// SPDX-License-Identifier: Apache-2.0
// Who is connected to the agent and what each connection wants: run events, and whether
// it answers confirmations (client.hello). Sends run events to the connection that started
// the run and to every subscriber, and routes confirm.request to a confirmer with a
// timeout after which the answer is deny. Lives on the agent's main thread.
#pragma once

#include "ipc/Peer.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>

namespace corral::agent {

class ClientHub : public QObject
{
    Q_OBJECT

public:
    // `peerOf` finds the open connection with an id (null when it closed).
    explicit ClientHub(std::function<ipc::Peer*(quint64 connectionId)> peerOf, QObject* parent = nullptr);

    void hello(quint64 connectionId, const QString& name, bool confirmations, bool events);
    void forget(quint64 connectionId);
    bool isConfirmer(quint64 connectionId) const;

    // `method` with `params` to `origin` (0: nobody in particular) and every subscriber.
    void publish(quint64 origin, const QString& method, const QJsonObject& params);

    // Asks for a confirmation: `preferred` when it is a confirmer, else the confirmer that
    // said hello last. `done` runs exactly once, on this thread, with the answer, or with
    // "deny" and why (no confirmer, timeout, error, closed connection, an unknown answer).
    // Returns a ticket for cancel(), 0 when `done` already ran.
    struct Answer
    {
        QString choice;     // one of the request's "choices"; "deny" on any failure
        QString reason;     // why it is deny when nobody chose it
        QString answeredBy; // the confirmer's name
    };
    quint64 requestConfirmation(quint64 preferred, const QJsonObject& params, int timeoutMs,
                                std::function<void(const Answer&)> done);
    // Withdraws a pending request (the run was cancelled); `done` runs with deny.
    void cancel(quint64 ticket);

private:
    struct Client
    {
        QString name;
        bool confirmations = false;
        bool events = false;
        quint64 order = 0; // hello order
    };
    struct Pending
    {
        quint64 connectionId = 0;
        qint64 requestId = 0;
        std::function<void(const Answer&)> done;
        QString name;
    };
    void finish(quint64 ticket, const Answer& answer);

    std::function<ipc::Peer*(quint64)> m_peerOf;
    QHash<quint64, Client> m_clients;
    QHash<quint64, Pending> m_pending;
    quint64 m_nextOrder = 1;
    quint64 m_nextTicket = 1;
};

} // namespace corral::agent
