// SPDX-License-Identifier: Apache-2.0
// corral-studio: the desktop builder. Wiring only; the windows live in corral_ui.
#include "Studio.h"
#include "crypto/SelfTest.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    corral::crypto::requireSelfTest();
    QApplication::setApplicationName(QStringLiteral("corral-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Corral Studio"));
    QApplication::setApplicationVersion(QStringLiteral(CORRAL_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Corral"));
    QApplication::setDesktopFileName(QStringLiteral("corral-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/corral.svg")));
    corral::ui::installTranslations(app);
    const corral::ui::StudioOptions options = corral::ui::parseStudioOptions(QApplication::arguments());
    return corral::ui::runStudio(app, options);
}
