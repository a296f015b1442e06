// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the test executables: paths to fixtures, running the `corral` verbs
// in-process with captured output, temporary folders.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace corral::test {

QString sourceDir();                      // the repository
QString sharedDir();                      // ../shared (fixtures, conformance)
QString fixturePath(const QString& name); // sharedDir()/fixtures/<name>
QByteArray readFile(const QString& path); // QFAIL-friendly: empty on error
bool writeFile(const QString& path, const QByteArray& data);
// Writes `data` to `path`, creating its folders first; fails the running test (QVERIFY) if the
// file cannot be opened for writing.
void writeFileCreatingFolders(const QString& path, const QByteArray& data);

// What a program or a `corral` verb (TestCli.h) printed and returned.
struct CliOutput
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs a real program (for interoperability with other tools, e.g. minisign).
CliOutput runProgram(const QString& program, const QStringList& args, const QByteArray& stdinData = {},
                     int timeoutMs = 30000);

} // namespace corral::test
