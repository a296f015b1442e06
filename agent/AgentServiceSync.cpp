// SPDX-License-Identifier: Apache-2.0
// agent.enroll and the sync part of agent.status: enrolling this agent with corral-server;
// apps.requestProduction and the approved stage of apps (production needs a reviewer).
#include "AgentService.h"
#include "SyncManager.h"
#include "audit/AuditLog.h"
#include "audit/DeviceKey.h"
#include "sync/ApprovalStore.h"
#include "sync/EnrollmentClient.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSysInfo>
#include <QTimer>
#include <pwd.h>
#include <unistd.h>

namespace corral::agent {

namespace {

QString userName()
{
    if (const struct passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return QString::number(::getuid());
}

constexpr int kEnrollTimeoutMs = 30000;
constexpr qsizetype kMaxReasonSize = 4096; // the server's limit

} // namespace

void AgentService::addApprovalFields(QJsonObject& app) const
{
    std::optional<sync::AppApproval> approval;
    if (m_context.approvals) {
        if (Result<std::optional<sync::AppApproval>> stored =
                m_context.approvals->get(app.value(QLatin1String("name")).toString());
            stored.ok())
            approval = *stored;
    }
    app.insert(QStringLiteral("stage"), sync::stageOf(approval));
    if (!approval || approval->state == QLatin1String("withdrawn"))
        return;
    QJsonObject a{{QStringLiteral("id"), qint64(approval->id)},
                  {QStringLiteral("state"), approval->state},
                  {QStringLiteral("reason"), approval->reason},
                  {QStringLiteral("requested_at"), isoTime(approval->requestedMs)}};
    if (approval->state != QLatin1String("pending")) {
        a.insert(QStringLiteral("reviewer"), approval->reviewer);
        a.insert(QStringLiteral("note"), approval->note);
        a.insert(QStringLiteral("decided_at"), isoTime(approval->decidedMs));
    }
    app.insert(QStringLiteral("approval"), a);
}

void AgentService::applyApprovedStage(const QString& app, QJsonObject& manifest) const
{
    std::optional<sync::AppApproval> approval;
    if (m_context.approvals) {
        if (Result<std::optional<sync::AppApproval>> stored = m_context.approvals->get(app); stored.ok())
            approval = *stored;
    }
    const QString stage = sync::stageOf(approval);
    manifest.insert(QStringLiteral("stage"), stage);
    manifest.insert(QStringLiteral("approved"), stage == QLatin1String("production"));
}

ipc::HandlerResult AgentService::requestProduction(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString name = reader.string(QStringLiteral("name"));
    const QString reason = reader.string(QStringLiteral("reason"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.sync)
        return agentError(makeError(QStringLiteral("sync.not-enrolled"),
                                    QStringLiteral("the app \"%1\" needs an organisation server to go to production: "
                                                   "this agent is not enrolled (corral enroll)")
                                        .arg(name)));
    Result<AppRevision> app = m_context.apps->get(name);
    if (!app.ok())
        return agentError(app.error());
    if (!m_context.approvals)
        return agentError(
            makeError(QStringLiteral("agent.unavailable"), QStringLiteral("approvals are not available")));
    Result<std::optional<sync::AppApproval>> current = m_context.approvals->get(app->name);
    if (!current.ok())
        return agentError(current.error());
    if (*current && (*current)->state == QLatin1String("approved"))
        return agentError(makeError(QStringLiteral("app.stage"),
                                    QStringLiteral("the app \"%1\" is already in production").arg(app->name)));
    if (*current && (*current)->state == QLatin1String("pending"))
        return agentError(makeError(QStringLiteral("approval.pending"),
                                    QStringLiteral("the app \"%1\" already waits for a reviewer (request %2)")
                                        .arg(app->name)
                                        .arg((*current)->id)));
    const QString trimmed = reason.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxReasonSize)
        return agentError(makeError(
            QStringLiteral("approval.reason"),
            QStringLiteral("give the reviewers a reason (1 to %1 characters) for production use").arg(kMaxReasonSize)));

    // Like agent.enroll: wait here for the one signed exchange, which the connection bounds
    // with its own timeout.
    std::optional<Result<QJsonObject>> answer;
    QEventLoop loop;
    const QString user = userName();
    m_context.sync->requestProduction(app->name, user, trimmed, [&](Result<QJsonObject> r) {
        answer = std::move(r);
        loop.quit();
    });
    if (!answer)
        loop.exec();
    if (!answer->ok()) {
        const Error& e = answer->error();
        if (e.code == QLatin1String("sync.network"))
            return agentError(
                makeError(QStringLiteral("sync.unavailable"),
                          QStringLiteral("the organisation's server cannot be reached: %1").arg(e.message)));
        return agentError(e);
    }
    sync::AppApproval request;
    request.app = app->name;
    request.id = (*answer)->value(QLatin1String("id")).toInteger();
    request.state = QStringLiteral("pending");
    request.reason = trimmed;
    request.requestedMs = m_context.clock->nowMs();
    if (request.id <= 0)
        return agentError(makeError(QStringLiteral("sync.http"), QStringLiteral("the server answered no request id")));
    if (Result<void> stored = m_context.approvals->recordRequest(request); !stored.ok())
        return agentError(stored.error());
    if (m_context.audit)
        (void)m_context.audit->append(audit::AuditEvent{QStringLiteral("approval.requested"),
                                                        QJsonObject{{QStringLiteral("app_id"), app->name},
                                                                    {QStringLiteral("approval_id"), qint64(request.id)},
                                                                    {QStringLiteral("user_id"), user},
                                                                    {QStringLiteral("reason"), trimmed}}});
    return QJsonValue(
        QJsonObject{{QStringLiteral("id"), qint64(request.id)}, {QStringLiteral("state"), request.state}});
}

QJsonObject AgentService::syncJson() const
{
    if (m_context.sync)
        return m_context.sync->statusJson();
    return QJsonObject{{QStringLiteral("enrolled"), false}};
}

ipc::HandlerResult AgentService::enroll(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString server = reader.string(QStringLiteral("server"));
    const QString token = reader.string(QStringLiteral("token"));
    const QString ca = reader.string(QStringLiteral("ca"), QString());
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    const QUrl url(server, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        url.host().isEmpty())
        return ipc::RpcError::invalidParams(
            QStringLiteral("\"server\" must be an http(s) URL, not \"%1\"").arg(server));
    if (token.isEmpty())
        return ipc::RpcError::invalidParams(QStringLiteral("\"token\" must not be empty"));
    if (m_context.configDir.isEmpty())
        return agentError(
            makeError(QStringLiteral("sync.unavailable"), QStringLiteral("the agent has no config folder")));
    if (!m_context.managedServer.isEmpty() &&
        QUrl(m_context.managedServer).adjusted(QUrl::StripTrailingSlash) != url.adjusted(QUrl::StripTrailingSlash))
        return agentError(
            makeError(QStringLiteral("sync.managed"),
                      QStringLiteral("this desktop is managed: it enrolls only with %1").arg(m_context.managedServer)));
    if (m_enrolling)
        return agentError(makeError(QStringLiteral("sync.enrolling"), QStringLiteral("an enrollment is in progress")));
    const QString path = enrollmentPath(m_context.configDir);
    if (m_context.sync || QFile::exists(path)) {
        Result<sync::Enrollment> existing = sync::Enrollment::load(path);
        return agentError(makeError(
            QStringLiteral("sync.enrolled"),
            QStringLiteral("this agent is already enrolled with %1").arg(existing.ok() ? existing->serverUrl : path)));
    }

    Result<audit::DeviceKey> key = audit::loadOrCreateDeviceKey(m_context.auditKeyDir);
    if (!key.ok())
        return agentError(key.error());
    sync::ServerConnection connection(url);
    if (!ca.isEmpty()) {
        if (Result<void> pinned = connection.setCaFile(ca); !pinned.ok())
            return agentError(pinned.error());
    }
    sync::EnrollRequest request;
    request.token = token;
    request.publicKey = key->key.keyPair.publicKey();
    request.user = userName();
    request.host = QSysInfo::machineHostName();
    request.origin = m_context.audit ? m_context.audit->origin() : key->suggestedOrigin;

    // The dispatcher answers synchronously: wait here for the one HTTP exchange (the client
    // bounds it with its own timeout, so this always ends). Other requests are served
    // meanwhile; a second enrollment is refused until this one is done.
    std::optional<Result<sync::Enrollment>> answer;
    m_enrolling = true;
    QEventLoop loop;
    sync::enroll(
        connection, request,
        [&](Result<sync::Enrollment> r) {
            answer = std::move(r);
            loop.quit();
        },
        kEnrollTimeoutMs);
    if (!answer)
        loop.exec();
    m_enrolling = false;
    if (!answer->ok())
        return agentError(answer->error());
    sync::Enrollment enrollment = std::move(answer->value());
    enrollment.serverUrl = url.toString(QUrl::StripTrailingSlash);
    if (!ca.isEmpty()) {
        QFile::remove(serverCaPath(m_context.configDir));
        if (!QFile::copy(ca, serverCaPath(m_context.configDir)))
            return agentError(makeError(QStringLiteral("sync.io"),
                                        QStringLiteral("cannot copy %1 into %2").arg(ca, m_context.configDir)));
    }
    if (Result<void> saved = enrollment.save(path); !saved.ok())
        return agentError(saved.error());
    if (m_context.audit)
        (void)m_context.audit->append(audit::events::note(
            QStringLiteral("enrolled with %1 as device %2").arg(enrollment.serverUrl, enrollment.deviceId),
            request.user));
    // The bundle store's trust root changes (the organisation's key replaces the local admin
    // key), so the agent restarts into managed mode once this answer is out.
    const bool restarting = bool(m_context.restart);
    if (restarting)
        QTimer::singleShot(0, [restart = m_context.restart] { restart(); });
    return QJsonValue(QJsonObject{
        {QStringLiteral("server"), enrollment.serverUrl},
        {QStringLiteral("device_id"), enrollment.deviceId},
        {QStringLiteral("origin"), enrollment.origin},
        {QStringLiteral("restarting"), restarting},
    });
}

} // namespace corral::agent
