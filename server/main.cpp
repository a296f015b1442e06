// SPDX-License-Identifier: Apache-2.0
// corral-server: the organisation's control plane. Wiring only; see ServerCli.
#include "ServerCli.h"
#include "crypto/SelfTest.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("corral-server"));
    corral::crypto::requireSelfTest();
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return corral::server::runServerCli(args, out, err);
}
