// SPDX-License-Identifier: Apache-2.0
// One HTTP(S) connection to corral-server for the agent: base URL, the organisation's CA
// (optional), device request signing and one small job per call with a timeout. Every call
// answers exactly once through its callback, on the connection's thread.
#pragma once

#include "Clock.h"
#include "RequestSigner.h"
#include "Result.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <functional>

namespace corral::agent::sync {

struct HttpReply
{
    int status = 0; // 0 when the server could not be reached
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString networkError;

    bool ok() const { return status >= 200 && status < 300; }
    // The server's {"error": {code, message}}, or "sync.network" / "sync.http".
    Error error() const;
};

class ServerConnection : public QObject
{
    Q_OBJECT
public:
    explicit ServerConnection(const QUrl& baseUrl, QObject* parent = nullptr);

    // Trusts only the certificates in the PEM file (the organisation's CA). Error "sync.ca".
    Result<void> setCaFile(const QString& path);
    void setSigner(RequestSigner signer) { m_signer = std::move(signer); }
    void setClock(const Clock* clock) { m_clock = clock; }
    const RequestSigner& signer() const { return m_signer; }
    QUrl baseUrl() const { return m_base; }

    using Callback = std::function<void(const HttpReply&)>;
    // `pathAndQuery` starts with '/'. Signed with the device key when a signer is set.
    void send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body, const HeaderList& headers,
              int timeoutMs, Callback done);

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
    std::optional<QSslConfiguration> m_tls;
    RequestSigner m_signer;
    const Clock* m_clock = &Clock::system();
};

} // namespace corral::agent::sync
