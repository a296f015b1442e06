// SPDX-License-Identifier: Apache-2.0
#include "ServerStore.h"

#include <cstring>

namespace corral::server {

using storage::SqliteStatement;
using storage::SqliteTransaction;

namespace {

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS admin_tokens(id INTEGER PRIMARY KEY, hash BLOB UNIQUE NOT NULL, role TEXT NOT NULL,
    name TEXT NOT NULL, created_ms INTEGER NOT NULL, revoked_ms INTEGER);
CREATE TABLE IF NOT EXISTS enroll_tokens(hash BLOB PRIMARY KEY, created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL, used_ms INTEGER, device_id TEXT);
CREATE TABLE IF NOT EXISTS devices(num INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, public_key BLOB NOT NULL,
    user TEXT NOT NULL, host TEXT NOT NULL, origin TEXT NOT NULL, enrolled_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL, last_sync_ms INTEGER NOT NULL DEFAULT 0, size INTEGER NOT NULL DEFAULT 0,
    edge BLOB NOT NULL DEFAULT x'', last_leaf BLOB NOT NULL DEFAULT x'', checkpoint BLOB NOT NULL DEFAULT x'',
    cosignature BLOB NOT NULL DEFAULT x'');
CREATE TABLE IF NOT EXISTS records(device INTEGER NOT NULL, seq INTEGER NOT NULL, record BLOB NOT NULL,
    PRIMARY KEY(device, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alerts(id INTEGER PRIMARY KEY, ts_ms INTEGER NOT NULL, device TEXT NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL, silenced_ms INTEGER);
CREATE TABLE IF NOT EXISTS bundles(serial INTEGER PRIMARY KEY, archive BLOB NOT NULL, signature BLOB NOT NULL,
    published_ms INTEGER NOT NULL, publisher TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders(id INTEGER PRIMARY KEY, ts_ms INTEGER NOT NULL, app TEXT NOT NULL,
    device TEXT NOT NULL, action TEXT NOT NULL, issuer TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS approvals(id INTEGER PRIMARY KEY, device TEXT NOT NULL, app TEXT NOT NULL,
    user TEXT NOT NULL, reason TEXT NOT NULL, requested_ms INTEGER NOT NULL, state TEXT NOT NULL,
    reviewer TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', decided_ms INTEGER NOT NULL DEFAULT 0,
    decision BLOB NOT NULL DEFAULT x'');
CREATE TABLE IF NOT EXISTS usage(device TEXT NOT NULL, user TEXT NOT NULL, app TEXT NOT NULL, model TEXT NOT NULL,
    calls INTEGER NOT NULL, tokens INTEGER NOT NULL, cost REAL NOT NULL, PRIMARY KEY(device, user, app, model));
CREATE TABLE IF NOT EXISTS reports(id INTEGER PRIMARY KEY, ts_ms INTEGER NOT NULL, device TEXT NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL);
)sql";

Error notFound(const QString& what)
{
    return makeError(QStringLiteral("server.not-found"), what);
}

void bind(SqliteStatement& s, int i, const QString& text)
{
    s.bindText(i, text.toUtf8());
}

QString text(const SqliteStatement& s, int column)
{
    const QByteArrayView v = s.columnBlob(column);
    return QString::fromUtf8(v.data(), v.size());
}

QByteArray blob(const SqliteStatement& s, int column)
{
    return s.columnBlob(column).toByteArray();
}

QByteArray edgeBytes(const std::vector<audit::Hash>& edge)
{
    QByteArray out;
    out.reserve(qsizetype(edge.size() * 32));
    for (const audit::Hash& h : edge)
        out.append(reinterpret_cast<const char*>(h.data()), 32);
    return out;
}

std::vector<audit::Hash> edgeFrom(QByteArrayView bytes)
{
    std::vector<audit::Hash> edge(std::size_t(bytes.size() / 32));
    for (std::size_t i = 0; i < edge.size(); ++i)
        std::memcpy(edge[i].data(), bytes.data() + i * 32, 32);
    return edge;
}

constexpr char kDeviceColumns[] = "num, id, public_key, user, host, origin, enrolled_ms, last_seen_ms, last_sync_ms, "
                                  "size, edge, last_leaf, checkpoint, cosignature";

Device readDevice(const SqliteStatement& s)
{
    Device d;
    d.num = s.columnInt64(0);
    d.id = text(s, 1);
    d.publicKey = blob(s, 2);
    d.user = text(s, 3);
    d.host = text(s, 4);
    d.origin = text(s, 5);
    d.enrolledMs = s.columnInt64(6);
    d.lastSeenMs = s.columnInt64(7);
    d.lastSyncMs = s.columnInt64(8);
    d.size = std::uint64_t(s.columnInt64(9));
    d.edge = edgeFrom(s.columnBlob(10));
    const QByteArrayView leaf = s.columnBlob(11);
    if (leaf.size() == 32)
        std::memcpy(d.lastLeaf.data(), leaf.data(), 32);
    d.checkpoint = blob(s, 12);
    d.cosignature = blob(s, 13);
    return d;
}

constexpr char kApprovalColumns[] = "id, device, app, user, reason, requested_ms, state, reviewer, note, decided_ms, "
                                    "decision";

Approval readApproval(const SqliteStatement& s)
{
    Approval a;
    a.id = s.columnInt64(0);
    a.device = text(s, 1);
    a.app = text(s, 2);
    a.user = text(s, 3);
    a.reason = text(s, 4);
    a.requestedMs = s.columnInt64(5);
    a.state = text(s, 6);
    a.reviewer = text(s, 7);
    a.note = text(s, 8);
    a.decidedMs = s.columnInt64(9);
    a.decision = blob(s, 10);
    return a;
}

Order readOrder(const SqliteStatement& s)
{
    return Order{s.columnInt64(0), s.columnInt64(1), text(s, 2), text(s, 3), text(s, 4), text(s, 5)};
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Reviewer:
        return QStringLiteral("reviewer");
    case Role::Auditor:
        return QStringLiteral("auditor");
    }
    return {};
}

std::optional<Role> roleFromName(const QString& name)
{
    for (Role r : {Role::Admin, Role::Reviewer, Role::Auditor}) {
        if (roleName(r) == name)
            return r;
    }
    return std::nullopt;
}

Result<ServerStore> ServerStore::open(const QString& path)
{
    storage::SqliteDatabase::Options options;
    // NORMAL in WAL mode survives a process crash; an acknowledged upload is only lost to a
    // power cut, and the agent then re-sends it (the witness accepts what extends its state).
    options.synchronous = storage::SqliteDatabase::Synchronous::Normal;
    Result<storage::SqliteDatabase> db = storage::SqliteDatabase::open(path, options);
    if (!db)
        return db.error();
    ServerStore store;
    store.m_path = path;
    store.m_db = std::move(db.value());
    if (Result<void> r = store.migrate(); !r)
        return r.error();
    return store;
}

Result<void> ServerStore::migrate()
{
    return m_db.exec(kSchema);
}

Result<QByteArray> ServerStore::meta(const char* key)
{
    Result<SqliteStatement> s = m_db.prepare("SELECT value FROM meta WHERE key = ?");
    if (!s)
        return s.error();
    s->bindText(1, QByteArrayView(key));
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    return *row ? blob(*s, 0) : QByteArray();
}

Result<void> ServerStore::setMeta(const char* key, QByteArrayView value)
{
    Result<SqliteStatement> s = m_db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    if (!s)
        return s.error();
    s->bindText(1, QByteArrayView(key));
    s->bindBlob(2, value);
    return s->run();
}

Result<std::int64_t> ServerStore::addAdminToken(QByteArrayView tokenHash, Role role, const QString& name, qint64 nowMs)
{
    Result<SqliteStatement> s =
        m_db.prepare("INSERT INTO admin_tokens(hash, role, name, created_ms) VALUES(?, ?, ?, ?) RETURNING id");
    if (!s)
        return s.error();
    s->bindBlob(1, tokenHash);
    bind(*s, 2, roleName(role));
    bind(*s, 3, name);
    s->bindInt64(4, nowMs);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    return s->columnInt64(0);
}

Result<std::optional<AdminToken>> ServerStore::findAdminToken(QByteArrayView tokenHash)
{
    Result<SqliteStatement> s =
        m_db.prepare("SELECT id, role, name, created_ms FROM admin_tokens WHERE hash = ? AND revoked_ms IS NULL");
    if (!s)
        return s.error();
    s->bindBlob(1, tokenHash);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<AdminToken>();
    AdminToken t;
    t.id = s->columnInt64(0);
    t.role = roleFromName(text(*s, 1)).value_or(Role::Auditor);
    t.name = text(*s, 2);
    t.createdMs = s->columnInt64(3);
    return std::optional<AdminToken>(t);
}

Result<QList<AdminToken>> ServerStore::adminTokens()
{
    Result<SqliteStatement> s =
        m_db.prepare("SELECT id, role, name, created_ms, revoked_ms IS NOT NULL FROM admin_tokens ORDER BY id");
    if (!s)
        return s.error();
    QList<AdminToken> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(AdminToken{s->columnInt64(0), roleFromName(text(*s, 1)).value_or(Role::Auditor), text(*s, 2),
                              s->columnInt64(3), s->columnInt64(4) != 0});
    }
    return out;
}

Result<void> ServerStore::revokeAdminToken(std::int64_t id, qint64 nowMs)
{
    Result<SqliteStatement> s =
        m_db.prepare("UPDATE admin_tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL RETURNING id");
    if (!s)
        return s.error();
    s->bindInt64(1, nowMs);
    s->bindInt64(2, id);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return notFound(QStringLiteral("no active admin token %1").arg(id));
    return {};
}

Result<void> ServerStore::addEnrollToken(QByteArrayView tokenHash, qint64 nowMs, qint64 expiresMs)
{
    Result<SqliteStatement> s = m_db.prepare("INSERT INTO enroll_tokens(hash, created_ms, expires_ms) VALUES(?, ?, ?)");
    if (!s)
        return s.error();
    s->bindBlob(1, tokenHash);
    s->bindInt64(2, nowMs);
    s->bindInt64(3, expiresMs);
    return s->run();
}

Result<void> ServerStore::enroll(QByteArrayView tokenHash, const Device& device, qint64 nowMs)
{
    Result<SqliteTransaction> tx = SqliteTransaction::begin(m_db);
    if (!tx)
        return tx.error();
    {
        Result<SqliteStatement> s = m_db.prepare("SELECT expires_ms, used_ms IS NOT NULL FROM enroll_tokens "
                                                 "WHERE hash = ?");
        if (!s)
            return s.error();
        s->bindBlob(1, tokenHash);
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row || s->columnInt64(1) != 0)
            return makeError(QStringLiteral("enroll.token"),
                             QStringLiteral("unknown or already used enrollment token"));
        if (s->columnInt64(0) <= nowMs)
            return makeError(QStringLiteral("enroll.expired"), QStringLiteral("the enrollment token has expired"));
    }
    {
        Result<SqliteStatement> s = m_db.prepare("UPDATE enroll_tokens SET used_ms = ?, device_id = ? WHERE hash = ?");
        if (!s)
            return s.error();
        s->bindInt64(1, nowMs);
        bind(*s, 2, device.id);
        s->bindBlob(3, tokenHash);
        if (Result<void> r = s->run(); !r)
            return r;
    }
    {
        Result<SqliteStatement> s = m_db.prepare("INSERT INTO devices(id, public_key, user, host, origin, enrolled_ms, "
                                                 "last_seen_ms) VALUES(?, ?, ?, ?, ?, ?, ?)");
        if (!s)
            return s.error();
        bind(*s, 1, device.id);
        s->bindBlob(2, device.publicKey);
        bind(*s, 3, device.user);
        bind(*s, 4, device.host);
        bind(*s, 5, device.origin);
        s->bindInt64(6, nowMs);
        s->bindInt64(7, nowMs);
        if (Result<void> r = s->run(); !r)
            return r;
    }
    return tx->commit();
}

Result<std::optional<Device>> ServerStore::device(const QString& id)
{
    const QByteArray sql = QByteArray("SELECT ") + kDeviceColumns + " FROM devices WHERE id = ?";
    Result<SqliteStatement> s = m_db.prepare(sql.constData());
    if (!s)
        return s.error();
    bind(*s, 1, id);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Device>();
    return std::optional<Device>(readDevice(*s));
}

Result<QList<Device>> ServerStore::devices()
{
    const QByteArray sql = QByteArray("SELECT ") + kDeviceColumns + " FROM devices ORDER BY num";
    Result<SqliteStatement> s = m_db.prepare(sql.constData());
    if (!s)
        return s.error();
    QList<Device> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(readDevice(*s));
    }
    return out;
}

Result<void> ServerStore::touchDevice(const QString& id, qint64 nowMs)
{
    Result<SqliteStatement> s = m_db.prepare("UPDATE devices SET last_seen_ms = ? WHERE id = ?");
    if (!s)
        return s.error();
    s->bindInt64(1, nowMs);
    bind(*s, 2, id);
    return s->run();
}

Result<void> ServerStore::appendRecords(const Device& after, std::uint64_t firstSeq,
                                        const std::vector<QByteArrayView>& records,
                                        const std::vector<UsageDelta>& usage, qint64 nowMs)
{
    Result<SqliteTransaction> tx = SqliteTransaction::begin(m_db);
    if (!tx)
        return tx.error();
    Result<SqliteStatement> insert = m_db.prepare("INSERT INTO records(device, seq, record) VALUES(?, ?, ?)");
    if (!insert)
        return insert.error();
    std::uint64_t seq = firstSeq;
    for (QByteArrayView record : records) {
        insert->bindInt64(1, after.num);
        insert->bindInt64(2, std::int64_t(seq++));
        insert->bindBlob(3, record, false);
        if (Result<void> r = insert->run(); !r)
            return r;
    }
    Result<SqliteStatement> update =
        m_db.prepare("UPDATE devices SET size = ?, edge = ?, last_leaf = ?, checkpoint = ?, cosignature = ?, "
                     "last_sync_ms = ?, last_seen_ms = ? WHERE num = ?");
    if (!update)
        return update.error();
    update->bindInt64(1, std::int64_t(after.size));
    update->bindBlob(2, edgeBytes(after.edge));
    update->bindBlob(3, crypto::toBytes(after.lastLeaf));
    update->bindBlob(4, after.checkpoint);
    update->bindBlob(5, after.cosignature);
    update->bindInt64(6, nowMs);
    update->bindInt64(7, nowMs);
    update->bindInt64(8, after.num);
    if (Result<void> r = update->run(); !r)
        return r;
    if (!usage.empty()) {
        Result<SqliteStatement> add = m_db.prepare(
            "INSERT INTO usage(device, user, app, model, calls, tokens, cost) VALUES(?, ?, ?, ?, 1, ?, ?) "
            "ON CONFLICT(device, user, app, model) DO UPDATE SET calls = calls + 1, tokens = tokens + excluded.tokens, "
            "cost = cost + excluded.cost");
        if (!add)
            return add.error();
        for (const UsageDelta& u : usage) {
            bind(*add, 1, after.id);
            bind(*add, 2, u.user);
            bind(*add, 3, u.app);
            bind(*add, 4, u.model);
            add->bindInt64(5, u.tokens);
            add->bindText(6, QByteArray::number(u.cost, 'g', 17));
            if (Result<void> r = add->run(); !r)
                return r;
        }
    }
    return tx->commit();
}

Result<QList<QByteArray>> ServerStore::records(const QString& deviceId, std::uint64_t fromSeq, std::uint64_t limit)
{
    Result<SqliteStatement> s = m_db.prepare("SELECT r.record FROM records r JOIN devices d ON d.num = r.device "
                                             "WHERE d.id = ? AND r.seq >= ? ORDER BY r.seq LIMIT ?");
    if (!s)
        return s.error();
    bind(*s, 1, deviceId);
    s->bindInt64(2, std::int64_t(fromSeq));
    s->bindInt64(3, std::int64_t(std::min<std::uint64_t>(limit, std::uint64_t(INT64_MAX))));
    QList<QByteArray> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(blob(*s, 0));
    }
    return out;
}

