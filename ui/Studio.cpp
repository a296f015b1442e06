// SPDX-License-Identifier: Apache-2.0
#include "Studio.h"

#include "MainWindow.h"
#include "Paths.h"
#include "TemplatesPage.h"
#include "Theme.h"

#include <QApplication>
#include <QCommandLineParser>
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

// Long enough for the first layout and paint of every widget, short enough for a script.
constexpr int kScreenshotDelayMs = 400;

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
    for (QCommandLineOption* hidden : {&screenshot, &search, &select})
        hidden->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({scheme, screenshot, search, select});

    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "corral-studio: %s\n", qPrintable(parser.errorText()));
        std::exit(2);
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    StudioOptions options{parser.value(scheme), parser.value(screenshot), parser.value(search), parser.value(select)};
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
    MainWindow window;
    window.templatesPage()->loadTemplates(paths::templatesDir());
    if (!options.search.isEmpty())
        window.templatesPage()->setSearchText(options.search);
    if (!options.select.isEmpty() && !window.templatesPage()->selectTemplate(options.select))
        std::fprintf(stderr, "corral-studio: no template '%s' to select\n", qPrintable(options.select));
    window.show();

    if (options.screenshotPath.isEmpty())
        return app.exec();

    int status = 1;
    QTimer::singleShot(kScreenshotDelayMs, &window, [&] {
        if (window.grab().save(options.screenshotPath, "PNG"))
            status = 0;
        else
            std::fprintf(stderr, "corral-studio: cannot write %s\n", qPrintable(options.screenshotPath));
        app.quit();
    });
    app.exec();
    return status;
}

} // namespace corral::ui
