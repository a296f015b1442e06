// SPDX-License-Identifier: Apache-2.0
#include "AuditExport.h"

#include "AuditRecord.h"
#include "AuditStore.h"
#include "CanonicalJson.h"
#include "Checkpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace corral::audit {

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    if (name == QLatin1String("jsonl"))
        return ExportFormat::Jsonl;
    if (name == QLatin1String("ocsf"))
        return ExportFormat::Ocsf;
    if (name == QLatin1String("cef"))
        return ExportFormat::Cef;
    if (name == QLatin1String("syslog"))
        return ExportFormat::Syslog;
    if (name == QLatin1String("records"))
        return ExportFormat::Records;
    return std::nullopt;
}

QString cefHeaderEscape(const QString& value)
{
    QString out;
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('|'))
            out += QLatin1Char('\\');
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            out += QLatin1Char(' ');
        else
            out += c;
    }
    return out;
}

QString cefExtensionEscape(const QString& value)
{
    QString out;
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('='))
            out += QStringLiteral("\\=");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else
            out += c;
    }
    return out;
}

QString syslogParamEscape(const QString& value)
{
    QString out;
    for (const QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\') || c == QLatin1Char(']'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

namespace {

struct Exported
{
    std::uint64_t seq;
    QByteArray record;
    QJsonObject event; // the parsed record
    Hash leaf;
    const QByteArray* checkpoint; // null when not yet covered
    std::optional<Checkpoint> covering;
    Proof proof;
};

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

// Allow / deny outcome of an event for the security-control fields, if it has one.
std::optional<bool> allowed(const QJsonObject& e)
{
    const QString type = str(e, "type");
    if (type == QLatin1String("action.decided")) {
        const QString d = str(e, "decision");
        if (d == QLatin1String("allow"))
            return true;
        if (d == QLatin1String("deny"))
            return false;
        return std::nullopt;
    }
    if (type == QLatin1String("action.confirmed"))
        return e.value(QStringLiteral("approved")).toBool();
    if (type == QLatin1String("quota.exceeded") || type == QLatin1String("policy.rejected"))
        return false;
    return std::nullopt;
}

QString checkpointRef(const Exported& x)
{
    if (!x.covering)
        return QString();
    return QStringLiteral("%1 %2 %3")
        .arg(x.covering->origin)
        .arg(x.covering->size)
        .arg(QString::fromLatin1(x.covering->rootBase64()));
}

QByteArray jsonlLine(const Exported& x)
{
    QJsonObject o;
    o.insert(QStringLiteral("seq"), double(x.seq));
    o.insert(QStringLiteral("leaf"), QString::fromLatin1(crypto::toBytes(x.leaf).toHex()));
    o.insert(QStringLiteral("record"), QString::fromUtf8(x.record));
    o.insert(QStringLiteral("event"), x.event);
    if (x.checkpoint) {
        o.insert(QStringLiteral("checkpoint"), QString::fromUtf8(*x.checkpoint));
        QJsonArray proof;
        for (const Hash& h : x.proof)
            proof.append(QString::fromLatin1(crypto::toBytes(h).toHex()));
        o.insert(QStringLiteral("proof"), proof);
    } else {
        o.insert(QStringLiteral("checkpoint"), QJsonValue::Null);
        o.insert(QStringLiteral("proof"), QJsonValue::Null);
    }
    return canonicalJson(o).valueOr(QByteArray()) + '\n';
}

// OCSF 1.x: File System Activity (1001) for file actions, API Activity (6003) otherwise.
QByteArray ocsfLine(const Exported& x, qint64 tsMs)
{
    const QJsonObject& e = x.event;
    const QString type = str(e, "type");
    const QString action = str(e, "action");
    const bool file = action.startsWith(QLatin1String("file."));
    const QString verb = action.section(QLatin1Char('.'), 1);
    int activity = 99; // Other
    if (verb == QLatin1String("create"))
        activity = 1;
    else if (verb == QLatin1String("read") || verb == QLatin1String("list"))
        activity = 2;
    else if (verb == QLatin1String("write") || verb == QLatin1String("update"))
        activity = 3;
    else if (verb == QLatin1String("delete"))
        activity = 4;
    const int classUid = file ? 1001 : 6003;
    const int categoryUid = file ? 1 : 6;
    const std::optional<bool> allow = allowed(e);

    QJsonObject o;
    o.insert(QStringLiteral("class_uid"), classUid);
    o.insert(QStringLiteral("class_name"),
             file ? QStringLiteral("File System Activity") : QStringLiteral("API Activity"));
    o.insert(QStringLiteral("category_uid"), categoryUid);
    o.insert(QStringLiteral("activity_id"), activity);
    o.insert(QStringLiteral("type_uid"), classUid * 100 + activity);
    o.insert(QStringLiteral("time"), double(tsMs));
    o.insert(QStringLiteral("severity_id"), allow == std::optional<bool>(false) ? 3 : 1); // Medium / Informational
    o.insert(QStringLiteral("status_id"), str(e, "result") == QLatin1String("error") ? 2 : 1);
    o.insert(QStringLiteral("message"), type);
    if (allow) {
        // Security control profile: action_id 1 Allowed / 2 Denied; disposition 1 Allowed / 2 Blocked.
        o.insert(QStringLiteral("action_id"), *allow ? 1 : 2);
        o.insert(QStringLiteral("action"), *allow ? QStringLiteral("Allowed") : QStringLiteral("Denied"));
        o.insert(QStringLiteral("disposition_id"), *allow ? 1 : 2);
        o.insert(QStringLiteral("disposition"), *allow ? QStringLiteral("Allowed") : QStringLiteral("Blocked"));
        if (e.contains(QStringLiteral("policy_id")))
            o.insert(QStringLiteral("policy"),
                     QJsonObject{
                         {QStringLiteral("uid"), str(e, "policy_id")},
                         {QStringLiteral("desc"),
                          e.value(QStringLiteral("messages")).toVariant().toStringList().join(QStringLiteral("; "))}});
    }
    QJsonObject product{{QStringLiteral("name"), QStringLiteral("Corral")},
                        {QStringLiteral("vendor_name"), QStringLiteral("Corral")}};
    o.insert(QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("version"), QStringLiteral("1.1.0")},
                         {QStringLiteral("product"), product},
                         {QStringLiteral("log_name"), str(e, "origin")},
                         {QStringLiteral("sequence"), double(x.seq)},
                         {QStringLiteral("uid"), QString::fromLatin1(crypto::toBytes(x.leaf).toHex())}});
    QJsonObject actor;
    if (!str(e, "user_id").isEmpty())
        actor.insert(QStringLiteral("user"), QJsonObject{{QStringLiteral("uid"), str(e, "user_id")}});
    if (!str(e, "app_id").isEmpty())
        actor.insert(QStringLiteral("app_name"), str(e, "app_id"));
    o.insert(QStringLiteral("actor"), actor);
    if (file) {
        const QString path = str(e, "resource");
        o.insert(QStringLiteral("file"), QJsonObject{{QStringLiteral("path"), path},
                                                     {QStringLiteral("name"), path.section(QLatin1Char('/'), -1)},
                                                     {QStringLiteral("type_id"), 1}});
    } else {
        o.insert(QStringLiteral("api"), QJsonObject{{QStringLiteral("operation"), action.isEmpty() ? type : action}});
        if (!str(e, "resource").isEmpty())
            o.insert(QStringLiteral("resources"),
                     QJsonArray{QJsonObject{{QStringLiteral("name"), str(e, "resource")}}});
    }
    QJsonObject corral{{QStringLiteral("seq"), double(x.seq)},
                       {QStringLiteral("leaf_hash"), QString::fromLatin1(crypto::toBytes(x.leaf).toHex())},
                       {QStringLiteral("checkpoint"), x.covering ? QJsonValue(checkpointRef(x)) : QJsonValue()},
                       {QStringLiteral("event"), e}};
    o.insert(QStringLiteral("unmapped"), QJsonObject{{QStringLiteral("corral"), corral}});
    return canonicalJson(o).valueOr(QByteArray()) + '\n';
}

