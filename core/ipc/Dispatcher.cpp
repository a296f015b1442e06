// SPDX-License-Identifier: Apache-2.0
#include "Dispatcher.h"

#include <exception>
#include <memory>
#include <utility>

namespace corral::ipc {

ParamReader::ParamReader(const QJsonValue& params)
{
    if (params.isObject())
        m_params = params.toObject();
    else if (!params.isUndefined() && !params.isNull())
        fail(QStringLiteral("params must be an object with named members"));
}

void ParamReader::fail(const QString& detail)
{
    if (!m_error)
        m_error = RpcError::invalidParams(detail);
}

QJsonValue ParamReader::take(const QString& key, QJsonValue::Type type, bool required)
{
    m_read.append(key);
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined()) {
        if (required)
            fail(QStringLiteral("\"%1\" is required").arg(key));
        return v;
    }
    if (v.type() != type) {
        fail(QStringLiteral("\"%1\" has the wrong type").arg(key));
        return QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

QString ParamReader::string(const QString& key)
{
    return take(key, QJsonValue::String, true).toString();
}

QString ParamReader::string(const QString& key, const QString& fallback)
{
    const QJsonValue v = take(key, QJsonValue::String, false);
    return v.isString() ? v.toString() : fallback;
}

qint64 ParamReader::integer(const QString& key)
{
    const QJsonValue v = take(key, QJsonValue::Double, true);
    if (v.isDouble() && v.toDouble() != static_cast<double>(v.toInteger()))
        fail(QStringLiteral("\"%1\" must be an integer").arg(key));
    return v.toInteger();
}

qint64 ParamReader::integer(const QString& key, qint64 fallback)
{
    const QJsonValue v = take(key, QJsonValue::Double, false);
    if (!v.isDouble())
        return fallback;
    if (v.toDouble() != static_cast<double>(v.toInteger()))
        fail(QStringLiteral("\"%1\" must be an integer").arg(key));
    return v.toInteger();
}

bool ParamReader::boolean(const QString& key, bool fallback)
{
    const QJsonValue v = take(key, QJsonValue::Bool, false);
    return v.isBool() ? v.toBool() : fallback;
}

QJsonObject ParamReader::object(const QString& key)
{
    return take(key, QJsonValue::Object, true).toObject();
}

QJsonArray ParamReader::array(const QString& key, const QJsonArray& fallback)
{
    const QJsonValue v = take(key, QJsonValue::Array, false);
    return v.isArray() ? v.toArray() : fallback;
}

void ParamReader::rejectUnknown()
{
    for (auto it = m_params.begin(); it != m_params.end(); ++it) {
        if (!m_read.contains(it.key())) {
            fail(QStringLiteral("unknown parameter \"%1\"").arg(it.key()));
            return;
        }
    }
}

void Dispatcher::add(const QString& method, Handler handler)
{
    m_deferred.remove(method);
    m_handlers.insert(
        method, [handler = std::move(handler)](const QJsonValue& params, const Caller&) { return handler(params); });
}

void Dispatcher::add(const QString& method, CallerHandler handler)
{
    m_deferred.remove(method);
    m_handlers.insert(method, std::move(handler));
}

void Dispatcher::addDeferred(const QString& method, DeferredHandler handler)
{
    m_handlers.remove(method);
    m_deferred.insert(method, std::move(handler));
}

std::optional<Message> Dispatcher::handle(const Message& message, const Caller& caller) const
{
    const auto it = m_handlers.constFind(message.method());
    HandlerResult outcome = RpcError::methodNotFound(message.method());
    if (it != m_handlers.constEnd()) {
        // Handlers live inside this process's libraries; an escaping exception is a bug
        // that must cost one request, never the agent.
        try {
            outcome = it.value()(message.params(), caller);
        } catch (const std::exception& e) {
            outcome = RpcError::internalError(QString::fromUtf8(e.what()));
        } catch (...) {
            outcome = RpcError::internalError(QStringLiteral("unexpected failure"));
        }
    }
    if (!message.isRequest())
        return std::nullopt;
    if (const auto* error = std::get_if<RpcError>(&outcome))
        return Message::error(message.id(), *error);
    return Message::result(message.id(), std::get<QJsonValue>(outcome));
}

void Dispatcher::handle(const Message& message, const Caller& caller, ReplySink reply) const
{
    const auto deferred = m_deferred.constFind(message.method());
    if (deferred == m_deferred.constEnd()) {
        if (std::optional<Message> response = handle(message, caller))
            reply(*response);
        return;
    }
    // Shared by every copy of the responder, so only the first answer counts.
    auto pending = std::make_shared<ReplySink>(message.isRequest() ? std::move(reply) : ReplySink());
    const QJsonValue id = message.id();
    const Responder respond = [pending, id](const HandlerResult& outcome) {
        if (!*pending)
            return;
        const ReplySink sink = std::exchange(*pending, nullptr);
        if (const auto* error = std::get_if<RpcError>(&outcome))
            sink(Message::error(id, *error));
        else
            sink(Message::result(id, std::get<QJsonValue>(outcome)));
    };
    try {
        deferred.value()(message.params(), caller, respond);
    } catch (const std::exception& e) {
        respond(RpcError::internalError(QString::fromUtf8(e.what())));
    } catch (...) {
        respond(RpcError::internalError(QStringLiteral("unexpected failure")));
    }
}

} // namespace corral::ipc
