// SPDX-License-Identifier: Apache-2.0
// Policy: the active bundle (revision, serial, key, when it was activated), the trust root,
// the model and connector catalogs as the bundle allows them, the last refused bundle and
// why; in standalone mode a bundle file can be installed (bundle.install). Also the link to
// the organisation server (agent.status's sync): server, device, last sync, records still to
// upload, last error; or that the computer is standalone.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QTableWidget;

namespace corral::ui {

class AgentConnection;
class ErrorBanner;

class PolicyPage : public QWidget
{
    Q_OBJECT
public:
    explicit PolicyPage(AgentConnection* agent, QWidget* parent = nullptr);

    void refresh();
    // Installs the bundle at `path` (its signature next to it as PATH.minisig).
    void installBundle(const QString& path);
    void showStatus(const QJsonObject& status);
    // Shows agent.status's "sync" object.
    void showSync(const QJsonObject& sync);
    QLabel* syncLabel() const { return m_sync; }
    QLabel* summary() const { return m_summary; }
    QLabel* rejected() const { return m_rejected; }
    ErrorBanner* errorBanner() const { return m_error; }

Q_SIGNALS:
    void statusLoaded();
    void syncLoaded();

private:
    AgentConnection* m_agent;
    ErrorBanner* m_error;
    QLabel* m_summary;
    QLabel* m_rejected;
    QLabel* m_sync;
    QTableWidget* m_models;
    QTableWidget* m_connectors;
    QPushButton* m_install;
};

} // namespace corral::ui
