// SPDX-License-Identifier: Apache-2.0
// Grants: the "Always for this app" answers the agent remembers (grants.list), each with a
// Revoke button (grants.revoke), so a person can take back a permission at any time.
#pragma once

#include <QJsonArray>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace corral::ui {

class AgentConnection;
class ErrorBanner;

class GrantsPage : public QWidget
{
    Q_OBJECT
public:
    explicit GrantsPage(AgentConnection* agent, QWidget* parent = nullptr);

    void refresh();
    // Revokes the grant in `row` of the table.
    void revokeRow(int row);
    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    void grantsLoaded(int count);

private:
    AgentConnection* m_agent;
    ErrorBanner* m_error;
    QTableWidget* m_table;
    QPushButton* m_revoke;
    QJsonArray m_grants;
};

} // namespace corral::ui
