// SPDX-License-Identifier: Apache-2.0
#include "ApprovalStore.h"

namespace corral::agent::sync {

namespace {

constexpr const char* kCreate = "CREATE TABLE IF NOT EXISTS app_approvals ("
                                "  app TEXT PRIMARY KEY,"
                                "  id INTEGER NOT NULL,"
                                "  state TEXT NOT NULL,"
                                "  reason TEXT NOT NULL,"
                                "  reviewer TEXT NOT NULL DEFAULT '',"
                                "  note TEXT NOT NULL DEFAULT '',"
                                "  requested_ms INTEGER NOT NULL,"
                                "  decided_ms INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
                                "CREATE TABLE IF NOT EXISTS refused_decisions (id INTEGER PRIMARY KEY);";

constexpr const char* kColumns = "app, id, state, reason, reviewer, note, requested_ms, decided_ms";

AppApproval rowOf(const storage::SqliteStatement& s)
{
    const auto text = [&s](int column) { return QString::fromUtf8(s.columnBlob(column)); };
    return AppApproval{text(0), s.columnInt64(1), text(2),          text(3),
                       text(4), text(5),          s.columnInt64(6), s.columnInt64(7)};
}

} // namespace

QString stageOf(const std::optional<AppApproval>& approval)
{
    return approval && approval->state == QLatin1String("approved") ? QStringLiteral("production")
                                                                    : QStringLiteral("development");
}

Result<std::unique_ptr<ApprovalStore>> ApprovalStore::open(const QString& path)
{
    Result<storage::SqliteDatabase> db = storage::SqliteDatabase::open(path);
    if (!db.ok())
        return db.error();
    if (Result<void> created = db->exec(kCreate); !created.ok())
        return created.error();
    return std::unique_ptr<ApprovalStore>(new ApprovalStore(std::move(db.value())));
}

Result<std::optional<AppApproval>> ApprovalStore::getLocked(const QString& app)
{
    const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM app_approvals WHERE app = ?1";
    Result<storage::SqliteStatement> select = m_db.prepare(sql.constData());
    if (!select.ok())
        return select.error();
    select->bindText(1, app.toUtf8());
    Result<bool> row = select->step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return std::optional<AppApproval>();
    return std::optional<AppApproval>(rowOf(*select));
}

Result<std::optional<AppApproval>> ApprovalStore::get(const QString& app)
{
    const std::lock_guard lock(m_mutex);
    return getLocked(app);
}

Result<std::vector<AppApproval>> ApprovalStore::all()
{
    const std::lock_guard lock(m_mutex);
    const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM app_approvals ORDER BY app";
    Result<storage::SqliteStatement> select = m_db.prepare(sql.constData());
    if (!select.ok())
        return select.error();
    std::vector<AppApproval> out;
    for (;;) {
        Result<bool> row = select->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        out.push_back(rowOf(*select));
    }
    return out;
}

Result<void> ApprovalStore::recordRequest(const AppApproval& request)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> upsert =
        m_db.prepare("INSERT OR REPLACE INTO app_approvals (app, id, state, reason, requested_ms) "
                     "VALUES (?1, ?2, 'pending', ?3, ?4)");
    if (!upsert.ok())
        return upsert.error();
    upsert->bindText(1, request.app.toUtf8());
    upsert->bindInt64(2, request.id);
    upsert->bindText(3, request.reason.toUtf8());
    upsert->bindInt64(4, request.requestedMs);
    return upsert->run();
}

Result<bool> ApprovalStore::applyDecision(const AppApproval& decided)
{
    const std::lock_guard lock(m_mutex);
    Result<std::optional<AppApproval>> current = getLocked(decided.app);
    if (!current.ok())
        return current.error();
    if (*current && ((*current)->id > decided.id ||
                     ((*current)->id == decided.id && (*current)->state != QLatin1String("pending"))))
        return false;
    // A decision on a request this database does not hold (the request row was lost) still
    // applies: the server signed it for this device and app.
    Result<storage::SqliteStatement> upsert =
        m_db.prepare("INSERT OR REPLACE INTO app_approvals (app, id, state, reason, reviewer, note, requested_ms, "
                     "decided_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!upsert.ok())
        return upsert.error();
    upsert->bindText(1, decided.app.toUtf8());
    upsert->bindInt64(2, decided.id);
    upsert->bindText(3, decided.state.toUtf8());
    upsert->bindText(4, (*current ? (*current)->reason : decided.reason).toUtf8());
    upsert->bindText(5, decided.reviewer.toUtf8());
    upsert->bindText(6, decided.note.toUtf8());
    upsert->bindInt64(7, *current ? (*current)->requestedMs : decided.requestedMs);
    upsert->bindInt64(8, decided.decidedMs);
    if (Result<void> done = upsert->run(); !done.ok())
        return done.error();
    return true;
}

Result<void> ApprovalStore::withdraw(const QString& app)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> update =
        m_db.prepare("UPDATE app_approvals SET state = 'withdrawn' WHERE app = ?1");
    if (!update.ok())
        return update.error();
    update->bindText(1, app.toUtf8());
    return update->run();
}

Result<bool> ApprovalStore::noteRefused(std::int64_t id)
{
    const std::lock_guard lock(m_mutex);
    Result<storage::SqliteStatement> insert =
        m_db.prepare("INSERT INTO refused_decisions (id) VALUES (?1) ON CONFLICT DO NOTHING");
    if (!insert.ok())
        return insert.error();
    insert->bindInt64(1, id);
    if (Result<void> done = insert->run(); !done.ok())
        return done.error();
    Result<std::int64_t> changes = m_db.queryInt64("SELECT changes()");
    if (!changes.ok())
        return changes.error();
    return *changes > 0;
}

} // namespace corral::agent::sync
