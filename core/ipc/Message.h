// SPDX-License-Identifier: Apache-2.0
// JSON-RPC 2.0 messages of the agent protocol: the model (requests, notifications,
// responses), strict decoding of one line with the exact JSON-RPC error codes, and
// compact single-line encoding. See docs/protocol.md.
#pragma once

#include "Utf8.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>
#include <variant>

namespace corral::ipc {

// The largest message, in bytes, without its terminating newline.
inline constexpr qsizetype kMaxMessageBytes = 1024 * 1024;

// The error codes defined by JSON-RPC 2.0.
namespace ErrorCode {
inline constexpr int ParseError = -32700;
inline constexpr int InvalidRequest = -32600;
inline constexpr int MethodNotFound = -32601;
inline constexpr int InvalidParams = -32602;
inline constexpr int InternalError = -32603;
} // namespace ErrorCode

// A JSON-RPC error object. `data` is Undefined when absent.
struct RpcError
{
    int code = ErrorCode::InternalError;
    QString message;
    QJsonValue data = QJsonValue(QJsonValue::Undefined);

    static RpcError parseError(const QString& detail);
    static RpcError invalidRequest(const QString& detail);
    static RpcError methodNotFound(const QString& method);
    static RpcError invalidParams(const QString& detail);
    static RpcError internalError(const QString& detail);
};

// One message. `id` is a string, a number or null for requests and responses, and
// Undefined for notifications. `params` is an object, an array or Undefined.
class Message
{
public:
    enum class Kind { Request, Notification, Result, Error };

    static Message request(const QJsonValue& id, const QString& method,
                           const QJsonValue& params = QJsonValue(QJsonValue::Undefined));
    static Message notification(const QString& method, const QJsonValue& params = QJsonValue(QJsonValue::Undefined));
    static Message result(const QJsonValue& id, const QJsonValue& result);
    static Message error(const QJsonValue& id, const RpcError& error);

    Kind kind() const { return m_kind; }
    bool isRequest() const { return m_kind == Kind::Request; }
    bool isNotification() const { return m_kind == Kind::Notification; }
    bool isResponse() const { return m_kind == Kind::Result || m_kind == Kind::Error; }

    const QJsonValue& id() const { return m_id; }
    const QString& method() const { return m_method; }
    const QJsonValue& params() const { return m_params; }
    const QJsonValue& resultValue() const { return m_result; }
    const RpcError& errorValue() const { return m_error; }

    // The message as one compact JSON object followed by '\n'. Strings are escaped by
    // the JSON writer, so the line never contains a raw newline before its end.
    QByteArray toLine() const;

private:
    Kind m_kind = Kind::Notification;
    QJsonValue m_id = QJsonValue(QJsonValue::Undefined);
    QString m_method;
    QJsonValue m_params = QJsonValue(QJsonValue::Undefined);
    QJsonValue m_result = QJsonValue(QJsonValue::Undefined);
    RpcError m_error;
};

// Why a line could not be decoded, and what to answer. `id` is the request's id when it
// could be recovered, null otherwise. `replyable` is false when the faulty message was a
// response (JSON-RPC forbids answering a response), so the receiver only drops it.
struct DecodeFailure
{
    RpcError error;
    QJsonValue id = QJsonValue(QJsonValue::Null);
    bool replyable = true;

    Message reply() const { return Message::error(id, error); }
};

using DecodeResult = std::variant<Message, DecodeFailure>;

// True when `id` may be used as a JSON-RPC id: a string, a number or null.
bool isValidId(const QJsonValue& id);

// Decodes one line (without its newline; a trailing '\r' is tolerated). Rules:
// - not UTF-8, a raw NUL or control byte outside a string, invalid JSON, nesting deeper
//   than 128 levels -> -32700;
// - a batch (JSON array) -> -32600 (batches are not supported, see docs/protocol.md);
// - not an object, "jsonrpc" not exactly "2.0", a member that JSON-RPC does not define,
//   a method that is not a string, an id of the wrong type, params that are neither an
//   object nor an array, a response with both or neither of result and error, an error
//   object without an integer code and a string message -> -32600;
// - longer than kMaxMessageBytes -> -32600 (the framer normally catches this first).
DecodeResult decode(QByteArrayView line);

// The validator decode() applies (see core/Utf8.h), also reachable as ipc::isValidUtf8.
using corral::isValidUtf8;

} // namespace corral::ipc
