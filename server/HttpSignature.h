// SPDX-License-Identifier: Apache-2.0
// Verification of device requests: HTTP Message Signatures (RFC 9421) with ed25519 over
// "@method", "@path", "content-digest" and the `created` parameter, the Content-Digest
// header (RFC 9530, sha-256), a replay window and a cache of signatures already seen.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace corral::server {

// "sha-256=:<base64 of SHA-256(body)>:".
QByteArray contentDigestHeader(QByteArrayView body);

// One signature from the Signature-Input and Signature headers.
struct SignatureParams
{
    QByteArray label;             // "sig1"
    QList<QByteArray> components; // in the order covered, without quotes
    QByteArray paramsText;        // the inner list with parameters, exactly as sent
    qint64 created = -1;          // seconds since the epoch
    QString keyId;                // the device id
    QByteArray alg;               // "ed25519" when given
    QByteArray signature;         // raw bytes
};

// Parses the first signature. Error "signature.malformed".
Result<SignatureParams> parseSignature(QByteArrayView signatureInput, QByteArrayView signature);

// The RFC 9421 signature base for `params` over a request with these values.
QByteArray signatureBase(const SignatureParams& params, QByteArrayView method, QByteArrayView path,
                         QByteArrayView contentDigest);

struct SignedRequest
{
    QByteArray method; // "POST"
    QByteArray path;   // "/v1/audit/sync", without the query
    QByteArray contentDigest;
    QByteArray signatureInput;
    QByteArray signature;
    QByteArray body;
};

// Checks device request signatures. Not thread-safe (one per server thread).
class RequestVerifier
{
public:
    // The public key of an enrolled device, nullopt when unknown.
    using KeyLookup = std::function<std::optional<QByteArray>(const QString& deviceId)>;

    explicit RequestVerifier(qint64 windowSeconds = 60) : m_windowSeconds(windowSeconds) {}

    // The device id on success. Error codes: "signature.missing" (no Signature or
    // Signature-Input), "signature.malformed", "signature.components" (does not cover
    // @method, @path, content-digest), "digest.missing", "digest.mismatch" (Content-Digest
    // absent or not the body's), "signature.expired" (created outside +-window of now),
    // "device.unknown", "signature.invalid", "signature.replayed" (seen within the window).
    Result<QString> verify(const SignedRequest& request, qint64 nowMs, const KeyLookup& lookup);

    qint64 windowSeconds() const { return m_windowSeconds; }

private:
    void expire(qint64 nowSeconds);

    qint64 m_windowSeconds;
    QHash<QByteArray, qint64> m_seen; // signature bytes -> created
};

} // namespace corral::server