QByteArray cefLine(const Exported& x, qint64 tsMs)
{
    const QJsonObject& e = x.event;
    const QString type = str(e, "type");
    const std::optional<bool> allow = allowed(e);
    const int severity = allow == std::optional<bool>(false) ? 6 : 3;
    QString name = type;
    if (!str(e, "action").isEmpty())
        name += QLatin1Char(' ') + str(e, "action");
    QStringList ext;
    auto add = [&](const char* key, const QString& value) {
        if (!value.isEmpty())
            ext.append(QLatin1String(key) + QLatin1Char('=') + cefExtensionEscape(value));
    };
    add("rt", QString::number(tsMs));
    add("suser", str(e, "user_id"));
    add("act", allow ? (*allow ? QStringLiteral("allow") : QStringLiteral("deny")) : str(e, "action"));
    add("request", str(e, "resource"));
    add("outcome", str(e, "result"));
    add("msg", str(e, "text").isEmpty()
                   ? e.value(QStringLiteral("messages")).toVariant().toStringList().join(QStringLiteral("; "))
                   : str(e, "text"));
    // Custom fields travel as csN/cnN with a label naming them.
    auto custom = [&](const char* key, const QString& label, const QString& value) {
        if (value.isEmpty())
            return;
        add((QByteArray(key) + "Label").constData(), label);
        add(key, value);
    };
    custom("cs1", QStringLiteral("appId"), str(e, "app_id"));
    custom("cs2", QStringLiteral("leafHash"), QString::fromLatin1(crypto::toBytes(x.leaf).toHex()));
    custom("cs3", QStringLiteral("checkpoint"), checkpointRef(x));
    custom("cs4", QStringLiteral("record"), QString::fromUtf8(x.record));
    custom("cn1", QStringLiteral("seq"), QString::number(x.seq));
    const QString line = QStringLiteral("CEF:0|Corral|Corral|%1|%2|%3|%4|%5")
                             .arg(cefHeaderEscape(QStringLiteral("0.1.0")), cefHeaderEscape(type),
                                  cefHeaderEscape(name), QString::number(severity), ext.join(QLatin1Char(' ')));
    return line.toUtf8() + '\n';
}

