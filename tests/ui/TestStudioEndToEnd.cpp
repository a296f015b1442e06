// SPDX-License-Identifier: Apache-2.0
// The studio end to end: the real widgets against a real agent running in this process on a
// temporary socket. A new user builds sales-summarizer from its template, runs it on a
// folder of sales notes, allows the write once and sees the output and the audit log, in
// at most 12 clicks; a confirmation nobody answers times out as deny and the run stops
// with the reason shown.
#include "ActivityPage.h"
#include "AgentConnection.h"
#include "AppsPage.h"
#include "ConfirmDialog.h"
#include "MainWindow.h"
#include "ManifestWorkbench.h"
#include "NewAppWizard.h"
#include "Paths.h"
#include "TemplateFilterModel.h"
#include "TemplateGalleryView.h"
#include "TemplateListModel.h"
#include "TemplatesPage.h"
#include "TestSupport.h"
#include "agent/AgentDaemon.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace corral;
using namespace corral::ui;

namespace {

constexpr int kMaxClicks = 12;

// What a person does with the mouse, counted. A person can only click what is shown and
// enabled, so anything else is refused (false) and not counted.
class User
{
public:
    bool click(QWidget* widget, QPoint pos = QPoint())
    {
        if (!widget || !widget->isVisible() || !widget->isEnabled())
            return false;
        QTest::mouseClick(widget, Qt::LeftButton, Qt::NoModifier, pos);
        ++m_clicks;
        return true;
    }

    // Clicks an item of a list, table or gallery where it is drawn.
    bool clickItem(QAbstractItemView* view, const QModelIndex& index)
    {
        if (!view || !index.isValid())
            return false;
        const QRect rect = view->visualRect(index);
        if (!view->viewport()->rect().contains(rect.center()))
            return false; // scrolled out of sight
        return click(view->viewport(), rect.center());
    }

    int clicks() const { return m_clicks; }

private:
    int m_clicks = 0;
};

// The confirmation dialog runs its own event loop inside the studio's confirm.request
// handler, so it is watched from a timer: it records what the dialog showed and, like a
// person who reads it first, clicks `choice` after the key guard (or never, when empty).
class ConfirmWatcher : public QObject
{
public:
    ConfirmWatcher(User& user, const QString& choice) : m_user(user), m_choice(choice)
    {
        connect(&m_poll, &QTimer::timeout, this, &ConfirmWatcher::poll);
        m_poll.start(20);
    }

    bool seen = false;
    bool clicked = false;
    qint64 openMs = -1; // how long the dialog stayed open
    QString title, app, action, target, reason, preview, countdown;
    int countdownMaximum = 0;
    bool denyIsDefault = false;
    bool denyHasFocus = false;
    QStringList buttons;

private:
    void poll()
    {
        if (!m_dialog) {
            if (seen) {
                if (openMs < 0)
                    openMs = m_open.elapsed();
                return;
            }
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                if (auto* dialog = qobject_cast<ConfirmDialog*>(widget); dialog && dialog->isVisible())
                    record(dialog);
            }
            return;
        }
        if (!m_choice.isEmpty() && !clicked && m_open.elapsed() > ConfirmDialog::kKeyGuardMs + 100)
            clicked = m_user.click(m_dialog->button(m_choice));
    }

    void record(ConfirmDialog* dialog)
    {
        m_dialog = dialog;
        m_open.start();
        seen = true;
        const auto text = [dialog](const char* name) {
            // QLabel or ElidedLabel: both have a text property.
            const auto* label = dialog->findChild<QWidget*>(QLatin1String(name));
            return label ? label->property("text").toString() : QString();
        };
        title = text("confirmTitle");
        app = text("confirmApp");
        action = text("confirmAction");
        target = text("confirmTarget");
        reason = text("confirmReason");
        countdown = text("confirmCountdown");
        if (const auto* edit = dialog->findChild<QPlainTextEdit*>(QStringLiteral("confirmPreview")))
            preview = edit->toPlainText();
        if (const auto* bar = dialog->findChild<QProgressBar*>(QStringLiteral("confirmCountdownBar")))
            countdownMaximum = bar->maximum();
        for (const char* choice : {"always", "allow-run", "allow-once", "deny"}) {
            if (dialog->button(QLatin1String(choice)))
                buttons.append(QLatin1String(choice));
        }
        QPushButton* deny = dialog->button(QStringLiteral("deny"));
        denyIsDefault = deny && deny->isDefault();
        // The dialog's focus child: the window may not be active yet on this platform.
        denyHasFocus = deny && dialog->focusWidget() == deny;
    }

    User& m_user;
    QString m_choice;
    QTimer m_poll;
    QPointer<ConfirmDialog> m_dialog;
    QElapsedTimer m_open;
};

