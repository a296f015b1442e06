// SPDX-License-Identifier: Apache-2.0
// The studio's main window: a sidebar with the pages (Templates, My apps, Activity, Usage,
// Grants, Policy), the application menu and a status bar with the agent's state. The pages
// hold the logic and talk to the agent through the one AgentConnection.
#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace corral::ui {

class ActivityPage;
class AgentConnection;
class AppsPage;
class GrantsPage;
class NewAppWizard;
class PolicyPage;
class TemplatesPage;
class UsagePage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { Templates, Apps, Activity, Usage, Grants, Policy };
    Q_ENUM(Page)

    // `agent` may be null (the Templates page works without it; the others show nothing).
    explicit MainWindow(AgentConnection* agent = nullptr, QWidget* parent = nullptr);

    TemplatesPage* templatesPage() const { return m_templates; }
    AppsPage* appsPage() const { return m_apps; }
    ActivityPage* activityPage() const { return m_activity; }
    UsagePage* usagePage() const { return m_usage; }
    GrantsPage* grantsPage() const { return m_grants; }
    PolicyPage* policyPage() const { return m_policy; }
    QListWidget* sidebar() const { return m_sidebar; }

    // Shows `page` and loads its data from the agent.
    void showPage(Page page);
    Page currentPage() const;
    // Opens the New app wizard for template `id` (non-modal; returns it, or null when the
    // template cannot be loaded).
    NewAppWizard* startNewApp(const QString& templateId);

private:
    void createMenus();
    void showAbout();
    void updateAgentState();

    AgentConnection* m_agent;
    QListWidget* m_sidebar;
    QStackedWidget* m_stack;
    TemplatesPage* m_templates;
    AppsPage* m_apps;
    ActivityPage* m_activity;
    UsagePage* m_usage;
    GrantsPage* m_grants;
    PolicyPage* m_policy;
    QLabel* m_agentState;
};

} // namespace corral::ui
