// SPDX-License-Identifier: Apache-2.0
#include "AppStore.h"

#include "AgentDatabase.h"

#include <QCryptographicHash>

namespace corral::agent {

namespace {

QString text(const storage::SqliteStatement& statement, int column)
{
    return QString::fromUtf8(statement.columnBlob(column));
}

QByteArray utf8(const QString& value)
{
    return value.toUtf8();
}

Error notFound(const QString& name)
{
    return makeError(QStringLiteral("app.not-found"), QStringLiteral("no app named \"%1\"").arg(name));
}

// Reads the columns name, revision, version, purpose, sha256, saved_at [, manifest].
AppRevision readRevision(const storage::SqliteStatement& row, bool withText)
{
    AppRevision r;
    r.name = text(row, 0);
    r.revision = int(row.columnInt64(1));
    r.version = text(row, 2);
    r.purpose = text(row, 3);
    r.sha256 = text(row, 4);
    r.savedAtMs = row.columnInt64(5);
    if (withText)
        r.manifestText = row.columnBlob(6).toByteArray();
    return r;
}

} // namespace

Result<AppStore> AppStore::open(const QString& path, const Clock& clock)
{
    Result<storage::SqliteDatabase> db = openAgentDatabase(path);
    if (!db.ok())
        return db.error();
    return AppStore(std::move(db.value()), clock);
}

Result<AppStore::Saved> AppStore::save(const QString& name, const QString& version, const QString& purpose,
                                       const QByteArray& manifestText)
{
    Result<storage::SqliteTransaction> transaction = storage::SqliteTransaction::begin(m_db);
    if (!transaction.ok())
        return transaction.error();

    const QString digest =
        QString::fromLatin1(QCryptographicHash::hash(manifestText, QCryptographicHash::Sha256).toHex());
    Result<AppRevision> current = get(name);
    if (current.ok() && current->sha256 == digest && current->manifestText == manifestText)
        return Saved{current.value(), false};

    Result<storage::SqliteStatement> insert =
        m_db.prepare("INSERT INTO apps (name, revision, version, purpose, sha256, saved_at, manifest) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert.ok())
        return insert.error();
    AppRevision r;
    r.name = name;
    r.revision = current.ok() ? current->revision + 1 : 1;
    r.version = version;
    r.purpose = purpose;
    r.sha256 = digest;
    r.savedAtMs = m_clock->nowMs();
    r.manifestText = manifestText;
    insert->bindText(1, utf8(r.name));
    insert->bindInt64(2, r.revision);
    insert->bindText(3, utf8(r.version));
    insert->bindText(4, utf8(r.purpose));
    insert->bindText(5, utf8(r.sha256));
    insert->bindInt64(6, r.savedAtMs);
    insert->bindBlob(7, r.manifestText);
    if (Result<void> done = insert->run(); !done.ok())
        return done.error();
    if (Result<void> committed = transaction->commit(); !committed.ok())
        return committed.error();
    return Saved{r, true};
}

Result<std::vector<AppRevision>> AppStore::list()
{
    Result<storage::SqliteStatement> query =
        m_db.prepare("SELECT a.name, a.revision, a.version, a.purpose, a.sha256, a.saved_at FROM apps a "
                     "WHERE a.revision = (SELECT MAX(b.revision) FROM apps b WHERE b.name = a.name) "
                     "ORDER BY a.name");
    if (!query.ok())
        return query.error();
    std::vector<AppRevision> apps;
    for (;;) {
        Result<bool> row = query->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        apps.push_back(readRevision(*query, false));
    }
    return apps;
}

Result<AppRevision> AppStore::get(const QString& name, int revision)
{
    Result<storage::SqliteStatement> query =
        revision > 0 ? m_db.prepare("SELECT name, revision, version, purpose, sha256, saved_at, manifest FROM apps "
                                    "WHERE name = ?1 AND revision = ?2")
                     : m_db.prepare("SELECT name, revision, version, purpose, sha256, saved_at, manifest FROM apps "
                                    "WHERE name = ?1 ORDER BY revision DESC LIMIT 1");
    if (!query.ok())
        return query.error();
    query->bindText(1, utf8(name));
    if (revision > 0)
        query->bindInt64(2, revision);
    Result<bool> row = query->step();
    if (!row.ok())
        return row.error();
    if (!*row) {
        if (revision > 0 && revisions(name).ok())
            return makeError(QStringLiteral("app.not-found"),
                             QStringLiteral("app \"%1\" has no revision %2").arg(name).arg(revision));
        return notFound(name);
    }
    return readRevision(*query, true);
}

Result<std::vector<AppRevision>> AppStore::revisions(const QString& name)
{
    Result<storage::SqliteStatement> query = m_db.prepare(
        "SELECT name, revision, version, purpose, sha256, saved_at FROM apps WHERE name = ?1 ORDER BY revision");
    if (!query.ok())
        return query.error();
    query->bindText(1, utf8(name));
    std::vector<AppRevision> all;
    for (;;) {
        Result<bool> row = query->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        all.push_back(readRevision(*query, false));
    }
    if (all.empty())
        return notFound(name);
    return all;
}

Result<int> AppStore::remove(const QString& name)
{
    Result<std::int64_t> count = [&]() -> Result<std::int64_t> {
        Result<storage::SqliteStatement> query = m_db.prepare("SELECT COUNT(*) FROM apps WHERE name = ?1");
        if (!query.ok())
            return query.error();
        query->bindText(1, utf8(name));
        Result<bool> row = query->step();
        if (!row.ok())
            return row.error();
        return query->columnInt64(0);
    }();
    if (!count.ok())
        return count.error();
    if (*count == 0)
        return notFound(name);
    Result<storage::SqliteStatement> del = m_db.prepare("DELETE FROM apps WHERE name = ?1");
    if (!del.ok())
        return del.error();
    del->bindText(1, utf8(name));
    if (Result<void> done = del->run(); !done.ok())
        return done.error();
    return int(*count);
}

} // namespace corral::agent
