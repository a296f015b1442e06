// SPDX-License-Identifier: Apache-2.0
#include "StudioTray.h"

#include "AgentConnection.h"
#include "PageSupport.h"

#include <QApplication>
#include <QJsonArray>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QUrl>
#include <QWidget>

namespace corral::ui {

StudioTray::StudioTray(AgentConnection* agent, QWidget* window, QObject* parent)
    : QObject(parent), m_agent(agent), m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/corral.svg")), this);
        auto* menu = new QMenu(window);
        menu->addAction(tr("Show Corral Studio"), window, [window] {
            window->showNormal();
            window->raise();
            window->activateWindow();
        });
        menu->addSeparator();
        menu->addAction(tr("Quit"), qApp, &QApplication::closeAllWindows);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, window, [window](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger) {
                window->showNormal();
                window->activateWindow();
            }
        });
        m_tray->show();
    }
    connect(agent, &AgentConnection::stateChanged, this, [this](AgentConnection::State state) {
        if (state == AgentConnection::State::Connected) {
            poll();
        } else {
            setState(tr("Corral agent: not connected"), false);
            notify(tr("Corral agent"), tr("The connection to the agent was lost. Your apps cannot run."));
        }
    });
    connect(agent, &AgentConnection::runEvent, this, &StudioTray::applyRunEvent);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &StudioTray::poll);
    m_poll.start();
    setState(agent->isConnected() ? tr("Corral agent: connected") : tr("Corral agent: not connected"),
             agent->isConnected());
}

void StudioTray::poll()
{
    if (!m_agent->isConnected())
        return;
    m_agent->call(QStringLiteral("agent.status"), {}, this, [this](const Result<QJsonValue>& result) {
        if (result.ok())
            applyStatus(result->toObject());
    });
    m_agent->call(QStringLiteral("usage.summary"), {{QStringLiteral("days"), 1}}, this,
                  [this](const Result<QJsonValue>& result) {
                      if (result.ok())
                          applyUsage(result->toObject());
                  });
}

void StudioTray::applyRunEvent(const QString& method, const QJsonObject& params)
{
    const QString app = params.value(QStringLiteral("app")).toString();
    const QString pausedKey = QStringLiteral("paused/") + app;
    if (method == QLatin1String("run.warning")) {
        m_runWarned = true;
        notify(tr("Soft limit reached"), tr("“%1”: %2").arg(app, params.value(QStringLiteral("message")).toString()));
    } else if (method == QLatin1String("app.paused")) {
        m_warned.insert(pausedKey);
        notify(tr("App paused"), tr("“%1” was paused: %2. Resume it on the Usage page.")
                                     .arg(app, params.value(QStringLiteral("reason")).toString()));
    } else if (method == QLatin1String("run.finished")) {
        const QString status = params.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("paused")) {
            if (!m_warned.contains(pausedKey))
                notify(tr("App paused"), tr("“%1” is paused and did not run.").arg(app));
            m_warned.insert(pausedKey);
        } else if (status == QLatin1String("quota")) {
            notify(tr("Limit reached"), tr("“%1” stopped: a usage limit was reached.").arg(app));
        } else if (m_window && !m_window->isActiveWindow() && status == QLatin1String("done")) {
            notify(tr("Run finished"), tr("“%1” finished.").arg(app));
        }
    }
}

void StudioTray::applyStatus(const QJsonObject& status)
{
    const QJsonObject policy = status.value(QStringLiteral("policy")).toObject();
    const bool active = policy.value(QStringLiteral("state")).toString() == QLatin1String("active");
    const qint64 serial = policy.value(QStringLiteral("serial")).toInteger(-1);
    const QString sync = syncText(status.value(QStringLiteral("sync")).toObject());
    if (active)
        setState(tr("Corral agent %1: running, policy serial %2")
                         .arg(status.value(QStringLiteral("version")).toString())
                         .arg(serial) +
                     QLatin1Char('\n') + sync,
                 true);
    else
        setState(tr("Corral agent: running, but no policy is active (everything is denied)") + QLatin1Char('\n') + sync,
                 false);
    if (m_serial >= 0 && serial > m_serial)
        notify(tr("Policy updated"), tr("A new policy is active: revision %1, serial %2.")
                                         .arg(policy.value(QStringLiteral("revision")).toString())
                                         .arg(serial));
    m_serial = serial;
}

void StudioTray::applyUsage(const QJsonObject& usage)
{
    for (const QJsonValue& value : usage.value(QStringLiteral("limits")).toArray()) {
        const QJsonObject limit = value.toObject();
        const double used = limit.value(QStringLiteral("used")).toDouble();
        const double soft = limit.value(QStringLiteral("soft")).toDouble();
        const QString key = limit.value(QStringLiteral("dimension")).toString() + QLatin1Char('/') +
                            limit.value(QStringLiteral("key")).toString() + QLatin1Char('/') +
                            limit.value(QStringLiteral("limit")).toString();
        if (soft > 0 && used >= soft && !m_warned.contains(key)) {
            m_warned.insert(key);
            if (!m_runWarned) // else the run's warning said it already
                notify(tr("Soft limit reached"), tr("%1 for %2 has passed its soft limit; at the hard limit runs stop.")
                                                     .arg(limit.value(QStringLiteral("limit")).toString(),
                                                          limit.value(QStringLiteral("key")).toString()));
        }
    }
    m_runWarned = false;
    for (const QJsonValue& value : usage.value(QStringLiteral("apps")).toArray()) {
        const QJsonObject app = value.toObject();
        const QString key = QStringLiteral("paused/") + app.value(QStringLiteral("app")).toString();
        if (!app.value(QStringLiteral("paused")).toBool()) {
            m_warned.remove(key); // resumed: the next pause is news again
        } else if (!m_warned.contains(key)) {
            m_warned.insert(key);
            notify(tr("App paused"),
                   tr("“%1” is paused. Resume it on the Usage page.").arg(app.value(QStringLiteral("app")).toString()));
        }
    }
}

QString syncText(const QJsonObject& sync)
{
    if (!sync.value(QStringLiteral("enrolled")).toBool())
        return StudioTray::tr("Standalone (not connected to an organisation server)");
    const QString server = QUrl(sync.value(QStringLiteral("server")).toString()).host();
    const QString last = sync.value(QStringLiteral("last_sync")).toString();
    QString text = last.isEmpty() ? StudioTray::tr("Organisation server %1: not synced yet").arg(server)
                                  : StudioTray::tr("Organisation server %1: last sync %2").arg(server, localTime(last));
    if (!sync.value(QStringLiteral("last_error")).toString().isEmpty())
        text += StudioTray::tr(" (the last attempt failed)");
    return text;
}

void StudioTray::notify(const QString& title, const QString& message)
{
    if (m_tray)
        m_tray->showMessage(title, message);
    Q_EMIT notified(title, message);
}

void StudioTray::setState(const QString& text, bool ok)
{
    m_state = text;
    if (m_tray) {
        m_tray->setToolTip(text);
        m_tray->setIcon(
            QIcon(ok ? QStringLiteral(":/icons/corral.svg") : QStringLiteral(":/icons/status-warning.svg")));
    }
}

} // namespace corral::ui
