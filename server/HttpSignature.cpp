// SPDX-License-Identifier: Apache-2.0
#include "HttpSignature.h"

#include "crypto/Ed25519.h"
#include "crypto/Hash.h"

namespace corral::server {

namespace {

Error malformed(const QString& what)
{
    return makeError(QStringLiteral("signature.malformed"), what);
}

// Parses ":<base64>:" (an RFC 8941 byte sequence).
std::optional<QByteArray> byteSequence(QByteArrayView text)
{
    text = text.trimmed();
    if (text.size() < 2 || text.front() != ':' || text.back() != ':')
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(text.sliced(1, text.size() - 2).toByteArray(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

} // namespace

QByteArray contentDigestHeader(QByteArrayView body)
{
    return "sha-256=:" + crypto::sha256Bytes(body).toBase64() + ":";
}

Result<SignatureParams> parseSignature(QByteArrayView signatureInput, QByteArrayView signature)
{
    SignatureParams p;
    const qsizetype eq = signatureInput.indexOf('=');
    if (eq <= 0)
        return malformed(QStringLiteral("Signature-Input has no label"));
    p.label = signatureInput.first(eq).trimmed().toByteArray();
    QByteArrayView rest = signatureInput.sliced(eq + 1).trimmed();
    // Only the first member of the dictionary is read; a device sends exactly one.
    if (const qsizetype comma = rest.indexOf(','); comma >= 0 && rest.indexOf(')') < comma)
        rest = rest.first(comma).trimmed();
    p.paramsText = rest.toByteArray();
    if (rest.isEmpty() || rest.front() != '(')
        return malformed(QStringLiteral("Signature-Input is not an inner list"));
    const qsizetype close = rest.indexOf(')');
    if (close < 0)
        return malformed(QStringLiteral("Signature-Input has an unterminated inner list"));
    const QList<QByteArray> items = rest.sliced(1, close - 1).toByteArray().split(' ');
    for (const QByteArray& item : items) {
        if (item.isEmpty())
            continue;
        if (item.size() < 2 || !item.startsWith('"') || !item.endsWith('"'))
            return malformed(QStringLiteral("a covered component is not a quoted string"));
        p.components.append(item.sliced(1, item.size() - 2));
    }
    const QList<QByteArray> params = rest.sliced(close + 1).toByteArray().split(';');
    for (const QByteArray& param : params) {
        if (param.trimmed().isEmpty())
            continue;
        const qsizetype e = param.indexOf('=');
        if (e <= 0)
            return malformed(QStringLiteral("a signature parameter has no value"));
        const QByteArray key = param.first(e).trimmed();
        QByteArray value = param.sliced(e + 1).trimmed();
        const bool quoted = value.size() >= 2 && value.startsWith('"') && value.endsWith('"');
        if (quoted)
            value = value.sliced(1, value.size() - 2);
        if (key == "created") {
            bool ok = false;
            p.created = value.toLongLong(&ok);
            if (!ok || quoted)
                return malformed(QStringLiteral("created is not an integer"));
        } else if (key == "keyid") {
            p.keyId = QString::fromUtf8(value);
        } else if (key == "alg") {
            p.alg = value;
        }
    }
    // Signature: label=:base64:
    const QByteArray prefix = p.label + "=";
    QByteArrayView sig = signature.trimmed();
    if (!sig.startsWith(prefix))
        return malformed(QStringLiteral("Signature has no member labelled %1").arg(QString::fromLatin1(p.label)));
    sig = sig.sliced(prefix.size());
    if (const qsizetype comma = sig.indexOf(','); comma >= 0)
        sig = sig.first(comma);
    const std::optional<QByteArray> bytes = byteSequence(sig);
    if (!bytes)
        return malformed(QStringLiteral("Signature is not a byte sequence"));
    p.signature = *bytes;
    return p;
}

QByteArray signatureBase(const SignatureParams& params, QByteArrayView method, QByteArrayView path,
                         QByteArrayView contentDigest)
{
    QByteArray base;
    for (const QByteArray& c : params.components) {
        base += '"' + c + "\": ";
        if (c == "@method")
            base += method;
        else if (c == "@path")
            base += path;
        else if (c == "content-digest")
            base += contentDigest;
        base += '\n';
    }
    base += "\"@signature-params\": " + params.paramsText;
    return base;
}

Result<QString> RequestVerifier::verify(const SignedRequest& request, qint64 nowMs, const KeyLookup& lookup)
{
    if (request.signature.isEmpty() || request.signatureInput.isEmpty())
        return makeError(QStringLiteral("signature.missing"),
                         QStringLiteral("the request carries no Signature and Signature-Input headers"));
    Result<SignatureParams> params = parseSignature(request.signatureInput, request.signature);
    if (!params)
        return params.error();
    for (const char* required : {"@method", "@path", "content-digest"}) {
        if (!params->components.contains(QByteArray(required)))
            return makeError(QStringLiteral("signature.components"),
                             QStringLiteral("the signature does not cover %1").arg(QLatin1String(required)));
    }
    if (params->created < 0)
        return makeError(QStringLiteral("signature.malformed"), QStringLiteral("the signature has no created time"));
    if (!params->alg.isEmpty() && params->alg != "ed25519")
        return makeError(QStringLiteral("signature.malformed"),
                         QStringLiteral("unsupported algorithm %1").arg(QString::fromLatin1(params->alg)));
    if (request.contentDigest.isEmpty())
        return makeError(QStringLiteral("digest.missing"), QStringLiteral("the request has no Content-Digest"));
    if (request.contentDigest.trimmed() != contentDigestHeader(request.body))
        return makeError(QStringLiteral("digest.mismatch"),
                         QStringLiteral("Content-Digest does not match the body (sha-256 expected)"));
    const qint64 nowSeconds = nowMs / 1000;
    if (params->created < nowSeconds - m_windowSeconds || params->created > nowSeconds + m_windowSeconds)
        return makeError(QStringLiteral("signature.expired"),
                         QStringLiteral("created %1 is outside the %2 s window around %3")
                             .arg(params->created)
                             .arg(m_windowSeconds)
                             .arg(nowSeconds));
    const std::optional<QByteArray> key = lookup(params->keyId);
    if (!key)
        return makeError(QStringLiteral("device.unknown"), QStringLiteral("no enrolled device %1").arg(params->keyId));
    const QByteArray base = signatureBase(*params, request.method, request.path, request.contentDigest.trimmed());
    if (!crypto::ed25519Verify(*key, base, params->signature))
        return makeError(QStringLiteral("signature.invalid"), QStringLiteral("the request signature does not verify"));
    expire(nowSeconds);
    if (m_seen.contains(params->signature))
        return makeError(QStringLiteral("signature.replayed"), QStringLiteral("this signature was already used"));
    m_seen.insert(params->signature, params->created);
    return params->keyId;
}

void RequestVerifier::expire(qint64 nowSeconds)
{
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        if (it.value() < nowSeconds - m_windowSeconds)
            it = m_seen.erase(it);
        else
            ++it;
    }
}

} // namespace corral::server
