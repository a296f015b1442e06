// SPDX-License-Identifier: Apache-2.0
#include "RequestSigner.h"

#include "crypto/Hash.h"

namespace corral::agent::sync {

QByteArray contentDigest(QByteArrayView body)
{
    return "sha-256=:" + crypto::sha256Bytes(body).toBase64() + ":";
}

RequestSigner::RequestSigner(QString deviceId, std::shared_ptr<const crypto::Ed25519KeyPair> key)
    : m_deviceId(std::move(deviceId)), m_key(std::move(key))
{}

HeaderList RequestSigner::sign(QByteArrayView method, QByteArrayView path, QByteArrayView body, qint64 createdSeconds,
                               QByteArray nonce) const
{
    if (nonce.isEmpty())
        nonce = crypto::randomBytes(16).toBase64();
    const QByteArray digest = contentDigest(body);
    const QByteArray params =
        "(\"@method\" \"@path\" \"content-digest\");created=" + QByteArray::number(createdSeconds) + ";keyid=\"" +
        m_deviceId.toUtf8() + "\";alg=\"ed25519\";nonce=\"" + nonce + '"';
    const QByteArray base = "\"@method\": " + method.toByteArray() + "\n\"@path\": " + path.toByteArray() +
                            "\n\"content-digest\": " + digest + "\n\"@signature-params\": " + params;
    const QByteArray signature = m_key ? m_key->sign(base) : QByteArray();
    return {{"Content-Digest", digest},
            {"Signature-Input", "sig1=" + params},
            {"Signature", "sig1=:" + signature.toBase64() + ":"}};
}

} // namespace corral::agent::sync
