// SPDX-License-Identifier: Apache-2.0
// One end of an agent-protocol connection, independent of the transport: it frames and
// decodes incoming bytes, answers requests through a Dispatcher, sends its own requests
// and matches their responses (the protocol is symmetric: the agent asks the studio for
// confirmations over the same connection). Malformed input is answered with JSON-RPC
// errors and never stops the connection.
#pragma once

#include "Dispatcher.h"
#include "LineFramer.h"

#include <QHash>
#include <functional>
#include <memory>

namespace corral::ipc {

class Peer
{
public:
    // Receives each outgoing line (one complete message ending in '\n').
    using Writer = std::function<void(const QByteArray& line)>;
    // Receives the response to one of our requests (Kind::Result or Kind::Error).
    using ReplyHandler = std::function<void(const Message& response)>;

    Peer(const Dispatcher& dispatcher, Writer writer, qsizetype maxLineBytes = kMaxMessageBytes);

    // Identifies this peer's connection to the handlers it dispatches to.
    void setCaller(const Caller& caller) { m_caller = caller; }
    const Caller& caller() const { return m_caller; }

    // Feeds bytes read from the transport, in any chunking.
    void receive(QByteArrayView bytes);

    // Sends a request with a fresh integer id and returns that id. `onReply` runs once:
    // with the peer's response, or with the error given to abandon()/abandonAll().
    qint64 request(const QString& method, const QJsonValue& params, ReplyHandler onReply);
    void notify(const QString& method, const QJsonValue& params = QJsonValue(QJsonValue::Undefined));

    // Completes a pending request locally with `error` (timeout, cancellation). Returns
    // false when it is no longer pending; a late response to it is then dropped.
    bool abandon(qint64 id, const RpcError& error);
    // Completes every pending request with `error` (the connection closed).
    void abandonAll(const RpcError& error);

    qsizetype pendingCount() const { return m_pending.size(); }
    // Responses that matched no pending request or could not be decoded; they are never
    // answered (JSON-RPC forbids replying to a response), only counted.
    qsizetype droppedResponses() const { return m_dropped; }

private:
    void handleLine(const QByteArray& line);
    void handleResponse(const Message& response);

    const Dispatcher& m_dispatcher;
    Caller m_caller;
    // Shared with the answers of deferred handlers, which write only while this peer lives.
    std::shared_ptr<Writer> m_writer;
    LineFramer m_framer;
    QHash<qint64, ReplyHandler> m_pending;
    qint64 m_nextId = 1;
    qsizetype m_dropped = 0;
};

} // namespace corral::ipc