Result<std::int64_t> ServerStore::recordCount()
{
    return m_db.queryInt64("SELECT COUNT(*) FROM records");
}

Result<std::int64_t> ServerStore::addAlert(const QString& device, const QString& kind, const QString& detail,
                                           qint64 nowMs)
{
    Result<SqliteStatement> s =
        m_db.prepare("INSERT INTO alerts(ts_ms, device, kind, detail) VALUES(?, ?, ?, ?) RETURNING id");
    if (!s)
        return s.error();
    s->bindInt64(1, nowMs);
    bind(*s, 2, device);
    bind(*s, 3, kind);
    bind(*s, 4, detail);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    return s->columnInt64(0);
}

Result<QList<Alert>> ServerStore::alerts(bool includeSilenced)
{
    Result<SqliteStatement> s =
        m_db.prepare(includeSilenced ? "SELECT id, ts_ms, device, kind, detail, silenced_ms IS NOT NULL FROM alerts "
                                       "ORDER BY id"
                                     : "SELECT id, ts_ms, device, kind, detail, 0 FROM alerts "
                                       "WHERE silenced_ms IS NULL ORDER BY id");
    if (!s)
        return s.error();
    QList<Alert> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(
            Alert{s->columnInt64(0), s->columnInt64(1), text(*s, 2), text(*s, 3), text(*s, 4), s->columnInt64(5) != 0});
    }
    return out;
}

