// SPDX-License-Identifier: Apache-2.0
// The agent's folders: derived from the XDG variables, created private, a runtime folder
// open to others tightened to 0700, and one owned by another user refused.
#include "agent/AgentPaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace corral;
using namespace corral::agent;

namespace {
mode_t modeOf(const QString& path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? (info.st_mode & 07777) : mode_t(-1);
}
} // namespace

class TestAgentPaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsXdgVariables()
    {
        QTemporaryDir dir;
        qputenv("XDG_DATA_HOME", QFile::encodeName(dir.filePath(QStringLiteral("d"))));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.filePath(QStringLiteral("c"))));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir.filePath(QStringLiteral("r"))));
        const AgentPaths paths = AgentPaths::fromEnvironment();
        QCOMPARE(paths.dataDir, dir.filePath(QStringLiteral("d/corral")));
        QCOMPARE(paths.configDir, dir.filePath(QStringLiteral("c/corral")));
        QCOMPARE(paths.socketPath, dir.filePath(QStringLiteral("r/corral/agent.sock")));
        QCOMPARE(paths.lockPath, dir.filePath(QStringLiteral("d/corral/agent.lock")));
        QCOMPARE(paths.databasePath, dir.filePath(QStringLiteral("d/corral/agent.db")));

        QVERIFY(paths.prepare().ok());
        QCOMPARE(modeOf(paths.dataDir), mode_t(0700));
        QCOMPARE(modeOf(paths.configDir), mode_t(0700));
        QCOMPARE(modeOf(paths.runtimeDir), mode_t(0700));
    }

    void openRuntimeFolderIsTightened()
    {
        QTemporaryDir dir;
        const AgentPaths paths = AgentPaths::under(dir.filePath(QStringLiteral("d")), dir.filePath(QStringLiteral("c")),
                                                   dir.filePath(QStringLiteral("r")));
        QVERIFY(QDir().mkpath(paths.runtimeDir));
        QCOMPARE(::chmod(QFile::encodeName(paths.runtimeDir).constData(), 0777), 0);
        QVERIFY(paths.prepare().ok());
        QCOMPARE(modeOf(paths.runtimeDir), mode_t(0700));
    }

    void folderOfAnotherUserIsRefused()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to give a folder to another user");
        QTemporaryDir dir;
        const AgentPaths paths = AgentPaths::under(dir.filePath(QStringLiteral("d")), dir.filePath(QStringLiteral("c")),
                                                   dir.filePath(QStringLiteral("r")));
        QVERIFY(QDir().mkpath(paths.runtimeDir));
        QCOMPARE(::chown(QFile::encodeName(paths.runtimeDir).constData(), 65534, 65534), 0);
        Result<void> prepared = paths.prepare();
        QVERIFY(!prepared.ok());
        QCOMPARE(prepared.error().code, QStringLiteral("agent.paths"));
        QCOMPARE(prepared.error().message,
                 QStringLiteral("%1 belongs to uid 65534, not to this user").arg(paths.runtimeDir));
    }

    void fileInPlaceOfAFolderIsRefused()
    {
        QTemporaryDir dir;
        const AgentPaths paths = AgentPaths::under(dir.filePath(QStringLiteral("d")), dir.filePath(QStringLiteral("c")),
                                                   dir.filePath(QStringLiteral("r")));
        QFile file(paths.dataDir);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        Result<void> prepared = paths.prepare();
        QVERIFY(!prepared.ok());
        QCOMPARE(prepared.error().code, QStringLiteral("agent.paths"));
        QCOMPARE(prepared.error().message, QStringLiteral("cannot create the folder %1").arg(paths.dataDir));
    }
};

QTEST_GUILESS_MAIN(TestAgentPaths)
#include "TestAgentPaths.moc"
