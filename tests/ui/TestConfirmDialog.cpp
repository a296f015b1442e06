// SPDX-License-Identifier: Apache-2.0
#include "ConfirmDialog.h"

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTextCursor>

using namespace corral::ui;

namespace {

QJsonObject request(const QStringList& choices, int timeoutMs = 60000)
{
    return {{QStringLiteral("run_id"), QStringLiteral("r-1")},
            {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
            {QStringLiteral("step"), QStringLiteral("save")},
            {QStringLiteral("action"), QStringLiteral("files.write")},
            {QStringLiteral("target"), QStringLiteral("~/Outbox/sales-summary.md")},
            {QStringLiteral("reason"), QStringLiteral("writing files needs your confirmation")},
            {QStringLiteral("preview"), QStringLiteral("# Sales summary")},
            {QStringLiteral("choices"), QJsonArray::fromStringList(choices)},
            {QStringLiteral("timeout_ms"), timeoutMs}};
}

const QStringList kAll{QStringLiteral("deny"), QStringLiteral("allow-once"), QStringLiteral("allow-run"),
                       QStringLiteral("always")};

} // namespace

class TestConfirmDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsTheRequest();
    void denyIsTheDefault();
    void keysAreIgnoredDuringTheFirstHalfSecond();
    void clickingAllowAnswers();
    void timeoutDenies();
    void alwaysOnlyWhenOffered();
    void personalDataIsHighlighted();
};

void TestConfirmDialog::showsTheRequest()
{
    ConfirmDialog dialog(request(kAll));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("confirmTitle"))->text().contains(QStringLiteral("write a file")));
    QVERIFY(
        dialog.findChild<QLabel*>(QStringLiteral("confirmReason"))->text().contains(QStringLiteral("confirmation")));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("confirmCountdown"))->text().contains(QStringLiteral("60")));
}

void TestConfirmDialog::denyIsTheDefault()
{
    ConfirmDialog dialog(request(kAll));
    QVERIFY(dialog.button(QStringLiteral("deny"))->isDefault());
    for (const QString& choice : {QStringLiteral("allow-once"), QStringLiteral("allow-run"), QStringLiteral("always")})
        QVERIFY(!dialog.button(choice)->isDefault());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::qWait(ConfirmDialog::kKeyGuardMs + 100);
    // Enter after the guard activates the default button: Deny.
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &dialog, Qt::Key_Return);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.answer(), QStringLiteral("deny"));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestConfirmDialog::keysAreIgnoredDuringTheFirstHalfSecond()
{
    ConfirmDialog dialog(request(kAll));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton* allow = dialog.button(QStringLiteral("allow-once"));
    allow->setFocus();
    // Space on a focused button clicks it, Enter/Escape act on the dialog: all ignored now.
    QTest::keyClick(allow, Qt::Key_Space);
    QTest::keyClick(allow, Qt::Key_Return);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QTest::keyClick(allow, Qt::Key_A, Qt::AltModifier);
    // Measured by the dialog's own clock, which started when it was shown.
    const int elapsed = 60000 - dialog.remainingMs();
    if (elapsed >= ConfirmDialog::kKeyGuardMs)
        QSKIP("the machine was too slow to press the keys within the guard period");
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.answer(), QStringLiteral("deny"));

    QTest::qWait(ConfirmDialog::kKeyGuardMs - (60000 - dialog.remainingMs()) + 100);
    allow->setFocus();
    QTest::keyClick(allow, Qt::Key_Space);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.answer(), QStringLiteral("allow-once"));
}

void TestConfirmDialog::clickingAllowAnswers()
{
    ConfirmDialog dialog(request(kAll));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.button(QStringLiteral("allow-run")), Qt::LeftButton);
    QCOMPARE(dialog.answer(), QStringLiteral("allow-run"));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestConfirmDialog::timeoutDenies()
{
    ConfirmDialog dialog(request(kAll, 1200));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* countdown = dialog.findChild<QLabel*>(QStringLiteral("confirmCountdown"));
    QVERIFY(countdown->text().contains(QStringLiteral("2 second")) ||
            countdown->text().contains(QStringLiteral("1 second")));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 3000);
    QCOMPARE(dialog.answer(), QStringLiteral("deny"));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(dialog.remainingMs(), 0);
}

void TestConfirmDialog::alwaysOnlyWhenOffered()
{
    ConfirmDialog without(request({QStringLiteral("deny"), QStringLiteral("allow-once"), QStringLiteral("allow-run")}));
    QVERIFY(without.button(QStringLiteral("always")) == nullptr);
    QVERIFY(without.button(QStringLiteral("allow-run")) != nullptr);
    QVERIFY(without.findChild<QPushButton*>(QStringLiteral("confirm-always")) == nullptr);

    ConfirmDialog with(request(kAll));
    QVERIFY(with.button(QStringLiteral("always")) != nullptr);

    // Deny is always there, even when the request forgets it.
    ConfirmDialog minimal(request({QStringLiteral("allow-once")}));
    QVERIFY(minimal.button(QStringLiteral("deny")) != nullptr);
    QVERIFY(minimal.button(QStringLiteral("allow-run")) == nullptr);
}

void TestConfirmDialog::personalDataIsHighlighted()
{
    QJsonObject r = request(kAll);
    // Code-point offsets: the emoji before the address is one code point, two UTF-16 units.
    r.insert(QStringLiteral("preview"), QStringLiteral("Hi \U0001F600 mail dana@contoso.example now"));
    r.insert(QStringLiteral("findings"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("EMAIL")},
                                                                {QStringLiteral("start"), 10},
                                                                {QStringLiteral("end"), 30}}});
    ConfirmDialog dialog(r);
    auto* preview = dialog.findChild<QPlainTextEdit*>(QStringLiteral("confirmPreview"));
    QVERIFY(preview);
    const auto formatAt = [&](int position) {
        QTextCursor cursor(preview->document());
        cursor.setPosition(position + 1); // the format of the character before the cursor
        return cursor.charFormat();
    };
    const int at = preview->toPlainText().indexOf(QStringLiteral("dana@"));
    QVERIFY(formatAt(at).background().style() != Qt::NoBrush);
    QCOMPARE(formatAt(at).toolTip(), QStringLiteral("Personal data: EMAIL"));
    QVERIFY(formatAt(at + 19).background().style() != Qt::NoBrush); // the last 'e'
    QCOMPARE(formatAt(at + 20).background().style(), Qt::NoBrush);  // the space after it
    QCOMPARE(formatAt(0).background().style(), Qt::NoBrush);
}

QTEST_MAIN(TestConfirmDialog)
#include "TestConfirmDialog.moc"
