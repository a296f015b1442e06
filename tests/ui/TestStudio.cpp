// SPDX-License-Identifier: Apache-2.0
#include "Studio.h"
#include "Theme.h"

#include <QApplication>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace corral::ui;

class TestStudio : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheOptions();
    void defaultsKeepTheSystemPalette();
    void colorSchemeReplacesThePalette();
    void screenshotModeSavesThePicture();
    void germanTranslationLoads(); // last: it installs translators for the rest of the run
};

void TestStudio::parsesTheOptions()
{
    const StudioOptions options = parseStudioOptions(
        {QStringLiteral("corral-studio"), QStringLiteral("--color-scheme"), QStringLiteral("dark"),
         QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.png"), QStringLiteral("--search"),
         QStringLiteral("sales report"), QStringLiteral("--select"), QStringLiteral("incident-triage")});
    QCOMPARE(options.colorScheme, QStringLiteral("dark"));
    QCOMPARE(options.screenshotPath, QStringLiteral("/tmp/x.png"));
    QCOMPARE(options.search, QStringLiteral("sales report"));
    QCOMPARE(options.select, QStringLiteral("incident-triage"));
    QVERIFY(options.startAgent);

    const StudioOptions withSocket =
        parseStudioOptions({QStringLiteral("corral-studio"), QStringLiteral("--socket"), QStringLiteral("/tmp/a.sock"),
                            QStringLiteral("--page"), QStringLiteral("usage"), QStringLiteral("--wizard"),
                            QStringLiteral("sales-summarizer"), QStringLiteral("--wizard-step"), QStringLiteral("3")});
    QCOMPARE(withSocket.socketPath, QStringLiteral("/tmp/a.sock"));
    QVERIFY(!withSocket.startAgent);
    QCOMPARE(withSocket.page, QStringLiteral("usage"));
    QCOMPARE(withSocket.wizardTemplate, QStringLiteral("sales-summarizer"));
    QCOMPARE(withSocket.wizardStep, 3);
}

void TestStudio::defaultsKeepTheSystemPalette()
{
    const StudioOptions options = parseStudioOptions({QStringLiteral("corral-studio")});
    QVERIFY(options.colorScheme.isEmpty());
    QVERIFY(options.screenshotPath.isEmpty());
    const QPalette before = QApplication::palette();
    applyColorScheme(options.colorScheme);
    QCOMPARE(QApplication::palette(), before);
}

void TestStudio::colorSchemeReplacesThePalette()
{
    applyColorScheme(QStringLiteral("dark"));
    QVERIFY(theme::isDark(QApplication::palette()));
    QCOMPARE(QApplication::palette().color(QPalette::Base), theme::darkPalette().color(QPalette::Base));
    applyColorScheme(QStringLiteral("light"));
    QVERIFY(!theme::isDark(QApplication::palette()));
}

void TestStudio::screenshotModeSavesThePicture()
{
    QTemporaryDir dir;
    StudioOptions options;
    options.colorScheme = QStringLiteral("light");
    options.screenshotPath = dir.filePath(QStringLiteral("studio.png"));
    options.select = QStringLiteral("incident-triage");
    // No agent answers here: the studio still shows the Templates page.
    options.socketPath = dir.filePath(QStringLiteral("no-agent.sock"));
    options.startAgent = false;
    QCOMPARE(runStudio(*qApp, options), 0);
    const QImage image(options.screenshotPath);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 600);
    QVERIFY(image.height() >= 400);

    // A folder that cannot be written fails with status 1.
    options.screenshotPath = dir.filePath(QStringLiteral("missing/studio.png"));
    QCOMPARE(runStudio(*qApp, options), 1);
}

void TestStudio::germanTranslationLoads()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    installTranslations(*qApp);
    QCOMPARE(QCoreApplication::translate("corral::ui::TemplatesPage", "Templates"), QStringLiteral("Vorlagen"));
    QCOMPARE(QCoreApplication::translate("corral::ui::TemplateListModel", "Certified"), QStringLiteral("Zertifiziert"));
    QCOMPARE(QCoreApplication::translate("corral::ui::ConfirmDialog", "&Deny"), QStringLiteral("A&blehnen"));
    QCOMPARE(QCoreApplication::translate("corral::ui::ConfirmDialog",
                                         "If you do not answer, Corral denies in %n second(s).", nullptr, 5),
             QStringLiteral("Wenn Sie nicht antworten, lehnt Corral in 5 Sekunden ab."));
    QCOMPARE(QCoreApplication::translate("corral::ui::TemplatesPage", "No templates match \u201c%1\u201d.")
                 .arg(QStringLiteral("xyz")),
             QStringLiteral("Keine Vorlage passt zu \u201exyz\u201c."));
}

QTEST_MAIN(TestStudio)
#include "TestStudio.moc"
