// SPDX-License-Identifier: Apache-2.0
#include "Message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace corral::ipc {

namespace {

// JSON nesting deeper than this is refused before parsing: no protocol message needs
// more than a handful of levels, and it bounds the parser's recursion.
constexpr int kMaxNesting = 128;

const QString kJsonRpc = QStringLiteral("jsonrpc");
const QString kId = QStringLiteral("id");
const QString kMethod = QStringLiteral("method");
const QString kParams = QStringLiteral("params");
const QString kResult = QStringLiteral("result");
const QString kError = QStringLiteral("error");
const QString kCode = QStringLiteral("code");
const QString kMessage = QStringLiteral("message");
const QString kData = QStringLiteral("data");

// Refuses what Qt's JSON parser would let through but JSON forbids (raw control bytes in
// strings) and nesting beyond kMaxNesting. Returns an empty string when the text passes.
QString lexicalProblem(QByteArrayView text)
{
    bool inString = false;
    bool escaped = false;
    int depth = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0)
            return QStringLiteral("NUL byte at offset %1").arg(i);
        if (inString) {
            if (c < 0x20)
                return QStringLiteral("unescaped control character at offset %1").arg(i);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxNesting)
                return QStringLiteral("nesting deeper than %1 levels").arg(kMaxNesting);
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c < 0x20 && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            return QStringLiteral("control character at offset %1").arg(i);
        }
    }
    return {};
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

DecodeFailure invalid(const QString& detail, const QJsonValue& id = QJsonValue(QJsonValue::Null), bool replyable = true)
{
    return DecodeFailure{RpcError::invalidRequest(detail), id, replyable};
}

DecodeResult decodeResponse(const QJsonObject& obj)
{
    // A faulty response is never answered (JSON-RPC 2.0, section 5), so failures here
    // are not replyable.
    const QJsonValue id = obj.value(kId);
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key() != kJsonRpc && it.key() != kId && it.key() != kResult && it.key() != kError)
            return invalid(QStringLiteral("unexpected member \"%1\" in a response").arg(it.key()), {}, false);
    }
    if (id.isUndefined() || !isValidId(id))
        return invalid(QStringLiteral("a response needs an id that is a string, a number or null"), {}, false);
    const bool hasResult = obj.contains(kResult);
    const bool hasError = obj.contains(kError);
    if (hasResult == hasError)
        return invalid(QStringLiteral("a response has exactly one of \"result\" and \"error\""), {}, false);
    if (hasResult)
        return Message::result(id, obj.value(kResult));

    const QJsonValue errorValue = obj.value(kError);
    if (!errorValue.isObject())
        return invalid(QStringLiteral("\"error\" must be an object"), {}, false);
    const QJsonObject err = errorValue.toObject();
    const QJsonValue code = err.value(kCode);
    const double codeNumber = code.toDouble();
    if (!code.isDouble() || codeNumber != static_cast<double>(code.toInteger()))
        return invalid(QStringLiteral("\"error.code\" must be an integer"), {}, false);
    if (!err.value(kMessage).isString())
        return invalid(QStringLiteral("\"error.message\" must be a string"), {}, false);
    for (auto it = err.begin(); it != err.end(); ++it) {
        if (it.key() != kCode && it.key() != kMessage && it.key() != kData)
            return invalid(QStringLiteral("unexpected member \"%1\" in an error").arg(it.key()), {}, false);
    }
    RpcError rpcError{static_cast<int>(code.toInteger()), err.value(kMessage).toString(), err.value(kData)};
    return Message::error(id, rpcError);
}

} // namespace

RpcError RpcError::parseError(const QString& detail)
{
    return RpcError{ErrorCode::ParseError, QStringLiteral("Parse error: ") + detail, QJsonValue(QJsonValue::Undefined)};
}

RpcError RpcError::invalidRequest(const QString& detail)
{
    return RpcError{ErrorCode::InvalidRequest, QStringLiteral("Invalid request: ") + detail,
                    QJsonValue(QJsonValue::Undefined)};
}

RpcError RpcError::methodNotFound(const QString& method)
{
    return RpcError{ErrorCode::MethodNotFound, QStringLiteral("Method not found: ") + method,
                    QJsonValue(QJsonValue::Undefined)};
}

RpcError RpcError::invalidParams(const QString& detail)
{
    return RpcError{ErrorCode::InvalidParams, QStringLiteral("Invalid params: ") + detail,
                    QJsonValue(QJsonValue::Undefined)};
}

RpcError RpcError::internalError(const QString& detail)
{
    return RpcError{ErrorCode::InternalError, QStringLiteral("Internal error: ") + detail,
                    QJsonValue(QJsonValue::Undefined)};
}

