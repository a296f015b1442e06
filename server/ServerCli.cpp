// SPDX-License-Identifier: Apache-2.0
#include "ServerCli.h"

#include "Approvals.h"
#include "HttpServer.h"
#include "ServerApi.h"
#include "ServerData.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QStandardPaths>
#include <map>

namespace corral::server {

namespace {

enum { kOk = 0, kFailure = 1, kUsage = 2 };

struct Verb
{
    QStringList words;
    QString summary;
    int (*run)(QCommandLineParser& p, QTextStream& out, QTextStream& err);
    QList<QCommandLineOption> options;
};

QCommandLineOption dataOption()
{
    return QCommandLineOption(QStringLiteral("data"), QStringLiteral("Server data folder."), QStringLiteral("DIR"),
                              defaultDataDir());
}

int fail(QTextStream& err, const Error& e)
{
    err << "corral-server: " << e.toString() << "\n";
    return kFailure;
}

// Every verb takes --db: the database init recorded in the data folder otherwise.
QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QStringLiteral("SQLite path (sqlite:PATH) or postgres://USER:PASSWORD@HOST:PORT/DBNAME "
                                             "(default: the one init was given, else DIR/server.db)."),
                              QStringLiteral("URL"));
}

Result<std::unique_ptr<ServerData>> openData(QCommandLineParser& p)
{
    return ServerData::open(p.value(QStringLiteral("data")), p.value(QStringLiteral("db")));
}

int runInit(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    InitOptions options;
    options.bundlePublicKeyPath = p.value(QStringLiteral("bundle-key"));
    options.database = p.value(QStringLiteral("db"));
    Result<InitResult> r = ServerData::init(p.value(QStringLiteral("data")), options, Clock::system());
    if (!r)
        return fail(err, r.error());
    out << "initialised " << p.value(QStringLiteral("data")) << "\n";
    out << "database: " << r->database << "\n";
    out << "witness key: " << r->witnessVerifierKey << "\n";
    if (!r->bundleSecretKeyPath.isEmpty())
        out << "organisation bundle key (move it offline): " << r->bundleSecretKeyPath << "\n";
    out << "admin token (shown once): " << r->adminToken << "\n";
    return kOk;
}

