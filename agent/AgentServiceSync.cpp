// SPDX-License-Identifier: Apache-2.0
// agent.enroll and the sync part of agent.status: enrolling this agent with corral-server.
#include "AgentService.h"
#include "SyncManager.h"
#include "audit/AuditLog.h"
#include "audit/DeviceKey.h"
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

} // namespace

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
