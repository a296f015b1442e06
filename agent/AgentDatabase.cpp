// SPDX-License-Identifier: Apache-2.0
#include "AgentDatabase.h"

namespace corral::agent {

namespace {

// Step N brings the schema from version N-1 to N.
constexpr const char* kUpgrades[] = {
    // 1: saved apps, every revision kept.
    "CREATE TABLE IF NOT EXISTS apps ("
    "  name TEXT NOT NULL,"
    "  revision INTEGER NOT NULL,"
    "  version TEXT NOT NULL,"
    "  purpose TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  saved_at INTEGER NOT NULL,"
    "  manifest BLOB NOT NULL,"
    "  PRIMARY KEY (name, revision)) WITHOUT ROWID;",
    // 2: run history and remembered confirmations.
    "CREATE TABLE IF NOT EXISTS runs ("
    "  run_id TEXT PRIMARY KEY,"
    "  app TEXT NOT NULL,"
    "  revision INTEGER NOT NULL,"
    "  status TEXT NOT NULL,"
    "  exit_code INTEGER NOT NULL,"
    "  started_at INTEGER NOT NULL,"
    "  finished_at INTEGER,"
    "  input_tokens INTEGER NOT NULL DEFAULT 0,"
    "  output_tokens INTEGER NOT NULL DEFAULT 0,"
    "  cost_usd REAL NOT NULL DEFAULT 0,"
    "  error_code TEXT,"
    "  error_message TEXT);"
    "CREATE INDEX IF NOT EXISTS runs_by_app ON runs (app, started_at);"
    "CREATE TABLE IF NOT EXISTS grants ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  app TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  target TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  UNIQUE (app, action, target));",
};
constexpr int kUpgradeCount = int(sizeof(kUpgrades) / sizeof(kUpgrades[0]));
static_assert(kUpgradeCount == kAgentSchemaVersion);

} // namespace

Result<storage::SqliteDatabase> openAgentDatabase(const QString& path)
{
    Result<storage::SqliteDatabase> db = storage::SqliteDatabase::open(path);
    if (!db.ok())
        return db.error();
    // The version is read again inside the write transaction: two stores opening at once
    // must not both upgrade.
    if (Result<void> begun = db->exec("BEGIN IMMEDIATE"); !begun.ok())
        return begun.error();
    Result<std::int64_t> version = db->queryInt64("PRAGMA user_version");
    if (!version.ok()) {
        (void)db->exec("ROLLBACK");
        return version.error();
    }
    if (*version > kAgentSchemaVersion) {
        (void)db->exec("ROLLBACK");
        return makeError(QStringLiteral("app.store-schema"),
                         QStringLiteral("%1 was written by a newer agent (schema %2, this agent knows %3)")
                             .arg(path)
                             .arg(*version)
                             .arg(kAgentSchemaVersion));
    }
    for (int step = int(*version); step < kAgentSchemaVersion; ++step) {
        if (Result<void> upgraded = db->exec(kUpgrades[step]); !upgraded.ok()) {
            (void)db->exec("ROLLBACK");
            return upgraded.error();
        }
    }
    const QByteArray setVersion = QByteArray("PRAGMA user_version = ") + QByteArray::number(kAgentSchemaVersion);
    if (Result<void> done = db->exec(setVersion.constData()); !done.ok()) {
        (void)db->exec("ROLLBACK");
        return done.error();
    }
    if (Result<void> committed = db->exec("COMMIT"); !committed.ok()) {
        (void)db->exec("ROLLBACK");
        return committed.error();
    }
    return db;
}

} // namespace corral::agent
