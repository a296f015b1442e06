// SPDX-License-Identifier: Apache-2.0
// corral-agent: the per-user daemon that runs apps and enforces policy. Wiring only:
// everything it does lives in the corral_agent library (agent/AgentDaemon.h).
#include "agent/AgentDaemon.h"
#include "agent/ShutdownSignals.h"
#include "crypto/SelfTest.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <sys/stat.h>

namespace {

// Exit codes: 0 clean shutdown, 1 failed to start, 2 usage, 3 another agent runs.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitAlreadyRunning = 3;
// After enrollment the agent exits to start again in managed mode; the systemd unit
// restarts on this code (RestartForceExitStatus), and any client starts it on demand.
constexpr int kExitRestart = 75;

} // namespace

int main(int argc, char* argv[])
{
    // Everything the agent creates (database, socket, lock) is for this user only.
    ::umask(0077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("corral-agent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CORRAL_VERSION));
    corral::crypto::requireSelfTest();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The Corral agent: runs micro apps for this user and enforces policy. Paths follow\n"
        "XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_RUNTIME_DIR (socket: $XDG_RUNTIME_DIR/corral/agent.sock)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption syncInterval(
        QStringLiteral("sync-interval"),
        QStringLiteral("Enrolled agents: checkpoint and upload the audit log every MS milliseconds (default 60000)."),
        QStringLiteral("MS"));
    parser.addOption(syncInterval);
    parser.process(app);

    QTextStream err(stderr);
    corral::agent::AgentDaemon::Options options;
    if (parser.isSet(syncInterval)) {
        bool ok = false;
        options.syncIntervalMs = parser.value(syncInterval).toInt(&ok);
        if (!ok || options.syncIntervalMs < 100) {
            err << "corral-agent: --sync-interval takes milliseconds, at least 100" << Qt::endl;
            return kExitUsage;
        }
    }

    bool restart = false;
    options.restart = [&app, &restart] {
        restart = true;
        app.quit();
    };

    auto signals_ = corral::agent::ShutdownSignals::install();
    if (!signals_.ok()) {
        err << "corral-agent: " << signals_.error().toString() << Qt::endl;
        return kExitFailure;
    }
    const corral::agent::AgentPaths paths = corral::agent::AgentPaths::fromEnvironment();
    auto daemon = corral::agent::AgentDaemon::start(paths, options);
    if (!daemon.ok()) {
        err << "corral-agent: " << daemon.error().toString() << Qt::endl;
        return daemon.error().code == QStringLiteral("agent.already-running") ? kExitAlreadyRunning : kExitFailure;
    }
    QObject::connect(signals_->get(), &corral::agent::ShutdownSignals::shutdownRequested, &app, [&app] { app.quit(); });
    err << "corral-agent: listening on " << paths.socketPath << Qt::endl;
    const int code = app.exec();
    daemon->reset(); // closes the socket, the database and the lock before exit
    return restart ? kExitRestart : code;
}
