// SPDX-License-Identifier: Apache-2.0
#include "GrantStore.h"

#include "AgentDatabase.h"

namespace corral::agent {

Result<std::unique_ptr<GrantStore>> GrantStore::open(const QString& databasePath, const Clock& clock)
{
    Result<storage::SqliteDatabase> db = openAgentDatabase(databasePath);
    if (!db.ok())
        return db.error();
    return std::unique_ptr<GrantStore>(new GrantStore(std::move(db.value()), clock));
}

Result<std::vector<Grant>> GrantStore::query(const char* sql, const QByteArray& key)
{
    Result<storage::SqliteStatement> statement = m_db.prepare(sql);
    if (!statement.ok())
        return statement.error();
    statement->bindText(1, key);
    std::vector<Grant> grants;
    for (;;) {
        Result<bool> row = statement->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        const auto text = [&](int column) { return QString::fromUtf8(statement->columnBlob(column)); };
        grants.push_back(Grant{statement->columnInt64(0), text(1), text(2), text(3), statement->columnInt64(4)});
    }
    return grants;
}

Result<Grant> GrantStore::add(const QString& app, const QString& action, const QString& target)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> insert = m_db.prepare(
        "INSERT INTO grants (app, action, target, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (!insert.ok())
        return insert.error();
    insert->bindText(1, app.toUtf8());
    insert->bindText(2, action.toUtf8());
    insert->bindText(3, target.toUtf8());
    insert->bindInt64(4, m_clock->nowMs());
    if (Result<void> done = insert->run(); !done.ok())
        return done.error();
    Result<storage::SqliteStatement> select = m_db.prepare(
        "SELECT id, app, action, target, created_at FROM grants WHERE app = ?1 AND action = ?2 AND target = ?3");
    if (!select.ok())
        return select.error();
    select->bindText(1, app.toUtf8());
    select->bindText(2, action.toUtf8());
    select->bindText(3, target.toUtf8());
    Result<bool> row = select->step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return makeError(QStringLiteral("storage.sqlite"), QStringLiteral("the grant was not stored"));
    return Grant{select->columnInt64(0), app, action, target, select->columnInt64(4)};
}

Result<bool> GrantStore::has(const QString& app, const QString& action, const QString& target)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> select =
        m_db.prepare("SELECT 1 FROM grants WHERE app = ?1 AND action = ?2 AND target = ?3");
    if (!select.ok())
        return select.error();
    select->bindText(1, app.toUtf8());
    select->bindText(2, action.toUtf8());
    select->bindText(3, target.toUtf8());
    return select->step();
}

Result<std::vector<Grant>> GrantStore::list(const QString& app)
{
    const std::lock_guard lock(m_mutex);
    return query("SELECT id, app, action, target, created_at FROM grants WHERE ?1 = '' OR app = ?1 ORDER BY id",
                 app.toUtf8());
}

Result<Grant> GrantStore::revoke(qint64 id)
{
    const std::lock_guard lock(m_mutex);
    Result<std::vector<Grant>> found =
        query("SELECT id, app, action, target, created_at FROM grants WHERE id = CAST(?1 AS INTEGER)",
              QByteArray::number(id));
    if (!found.ok())
        return found.error();
    if (found->empty())
        return makeError(QStringLiteral("grant.not-found"), QStringLiteral("no grant with id %1").arg(id));
    Result<storage::SqliteStatement> remove = m_db.prepare("DELETE FROM grants WHERE id = ?1");
    if (!remove.ok())
        return remove.error();
    remove->bindInt64(1, id);
    if (Result<void> done = remove->run(); !done.ok())
        return done.error();
    return found->front();
}

Result<int> GrantStore::removeApp(const QString& app)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> remove = m_db.prepare("DELETE FROM grants WHERE app = ?1");
    if (!remove.ok())
        return remove.error();
    remove->bindText(1, app.toUtf8());
    if (Result<void> done = remove->run(); !done.ok())
        return done.error();
    Result<std::int64_t> changes = m_db.queryInt64("SELECT changes()");
    if (!changes.ok())
        return changes.error();
    return int(*changes);
}

} // namespace corral::agent
