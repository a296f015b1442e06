// SPDX-License-Identifier: Apache-2.0
#include "AppsPage.h"
#include "ErrorBanner.h"
#include "StudioAgentFixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace corral;
using namespace corral::ui;

namespace {

QStringList logTexts(const QListWidget* log, const QString& kind = QString())
{
    QStringList texts;
    for (int row = 0; row < log->count(); ++row) {
        if (kind.isEmpty() || log->item(row)->data(Qt::UserRole).toString() == kind)
            texts.append(log->item(row)->text());
    }
    return texts;
}

} // namespace

class TestAppsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsAppsAndBuildsTheInputForm();
    void runShowsStepsDecisionsOutputAndCost();
    void deniedConfirmationStopsTheRunWithTheReason();
    void cancelAsksTheAgent();
    void startErrorsAreShownInPlainWords();
    void softLimitWarningsShowInTheRunView();
    void requestProductionIsPendingThenShownInTheList();
    void requestProductionWithoutAServerIsExplained();
};

void TestAppsPage::softLimitWarningsShowInTheRunView()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    fixture.agent.setResult(QStringLiteral("runs.start"),
                            QJsonObject{{QStringLiteral("run_id"), QStringLiteral("r-w")},
                                        {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                        {QStringLiteral("revision"), 1}});
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    page.startRun();
    QTRY_COMPARE(page.runId(), QStringLiteral("r-w"));
    fixture.agent.notify(QStringLiteral("run.warning"),
                         {{QStringLiteral("run_id"), QStringLiteral("r-w")},
                          {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                          {QStringLiteral("step"), QStringLiteral("summarize")},
                          {QStringLiteral("kind"), QStringLiteral("quota.soft-limit")},
                          {QStringLiteral("message"), QStringLiteral("tokens today: 8,100 of 10,000")}});
    QTRY_COMPARE(logTexts(page.runLog(), QStringLiteral("warning")),
                 QStringList{QStringLiteral("Warning: tokens today: 8,100 of 10,000")});
    fixture.agent.notify(QStringLiteral("app.paused"),
                         {{QStringLiteral("run_id"), QStringLiteral("r-w")},
                          {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                          {QStringLiteral("rule"), QStringLiteral("errors")},
                          {QStringLiteral("reason"), QStringLiteral("5 failed model calls in a row")}});
    QTRY_COMPARE(logTexts(page.runLog(), QStringLiteral("failed")),
                 QStringList{QStringLiteral("The app was paused: 5 failed model calls in a row")});
}

void TestAppsPage::requestProductionIsPendingThenShownInTheList()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(page.appList()->item(0)->text(), QStringLiteral("sales-summarizer\ndevelopment"));
    QCOMPARE(page.stageLabel()->text(), QStringLiteral("Stage: development (only you use it)."));
    QVERIFY(page.requestProductionButton()->isEnabled());

    page.requestProduction(QStringLiteral("The sales team uses it every Friday."));
    QTRY_COMPARE(loaded.size(), 2);
    QCOMPARE(fixture.agent.lastParams(QStringLiteral("apps.requestProduction")),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("sales-summarizer")},
                          {QStringLiteral("reason"), QStringLiteral("The sales team uses it every Friday.")}}));
    QVERIFY(page.errorBanner()->isVisibleTo(&page));
    QCOMPARE(page.errorBanner()->text(), QStringLiteral("Request #12 was sent to your organisation's reviewers. "
                                                        "“sales-summarizer” stays in development until it is "
                                                        "approved."));
    QTRY_COMPARE(page.appList()->item(0)->text(), QStringLiteral("sales-summarizer\nwaiting for approval"));
    QVERIFY2(page.stageLabel()->text().startsWith(QStringLiteral("Stage: development (only you use it). Production "
                                                                 "requested ")),
             qPrintable(page.stageLabel()->text()));
    QVERIFY(page.stageLabel()->text().endsWith(QStringLiteral("; waiting for a reviewer.")));
    // A pending request cannot be sent twice.
    QVERIFY(!page.requestProductionButton()->isEnabled());
}

void TestAppsPage::requestProductionWithoutAServerIsExplained()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    fixture.agent.setError(QStringLiteral("apps.requestProduction"), QStringLiteral("sync.not-enrolled"),
                           QStringLiteral("this agent is not enrolled with an organisation server"));
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    page.requestProduction(QStringLiteral("please"));
    QTRY_VERIFY(page.errorBanner()->isVisibleTo(&page));
    QCOMPARE(page.errorBanner()->text(),
             QStringLiteral("This computer is not connected to an organisation server, so there is nobody to approve "
                            "the request. Ask your administrator to connect it (corral enroll)."));
    QCOMPARE(page.errorBanner()->details(),
             QStringLiteral("sync.not-enrolled: this agent is not enrolled with an organisation server"));
    // Nothing changed: still development, and the person may try again once enrolled.
    QCOMPARE(page.appList()->item(0)->text(), QStringLiteral("sales-summarizer\ndevelopment"));
    QVERIFY(page.requestProductionButton()->isEnabled());
}

