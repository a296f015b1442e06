// SPDX-License-Identifier: Apache-2.0
// Ed25519 signing keys (RFC 8032). The secret half lives in SecureBytes; the public half
// is plain bytes. The 64-byte secret is libsodium's seed||public layout, which is also
// minisign's.
#pragma once

#include "SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace corral::crypto {

constexpr qsizetype kEd25519PublicKeySize = 32;
constexpr qsizetype kEd25519SecretKeySize = 64;
constexpr qsizetype kEd25519SeedSize = 32;
constexpr qsizetype kEd25519SignatureSize = 64;

class Ed25519KeyPair
{
public:
    Ed25519KeyPair() = default;
    static Ed25519KeyPair generate();
    // From a 32-byte seed (RFC 8032 test vectors, deterministic tests).
    static Ed25519KeyPair fromSeed(QByteArrayView seed);
    // From a 64-byte seed||public secret key; nullopt-like empty pair on bad size or a
    // public half that does not match the seed.
    static Ed25519KeyPair fromSecretKey(QByteArrayView secretKey);

    bool isValid() const { return m_secret.size() == std::size_t(kEd25519SecretKeySize); }
    const QByteArray& publicKey() const { return m_public; }
    const SecureBytes& secretKey() const { return m_secret; }

    QByteArray sign(QByteArrayView message) const;

private:
    QByteArray m_public;
    SecureBytes m_secret;
};

bool ed25519Verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);

} // namespace corral::crypto
