// SPDX-License-Identifier: Apache-2.0
// agent status|start|stop, apps save|list|show|rm|resume|request-production, run, grants
// list|revoke, bundle install: the verbs that ask the agent, which owns apps, runs, grants
// and the policy.
#include "AgentAccess.h"
#include "Verbs.h"
#include "agent/AgentPaths.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <csignal>

namespace corral::cli {

namespace {

// `corral run` exit codes for failures before the run starts.
constexpr int kExitInvalidApp = 2;

QString compact(const QJsonValue& value)
{
    return QString::fromUtf8(value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                              : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
}

QCommandLineOption jsonOption()
{
    return QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
}

int runAgentStatus(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("agent status"),
                    QStringLiteral("Show whether this user's agent runs, and its policy."));
    verb.addOption(jsonOption());
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    auto client = connectAgent(verb, io, false);
    if (!client)
        return kExitFailure;
    const auto status = callAgent(verb, io, *client, QStringLiteral("agent.status"));
    if (!status)
        return kExitFailure;
    if (verb.isSet(QStringLiteral("json"))) {
        io.out << compact(*status) << '\n';
        return kExitOk;
    }
    const QJsonObject s = status->toObject();
    const QJsonObject policy = s.value(QStringLiteral("policy")).toObject();
    io.out << "agent: running (pid " << s.value(QStringLiteral("pid")).toInteger() << ", version "
           << s.value(QStringLiteral("version")).toString() << ")\n"
           << "socket: " << s.value(QStringLiteral("socket")).toString() << '\n'
           << "policy: " << policy.value(QStringLiteral("state")).toString();
    if (policy.contains(QStringLiteral("serial")))
        io.out << ", " << policy.value(QStringLiteral("mode")).toString() << ", serial "
               << policy.value(QStringLiteral("serial")).toInteger() << ", revision "
               << policy.value(QStringLiteral("revision")).toString();
    io.out << '\n';
    if (policy.contains(QStringLiteral("error")))
        io.out << "policy error: " << policy.value(QStringLiteral("error")).toString() << '\n';
    const QJsonObject sync = s.value(QStringLiteral("sync")).toObject();
    if (sync.value(QStringLiteral("enrolled")).toBool()) {
        io.out << "server: " << sync.value(QStringLiteral("server")).toString() << ", device "
               << sync.value(QStringLiteral("device_id")).toString() << '\n'
               << "sync: " << sync.value(QStringLiteral("state")).toString() << ", "
               << sync.value(QStringLiteral("witnessed_size")).toInteger() << " records witnessed, "
               << sync.value(QStringLiteral("pending")).toInteger() << " waiting";
        if (sync.value(QStringLiteral("last_sync")).isString())
            io.out << ", last " << sync.value(QStringLiteral("last_sync")).toString();
        io.out << '\n';
        if (sync.value(QStringLiteral("last_error")).isString())
            io.out << "sync error: " << sync.value(QStringLiteral("last_error")).toString() << '\n';
    } else {
        io.out << "server: not enrolled\n";
    }
    return kExitOk;
}

int runAgentStart(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("agent start"), QStringLiteral("Start this user's agent unless it runs already."));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto status = callAgent(verb, io, *client, QStringLiteral("agent.status"));
    if (!status)
        return kExitFailure;
    io.out << "agent: running (pid " << status->toObject().value(QStringLiteral("pid")).toInteger() << ")\n";
    return kExitOk;
}

int runAgentStop(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("agent stop"),
                    QStringLiteral("Stop this user's agent: running apps are cancelled and the audit log is closed "
                                   "with a checkpoint."));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    auto client = connectAgent(verb, io, false);
    if (!client)
        return kExitFailure;
    const auto status = callAgent(verb, io, *client, QStringLiteral("agent.status"));
    if (!status)
        return kExitFailure;
    const qint64 pid = status->toObject().value(QStringLiteral("pid")).toInteger();
    client->disconnectFromAgent();
    if (pid <= 0 || ::kill(pid_t(pid), SIGTERM) != 0)
        return verb.failure(io, QStringLiteral("cannot signal the agent (pid %1)").arg(pid));
    const QString socket = agent::AgentPaths::fromEnvironment().socketPath;
    const QDeadlineTimer deadline(30000);
    while (::kill(pid_t(pid), 0) == 0 && !deadline.hasExpired())
        QThread::msleep(20);
    if (::kill(pid_t(pid), 0) == 0)
        return verb.failure(io, QStringLiteral("the agent (pid %1) did not stop within 30 s").arg(pid));
    io.out << "agent: stopped\n";
    return kExitOk;
}

