// SPDX-License-Identifier: Apache-2.0
#include "Verbs.h"

namespace corral::cli {

void registerManifestVerbs(Cli& cli)
{
    Q_UNUSED(cli);
}

} // namespace corral::cli
