// SPDX-License-Identifier: Apache-2.0
// corral enroll: enrolls this user's agent with corral-server. The agent does it (it owns
// the device key and the audit log) and then restarts in managed mode.
#include "AgentAccess.h"
#include "Verbs.h"

#include <QFileInfo>
#include <QJsonObject>

namespace corral::cli {

namespace {

// Enrollment waits for the server's answer inside the agent (bounded there by 30 s).
constexpr int kEnrollCallTimeoutMs = 45000;

int runEnroll(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("enroll"),
                    QStringLiteral("Enroll this desktop with the organisation's corral-server: the agent sends its "
                                   "device key, user and host, pins the organisation's bundle key and from then on "
                                   "syncs its audit log and takes policy bundles and orders from the server."));
    verb.addOption(QCommandLineOption(QStringLiteral("server"), QStringLiteral("The server's URL (https://...)."),
                                      QStringLiteral("URL")));
    verb.addOption(QCommandLineOption(QStringLiteral("token"),
                                      QStringLiteral("The one-time enrollment token from the administrator."),
                                      QStringLiteral("TOKEN")));
    verb.addOption(QCommandLineOption(
        QStringLiteral("ca"), QStringLiteral("PEM file of the organisation's CA, the only one trusted for the server."),
        QStringLiteral("FILE")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    if (verb.value(QStringLiteral("server")).isEmpty())
        return verb.usageError(io, QStringLiteral("--server URL is required"));
    if (verb.value(QStringLiteral("token")).isEmpty())
        return verb.usageError(io, QStringLiteral("--token TOKEN is required"));
    QJsonObject params{{QStringLiteral("server"), verb.value(QStringLiteral("server"))},
                       {QStringLiteral("token"), verb.value(QStringLiteral("token"))}};
    if (verb.isSet(QStringLiteral("ca"))) {
        const QString ca = verb.value(QStringLiteral("ca"));
        if (!requireRegularFile(verb, io, ca))
            return kExitUsage;
        // The agent runs elsewhere: it needs the absolute path.
        params.insert(QStringLiteral("ca"), QFileInfo(ca).absoluteFilePath());
    }
    auto client = connectAgent(verb, io, true);
    if (!client)
        return kExitFailure;
    const auto enrolled = callAgent(verb, io, *client, QStringLiteral("agent.enroll"), params, kEnrollCallTimeoutMs);
    if (!enrolled)
        return kExitFailure;
    const QJsonObject e = enrolled->toObject();
    io.out << "enrolled with " << e.value(QStringLiteral("server")).toString() << " as device "
           << e.value(QStringLiteral("device_id")).toString() << '\n'
           << "audit origin: " << e.value(QStringLiteral("origin")).toString() << '\n';
    if (e.value(QStringLiteral("restarting")).toBool())
        io.out << "the agent restarts in managed mode\n";
    return kExitOk;
}

} // namespace

void registerEnrollVerbs(Cli& cli)
{
    cli.add({QStringLiteral("enroll"), QStringLiteral("Enroll this desktop with corral-server"), runEnroll});
}

} // namespace corral::cli
