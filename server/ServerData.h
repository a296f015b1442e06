// SPDX-License-Identifier: Apache-2.0
// The server's data folder: the database (server.db), the witness key (witness.key, 0600)
// and the organisation's bundle public key (bundle.pub). `init` creates them and the first
// admin token; every other verb opens them. Tokens are random, shown once, stored hashed.
#pragma once

#include "Clock.h"
#include "Result.h"
#include "ServerStore.h"
#include "crypto/Minisign.h"
#include "crypto/SignedNote.h"

#include <QString>
#include <memory>

namespace corral::server {

// A fresh bearer token: prefix + 43 characters of base64url (256 bits).
QString newToken(const QString& prefix);
// SHA-256 of the token text, as stored.
QByteArray tokenHash(QByteArrayView token);

// "24h", "30m", "7d", "90s" -> milliseconds; nullopt for anything else.
std::optional<qint64> parseDuration(const QString& text);

struct InitResult
{
    QString adminToken;
    QString witnessVerifierKey;  // cosignature vkey
    QString bundleSecretKeyPath; // set when init generated the organisation's key pair
};

struct InitOptions
{
    QString bundlePublicKeyPath; // an existing organisation key; empty: generate one
};

class ServerData
{
public:
    // Creates the folder's keys, database and first admin token. Error "server.exists"
    // when the folder is already initialised, "server.io", the store's errors.
    static Result<InitResult> init(const QString& dir, const InitOptions& options, const Clock& clock);
    // Opens an initialised folder. `dbPath` overrides <dir>/server.db (empty: default).
    // Error "server.uninitialised" when init has not run there.
    static Result<std::unique_ptr<ServerData>> open(const QString& dir, const QString& dbPath = {});

    ServerStore& store() { return m_store; }
    const crypto::NoteSigner& witnessKey() const { return m_witness; }
    const crypto::minisign::PublicKey& bundleKey() const { return m_bundleKey; }
    const QString& dir() const { return m_dir; }

private:
    ServerData(QString dir, ServerStore store, crypto::NoteSigner witness, crypto::minisign::PublicKey bundleKey);

    QString m_dir;
    ServerStore m_store;
    crypto::NoteSigner m_witness;
    crypto::minisign::PublicKey m_bundleKey;
};

} // namespace corral::server
