// SPDX-License-Identifier: Apache-2.0
// Detached minisign signatures over bundle archives (FILE.minisig): prehashed Ed25519
// with a trusted comment that repeats the bundle's serial ("serial:N"), so the `minisign`
// tool verifies the same file and an admin can sign with it (`minisign -S -t "serial:N"`).
#pragma once

#include "Clock.h"
#include "Result.h"
#include "crypto/Minisign.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace corral::bundle {

// "serial:N\trevision:R\ttimestamp:SECS". Whitespace in the revision becomes '_', so the
// comment always holds exactly one serial token.
QByteArray bundleTrustedComment(qint64 serial, const QString& revision, qint64 unixSeconds);

// The N of the single whitespace-separated "serial:N" token; nullopt when there is none,
// more than one, or N is not a positive integer.
std::optional<qint64> serialFromTrustedComment(const QByteArray& trustedComment);

// Signs the archive bytes with the trusted comment above; returns the .minisig contents.
Result<QByteArray> signBundle(const crypto::minisign::SecretKey& key, const QByteArray& archive, qint64 serial,
                              const QString& revision, const Clock& clock = Clock::system());

struct VerifiedSignature
{
    QString keyId;     // minisign's hex form
    qint64 serial = 0; // from the trusted comment
    QByteArray trustedComment;
};

// Checks `signatureFile` over `archive` against the trusted keys. Errors (errc):
// kSignatureMalformed (unparsable, or a legacy non-prehashed signature),
// kSignatureUntrusted (no trusted key has the signature's key id), kSignatureInvalid (the
// signature or the trusted comment does not verify), kSerialMismatch (no serial in the
// trusted comment), kNoTrustRoot (no trusted key at all).
Result<VerifiedSignature> verifyBundleSignature(const QByteArray& archive, const QByteArray& signatureFile,
                                                const QList<crypto::minisign::PublicKey>& trustedKeys);

} // namespace corral::bundle