Result<void> ServerStore::silenceAlert(std::int64_t id, qint64 nowMs)
{
    Result<SqliteStatement> s =
        m_db.prepare("UPDATE alerts SET silenced_ms = ? WHERE id = ? AND silenced_ms IS NULL RETURNING id");
    if (!s)
        return s.error();
    s->bindInt64(1, nowMs);
    s->bindInt64(2, id);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return notFound(QStringLiteral("no open alert %1").arg(id));
    return {};
}

Result<bool> ServerStore::hasOpenAlert(const QString& device, const QString& kind)
{
    Result<SqliteStatement> s =
        m_db.prepare("SELECT 1 FROM alerts WHERE device = ? AND kind = ? AND silenced_ms IS NULL LIMIT 1");
    if (!s)
        return s.error();
    bind(*s, 1, device);
    bind(*s, 2, kind);
    return s->step();
}

Result<void> ServerStore::addBundle(const StoredBundle& bundle)
{
    Result<SqliteStatement> s = m_db.prepare("INSERT INTO bundles(serial, archive, signature, published_ms, publisher) "
                                             "VALUES(?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    s->bindInt64(1, bundle.serial);
    s->bindBlob(2, bundle.archive);
    s->bindBlob(3, bundle.signature);
    s->bindInt64(4, bundle.publishedMs);
    bind(*s, 5, bundle.publisher);
    return s->run();
}

Result<std::optional<StoredBundle>> ServerStore::latestBundle()
{
    Result<SqliteStatement> s = m_db.prepare("SELECT serial, archive, signature, published_ms, publisher FROM bundles "
                                             "ORDER BY serial DESC LIMIT 1");
    if (!s)
        return s.error();
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<StoredBundle>();
    return std::optional<StoredBundle>(
        StoredBundle{s->columnInt64(0), blob(*s, 1), blob(*s, 2), s->columnInt64(3), text(*s, 4)});
}

Result<std::int64_t> ServerStore::addOrder(const Order& order)
{
    Result<SqliteStatement> s =
        m_db.prepare("INSERT INTO orders(ts_ms, app, device, action, issuer) VALUES(?, ?, ?, ?, ?) RETURNING id");
    if (!s)
        return s.error();
    s->bindInt64(1, order.tsMs);
    bind(*s, 2, order.app);
    bind(*s, 3, order.device);
    bind(*s, 4, order.action);
    bind(*s, 5, order.issuer);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    return s->columnInt64(0);
}

Result<QList<Order>> ServerStore::orders(const QString& device, std::int64_t afterId)
{
    Result<SqliteStatement> s = m_db.prepare("SELECT id, ts_ms, app, device, action, issuer FROM orders "
                                             "WHERE id > ? AND (device = '' OR device = ?) ORDER BY id");
    if (!s)
        return s.error();
    s->bindInt64(1, afterId);
    bind(*s, 2, device);
    QList<Order> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(readOrder(*s));
    }
    return out;
}

