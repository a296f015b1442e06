// SPDX-License-Identifier: Apache-2.0
#include "TestCli.h"

#include "Cli.h"
#include "Verbs.h"

#include <QBuffer>
#include <QTextStream>

namespace corral::test {

CliOutput runCli(const QStringList& args, const QByteArray& stdinData, bool interactive)
{
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    QByteArray inData = stdinData;
    QBuffer in(&inData);
    in.open(QIODevice::ReadOnly);
    cli::Io io{out, err, in, interactive};
    cli::Cli cli;
    cli::registerAllVerbs(cli);
    CliOutput result;
    result.exitCode = cli.run(args, io);
    out.flush();
    err.flush();
    result.out = outText;
    result.err = errText;
    return result;
}

} // namespace corral::test