int runServe(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    Result<QPair<QHostAddress, quint16>> listen = parseListen(p.value(QStringLiteral("listen")));
    if (!listen) {
        err << "corral-server serve: " << listen.error().message << "\n";
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    ServerApi api(**data);
    HttpServer http(api);
    ListenOptions options;
    options.address = listen->first;
    options.port = listen->second;
    options.tlsCertificate = p.value(QStringLiteral("tls-cert"));
    options.tlsKey = p.value(QStringLiteral("tls-key"));
    Result<quint16> port = http.start(options);
    if (!port)
        return fail(err, port.error());
    out << "listening on " << (options.tlsCertificate.isEmpty() ? "http" : "https") << "://" << listen->first.toString()
        << ":" << *port << "\n";
    out.flush();
    return QCoreApplication::exec() == 0 ? kOk : kFailure;
}

int runTokenCreate(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    const std::optional<qint64> expires = parseDuration(p.value(QStringLiteral("expires")));
    if (!expires) {
        err << "corral-server token create: --expires takes a duration such as 30m, 24h or 7d\n";
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    const QString token = newToken(QStringLiteral("cenr_"));
    const qint64 now = Clock::system().nowMs();
    if (Result<void> r = (*data)->store().addEnrollToken(tokenHash(token.toUtf8()), now, now + *expires); !r)
        return fail(err, r.error());
    out << token << "\n";
    return kOk;
}

int runAdminTokenCreate(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    const std::optional<Role> role = roleFromName(p.value(QStringLiteral("role")));
    const QString name = p.value(QStringLiteral("name"));
    if (!role || name.isEmpty()) {
        err << "corral-server admin tokens create: give --role admin|reviewer|auditor and --name\n";
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    const QString token = newToken(QStringLiteral("cadm_"));
    Result<std::int64_t> id =
        (*data)->store().addAdminToken(tokenHash(token.toUtf8()), *role, name, Clock::system().nowMs());
    if (!id)
        return fail(err, id.error());
    out << token << "\n";
    return kOk;
}

int runAdminTokenList(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<QList<AdminToken>> tokens = (*data)->store().adminTokens();
    if (!tokens)
        return fail(err, tokens.error());
    for (const AdminToken& t : *tokens)
        out << t.id << "\t" << roleName(t.role) << "\t" << t.name << "\t"
            << QDateTime::fromMSecsSinceEpoch(t.createdMs, Qt::UTC).toString(Qt::ISODate)
            << (t.revoked ? "\trevoked" : "") << "\n";
    return kOk;
}

int runAdminTokenRevoke(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    bool ok = false;
    const qint64 id = p.positionalArguments().value(0).toLongLong(&ok);
    if (!ok) {
        err << "corral-server admin tokens revoke: give the token's id (see admin tokens list)\n";
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    if (Result<void> r = (*data)->store().revokeAdminToken(id, Clock::system().nowMs()); !r)
        return fail(err, r.error());
    out << "revoked " << id << "\n";
    return kOk;
}

int runDevices(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<QList<Device>> devices = (*data)->store().devices();
    if (!devices)
        return fail(err, devices.error());
    for (const Device& d : *devices)
        out << d.id << "\t" << d.user << "\t" << d.host << "\t" << d.size << " records\n";
    return kOk;
}

int runAlerts(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<QList<Alert>> alerts = (*data)->store().alerts(p.isSet(QStringLiteral("all")));
    if (!alerts)
        return fail(err, alerts.error());
    for (const Alert& a : *alerts)
        out << a.id << "\t" << QDateTime::fromMSecsSinceEpoch(a.tsMs, Qt::UTC).toString(Qt::ISODate) << "\t" << a.device
            << "\t" << a.kind << "\t" << a.detail << (a.silenced ? "\tsilenced" : "") << "\n";
    return kOk;
}

int runApps(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<QList<Usage>> usage = (*data)->store().usage();
    if (!usage)
        return fail(err, usage.error());
    // Usage per app over every device, user and model, from the synced model.called records.
    struct Total
    {
        std::int64_t calls = 0;
        std::int64_t tokens = 0;
        double cost = 0;
        QSet<QString> devices;
    };
    std::map<QString, Total> apps;
    for (const Usage& u : *usage) {
        Total& t = apps[u.app];
        t.calls += u.calls;
        t.tokens += u.tokens;
        t.cost += u.cost;
        t.devices.insert(u.device);
    }
    for (const auto& [app, t] : apps)
        out << app << "\t" << t.calls << " calls\t" << t.tokens << " tokens\t$" << QString::number(t.cost, 'f', 2)
            << "\t" << t.devices.size() << (t.devices.size() == 1 ? " device\n" : " devices\n");
    return kOk;
}

int orderVerb(QCommandLineParser& p, QTextStream& out, QTextStream& err, const QString& action)
{
    const QString app = p.positionalArguments().value(0);
    const QString issuer = p.value(QStringLiteral("as"));
    if (app.isEmpty() || issuer.isEmpty()) {
        err << "corral-server apps " << action << ": give the app's name and --as ADMIN\n";
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    const QString device = p.value(QStringLiteral("device"));
    Result<std::int64_t> id =
        giveOrder((*data)->store(), Order{0, Clock::system().nowMs(), app, device, action, issuer});
    if (!id)
        return fail(err, id.error());
    out << *id << "\t" << action << "\t" << app << "\t" << (device.isEmpty() ? QStringLiteral("every device") : device)
        << "\n";
    return kOk;
}

int runAppPause(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    return orderVerb(p, out, err, QStringLiteral("pause"));
}

int runAppResume(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    return orderVerb(p, out, err, QStringLiteral("resume"));
}

int runReports(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<QList<Report>> reports = (*data)->store().reports();
    if (!reports)
        return fail(err, reports.error());
    const QString device = p.value(QStringLiteral("device"));
    for (const Report& r : *reports)
        if (device.isEmpty() || r.device == device)
            out << r.id << "\t" << QDateTime::fromMSecsSinceEpoch(r.tsMs, Qt::UTC).toString(Qt::ISODate) << "\t"
                << r.device << "\t" << r.kind << "\t" << r.detail << "\n";
    return kOk;
}

int runAlertSilence(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    bool ok = false;
    const qint64 id = p.positionalArguments().value(0).toLongLong(&ok);
    if (!ok) {
        err << "corral-server alerts silence: give the alert's id\n";
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    if (Result<void> r = (*data)->store().silenceAlert(id, Clock::system().nowMs()); !r)
        return fail(err, r.error());
    out << "silenced " << id << "\n";
    return kOk;
}

int runApprovals(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<QList<Approval>> list = (*data)->store().approvals(p.value(QStringLiteral("state")));
    if (!list)
        return fail(err, list.error());
    for (const Approval& a : *list)
        out << a.id << "\t" << a.state << "\t" << a.app << "\t" << a.user << "\t" << a.device << "\t" << a.reason
            << (a.reviewer.isEmpty() ? QString() : QStringLiteral("\t") + a.reviewer) << "\n";
    return kOk;
}

int decideVerb(QCommandLineParser& p, QTextStream& out, QTextStream& err, const QString& decision)
{
    bool ok = false;
    const qint64 id = p.positionalArguments().value(0).toLongLong(&ok);
    const QString reviewer = p.value(QStringLiteral("as"));
    if (!ok || reviewer.isEmpty()) {
        err << "corral-server approvals " << decision << ": give the request's id and --as REVIEWER\n";
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<Approval> decided = decideApproval((*data)->store(), (*data)->witnessKey(), id, decision, reviewer,
                                              p.value(QStringLiteral("note")), Clock::system().nowMs());
    if (!decided)
        return fail(err, decided.error());
    out << decided->id << "\t" << decided->state << " by " << decided->reviewer << "\n";
    return kOk;
}

int runApprove(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    return decideVerb(p, out, err, QStringLiteral("approve"));
}

int runReject(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    return decideVerb(p, out, err, QStringLiteral("reject"));
}

int runAuditExport(QCommandLineParser& p, QTextStream& out, QTextStream& err)
{
    const QString device = p.value(QStringLiteral("device"));
    const QString formatName = p.value(QStringLiteral("format"));
    const std::optional<audit::ExportFormat> format = audit::exportFormatFromName(formatName);
    if (device.isEmpty() || !format) {
        err << "corral-server audit export: give --device ID and --format jsonl|ocsf|cef|syslog|records\n";
        return kUsage;
    }
    const Result<audit::ExportFilter> filter = audit::parseExportFilter(
        {p.value(QStringLiteral("from")), p.value(QStringLiteral("to")), p.value(QStringLiteral("app")),
         p.value(QStringLiteral("user")), p.values(QStringLiteral("type"))},
        *format);
    if (!filter) {
        err << "corral-server audit export: " << filter.error().message << '\n';
        return kUsage;
    }
    Result<std::unique_ptr<ServerData>> data = openData(p);
    if (!data)
        return fail(err, data.error());
    Result<QByteArray> exported = exportDeviceLog((*data)->store(), device, *format, *filter);
    if (!exported)
        return fail(err, exported.error());
    out << QString::fromUtf8(*exported);
    return kOk;
}

QList<Verb> verbs()
{
    const QCommandLineOption data = dataOption();
    return {
        {{QStringLiteral("init")},
         QStringLiteral("Create the database, the witness key and the first admin token"),
         runInit,
         {data, QCommandLineOption(QStringLiteral("bundle-key"),
                                   QStringLiteral("The organisation's minisign public key (default: generate one)."),
                                   QStringLiteral("FILE"))}},
        {{QStringLiteral("serve")},
         QStringLiteral("Serve the HTTP API"),
         runServe,
         {data,
          QCommandLineOption(QStringLiteral("listen"), QStringLiteral("Address and port."), QStringLiteral("HOST:PORT"),
                             QStringLiteral("127.0.0.1:8443")),
          QCommandLineOption(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate."), QStringLiteral("FILE")),
          QCommandLineOption(QStringLiteral("tls-key"), QStringLiteral("PEM private key."), QStringLiteral("FILE"))}},
        {{QStringLiteral("token"), QStringLiteral("create")},
         QStringLiteral("Make a one-time enrollment token"),
         runTokenCreate,
         {data, QCommandLineOption(QStringLiteral("expires"), QStringLiteral("Validity (30m, 24h, 7d)."),
                                   QStringLiteral("DURATION"), QStringLiteral("24h"))}},
        {{QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("create")},
         QStringLiteral("Make an admin, reviewer or auditor token"),
         runAdminTokenCreate,
         {data,
          QCommandLineOption(QStringLiteral("role"), QStringLiteral("admin, reviewer or auditor."),
                             QStringLiteral("ROLE")),
          QCommandLineOption(QStringLiteral("name"), QStringLiteral("Who holds it (recorded with decisions)."),
                             QStringLiteral("NAME"))}},
        {{QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("list")},
         QStringLiteral("List admin tokens (never their secrets)"),
         runAdminTokenList,
         {data}},
        {{QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("revoke")},
         QStringLiteral("Revoke an admin token by id"),
         runAdminTokenRevoke,
         {data}},
        {{QStringLiteral("devices")}, QStringLiteral("List enrolled devices"), runDevices, {data}},
        {{QStringLiteral("alerts")},
         QStringLiteral("List open alerts"),
         runAlerts,
         {data, QCommandLineOption(QStringLiteral("all"), QStringLiteral("Include silenced alerts."))}},
        {{QStringLiteral("approvals")},
         QStringLiteral("List production-access requests"),
         runApprovals,
         {data, QCommandLineOption(QStringLiteral("state"), QStringLiteral("pending, approved or rejected."),
                                   QStringLiteral("STATE"))}},
        {{QStringLiteral("approvals"), QStringLiteral("approve")},
         QStringLiteral("Approve a request by id, recording the reviewer"),
         runApprove,
         {data,
          QCommandLineOption(QStringLiteral("as"), QStringLiteral("The reviewer's name."), QStringLiteral("NAME")),
          QCommandLineOption(QStringLiteral("note"), QStringLiteral("A note for the creator."),
                             QStringLiteral("TEXT"))}},
        {{QStringLiteral("approvals"), QStringLiteral("reject")},
         QStringLiteral("Reject a request by id, recording the reviewer"),
         runReject,
         {data,
          QCommandLineOption(QStringLiteral("as"), QStringLiteral("The reviewer's name."), QStringLiteral("NAME")),
          QCommandLineOption(QStringLiteral("note"), QStringLiteral("A note for the creator."),
                             QStringLiteral("TEXT"))}},
        {{QStringLiteral("audit"), QStringLiteral("export")},
         QStringLiteral("Export a device's witnessed log, verified"),
         runAuditExport,
         {data, QCommandLineOption(QStringLiteral("device"), QStringLiteral("Device id."), QStringLiteral("ID")),
          QCommandLineOption(QStringLiteral("format"), QStringLiteral("jsonl, ocsf, cef, syslog or records."),
                             QStringLiteral("FORMAT"), QStringLiteral("jsonl")),
          QCommandLineOption(QStringLiteral("from"), QStringLiteral("Events at or after this time (RFC 3339)."),
                             QStringLiteral("TIME")),
          QCommandLineOption(QStringLiteral("to"), QStringLiteral("Events before this time (RFC 3339)."),
                             QStringLiteral("TIME")),
          QCommandLineOption(QStringLiteral("app"), QStringLiteral("Only this app id."), QStringLiteral("ID")),
          QCommandLineOption(QStringLiteral("user"), QStringLiteral("Only this user id."), QStringLiteral("ID")),
          QCommandLineOption(QStringLiteral("type"),
                             QStringLiteral("Only these record types (repeat or comma-separate)."),
                             QStringLiteral("TYPE"))}},
        {{QStringLiteral("apps")},
         QStringLiteral("Usage per app over every device (from the synced model calls)"),
         runApps,
         {data}},
        {{QStringLiteral("apps"), QStringLiteral("pause")},
         QStringLiteral("Pause an app on every device, or one: running runs stop at once"),
         runAppPause,
         {data, QCommandLineOption(QStringLiteral("device"), QStringLiteral("Only this device."), QStringLiteral("ID")),
          QCommandLineOption(QStringLiteral("as"), QStringLiteral("Who gives the order."), QStringLiteral("ADMIN"))}},
        {{QStringLiteral("apps"), QStringLiteral("resume")},
         QStringLiteral("Lift a pause order"),
         runAppResume,
         {data, QCommandLineOption(QStringLiteral("device"), QStringLiteral("Only this device."), QStringLiteral("ID")),
          QCommandLineOption(QStringLiteral("as"), QStringLiteral("Who gives the order."), QStringLiteral("ADMIN"))}},
        {{QStringLiteral("reports")},
         QStringLiteral("What devices reported: bundles activated or rejected, orders and approvals applied"),
         runReports,
         {data,
          QCommandLineOption(QStringLiteral("device"), QStringLiteral("Only this device."), QStringLiteral("ID"))}},
        {{QStringLiteral("alerts"), QStringLiteral("silence")},
         QStringLiteral("Silence an alert by id"),
         runAlertSilence,
         {data}},
    };
}

} // namespace

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/corral-server");
}

int runServerCli(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QList<Verb> all = verbs();
    // The longest verb whose words start the command line.
    const Verb* chosen = nullptr;
    for (const Verb& v : all) {
        if (args.size() >= v.words.size() && args.mid(0, v.words.size()) == v.words &&
            (!chosen || v.words.size() > chosen->words.size()))
            chosen = &v;
    }
    if (!chosen) {
        if (!args.isEmpty() && args.first() != QLatin1String("--help") && args.first() != QLatin1String("help"))
            err << "corral-server: unknown verb \"" << args.join(QLatin1Char(' ')) << "\"\n";
        (args.isEmpty() || args.first().startsWith(QLatin1String("--help")) || args.first() == QLatin1String("help")
             ? out
             : err)
            << "usage: corral-server VERB [options]\n";
        for (const Verb& v : all)
            (args.isEmpty() ? out : err) << "  " << v.words.join(QLatin1Char(' ')).leftJustified(22) << v.summary
                                         << "\n";
        return args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("help")
                   ? kOk
                   : kUsage;
    }
    QCommandLineParser p;
    p.setApplicationDescription(chosen->summary);
    p.addHelpOption();
    for (const QCommandLineOption& o : chosen->options)
        p.addOption(o);
    p.addOption(dbOption());
    const QString name = chosen->words.join(QLatin1Char(' '));
    QStringList argv{QStringLiteral("corral-server ") + name};
    argv += args.mid(chosen->words.size());
    if (!p.parse(argv)) {
        err << "corral-server " << name << ": " << p.errorText() << "\n";
        return kUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return kOk;
    }
    return chosen->run(p, out, err);
}

} // namespace corral::server
