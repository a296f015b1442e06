// SPDX-License-Identifier: Apache-2.0
// ServerStore: everything corral-server keeps (admin and enrollment tokens, devices and
// their witnessed audit logs, alerts, bundles, orders, approvals, usage) in one SQLite
// database in WAL mode. Each method is one statement or one transaction, so a crash leaves
// either the old or the new state.
#pragma once

#include "Result.h"
#include "audit/MerkleTree.h"
#include "storage/SqliteDatabase.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <cstdint>
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
};

class ServerStore
{
public:
    // Opens or creates the database. Errors: "storage.open", "storage.sqlite".
    static Result<ServerStore> open(const QString& path);

    const QString& path() const { return m_path; }

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
    // hold seqs device.size .. device.size + records.size() - 1 before the update; `after`
    // is the new state (size, edge, lastLeaf, checkpoint, cosignature).
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

    Result<QList<Usage>> usage();

    Result<std::int64_t> addReport(const Report& report);
    Result<QList<Report>> reports();

private:
    Result<void> migrate();

    QString m_path;
    storage::SqliteDatabase m_db;
};

} // namespace corral::server
