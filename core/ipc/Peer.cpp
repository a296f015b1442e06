// SPDX-License-Identifier: Apache-2.0
#include "Peer.h"

#include <vector>

namespace corral::ipc {

Peer::Peer(const Dispatcher& dispatcher, Writer writer, qsizetype maxLineBytes)
    : m_dispatcher(dispatcher), m_writer(std::make_shared<Writer>(std::move(writer))), m_framer(maxLineBytes)
{}

void Peer::receive(QByteArrayView bytes)
{
    std::vector<LineFramer::Frame> frames;
    m_framer.feed(bytes, frames);
    for (const LineFramer::Frame& frame : frames) {
        if (frame.kind == LineFramer::Frame::Kind::Oversized) {
            (*m_writer)(Message::error(QJsonValue(QJsonValue::Null),
                                       RpcError::invalidRequest(
                                           QStringLiteral("message longer than %1 bytes").arg(m_framer.maxLineBytes())))
                            .toLine());
            continue;
        }
        handleLine(frame.line);
    }
}

void Peer::handleLine(const QByteArray& line)
{
    DecodeResult decoded = decode(line);
    if (const auto* failure = std::get_if<DecodeFailure>(&decoded)) {
        if (failure->replyable)
            (*m_writer)(failure->reply().toLine());
        else
            ++m_dropped;
        return;
    }
    const Message& message = std::get<Message>(decoded);
    if (message.isResponse()) {
        handleResponse(message);
        return;
    }
    // A deferred handler may answer after this peer is gone (the connection closed): the
    // weak pointer drops that answer.
    m_dispatcher.handle(message, m_caller, [writer = std::weak_ptr<Writer>(m_writer)](const Message& reply) {
        if (const std::shared_ptr<Writer> w = writer.lock())
            (*w)(reply.toLine());
    });
}

void Peer::handleResponse(const Message& response)
{
    const QJsonValue id = response.id();
    const bool integral = id.isDouble() && id.toDouble() == static_cast<double>(id.toInteger());
    const auto it = integral ? m_pending.find(id.toInteger()) : m_pending.end();
    if (it == m_pending.end()) {
        ++m_dropped;
        return;
    }
    ReplyHandler handler = std::move(it.value());
    m_pending.erase(it);
    handler(response);
}

qint64 Peer::request(const QString& method, const QJsonValue& params, ReplyHandler onReply)
{
    const qint64 id = m_nextId++;
    m_pending.insert(id, std::move(onReply));
    (*m_writer)(Message::request(QJsonValue(id), method, params).toLine());
    return id;
}

void Peer::notify(const QString& method, const QJsonValue& params)
{
    (*m_writer)(Message::notification(method, params).toLine());
}

bool Peer::abandon(qint64 id, const RpcError& error)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return false;
    ReplyHandler handler = std::move(it.value());
    m_pending.erase(it);
    handler(Message::error(QJsonValue(id), error));
    return true;
}

void Peer::abandonAll(const RpcError& error)
{
    const QList<qint64> ids = m_pending.keys();
    for (qint64 id : ids)
        abandon(id, error);
}

} // namespace corral::ipc