QStringList tableColumn(const QTableWidget* table, int column)
{
    QStringList cells;
    for (int row = 0; row < table->rowCount(); ++row)
        cells.append(table->item(row, column) ? table->item(row, column)->text() : QString());
    return cells;
}

} // namespace

class TestStudioEndToEnd : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_home;
    std::unique_ptr<agent::AgentDaemon> m_agent;
    QString m_socket;

    // A fresh home with sales notes and an empty outbox, and an agent of its own.
    void startAgent(int confirmTimeoutMs)
    {
        m_agent.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_home = m_dir->filePath(QStringLiteral("home"));
        const QString sales = m_home + QStringLiteral("/Documents/Sales/");
        corral::test::writeFileCreatingFolders(
            sales + QStringLiteral("week48.txt"),
            "Call with Acme Corp on Monday. Acme signed the renewal for 120 seats, a win worth 84,000 EUR.\n\n"
            "Globex put the expansion on hold because of a budget cut; the risk is that they churn in Q1.\n\n"
            "Next step: send the revised proposal to Initech by Friday and schedule a demo for their IT "
            "team.\n");
        corral::test::writeFileCreatingFolders(
            sales + QStringLiteral("pipeline.md"),
            "# Pipeline\n\nThe Initech deal moved to negotiation. Risk: their budget review in January.\n");
        QVERIFY(QDir().mkpath(m_home + QStringLiteral("/Corral/Outbox")));
        qputenv("XDG_DATA_HOME", m_dir->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_dir->filePath(QStringLiteral("run")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_dir->filePath(QStringLiteral("config")).toUtf8());
        const agent::AgentPaths paths = agent::AgentPaths::fromEnvironment();
        agent::AgentDaemon::Options options;
        options.confirmTimeoutMs = confirmTimeoutMs;
        options.homeDir = m_home;
        Result<std::unique_ptr<agent::AgentDaemon>> daemon = agent::AgentDaemon::start(paths, options);
        QVERIFY2(daemon.ok(), qPrintable(daemon.ok() ? QString() : daemon.error().toString()));
        m_agent = std::move(daemon.value());
        m_socket = paths.socketPath;
    }

    QStringList outbox() const { return QDir(m_home + QStringLiteral("/Corral/Outbox")).entryList(QDir::Files); }

    // From the Templates page to a saved sales-summarizer selected in My apps, with the
    // wizard's default answers.
    void buildSalesSummarizer(MainWindow& window, User& user)
    {
        QCOMPARE(window.currentPage(), MainWindow::Templates);
        TemplatesPage* templates = window.templatesPage();
        auto* gallery = templates->findChild<TemplateGalleryView*>(QStringLiteral("templateGallery"));
        QVERIFY(gallery);
        QModelIndex card;
        for (int row = 0; row < templates->filterModel()->rowCount(); ++row) {
            const QModelIndex index = templates->filterModel()->index(row, 0);
            if (index.data(TemplateListModel::IdRole).toString() == QLatin1String("sales-summarizer"))
                card = index;
        }
        QVERIFY(card.isValid());
        QVERIFY2(user.clickItem(gallery, card), "the sales-summarizer card is not in sight");
        QCOMPARE(templates->currentTemplateId(), QStringLiteral("sales-summarizer"));
        QVERIFY(user.click(templates->findChild<QPushButton*>(QStringLiteral("useTemplateButton"))));

        QPointer<NewAppWizard> wizard = window.findChild<NewAppWizard*>();
        QVERIFY(wizard);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QCOMPARE(wizard->currentId(), int(NewAppWizard::TemplatePage));
        for (int page = NewAppWizard::PurposePage; page <= NewAppWizard::ReviewPage; ++page) {
            QVERIFY(user.click(wizard->button(QWizard::NextButton)));
            QCOMPARE(wizard->currentId(), page);
        }
        // The defaults: the app's name and the notes folder in My documents.
        QCOMPARE(wizard->appName(), QStringLiteral("sales-summarizer"));
        QCOMPARE(wizard->answers().value(QStringLiteral("notes_folder")).toString(), QStringLiteral("Sales"));
        // The pre-deploy checks: the manifest is valid and the policy allows the app (the
        // write is confirmed when the run gets there).
        QTRY_COMPARE_WITH_TIMEOUT(wizard->workbench()->decision(), QStringLiteral("allow"), 10000);
        QVERIFY(wizard->workbench()->isValid());
        QVERIFY(user.click(wizard->button(QWizard::FinishButton)));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.isNull() || !wizard->isVisible(), 10000);

        // Saved: My apps shows the new app selected, ready to run.
        QTRY_COMPARE(window.currentPage(), MainWindow::Apps);
        QTRY_COMPARE(window.appsPage()->currentApp(), QStringLiteral("sales-summarizer"));
        QTRY_VERIFY(window.findChild<QPushButton*>(QStringLiteral("runButton"))->isEnabled());
    }

