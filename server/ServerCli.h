// SPDX-License-Identifier: Apache-2.0
// The `corral-server` verbs (init, serve, token create, admin tokens, devices, alerts,
// approvals), callable in-process so tests run them like the executable does.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace corral::server {

// argv without the program name; returns the exit code (0 ok, 1 failure, 2 usage).
// `serve` runs the event loop of the existing QCoreApplication until it quits.
int runServerCli(const QStringList& args, QTextStream& out, QTextStream& err);

// Where `--data` points by default: $XDG_DATA_HOME/corral-server.
QString defaultDataDir();

} // namespace corral::server
