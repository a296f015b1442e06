// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

namespace corral::test {

QString sourceDir()
{
    return QStringLiteral(CORRAL_SOURCE_DIR);
}

QString sharedDir()
{
    return QDir::cleanPath(QStringLiteral(CORRAL_SHARED_DIR));
}

QString fixturePath(const QString& name)
{
    return sharedDir() + QStringLiteral("/fixtures/") + name;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(data) == data.size();
}

void writeFileCreatingFolders(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

CliOutput runProgram(const QString& program, const QStringList& args, const QByteArray& stdinData, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    CliOutput result;
    if (!p.waitForStarted(timeoutMs)) {
        result.err = QStringLiteral("could not start %1").arg(program);
        return result;
    }
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        result.err = QStringLiteral("%1 timed out").arg(program);
        return result;
    }
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    result.out = QString::fromUtf8(p.readAllStandardOutput());
    result.err = QString::fromUtf8(p.readAllStandardError());
    return result;
}

} // namespace corral::test
