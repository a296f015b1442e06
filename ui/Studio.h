// SPDX-License-Identifier: Apache-2.0
// Start-up of corral-studio, kept out of main() so it can be tested: command-line options,
// translations, the colour scheme, the main window, and the screenshot mode that
// tools/screenshots.sh uses to capture the window under Xvfb.
#pragma once

#include <QString>
#include <QStringList>

class QApplication;
class QCoreApplication;

namespace corral::ui {

struct StudioOptions
{
    QString colorScheme;    // "light", "dark", or empty for the system's palette
    QString screenshotPath; // hidden: save a PNG of the window once shown, then quit
    QString search;         // hidden: start with this search text (for screenshots)
    QString select;         // hidden: start with this template selected (for screenshots)
    QString socketPath;     // the agent's socket; empty: the user's default
    bool startAgent = true; // start corral-agent when none answers (not with --socket)
    // Hidden, for tools/screenshots.sh: the page to show, the app to select and run, the
    // wizard to open at a step, the answer to give confirmations, and the screenshot delay.
    QString page;
    QString selectApp;
    bool run = false;
    QString wizardTemplate;
    int wizardStep = 0;
    QString autoConfirm;
    int screenshotDelayMs = 400;
};

// Parses the studio's command line. --help and --version print and exit; bad options print
// the problem and exit with status 2.
StudioOptions parseStudioOptions(const QStringList& arguments);

// Installs the studio's translation and Qt's own for the system locale (English needs none).
void installTranslations(QCoreApplication& app);

// "light" or "dark" replaces the application palette; anything else keeps the system's.
void applyColorScheme(const QString& scheme);

// Shows the main window with the shipped templates and runs the event loop; in screenshot
// mode saves the window as a PNG instead and returns 0 on success, 1 on failure.
int runStudio(QApplication& app, const StudioOptions& options);

} // namespace corral::ui
