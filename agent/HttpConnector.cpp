// SPDX-License-Identifier: Apache-2.0
#include "HttpConnector.h"

#include "catalog/ConnectorCatalog.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace corral::agent {

namespace {

bool isLoopback(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Headers that describe the connection or the body: the network layer sets them.
bool isReservedHeader(const QString& name)
{
    static const QStringList reserved{
        QStringLiteral("host"),       QStringLiteral("content-length"), QStringLiteral("transfer-encoding"),
        QStringLiteral("connection"), QStringLiteral("upgrade"),        QStringLiteral("te"),
        QStringLiteral("trailer")};
    return reserved.contains(name.toLower());
}

} // namespace

Result<void> HttpConnector::checkUrl(const QUrl& url, const QString& code) const
{
    if (!url.isValid() || url.host().isEmpty())
        return makeError(code, QStringLiteral("%1 is not a valid URL").arg(url.toString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return makeError(code == QLatin1String("http.redirect") ? code : QStringLiteral("http.scheme"),
                         QStringLiteral("%1: only https is allowed").arg(url.toString()));
    if (!url.userInfo().isEmpty())
        return makeError(code, QStringLiteral("%1: URLs with user names are not allowed").arg(url.toString()));
    if (!catalog::hostAllowed(url.host().toLower(), m_settings.hosts))
        return makeError(code == QLatin1String("http.redirect") ? code : QStringLiteral("http.host"),
                         QStringLiteral("%1 is not an allowed host of this connector (allowed: %2)")
                             .arg(url.host(), m_settings.hosts.join(QStringLiteral(", "))));
    if (scheme == QLatin1String("http") && !isLoopback(url.host()))
        return makeError(
            code == QLatin1String("http.redirect") ? code : QStringLiteral("http.scheme"),
            QStringLiteral("%1: plain HTTP is only allowed to this computer; use https").arg(url.toString()));
    return {};
}

Result<QUrl> HttpConnector::resolve(const HttpRequest& request) const
{
    if (!m_settings.methods.contains(request.method))
        return makeError(
            QStringLiteral("http.method"),
            QStringLiteral("%1 is not allowed (allowed: %2)").arg(request.method, m_settings.methods.join(u", ")));
    const QString path = request.path;
    // The path is relative to the base URL: no scheme, no authority, no way up.
    if (path.contains(QLatin1String("://")) || path.startsWith(QLatin1String("//")) ||
        path.contains(QLatin1Char('\\')) || path.split(QLatin1Char('/')).contains(QStringLiteral("..")) ||
        path.contains(QLatin1String("%2e"), Qt::CaseInsensitive) ||
        path.contains(QLatin1String("%2f"), Qt::CaseInsensitive))
        return makeError(QStringLiteral("http.url"),
                         QStringLiteral("the path \"%1\" must stay beneath %2").arg(path, m_settings.baseUrl));
    QString base = m_settings.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QString relative = path;
    while (relative.startsWith(QLatin1Char('/')))
        relative.remove(0, 1);
    QUrl url(relative.isEmpty() ? base : base + QLatin1Char('/') + relative, QUrl::StrictMode);
    const QUrl baseUrl(base);
    if (url.host() != baseUrl.host() || url.port() != baseUrl.port() || url.scheme() != baseUrl.scheme() ||
        !url.path().startsWith(baseUrl.path()))
        return makeError(QStringLiteral("http.url"),
                         QStringLiteral("the path \"%1\" must stay beneath %2").arg(path, m_settings.baseUrl));
    if (!request.query.isEmpty()) {
        QUrlQuery query(url);
        for (const auto& [key, value] : request.query)
            query.addQueryItem(key, value);
        url.setQuery(query);
    }
    if (Result<void> ok = checkUrl(url, QStringLiteral("http.host")); !ok.ok())
        return ok.error();
    return url;
}

Result<HttpResponse> HttpConnector::perform(const HttpRequest& request, const models::CancellationToken& cancel) const
{
    Result<QUrl> resolved = resolve(request);
    if (!resolved.ok())
        return resolved.error();
    for (const auto& header : request.headers) {
        if (isReservedHeader(header.first))
            return makeError(QStringLiteral("http.header"),
                             QStringLiteral("the header %1 is set by Corral, not by apps").arg(header.first));
    }

    // Created here, in the calling worker thread, so its replies live in this thread too.
    QNetworkAccessManager manager;
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    QElapsedTimer clock;
    clock.start();
    QUrl url = *resolved;
    QString method = request.method;
    QByteArray body = request.body;
    for (int redirects = 0;; ++redirects) {
        QNetworkRequest networkRequest(url);
        networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        for (const auto& [name, value] : request.headers)
            networkRequest.setRawHeader(name.toUtf8(), value.toUtf8());
        std::unique_ptr<QNetworkReply> reply(
            manager.sendCustomRequest(networkRequest, method.toLatin1(), body.isEmpty() ? QByteArray() : body));

        QEventLoop loop;
        QByteArray received;
        std::optional<Error> failure;
        QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
            received += reply->readAll();
            if (received.size() > m_settings.maxResponseBytes) {
                failure = makeError(QStringLiteral("http.too-large"),
                                    QStringLiteral("the response from %1 is larger than %2 bytes")
                                        .arg(url.host())
                                        .arg(m_settings.maxResponseBytes));
                reply->abort();
            }
        });
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        poll.setInterval(20);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (failure)
                return;
            if (cancel.isCancelled()) {
                failure = makeError(QStringLiteral("http.cancelled"), QStringLiteral("the request was cancelled"));
                reply->abort();
            } else if (clock.elapsed() > m_settings.timeoutMs) {
                failure = makeError(
                    QStringLiteral("http.timeout"),
                    QStringLiteral("%1 did not answer within %2 s").arg(url.host()).arg(m_settings.timeoutMs / 1000.0));
                reply->abort();
            }
        });
        poll.start();
        if (!reply->isFinished())
            loop.exec();
        if (failure)
            return *failure;
        received += reply->readAll();
        if (received.size() > m_settings.maxResponseBytes)
            return makeError(QStringLiteral("http.too-large"),
                             QStringLiteral("the response from %1 is larger than %2 bytes")
                                 .arg(url.host())
                                 .arg(m_settings.maxResponseBytes));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0 || (reply->error() != QNetworkReply::NoError && status == 0))
            return makeError(QStringLiteral("http.network"),
                             QStringLiteral("%1: %2").arg(url.host(), reply->errorString()));
        if (status >= 300 && status < 400 && reply->hasRawHeader("Location")) {
            if (redirects >= m_settings.maxRedirects)
                return makeError(QStringLiteral("http.redirect"),
                                 QStringLiteral("more than %1 redirects").arg(m_settings.maxRedirects));
            const QUrl next = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
            if (Result<void> ok = checkUrl(next, QStringLiteral("http.redirect")); !ok.ok())
                return makeError(
                    QStringLiteral("http.redirect"),
                    QStringLiteral("redirected to a place this connector may not go: %1").arg(ok.error().message));
            if (status == 303 || ((status == 301 || status == 302) && method == QLatin1String("POST"))) {
                method = QStringLiteral("GET");
                body.clear();
            }
            url = next;
            continue;
        }
        HttpResponse response;
        response.status = status;
        response.url = url;
        response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        response.body = std::move(received);
        return response;
    }
}

} // namespace corral::agent