Result<std::int64_t> ServerStore::lastOrderId()
{
    return m_db.queryInt64("SELECT MAX(id) FROM orders");
}

Result<std::int64_t> ServerStore::addApproval(const Approval& a)
{
    Result<SqliteStatement> s = m_db.prepare("INSERT INTO approvals(device, app, user, reason, requested_ms, state) "
                                             "VALUES(?, ?, ?, ?, ?, 'pending') RETURNING id");
    if (!s)
        return s.error();
    bind(*s, 1, a.device);
    bind(*s, 2, a.app);
    bind(*s, 3, a.user);
    bind(*s, 4, a.reason);
    s->bindInt64(5, a.requestedMs);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    return s->columnInt64(0);
}

Result<std::optional<Approval>> ServerStore::approval(std::int64_t id)
{
    const QByteArray sql = QByteArray("SELECT ") + kApprovalColumns + " FROM approvals WHERE id = ?";
    Result<SqliteStatement> s = m_db.prepare(sql.constData());
    if (!s)
        return s.error();
    s->bindInt64(1, id);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Approval>();
    return std::optional<Approval>(readApproval(*s));
}

Result<QList<Approval>> ServerStore::approvals(const QString& state)
{
    const QByteArray sql =
        QByteArray("SELECT ") + kApprovalColumns + " FROM approvals WHERE ? = '' OR state = ? ORDER BY id";
    Result<SqliteStatement> s = m_db.prepare(sql.constData());
    if (!s)
        return s.error();
    bind(*s, 1, state);
    bind(*s, 2, state);
    QList<Approval> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(readApproval(*s));
    }
    return out;
}

