// SPDX-License-Identifier: Apache-2.0
#include "SelfTest.h"

#include "Ed25519.h"
#include "Hash.h"

#include <QtGlobal>

namespace corral::crypto {

namespace detail {

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(text);
}

corral::Error failed(const QString& name, const QString& what)
{
    return corral::makeError(QStringLiteral("crypto.self-test"),
                             QStringLiteral("known-answer test %1 failed: %2").arg(name, what));
}

} // namespace

const SelfTestVectors& builtInVectors()
{
    static const SelfTestVectors vectors = [] {
        SelfTestVectors v;
        // RFC 8032 section 7.1.
        v.ed25519 = {
            {QStringLiteral("RFC 8032 Ed25519 TEST 1"),
             hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
             hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), QByteArray(),
             hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25b"
                 "f5f0595bbe24655141438e7a100b")},
            {QStringLiteral("RFC 8032 Ed25519 TEST 2"),
             hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"),
             hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"), hex("72"),
             hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b"
                 "2eaeb4302aeeb00d291612bb0c00")},
            {QStringLiteral("RFC 8032 Ed25519 TEST 3"),
             hex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"),
             hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"), hex("af82"),
             hex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c"
                 "15e9716ed28dc027beceea1ec40a")},
            {QStringLiteral("RFC 8032 Ed25519 TEST SHA(abc)"),
             hex("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42"),
             hex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf"),
             hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d"
                 "4423643ce80e2a9ac94fa54ca49f"),
             hex("dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca"
                 "179c138ac17ad9bef1177331a704")},
        };
        using K = HashVector::Kind;
        v.hashes = {
            // FIPS 180-2 appendix B.
            {QStringLiteral("SHA-256 empty"),
             K::Sha256,
             {},
             QByteArray(),
             hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")},
            {QStringLiteral("SHA-256 abc"),
             K::Sha256,
             {},
             QByteArrayLiteral("abc"),
             hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")},
            {QStringLiteral("SHA-256 two blocks"),
             K::Sha256,
             {},
             QByteArrayLiteral("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
             hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")},
            // RFC 7693 appendix A, and the empty message.
            {QStringLiteral("BLAKE2b-512 abc"),
             K::Blake2b512,
             {},
             QByteArrayLiteral("abc"),
             hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d3"
                 "8aa8dbf1925ab92386edd4009923")},
            {QStringLiteral("BLAKE2b-512 empty"),
             K::Blake2b512,
             {},
             QByteArray(),
             hex("786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a"
                 "685b1448b755d56f701afe9be2ce")},
            // RFC 4231 test cases 1 and 2.
            {QStringLiteral("HMAC-SHA-256 RFC 4231 case 1"), K::HmacSha256, QByteArray(20, '\x0b'),
             QByteArrayLiteral("Hi There"), hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")},
            {QStringLiteral("HMAC-SHA-256 RFC 4231 case 2"), K::HmacSha256, QByteArrayLiteral("Jefe"),
             QByteArrayLiteral("what do ya want for nothing?"),
             hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")},
        };
        return v;
    }();
    return vectors;
}

corral::Result<void> runSelfTest(const SelfTestVectors& vectors)
{
    for (const Ed25519Vector& t : vectors.ed25519) {
        const Ed25519KeyPair pair = Ed25519KeyPair::fromSeed(t.seed);
        if (!pair.isValid())
            return failed(t.name, QStringLiteral("the seed is not 32 bytes"));
        if (pair.publicKey() != t.publicKey)
            return failed(t.name, QStringLiteral("public key derived from the seed differs"));
        if (pair.sign(t.message) != t.signature)
            return failed(t.name, QStringLiteral("signature differs"));
        if (!ed25519Verify(t.publicKey, t.message, t.signature))
            return failed(t.name, QStringLiteral("signature does not verify"));
        // Verification must also reject: a flipped bit in the signature and in the message.
        QByteArray flipped = t.signature;
        flipped[0] = char(flipped[0] ^ 0x01);
        if (ed25519Verify(t.publicKey, t.message, flipped))
            return failed(t.name, QStringLiteral("a corrupted signature verifies"));
        if (ed25519Verify(t.publicKey, t.message + QByteArray(1, 'x'), t.signature))
            return failed(t.name, QStringLiteral("the signature verifies for another message"));
    }
    for (const HashVector& t : vectors.hashes) {
        QByteArray digest;
        switch (t.kind) {
        case HashVector::Kind::Sha256:
            digest = sha256Bytes(t.message);
            break;
        case HashVector::Kind::Blake2b512:
            digest = blake2b512(t.message);
            break;
        case HashVector::Kind::HmacSha256:
            digest = hmacSha256(t.key, t.message);
            break;
        }
        if (digest != t.digest)
            return failed(t.name, QStringLiteral("digest differs"));
    }
    return {};
}

} // namespace detail

corral::Result<void> selfTest()
{
    return detail::runSelfTest(detail::builtInVectors());
}

void requireSelfTest()
{
    const corral::Result<void> result = selfTest();
    if (!result)
        qFatal("Corral cannot start: the cryptographic self-test failed (%s). The cryptographic library is broken "
               "or was tampered with.",
               qPrintable(result.error().toString()));
}

} // namespace corral::crypto
