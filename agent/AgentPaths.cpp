// SPDX-License-Identifier: Apache-2.0
#include "AgentPaths.h"

#include "Paths.h"

#include <QDir>
#include <QFile>
#include <sys/stat.h>
#include <unistd.h>

namespace corral::agent {

namespace {

Result<void> makeFolder(const QString& path, bool privateOnly)
{
    const QByteArray native = QFile::encodeName(path);
    if (!QDir().mkpath(path))
        return makeError(QStringLiteral("agent.paths"), QStringLiteral("cannot create the folder %1").arg(path));
    struct stat info = {};
    if (::lstat(native.constData(), &info) != 0 || !S_ISDIR(info.st_mode))
        return makeError(QStringLiteral("agent.paths"), QStringLiteral("%1 is not a folder").arg(path));
    if (info.st_uid != ::getuid())
        return makeError(QStringLiteral("agent.paths"),
                         QStringLiteral("%1 belongs to uid %2, not to this user").arg(path).arg(info.st_uid));
    if (privateOnly && (info.st_mode & 0077) != 0 && ::chmod(native.constData(), 0700) != 0)
        return makeError(QStringLiteral("agent.paths"),
                         QStringLiteral("%1 is open to other users and cannot be made private").arg(path));
    return {};
}

} // namespace

AgentPaths AgentPaths::fromEnvironment()
{
    return under(paths::userDataDir(), paths::userConfigDir(), paths::runtimeDir());
}

AgentPaths AgentPaths::under(const QString& dataDir, const QString& configDir, const QString& runtimeDir)
{
    AgentPaths p;
    p.dataDir = dataDir;
    p.configDir = configDir;
    p.runtimeDir = runtimeDir;
    p.socketPath = runtimeDir + QStringLiteral("/agent.sock");
    p.lockPath = dataDir + QStringLiteral("/agent.lock");
    p.databasePath = dataDir + QStringLiteral("/agent.db");
    return p;
}

Result<void> AgentPaths::prepare() const
{
    if (Result<void> r = makeFolder(dataDir, true); !r.ok())
        return r;
    if (Result<void> r = makeFolder(configDir, true); !r.ok())
        return r;
    return makeFolder(runtimeDir, true);
}

} // namespace corral::agent
