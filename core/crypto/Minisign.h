// SPDX-License-Identifier: Apache-2.0
// minisign-compatible keys and signatures (https://jedisct1.github.io/minisign/): public
// keys, secret keys (scrypt-encrypted or unencrypted), prehashed "ED" signatures with a
// trusted comment, and verification of legacy "Ed" signatures. Files made here verify with
// the minisign tool and the other way round.
#pragma once

#include "Ed25519.h"
#include "Result.h"
#include "SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace corral::crypto::minisign {

// Error codes (Error::code) returned by this module.
inline constexpr char kErrMalformed[] = "minisign.malformed";               // syntax, base64, sizes, comments
inline constexpr char kErrUnsupported[] = "minisign.unsupported-algorithm"; // signature, KDF or checksum algorithm
inline constexpr char kErrKeyIdMismatch[] = "minisign.key-id-mismatch";     // signature or key pair of another key
inline constexpr char kErrBadSignature[] = "minisign.bad-signature";        // the file's signature does not verify
inline constexpr char kErrBadGlobalSignature[] = "minisign.bad-global-signature"; // the trusted comment was altered
inline constexpr char kErrWrongPassword[] = "minisign.wrong-password";            // or a corrupted encrypted key
inline constexpr char kErrCorruptKey[] = "minisign.corrupt-key";                  // checksum or key halves disagree
inline constexpr char kErrPasswordRequired[] = "minisign.password-required";
inline constexpr char kErrIo[] = "minisign.io"; // cannot read or write a file

constexpr qsizetype kKeyIdSize = 8;
// Longest comment lines minisign reads (including the "untrusted comment: " prefix and
// newline), and the size limit for whole key and signature files.
constexpr qsizetype kMaxCommentLine = 1024;
constexpr qsizetype kMaxTrustedCommentLine = 8192;
constexpr qsizetype kMaxFileSize = 16 * 1024;
// Legacy "Ed" signatures sign the whole file in memory; minisign refuses more than 1 GiB.
constexpr qint64 kMaxLegacyMessageSize = qint64(1) << 30;

// scrypt cost stored in an encrypted secret key. minisign writes sensitive(); any values
// from a file are honoured on reading.
struct ScryptParams
{
    quint64 opsLimit = 0;
    quint64 memLimit = 0;

    static ScryptParams sensitive();   // 33554432 ops, 1 GiB: what `minisign -G` uses
    static ScryptParams interactive(); // 524288 ops, 16 MiB: libsodium's interactive level
};

struct PublicKey
{
    QByteArray keyId;     // 8 bytes, as stored
    QByteArray publicKey; // 32 bytes Ed25519

    // "4C14C4E494F24EEB"-style: the key id as the little-endian 64-bit number minisign prints.
    QString keyIdHex() const;
    // The base64 line alone (what `minisign -P` takes).
    QByteArray toBase64() const;
    // The full file: "untrusted comment: minisign public key KEYID\nBASE64\n".
    QByteArray toFile() const;

    // `source` names the file in error messages ("FILE:LINE: ...").
    static corral::Result<PublicKey> parse(QByteArrayView fileContents, const QString& source);
    static corral::Result<PublicKey> fromBase64(QByteArrayView base64, const QString& source);
};

// An opened secret key: the key id and the Ed25519 key pair (in locked memory).
struct SecretKey
{
    QByteArray keyId;
    Ed25519KeyPair keyPair;

    static SecretKey generate();
    PublicKey publicKey() const { return PublicKey{keyId, keyPair.publicKey()}; }
};

// A secret key file as read from disk, not yet decrypted.
class SecretKeyFile
{
public:
    static corral::Result<SecretKeyFile> parse(QByteArrayView fileContents, const QString& source);

    bool isEncrypted() const { return m_encrypted; }
    ScryptParams scryptParams() const { return m_params; }
    // Decrypts with `password` (ignored for unencrypted keys). Errors: kErrWrongPassword,
    // kErrPasswordRequired (encrypted key, empty password), kErrCorruptKey.
    corral::Result<SecretKey> open(QByteArrayView password = {}) const;

private:
    QString m_source;
    bool m_encrypted = false;
    ScryptParams m_params;
    SecureBytes m_raw; // the decoded key structure, still encrypted when m_encrypted
};

// The secret key file contents. With a password (non-empty) the key is encrypted with
// scrypt(params); without one it is written as `minisign -G -W` does (KDF 0x0000).
// Error kErrMalformed when scrypt refuses `params`.
corral::Result<SecureBytes> encodeSecretKey(const SecretKey& key, QByteArrayView password,
                                            ScryptParams params = ScryptParams::sensitive());

struct Signature
{
    QByteArray algorithm; // "ED" (prehashed) or "Ed" (legacy)
    QByteArray keyId;
    QByteArray signature;       // 64 bytes
    QString untrustedComment;   // without the "untrusted comment: " prefix
    QByteArray trustedComment;  // UTF-8, without the prefix; covered by globalSignature
    QByteArray globalSignature; // 64 bytes over signature || trustedComment

    bool isPrehashed() const { return algorithm == "ED"; }
    QByteArray toFile() const;
    static corral::Result<Signature> parse(QByteArrayView fileContents, const QString& source);
};

// Signs `data` (prehashed with BLAKE2b-512). Errors: kErrMalformed for a trusted comment
// with a newline, invalid UTF-8 or more than minisign accepts.
corral::Result<Signature> sign(const SecretKey& key, QByteArrayView data, const QByteArray& trustedComment,
                               const QString& untrustedComment = QStringLiteral("signature from corral secret key"));
// Signs the file at `path`, streaming it through BLAKE2b-512 (any size).
corral::Result<Signature>
signFile(const SecretKey& key, const QString& path, const QByteArray& trustedComment,
         const QString& untrustedComment = QStringLiteral("signature from corral secret key"));

// Verifies `sig` over `data`, then its trusted comment. Errors: kErrKeyIdMismatch,
// kErrBadSignature, kErrBadGlobalSignature.
corral::Result<void> verify(const PublicKey& key, const Signature& sig, QByteArrayView data);
// The same for a file: prehashed signatures stream it, legacy ones load it (at most 1 GiB).
corral::Result<void> verifyFile(const PublicKey& key, const Signature& sig, const QString& path);

// The trusted comment minisign writes by default: "timestamp:SECS\tfile:BASENAME\thashed".
QByteArray defaultTrustedComment(qint64 unixSeconds, const QString& fileName);

// Writes `data` atomically (temporary file + rename) with mode 0600 (`privateFile`) or 0644.
corral::Result<void> writeKeyFile(const QString& path, QByteArrayView data, bool privateFile);

} // namespace corral::crypto::minisign