int runAppsSave(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("apps save"),
                    QStringLiteral("Validate a manifest and save it as the next revision of its app."),
                    QStringLiteral("FILE"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The manifest (JSON)."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const QString file = verb.positional().at(0);
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    const auto text = readInputFile(verb, io, file);
    if (!text)
        return kExitUsage;
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    Result<QJsonValue> saved =
        client->call(QStringLiteral("apps.save"), QJsonObject{{QStringLiteral("manifest"), QString::fromUtf8(*text)}});
    if (!saved.ok()) {
        if (saved.error().code.startsWith(QLatin1String("manifest."))) {
            io.err << "corral apps save: " << file << ": " << saved.error().message << '\n';
            return kExitUsage;
        }
        return reportError(verb, io, saved.error());
    }
    const QJsonObject s = saved->toObject();
    if (s.value(QStringLiteral("created")).toBool())
        io.out << "Saved " << s.value(QStringLiteral("name")).toString() << " as revision "
               << s.value(QStringLiteral("revision")).toInteger() << '\n';
    else
        io.out << s.value(QStringLiteral("name")).toString() << " is unchanged (revision "
               << s.value(QStringLiteral("revision")).toInteger() << ")\n";
    return kExitOk;
}

int runAppsList(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("apps list"), QStringLiteral("List the saved apps."));
    verb.addOption(jsonOption());
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto apps = callAgent(verb, io, *client, QStringLiteral("apps.list"));
    if (!apps)
        return kExitFailure;
    const QJsonArray list = apps->toObject().value(QStringLiteral("apps")).toArray();
    if (verb.isSet(QStringLiteral("json"))) {
        io.out << compact(list) << '\n';
        return kExitOk;
    }
    if (list.isEmpty())
        io.out << "No apps yet: `corral manifest new` makes one from a template.\n";
    for (const QJsonValue& v : list) {
        const QJsonObject a = v.toObject();
        io.out << a.value(QStringLiteral("name")).toString() << "  r" << a.value(QStringLiteral("revision")).toInteger()
               << "  " << a.value(QStringLiteral("version")).toString() << "  "
               << a.value(QStringLiteral("saved_at")).toString() << "  "
               << a.value(QStringLiteral("purpose")).toString() << '\n';
    }
    return kExitOk;
}

