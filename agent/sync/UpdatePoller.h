// SPDX-License-Identifier: Apache-2.0
// The agent's long-poll on corral-server (GET /v1/updates with If-None-Match): announces a
// new policy bundle (fetched and handed over for verification and activation), the set of
// apps paused for this device, and reviewers' signed approval decisions. Reconnects with
// backoff when the server is unreachable.
#pragma once

#include "ServerConnection.h"

#include <QJsonArray>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace corral::agent::sync {

class UpdatePoller : public QObject
{
    Q_OBJECT
public:
    explicit UpdatePoller(ServerConnection& connection, QObject* parent = nullptr);

    // Starts polling; the server holds each poll up to `waitSeconds` when nothing changed.
    void start(int waitSeconds = 30);
    void stop();
    // The serial of the bundle the agent has active: only higher ones are fetched.
    void setActiveSerial(qint64 serial) { m_activeSerial = serial; }
    qint64 activeSerial() const { return m_activeSerial; }
    QStringList pausedApps() const { return m_paused; }

    // POST /v1/reports ("bundle.activated", "bundle.rejected", "order.applied", ...).
    void report(const QString& kind, const QString& detail, std::function<void(Result<void>)> done = {});

Q_SIGNALS:
    // A bundle with a serial above the active one; the receiver verifies it against the
    // pinned organisation key, activates it and calls setActiveSerial().
    void bundleAvailable(qint64 serial, const QByteArray& archive, const QByteArray& signature);
    // The apps paused on this device now (empty: none). Emitted with the first answer and
    // whenever the set changes.
    void pausedAppsChanged(const QStringList& apps);
    // Decided approvals not seen before by this poller (all of them after a restart), each
    // with its signed decision note.
    void decisionsReceived(const QJsonArray& decisions);
    void pollFailed(const QString& code, const QString& message);

private:
    void poll();
    void handle(const QByteArray& body);
    void fetchBundle(qint64 serial);
    void retryLater();

    ServerConnection& m_connection;
    QTimer m_retry;
    int m_waitSeconds = 30;
    bool m_running = false;
    int m_failures = 0;
    QByteArray m_etag;
    qint64 m_activeSerial = 0;
    qint64 m_offeredSerial = 0; // the highest serial fetched and handed over
    QStringList m_paused;
    bool m_pausedKnown = false; // an answer has set m_paused
    qint64 m_lastDecision = 0;
};

} // namespace corral::agent::sync
