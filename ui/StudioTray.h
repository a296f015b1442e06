// SPDX-License-Identifier: Apache-2.0
// The tray icon: the agent's state at a glance (connected, policy active or not, the link to
// the organisation server), and notifications for what a person should know while the
// window is hidden: soft limits reached (run.warning), paused apps (app.paused), policy
// updates (a higher serial in agent.status), runs that stopped.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

class QSystemTrayIcon;
class QWidget;

namespace corral::ui {

class AgentConnection;

// The link to the organisation server in one line (agent.status's "sync"), for the tray's
// tooltip: "Standalone (...)" or the server and the last sync.
QString syncText(const QJsonObject& sync);

class StudioTray : public QObject
{
    Q_OBJECT
public:
    // How often the agent's state and the limits are polled.
    static constexpr int kPollMs = 30000;

    StudioTray(AgentConnection* agent, QWidget* window, QObject* parent = nullptr);

    // The tooltip text (the agent's state in words).
    QString stateText() const { return m_state; }
    // Checks the agent's status and usage now.
    void poll();
    // Applies an agent.status answer and a usage.summary answer (public for tests).
    void applyStatus(const QJsonObject& status);
    void applyUsage(const QJsonObject& usage);
    // Applies a run event (run.warning, app.paused, run.finished).
    void applyRunEvent(const QString& method, const QJsonObject& params);

Q_SIGNALS:
    // Every notification, also when no tray is available (tests, desktops without one).
    void notified(const QString& title, const QString& message);

private:
    void notify(const QString& title, const QString& message);
    void setState(const QString& text, bool ok);

    AgentConnection* m_agent;
    QWidget* m_window;
    QSystemTrayIcon* m_tray = nullptr;
    QTimer m_poll;
    QString m_state;
    qint64 m_serial = -1;
    QSet<QString> m_warned;
    // A run.warning was notified since the last usage poll: the limits it crossed are not
    // notified again by the poll.
    bool m_runWarned = false;
};

} // namespace corral::ui
