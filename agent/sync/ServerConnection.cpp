// SPDX-License-Identifier: Apache-2.0
#include "ServerConnection.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslCertificate>

namespace corral::agent::sync {

Error HttpReply::error() const
{
    if (status == 0)
        return makeError(QStringLiteral("sync.network"), networkError);
    const QJsonObject e = QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    if (e.contains(QLatin1String("code")))
        return makeError(e.value(QLatin1String("code")).toString(), e.value(QLatin1String("message")).toString());
    return makeError(QStringLiteral("sync.http"), QStringLiteral("HTTP status %1").arg(status));
}

ServerConnection::ServerConnection(const QUrl& baseUrl, QObject* parent) : QObject(parent), m_base(baseUrl) {}

Result<void> ServerConnection::setCaFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("sync.ca"), QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    const QList<QSslCertificate> certs = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
    if (certs.isEmpty())
        return makeError(QStringLiteral("sync.ca"), QStringLiteral("%1 holds no PEM certificate").arg(path));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(certs);
    m_tls = tls;
    return {};
}

void ServerConnection::send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body,
                            const HeaderList& headers, int timeoutMs, Callback done)
{
    QUrl url = m_base;
    const qsizetype q = pathAndQuery.indexOf(QLatin1Char('?'));
    const QString path = q < 0 ? pathAndQuery : pathAndQuery.first(q);
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    if (q >= 0)
        url.setQuery(pathAndQuery.sliced(q + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    if (m_tls)
        request.setSslConfiguration(*m_tls);
    if (!body.isEmpty() || method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (m_signer.isValid()) {
        for (const auto& [name, value] :
             m_signer.sign(method, url.path(QUrl::FullyEncoded).toUtf8(), body, m_clock->nowMs() / 1000))
            request.setRawHeader(name, value);
    }
    QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        HttpReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            r.headers.insert(name.toLower(), value);
        if (r.status == 0)
            r.networkError = reply->errorString();
        done(r);
    });
}

} // namespace corral::agent::sync
