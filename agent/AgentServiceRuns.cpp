// SPDX-License-Identifier: Apache-2.0
// AgentService: client.hello, runs.*, grants.* (docs/protocol.md).
#include "AgentService.h"
#include "SyncManager.h"
#include "audit/AuditEvent.h"
#include "audit/AuditLog.h"
#include "quota/CircuitBreaker.h"
#include "quota/QuotaManager.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace corral::agent {

namespace {

QJsonObject runJson(const RunRecord& r)
{
    QJsonObject json{
        {QStringLiteral("run_id"), r.runId},
        {QStringLiteral("app"), r.app},
        {QStringLiteral("revision"), r.revision},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("exit_code"), r.exitCode},
        {QStringLiteral("started_at"), isoTime(r.startedAtMs)},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), r.inputTokens},
                                              {QStringLiteral("output_tokens"), r.outputTokens},
                                              {QStringLiteral("cost_usd"), r.costUsd}}},
    };
    if (r.finishedAtMs > 0)
        json.insert(QStringLiteral("finished_at"), isoTime(r.finishedAtMs));
    if (!r.errorCode.isEmpty())
        json.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("code"), r.errorCode}, {QStringLiteral("message"), r.errorMessage}});
    return json;
}

Error unavailable(const QString& what, const Error& why)
{
    return makeError(QStringLiteral("agent.unavailable"),
                     why.code.isEmpty() ? QStringLiteral("%1 is not available").arg(what)
                                        : QStringLiteral("%1 is not available: %2").arg(what, why.toString()));
}

} // namespace

ipc::HandlerResult AgentService::hello(const QJsonValue& params, const ipc::Caller& caller)
{
    ipc::ParamReader reader(params);
    const QString name = reader.string(QStringLiteral("name"));
    const bool confirmations = reader.boolean(QStringLiteral("confirmations"), false);
    const bool events = reader.boolean(QStringLiteral("events"), false);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (m_context.hub)
        m_context.hub->hello(caller.connectionId, name.left(100), confirmations, events);
    return QJsonValue(QJsonObject{{QStringLiteral("client_id"), qint64(caller.connectionId)}});
}

