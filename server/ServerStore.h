// SPDX-License-Identifier: Apache-2.0
// ServerStore: everything corral-server keeps (admin and enrollment tokens, devices and
// their witnessed audit logs, alerts, bundles, orders, approvals, usage) in one SQL
// database through Qt Sql: an embedded SQLite file (WAL) or a PostgreSQL database that
// several servers share. Each method is one statement or one transaction, so a crash
// leaves either the old or the new state.
#pragma once

#include "Result.h"
#include "audit/MerkleTree.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace corral::server {

enum class Role { Admin, Reviewer, Auditor };
QString roleName(Role role); // "admin", "reviewer", "auditor"
std::optional<Role> roleFromName(const QString& name);

struct AdminToken
{
    std::int64_t id = 0;
    Role role = Role::Auditor;
    QString name;
    qint64 createdMs = 0;
    bool revoked = false;
};

struct Device
{
    std::int64_t num = 0; // internal key of the records table
    QString id;           // "dev-<hex>"
    QByteArray publicKey; // Ed25519, 32 bytes
    QString user;
    QString host;
    QString origin; // the audit log's origin
    qint64 enrolledMs = 0;
    qint64 lastSeenMs = 0;
    qint64 lastSyncMs = 0;
    // The witnessed log: size, the right edge of its Merkle tree (perfect subtree roots,
    // largest first), the leaf hash of its last record and the latest checkpoint.
    std::uint64_t size = 0;
    std::vector<audit::Hash> edge;
    audit::Hash lastLeaf{};
    QByteArray checkpoint;
    QByteArray cosignature; // the checkpoint with the witness cosignature line
};

struct Alert
{
    std::int64_t id = 0;
    qint64 tsMs = 0;
    QString device;
    QString kind; // "rollback", "fork", "gap", "root-mismatch", "silence", "quota"
    QString detail;
    bool silenced = false;
};

struct StoredBundle
{
    qint64 serial = 0;
    QByteArray archive;
    QByteArray signature; // minisig file contents
    qint64 publishedMs = 0;
    QString publisher;
};

struct Order
{
    std::int64_t id = 0;
    qint64 tsMs = 0;
    QString app;
    QString device; // empty: every device
    QString action; // "pause" or "resume"
    QString issuer;
};

struct Approval
{
    std::int64_t id = 0;
    QString device;
    QString app;
    QString user;
    QString reason;
    qint64 requestedMs = 0;
    QString state; // "pending", "approved", "rejected"
    QString reviewer;
    QString note;
    qint64 decidedMs = 0;
    QByteArray decision; // the decision as a note signed by the server's witness key
};

// What a device reported back (bundle activated or rejected, order applied).
struct Report
{
    std::int64_t id = 0;
    qint64 tsMs = 0;
    QString device;
    QString kind;
    QString detail;
};

struct Usage
{
    QString device;
    QString user;
    QString app;
    QString model;
    std::int64_t calls = 0;
    std::int64_t tokens = 0;
    double cost = 0;
};

// One model.called record's contribution, accumulated during an ingest.
struct UsageDelta
{
    QString user;
    QString app;
    QString model;
    std::int64_t tokens = 0;
    double cost = 0;
    qint64 tsMs = 0; // the record's `ts`: the UTC day it counts for
};

// Error code of appendRecords when another server appended for the device first: the
// upload raced and the agent resends from the size the server now holds.
inline constexpr char kAppendRaced[] = "witness.raced";

// Where the store lives, parsed from `--db`: a SQLite path (or "sqlite:PATH"), or a
// PostgreSQL URL postgres[ql]://user:password@host:port/dbname[?host=/socket/dir&sslmode=MODE].
struct DatabaseLocation
{
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString path; // SQLite
    QString host; // PostgreSQL: a host name or a unix socket directory
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString sslMode; // libpq's sslmode (disable, require, verify-full, ...); empty: libpq's default

    // Error "storage.url" for a URL that names no database (the message never holds the password).
    static Result<DatabaseLocation> parse(const QString& text);
    static bool isPostgresUrl(const QString& text);
    // The URL without its password, for messages and logs.
    QString display() const;
};

// One store is one database connection, used from the thread that opened it (Qt Sql's
// rule); the server handles requests on its main thread, so it needs only one.
class ServerStore
{
public:
    // Opens or creates the database and its tables. Errors: "storage.url", "storage.open"
    // (no such file or folder, not a database, server unreachable, authentication failed),
    // "storage.sql".
    static Result<ServerStore> open(const QString& location);
    static Result<ServerStore> open(const DatabaseLocation& location);

    ServerStore(ServerStore&& other) noexcept;
    ServerStore& operator=(ServerStore&& other) noexcept;
    ~ServerStore();