private Q_SLOTS:
    void cleanup()
    {
        m_agent.reset();
        m_dir.reset();
    }

    void newUserBuildsRunsAndAudits()
    {
        startAgent(60000);
        AgentConnection connection;
        QVERIFY(connection.connectToAgent(m_socket).ok());
        MainWindow window(&connection);
        window.templatesPage()->loadTemplates(paths::templatesDir());
        window.resize(1280, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        User user;

        buildSalesSummarizer(window, user);
        if (QTest::currentTestFailed())
            return;

        // Run with the input's default, confirm the write once.
        AppsPage* apps = window.appsPage();
        QCOMPARE(apps->inputValues().value(QStringLiteral("period_name")).toString(), QStringLiteral("this week"));
        QSignalSpy finished(apps, &AppsPage::runFinished);
        QSignalSpy answered(&connection, &AgentConnection::confirmationAnswered);
        QSignalSpy events(&connection, &AgentConnection::runEvent);
        ConfirmWatcher confirm(user, QStringLiteral("allow-once"));
        QVERIFY(user.click(window.findChild<QPushButton*>(QStringLiteral("runButton"))));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY2(finished.at(0).at(0).toString() == QLatin1String("done"), qPrintable(apps->statusLabel()->text()));

        // The dialog said who wants to do what, where and why, with Deny as the default.
        QVERIFY(confirm.seen);
        QVERIFY(confirm.clicked);
        QVERIFY2(confirm.title.contains(QStringLiteral("write a file")), qPrintable(confirm.title));
        QCOMPARE(confirm.app, QStringLiteral("sales-summarizer"));
        QCOMPARE(confirm.action, QStringLiteral("files.write"));
        QVERIFY2(confirm.target.contains(QStringLiteral("sales-summary-")), qPrintable(confirm.target));
        QVERIFY(!confirm.reason.isEmpty());
        QVERIFY2(confirm.preview.startsWith(QStringLiteral("# Sales summary: this week")), qPrintable(confirm.preview));
        QCOMPARE(confirm.countdownMaximum, 60000);
        QVERIFY2(confirm.countdown.contains(QRegularExpression(QStringLiteral("denies in (60|59) second"))),
                 qPrintable(confirm.countdown));
        QCOMPARE(confirm.buttons, (QStringList{QStringLiteral("always"), QStringLiteral("allow-run"),
                                               QStringLiteral("allow-once"), QStringLiteral("deny")}));
        QVERIFY(confirm.denyIsDefault);
        QVERIFY(confirm.denyHasFocus);
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered.at(0).at(1).toString(), QStringLiteral("allow-once"));

        // The output, the steps and the decisions on the Run tab, and the file in the outbox.
        QCOMPARE(apps->statusLabel()->text(), QStringLiteral("Finished"));
        const QString output = apps->outputView()->toPlainText();
        QVERIFY2(output.startsWith(QStringLiteral("# Sales summary: this week")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("Acme")), qPrintable(output));
        QVERIFY(!apps->usageLabel()->text().isEmpty());
        for (int step = 0; step < 6; ++step) {
            QVERIFY(apps->stepProgress(step));
            QVERIFY(apps->stepProgress(step)->maximum() > 0);
            QCOMPARE(apps->stepProgress(step)->value(), apps->stepProgress(step)->maximum());
        }
        QStringList log;
        for (int row = 0; row < apps->runLog()->count(); ++row)
            log.append(apps->runLog()->item(row)->text());
        QVERIFY2(log.filter(QStringLiteral("Asking you before it may write a file")).size() == 1,
                 qPrintable(log.join(QLatin1Char('\n'))));
        QVERIFY2(log.filter(QStringLiteral("You allowed it to write a file")).size() == 1,
                 qPrintable(log.join(QLatin1Char('\n'))));
        const QStringList written = outbox();
        QCOMPARE(written.size(), 1);
        QVERIFY(written.first().startsWith(QStringLiteral("sales-summary-")));
        QFile summary(m_home + QStringLiteral("/Corral/Outbox/") + written.first());
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(summary.readAll()).trimmed(), output.trimmed());

        // The audit entries of the run, and the log verifies.
        ActivityPage* activity = window.activityPage();
        QSignalSpy loaded(activity, &ActivityPage::recordsLoaded);
        QSignalSpy verified(activity, &ActivityPage::verified);
        QVERIFY(user.clickItem(window.sidebar(), window.sidebar()->model()->index(MainWindow::Activity, 0)));
        QCOMPARE(window.currentPage(), MainWindow::Activity);
        QTRY_COMPARE(loaded.size(), 1);
        QTRY_COMPARE(verified.size(), 1);
        QVERIFY(verified.at(0).at(0).toBool());
        const QString banner = activity->verificationBanner()->text();
        QVERIFY2(banner.startsWith(QStringLiteral("The activity log is intact: %1 record(s), verified up to "
                                                  "checkpoint")
                                       .arg(activity->table()->rowCount())),
                 qPrintable(banner));
        QString runId;
        for (const QList<QVariant>& event : std::as_const(events)) {
            if (event.at(0).toString() == QLatin1String("run.finished"))
                runId = event.at(1).toJsonObject().value(QStringLiteral("run_id")).toString();
        }
        QVERIFY(!runId.isEmpty());
        // Every record is this run's, newest first: from run.finished down to run.started,
        // with the write's confirmation in between.
        const QStringList types = tableColumn(activity->table(), 2);
        const QStringList appsColumn = tableColumn(activity->table(), 3);
        const QStringList what = tableColumn(activity->table(), 4);
        QVERIFY(types.size() > 3);
        QCOMPARE(types.first(), QStringLiteral("run.finished"));
        QCOMPARE(types.last(), QStringLiteral("run.started"));
        QVERIFY2(what.first().startsWith(QStringLiteral("done")), qPrintable(what.first()));
        const qsizetype confirmed = types.indexOf(QStringLiteral("action.confirmed"));
        QVERIFY2(confirmed > 0, qPrintable(types.join(QLatin1Char(' '))));
        QVERIFY2(what.at(confirmed).startsWith(QStringLiteral("files.write")), qPrintable(what.at(confirmed)));
        for (int row = 0; row < types.size(); ++row) {
            QCOMPARE(appsColumn.at(row), QStringLiteral("sales-summarizer"));
            QVERIFY2(what.at(row).endsWith(runId), qPrintable(what.at(row)));
        }

        qInfo("clicks: %d", user.clicks());
        QVERIFY2(user.clicks() <= kMaxClicks, qPrintable(QString::number(user.clicks())));
    }

    void unansweredConfirmationStopsTheRunWithTheReason()
    {
        const int timeoutMs = 1500;
        startAgent(timeoutMs);
        AgentConnection connection;
        QVERIFY(connection.connectToAgent(m_socket).ok());
        MainWindow window(&connection);
        window.templatesPage()->loadTemplates(paths::templatesDir());
        window.resize(1280, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        User user;

        buildSalesSummarizer(window, user);
        if (QTest::currentTestFailed())
            return;

        AppsPage* apps = window.appsPage();
        QSignalSpy finished(apps, &AppsPage::runFinished);
        QSignalSpy answered(&connection, &AgentConnection::confirmationAnswered);
        ConfirmWatcher confirm(user, QString()); // nobody answers
        QVERIFY(user.click(window.findChild<QPushButton*>(QStringLiteral("runButton"))));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("refused"));

        // The dialog counted down from the request's timeout and then answered deny itself.
        QVERIFY(confirm.seen);
        QCOMPARE(confirm.countdownMaximum, timeoutMs);
        QVERIFY2(confirm.countdown.contains(QRegularExpression(QStringLiteral("denies in [12] second"))),
                 qPrintable(confirm.countdown));
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 5000);
        QCOMPARE(answered.at(0).at(1).toString(), QStringLiteral("deny"));
        QTRY_VERIFY(confirm.openMs >= 0);
        QVERIFY2(confirm.openMs >= timeoutMs - 100, qPrintable(QString::number(confirm.openMs)));
        QVERIFY(!confirm.clicked);

        // The run page says why the run stopped, and nothing was written.
        const QString status = apps->statusLabel()->text();
        QVERIFY2(status.startsWith(QStringLiteral("Stopped: you denied a confirmation (or it timed out): ")),
                 qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("nobody answered within 1.5 s")), qPrintable(status));
        QCOMPARE(apps->statusLabel()->toolTip(), QStringLiteral("confirmation.refused"));
        QStringList denies;
        for (int row = 0; row < apps->runLog()->count(); ++row) {
            if (apps->runLog()->item(row)->data(Qt::UserRole).toString() == QLatin1String("deny"))
                denies.append(apps->runLog()->item(row)->text());
        }
        QCOMPARE(denies.size(), 1);
        QVERIFY2(denies.first().startsWith(QStringLiteral("You denied: write a file")), qPrintable(denies.first()));
        QCOMPARE(apps->stepProgress(5)->value(), 0);
        QVERIFY(outbox().isEmpty());
        QVERIFY(user.clicks() <= kMaxClicks);
    }
};

QTEST_MAIN(TestStudioEndToEnd)
#include "TestStudioEndToEnd.moc"
