// SPDX-License-Identifier: Apache-2.0
// The agent's secret store: API keys and other credentials, referenced by name from the
// model catalog and never written into manifests, bundles, logs or audit records. Two
// backends: the desktop keychain (Secret Service, through QtKeychain) and a 0600 file.
#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QStringList>
#include <memory>

namespace corral::models {

// Secret names: 1-128 characters of [A-Za-z0-9._-], starting with a letter or digit.
bool isValidSecretName(const QString& name);

// Errors of every backend: secrets.invalid-name, secrets.not-found, secrets.empty (set with
// no value), secrets.io, secrets.malformed (the store is damaged), secrets.insecure-file
// (the file is readable by others or not ours), secrets.unavailable (keychain gone).
// Messages name the secret and the store, never the value.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // "file" or "keychain".
    virtual QString backend() const = 0;
    // Where the secrets live, for people ("/home/ann/.config/corral/secrets", "keychain").
    virtual QString location() const = 0;

    // Safe to call from several threads at once.
    virtual Result<crypto::SecureBytes> get(const QString& name) const = 0;
    // Creates or replaces.
    virtual Result<void> set(const QString& name, QByteArrayView value) = 0;
    // secrets.not-found when there is no such secret.
    virtual Result<void> remove(const QString& name) = 0;
    // Sorted names.
    virtual Result<QStringList> names() const = 0;
};

// The store for this user: $CORRAL_SECRET_STORE chooses "file" or "keychain"; unset (or
// "auto") takes the keychain when a Secret Service answers and the file
// (paths::userConfigDir()/secrets) otherwise. Errors: secrets.unavailable when
// "keychain" is asked for and none answers, secrets.invalid-name for another value.
Result<std::unique_ptr<SecretStore>> openSecretStore();

} // namespace corral::models
