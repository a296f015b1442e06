// SPDX-License-Identifier: Apache-2.0
// Runs `corral` verbs in this process with captured output, for command-line tests
// (link corral_testcli).
#pragma once

#include "TestSupport.h"

namespace corral::test {

// Runs `corral ARGS` in this process with `stdinData` as standard input.
CliOutput runCli(const QStringList& args, const QByteArray& stdinData = {}, bool interactive = false);

} // namespace corral::test
