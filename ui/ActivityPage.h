// SPDX-License-Identifier: Apache-2.0
// Activity: the agent's audit log (audit.query) in a table with filters by app, type and
// time, a banner with the verification result (audit.verify: verified up to checkpoint N,
// or each named failure), and the selected record's details.
#pragma once

#include <QJsonArray>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace corral::ui {

class AgentConnection;
class ErrorBanner;

class ActivityPage : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityPage(AgentConnection* agent, QWidget* parent = nullptr);

    // Queries the records with the current filters and verifies the log.
    void refresh();
    void setAppFilter(const QString& app);
    void setTypeFilter(const QString& type);

    QTableWidget* table() const { return m_table; }
    QLabel* verificationBanner() const { return m_banner; }
    QPlainTextEdit* details() const { return m_details; }

Q_SIGNALS:
    void recordsLoaded(int count);
    void verified(bool ok);

private:
    void showRecords(const QJsonArray& records);
    void showDetails();
    void verify();

    AgentConnection* m_agent;
    ErrorBanner* m_error;
    QLabel* m_banner;
    QLineEdit* m_app;
    QComboBox* m_type;
    QCheckBox* m_useFrom;
    QDateTimeEdit* m_from;
    QCheckBox* m_useTo;
    QDateTimeEdit* m_to;
    QTableWidget* m_table;
    QPlainTextEdit* m_details;
    QJsonArray m_records;
};

} // namespace corral::ui
