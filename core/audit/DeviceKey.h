// SPDX-License-Identifier: Apache-2.0
// The device's audit signing key: an unencrypted minisign secret key (device.key, 0600)
// and its public key (device.pub) in the folder of the audit database, created on first
// use. The log's origin names the device: "corral.local/<hostname>/<key id>".
#pragma once

#include "Result.h"
#include "crypto/Minisign.h"
#include "crypto/SignedNote.h"

#include <QList>
#include <QString>

namespace corral::audit {

struct DeviceKey
{
    crypto::minisign::SecretKey key;
    QString suggestedOrigin; // for a new log
};

// Loads <dir>/device.key, or creates it and device.pub. Errors from crypto::minisign and
// "audit.key" for a key file that is encrypted (the agent cannot prompt).
Result<DeviceKey> loadOrCreateDeviceKey(const QString& dir);

// Trusted checkpoint signers from a key file: either a signed-note verifier key line
// ("name+keyid+base64") or a minisign public key file, which is trusted under `origin`.
// Error code "audit.key".
Result<QList<crypto::NoteVerifier>> loadVerifiers(const QString& path, const QString& origin);

// The note verifier of a device key under the log's origin.
crypto::NoteVerifier verifierFor(const QString& origin, const QByteArray& publicKey);

} // namespace corral::audit
