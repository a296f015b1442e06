// SPDX-License-Identifier: Apache-2.0
#include "PolicyPage.h"

#include "AgentConnection.h"
#include "ErrorBanner.h"
#include "PageSupport.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace corral::ui {

namespace {

QTableWidget* catalogTable(const QString& name, const QString& accessible, QWidget* parent)
{
    auto* table = new QTableWidget(0, 3, parent);
    table->setObjectName(name);
    table->setAccessibleName(accessible);
    table->setHorizontalHeaderLabels({PolicyPage::tr("Name"), PolicyPage::tr("Allowed"), PolicyPage::tr("Why not")});
    table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setTextElideMode(Qt::ElideRight);
    return table;
}

void fillCatalog(QTableWidget* table, const QJsonArray& items)
{
    table->setRowCount(int(items.size()));
    for (int row = 0; row < items.size(); ++row) {
        const QJsonObject item = items.at(row).toObject();
        const QString id = item.value(QStringLiteral("id")).toString();
        const QString title = item.value(QStringLiteral("title")).toString();
        const QStringList cells{title.isEmpty() ? id : QStringLiteral("%1 (%2)").arg(title, id),
                                item.value(QStringLiteral("allowed")).toBool() ? PolicyPage::tr("yes")
                                                                               : PolicyPage::tr("no"),
                                item.value(QStringLiteral("reason")).toString()};
        for (int column = 0; column < cells.size(); ++column) {
            auto* cell = new QTableWidgetItem(cells.at(column));
            cell->setToolTip(cells.at(column));
            table->setItem(row, column, cell);
        }
    }
    table->resizeColumnsToContents();
}

} // namespace

PolicyPage::PolicyPage(AgentConnection* agent, QWidget* parent)
    : QWidget(parent), m_agent(agent), m_error(new ErrorBanner(this)),
      m_summary(wrappingLabel(QStringLiteral("policySummary"), this)),
      m_rejected(wrappingLabel(QStringLiteral("policyRejected"), this)),
      m_sync(wrappingLabel(QStringLiteral("policySync"), this)),
      m_models(catalogTable(QStringLiteral("policyModels"), tr("Models"), this)),
      m_connectors(catalogTable(QStringLiteral("policyConnectors"), tr("Connectors"), this)),
      m_install(new QPushButton(tr("&Install a policy file…"), this))
{
    setObjectName(QStringLiteral("policyPage"));
    m_rejected->hide();
    m_install->setObjectName(QStringLiteral("installBundleButton"));
    m_install->setToolTip(tr("Standalone mode: install a signed policy bundle (.tar.gz with its .minisig)."));
    connect(m_install, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Install a policy file"), QString(), tr("Policy bundles (*.tar.gz)"));
        if (!path.isEmpty())
            installBundle(path);
    });
    auto* modelsPane = new QWidget(this);
    auto* modelsLayout = new QVBoxLayout(modelsPane);
    modelsLayout->setContentsMargins(0, 0, 0, 0);
    modelsLayout->addWidget(new QLabel(tr("Models"), modelsPane));
    modelsLayout->addWidget(m_models);
    auto* connectorsPane = new QWidget(this);
    auto* connectorsLayout = new QVBoxLayout(connectorsPane);
    connectorsLayout->setContentsMargins(0, 0, 0, 0);
    connectorsLayout->addWidget(new QLabel(tr("Connectors"), connectorsPane));
    connectorsLayout->addWidget(m_connectors);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(modelsPane);
    splitter->addWidget(connectorsPane);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_install);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("Policy"), this));
    layout->addWidget(m_error);
    layout->addWidget(m_summary);
    layout->addWidget(m_rejected);
    layout->addWidget(m_sync);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
}

void PolicyPage::refresh()
{
    if (!m_agent)
        return;
    m_agent->call(QStringLiteral("policy.status"), {}, this, [this](const Result<QJsonValue>& result) {
        if (!result.ok()) {
            m_error->showError(result.error());
            return;
        }
        m_error->hide();
        showStatus(result->toObject());
    });
    m_agent->call(QStringLiteral("agent.status"), {}, this, [this](const Result<QJsonValue>& result) {
        if (!result.ok())
            return;
        showSync(result->toObject().value(QStringLiteral("sync")).toObject());
    });
}

