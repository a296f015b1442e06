// SPDX-License-Identifier: Apache-2.0
#include "Signing.h"

#include "Password.h"
#include "crypto/SecureBytes.h"

namespace corral::cli {

namespace ms = corral::crypto::minisign;

QCommandLineOption secretKeyOption()
{
    return QCommandLineOption({QStringLiteral("s"), QStringLiteral("secret-key")},
                              QStringLiteral("The secret key file."), QStringLiteral("KEY"));
}

QCommandLineOption publicKeyOption(const QString& description)
{
    return QCommandLineOption({QStringLiteral("p"), QStringLiteral("public-key")}, description, QStringLiteral("PUB"));
}

QCommandLineOption signatureFileOption(SignatureFileUse use)
{
    return QCommandLineOption({QStringLiteral("x"), QStringLiteral("signature")},
                              use == SignatureFileUse::Write
                                  ? QStringLiteral("Write the signature to SIGFILE instead of FILE.minisig.")
                                  : QStringLiteral("The signature file (default: FILE.minisig)."),
                              QStringLiteral("SIGFILE"));
}

QString signaturePath(const VerbParser& verb, const QString& file)
{
    return verb.isSet(QStringLiteral("x")) ? verb.value(QStringLiteral("x")) : file + QStringLiteral(".minisig");
}

std::optional<ms::SecretKey> openSecretKey(const VerbParser& verb, Io& io, const QByteArray& keyData,
                                           const QString& keyPath, int* exitCode)
{
    auto keyFile = ms::SecretKeyFile::parse(keyData, keyPath);
    if (!keyFile) {
        *exitCode = reportError(verb, io, keyFile.error());
        return std::nullopt;
    }
    std::optional<crypto::SecureBytes> password;
    if (keyFile->isEncrypted()) {
        password = readPassword(verb, io, QStringLiteral("Password for %1: ").arg(keyPath));
        if (!password) {
            *exitCode = kExitFailure;
            return std::nullopt;
        }
    }
    auto key = keyFile->open(password ? password->view() : QByteArrayView());
    if (!key) {
        *exitCode = reportError(verb, io, key.error());
        return std::nullopt;
    }
    return std::move(*key);
}

std::optional<VerificationInputs> loadVerificationInputs(const VerbParser& verb, Io& io, const QString& pubPath,
                                                         const QString& sigPath, int* exitCode)
{
    const auto pubData = readInputFile(verb, io, pubPath);
    if (!pubData) {
        *exitCode = kExitUsage;
        return std::nullopt;
    }
    const auto sigData = readInputFile(verb, io, sigPath);
    if (!sigData) {
        *exitCode = kExitUsage;
        return std::nullopt;
    }
    auto pub = ms::PublicKey::parse(*pubData, pubPath);
    if (!pub) {
        *exitCode = reportError(verb, io, pub.error());
        return std::nullopt;
    }
    return VerificationInputs{std::move(*pub), *sigData};
}

} // namespace corral::cli
