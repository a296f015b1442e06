// SPDX-License-Identifier: Apache-2.0
// Shared by the audit tests: a deterministic device key and a helper that fills a log.
#pragma once

#include "audit/AuditLog.h"
#include "audit/DeviceKey.h"
#include "crypto/Ed25519.h"

#include <QString>

namespace corral::audit::test {

inline crypto::Ed25519KeyPair deviceKey(char fill = 7)
{
    return crypto::Ed25519KeyPair::fromSeed(QByteArray(32, fill));
}

inline const QString kOrigin = QStringLiteral("corral.local/testhost/0123456789abcdef");

inline QList<crypto::NoteVerifier> trusted(char fill = 7)
{
    return {verifierFor(kOrigin, deviceKey(fill).publicKey())};
}

inline AuditLog::Options options(const Clock* clock, std::uint64_t every = 1000)
{
    AuditLog::Options o;
    o.origin = kOrigin;
    o.clock = clock;
    o.checkpointEvery = every;
    o.timer = false;
    return o;
}

} // namespace corral::audit::test
