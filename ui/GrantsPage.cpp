// SPDX-License-Identifier: Apache-2.0
#include "GrantsPage.h"

#include "AgentConnection.h"
#include "ConfirmDialog.h"
#include "ErrorBanner.h"
#include "PageSupport.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace corral::ui {

GrantsPage::GrantsPage(AgentConnection* agent, QWidget* parent)
    : QWidget(parent), m_agent(agent), m_error(new ErrorBanner(this)), m_table(new QTableWidget(0, 4, this)),
      m_revoke(new QPushButton(tr("&Revoke"), this))
{
    setObjectName(QStringLiteral("grantsPage"));
    m_table->setObjectName(QStringLiteral("grantsTable"));
    m_table->setAccessibleName(tr("Remembered permissions"));
    m_table->setHorizontalHeaderLabels({tr("App"), tr("May"), tr("Where"), tr("Since")});
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_revoke->setObjectName(QStringLiteral("revokeGrantButton"));
    m_revoke->setEnabled(false);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_revoke->setEnabled(!m_table->selectedItems().isEmpty()); });
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        if (!m_table->selectedItems().isEmpty())
            revokeRow(m_table->selectedItems().first()->row());
    });
    auto* intro = wrappingLabel(QStringLiteral("grantsIntro"), this);
    intro->setText(tr("When you answer “Always for this app”, the app may do the same thing again without "
                      "asking. Revoke a permission to be asked again."));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revoke);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("Grants"), this));
    layout->addWidget(intro);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
}

void GrantsPage::refresh()
{
    if (!m_agent)
        return;
    m_agent->call(QStringLiteral("grants.list"), {}, this, [this](const Result<QJsonValue>& result) {
        if (!result.ok()) {
            m_error->showError(result.error());
            return;
        }
        m_error->hide();
        m_grants = result->toObject().value(QStringLiteral("grants")).toArray();
        m_table->setRowCount(int(m_grants.size()));
        for (int row = 0; row < m_grants.size(); ++row) {
            const QJsonObject grant = m_grants.at(row).toObject();
            const QStringList cells{grant.value(QStringLiteral("app")).toString(),
                                    ConfirmDialog::describeAction(grant.value(QStringLiteral("action")).toString()),
                                    grant.value(QStringLiteral("target")).toString(),
                                    localTime(grant.value(QStringLiteral("created_at")).toString())};
            for (int column = 0; column < cells.size(); ++column) {
                auto* item = new QTableWidgetItem(cells.at(column));
                item->setToolTip(cells.at(column));
                m_table->setItem(row, column, item);
            }
        }
        m_table->resizeColumnsToContents();
        Q_EMIT grantsLoaded(int(m_grants.size()));
    });
}

void GrantsPage::revokeRow(int row)
{
    if (row < 0 || row >= m_grants.size())
        return;
    const qint64 id = m_grants.at(row).toObject().value(QStringLiteral("id")).toInteger();
    m_agent->call(QStringLiteral("grants.revoke"), {{QStringLiteral("id"), id}}, this,
                  [this](const Result<QJsonValue>& result) {
                      if (!result.ok())
                          m_error->showError(result.error());
                      refresh();
                  });
}

} // namespace corral::ui
