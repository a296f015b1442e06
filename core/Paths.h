// SPDX-License-Identifier: Apache-2.0
// Where Corral finds its shipped data (templates, schemas, catalogs, the default bundle)
// and where the agent keeps per-user state. One place, so installed and build-tree runs
// and tests agree.
#pragma once

#include <QString>

namespace corral::paths {

// Root of the shipped data: $CORRAL_DATA_DIR if set, else <exe>/../share/corral when it
// exists (installed), else the source tree the binary was built from.
QString dataRoot();

QString templatesDir();                  // dataRoot()/templates
QString resourcesDir();                  // dataRoot()/resources
QString schemaPath(const QString& name); // resourcesDir()/schemas/<name>

// Per-user folders, following XDG so tests isolate by setting the variables.
QString userDataDir();   // $XDG_DATA_HOME/corral
QString userConfigDir(); // $XDG_CONFIG_HOME/corral
QString runtimeDir();    // $XDG_RUNTIME_DIR/corral (falls back to a 0700 folder in /tmp)

} // namespace corral::paths
