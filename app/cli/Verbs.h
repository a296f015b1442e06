// SPDX-License-Identifier: Apache-2.0
// Registration of every verb group of the `corral` command.
#pragma once

#include "Cli.h"

namespace corral::cli {

void registerAllVerbs(Cli& cli);

} // namespace corral::cli
