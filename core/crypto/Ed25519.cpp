// SPDX-License-Identifier: Apache-2.0
#include "Ed25519.h"

#include "Sodium.h"

namespace corral::crypto {

Ed25519KeyPair Ed25519KeyPair::generate()
{
    ensureSodium();
    Ed25519KeyPair pair;
    pair.m_public = QByteArray(kEd25519PublicKeySize, Qt::Uninitialized);
    pair.m_secret = SecureBytes(kEd25519SecretKeySize);
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(pair.m_public.data()), pair.m_secret.data());
    return pair;
}

Ed25519KeyPair Ed25519KeyPair::fromSeed(QByteArrayView seed)
{
    ensureSodium();
    Ed25519KeyPair pair;
    if (seed.size() != kEd25519SeedSize)
        return pair;
    pair.m_public = QByteArray(kEd25519PublicKeySize, Qt::Uninitialized);
    pair.m_secret = SecureBytes(kEd25519SecretKeySize);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(pair.m_public.data()), pair.m_secret.data(),
                             reinterpret_cast<const unsigned char*>(seed.data()));
    return pair;
}

Ed25519KeyPair Ed25519KeyPair::fromSecretKey(QByteArrayView secretKey)
{
    if (secretKey.size() != kEd25519SecretKeySize)
        return {};
    Ed25519KeyPair pair = fromSeed(secretKey.first(kEd25519SeedSize));
    // The public half is not secret, so a plain comparison is fine.
    if (pair.m_public != secretKey.sliced(kEd25519SeedSize).toByteArray())
        return {};
    return pair;
}

QByteArray Ed25519KeyPair::sign(QByteArrayView message) const
{
    QByteArray sig(kEd25519SignatureSize, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()),
                         static_cast<unsigned long long>(message.size()), m_secret.data());
    return sig;
}

bool ed25519Verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature)
{
    ensureSodium();
    if (publicKey.size() != kEd25519PublicKeySize || signature.size() != kEd25519SignatureSize)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.data())) == 0;
}

} // namespace corral::crypto
