// SPDX-License-Identifier: Apache-2.0
// Signs the agent's requests to corral-server with the device key: HTTP Message Signatures
// (RFC 9421, ed25519) covering "@method", "@path" and "content-digest" (RFC 9530, sha-256)
// with a `created` time, a random `nonce` (so two identical requests within one second differ)
// and the device id as keyid.
#pragma once

#include "crypto/Ed25519.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <memory>

namespace corral::agent::sync {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// "sha-256=:<base64>:" of the body.
QByteArray contentDigest(QByteArrayView body);

class RequestSigner
{
public:
    RequestSigner() = default;
    // `key` is the device's Ed25519 key pair (shared, never copied out).
    RequestSigner(QString deviceId, std::shared_ptr<const crypto::Ed25519KeyPair> key);

    bool isValid() const { return m_key && m_key->isValid() && !m_deviceId.isEmpty(); }
    const QString& deviceId() const { return m_deviceId; }

    // Content-Digest, Signature-Input and Signature headers for a request. `path` is the
    // URL path without the query, as the server sees it; `createdSeconds` the Unix time;
    // `nonce` empty: 16 random bytes, base64.
    HeaderList sign(QByteArrayView method, QByteArrayView path, QByteArrayView body, qint64 createdSeconds,
                    QByteArray nonce = {}) const;

private:
    QString m_deviceId;
    std::shared_ptr<const crypto::Ed25519KeyPair> m_key;
};

} // namespace corral::agent::sync