    bool isPostgres() const;
    // The SQLite file, or the PostgreSQL URL without its password.
    const QString& path() const;

    // Calls `listener` (on this store's thread) when another server sharing the database
    // publishes a bundle, gives an order or decides an approval (PostgreSQL notifications),
    // and after a reconnection, which may have missed some. On SQLite, within 250 ms of a
    // commit by another process (a `corral-server` verb). An empty function: no more calls.
    Result<void> setChangeListener(std::function<void()> listener);

    // Key/value settings (server keys, origin names).
    Result<QByteArray> meta(const char* key);
    Result<void> setMeta(const char* key, QByteArrayView value);

    // Admin tokens: only SHA-256 hashes are stored.
    Result<std::int64_t> addAdminToken(QByteArrayView tokenHash, Role role, const QString& name, qint64 nowMs);
    // nullopt for an unknown or revoked token.
    Result<std::optional<AdminToken>> findAdminToken(QByteArrayView tokenHash);
    Result<QList<AdminToken>> adminTokens();
    // Error "server.not-found" when there is no such token.
    Result<void> revokeAdminToken(std::int64_t id, qint64 nowMs);

    // Enrollment tokens (one-time).
    Result<void> addEnrollToken(QByteArrayView tokenHash, qint64 nowMs, qint64 expiresMs);
    // Marks the token used by `deviceId` and inserts the device, in one transaction.
    // Errors: "enroll.token" (unknown or already used), "enroll.expired".
    Result<void> enroll(QByteArrayView tokenHash, const Device& device, qint64 nowMs);

    Result<std::optional<Device>> device(const QString& id);
    Result<QList<Device>> devices();
    Result<void> touchDevice(const QString& id, qint64 nowMs);

    // Appends witnessed records and moves the device's tree state, atomically. `records`
    // hold seqs firstSeq .. firstSeq + records.size() - 1, where firstSeq is the size the
    // caller read; `after` is the new state (size, edge, lastLeaf, checkpoint, cosignature).
    // The state moves only if the stored size is still firstSeq (compare-and-swap): when
    // another server appended for the device meanwhile, nothing is written and the error
    // is kAppendRaced.
    Result<void> appendRecords(const Device& after, std::uint64_t firstSeq, const std::vector<QByteArrayView>& records,
                               const std::vector<UsageDelta>& usage, qint64 nowMs);
    // Records of a device in seq order from `fromSeq`, at most `limit`.
    Result<QList<QByteArray>> records(const QString& deviceId, std::uint64_t fromSeq, std::uint64_t limit);
    Result<std::int64_t> recordCount();

    Result<std::int64_t> addAlert(const QString& device, const QString& kind, const QString& detail, qint64 nowMs);
    Result<QList<Alert>> alerts(bool includeSilenced);
    // Error "server.not-found".
    Result<void> silenceAlert(std::int64_t id, qint64 nowMs);
    // True when `device` has an unsilenced alert of `kind` (so silence is raised once).
    Result<bool> hasOpenAlert(const QString& device, const QString& kind);

    Result<void> addBundle(const StoredBundle& bundle);
    Result<std::optional<StoredBundle>> latestBundle();

    Result<std::int64_t> addOrder(const Order& order);
    // Orders for `device` (addressed to it or to every device) with id > afterId.
    Result<QList<Order>> orders(const QString& device, std::int64_t afterId);
    Result<std::int64_t> lastOrderId();

    Result<std::int64_t> addApproval(const Approval& approval);
    Result<std::optional<Approval>> approval(std::int64_t id);
    Result<QList<Approval>> approvals(const QString& state); // empty state: all
    // Error "approval.decided" when it is not pending any more, "server.not-found".
    Result<void> decideApproval(const Approval& decided);
    // Decided approvals of `device` (the agent's poll carries them).
    Result<QList<Approval>> decisionsFor(const QString& device);

    // All-time totals per (device, user, app, model).
    Result<QList<Usage>> usage();
    // Sums per (user, app, model) of the device's usage on UTC days from the day of `sinceMs`
    // on (a day is counted whole: usage is kept per day, not per record).
    Result<QList<Usage>> usageSince(const QString& deviceId, qint64 sinceMs);

    Result<std::int64_t> addReport(const Report& report);
    Result<QList<Report>> reports();

private:
    struct Impl;
    explicit ServerStore(std::unique_ptr<Impl> impl);
    // Usage summed over the days from `fromDay` (UTC days since the epoch), of one device or
    // of all (empty id).
    Result<QList<Usage>> usageRows(const QString& deviceId, qint64 fromDay);
    std::unique_ptr<Impl> m_impl;
};

} // namespace corral::server
