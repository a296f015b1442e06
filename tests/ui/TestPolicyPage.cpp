// SPDX-License-Identifier: Apache-2.0
// The Policy page's link to the organisation server against the fake agent: an enrolled
// agent's server, device, last sync, the records not yet witnessed and the last problem; a
// standalone agent says so. (The bundle part runs against a real agent in
// TestStudioAgentPages.)
#include "PolicyPage.h"
#include "StudioAgentFixture.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace corral;
using namespace corral::ui;

class TestPolicyPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void enrolledShowsTheServerAndWhatIsLeftToSend()
    {
        test::StudioAgentFixture fixture;
        QVERIFY(fixture.start());
        fixture.agent.setResult(
            QStringLiteral("agent.status"),
            QJsonObject{
                {QStringLiteral("policy"), QJsonObject{{QStringLiteral("state"), QStringLiteral("active")}}},
                {QStringLiteral("sync"),
                 QJsonObject{{QStringLiteral("enrolled"), true},
                             {QStringLiteral("server"), QStringLiteral("https://corral.example")},
                             {QStringLiteral("device_id"), QStringLiteral("dev-42")},
                             {QStringLiteral("state"), QStringLiteral("offline")},
                             {QStringLiteral("witnessed_size"), 120},
                             {QStringLiteral("pending"), 1010},
                             {QStringLiteral("last_sync"), QJsonValue()},
                             {QStringLiteral("last_error"), QStringLiteral("sync.network: connection refused")}}}});
        PolicyPage page(&fixture.connection);
        QSignalSpy synced(&page, &PolicyPage::syncLoaded);
        page.refresh();
        QTRY_COMPARE(synced.size(), 1);
        QCOMPARE(page.syncLabel()->text(),
                 QStringLiteral("<b>Organisation server</b>: https://corral.example (the server cannot be reached)."
                                "<br>This computer: device dev-42.<br>Last sync: not yet.<br>Activity records "
                                "waiting to be sent: %1.<br>Last problem: sync.network: connection refused")
                     .arg(QLocale().toString(1010)));
    }

    void standaloneSaysSo()
    {
        test::StudioAgentFixture fixture;
        QVERIFY(fixture.start());
        PolicyPage page(&fixture.connection);
        QSignalSpy synced(&page, &PolicyPage::syncLoaded);
        page.refresh();
        QTRY_COMPARE(synced.size(), 1);
        QCOMPARE(page.syncLabel()->text(), QStringLiteral("Standalone (not connected to an organisation server)"));
        QCOMPARE(fixture.agent.callCount(QStringLiteral("audit.query")), 0);
    }
};

QTEST_MAIN(TestPolicyPage)
#include "TestPolicyPage.moc"
