// SPDX-License-Identifier: Apache-2.0
// The server's data: its database (DIR/server.db, or the SQLite file or PostgreSQL database
// given with --db) holds the witness key and the organisation's bundle public key with all
// the rest, so servers sharing a PostgreSQL database are one witness. The data folder keeps
// only the SQLite file, the --db given to init (DIR/database) and a generated organisation
// secret key. Tokens are random, shown once, stored hashed.
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
    QString database;            // where the database is (a PostgreSQL URL without its password)
};

struct InitOptions
{
    QString bundlePublicKeyPath; // an existing organisation key; empty: generate one
    QString database;            // --db: a SQLite path or PostgreSQL URL; empty: DIR/server.db
};

class ServerData
{
public:
    // Creates the folder, the database's tables, the keys and the first admin token, and
    // records a given --db in DIR/database. Error "server.exists" when the folder or the
    // database is already initialised, "server.io", the store's errors.
    static Result<InitResult> init(const QString& dir, const InitOptions& options, const Clock& clock);
    // Opens the database `database` (a SQLite path or PostgreSQL URL), else the one init
    // recorded in DIR, else DIR/server.db. With `database` given, DIR need not exist (a
    // second server on a shared PostgreSQL database). Error "server.uninitialised" when
    // init has not run on that database.
    static Result<std::unique_ptr<ServerData>> open(const QString& dir, const QString& database = {});
    // The database a verb opens for `dir` (see open()).
    static QString databaseFor(const QString& dir, const QString& database = {});

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
