// SPDX-License-Identifier: Apache-2.0
// PostgresCluster is header-only (the agent tests get it through ServerTestSupport.h); this
// file compiles the header on its own for targets that list it as a source.
#include "PostgresCluster.h"
