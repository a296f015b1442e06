// SPDX-License-Identifier: Apache-2.0
// Where one user's agent keeps its state, socket and lock, from the XDG variables (see
// core/Paths.h), so tests isolate an agent by pointing those variables at a temporary folder.
#pragma once

#include "Result.h"

#include <QString>

namespace corral::agent {

struct AgentPaths
{
    QString dataDir;      // $XDG_DATA_HOME/corral: the database, the instance lock
    QString configDir;    // $XDG_CONFIG_HOME/corral
    QString runtimeDir;   // $XDG_RUNTIME_DIR/corral: the socket
    QString socketPath;   // runtimeDir/agent.sock
    QString lockPath;     // dataDir/agent.lock
    QString databasePath; // dataDir/agent.db

    // The paths of the current environment.
    static AgentPaths fromEnvironment();
    // The same layout under explicit folders (tests, --data-dir style overrides).
    static AgentPaths under(const QString& dataDir, const QString& configDir, const QString& runtimeDir);

    // Creates the data and config folders (0700 when created) and the runtime folder, which
    // must end up 0700 and owned by this user: the socket's privacy rests on it. Errors:
    // agent.paths (cannot create, or the runtime folder belongs to someone else or is
    // open to others and cannot be tightened).
    Result<void> prepare() const;
};

} // namespace corral::agent
