// SPDX-License-Identifier: Apache-2.0
#include "EnrollmentClient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace corral::agent::sync {

QByteArray Enrollment::toJson() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("server"), serverUrl},
                                     {QStringLiteral("device_id"), deviceId},
                                     {QStringLiteral("origin"), origin},
                                     {QStringLiteral("bundle_key"), QString::fromLatin1(bundleKey)},
                                     {QStringLiteral("witness_name"), witnessName},
                                     {QStringLiteral("witness_key"), witnessKey}})
        .toJson(QJsonDocument::Indented);
}

Result<Enrollment> Enrollment::fromJson(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    Enrollment e;
    e.serverUrl = o.value(QLatin1String("server")).toString();
    e.deviceId = o.value(QLatin1String("device_id")).toString();
    e.origin = o.value(QLatin1String("origin")).toString();
    e.bundleKey = o.value(QLatin1String("bundle_key")).toString().toLatin1();
    e.witnessName = o.value(QLatin1String("witness_name")).toString();
    e.witnessKey = o.value(QLatin1String("witness_key")).toString();
    if (e.deviceId.isEmpty() || e.origin.isEmpty() || e.bundleKey.isEmpty() || e.witnessKey.isEmpty())
        return makeError(QStringLiteral("sync.enrollment"),
                         QStringLiteral("the enrollment lacks device_id, origin, bundle_key or witness_key"));
    return e;
}

Result<void> Enrollment::save(const QString& path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("sync.io"), QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(toJson());
    if (!f.commit())
        return makeError(QStringLiteral("sync.io"), QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

Result<Enrollment> Enrollment::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("sync.io"), QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return fromJson(f.read(1024 * 1024));
}

void enroll(ServerConnection& connection, const EnrollRequest& request, std::function<void(Result<Enrollment>)> done,
            int timeoutMs)
{
    QJsonObject body{{QStringLiteral("token"), request.token},
                     {QStringLiteral("public_key"), QString::fromLatin1(request.publicKey.toBase64())},
                     {QStringLiteral("user"), request.user},
                     {QStringLiteral("host"), request.host}};
    if (!request.origin.isEmpty())
        body.insert(QStringLiteral("origin"), request.origin);
    const QString server = connection.baseUrl().toString();
    connection.send("POST", QStringLiteral("/v1/enroll"), QJsonDocument(body).toJson(QJsonDocument::Compact), {},
                    timeoutMs, [done = std::move(done), server](const HttpReply& reply) {
                        if (!reply.ok()) {
                            done(reply.error());
                            return;
                        }
                        Result<Enrollment> e = Enrollment::fromJson(reply.body);
                        if (e)
                            e->serverUrl = server;
                        done(std::move(e));
                    });
}

} // namespace corral::agent::sync