Message Message::request(const QJsonValue& id, const QString& method, const QJsonValue& params)
{
    Message m;
    m.m_kind = Kind::Request;
    m.m_id = id;
    m.m_method = method;
    m.m_params = params;
    return m;
}

Message Message::notification(const QString& method, const QJsonValue& params)
{
    Message m;
    m.m_kind = Kind::Notification;
    m.m_method = method;
    m.m_params = params;
    return m;
}

Message Message::result(const QJsonValue& id, const QJsonValue& result)
{
    Message m;
    m.m_kind = Kind::Result;
    m.m_id = id;
    m.m_result = result;
    return m;
}

Message Message::error(const QJsonValue& id, const RpcError& error)
{
    Message m;
    m.m_kind = Kind::Error;
    m.m_id = id;
    m.m_error = error;
    return m;
}

QByteArray Message::toLine() const
{
    QJsonObject obj;
    obj.insert(kJsonRpc, QStringLiteral("2.0"));
    switch (m_kind) {
    case Kind::Request:
        obj.insert(kId, m_id);
        [[fallthrough]];
    case Kind::Notification:
        obj.insert(kMethod, m_method);
        if (!m_params.isUndefined())
            obj.insert(kParams, m_params);
        break;
    case Kind::Result:
        obj.insert(kId, m_id);
        // A result must be present even when the method returns nothing.
        obj.insert(kResult, m_result.isUndefined() ? QJsonValue(QJsonValue::Null) : m_result);
        break;
    case Kind::Error: {
        obj.insert(kId, m_id.isUndefined() ? QJsonValue(QJsonValue::Null) : m_id);
        QJsonObject err{{kCode, m_error.code}, {kMessage, m_error.message}};
        if (!m_error.data.isUndefined())
            err.insert(kData, m_error.data);
        obj.insert(kError, err);
        break;
    }
    }
    QByteArray line = QJsonDocument(obj).toJson(QJsonDocument::Compact);
    line.append('\n');
    return line;
}

bool isValidId(const QJsonValue& id)
{
    return id.isString() || id.isDouble() || id.isNull();
}

DecodeResult decode(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.size() > kMaxMessageBytes)
        return invalid(QStringLiteral("message longer than %1 bytes").arg(kMaxMessageBytes));
    if (!isValidUtf8(line))
        return DecodeFailure{RpcError::parseError(QStringLiteral("message is not valid UTF-8"))};
    if (const QString problem = lexicalProblem(line); !problem.isEmpty())
        return DecodeFailure{RpcError::parseError(problem)};

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt only parses objects and arrays at the top level; a lone scalar is valid JSON
        // (RFC 8259) but not a request, which JSON-RPC answers with -32600.
        QJsonParseError wrappedError;
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + line.toByteArray() + ']', &wrappedError);
        if (wrappedError.error == QJsonParseError::NoError && wrapped.array().size() == 1)
            return invalid(QStringLiteral("a message must be a JSON object"));
        return DecodeFailure{RpcError::parseError(
            QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset))};
    }
    if (doc.isArray())
        return invalid(QStringLiteral("batch requests are not supported"));
    if (!doc.isObject())
        return invalid(QStringLiteral("a message must be a JSON object"));

    const QJsonObject obj = doc.object();
    // Recover the id first so that later errors can be answered to the right request.
    const QJsonValue rawId = obj.value(kId);
    const QJsonValue replyId = isValidId(rawId) ? rawId : QJsonValue(QJsonValue::Null);

    const QJsonValue version = obj.value(kJsonRpc);
    if (version != QJsonValue(QStringLiteral("2.0")))
        return invalid(QStringLiteral("\"jsonrpc\" must be \"2.0\""), replyId);

    if (!obj.contains(kMethod)) {
        if (obj.contains(kResult) || obj.contains(kError))
            return decodeResponse(obj);
        return invalid(QStringLiteral("\"method\" is missing"), replyId);
    }
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key() != kJsonRpc && it.key() != kId && it.key() != kMethod && it.key() != kParams)
            return invalid(QStringLiteral("unexpected member \"%1\" in a request").arg(it.key()), replyId);
    }
    if (!rawId.isUndefined() && !isValidId(rawId))
        return invalid(QStringLiteral("\"id\" must be a string, a number or null, not %1").arg(typeName(rawId)));
    const QJsonValue method = obj.value(kMethod);
    if (!method.isString())
        return invalid(QStringLiteral("\"method\" must be a string, not %1").arg(typeName(method)), replyId);
    const QJsonValue params = obj.value(kParams);
    if (!params.isUndefined() && !params.isObject() && !params.isArray())
        return invalid(QStringLiteral("\"params\" must be an object or an array, not %1").arg(typeName(params)),
                       replyId);

    if (rawId.isUndefined())
        return Message::notification(method.toString(), params);
    return Message::request(rawId, method.toString(), params);
}

} // namespace corral::ipc
