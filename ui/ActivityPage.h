// SPDX-License-Identifier: Apache-2.0
// Activity: the agent's audit log (audit.query) in a table with filters by app, type and
// time, a banner with the verification result (audit.verify: verified up to checkpoint N,
// or each named failure), the selected record's details, and the export of the records the
// filters select in every format of `corral audit export` (audit.export: the agent writes
// the file).
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
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

    // The export formats (audit.export's names) in the order the save dialog offers them.
    static QStringList exportFormats();
    // Asks for a file and a format, then exports.
    void chooseExport();
    // Exports the records the current filters select (all of them for "records", which takes
    // no filter) to `path` in `format`; exportFinished() tells how it went.
    void exportTo(const QString& path, const QString& format);
    bool isExporting() const;
    QLabel* exportResult() const { return m_exportResult; }
    ErrorBanner* errorBanner() const { return m_error; }

    QTableWidget* table() const { return m_table; }
    QLabel* verificationBanner() const { return m_banner; }
    QPlainTextEdit* details() const { return m_details; }

Q_SIGNALS:
    void recordsLoaded(int count);
    void verified(bool ok);
    void exportFinished(bool ok);

private:
    void showRecords(const QJsonArray& records);
    void showDetails();
    void verify();
    QJsonObject filterParams() const;

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
    QPushButton* m_export;
    QProgressBar* m_exportBusy;
    QLabel* m_exportResult;
};

} // namespace corral::ui
