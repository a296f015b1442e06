// SPDX-License-Identifier: Apache-2.0
// Secrets in the desktop keychain (the freedesktop Secret Service: GNOME Keyring, KWallet)
// through QtKeychain. The keychain cannot list entries, so the store keeps the sorted
// names in one more entry of its own.
#pragma once

#include "SecretStore.h"

namespace corral::models {

class KeychainSecretStore final : public SecretStore
{
public:
    // `service` groups the entries ("corral"; tests use their own).
    explicit KeychainSecretStore(QString service = QStringLiteral("corral"));

    // True when a keychain answers (an entry can be read or is reported missing) within
    // `timeoutMs`.
    bool isAvailable(int timeoutMs = 3000) const;

    QString backend() const override { return QStringLiteral("keychain"); }
    QString location() const override { return QStringLiteral("keychain (service '%1')").arg(m_service); }
    Result<crypto::SecureBytes> get(const QString& name) const override;
    Result<void> set(const QString& name, QByteArrayView value) override;
    Result<void> remove(const QString& name) override;
    Result<QStringList> names() const override;

private:
    Result<void> writeNames(const QStringList& names);

    QString m_service;
};

} // namespace corral::models
