// SPDX-License-Identifier: Apache-2.0
// audit verify | export | note | checkpoint | proof | consistency: the tamper-evident
// audit log from the command line. Every verb takes --db (default: the agent's log).
#include "AgentAccess.h"
#include "Paths.h"
#include "Verbs.h"
#include "agent/AgentPaths.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"
#include "audit/AuditStore.h"
#include "audit/AuditVerifier.h"
#include "audit/DeviceKey.h"
#include "crypto/SignedNote.h"

#include <QBuffer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace corral::cli {

namespace {

using namespace corral::audit;

QCommandLineOption dbOption()
{
    return QCommandLineOption(
        QStringLiteral("db"),
        QStringLiteral("The audit database (default: %1).").arg(paths::userDataDir() + QStringLiteral("/audit.db")),
        QStringLiteral("PATH"));
}

QString dbPath(const VerbParser& verb)
{
    return verb.isSet(QStringLiteral("db")) ? verb.value(QStringLiteral("db"))
                                            : paths::userDataDir() + QStringLiteral("/audit.db");
}

QString keyDir(const QString& db)
{
    return QFileInfo(db).absolutePath();
}

// Opens the database for reading; a missing log is a usage error (exit 2).
std::optional<AuditStore> openStore(const VerbParser& verb, Io& io, const QString& db)
{
    Result<AuditStore> store = AuditStore::open(db);
    if (!store) {
        if (store.error().code == QLatin1String("audit.missing"))
            verb.usageError(io, store.error().message);
        else
            verb.failure(io, store.error().toString());
        return std::nullopt;
    }
    return std::move(*store);
}

QString hex(const Hash& h)
{
    return QString::fromLatin1(crypto::toBytes(h).toHex());
}

void printReport(Io& io, const VerifyReport& report)
{
    for (const QString& repair : report.repairs)
        io.out << "repaired: " << repair << '\n';
    for (const QString& note : report.notes)
        io.err << "note: " << note << '\n';
    if (report.ok()) {
        io.out << report.summary() << '\n';
        return;
    }
    for (const Finding& f : report.failures)
        io.out << f.toLine() << '\n';
}

int runVerify(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("audit verify"),
                    QStringLiteral("Verify the whole audit log: every record's hash and prev, contiguity, every "
                                   "checkpoint's signature and root, and the retained checkpoint. Prints "
                                   "\"ok: N records, checkpoint N ROOT\" or one line per failure (exit 1).\n"
                                   "Without --db the running agent verifies its own log; with --export, verifies a "
                                   "JSON Lines export on its own."));
    verb.addOption(dbOption());
    verb.addOption(QCommandLineOption(QStringLiteral("pub"),
                                      QStringLiteral("Trusted key: minisign public key or signed-note verifier key "
                                                     "(default: device.pub next to the database)."),
                                      QStringLiteral("KEY")));
    verb.addOption(QCommandLineOption(QStringLiteral("export"), QStringLiteral("Verify this JSON Lines export."),
                                      QStringLiteral("FILE")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;

    if (verb.isSet(QStringLiteral("export"))) {
        if (!verb.isSet(QStringLiteral("pub")))
            return verb.usageError(io, QStringLiteral("--export needs --pub KEY"));
        const std::optional<QByteArray> data = readInputFile(verb, io, verb.value(QStringLiteral("export")));
        if (!data)
            return kExitUsage;
        // A minisign key is trusted under the origin the export's checkpoints name.
        QString origin;
        for (const QByteArray& line : data->split('\n')) {
            const qsizetype at = line.indexOf("\"checkpoint\":\"");
            if (at >= 0) {
                origin = QString::fromUtf8(line.mid(at + 14, line.indexOf("\\n", at) - at - 14));
                break;
            }
        }
        Result<QList<crypto::NoteVerifier>> trusted = loadVerifiers(verb.value(QStringLiteral("pub")), origin);
        if (!trusted)
            return verb.usageError(io, trusted.error().message);
        Result<VerifyReport> report = verifyExport(*data, *trusted);
        if (!report)
            return verb.failure(io, report.error().message);
        printReport(io, *report);
        return report->ok() ? kExitOk : kExitFailure;
    }

    // The agent's own log while the agent runs: it verifies what it holds, so the check
    // never races its writer.
    if (!verb.isSet(QStringLiteral("db")) && !verb.isSet(QStringLiteral("pub"))) {
        agent::AgentClient client;
        if (client.connectTo(agent::AgentPaths::fromEnvironment().socketPath, 1000).ok()) {
            const auto answer = callAgent(verb, io, client, QStringLiteral("audit.verify"), {}, 120000);
            if (!answer)
                return kExitFailure;
            const QJsonObject report = answer->toObject();
            for (const QJsonValue& repair : report.value(QStringLiteral("repairs")).toArray())
                io.out << "repaired: " << repair.toString() << '\n';
            if (report.value(QStringLiteral("ok")).toBool()) {
                io.out << report.value(QStringLiteral("summary")).toString() << '\n';
                return kExitOk;
            }
            for (const QJsonValue& failure : report.value(QStringLiteral("failures")).toArray())
                io.out << failure.toObject().value(QStringLiteral("message")).toString() << '\n';
            return kExitFailure;
        }
    }
    const QString db = dbPath(verb);
    std::optional<AuditStore> store = openStore(verb, io, db);
    if (!store)
        return QFileInfo::exists(db) ? kExitFailure : kExitUsage;
    const QString pub = verb.isSet(QStringLiteral("pub")) ? verb.value(QStringLiteral("pub"))
                                                          : keyDir(db) + QStringLiteral("/device.pub");
    Result<QList<crypto::NoteVerifier>> trusted = loadVerifiers(pub, store->origin());
    if (!trusted)
        return verb.usageError(io, trusted.error().message);
    store.reset();
    Result<VerifyReport> report = verifyLog(db, {*trusted, {}});
    if (!report)
        return verb.failure(io, report.error().message);
    printReport(io, *report);
    return report->ok() ? kExitOk : kExitFailure;
}

int runExport(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("audit export"),
                    QStringLiteral("Export the audit log. Formats: jsonl (verifiable with `audit verify --export`), "
                                   "ocsf, cef, syslog (RFC 5424), records (the records exactly as hashed, up to the "
                                   "latest checkpoint). Every event carries its seq, leaf hash and checkpoint."));
    verb.addOption(dbOption());
    verb.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("jsonl, ocsf, cef, syslog or records."),
                                      QStringLiteral("FORMAT")));
    verb.addOption(QCommandLineOption(
        QStringLiteral("from"), QStringLiteral("Events at or after this time (RFC 3339)."), QStringLiteral("TIME")));
    verb.addOption(QCommandLineOption(QStringLiteral("to"), QStringLiteral("Events before this time (RFC 3339)."),
                                      QStringLiteral("TIME")));
    verb.addOption(
        QCommandLineOption(QStringLiteral("app"), QStringLiteral("Only this app id."), QStringLiteral("ID")));
    verb.addOption(
        QCommandLineOption(QStringLiteral("user"), QStringLiteral("Only this user id."), QStringLiteral("ID")));
    verb.addOption(QCommandLineOption(QStringLiteral("type"),
                                      QStringLiteral("Only these record types (repeat or comma-separate)."),
                                      QStringLiteral("TYPE")));
    verb.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                      QStringLiteral("Write to FILE instead of standard output."),
                                      QStringLiteral("FILE")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    const std::optional<ExportFormat> format = exportFormatFromName(verb.value(QStringLiteral("format")));
    if (!format)
        return verb.usageError(io, QStringLiteral("--format must be jsonl, ocsf, cef, syslog or records"));
    const Result<ExportFilter> filter = parseExportFilter(
        {verb.value(QStringLiteral("from")), verb.value(QStringLiteral("to")), verb.value(QStringLiteral("app")),
         verb.value(QStringLiteral("user")), verb.values(QStringLiteral("type"))},
        *format);
    if (!filter)
        return verb.usageError(io, filter.error().message);
    const QString db = dbPath(verb);
    if (!QFileInfo::exists(db))
        return verb.usageError(io, QStringLiteral("no audit log at %1").arg(db));

    Result<ExportStats> stats = makeError(QString(), QString());
    if (verb.isSet(QStringLiteral("o"))) {
        QSaveFile file(verb.value(QStringLiteral("o")));
        if (!file.open(QIODevice::WriteOnly))
            return verb.failure(io, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        stats = exportLog(db, *format, *filter, file);
        if (stats && !file.commit())
            return verb.failure(io, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    } else {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        stats = exportLog(db, *format, *filter, buffer);
        if (stats) {
            io.out << QString::fromUtf8(buffer.data());
            io.out.flush();
        }
    }
    if (!stats)
        return verb.failure(io, stats.error().message);
    if (stats->uncovered)
        io.err << "note: " << stats->uncovered << " exported events are newer than the latest checkpoint\n";
    return kExitOk;
}

int runNote(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("audit note"),
                    QStringLiteral("Append an operator's note (e.g. \"incident opened\") to the audit log, signed "
                                   "into the next checkpoint. Without --db the note goes through the agent when it "
                                   "runs; otherwise creates the log and the device key if needed."),
                    QStringLiteral("TEXT"));
    verb.addOption(dbOption());
    verb.addOption(
        QCommandLineOption(QStringLiteral("author"), QStringLiteral("Who writes the note."), QStringLiteral("NAME")));
    verb.addPositional(QStringLiteral("TEXT"), QStringLiteral("The note."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    // The agent's own log: when the agent runs it is the one writer, so the note goes
    // through it.
    if (!verb.isSet(QStringLiteral("db"))) {
        agent::AgentClient client;
        if (client.connectTo(agent::AgentPaths::fromEnvironment().socketPath, 1000).ok()) {
            QString text = verb.positional().at(0);
            if (verb.isSet(QStringLiteral("author")))
                text = verb.value(QStringLiteral("author")) + QStringLiteral(": ") + text;
            const auto seq =
                callAgent(verb, io, client, QStringLiteral("audit.note"), {{QStringLiteral("text"), text}});
            if (!seq)
                return kExitFailure;
            io.out << "seq " << seq->toObject().value(QStringLiteral("seq")).toInteger() << '\n';
            return kExitOk;
        }
    }
    const QString db = dbPath(verb);
    Result<DeviceKey> key = loadOrCreateDeviceKey(keyDir(db));
    if (!key)
        return verb.failure(io, key.error().toString());
    AuditLog::Options options;
    options.origin = key->suggestedOrigin;
    options.timer = false;
    Result<std::unique_ptr<AuditLog>> log = AuditLog::open(db, key->key.keyPair, options);
    if (!log)
        return verb.failure(io, log.error().toString());
    for (const QString& repair : (*log)->repairs())
        io.err << "repaired: " << repair << '\n';
    Result<std::uint64_t> seq =
        (*log)->append(events::note(verb.positional().at(0), verb.value(QStringLiteral("author"))));
    if (!seq)
        return verb.failure(io, seq.error().toString());
    if (Result<void> closed = (*log)->close(); !closed)
        return verb.failure(io, closed.error().toString());
    io.out << "seq " << *seq << '\n';
    return kExitOk;
}

// The latest stored checkpoint note, or an empty note when the log has none.
std::optional<QByteArray> latestNote(const VerbParser& verb, Io& io, AuditStore& store)
{
    Result<QList<StoredCheckpoint>> cps = store.checkpoints();
    if (!cps) {
        verb.failure(io, cps.error().toString());
        return std::nullopt;
    }
    if (cps->isEmpty()) {
        verb.failure(io, QStringLiteral("the log has no checkpoint yet"));
        return std::nullopt;
    }
    return cps->last().note;
}

int runCheckpoint(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("audit checkpoint"),
                    QStringLiteral("Print the latest signed checkpoint (C2SP tlog-checkpoint in a signed note)."));
    verb.addOption(dbOption());
    verb.addOption(QCommandLineOption(QStringLiteral("vkey"),
                                      QStringLiteral("Print the signer's verifier key (name+keyid+base64) instead.")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    const QString db = dbPath(verb);
    std::optional<AuditStore> store = openStore(verb, io, db);
    if (!store)
        return QFileInfo::exists(db) ? kExitFailure : kExitUsage;
    if (verb.isSet(QStringLiteral("vkey"))) {
        Result<QList<crypto::NoteVerifier>> v =
            loadVerifiers(keyDir(db) + QStringLiteral("/device.pub"), store->origin());
        if (!v)
            return verb.failure(io, v.error().message);
        io.out << v->first().toVerifierKey() << '\n';
        return kExitOk;
    }
    const std::optional<QByteArray> note = latestNote(verb, io, *store);
    if (!note)
        return kExitFailure;
    io.out << QString::fromUtf8(*note);
    return kExitOk;
}

// Parses a non-negative integer option; prints a usage error otherwise.
std::optional<std::uint64_t> countOption(const VerbParser& verb, Io& io, const QString& name)
{
    bool ok = false;
    const std::uint64_t n = verb.value(name).toULongLong(&ok);
    if (!ok) {
        verb.usageError(io, QStringLiteral("--%1 must be a non-negative integer").arg(name));
        return std::nullopt;
    }
    return n;
}

// Default tree size for the proof verbs: the latest checkpoint's.
std::optional<std::uint64_t> defaultSize(const VerbParser& verb, Io& io, AuditStore& store)
{
    const std::optional<QByteArray> note = latestNote(verb, io, store);
    if (!note)
        return std::nullopt;
    Result<Checkpoint> c = peekCheckpoint(*note);
    if (!c) {
        verb.failure(io, c.error().message);
        return std::nullopt;
    }
    return c->size;
}

int runProof(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("audit proof"),
                    QStringLiteral("Print the RFC 9162 inclusion proof of record --seq in the tree of --size records "
                                   "(default: the latest checkpoint's size)."));
    verb.addOption(dbOption());
    verb.addOption(QCommandLineOption(QStringLiteral("seq"), QStringLiteral("The record."), QStringLiteral("N")));
    verb.addOption(QCommandLineOption(QStringLiteral("size"), QStringLiteral("The tree size."), QStringLiteral("M")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    if (!verb.isSet(QStringLiteral("seq")))
        return verb.usageError(io, QStringLiteral("missing --seq N"));
    const std::optional<std::uint64_t> seq = countOption(verb, io, QStringLiteral("seq"));
    if (!seq)
        return kExitUsage;
    const QString db = dbPath(verb);
    std::optional<AuditStore> store = openStore(verb, io, db);
    if (!store)
        return QFileInfo::exists(db) ? kExitFailure : kExitUsage;
    std::optional<std::uint64_t> size = verb.isSet(QStringLiteral("size"))
                                            ? countOption(verb, io, QStringLiteral("size"))
                                            : defaultSize(verb, io, *store);
    if (!size)
        return verb.isSet(QStringLiteral("size")) ? kExitUsage : kExitFailure;
    if (*seq >= *size)
        return verb.usageError(io, QStringLiteral("seq %1 is not in a tree of size %2").arg(*seq).arg(*size));
    Result<std::vector<Hash>> leaves = store->leafHashes(0, *size);
    if (!leaves)
        return verb.failure(io, leaves.error().message);
    const MerkleLevels levels(*leaves);
    const Proof proof = levels.inclusion(*seq);
    if (Result<void> r = verifyInclusion(*seq, *size, (*leaves)[*seq], proof, levels.root()); !r)
        return verb.failure(io, r.error().message);
    io.out << "seq " << *seq << '\n'
           << "size " << *size << '\n'
           << "leaf " << hex((*leaves)[*seq]) << '\n'
           << "root " << QString::fromLatin1(crypto::toBytes(levels.root()).toBase64()) << '\n';
    for (const Hash& h : proof)
        io.out << "proof " << hex(h) << '\n';
    return kExitOk;
}

int runConsistency(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("audit consistency"),
                    QStringLiteral("Print the RFC 9162 consistency proof between the trees of --old and --new "
                                   "records (default new: the latest checkpoint's size)."));
    verb.addOption(dbOption());
    verb.addOption(
        QCommandLineOption(QStringLiteral("old"), QStringLiteral("The older tree size."), QStringLiteral("M")));
    verb.addOption(
        QCommandLineOption(QStringLiteral("new"), QStringLiteral("The newer tree size."), QStringLiteral("N")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    if (!verb.isSet(QStringLiteral("old")))
        return verb.usageError(io, QStringLiteral("missing --old M"));
    const std::optional<std::uint64_t> oldSize = countOption(verb, io, QStringLiteral("old"));
    if (!oldSize)
        return kExitUsage;
    const QString db = dbPath(verb);
    std::optional<AuditStore> store = openStore(verb, io, db);
    if (!store)
        return QFileInfo::exists(db) ? kExitFailure : kExitUsage;
    std::optional<std::uint64_t> newSize = verb.isSet(QStringLiteral("new"))
                                               ? countOption(verb, io, QStringLiteral("new"))
                                               : defaultSize(verb, io, *store);
    if (!newSize)
        return verb.isSet(QStringLiteral("new")) ? kExitUsage : kExitFailure;
    if (*oldSize > *newSize)
        return verb.usageError(io,
                               QStringLiteral("--old %1 is larger than the new size %2").arg(*oldSize).arg(*newSize));
    Result<std::vector<Hash>> leaves = store->leafHashes(0, *newSize);
    if (!leaves)
        return verb.failure(io, leaves.error().message);
    const LeafReader reader = [&](std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) {
        out.assign(leaves->begin() + std::ptrdiff_t(begin), leaves->begin() + std::ptrdiff_t(end));
        return true;
    };
    Result<Proof> proof = consistencyProof(*oldSize, *newSize, reader);
    if (!proof)
        return verb.failure(io, proof.error().message);
    const Hash oldRoot = rootOf(leaves->data(), *oldSize);
    const Hash newRoot = rootOf(leaves->data(), *newSize);
    if (Result<void> r = verifyConsistency(*oldSize, *newSize, *proof, oldRoot, newRoot); !r)
        return verb.failure(io, r.error().message);
    io.out << "old " << *oldSize << ' ' << QString::fromLatin1(crypto::toBytes(oldRoot).toBase64()) << '\n'
           << "new " << *newSize << ' ' << QString::fromLatin1(crypto::toBytes(newRoot).toBase64()) << '\n';
    for (const Hash& h : *proof)
        io.out << "proof " << hex(h) << '\n';
    return kExitOk;
}

} // namespace

void registerAuditVerbs(Cli& cli)
{
    cli.add({QStringLiteral("audit verify"), QStringLiteral("Verify the audit log or a JSON Lines export"), runVerify});
    cli.add({QStringLiteral("audit export"), QStringLiteral("Export the audit log (jsonl, ocsf, cef, syslog, records)"),
             runExport});
    cli.add(
        {QStringLiteral("audit note"), QStringLiteral("Append an operator's signed note to the audit log"), runNote});
    cli.add({QStringLiteral("audit checkpoint"), QStringLiteral("Print the latest signed checkpoint"), runCheckpoint});
    cli.add({QStringLiteral("audit proof"), QStringLiteral("Print a record's inclusion proof"), runProof});
    cli.add({QStringLiteral("audit consistency"), QStringLiteral("Print a consistency proof between two tree sizes"),
             runConsistency});
}

} // namespace corral::cli
