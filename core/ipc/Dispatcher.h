// SPDX-License-Identifier: Apache-2.0
// Routes incoming requests and notifications to registered method handlers and turns
// their outcome into the JSON-RPC answer: unknown methods get -32601, parameter
// problems found by a ParamReader -32602, a throwing handler -32603.
#pragma once

#include "Message.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <functional>
#include <optional>
#include <variant>

namespace corral::ipc {

// What a handler returns: the result value or an error object.
using HandlerResult = std::variant<QJsonValue, RpcError>;

// Reads named parameters from a params object, remembering the first problem so a
// handler can read everything and check once:
//     ParamReader p(params);
//     const QString path = p.string("path");
//     const qint64 limit = p.integer("limit", 100);
//     if (p.failed()) return p.error();
class ParamReader
{
public:
    // `params` must be an object or absent (positional params are refused).
    explicit ParamReader(const QJsonValue& params);

    QString string(const QString& key);                                    // required
    QString string(const QString& key, const QString& fallback);           // optional
    qint64 integer(const QString& key);                                    // required
    qint64 integer(const QString& key, qint64 fallback);                   // optional
    bool boolean(const QString& key, bool fallback);                       // optional
    QJsonObject object(const QString& key);                                // required
    QJsonArray array(const QString& key, const QJsonArray& fallback = {}); // optional
    // Refuses members not read so far (call after every read), so typos are reported.
    void rejectUnknown();

    bool failed() const { return m_error.has_value(); }
    RpcError error() const { return m_error.value_or(RpcError::invalidParams(QString())); }

private:
    QJsonValue take(const QString& key, QJsonValue::Type type, bool required);
    void fail(const QString& detail);

    QJsonObject m_params;
    QStringList m_read;
    std::optional<RpcError> m_error;
};

// Who sent a message: the transport's connection id (0 when there is no connection, as in
// tests that call handle() directly). Methods that answer "this connection" (run events,
// confirmations) use it.
struct Caller
{
    quint64 connectionId = 0;
};

class Dispatcher
{
public:
    using Handler = std::function<HandlerResult(const QJsonValue& params)>;
    using CallerHandler = std::function<HandlerResult(const QJsonValue& params, const Caller& caller)>;
    // A request answered later (when a person has decided): the handler calls `respond` once,
    // now or from the event loop; later calls do nothing. For a notification it does nothing.
    using Responder = std::function<void(const HandlerResult& outcome)>;
    using DeferredHandler = std::function<void(const QJsonValue& params, const Caller& caller, Responder respond)>;
    // Receives the response to a request, at once or, for a deferred handler, later.
    using ReplySink = std::function<void(const Message& response)>;

    // Registers (or replaces) the handler of `method`.
    void add(const QString& method, Handler handler);
    void add(const QString& method, CallerHandler handler);
    void addDeferred(const QString& method, DeferredHandler handler);
    bool has(const QString& method) const { return m_handlers.contains(method) || m_deferred.contains(method); }

    // Runs the handler for a request or a notification. Returns the response for a
    // request and nothing for a notification (JSON-RPC never answers notifications,
    // not even with an error). Deferred handlers are not run here (-32601): they need the
    // overload below.
    std::optional<Message> handle(const Message& message, const Caller& caller = {}) const;
    // As above, for handlers that may answer later: a request's response goes to `reply`
    // (once), a notification's nowhere. Peer uses this one.
    void handle(const Message& message, const Caller& caller, ReplySink reply) const;

private:
    QHash<QString, CallerHandler> m_handlers;
    QHash<QString, DeferredHandler> m_deferred;
};

} // namespace corral::ipc
