// SPDX-License-Identifier: Apache-2.0
#include "ClientHub.h"

#include <QJsonArray>
#include <QTimer>

namespace corral::agent {

ClientHub::ClientHub(std::function<ipc::Peer*(quint64)> peerOf, QObject* parent)
    : QObject(parent), m_peerOf(std::move(peerOf))
{}

void ClientHub::hello(quint64 connectionId, const QString& name, bool confirmations, bool events)
{
    m_clients.insert(connectionId, Client{name, confirmations, events, m_nextOrder++});
}

void ClientHub::forget(quint64 connectionId)
{
    m_clients.remove(connectionId);
    // The closed connection's pending requests were already completed by its Peer.
}

bool ClientHub::isConfirmer(quint64 connectionId) const
{
    const auto it = m_clients.constFind(connectionId);
    return it != m_clients.constEnd() && it->confirmations;
}

void ClientHub::publish(quint64 origin, const QString& method, const QJsonObject& params)
{
    if (origin != 0) {
        if (ipc::Peer* peer = m_peerOf(origin))
            peer->notify(method, params);
    }
    for (auto it = m_clients.constBegin(); it != m_clients.constEnd(); ++it) {
        if (it.key() == origin || !it->events)
            continue;
        if (ipc::Peer* peer = m_peerOf(it.key()))
            peer->notify(method, params);
    }
}

quint64 ClientHub::requestConfirmation(quint64 preferred, const QJsonObject& params, int timeoutMs,
                                       std::function<void(const Answer&)> done)
{
    quint64 target = 0;
    if (isConfirmer(preferred) && m_peerOf(preferred)) {
        target = preferred;
    } else {
        quint64 newest = 0;
        for (auto it = m_clients.constBegin(); it != m_clients.constEnd(); ++it) {
            if (it->confirmations && it->order > newest && m_peerOf(it.key())) {
                newest = it->order;
                target = it.key();
            }
        }
    }
    if (target == 0) {
        done(Answer{QStringLiteral("deny"), QStringLiteral("no studio is attached to confirm it"), {}});
        return 0;
    }
    const quint64 ticket = m_nextTicket++;
    QStringList choices;
    for (const QJsonValue& c : params.value(QStringLiteral("choices")).toArray())
        choices.append(c.toString());
    Pending pending{target, 0, std::move(done), m_clients.value(target).name};
    m_pending.insert(ticket, std::move(pending));
    ipc::Peer* peer = m_peerOf(target);
    const qint64 requestId =
        peer->request(QStringLiteral("confirm.request"), params, [this, ticket, choices](const ipc::Message& reply) {
            if (reply.kind() == ipc::Message::Kind::Error) {
                finish(ticket, Answer{QStringLiteral("deny"),
                                      QStringLiteral("the confirmation failed: %1").arg(reply.errorValue().message),
                                      {}});
                return;
            }
            const QString choice = reply.resultValue().toObject().value(QStringLiteral("answer")).toString();
            if (!choices.contains(choice)) {
                finish(ticket, Answer{QStringLiteral("deny"),
                                      QStringLiteral("the answer \"%1\" was not one of the choices").arg(choice),
                                      {}});
                return;
            }
            finish(ticket, Answer{choice, {}, {}});
        });
    if (const auto it = m_pending.find(ticket); it != m_pending.end())
        it->requestId = requestId;
    QTimer::singleShot(timeoutMs, this, [this, ticket, timeoutMs] {
        finish(
            ticket,
            Answer{QStringLiteral("deny"), QStringLiteral("nobody answered within %1 s").arg(timeoutMs / 1000.0), {}});
    });
    return ticket;
}

void ClientHub::cancel(quint64 ticket)
{
    finish(ticket, Answer{QStringLiteral("deny"), QStringLiteral("the run was cancelled"), {}});
}

void ClientHub::finish(quint64 ticket, const Answer& answer)
{
    const auto it = m_pending.find(ticket);
    if (it == m_pending.end())
        return; // already answered, timed out or cancelled
    Pending pending = std::move(it.value());
    m_pending.erase(it);
    // A late reply to an abandoned request is dropped by the Peer.
    if (ipc::Peer* peer = m_peerOf(pending.connectionId))
        peer->abandon(pending.requestId, ipc::RpcError::internalError(answer.reason));
    Answer named = answer;
    named.answeredBy = pending.name;
    pending.done(named);
}

} // namespace corral::agent