void PolicyPage::showSync(const QJsonObject& sync)
{
    if (!sync.value(QStringLiteral("enrolled")).toBool()) {
        m_sync->setText(tr("Standalone (not connected to an organisation server)"));
        Q_EMIT syncLoaded();
        return;
    }
    const QString state = sync.value(QStringLiteral("state")).toString();
    const QString stateText = state == QLatin1String("synced")    ? tr("up to date")
                              : state == QLatin1String("syncing") ? tr("sending now")
                              : state == QLatin1String("offline") ? tr("the server cannot be reached")
                              : state == QLatin1String("refused") ? tr("the server refused the last upload")
                                                                  : tr("waiting");
    const QString last = sync.value(QStringLiteral("last_sync")).toString();
    QString text = tr("<b>Organisation server</b>: %1 (%2).<br>This computer: device %3.<br>Last sync: %4.")
                       .arg(sync.value(QStringLiteral("server")).toString().toHtmlEscaped(), stateText,
                            sync.value(QStringLiteral("device_id")).toString().toHtmlEscaped(),
                            last.isEmpty() ? tr("not yet") : localTime(last));
    if (sync.value(QStringLiteral("pending")).isDouble())
        text +=
            QStringLiteral("<br>") + tr("Activity records waiting to be sent: %1.")
                                         .arg(QLocale().toString(sync.value(QStringLiteral("pending")).toInteger()));
    for (const char* key : {"last_error", "last_bundle_error"}) {
        const QString error = sync.value(QLatin1String(key)).toString();
        if (!error.isEmpty())
            text += QStringLiteral("<br>") + tr("Last problem: %1").arg(error.toHtmlEscaped());
    }
    m_sync->setText(text);
    Q_EMIT syncLoaded();
}

void PolicyPage::showStatus(const QJsonObject& status)
{
    const QString state = status.value(QStringLiteral("state")).toString();
    QString trust = status.value(QStringLiteral("trust_key_id")).toString();
    if (trust.isEmpty()) {
        QStringList keys;
        for (const QJsonValue& key : status.value(QStringLiteral("trust_key_ids")).toArray())
            keys.append(key.toString());
        trust = keys.join(QStringLiteral(", "));
    }
    QStringList entryPoints;
    for (const QJsonValue& entry : status.value(QStringLiteral("entry_points")).toArray())
        entryPoints.append(entry.isString() ? entry.toString()
                                            : entry.toObject().value(QStringLiteral("name")).toString());
    if (state == QLatin1String("active")) {
        const QString mode = status.value(QStringLiteral("mode")).toString() == QLatin1String("managed")
                                 ? tr("managed by your organisation")
                                 : tr("standalone (this computer's own key)");
        m_summary->setText(
            tr("<b>Active policy</b>: revision %1, serial %2, %3.<br>Signed by key %4, trusted key %5.<br>"
               "Activated %6.<br>Decision rules: %7")
                .arg(status.value(QStringLiteral("revision")).toString().toHtmlEscaped())
                .arg(status.value(QStringLiteral("serial")).toInteger())
                .arg(mode, status.value(QStringLiteral("key_id")).toString().toHtmlEscaped(), trust.toHtmlEscaped(),
                     localTime(status.value(QStringLiteral("activated_at")).toString()),
                     entryPoints.join(QStringLiteral(", ")).toHtmlEscaped()));
    } else {
        m_summary->setText(tr("<b>No policy is active.</b> Every action is denied until a valid policy loads. %1")
                               .arg(status.value(QStringLiteral("error")).toString().toHtmlEscaped()));
    }
    m_install->setVisible(status.value(QStringLiteral("mode")).toString() != QLatin1String("managed"));
    const QJsonObject rejected = status.value(QStringLiteral("last_rejected")).toObject();
    m_rejected->setVisible(!rejected.isEmpty());
    if (!rejected.isEmpty()) {
        m_rejected->setText(tr("The last policy file was refused (%1): %2")
                                .arg(localTime(rejected.value(QStringLiteral("at")).toString()),
                                     rejected.value(QStringLiteral("message")).toString()));
        m_rejected->setToolTip(rejected.value(QStringLiteral("code")).toString());
    }
    fillCatalog(m_models, status.value(QStringLiteral("models")).toArray());
    fillCatalog(m_connectors, status.value(QStringLiteral("connectors")).toArray());
    Q_EMIT statusLoaded();
}

void PolicyPage::installBundle(const QString& path)
{
    m_agent->call(QStringLiteral("bundle.install"), {{QStringLiteral("path"), path}}, this,
                  [this](const Result<QJsonValue>& result) {
                      if (!result.ok()) {
                          m_error->showError(result.error());
                          // The refusal now shows under last_rejected; keep the error visible.
                          m_agent->call(QStringLiteral("policy.status"), {}, this,
                                        [this](const Result<QJsonValue>& status) {
                                            if (status.ok())
                                                showStatus(status->toObject());
                                        });
                          return;
                      }
                      m_error->hide();
                      showStatus(result->toObject());
                  });
}

} // namespace corral::ui
