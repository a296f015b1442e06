// SPDX-License-Identifier: Apache-2.0
#include "ActivityPage.h"
#include "GrantsPage.h"
#include "PolicyPage.h"
#include "StudioAgentFixture.h"
#include "UsagePage.h"

#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace corral;
using namespace corral::ui;

// The Activity page, and the other read-mostly pages (Grants, Usage, Policy).
class TestActivityPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsRecordsNewestFirstWithDetails();
    void filtersGoToTheAgent();
    void bannerShowsTheVerification();
    void bannerNamesEachFailure();
    void grantsListAndRevoke();
    void usageChartsAndQuotaBars();
    void policyShowsTheBundleAndTheLastRefusal();
};

void TestActivityPage::showsRecordsNewestFirstWithDetails()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    ActivityPage page(&fixture.connection);
    QSignalSpy loaded(&page, &ActivityPage::recordsLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).at(0).toInt(), 9);
    QTableWidget* table = page.table();
    QCOMPARE(table->rowCount(), 9);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("8"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("run.finished"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("sales-summarizer"));
    QCOMPARE(table->item(8, 0)->text(), QStringLiteral("0"));
    table->selectRow(2); // seq 6: the confirmation
    QVERIFY(page.details()->toPlainText().contains(QStringLiteral("\"decision\": \"allow-once\"")));
    QVERIFY(page.details()->toPlainText().contains(QStringLiteral("leaf_hash")));
}

void TestActivityPage::filtersGoToTheAgent()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    ActivityPage page(&fixture.connection);
    QSignalSpy loaded(&page, &ActivityPage::recordsLoaded);
    page.setAppFilter(QStringLiteral("sales-summarizer"));
    page.setTypeFilter(QStringLiteral("action.performed"));
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    const QJsonObject params = fixture.agent.lastParams(QStringLiteral("audit.query"));
    QCOMPARE(params.value(QStringLiteral("app")).toString(), QStringLiteral("sales-summarizer"));
    QCOMPARE(params.value(QStringLiteral("type")).toString(), QStringLiteral("action.performed"));
    QVERIFY(!params.contains(QStringLiteral("from")));
}

void TestActivityPage::bannerShowsTheVerification()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    ActivityPage page(&fixture.connection);
    QSignalSpy verified(&page, &ActivityPage::verified);
    page.refresh();
    QTRY_COMPARE(verified.size(), 1);
    QCOMPARE(verified.at(0).at(0).toBool(), true);
    // "record(s)" without the English plural forms, which the tests do not install.
    const QString banner = page.verificationBanner()->text();
    QVERIFY2(banner.startsWith(QStringLiteral("The activity log is intact: 9 record")), qPrintable(banner));
    QVERIFY2(banner.endsWith(QStringLiteral(", verified up to checkpoint 8.")), qPrintable(banner));
}

void TestActivityPage::bannerNamesEachFailure()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    fixture.agent.setResult(
        QStringLiteral("audit.verify"),
        QJsonObject{{QStringLiteral("ok"), false},
                    {QStringLiteral("records"), 9},
                    {QStringLiteral("checkpoint"), QJsonObject{{QStringLiteral("size"), 8}}},
                    {QStringLiteral("failures"),
                     QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("hash-mismatch")},
                                            {QStringLiteral("seq"), 4},
                                            {QStringLiteral("message"), QStringLiteral("record 4 was changed")}}}}});
    ActivityPage page(&fixture.connection);
    QSignalSpy verified(&page, &ActivityPage::verified);
    page.refresh();
    QTRY_COMPARE(verified.size(), 1);
    QCOMPARE(verified.at(0).at(0).toBool(), false);
    QVERIFY(page.verificationBanner()->text().contains(QStringLiteral("FAILED verification")));
    QVERIFY(
        page.verificationBanner()->text().contains(QStringLiteral("hash-mismatch at record 4: record 4 was changed")));
}

void TestActivityPage::grantsListAndRevoke()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    GrantsPage page(&fixture.connection);
    QSignalSpy loaded(&page, &GrantsPage::grantsLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(page.table()->rowCount(), 2);
    QCOMPARE(page.table()->item(1, 1)->text(), QStringLiteral("contact a web service"));
    page.revokeRow(1);
    QTRY_COMPARE(fixture.agent.callCount(QStringLiteral("grants.revoke")), 1);
    QCOMPARE(fixture.agent.lastParams(QStringLiteral("grants.revoke")).value(QStringLiteral("id")).toInt(), 2);
    QTRY_COMPARE(loaded.size(), 2);
}

void TestActivityPage::usageChartsAndQuotaBars()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    UsagePage page(&fixture.connection);
    QSignalSpy loaded(&page, &UsagePage::summaryLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(fixture.agent.lastParams(QStringLiteral("usage.summary")).value(QStringLiteral("days")).toInt(), 30);
    QCOMPARE(page.seriesCount(), 3);
    QCOMPARE(page.quotaRowCount(), 3);
    QVERIFY(page.findChild<QWidget*>(QStringLiteral("resume-incident-triage")));
}

void TestActivityPage::policyShowsTheBundleAndTheLastRefusal()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    PolicyPage page(&fixture.connection);
    QSignalSpy loaded(&page, &PolicyPage::statusLoaded);
    page.refresh();
    QTRY_COMPARE(loaded.size(), 1);
    QVERIFY(page.summary()->text().contains(QStringLiteral("serial 3")));
    QVERIFY(page.summary()->text().contains(QStringLiteral("5A1F0C33D2E4B781")));
    QVERIFY(page.rejected()->isVisibleTo(&page));
    QVERIFY(page.rejected()->text().contains(QStringLiteral("not higher than the active serial 3")));

    fixture.agent.setError(QStringLiteral("bundle.install"), QStringLiteral("bundle.signature"),
                           QStringLiteral("the signature does not verify"));
    page.installBundle(QStringLiteral("/tmp/bundle.tar.gz"));
    QTRY_COMPARE(fixture.agent.callCount(QStringLiteral("bundle.install")), 1);
    QCOMPARE(fixture.agent.lastParams(QStringLiteral("bundle.install")).value(QStringLiteral("path")).toString(),
             QStringLiteral("/tmp/bundle.tar.gz"));
}

QTEST_MAIN(TestActivityPage)
#include "TestActivityPage.moc"
