// SPDX-License-Identifier: Apache-2.0
// Policy: the active bundle (revision, serial, key, when it was activated), the trust root,
// the model and connector catalogs as the bundle allows them, the last refused bundle and
// why; in standalone mode a bundle file can be installed (bundle.install).
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
    QLabel* summary() const { return m_summary; }
    QLabel* rejected() const { return m_rejected; }
    ErrorBanner* errorBanner() const { return m_error; }

Q_SIGNALS:
    void statusLoaded();

private:
    AgentConnection* m_agent;
    ErrorBanner* m_error;
    QLabel* m_summary;
    QLabel* m_rejected;
    QTableWidget* m_models;
    QTableWidget* m_connectors;
    QPushButton* m_install;
};

} // namespace corral::ui
