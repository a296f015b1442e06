// SPDX-License-Identifier: Apache-2.0
#include "UpdatePoller.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace corral::agent::sync {

UpdatePoller::UpdatePoller(ServerConnection& connection, QObject* parent) : QObject(parent), m_connection(connection)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &UpdatePoller::poll);
}

void UpdatePoller::start(int waitSeconds)
{
    m_waitSeconds = waitSeconds;
    if (m_running)
        return;
    m_running = true;
    poll();
}

void UpdatePoller::stop()
{
    m_running = false;
    m_retry.stop();
}

void UpdatePoller::poll()
{
    if (!m_running)
        return;
    HeaderList headers;
    if (!m_etag.isEmpty())
        headers.append({"If-None-Match", m_etag});
    m_connection.send("GET", QStringLiteral("/v1/updates?wait=%1").arg(m_waitSeconds), {}, headers,
                      (m_waitSeconds + 15) * 1000, [this](const HttpReply& reply) {
                          if (!m_running)
                              return;
                          if (reply.status == 304) {
                              m_failures = 0;
                              poll();
                              return;
                          }
                          if (!reply.ok()) {
                              const Error e = reply.error();
                              Q_EMIT pollFailed(e.code, e.message);
                              retryLater();
                              return;
                          }
                          m_failures = 0;
                          m_etag = reply.headers.value("etag");
                          handle(reply.body);
                          poll();
                      });
}

void UpdatePoller::handle(const QByteArray& body)
{
    const QJsonObject doc = QJsonDocument::fromJson(body).object();
    const qint64 serial =
        qint64(doc.value(QLatin1String("bundle")).toObject().value(QLatin1String("serial")).toDouble());
    if (serial > m_activeSerial && serial > m_offeredSerial)
        fetchBundle(serial);
    QStringList paused;
    for (const QJsonValue& v : doc.value(QLatin1String("paused")).toArray())
        paused.append(v.toString());
    // The first answer is always announced: the receiver may hold pauses from before a
    // restart that the server has lifted since.
    if (paused != m_paused || !m_pausedKnown) {
        m_pausedKnown = true;
        m_paused = paused;
        Q_EMIT pausedAppsChanged(paused);
    }
    QJsonArray fresh;
    for (const QJsonValue& v : doc.value(QLatin1String("decisions")).toArray()) {
        const qint64 id = qint64(v.toObject().value(QLatin1String("id")).toDouble());
        if (id > m_lastDecision) {
            fresh.append(v);
            m_lastDecision = id;
        }
    }
    if (!fresh.isEmpty())
        Q_EMIT decisionsReceived(fresh);
}

void UpdatePoller::fetchBundle(qint64 serial)
{
    // Offered once: a bundle the agent rejects is not fetched again on every update.
    m_offeredSerial = serial;
    m_connection.send("GET", QStringLiteral("/v1/bundle"), {}, {}, 60000, [this](const HttpReply& reply) {
        if (!reply.ok()) {
            m_offeredSerial = 0; // fetch again with the next update
            const Error e = reply.error();
            Q_EMIT pollFailed(e.code, e.message);
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(reply.body).object();
        const qint64 got = qint64(o.value(QLatin1String("serial")).toDouble());
        if (got <= m_activeSerial)
            return;
        Q_EMIT bundleAvailable(got, QByteArray::fromBase64(o.value(QLatin1String("archive")).toString().toLatin1()),
                               o.value(QLatin1String("signature")).toString().toUtf8());
    });
}

void UpdatePoller::retryLater()
{
    const int delay = std::min(1000 << std::min(m_failures, 6), 60000);
    ++m_failures;
    m_retry.start(delay);
}

void UpdatePoller::report(const QString& kind, const QString& detail, std::function<void(Result<void>)> done)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("detail"), detail}})
            .toJson(QJsonDocument::Compact);
    m_connection.send("POST", QStringLiteral("/v1/reports"), body, {}, 30000, [done](const HttpReply& reply) {
        if (!done)
            return;
        if (reply.ok())
            done(Result<void>());
        else
            done(reply.error());
    });
}

} // namespace corral::agent::sync
