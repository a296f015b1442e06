// SPDX-License-Identifier: Apache-2.0
// The agent's SQLite database (agent.db): one schema, upgraded in one place. Every store
// of the agent (apps, runs, grants) opens its own connection through openAgentDatabase(),
// which creates or upgrades the schema first, so no store depends on another's start-up.
#pragma once

#include "Result.h"
#include "storage/SqliteDatabase.h"

namespace corral::agent {

// The schema version this agent writes (PRAGMA user_version).
inline constexpr int kAgentSchemaVersion = 2;

// Opens `path` (created when missing) and brings its schema to kAgentSchemaVersion.
// Errors: storage.open, storage.sqlite, app.store-schema (written by a newer agent).
Result<storage::SqliteDatabase> openAgentDatabase(const QString& path);

} // namespace corral::agent
