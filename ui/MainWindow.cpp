// SPDX-License-Identifier: Apache-2.0
#include "MainWindow.h"

#include "ActivityPage.h"
#include "AgentConnection.h"
#include "AppsPage.h"
#include "GrantsPage.h"
#include "NewAppWizard.h"
#include "PolicyPage.h"
#include "TemplateListModel.h"
#include "TemplatesPage.h"
#include "UsagePage.h"
#include "catalog/TemplateCatalog.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>

namespace corral::ui {

MainWindow::MainWindow(AgentConnection* agent, QWidget* parent)
    : QMainWindow(parent), m_agent(agent), m_sidebar(new QListWidget(this)), m_stack(new QStackedWidget(this)),
      m_templates(new TemplatesPage(this)), m_apps(new AppsPage(agent, this)),
      m_activity(new ActivityPage(agent, this)), m_usage(new UsagePage(agent, this)),
      m_grants(new GrantsPage(agent, this)), m_policy(new PolicyPage(agent, this)), m_agentState(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Corral Studio"));

    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setAccessibleName(tr("Pages"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setBackgroundRole(QPalette::Window);
    m_sidebar->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    const struct
    {
        QString text;
        QStyle::StandardPixmap icon;
        QString tip;
    } pages[] = {
        {tr("Templates"), QStyle::SP_FileDialogContentsView, tr("Start a new app from a template")},
        {tr("My apps"), QStyle::SP_DirHomeIcon, tr("Run your apps and see their history")},
        {tr("Activity"), QStyle::SP_FileDialogDetailedView, tr("Everything your apps did, verified")},
        {tr("Usage"), QStyle::SP_DriveHDIcon, tr("Tokens, costs and limits")},
        {tr("Grants"), QStyle::SP_DialogYesButton, tr("Permissions you chose to remember")},
        {tr("Policy"), QStyle::SP_MessageBoxInformation, tr("Your organisation's rules")},
    };
    int widest = 0;
    for (const auto& page : pages) {
        auto* item = new QListWidgetItem(style()->standardIcon(page.icon), page.text, m_sidebar);
        item->setToolTip(page.tip);
        item->setSizeHint(QSize(0, fontMetrics().height() * 2));
        widest = qMax(widest, fontMetrics().horizontalAdvance(page.text));
    }
    m_sidebar->setFixedWidth(widest + fontMetrics().height() * 4);
    for (QWidget* page : std::initializer_list<QWidget*>{m_templates, m_apps, m_activity, m_usage, m_grants, m_policy})
        m_stack->addWidget(page);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showPage(Page(row));
    });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    connect(m_templates, &TemplatesPage::useTemplateRequested, this, &MainWindow::startNewApp);
    connect(m_apps, &AppsPage::newAppRequested, this, [this] { showPage(Templates); });

    m_agentState->setObjectName(QStringLiteral("agentState"));
    statusBar()->addPermanentWidget(m_agentState);
    if (m_agent)
        connect(m_agent, &AgentConnection::stateChanged, this, &MainWindow::updateAgentState);
    updateAgentState();
    createMenus();
    m_sidebar->setCurrentRow(Templates);
    // Room for two columns of cards next to the preview, within the screen.
    const int em = fontMetrics().height();
    QSize size(em * 96, em * 58);
    if (const QScreen* screen = this->screen())
        size = size.boundedTo(screen->availableSize() * 9 / 10);
    resize(size);
}

void MainWindow::showPage(Page page)
{
    if (m_sidebar->currentRow() != page)
        m_sidebar->setCurrentRow(page); // comes back here through currentRowChanged
    m_stack->setCurrentIndex(page);
    if (!m_agent || !m_agent->isConnected())
        return;
    switch (page) {
    case Apps:
        m_apps->refresh();
        break;
    case Activity:
        m_activity->refresh();
        break;
    case Usage:
        m_usage->refresh();
        break;
    case Grants:
        m_grants->refresh();
        break;
    case Policy:
        m_policy->refresh();
        break;
    case Templates:
        break;
    }
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_stack->currentIndex());
}

NewAppWizard* MainWindow::startNewApp(const QString& templateId)
{
    const QString folder = QDir(m_templates->templateModel()->directory()).filePath(templateId);
    Result<catalog::Template> loaded = catalog::TemplateCatalog::loadTemplate(folder);
    if (!loaded.ok()) {
        QMessageBox::warning(this, tr("New app"), tr("This template cannot be used: %1").arg(loaded.error().message));
        return nullptr;
    }
    auto* wizard = new NewAppWizard(m_agent, std::move(loaded.value()), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &NewAppWizard::appSaved, this, [this](const QString& name) {
        showPage(Apps);
        connect(
            m_apps, &AppsPage::appsLoaded, this, [this, name] { m_apps->selectApp(name); }, Qt::SingleShotConnection);
    });
    wizard->show();
    return wizard;
}

void MainWindow::updateAgentState()
{
    const bool connected = m_agent && m_agent->isConnected();
    m_agentState->setText(connected ? tr("Agent: connected") : tr("Agent: not connected"));
    if (!connected && m_agent && m_agent->lastError())
        m_agentState->setToolTip(m_agent->lastError()->toString());
    else
        m_agentState->setToolTip(QString());
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* find = edit->addAction(tr("&Find template"), this, [this] {
        showPage(Templates);
        m_templates->focusSearch();
    });
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    for (int page = Templates; page <= Policy; ++page) {
        QAction* action = go->addAction(m_sidebar->item(page)->text(), this, [this, page] { showPage(Page(page)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Corral Studio"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Corral Studio"),
                       tr("<h3>Corral Studio %1</h3><p>Build small AI tools from curated templates. Every app "
                          "runs through the local agent, which enforces your organisation's policy and keeps a "
                          "signed record of what it did.</p>")
                           .arg(QApplication::applicationVersion().toHtmlEscaped()));
}

} // namespace corral::ui