Result<void> ServerStore::decideApproval(const Approval& d)
{
    Result<SqliteStatement> s =
        m_db.prepare("UPDATE approvals SET state = ?, reviewer = ?, note = ?, decided_ms = ?, decision = ? "
                     "WHERE id = ? AND state = 'pending' RETURNING id");
    if (!s)
        return s.error();
    bind(*s, 1, d.state);
    bind(*s, 2, d.reviewer);
    bind(*s, 3, d.note);
    s->bindInt64(4, d.decidedMs);
    s->bindBlob(5, d.decision);
    s->bindInt64(6, d.id);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    if (!*row) {
        Result<std::optional<Approval>> existing = approval(d.id);
        if (existing && existing->has_value())
            return makeError(QStringLiteral("approval.decided"),
                             QStringLiteral("approval %1 was already %2").arg(d.id).arg((*existing)->state));
        return notFound(QStringLiteral("no approval %1").arg(d.id));
    }
    return {};
}

Result<QList<Approval>> ServerStore::decisionsFor(const QString& device)
{
    const QByteArray sql = QByteArray("SELECT ") + kApprovalColumns +
                           " FROM approvals WHERE device = ? AND state <> 'pending' ORDER BY id";
    Result<SqliteStatement> s = m_db.prepare(sql.constData());
    if (!s)
        return s.error();
    bind(*s, 1, device);
    QList<Approval> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(readApproval(*s));
    }
    return out;
}