ipc::HandlerResult AgentService::startRun(const QJsonValue& params, const ipc::Caller& caller)
{
    ipc::ParamReader reader(params);
    const QString name = reader.string(QStringLiteral("app"));
    const qint64 revision = reader.integer(QStringLiteral("revision"), 0);
    QJsonObject inputs;
    if (params.toObject().contains(QStringLiteral("inputs")))
        inputs = reader.object(QStringLiteral("inputs"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (revision < 0 || revision > std::numeric_limits<int>::max())
        return ipc::RpcError::invalidParams(QStringLiteral("\"revision\" must be a positive integer"));
    if (!m_context.runs)
        return agentError(unavailable(QStringLiteral("running apps"), m_context.auditError));
    Result<AppRevision> app = m_context.apps->get(name, int(revision));
    if (!app.ok())
        return agentError(app.error());
    if (m_context.breaker && m_context.breaker->isPaused(app->name)) {
        QString reason;
        if (const std::optional<quota::PausedApp> paused = m_context.breaker->pausedInfo(app->name))
            reason = paused->reason;
        return agentError(makeError(
            QStringLiteral("app.paused"),
            QStringLiteral("the app \"%1\" is paused (%2); resume it to run it again").arg(app->name, reason)));
    }
    const QJsonObject manifest = QJsonDocument::fromJson(app->manifestText).object();
    // Refused before anything starts, so a typo costs no audit records or run history.
    if (Result<QJsonObject> checked = checkRunInputs(manifest, inputs); !checked.ok())
        return agentError(checked.error());
    RunRequest request;
    request.app = app->name;
    request.revision = app->revision;
    request.manifest = manifest;
    applyApprovedStage(app->name, request.manifest);
    request.inputs = inputs;
    Result<QJsonObject> started = m_context.runs->start(caller.connectionId, std::move(request));
    if (!started.ok())
        return agentError(started.error());
    return QJsonValue(*started);
}

ipc::HandlerResult AgentService::cancelRun(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString runId = reader.string(QStringLiteral("run_id"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.runs)
        return agentError(unavailable(QStringLiteral("running apps"), m_context.auditError));
    Result<bool> cancelled = m_context.runs->cancel(runId);
    if (!cancelled.ok())
        return agentError(cancelled.error());
    return QJsonValue(QJsonObject{{QStringLiteral("run_id"), runId}, {QStringLiteral("cancelled"), *cancelled}});
}

ipc::HandlerResult AgentService::listRuns(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString app = reader.string(QStringLiteral("app"), QString());
    const qint64 limit = reader.integer(QStringLiteral("limit"), 50);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (limit < 1 || limit > 1000)
        return ipc::RpcError::invalidParams(QStringLiteral("\"limit\" must be 1 to 1000"));
    if (!m_context.history)
        return agentError(unavailable(QStringLiteral("the run history"), {}));
    Result<std::vector<RunRecord>> runs = m_context.history->list(app, int(limit));
    if (!runs.ok())
        return agentError(runs.error());
    QJsonArray list;
    for (const RunRecord& r : *runs)
        list.append(runJson(r));
    return QJsonValue(QJsonObject{{QStringLiteral("runs"), list}});
}

ipc::HandlerResult AgentService::listGrants(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString app = reader.string(QStringLiteral("app"), QString());
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.grants)
        return agentError(unavailable(QStringLiteral("grants"), {}));
    Result<std::vector<Grant>> grants = m_context.grants->list(app);
    if (!grants.ok())
        return agentError(grants.error());
    QJsonArray list;
    for (const Grant& g : *grants) {
        list.append(QJsonObject{{QStringLiteral("id"), g.id},
                                {QStringLiteral("app"), g.app},
                                {QStringLiteral("action"), g.action},
                                {QStringLiteral("target"), g.target},
                                {QStringLiteral("created_at"), isoTime(g.createdAtMs)}});
    }
    return QJsonValue(QJsonObject{{QStringLiteral("grants"), list}});
}

ipc::HandlerResult AgentService::revokeGrant(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const qint64 id = reader.integer(QStringLiteral("id"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.grants)
        return agentError(unavailable(QStringLiteral("grants"), {}));
    Result<Grant> revoked = m_context.grants->revoke(id);
    if (!revoked.ok())
        return agentError(revoked.error());
    return QJsonValue(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}});
}

} // namespace corral::agent

namespace corral::agent {

ipc::HandlerResult AgentService::resumeApp(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString name = reader.string(QStringLiteral("name"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.breaker)
        return agentError(makeError(QStringLiteral("agent.unavailable"), QStringLiteral("pausing is not available")));
    if (Result<AppRevision> app = m_context.apps->get(name); !app.ok())
        return agentError(app.error());
    const std::optional<quota::PausedApp> paused = m_context.breaker->pausedInfo(name);
    if ((m_context.sync && m_context.sync->isPausedByOrganisation(name)) ||
        (paused && isOrganisationPause(paused->reason)))
        return agentError(makeError(QStringLiteral("app.paused-by-organisation"),
                                    QStringLiteral("the app \"%1\" was paused by the organisation's administrator: "
                                                   "only the administrator can resume it")
                                        .arg(name)));
    Result<bool> resumed = m_context.breaker->resume(name);
    if (!resumed.ok())
        return agentError(resumed.error());
    if (*resumed && m_context.audit) {
        audit::AuditEvent event{
            QStringLiteral("app.resumed"),
            QJsonObject{{QStringLiteral("app_id"), name}, {QStringLiteral("by"), QStringLiteral("user")}}};
        if (Result<std::uint64_t> r = m_context.audit->append(event); !r.ok())
            return agentError(r.error());
    }
    return QJsonValue(QJsonObject{
        {QStringLiteral("name"), name}, {QStringLiteral("paused"), false}, {QStringLiteral("was_paused"), *resumed}});
}

ipc::HandlerResult AgentService::usageSummary(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const qint64 days = reader.integer(QStringLiteral("days"), 30);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (days < 1 || days > 400)
        return ipc::RpcError::invalidParams(QStringLiteral("\"days\" must be 1 to 400"));
    if (!m_context.quota)
        return agentError(makeError(QStringLiteral("agent.unavailable"), QStringLiteral("quotas are not available")));
    Result<QJsonObject> summary = m_context.quota->usageSummary(int(days));
    if (!summary.ok())
        return agentError(summary.error());
    return QJsonValue(*summary);
}

} // namespace corral::agent