void TestAppsPage::listsAppsAndBuildsTheInputForm()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    page.refresh();
    QTRY_COMPARE(page.appList()->count(), 2);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(page.currentApp(), QStringLiteral("sales-summarizer"));
    // sales-summarizer has one text input, period_name, with its default.
    auto* input = page.findChild<QLineEdit*>(QStringLiteral("input-period_name"));
    QVERIFY(input);
    QCOMPARE(input->text(), QStringLiteral("this week"));
    QCOMPARE(page.inputValues().value(QStringLiteral("period_name")).toString(), QStringLiteral("this week"));
    QVERIFY(page.stepProgress(5));
    QVERIFY(!page.stepProgress(6));
    QTRY_COMPARE(page.historyTable()->rowCount(), 3);
    QVERIFY(page.historyTable()->item(1, 4)->text().contains(QStringLiteral("denied")));
}

void TestAppsPage::runShowsStepsDecisionsOutputAndCost()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    QList<QJsonObject> asked;
    fixture.connection.setConfirmer([&asked](const QJsonObject& request) {
        asked.append(request);
        return QStringLiteral("allow-once");
    });
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    QSignalSpy finished(&page, &AppsPage::runFinished);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    page.setInput(QStringLiteral("period_name"), QStringLiteral("2026-W48"));
    page.findChild<QPushButton*>(QStringLiteral("runButton"))->click();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("done"));

    const QJsonObject start = fixture.agent.lastParams(QStringLiteral("runs.start"));
    QCOMPARE(start.value(QStringLiteral("app")).toString(), QStringLiteral("sales-summarizer"));
    QCOMPARE(start.value(QStringLiteral("inputs")).toObject().value(QStringLiteral("period_name")).toString(),
             QStringLiteral("2026-W48"));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).value(QStringLiteral("action")).toString(), QStringLiteral("files.write"));

    // Every decision inline, in order: four policy allows, the ask, then the person's allow.
    const QStringList allows = logTexts(page.runLog(), QStringLiteral("allow"));
    QCOMPARE(allows.size(), 5);
    QVERIFY(allows.first().startsWith(QStringLiteral("Policy allows it to list the files of a folder")));
    QVERIFY(allows.last().startsWith(QStringLiteral("You allowed it to write a file")));
    const QStringList asks = logTexts(page.runLog(), QStringLiteral("ask"));
    QCOMPARE(asks.size(), 1);
    QVERIFY(asks.first().contains(QStringLiteral("writing files needs your confirmation")));

    for (int step = 0; step < 6; ++step) {
        QCOMPARE(page.stepProgress(step)->maximum(), page.stepProgress(step)->value());
        QVERIFY(page.stepProgress(step)->maximum() > 0);
    }
    QVERIFY(page.outputView()->toPlainText().startsWith(QStringLiteral("# Sales summary")));
    QCOMPARE(page.statusLabel()->text(), QStringLiteral("Finished"));
    QCOMPARE(page.usageLabel()->text(), QStringLiteral("1,840 tokens in, 212 out, $0.00"));
    QVERIFY(page.runId().isEmpty());
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("runButton"))->isEnabled());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("cancelButton"))->isEnabled());
    QTRY_VERIFY(fixture.agent.callCount(QStringLiteral("runs.list")) >= 2);
}

void TestAppsPage::deniedConfirmationStopsTheRunWithTheReason()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    fixture.connection.setConfirmer([](const QJsonObject&) { return QStringLiteral("deny"); });
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    QSignalSpy finished(&page, &AppsPage::runFinished);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    page.startRun();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("refused"));
    QCOMPARE(page.statusLabel()->text(),
             QStringLiteral("Stopped: you denied a confirmation (or it timed out): you denied writing "
                            "~/Outbox/sales-summary-2026-11-25.md"));
    const QStringList denies = logTexts(page.runLog(), QStringLiteral("deny"));
    QCOMPARE(denies.size(), 1);
    QVERIFY(denies.first().startsWith(QStringLiteral("You denied: write a file")));
    QCOMPARE(page.stepProgress(5)->value(), 0);
}

void TestAppsPage::cancelAsksTheAgent()
{
    test::StudioAgentFixture fixture;
    test::DemoOptions slow;
    slow.eventIntervalMs = 200;
    QVERIFY(fixture.start(slow));
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    page.startRun();
    QTRY_VERIFY(!page.runId().isEmpty());
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("cancelButton"))->isEnabled());
    page.findChild<QPushButton*>(QStringLiteral("cancelButton"))->click();
    QTRY_COMPARE(fixture.agent.callCount(QStringLiteral("runs.cancel")), 1);
    QCOMPARE(fixture.agent.lastParams(QStringLiteral("runs.cancel")).value(QStringLiteral("run_id")).toString(),
             page.runId());
}

void TestAppsPage::startErrorsAreShownInPlainWords()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    fixture.agent.setError(QStringLiteral("runs.start"), QStringLiteral("app.paused"),
                           QStringLiteral("app \"sales-summarizer\" is paused"));
    AppsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &AppsPage::appLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    page.startRun();
    QTRY_VERIFY(page.errorBanner()->isVisibleTo(&page));
    QVERIFY(page.errorBanner()->text().contains(QStringLiteral("paused")));
    QCOMPARE(page.errorBanner()->details(), QStringLiteral("app.paused: app \"sales-summarizer\" is paused"));
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("runButton"))->isEnabled());
}

QTEST_MAIN(TestAppsPage)
#include "TestAppsPage.moc"
