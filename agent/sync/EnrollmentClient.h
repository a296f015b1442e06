// SPDX-License-Identifier: Apache-2.0
// Enrolling a desktop with corral-server: sends the device public key, user, host and the
// audit log's origin with a one-time token, and keeps what the server answers (device id,
// origin, the organisation's bundle key to pin, the witness key) in enrollment.json.
#pragma once

#include "Result.h"
#include "ServerConnection.h"

#include <QString>
#include <functional>

namespace corral::agent::sync {

struct Enrollment
{
    QString serverUrl;
    QString deviceId;
    QString origin;
    QByteArray bundleKey; // minisign public key, base64 line (pin it: managed mode)
    QString witnessName;
    QString witnessKey; // cosignature vkey "name+keyid+base64(0x04||key)"

    QByteArray toJson() const;
    // Error "sync.enrollment" when a field is missing.
    static Result<Enrollment> fromJson(const QByteArray& json);
    // Written 0600, atomically. Error "sync.io".
    Result<void> save(const QString& path) const;
    static Result<Enrollment> load(const QString& path);
};

struct EnrollRequest
{
    QString token;
    QByteArray publicKey; // the device's Ed25519 public key, 32 bytes
    QString user;
    QString host;
    QString origin; // the local audit log's origin; empty: the server assigns one
};

// POST /v1/enroll. Errors are the server's codes ("enroll.token", "enroll.expired", ...)
// or "sync.network".
void enroll(ServerConnection& connection, const EnrollRequest& request, std::function<void(Result<Enrollment>)> done,
            int timeoutMs = 30000);

} // namespace corral::agent::sync
