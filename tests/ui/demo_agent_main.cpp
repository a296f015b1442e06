// SPDX-License-Identifier: Apache-2.0
// corral-demo-agent SOCKET: serves the demo data of DemoAgent.h on SOCKET until killed, for
// tools/screenshots.sh (the studio connects with --socket SOCKET).
#include "DemoAgent.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: corral-demo-agent SOCKET\n");
        return 2;
    }
    corral::test::FakeAgent agent;
    corral::test::DemoOptions options;
    options.eventIntervalMs = 40;
    corral::test::installDemoAgent(agent, options);
    if (!agent.listen(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "corral-demo-agent: cannot listen on %s\n", argv[1]);
        return 1;
    }
    return app.exec();
}
