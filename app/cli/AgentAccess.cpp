// SPDX-License-Identifier: Apache-2.0
#include "AgentAccess.h"

#include "agent/AgentPaths.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace corral::cli {

QString agentProgram()
{
    const QString configured = qEnvironmentVariable("CORRAL_AGENT_PROGRAM");
    if (!configured.isEmpty())
        return configured;
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/corral-agent");
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStringLiteral("corral-agent");
}

std::unique_ptr<agent::AgentClient> connectAgent(const VerbParser& verb, Io& io, bool start)
{
    auto client = std::make_unique<agent::AgentClient>();
    const agent::AgentPaths paths = agent::AgentPaths::fromEnvironment();
    Result<void> connected =
        start ? client->connectOrStart(paths.socketPath, agentProgram()) : client->connectTo(paths.socketPath, 1000);
    if (!connected.ok()) {
        reportError(verb, io, connected.error());
        return nullptr;
    }
    return client;
}

std::optional<QJsonValue> callAgent(const VerbParser& verb, Io& io, agent::AgentClient& client, const QString& method,
                                    const QJsonObject& params, int timeoutMs)
{
    Result<QJsonValue> answer = client.call(method, params, timeoutMs);
    if (!answer.ok()) {
        reportError(verb, io, answer.error());
        return std::nullopt;
    }
    return *answer;
}

} // namespace corral::cli
