// SPDX-License-Identifier: Apache-2.0
// My apps and Run: the creator's apps (apps.list); for the selected one an input form built
// from its manifest's inputs, Run and Cancel, a progress bar per step, the streamed output,
// every policy decision inline as it happens, the run's tokens and cost, the run history
// (runs.list), and the manifest in the editor with its checks for changes. Each app shows its
// stage (development or production) and its request for production, which a development app
// can send to the organisation's reviewers (apps.requestProduction).
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>
#include <functional>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QFormLayout;
class QVBoxLayout;

namespace corral::ui {

class AgentConnection;
class ErrorBanner;
class ManifestWorkbench;

class AppsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AppsPage(AgentConnection* agent, QWidget* parent = nullptr);

    // Reloads the list of apps (apps.list), keeping the selection when possible.
    void refresh();
    // Selects app `name` (loading its manifest); false when it is not listed.
    bool selectApp(const QString& name);
    QString currentApp() const { return m_app; }

    // Sets the value of input `id` in the form (tests and screenshots).
    void setInput(const QString& id, const QString& value);
    QJsonObject inputValues() const;
    void startRun();
    void cancelRun();
    QString runId() const { return m_runId; }
    // Asks the agent to request production for the current app with `reason`; the answer
    // appears in the error banner (success or the problem in plain words) and the list.
    void requestProduction(const QString& reason);
    QLabel* stageLabel() const { return m_stage; }
    QPushButton* requestProductionButton() const { return m_requestProduction; }

    QListWidget* appList() const { return m_apps; }
    QListWidget* runLog() const { return m_log; }
    QPlainTextEdit* outputView() const { return m_output; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* usageLabel() const { return m_usage; }
    QTableWidget* historyTable() const { return m_history; }
    QProgressBar* stepProgress(int index) const;
    ErrorBanner* errorBanner() const { return m_error; }

Q_SIGNALS:
    void newAppRequested();
    // The apps list was (re)loaded.
    void appsLoaded();
    // The selected app's manifest and history were loaded.
    void appLoaded(const QString& name);
    void runFinished(const QString& status);

private:
    void handleRunEvent(const QString& method, const QJsonObject& params);
    void loadApp(const QString& name);
    void buildInputs(const QJsonArray& inputs);
    void buildSteps(const QJsonArray& steps);
    void loadHistory();
    void saveManifest();
    void setRunning(bool running);
    void addLog(const QString& icon, const QString& text, const QString& tooltip = QString());
    void showStage(const QJsonObject& app);
    void askForProduction();

    AgentConnection* m_agent;
    QString m_app;
    QString m_runId;
    bool m_starting = false;
    QHash<QString, std::function<QJsonValue()>> m_inputReaders;
    QHash<QString, std::function<void(const QString&)>> m_inputWriters;
    QList<QProgressBar*> m_stepBars;
    QList<QLabel*> m_stepLabels;
    QHash<QString, QString> m_streamed;

    ErrorBanner* m_error;
    QListWidget* m_apps;
    QLabel* m_title;
    QLabel* m_purpose;
    QLabel* m_stage;
    QPushButton* m_requestProduction;
    QTabWidget* m_tabs;
    QWidget* m_inputsBox;
    QFormLayout* m_inputsForm;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QWidget* m_stepsBox;
    QVBoxLayout* m_stepsLayout;
    QListWidget* m_log;
    QPlainTextEdit* m_output;
    QLabel* m_status;
    QLabel* m_usage;
    QTableWidget* m_history;
    ManifestWorkbench* m_workbench;
    QPushButton* m_save;
};

} // namespace corral::ui