int runAppsShow(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("apps show"), QStringLiteral("Print an app's manifest."), QStringLiteral("NAME"));
    verb.addPositional(QStringLiteral("NAME"), QStringLiteral("The app."));
    verb.addOption(QCommandLineOption(QStringLiteral("revision"),
                                      QStringLiteral("A revision (default: the current one)."), QStringLiteral("N")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    QJsonObject params{{QStringLiteral("name"), verb.positional().at(0)}};
    if (verb.isSet(QStringLiteral("revision"))) {
        bool ok = false;
        const int revision = verb.value(QStringLiteral("revision")).toInt(&ok);
        if (!ok || revision < 1)
            return verb.usageError(io, QStringLiteral("--revision takes a positive number"));
        params.insert(QStringLiteral("revision"), revision);
    }
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto app = callAgent(verb, io, *client, QStringLiteral("apps.get"), params);
    if (!app)
        return kExitFailure;
    io.out << app->toObject().value(QStringLiteral("manifest")).toString();
    return kExitOk;
}

int runAppsRemove(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("apps rm"), QStringLiteral("Remove an app and all its revisions."),
                    QStringLiteral("NAME"));
    verb.addPositional(QStringLiteral("NAME"), QStringLiteral("The app."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto removed = callAgent(verb, io, *client, QStringLiteral("apps.delete"),
                                   {{QStringLiteral("name"), verb.positional().at(0)}});
    if (!removed)
        return kExitFailure;
    io.out << "Removed " << verb.positional().at(0) << " ("
           << removed->toObject().value(QStringLiteral("revisions_removed")).toInteger() << " revisions)\n";
    return kExitOk;
}

// Asks the person at the terminal; anything but a clear choice is deny.
QString askAtTerminal(Io& io, const QJsonObject& request)
{
    const QStringList choices = [&] {
        QStringList list;
        for (const QJsonValue& c : request.value(QStringLiteral("choices")).toArray())
            list << c.toString();
        return list;
    }();
    io.err << "\nConfirm: " << request.value(QStringLiteral("app")).toString() << " wants to "
           << request.value(QStringLiteral("action")).toString() << " "
           << request.value(QStringLiteral("target")).toString()
           << "\n  why: " << request.value(QStringLiteral("reason")).toString() << '\n';
    const QString preview = request.value(QStringLiteral("preview")).toString().left(600);
    if (!preview.isEmpty())
        io.err << "  preview:\n    " << QString(preview).replace(QLatin1Char('\n'), QStringLiteral("\n    ")) << '\n';
    io.err << "  [d]eny (default), allow [o]nce, allow for this [r]un"
           << (choices.contains(QStringLiteral("always")) ? ", [a]lways for this app" : "") << ": " << Qt::flush;
    QByteArray line;
    char c = 0;
    while (io.in.getChar(&c) && c != '\n')
        line += c;
    const QString answer = QString::fromUtf8(line).trimmed().toLower();
    if (answer == QLatin1String("o") || answer == QLatin1String("once"))
        return QStringLiteral("allow-once");
    if (answer == QLatin1String("r") || answer == QLatin1String("run"))
        return QStringLiteral("allow-run");
    if ((answer == QLatin1String("a") || answer == QLatin1String("always")) &&
        choices.contains(QStringLiteral("always")))
        return QStringLiteral("always");
    return QStringLiteral("deny");
}

int runRun(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("run"),
                    QStringLiteral("Run a saved app through the agent. Progress goes to standard error, the outputs "
                                   "to standard output. Exit codes: 0 done, 1 internal error, 2 usage or invalid "
                                   "app, 3 denied by policy or file scope, 4 confirmation refused or timed out, "
                                   "5 quota exceeded, 6 app paused, 130 cancelled."),
                    QStringLiteral("NAME"));
    verb.addPositional(QStringLiteral("NAME"), QStringLiteral("The app."));
    verb.addOption(QCommandLineOption({QStringLiteral("i"), QStringLiteral("input")},
                                      QStringLiteral("An input of the app (repeatable)."),
                                      QStringLiteral("KEY=VALUE")));
    verb.addOption(
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print every run event as one JSON line.")));
    verb.addOption(QCommandLineOption(QStringLiteral("interactive"),
                                      QStringLiteral("Answer confirmations at this terminal (otherwise the studio "
                                                     "answers them, and without a studio they are denied).")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    QJsonObject inputs;
    for (const QString& pair : verb.values(QStringLiteral("input"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return verb.usageError(io, QStringLiteral("--input takes KEY=VALUE, not \"%1\"").arg(pair));
        inputs.insert(pair.left(eq), pair.mid(eq + 1));
    }
    const bool interactive = verb.isSet(QStringLiteral("interactive"));
    if (interactive && !io.interactive)
        return verb.usageError(io, QStringLiteral("--interactive needs a terminal on standard input"));
    const bool json = verb.isSet(QStringLiteral("json"));

    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    if (!callAgent(
            verb, io, *client, QStringLiteral("client.hello"),
            {{QStringLiteral("name"), QStringLiteral("corral run")}, {QStringLiteral("confirmations"), interactive}}))
        return kExitFailure;

    QString runId;
    std::optional<QJsonObject> finished;
    QEventLoop loop;
    int steps = 0;
    const auto onEvent = [&](const QString& method) {
        client->setHandler(method, [&, method](const QJsonValue& params) -> ipc::HandlerResult {
            const QJsonObject p = params.toObject();
            if (!runId.isEmpty() && p.value(QStringLiteral("run_id")).toString() != runId)
                return QJsonValue();
            if (json) {
                QJsonObject line = p;
                line.insert(QStringLiteral("event"), method);
                io.out << compact(line) << '\n' << Qt::flush;
            } else if (method == QLatin1String("run.started")) {
                steps = int(p.value(QStringLiteral("steps")).toArray().size());
            } else if (method == QLatin1String("run.step") &&
                       p.value(QStringLiteral("state")).toString() == QLatin1String("started")) {
                io.err << '[' << p.value(QStringLiteral("index")).toInt() + 1 << '/' << steps << "] "
                       << p.value(QStringLiteral("step")).toString() << " ("
                       << p.value(QStringLiteral("action")).toString() << ")\n";
            } else if (method == QLatin1String("run.decision") &&
                       p.value(QStringLiteral("decision")).toString() != QLatin1String("allow")) {
                QStringList messages;
                for (const QJsonValue& m : p.value(QStringLiteral("messages")).toArray())
                    messages << m.toString();
                io.err << "      " << p.value(QStringLiteral("decision")).toString() << ": "
                       << messages.join(QStringLiteral("; ")) << '\n';
            }
            if (method == QLatin1String("run.finished")) {
                finished = p;
                loop.quit();
            }
            return QJsonValue();
        });
    };
    for (const char* method : {"run.started", "run.step", "run.decision", "run.progress", "run.output", "run.finished"})
        onEvent(QString::fromLatin1(method));
    client->setHandler(QStringLiteral("confirm.request"), [&](const QJsonValue& params) -> ipc::HandlerResult {
        return QJsonObject{{QStringLiteral("answer"), askAtTerminal(io, params.toObject())}};
    });
    QObject::connect(client.get(), &agent::AgentClient::disconnected, &loop, &QEventLoop::quit);

    Result<QJsonValue> started =
        client->call(QStringLiteral("runs.start"),
                     QJsonObject{{QStringLiteral("app"), verb.positional().at(0)}, {QStringLiteral("inputs"), inputs}});
    if (!started.ok()) {
        const QString code = started.error().code;
        reportError(verb, io, started.error());
        return code == QLatin1String("app.not-found") || code == QLatin1String("run.inputs") ? kExitInvalidApp
               : code == QLatin1String("app.paused")                                         ? 6
                                                                                             : kExitFailure;
    }
    runId = started->toObject().value(QStringLiteral("run_id")).toString();
    if (!finished)
        loop.exec();
    if (!finished)
        return verb.failure(io, QStringLiteral("the agent went away during the run"));
    const int exitCode = finished->value(QStringLiteral("exit_code")).toInt(1);
    if (!json) {
        const QJsonObject outputs = finished->value(QStringLiteral("outputs")).toObject();
        for (auto it = outputs.constBegin(); it != outputs.constEnd(); ++it)
            io.out << it.value().toString() << (it.value().toString().endsWith(QLatin1Char('\n')) ? "" : "\n");
        const QJsonObject error = finished->value(QStringLiteral("error")).toObject();
        if (exitCode != 0)
            io.err << "corral run: " << finished->value(QStringLiteral("status")).toString() << ": "
                   << error.value(QStringLiteral("message")).toString() << " ("
                   << error.value(QStringLiteral("code")).toString() << ")\n";
    }
    return exitCode;
}

int runGrantsList(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("grants list"),
                    QStringLiteral("List the remembered \"Always for this app\" confirmations."));
    verb.addOption(jsonOption());
    verb.addOption(
        QCommandLineOption(QStringLiteral("app"), QStringLiteral("Only this app's."), QStringLiteral("NAME")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    QJsonObject params;
    if (verb.isSet(QStringLiteral("app")))
        params.insert(QStringLiteral("app"), verb.value(QStringLiteral("app")));
    const auto grants = callAgent(verb, io, *client, QStringLiteral("grants.list"), params);
    if (!grants)
        return kExitFailure;
    const QJsonArray list = grants->toObject().value(QStringLiteral("grants")).toArray();
    if (verb.isSet(QStringLiteral("json"))) {
        io.out << compact(list) << '\n';
        return kExitOk;
    }
    if (list.isEmpty())
        io.out << "No grants.\n";
    for (const QJsonValue& v : list) {
        const QJsonObject g = v.toObject();
        io.out << g.value(QStringLiteral("id")).toInteger() << "  " << g.value(QStringLiteral("app")).toString() << "  "
               << g.value(QStringLiteral("action")).toString() << "  " << g.value(QStringLiteral("target")).toString()
               << "  " << g.value(QStringLiteral("created_at")).toString() << '\n';
    }
    return kExitOk;
}

int runGrantsRevoke(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("grants revoke"), QStringLiteral("Revoke a grant: the app asks again next time."),
                    QStringLiteral("ID"));
    verb.addPositional(QStringLiteral("ID"), QStringLiteral("The grant's id (see `corral grants list`)."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    bool ok = false;
    const qint64 id = verb.positional().at(0).toLongLong(&ok);
    if (!ok || id < 1)
        return verb.usageError(io, QStringLiteral("the grant id must be a positive number"));
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    if (!callAgent(verb, io, *client, QStringLiteral("grants.revoke"), {{QStringLiteral("id"), id}}))
        return kExitFailure;
    io.out << "Revoked grant " << id << '\n';
    return kExitOk;
}

int runBundleInstall(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("bundle install"),
                    QStringLiteral("Install a signed policy bundle in the agent (standalone mode: signed with the "
                                   "local admin key, see `corral bundle sign --local`). On any refusal the active "
                                   "policy stays as it was."),
                    QStringLiteral("FILE"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The bundle (.tar.gz)."));
    verb.addOption(QCommandLineOption(QStringLiteral("x"), QStringLiteral("The signature (default: FILE.minisig)."),
                                      QStringLiteral("SIG")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const QString file = QFileInfo(verb.positional().at(0)).absoluteFilePath();
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    const QString signature = verb.isSet(QStringLiteral("x"))
                                  ? QFileInfo(verb.value(QStringLiteral("x"))).absoluteFilePath()
                                  : file + QStringLiteral(".minisig");
    if (!requireRegularFile(verb, io, signature))
        return kExitUsage;
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto status = callAgent(verb, io, *client, QStringLiteral("bundle.install"),
                                  {{QStringLiteral("path"), file}, {QStringLiteral("signature"), signature}});
    if (!status)
        return kExitFailure;
    const QJsonObject s = status->toObject();
    io.out << "Active: revision " << s.value(QStringLiteral("revision")).toString() << ", serial "
           << s.value(QStringLiteral("serial")).toInteger() << '\n';
    return kExitOk;
}

int runAppsResume(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("apps resume"),
                    QStringLiteral("Resume an app the circuit breaker paused (audited); an app the organisation "
                                   "paused is resumed only by its administrator."),
                    QStringLiteral("NAME"));
    verb.addPositional(QStringLiteral("NAME"), QStringLiteral("The app."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto resumed = callAgent(verb, io, *client, QStringLiteral("apps.resume"),
                                   {{QStringLiteral("name"), verb.positional().at(0)}});
    if (!resumed)
        return kExitFailure;
    io.out << verb.positional().at(0)
           << (resumed->toObject().value(QStringLiteral("was_paused")).toBool() ? " resumed\n" : " was not paused\n");
    return kExitOk;
}

int runAppsRequestProduction(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("apps request-production"),
                    QStringLiteral("Ask the organisation's reviewers to move an app to production (audited)."),
                    QStringLiteral("NAME"));
    verb.addPositional(QStringLiteral("NAME"), QStringLiteral("The app."));
    verb.addOption(QCommandLineOption(QStringLiteral("reason"),
                                      QStringLiteral("Why the app needs production, for the reviewers."),
                                      QStringLiteral("TEXT")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    if (verb.value(QStringLiteral("reason")).trimmed().isEmpty())
        return verb.usageError(io, QStringLiteral("--reason TEXT is required"));
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const QString name = verb.positional().at(0);
    const auto requested = callAgent(
        verb, io, *client, QStringLiteral("apps.requestProduction"),
        {{QStringLiteral("name"), name}, {QStringLiteral("reason"), verb.value(QStringLiteral("reason"))}}, 60000);
    if (!requested)
        return kExitFailure;
    io.out << "Requested production for " << name << " (request "
           << requested->toObject().value(QStringLiteral("id")).toInteger() << ", waiting for a reviewer)\n";
    return kExitOk;
}

QString limitValue(const QString& limit, qint64 value)
{
    if (limit == QLatin1String("cost_per_month"))
        return QStringLiteral("$%1").arg(double(value) / 1e9, 0, 'f', 4);
    return QString::number(value);
}

int runQuota(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("quota"),
                    QStringLiteral("Show usage against the limits, per user, app, model and stage, and the tokens and "
                                   "cost of each app over the last days."));
    verb.addOption(jsonOption());
    verb.addOption(QCommandLineOption(QStringLiteral("days"), QStringLiteral("Days of history (default 30)."),
                                      QStringLiteral("N"), QStringLiteral("30")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    bool ok = false;
    const int days = verb.value(QStringLiteral("days")).toInt(&ok);
    if (!ok || days < 1 || days > 400)
        return verb.usageError(io, QStringLiteral("--days takes 1 to 400"));
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto summary =
        callAgent(verb, io, *client, QStringLiteral("usage.summary"), {{QStringLiteral("days"), days}});
    if (!summary)
        return kExitFailure;
    if (verb.isSet(QStringLiteral("json"))) {
        io.out << compact(*summary) << '\n';
        return kExitOk;
    }
    const QJsonArray limits = summary->toObject().value(QStringLiteral("limits")).toArray();
    if (limits.isEmpty())
        io.out << "No usage yet.\n";
    for (const QJsonValue& v : limits) {
        const QJsonObject l = v.toObject();
        const QString limit = l.value(QStringLiteral("limit")).toString();
        io.out << l.value(QStringLiteral("dimension")).toString() << ' ' << l.value(QStringLiteral("key")).toString()
               << "  " << limit << ": " << limitValue(limit, l.value(QStringLiteral("used")).toInteger()) << " of "
               << limitValue(limit, l.value(QStringLiteral("hard")).toInteger()) << " (soft "
               << limitValue(limit, l.value(QStringLiteral("soft")).toInteger()) << ")\n";
    }
    for (const QJsonValue& v : summary->toObject().value(QStringLiteral("apps")).toArray()) {
        const QJsonObject a = v.toObject();
        qint64 tokens = 0;
        double cost = 0;
        for (const QJsonValue& d : a.value(QStringLiteral("daily")).toArray()) {
            tokens += d.toObject().value(QStringLiteral("input_tokens")).toInteger() +
                      d.toObject().value(QStringLiteral("output_tokens")).toInteger();
            cost += d.toObject().value(QStringLiteral("cost_usd")).toDouble();
        }
        io.out << "app " << a.value(QStringLiteral("app")).toString() << ": " << tokens << " tokens, $"
               << QString::number(cost, 'f', 4) << " in " << days << " days"
               << (a.value(QStringLiteral("paused")).toBool() ? " (paused)" : "") << '\n';
    }
    return kExitOk;
}

} // namespace

void registerAgentVerbs(Cli& cli)
{
    cli.add({QStringLiteral("agent status"), QStringLiteral("Show whether the agent runs, and its policy"),
             runAgentStatus});
    cli.add({QStringLiteral("agent start"), QStringLiteral("Start the agent"), runAgentStart});
    cli.add({QStringLiteral("agent stop"), QStringLiteral("Stop the agent"), runAgentStop});
    cli.add({QStringLiteral("apps save"), QStringLiteral("Validate and save an app's manifest"), runAppsSave});
    cli.add({QStringLiteral("apps list"), QStringLiteral("List the saved apps"), runAppsList});
    cli.add({QStringLiteral("apps show"), QStringLiteral("Print an app's manifest"), runAppsShow});
    cli.add({QStringLiteral("apps rm"), QStringLiteral("Remove an app"), runAppsRemove});
    cli.add({QStringLiteral("apps resume"), QStringLiteral("Resume a paused app"), runAppsResume});
    cli.add({QStringLiteral("apps request-production"), QStringLiteral("Ask reviewers to move an app to production"),
             runAppsRequestProduction});
    cli.add({QStringLiteral("run"), QStringLiteral("Run a saved app"), runRun});
    cli.add({QStringLiteral("quota"), QStringLiteral("Show usage against the quotas"), runQuota});
    cli.add({QStringLiteral("grants list"), QStringLiteral("List remembered confirmations"), runGrantsList});
    cli.add({QStringLiteral("grants revoke"), QStringLiteral("Revoke a remembered confirmation"), runGrantsRevoke});
    cli.add({QStringLiteral("bundle install"), QStringLiteral("Install a signed policy bundle in the agent"),
             runBundleInstall});
}

} // namespace corral::cli
