// SPDX-License-Identifier: Apache-2.0
// The http connector: requests to a web service the catalog allows, and nowhere else.
// The URL is the connector's base URL plus a relative path; the host must be on the
// allowlist, HTTPS is required except on loopback, redirects are followed only to allowed
// hosts, and responses are cut off by size and time. Blocking: a run's worker thread
// calls it, and cancellation aborts the request.
#pragma once

#include "Result.h"
#include "models/ModelProvider.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace corral::agent {

struct HttpConnectorSettings
{
    QString baseUrl;
    QStringList hosts;   // exact names or "*.example.com"
    QStringList methods; // upper case
    qint64 maxResponseBytes = 5 * 1024 * 1024;
    int timeoutMs = 30000;
    int maxRedirects = 5;
};

struct HttpRequest
{
    QString method = QStringLiteral("GET");
    QString path; // relative to the base URL, may hold a query
    QList<QPair<QString, QString>> query;
    QList<QPair<QString, QString>> headers;
    QByteArray body;
};

struct HttpResponse
{
    int status = 0;
    QUrl url; // after redirects
    QString contentType;
    QByteArray body;
};

class HttpConnector
{
public:
    explicit HttpConnector(HttpConnectorSettings settings) : m_settings(std::move(settings)) {}
    const HttpConnectorSettings& settings() const { return m_settings; }

    // The URL a request goes to, checked against the allowlist. Errors: http.url (the path
    // is absolute or leaves the base URL), http.host (not allowed), http.scheme (plain HTTP
    // to a host that is not loopback), http.method.
    Result<QUrl> resolve(const HttpRequest& request) const;
    // Errors: as resolve(), plus http.redirect (to a host or scheme not allowed, or too
    // many), http.too-large, http.timeout, http.network, http.header (a header the agent
    // sets itself), http.cancelled.
    Result<HttpResponse> perform(const HttpRequest& request, const models::CancellationToken& cancel) const;

private:
    Result<void> checkUrl(const QUrl& url, const QString& code) const;

    HttpConnectorSettings m_settings;
};

} // namespace corral::agent
