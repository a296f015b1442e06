// SPDX-License-Identifier: Apache-2.0
// The editable manifest with its pre-deploy checks: validation as you type (core/manifest,
// locally, marked in the editor at line and column) and the policy's decision for the app
// (apps.check on the agent, debounced), each failing check with its reason and a fix.
#pragma once

#include "manifest/ManifestIssue.h"

#include <QJsonObject>
#include <QTimer>
#include <QWidget>
#include <vector>

class QLabel;
class QListWidget;

namespace corral::ui {

class AgentConnection;
class ManifestEditor;

class ManifestWorkbench : public QWidget
{
    Q_OBJECT
public:
    // How long typing must pause before the checks run again.
    static constexpr int kDebounceMs = 400;

    explicit ManifestWorkbench(AgentConnection* agent, QWidget* parent = nullptr);

    void setManifestText(const QString& text);
    QString manifestText() const;
    ManifestEditor* editor() const { return m_editor; }
    QListWidget* checksList() const { return m_checks; }

    // Runs the checks now instead of after the pause.
    void checkNow();
    // The local problems of the current text, and the agent's last decision ("allow", "ask",
    // "deny", or empty before the answer or when the agent could not be asked).
    const std::vector<manifest::ManifestIssue>& issues() const { return m_issues; }
    QString decision() const { return m_decision; }
    bool isValid() const { return m_issues.empty(); }

    // How to fix a problem with the stable code `code`, in plain words.
    static QString fixFor(const QString& code);

Q_SIGNALS:
    void checksUpdated();

private:
    void validateLocally();
    void askAgent();
    void rebuildList();

    AgentConnection* m_agent;
    ManifestEditor* m_editor;
    QListWidget* m_checks;
    QLabel* m_summary;
    QTimer m_debounce;
    std::vector<manifest::ManifestIssue> m_issues;
    QString m_decision;
    QStringList m_decisionMessages;
    QString m_agentProblem;
    quint64 m_generation = 0;
};

} // namespace corral::ui
