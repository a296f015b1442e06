// SPDX-License-Identifier: Apache-2.0
#include "HttpServer.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>

namespace corral::server {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 422:
        return "Unprocessable Content";
    default:
        return status >= 500 ? "Internal Server Error" : "Error";
    }
}

// Serialises a response onto the socket. Immediate and deferred (long-poll) answers take
// the same path; for the latter the caller first checks the socket still exists.
void writeResponse(QTcpSocket* socket, const ApiResponse& r)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    if (r.status != 304) {
        head += "Content-Type: " + r.contentType + "\r\n";
        head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    }
    for (const auto& [name, value] : r.headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    socket->write(head);
    if (r.status != 304)
        socket->write(r.body);
}

} // namespace

HttpServer::HttpServer(ServerApi& api, QObject* parent) : QAbstractHttpServer(parent), m_api(api) {}

Result<quint16> HttpServer::start(const ListenOptions& options)
{
    const bool tls = !options.tlsCertificate.isEmpty() || !options.tlsKey.isEmpty();
    if (!tls && !options.address.isLoopback())
        return makeError(QStringLiteral("server.tls"),
                         QStringLiteral("plain HTTP is only served on loopback; give --tls-cert and --tls-key"));
    if (tls) {
        QFile certFile(options.tlsCertificate);
        QFile keyFile(options.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("server.tls"), QStringLiteral("cannot read the TLS certificate or key"));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        if (chain.isEmpty() || key.isNull())
            return makeError(QStringLiteral("server.tls"), QStringLiteral("the TLS certificate or key is not PEM"));
        sslSetup(chain.first(), key);
    }
    const quint16 port = listen(options.address, options.port);
    if (port == 0)
        return makeError(QStringLiteral("server.listen"),
                         QStringLiteral("cannot listen on %1:%2").arg(options.address.toString()).arg(options.port));
    return port;
}

bool HttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    ApiRequest r;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyEncoded).toUtf8();
    r.query = request.query();
    for (const auto& [name, value] : request.headers())
        r.headers.insert(name.toLower(), value);
    r.body = request.body();
    QPointer<QTcpSocket> guard(socket);
    // A deferred (long-poll) answer is forgotten when the agent hangs up; once answered,
    // the hang-up no longer matters (a keep-alive connection carries many polls).
    auto hangUp = std::make_shared<QMetaObject::Connection>();
    const quint64 handle = m_api.handle(r, [guard, hangUp](const ApiResponse& response) {
        QObject::disconnect(*hangUp);
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            writeResponse(guard, response);
    });
    if (handle != 0)
        *hangUp = connect(socket, &QTcpSocket::disconnected, this, [this, handle] { m_api.cancel(handle); });
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest&, QTcpSocket* socket)
{
    writeResponse(socket,
                  errorResponse(makeError(QStringLiteral("api.not-found"), QStringLiteral("no such endpoint"))));
}

Result<QPair<QHostAddress, quint16>> parseListen(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? text.sliced(colon + 1).toUInt(&ok) : 0;
    QString host = colon > 0 ? text.first(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.sliced(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    const QHostAddress address(host);
    if (!ok || port > 65535 || address.isNull())
        return makeError(QStringLiteral("server.listen"), QStringLiteral("expected HOST:PORT, got \"%1\"").arg(text));
    return QPair<QHostAddress, quint16>(address, quint16(port));
}

} // namespace corral::server
