// SPDX-License-Identifier: Apache-2.0
// Start-up known-answer tests of the primitives Corral relies on (Ed25519 from RFC 8032,
// SHA-256, BLAKE2b-512, HMAC-SHA-256). Programs refuse to start when one fails, since no
// signature or hash they produce could then be trusted.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace corral::crypto {

// Runs the built-in known answers. Error code "crypto.self-test" naming the failed vector.
corral::Result<void> selfTest();

// Runs selfTest() and ends the process with a clear message (qFatal) when it fails.
void requireSelfTest();

namespace detail {

struct Ed25519Vector
{
    QString name;
    QByteArray seed;      // 32 bytes
    QByteArray publicKey; // expected, 32 bytes
    QByteArray message;
    QByteArray signature; // expected, 64 bytes
};

struct HashVector
{
    enum class Kind { Sha256, Blake2b512, HmacSha256 };
    QString name;
    Kind kind = Kind::Sha256;
    QByteArray key; // HMAC only
    QByteArray message;
    QByteArray digest; // expected
};

struct SelfTestVectors
{
    QList<Ed25519Vector> ed25519;
    QList<HashVector> hashes;
};

// The vectors selfTest() runs.
const SelfTestVectors& builtInVectors();
// The self-test over any vectors, so tests can show that a corrupted one is detected.
corral::Result<void> runSelfTest(const SelfTestVectors& vectors);

} // namespace detail

} // namespace corral::crypto
