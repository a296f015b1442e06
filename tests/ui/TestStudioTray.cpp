// SPDX-License-Identifier: Apache-2.0
// The tray against the fake agent: soft-limit warnings and paused apps from run events, a
// policy update from a higher serial, and the link to the organisation server in the tooltip
// (standalone or the server and its last sync).
#include "StudioAgentFixture.h"
#include "StudioTray.h"

#include <QSignalSpy>
#include <QTest>
#include <QWidget>

using namespace corral;
using namespace corral::ui;

namespace {

QJsonObject status(int serial, const QJsonObject& sync)
{
    return {{QStringLiteral("version"), QStringLiteral("0.1.0")},
            {QStringLiteral("policy"), QJsonObject{{QStringLiteral("state"), QStringLiteral("active")},
                                                   {QStringLiteral("mode"), QStringLiteral("standalone")},
                                                   {QStringLiteral("revision"), QStringLiteral("rev-%1").arg(serial)},
                                                   {QStringLiteral("serial"), serial}}},
            {QStringLiteral("sync"), sync}};
}

} // namespace

class TestStudioTray : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runWarningsAndPausesAreNotifiedOnce()
    {
        test::StudioAgentFixture fixture;
        QVERIFY(fixture.start());
        QWidget window;
        StudioTray tray(&fixture.connection, &window);
        QSignalSpy notified(&tray, &StudioTray::notified);
        fixture.agent.notify(QStringLiteral("run.warning"),
                             {{QStringLiteral("run_id"), QStringLiteral("r-1")},
                              {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                              {QStringLiteral("step"), QStringLiteral("summarize")},
                              {QStringLiteral("kind"), QStringLiteral("quota.soft-limit")},
                              {QStringLiteral("message"), QStringLiteral("tokens today: 8,100 of 10,000")}});
        QTRY_COMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Soft limit reached"));
        QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("“sales-summarizer”: tokens today: 8,100 of 10,000"));

        fixture.agent.notify(QStringLiteral("app.paused"),
                             {{QStringLiteral("run_id"), QStringLiteral("r-1")},
                              {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                              {QStringLiteral("rule"), QStringLiteral("errors")},
                              {QStringLiteral("reason"), QStringLiteral("5 failed model calls in a row")}});
        QTRY_COMPARE(notified.size(), 2);
        QCOMPARE(notified.at(1).at(0).toString(), QStringLiteral("App paused"));
        QCOMPARE(notified.at(1).at(1).toString(),
                 QStringLiteral("“sales-summarizer” was paused: 5 failed model calls in a row. Resume it on the "
                                "Usage page."));
        // The run that ends paused, and the next usage poll, do not say it again.
        fixture.agent.notify(QStringLiteral("run.finished"),
                             {{QStringLiteral("run_id"), QStringLiteral("r-1")},
                              {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                              {QStringLiteral("status"), QStringLiteral("paused")}});
        tray.applyUsage({{QStringLiteral("apps"),
                          QJsonArray{QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                                 {QStringLiteral("paused"), true}}}}});
        QTest::qWait(100);
        QCOMPARE(notified.size(), 2);
        // Resumed, then paused again: news again.
        tray.applyUsage({{QStringLiteral("apps"),
                          QJsonArray{QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                                 {QStringLiteral("paused"), false}}}}});
        tray.applyUsage({{QStringLiteral("apps"),
                          QJsonArray{QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                                 {QStringLiteral("paused"), true}}}}});
        QCOMPARE(notified.size(), 3);
        QCOMPARE(notified.at(2).at(0).toString(), QStringLiteral("App paused"));
    }

    void aPolicyUpdateIsNotifiedAndTheTooltipShowsTheServer()
    {
        test::StudioAgentFixture fixture;
        QVERIFY(fixture.start());
        QWidget window;
        StudioTray tray(&fixture.connection, &window);
        QSignalSpy notified(&tray, &StudioTray::notified);
        fixture.agent.setResult(QStringLiteral("agent.status"),
                                status(3, QJsonObject{{QStringLiteral("enrolled"), false}}));
        tray.poll();
        QTRY_VERIFY(tray.stateText().contains(QLatin1String("policy serial 3")));
        QCOMPARE(tray.stateText().section(QLatin1Char('\n'), 1),
                 QStringLiteral("Standalone (not connected to an organisation server)"));
        // The first status is no update (the demo's usage may notify its own limits).
        const auto policyNotes = [&notified] {
            QList<QList<QVariant>> notes;
            for (const QList<QVariant>& n : std::as_const(notified)) {
                if (n.at(0).toString() == QLatin1String("Policy updated"))
                    notes.append(n);
            }
            return notes;
        };
        QTest::qWait(100);
        QVERIFY(policyNotes().isEmpty());

        const QJsonObject enrolled{{QStringLiteral("enrolled"), true},
                                   {QStringLiteral("server"), QStringLiteral("https://corral.example")},
                                   {QStringLiteral("device_id"), QStringLiteral("dev-1")},
                                   {QStringLiteral("state"), QStringLiteral("synced")},
                                   {QStringLiteral("witnessed_size"), 120},
                                   {QStringLiteral("last_sync"), QStringLiteral("2026-11-25T19:21:37.218Z")},
                                   {QStringLiteral("last_error"), QJsonValue()}};
        fixture.agent.setResult(QStringLiteral("agent.status"), status(4, enrolled));
        tray.poll();
        QTRY_COMPARE(policyNotes().size(), 1);
        QCOMPARE(policyNotes().at(0).at(1).toString(),
                 QStringLiteral("A new policy is active: revision rev-4, serial 4."));
        QVERIFY2(tray.stateText()
                     .section(QLatin1Char('\n'), 1)
                     .startsWith(QStringLiteral("Organisation server corral.example: last sync ")),
                 qPrintable(tray.stateText()));
        QVERIFY(!tray.stateText().contains(QLatin1String("failed")));
        QJsonObject failing = enrolled;
        failing.insert(QStringLiteral("last_error"), QStringLiteral("sync.network: connection refused"));
        QVERIFY(syncText(failing).endsWith(QStringLiteral(" (the last attempt failed)")));
    }
};

QTEST_MAIN(TestStudioTray)
#include "TestStudioTray.moc"
