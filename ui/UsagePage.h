// SPDX-License-Identifier: Apache-2.0
// Usage: what the apps cost (usage.summary): charts of tokens and cost per app per day,
// quota bars with their soft and hard limits, and paused apps with a Resume button.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;
class QVBoxLayout;

namespace corral::ui {

class AgentConnection;
class ErrorBanner;

class UsagePage : public QWidget
{
    Q_OBJECT
public:
    explicit UsagePage(AgentConnection* agent, QWidget* parent = nullptr);

    void refresh();
    void showSummary(const QJsonObject& summary);
    // The apps in the charts, and the quota rows shown (for tests).
    int seriesCount() const;
    int quotaRowCount() const;

Q_SIGNALS:
    void summaryLoaded();

private:
    AgentConnection* m_agent;
    ErrorBanner* m_error;
    QComboBox* m_days;
    QChartView* m_tokensView;
    QChartView* m_costView;
    QWidget* m_quotas;
    QVBoxLayout* m_quotaLayout;
    QWidget* m_paused;
    QVBoxLayout* m_pausedLayout;
};

} // namespace corral::ui
