// SPDX-License-Identifier: Apache-2.0
#include "SqliteDatabase.h"

#include <QFile>
#include <sqlite3.h>
#include <utility>

namespace corral::storage {

namespace {

Error sqliteError(sqlite3* db, const QString& what)
{
    const QString reason = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    return makeError(QStringLiteral("storage.sqlite"), what + QStringLiteral(": ") + reason);
}

} // namespace

SqliteStatement::~SqliteStatement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr))
{}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

void SqliteStatement::bindInt64(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bindBlob(int index, QByteArrayView value, bool transient)
{
    // A zero-length blob must not bind as NULL: SQLite needs a non-null pointer.
    static const char empty = 0;
    sqlite3_bind_blob64(m_stmt, index, value.isEmpty() ? &empty : value.data(), sqlite3_uint64(value.size()),
                        transient ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

void SqliteStatement::bindText(int index, QByteArrayView utf8, bool transient)
{
    static const char empty = 0;
    sqlite3_bind_text64(m_stmt, index, utf8.isEmpty() ? &empty : utf8.data(), sqlite3_uint64(utf8.size()),
                        transient ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    Error e = sqliteError(m_db, QStringLiteral("step"));
    sqlite3_reset(m_stmt);
    return e;
}

Result<void> SqliteStatement::run()
{
    Result<bool> r = step();
    reset();
    if (!r)
        return r.error();
    return {};
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QByteArrayView SqliteStatement::columnBlob(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return QByteArrayView(static_cast<const char*>(data), size);
}

bool SqliteStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

void SqliteDatabase::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Result<SqliteDatabase> SqliteDatabase::open(const QString& path, const Options& options)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    if (options.mode == Mode::ReadOnly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    sqlite3* raw = nullptr;
    const QByteArray native = QFile::encodeName(path);
    const int rc = sqlite3_open_v2(native.constData(), &raw, flags, nullptr);
    SqliteDatabase db(raw);
    if (rc != SQLITE_OK)
        return makeError(QStringLiteral("storage.open"), QStringLiteral("cannot open %1: %2")
                                                             .arg(path, raw ? QString::fromUtf8(sqlite3_errmsg(raw))
                                                                            : QStringLiteral("out of memory")));
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);
    sqlite3_extended_result_codes(raw, 1);
    // Reading the schema catches "file is not a database" here rather than on first use.
    if (Result<std::int64_t> probe = db.queryInt64("SELECT COUNT(*) FROM sqlite_master"); !probe)
        return makeError(QStringLiteral("storage.open"),
                         QStringLiteral("cannot open %1: %2").arg(path, db.lastError()));
    if (options.mode == Mode::ReadWrite) {
        // Only takes effect while the file is still empty, so it must come before WAL mode.
        if (options.pageSize > 0) {
            const QByteArray pragma = "PRAGMA page_size=" + QByteArray::number(options.pageSize);
            if (Result<void> r = db.exec(pragma.constData()); !r)
                return r.error();
        }
        if (options.wal) {
            if (Result<void> r = db.exec("PRAGMA journal_mode=WAL"); !r)
                return r.error();
        }
        const char* sync = options.synchronous == Synchronous::Full     ? "PRAGMA synchronous=FULL"
                           : options.synchronous == Synchronous::Normal ? "PRAGMA synchronous=NORMAL"
                                                                        : "PRAGMA synchronous=OFF";
        if (Result<void> r = db.exec(sync); !r)
            return r.error();
    }
    return db;
}

Result<void> SqliteDatabase::exec(const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString reason = message ? QString::fromUtf8(message) : lastError();
        sqlite3_free(message);
        return makeError(QStringLiteral("storage.sqlite"), reason);
    }
    return {};
}

Result<SqliteStatement> SqliteDatabase::prepare(const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        return sqliteError(m_db, QStringLiteral("prepare"));
    return SqliteStatement(m_db, stmt);
}

Result<std::int64_t> SqliteDatabase::queryInt64(const char* sql, std::int64_t fallback)
{
    Result<SqliteStatement> stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    if (!*row || stmt->columnIsNull(0))
        return fallback;
    return stmt->columnInt64(0);
}

QString SqliteDatabase::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString();
}

Result<SqliteTransaction> SqliteTransaction::begin(SqliteDatabase& db)
{
    if (Result<void> r = db.exec("BEGIN IMMEDIATE"); !r)
        return r.error();
    return SqliteTransaction(&db);
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_db)
        (void)m_db->exec("ROLLBACK");
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Result<void> SqliteTransaction::commit()
{
    SqliteDatabase* db = std::exchange(m_db, nullptr);
    if (Result<void> r = db->exec("COMMIT"); !r) {
        (void)db->exec("ROLLBACK");
        return r;
    }
    return {};
}

} // namespace corral::storage
