// SPDX-License-Identifier: Apache-2.0
// corral: the command line for creators, admins and scripts. Wiring only.
#include "Cli.h"
#include "Verbs.h"
#include "crypto/SelfTest.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    corral::crypto::requireSelfTest();
    QCoreApplication::setApplicationName(QStringLiteral("corral"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CORRAL_VERSION));
    corral::cli::Cli cli;
    corral::cli::registerAllVerbs(cli);
    return cli.run(app.arguments().mid(1), corral::cli::Io::standard());
}
