// SPDX-License-Identifier: Apache-2.0
#include "MainWindow.h"

#include "TemplatesPage.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>

namespace corral::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_templates(new TemplatesPage(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Corral Studio"));
    setCentralWidget(m_templates);
    createMenus();
    // Room for two columns of cards next to the preview, within the screen.
    const int em = fontMetrics().height();
    QSize size(em * 88, em * 56);
    if (const QScreen* screen = this->screen())
        size = size.boundedTo(screen->availableSize() * 9 / 10);
    resize(size);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* find = edit->addAction(tr("&Find template"), m_templates, &TemplatesPage::focusSearch);
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);

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
