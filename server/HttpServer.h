// SPDX-License-Identifier: Apache-2.0
// The socket side of corral-server: a QAbstractHttpServer that turns each request into an
// ApiRequest for ServerApi and writes its answer, possibly later (long-poll), as long as
// the connection is still open. TLS through QAbstractHttpServer::sslSetup; plain HTTP is
// only allowed on loopback addresses.
#pragma once

#include "Result.h"
#include "ServerApi.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace corral::server {

struct ListenOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;
    QString tlsCertificate; // PEM files; both or neither
    QString tlsKey;
};

class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpServer(ServerApi& api, QObject* parent = nullptr);

    // Returns the bound port. Errors: "server.listen", "server.tls" (unreadable
    // certificate or key, or plain HTTP on a non-loopback address).
    Result<quint16> start(const ListenOptions& options);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    ServerApi& m_api;
};

// "127.0.0.1:8443", "[::1]:0", "0.0.0.0:443". Error "server.listen".
Result<QPair<QHostAddress, quint16>> parseListen(const QString& text);

} // namespace corral::server
