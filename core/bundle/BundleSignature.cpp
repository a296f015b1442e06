// SPDX-License-Identifier: Apache-2.0
#include "BundleSignature.h"

#include "BundleErrors.h"

#include <QRegularExpression>

namespace corral::bundle {

namespace minisign = crypto::minisign;

QByteArray bundleTrustedComment(qint64 serial, const QString& revision, qint64 unixSeconds)
{
    QString safeRevision = revision;
    static const QRegularExpression whitespace(QStringLiteral("[\\s\\x00-\\x1f\\x7f]"));
    safeRevision.replace(whitespace, QStringLiteral("_"));
    return QStringLiteral("serial:%1\trevision:%2\ttimestamp:%3")
        .arg(serial)
        .arg(safeRevision)
        .arg(unixSeconds)
        .toUtf8();
}

std::optional<qint64> serialFromTrustedComment(const QByteArray& trustedComment)
{
    static const QRegularExpression separators(QStringLiteral("\\s+"));
    const QStringList tokens = QString::fromUtf8(trustedComment).split(separators, Qt::SkipEmptyParts);
    std::optional<qint64> serial;
    for (const QString& token : tokens) {
        if (!token.startsWith(QLatin1String("serial:")))
            continue;
        if (serial)
            return std::nullopt; // ambiguous
        const QString digits = token.mid(7);
        bool ok = false;
        const qint64 value = digits.toLongLong(&ok);
        if (!ok || value < 1 || digits.startsWith(QLatin1Char('+')) || digits.startsWith(QLatin1Char('0')))
            return std::nullopt;
        serial = value;
    }
    return serial;
}

Result<QByteArray> signBundle(const minisign::SecretKey& key, const QByteArray& archive, qint64 serial,
                              const QString& revision, const Clock& clock)
{
    Result<minisign::Signature> signature =
        minisign::sign(key, archive, bundleTrustedComment(serial, revision, clock.nowMs() / 1000),
                       QStringLiteral("signature from corral policy bundle key"));
    if (!signature)
        return signature.error();
    return signature->toFile();
}

Result<VerifiedSignature> verifyBundleSignature(const QByteArray& archive, const QByteArray& signatureFile,
                                                const QList<minisign::PublicKey>& trustedKeys)
{
    if (trustedKeys.isEmpty())
        return makeError(errc::kNoTrustRoot, QStringLiteral("no bundle signing key is trusted"));
    Result<minisign::Signature> signature = minisign::Signature::parse(signatureFile, QStringLiteral("signature"));
    if (!signature)
        return makeError(errc::kSignatureMalformed, signature.error().message);
    if (!signature->isPrehashed())
        return makeError(errc::kSignatureMalformed,
                         QStringLiteral("signature: legacy (non-prehashed) minisign signatures are not accepted "
                                        "for bundles; sign with minisign 0.8 or later"));
    const minisign::PublicKey* key = nullptr;
    for (const minisign::PublicKey& candidate : trustedKeys) {
        if (candidate.keyId == signature->keyId)
            key = &candidate;
    }
    if (!key) {
        QStringList trusted;
        for (const minisign::PublicKey& candidate : trustedKeys)
            trusted.append(candidate.keyIdHex());
        const minisign::PublicKey signer{signature->keyId, {}};
        return makeError(errc::kSignatureUntrusted,
                         QStringLiteral("signed by key %1, which is not trusted (trusted: %2)")
                             .arg(signer.keyIdHex(), trusted.join(QLatin1String(", "))));
    }
    Result<void> verified = minisign::verify(*key, *signature, archive);
    if (!verified)
        return makeError(errc::kSignatureInvalid, QStringLiteral("the signature by key %1 does not verify: %2")
                                                      .arg(key->keyIdHex(), verified.error().message));
    const std::optional<qint64> serial = serialFromTrustedComment(signature->trustedComment);
    if (!serial)
        return makeError(errc::kSerialMismatch, QStringLiteral("the trusted comment \"%1\" holds no single serial:N")
                                                    .arg(QString::fromUtf8(signature->trustedComment)));
    return VerifiedSignature{key->keyIdHex(), *serial, signature->trustedComment};
}

} // namespace corral::bundle
