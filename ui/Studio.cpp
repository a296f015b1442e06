// SPDX-License-Identifier: Apache-2.0
#include "Studio.h"

#include "AgentConnection.h"
#include "AppsPage.h"
#include "MainWindow.h"
#include "NewAppWizard.h"
#include "Paths.h"
#include "StudioTray.h"
#include "TemplatesPage.h"
#include "Theme.h"
#include "agent/AgentPaths.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPixmap>
#include <QStyleFactory>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <cstdlib>

namespace corral::ui {

namespace {

bool installTranslator(QCoreApplication& app, const QString& name, const QString& directory)
{
    auto* translator = new QTranslator(&app);
    if (translator->load(QLocale(), name, QStringLiteral("_"), directory)) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

} // namespace

StudioOptions parseStudioOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("corral::ui::Studio", "Corral Studio: build small AI "
                                                                                   "tools from curated templates."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scheme(
        QStringLiteral("color-scheme"),
        QApplication::translate("corral::ui::Studio", "Use a light or dark palette instead of the system's."),
        QStringLiteral("light|dark"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window and quit."),
                                  QStringLiteral("file"));
    QCommandLineOption search(QStringLiteral("search"), QStringLiteral("Start with this search text."),
                              QStringLiteral("text"));
    QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Start with this template selected."),
                              QStringLiteral("id"));
    const QCommandLineOption socket(
        QStringLiteral("socket"),
        QApplication::translate("corral::ui::Studio", "Connect to the agent at this socket (never start one)."),
        QStringLiteral("path"));
    QCommandLineOption page(QStringLiteral("page"), QStringLiteral("Start on this page."), QStringLiteral("name"));
    QCommandLineOption selectApp(QStringLiteral("select-app"), QStringLiteral("Select this app."),
                                 QStringLiteral("name"));
    QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Run the selected app."));
    QCommandLineOption wizard(QStringLiteral("wizard"), QStringLiteral("Open the New app wizard."),
                              QStringLiteral("template"));
    QCommandLineOption wizardStep(QStringLiteral("wizard-step"), QStringLiteral("Go to this wizard step."),
                                  QStringLiteral("n"));
    QCommandLineOption autoConfirm(QStringLiteral("auto-confirm"), QStringLiteral("Answer confirmations with this."),
                                   QStringLiteral("choice"));
    QCommandLineOption delay(QStringLiteral("screenshot-delay"), QStringLiteral("Wait this long before the picture."),
                             QStringLiteral("ms"));
    for (QCommandLineOption* hidden :
         {&screenshot, &search, &select, &page, &selectApp, &run, &wizard, &wizardStep, &autoConfirm, &delay})
        hidden->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions(
        {scheme, screenshot, search, select, socket, page, selectApp, run, wizard, wizardStep, autoConfirm, delay});

    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "corral-studio: %s\n", qPrintable(parser.errorText()));
        std::exit(2);
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    StudioOptions options{parser.value(scheme), parser.value(screenshot), parser.value(search), parser.value(select)};
    options.socketPath = parser.value(socket);
    options.startAgent = options.socketPath.isEmpty();
    options.page = parser.value(page);
    options.selectApp = parser.value(selectApp);
    options.run = parser.isSet(run);
    options.wizardTemplate = parser.value(wizard);
    options.wizardStep = parser.value(wizardStep).toInt();
    options.autoConfirm = parser.value(autoConfirm);
    if (parser.isSet(delay))
        options.screenshotDelayMs = parser.value(delay).toInt();
    if (!options.colorScheme.isEmpty() && options.colorScheme != QLatin1String("light") &&
        options.colorScheme != QLatin1String("dark")) {
        std::fprintf(stderr, "corral-studio: --color-scheme must be light or dark, not '%s'\n",
                     qPrintable(options.colorScheme));
        std::exit(2);
    }
    return options;
}

void installTranslations(QCoreApplication& app)
{
    installTranslator(app, QStringLiteral("corral"), QStringLiteral(":/i18n"));
    const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    installTranslator(app, QStringLiteral("qtbase"), qtTranslations);
    installTranslator(app, QStringLiteral("qscintilla"), qtTranslations);
}

void applyColorScheme(const QString& scheme)
{
    if (scheme != QLatin1String("light") && scheme != QLatin1String("dark"))
        return;
    // Fusion draws every control from the palette, so an explicit scheme looks coherent
    // whatever the platform style is.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(scheme == QLatin1String("dark") ? theme::darkPalette() : theme::lightPalette());
}

int runStudio(QApplication& app, const StudioOptions& options)
{
    applyColorScheme(options.colorScheme);
    AgentConnection agent;
    const QString socketPath =
        options.socketPath.isEmpty() ? agent::AgentPaths::fromEnvironment().socketPath : options.socketPath;
    const QString program = options.startAgent
                                ? QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("corral-agent"))
                                : QString();
    if (const Result<void> connected = agent.connectToAgent(socketPath, program); !connected.ok())
        std::fprintf(stderr, "corral-studio: %s\n", qPrintable(connected.error().toString()));
    if (!options.autoConfirm.isEmpty())
        agent.setConfirmer([answer = options.autoConfirm](const QJsonObject&) { return answer; });

    MainWindow window(&agent);
    StudioTray tray(&agent, &window);
    window.templatesPage()->loadTemplates(paths::templatesDir());
    if (!options.search.isEmpty())
        window.templatesPage()->setSearchText(options.search);
    if (!options.select.isEmpty() && !window.templatesPage()->selectTemplate(options.select))
        std::fprintf(stderr, "corral-studio: no template '%s' to select\n", qPrintable(options.select));
    const QStringList pages{QStringLiteral("templates"), QStringLiteral("apps"),   QStringLiteral("activity"),
                            QStringLiteral("usage"),     QStringLiteral("grants"), QStringLiteral("policy")};
    if (!options.page.isEmpty())
        window.showPage(MainWindow::Page(qMax(0, pages.indexOf(options.page))));
    if (!options.selectApp.isEmpty()) {
        QObject::connect(
            window.appsPage(), &AppsPage::appsLoaded, &window,
            [&window, &options] { window.appsPage()->selectApp(options.selectApp); }, Qt::SingleShotConnection);
        if (options.run)
            QObject::connect(
                window.appsPage(), &AppsPage::appLoaded, &window, [&window] { window.appsPage()->startRun(); },
                Qt::SingleShotConnection);
    }
    window.show();
    QWidget* shown = &window;
    if (!options.wizardTemplate.isEmpty()) {
        if (NewAppWizard* wizard = window.startNewApp(options.wizardTemplate)) {
            for (int step = 0; step < options.wizardStep; ++step)
                wizard->next();
            shown = wizard;
        }
    }

    if (options.screenshotPath.isEmpty())
        return app.exec();

    int status = 1;
    // After the delay the picture shows a modal dialog if one is up (a confirmation), else
    // the wizard or the window.
    QTimer::singleShot(options.screenshotDelayMs, &window, [&] {
        QWidget* target = QApplication::activeModalWidget() ? QApplication::activeModalWidget() : shown;
        if (target->grab().save(options.screenshotPath, "PNG"))
            status = 0;
        else
            std::fprintf(stderr, "corral-studio: cannot write %s\n", qPrintable(options.screenshotPath));
        app.exit(0);
    });
    app.exec();
    return status;
}

} // namespace corral::ui
