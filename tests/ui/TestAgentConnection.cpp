// SPDX-License-Identifier: Apache-2.0
// The studio's confirmations one at a time: two runs asking at once get one dialog, then the
// next; a question whose time ran out while it waited is denied without being shown, one that
// still has time is shown with what is left, and one whose run ended is dropped.
#include "AgentConnection.h"
#include "ConfirmDialog.h"
#include "StudioAgentFixture.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace corral;
using namespace corral::ui;

namespace {

QJsonObject confirmation(const QString& runId, const QString& app, int timeoutMs)
{
    return {{QStringLiteral("run_id"), runId},
            {QStringLiteral("app"), app},
            {QStringLiteral("step"), QStringLiteral("write")},
            {QStringLiteral("action"), QStringLiteral("files.write")},
            {QStringLiteral("target"), QStringLiteral("Outbox/summary.md")},
            {QStringLiteral("reason"), QStringLiteral("writing files needs your confirmation")},
            {QStringLiteral("messages"), QJsonArray{QStringLiteral("writing files needs your confirmation")}},
            {QStringLiteral("preview"), QStringLiteral("# Summary")},
            {QStringLiteral("choices"),
             QJsonArray{QStringLiteral("deny"), QStringLiteral("allow-once"), QStringLiteral("allow-run")}},
            {QStringLiteral("timeout_ms"), timeoutMs}};
}

QList<ConfirmDialog*> visibleDialogs()
{
    QList<ConfirmDialog*> dialogs;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* dialog = qobject_cast<ConfirmDialog*>(widget); dialog && dialog->isVisible())
            dialogs.append(dialog);
    }
    return dialogs;
}

QString appShown(ConfirmDialog* dialog)
{
    const auto* label = dialog->findChild<QWidget*>(QStringLiteral("confirmApp"));
    return label ? label->property("text").toString() : QString();
}

// The answers the fake agent received, by request.
struct Answers
{
    QStringList answers;
    ipc::Peer::ReplyHandler handler()
    {
        return [this](const ipc::Message& reply) {
            answers.append(reply.kind() == ipc::Message::Kind::Result
                               ? reply.resultValue().toObject().value(QStringLiteral("answer")).toString()
                               : QStringLiteral("error"));
        };
    }
};

// Plays a person in front of the confirmation dialogs: notes each one shown and how many
// are on screen at once, and after the key guard clicks the next of `choices`.
class DialogWatcher : public QObject
{
public:
    DialogWatcher(AgentConnection& connection, QStringList choices)
        : m_connection(connection), m_choices(std::move(choices))
    {
        connect(&m_poll, &QTimer::timeout, this, &DialogWatcher::poll);
        m_poll.start(20);
    }

    QStringList apps;
    int mostAtOnce = 0;
    int queuedDuringFirst = -1;
    int answeredBeforeSecondShown = -1;
    int answered = 0;

private:
    void poll()
    {
        const QList<ConfirmDialog*> dialogs = visibleDialogs();
        mostAtOnce = qMax(mostAtOnce, int(dialogs.size()));
        if (dialogs.isEmpty())
            return;
        ConfirmDialog* dialog = dialogs.first();
        if (dialog != m_current) {
            m_current = dialog;
            m_shown.start();
            apps.append(appShown(dialog));
            if (apps.size() == 2)
                answeredBeforeSecondShown = answered;
        }
        if (apps.size() == 1)
            queuedDuringFirst = m_connection.queuedConfirmations();
        if (m_shown.elapsed() > ConfirmDialog::kKeyGuardMs + 100 && answered < apps.size() &&
            answered < m_choices.size()) {
            QPushButton* button = dialog->button(m_choices.at(answered));
            ++answered;
            QTest::mouseClick(button, Qt::LeftButton);
        }
    }

    AgentConnection& m_connection;
    QStringList m_choices;
    QTimer m_poll;
    QPointer<ConfirmDialog> m_current;
    QElapsedTimer m_shown;
};

} // namespace

class TestAgentConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twoRunsAskingAtOnceGetOneDialogThenTheNext()
    {
        test::StudioAgentFixture fixture;
        QVERIFY(fixture.start());
        QSignalSpy answered(&fixture.connection, &AgentConnection::confirmationAnswered);
        Answers first;
        Answers second;
        // A dialog runs its own event loop, so a person is played from a timer: it notes
        // every dialog on screen and answers each after reading it for a moment.
        DialogWatcher person(fixture.connection, {QStringLiteral("allow-once"), QStringLiteral("deny")});
        fixture.agent.request(QStringLiteral("confirm.request"),
                              confirmation(QStringLiteral("r-1"), QStringLiteral("sales-summarizer"), 60000),
                              first.handler());
        fixture.agent.request(QStringLiteral("confirm.request"),
                              confirmation(QStringLiteral("r-2"), QStringLiteral("incident-triage"), 60000),
                              second.handler());
        QTRY_COMPARE_WITH_TIMEOUT(second.answers.size(), 1, 10000);
        // One dialog at a time: the first question while the second waited, then the second.
        QCOMPARE(person.apps, (QStringList{QStringLiteral("sales-summarizer"), QStringLiteral("incident-triage")}));
        QCOMPARE(person.mostAtOnce, 1);
        QCOMPARE(person.queuedDuringFirst, 1);
        QCOMPARE(person.answeredBeforeSecondShown, 1); // the first was answered before the second appeared
        QCOMPARE(first.answers, QStringList{QStringLiteral("allow-once")});
        QCOMPARE(second.answers, QStringList{QStringLiteral("deny")});
        QCOMPARE(answered.size(), 2);
        QCOMPARE(answered.at(0).at(1).toString(), QStringLiteral("allow-once"));
        QCOMPARE(answered.at(1).at(1).toString(), QStringLiteral("deny"));
        QTRY_VERIFY(visibleDialogs().isEmpty());
        QCOMPARE(fixture.connection.queuedConfirmations(), 0);
    }

    void waitingQuestionsKeepTheirOwnTimeout()
    {
        test::StudioAgentFixture fixture;
        QVERIFY(fixture.start());
        // The person takes 700 ms over the first question.
        QList<QJsonObject> shown;
        fixture.connection.setConfirmer([&shown](const QJsonObject& request) {
            shown.append(request);
            if (shown.size() == 1) {
                QEventLoop wait;
                QTimer::singleShot(700, &wait, &QEventLoop::quit);
                wait.exec();
            }
            return QStringLiteral("allow-once");
        });
        Answers first;
        Answers expired;
        Answers later;
        fixture.agent.request(QStringLiteral("confirm.request"),
                              confirmation(QStringLiteral("r-1"), QStringLiteral("a"), 60000), first.handler());
        fixture.agent.request(QStringLiteral("confirm.request"),
                              confirmation(QStringLiteral("r-2"), QStringLiteral("b"), 300), expired.handler());
        fixture.agent.request(QStringLiteral("confirm.request"),
                              confirmation(QStringLiteral("r-3"), QStringLiteral("c"), 5000), later.handler());
        QTRY_COMPARE(later.answers.size(), 1);
        QCOMPARE(first.answers, QStringList{QStringLiteral("allow-once")});
        // Its 300 ms ran out behind the first: denied, never shown.
        QCOMPARE(expired.answers, QStringList{QStringLiteral("deny")});
        QCOMPARE(later.answers, QStringList{QStringLiteral("allow-once")});
        QCOMPARE(shown.size(), 2);
        QCOMPARE(shown.at(0).value(QStringLiteral("app")).toString(), QStringLiteral("a"));
        QCOMPARE(shown.at(1).value(QStringLiteral("app")).toString(), QStringLiteral("c"));
        // Shown with the time it had left, not a fresh 5 s.
        const qint64 left = shown.at(1).value(QStringLiteral("timeout_ms")).toInteger();
        QVERIFY2(left > 0 && left <= 5000 - 650, qPrintable(QString::number(left)));
    }

    void aQuestionOfARunThatEndedIsDropped()
    {
        test::StudioAgentFixture fixture;
        QVERIFY(fixture.start());
        QStringList asked;
        bool finishSent = false;
        fixture.connection.setConfirmer([&](const QJsonObject& request) {
            asked.append(request.value(QStringLiteral("run_id")).toString());
            if (!finishSent) {
                // While the first is on screen, the second run is cancelled.
                finishSent = true;
                fixture.agent.notify(QStringLiteral("run.finished"),
                                     {{QStringLiteral("run_id"), QStringLiteral("r-2")},
                                      {QStringLiteral("app"), QStringLiteral("b")},
                                      {QStringLiteral("status"), QStringLiteral("cancelled")}});
                QEventLoop wait;
                QTimer::singleShot(300, &wait, &QEventLoop::quit);
                wait.exec();
            }
            return QStringLiteral("allow-run");
        });
        Answers first;
        Answers dropped;
        fixture.agent.request(QStringLiteral("confirm.request"),
                              confirmation(QStringLiteral("r-1"), QStringLiteral("a"), 60000), first.handler());
        fixture.agent.request(QStringLiteral("confirm.request"),
                              confirmation(QStringLiteral("r-2"), QStringLiteral("b"), 60000), dropped.handler());
        QTRY_COMPARE(first.answers, QStringList{QStringLiteral("allow-run")});
        QTRY_COMPARE(dropped.answers, QStringList{QStringLiteral("deny")});
        QTest::qWait(100);
        QCOMPARE(asked, QStringList{QStringLiteral("r-1")});
        QCOMPARE(fixture.connection.queuedConfirmations(), 0);
    }
};

QTEST_MAIN(TestAgentConnection)
#include "TestAgentConnection.moc"
