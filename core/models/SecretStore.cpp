// SPDX-License-Identifier: Apache-2.0
#include "SecretStore.h"

#include "FileSecretStore.h"
#ifdef CORRAL_HAVE_QTKEYCHAIN
#include "KeychainSecretStore.h"
#endif

#include <QRegularExpression>

namespace corral::models {

bool isValidSecretName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"));
    return pattern.match(name).hasMatch();
}

Result<std::unique_ptr<SecretStore>> openSecretStore()
{
    const QString choice = qEnvironmentVariable("CORRAL_SECRET_STORE", QStringLiteral("auto"));
    if (choice == QLatin1String("file"))
        return std::unique_ptr<SecretStore>(std::make_unique<FileSecretStore>(FileSecretStore::defaultPath()));
    if (choice != QLatin1String("auto") && choice != QLatin1String("keychain")) {
        return makeError(QStringLiteral("secrets.invalid-name"),
                         QStringLiteral("CORRAL_SECRET_STORE is '%1'; expected file, keychain or auto").arg(choice));
    }
#ifdef CORRAL_HAVE_QTKEYCHAIN
    auto keychain = std::make_unique<KeychainSecretStore>();
    if (keychain->isAvailable())
        return std::unique_ptr<SecretStore>(std::move(keychain));
#endif
    if (choice == QLatin1String("keychain"))
        return makeError(QStringLiteral("secrets.unavailable"), QStringLiteral("no keychain (Secret Service) answers"));
    return std::unique_ptr<SecretStore>(std::make_unique<FileSecretStore>(FileSecretStore::defaultPath()));
}

} // namespace corral::models