QByteArray syslogLine(const Exported& x)
{
    const QJsonObject& e = x.event;
    const std::optional<bool> allow = allowed(e);
    const int facility = 13;                                          // log audit
    const int severity = allow == std::optional<bool>(false) ? 4 : 6; // warning / informational
    QString host = str(e, "origin").section(QLatin1Char('/'), 1, 1);
    if (host.isEmpty())
        host = QStringLiteral("-");
    QString msgId = str(e, "type").left(32);
    QStringList params;
    auto add = [&](const char* key, const QString& value) {
        if (!value.isEmpty())
            params.append(QStringLiteral("%1=\"%2\"").arg(QLatin1String(key), syslogParamEscape(value)));
    };
    add("seq", QString::number(x.seq));
    add("leaf", QString::fromLatin1(crypto::toBytes(x.leaf).toHex()));
    add("checkpoint", checkpointRef(x));
    add("app", str(e, "app_id"));
    add("user", str(e, "user_id"));
    if (allow)
        add("decision", *allow ? QStringLiteral("allow") : QStringLiteral("deny"));
    // 32473 is the private enterprise number RFC 5612 reserves for documentation; an
    // organisation with its own number replaces it.
    const QString line = QStringLiteral("<%1>1 %2 %3 corral - %4 [corral@32473 %5] ")
                             .arg(facility * 8 + severity)
                             .arg(str(e, "ts"), host.left(255), msgId, params.join(QLatin1Char(' ')));
    return line.toUtf8() + QByteArray("\xEF\xBB\xBF") + x.record + '\n';
}

bool passes(const ExportFilter& f, const QJsonObject& e)
{
    const QString ts = str(e, "ts");
    if (f.fromMs && ts < formatTimestamp(*f.fromMs))
        return false;
    if (f.toMs && ts >= formatTimestamp(*f.toMs))
        return false;
    if (!f.appId.isEmpty() && str(e, "app_id") != f.appId)
        return false;
    if (!f.userId.isEmpty() && str(e, "user_id") != f.userId)
        return false;
    if (!f.types.isEmpty() && !f.types.contains(str(e, "type")))
        return false;
    return true;
}

