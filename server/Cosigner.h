// SPDX-License-Identifier: Apache-2.0
// Witness cosignatures in the C2SP tlog-cosignature format (cosignature/v1): an Ed25519
// signature over "cosignature/v1\ntime <T>\n" followed by the checkpoint body, carried as
// an extra signed-note line whose key id uses the algorithm byte 0x04 and whose blob is
// key id || 8-byte big-endian timestamp || signature.
#pragma once

#include "Result.h"
#include "crypto/SignedNote.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace corral::server {

constexpr quint8 kCosignatureAlg = 0x04;

// Key id: the first 4 bytes of SHA-256(name || 0x0A || 0x04 || publicKey).
quint32 cosignatureKeyId(const QString& name, QByteArrayView publicKey);
// "name+hex8(keyid)+base64(0x04||publicKey)", the vkey a verifier of cosignatures pins.
QString cosignatureVerifierKey(const QString& name, QByteArrayView publicKey);

// The signed message for a checkpoint body (ending with "\n") at `timestamp` seconds.
QByteArray cosignedMessage(QByteArrayView checkpointText, quint64 timestamp);

// The signature line "— name base64(...)\n".
QByteArray cosignatureLine(const crypto::NoteSigner& witness, QByteArrayView checkpointText, quint64 timestamp);

// Appends the witness's cosignature line to a signed checkpoint note.
// Error "note.malformed" when the note has no blank line separating text and signatures.
Result<QByteArray> cosign(QByteArrayView signedCheckpoint, const crypto::NoteSigner& witness, quint64 timestamp);

// Finds and checks the witness's cosignature in a note; returns its timestamp.
// Errors: "cosignature.missing", "cosignature.invalid", "note.malformed".
Result<quint64> verifyCosignature(QByteArrayView note, const QString& name, QByteArrayView publicKey);

} // namespace corral::server