Result<QList<Usage>> ServerStore::usage()
{
    Result<SqliteStatement> s =
        m_db.prepare("SELECT device, user, app, model, calls, tokens, CAST(cost AS TEXT) FROM usage "
                     "ORDER BY device, user, app, model");
    if (!s)
        return s.error();
    QList<Usage> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(Usage{text(*s, 0), text(*s, 1), text(*s, 2), text(*s, 3), s->columnInt64(4), s->columnInt64(5),
                         text(*s, 6).toDouble()});
    }
    return out;
}

Result<std::int64_t> ServerStore::addReport(const Report& report)
{
    Result<SqliteStatement> s =
        m_db.prepare("INSERT INTO reports(ts_ms, device, kind, detail) VALUES(?, ?, ?, ?) RETURNING id");
    if (!s)
        return s.error();
    s->bindInt64(1, report.tsMs);
    bind(*s, 2, report.device);
    bind(*s, 3, report.kind);
    bind(*s, 4, report.detail);
    Result<bool> row = s->step();
    if (!row)
        return row.error();
    return s->columnInt64(0);
}

Result<QList<Report>> ServerStore::reports()
{
    Result<SqliteStatement> s = m_db.prepare("SELECT id, ts_ms, device, kind, detail FROM reports ORDER BY id");
    if (!s)
        return s.error();
    QList<Report> out;
    for (;;) {
        Result<bool> row = s->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(Report{s->columnInt64(0), s->columnInt64(1), text(*s, 2), text(*s, 3), text(*s, 4)});
    }
    return out;
}

} // namespace corral::server