Result<void> writeAll(QIODevice& out, const QByteArray& data)
{
    if (out.write(data) != data.size())
        return makeError(QStringLiteral("audit.io"),
                         QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    return {};
}

} // namespace

Result<ExportFilter> parseExportFilter(const ExportFilterText& text, ExportFormat format)
{
    ExportFilter filter;
    for (const auto& [name, value, bound] :
         {std::tuple{"from", &text.from, &filter.fromMs}, std::tuple{"to", &text.to, &filter.toMs}}) {
        if (value->isEmpty())
            continue;
        *bound = parseTimestamp(*value);
        if (!*bound)
            return makeError(QStringLiteral("audit.filter"),
                             QStringLiteral("%1: not an RFC 3339 time: %2").arg(QLatin1String(name), *value));
    }
    filter.appId = text.app;
    filter.userId = text.user;
    for (const QString& t : text.types)
        filter.types += t.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (format == ExportFormat::Records && !filter.isEmpty())
        return makeError(QStringLiteral("audit.export"),
                         QStringLiteral("the records format is the whole log; it takes no filter"));
    return filter;
}

Result<ExportStats> exportLog(const QString& dbPath, ExportFormat format, const ExportFilter& filter, QIODevice& out)
{
    if (format == ExportFormat::Records && !filter.isEmpty())
        return makeError(QStringLiteral("audit.export"),
                         QStringLiteral("the records format is the whole log; it takes no filter"));
    Result<AuditStore> store = AuditStore::open(dbPath);
    if (!store)
        return store.error();
    Result<QList<StoredCheckpoint>> cps = store->checkpoints();
    if (!cps)
        return cps.error();
    // The covering checkpoint is the latest one; its size bounds what proofs can cover.
    QByteArray latestNote;
    std::optional<Checkpoint> latest;
    for (const StoredCheckpoint& sc : *cps) {
        Result<Checkpoint> c = peekCheckpoint(sc.note);
        if (c && (!latest || c->size >= latest->size)) {
            latest = *c;
            latestNote = sc.note;
        }
    }
    ExportStats stats;
    if (format == ExportFormat::Records) {
        const std::uint64_t size = latest ? latest->size : 0;
        Result<void> io;
        Result<void> r = store->forEachRecord([&](std::uint64_t seq, QByteArrayView record) {
            if (seq >= size)
                return false;
            io = writeAll(out, record.toByteArray() + '\n');
            ++stats.exported;
            return io.ok();
        });
        if (!r)
            return r.error();
        if (!io)
            return io.error();
        return stats;
    }

    std::optional<MerkleLevels> levels;
    if (latest && (format == ExportFormat::Jsonl)) {
        Result<std::vector<Hash>> leaves = store->leafHashes(0, latest->size);
        if (!leaves)
            return leaves.error();
        levels.emplace(std::move(*leaves));
    }
    Result<void> io;
    Result<void> r = store->forEachRecord([&](std::uint64_t seq, QByteArrayView bytes) {
        const QJsonObject event = QJsonDocument::fromJson(bytes.toByteArray()).object();
        if (!passes(filter, event))
            return true;
        Exported x{seq, bytes.toByteArray(), event, leafHash(bytes), nullptr, std::nullopt, {}};
        if (latest && seq < latest->size) {
            x.checkpoint = &latestNote;
            x.covering = latest;
            if (levels)
                x.proof = levels->inclusion(seq);
        } else {
            ++stats.uncovered;
        }
        const qint64 tsMs = parseTimestamp(str(event, "ts")).value_or(0);
        QByteArray line;
        switch (format) {
        case ExportFormat::Jsonl:
            line = jsonlLine(x);
            break;
        case ExportFormat::Ocsf:
            line = ocsfLine(x, tsMs);
            break;
        case ExportFormat::Cef:
            line = cefLine(x, tsMs);
            break;
        case ExportFormat::Syslog:
            line = syslogLine(x);
            break;
        case ExportFormat::Records:
            break;
        }
        io = writeAll(out, line);
        ++stats.exported;
        return io.ok();
    });
    if (!r)
        return r.error();
    if (!io)
        return io.error();
    return stats;
}

} // namespace corral::audit
