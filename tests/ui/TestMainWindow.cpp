// SPDX-License-Identifier: Apache-2.0
#include "ActivityPage.h"
#include "AppsPage.h"
#include "MainWindow.h"
#include "ManifestWorkbench.h"
#include "NewAppWizard.h"
#include "Paths.h"
#include "StudioAgentFixture.h"
#include "TemplatesPage.h"

#include <QAbstractButton>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace corral;
using namespace corral::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sidebarShowsEveryPageAndLoadsIt();
    void templateToSavedAppToRun();
    void withoutAnAgentTheStatusBarSaysSo();
};

void TestMainWindow::sidebarShowsEveryPageAndLoadsIt()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    MainWindow window(&fixture.connection);
    window.show();
    QCOMPARE(window.sidebar()->count(), 6);
    QCOMPARE(window.currentPage(), MainWindow::Templates);
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("agentState"))->text(), QStringLiteral("Agent: connected"));
    window.sidebar()->setFocus();
    QTest::keyClick(window.sidebar(), Qt::Key_Down);
    QTest::keyClick(window.sidebar(), Qt::Key_Down);
    QCOMPARE(window.currentPage(), MainWindow::Activity);
    QTRY_COMPARE(fixture.agent.callCount(QStringLiteral("audit.query")), 1);
    const struct
    {
        MainWindow::Page page;
        const char* method;
    } pages[] = {{MainWindow::Apps, "apps.list"},
                 {MainWindow::Usage, "usage.summary"},
                 {MainWindow::Grants, "grants.list"},
                 {MainWindow::Policy, "policy.status"}};
    for (const auto& entry : pages) {
        window.showPage(entry.page);
        QCOMPARE(window.currentPage(), entry.page);
        QTRY_VERIFY2(fixture.agent.callCount(QLatin1String(entry.method)) >= 1, entry.method);
    }
}

void TestMainWindow::templateToSavedAppToRun()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    fixture.connection.setConfirmer([](const QJsonObject&) { return QStringLiteral("allow-once"); });
    MainWindow window(&fixture.connection);
    window.templatesPage()->loadTemplates(paths::templatesDir());
    window.show();
    QVERIFY(window.templatesPage()->selectTemplate(QStringLiteral("sales-summarizer")));
    QSignalSpy requested(window.templatesPage(), &TemplatesPage::useTemplateRequested);
    window.findChild<QAbstractButton*>(QStringLiteral("useTemplateButton"))->click();
    QCOMPARE(requested.size(), 1);
    auto* wizard = window.findChild<NewAppWizard*>();
    QVERIFY(wizard);
    QVERIFY(wizard->isVisible());
    wizard->setAppName(QStringLiteral("my-sales"));
    for (int i = 0; i < 5; ++i)
        wizard->next();
    QTRY_COMPARE(wizard->workbench()->decision(), QStringLiteral("ask"));
    wizard->button(QWizard::FinishButton)->click();
    // Saved: My apps shows the new app selected, ready to run.
    QTRY_COMPARE(window.currentPage(), MainWindow::Apps);
    QTRY_COMPARE(window.appsPage()->currentApp(), QStringLiteral("my-sales"));
    QSignalSpy finished(window.appsPage(), &AppsPage::runFinished);
    QTRY_VERIFY(window.findChild<QAbstractButton*>(QStringLiteral("runButton"))->isEnabled());
    window.findChild<QAbstractButton*>(QStringLiteral("runButton"))->click();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("done"));
}

void TestMainWindow::withoutAnAgentTheStatusBarSaysSo()
{
    AgentConnection connection;
    QVERIFY(!connection.connectToAgent(QStringLiteral("/nonexistent/agent.sock")).ok());
    QCOMPARE(connection.lastError()->code, QStringLiteral("agent.unreachable"));
    MainWindow window(&connection);
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("agentState"))->text(), QStringLiteral("Agent: not connected"));
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("agentState"))
                ->toolTip()
                .startsWith(QStringLiteral("agent.unreachable")));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
