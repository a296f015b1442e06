// SPDX-License-Identifier: Apache-2.0
// SqliteDatabase / SqliteStatement: move-only RAII wrappers over the sqlite3 C API for
// stores on hot paths (the audit log), where Qt Sql's per-row overhead is too high.
// Errors come back as Result with code "storage.sqlite" and SQLite's own message.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <cstdint>

struct sqlite3;
struct sqlite3_stmt;

namespace corral::storage {

class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite. Blobs and text are copied by SQLite only when
    // `transient` is true; otherwise the caller keeps them alive until the next step().
    void bindInt64(int index, std::int64_t value);
    void bindBlob(int index, QByteArrayView value, bool transient = true);
    void bindText(int index, QByteArrayView utf8, bool transient = true);
    void bindNull(int index);

    // One step: true when a row is available, false when done; an error otherwise.
    Result<bool> step();
    // Runs a statement that returns no rows to completion, then resets it.
    Result<void> run();
    void reset(); // also clears bindings

    // Columns are 0-based. Views stay valid until the next step()/reset().
    std::int64_t columnInt64(int column) const;
    QByteArrayView columnBlob(int column) const;
    bool columnIsNull(int column) const;

private:
    friend class SqliteDatabase;
    SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

class SqliteDatabase
{
public:
    enum class Mode { ReadWrite, ReadOnly };
    // FULL: every commit is fsync'ed (survives power loss). NORMAL with WAL: survives a
    // process crash, a power cut may lose the last commits.
    enum class Synchronous { Off, Normal, Full };

    struct Options
    {
        Mode mode = Mode::ReadWrite;
        bool create = true;
        bool wal = true;
        Synchronous synchronous = Synchronous::Full;
        int busyTimeoutMs = 5000;
        // Page size in bytes (a power of two, 512..65536) for a database this call creates;
        // 0 keeps SQLite's default. An existing database keeps the size it was made with.
        int pageSize = 0;
    };

    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(SqliteDatabase&& other) noexcept;
    SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    // Error codes: "storage.open" (missing file when !create, not a database, no access),
    // "storage.sqlite" (the pragmas failed).
    static Result<SqliteDatabase> open(const QString& path, const Options& options);
    static Result<SqliteDatabase> open(const QString& path) { return open(path, Options{}); }

    bool isOpen() const { return m_db != nullptr; }
    void close();

    // Runs one or more statements that return no rows.
    Result<void> exec(const char* sql);
    Result<SqliteStatement> prepare(const char* sql);
    // The first column of the first row of `sql` as an integer (e.g. COUNT(*), MAX(seq));
    // `fallback` when there is no row or it is NULL.
    Result<std::int64_t> queryInt64(const char* sql, std::int64_t fallback = 0);

    // SQLite's message for the last failure on this connection.
    QString lastError() const;

private:
    explicit SqliteDatabase(sqlite3* db) : m_db(db) {}
    sqlite3* m_db = nullptr;
};

// An open transaction that rolls back unless commit() succeeded.
class SqliteTransaction
{
public:
    // BEGIN IMMEDIATE: takes the write lock now, so a batch never fails half-way on SQLITE_BUSY.
    static Result<SqliteTransaction> begin(SqliteDatabase& db);
    ~SqliteTransaction();
    SqliteTransaction(SqliteTransaction&& other) noexcept;
    SqliteTransaction& operator=(SqliteTransaction&&) = delete;
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    Result<void> commit();

private:
    explicit SqliteTransaction(SqliteDatabase* db) : m_db(db) {}
    SqliteDatabase* m_db = nullptr;
};

} // namespace corral::storage
