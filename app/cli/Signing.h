// SPDX-License-Identifier: Apache-2.0
// What the verbs that sign or verify with minisign (sign, verify, bundle sign, bundle verify)
// share: their -s/-p/-x options, the default FILE.minisig, and loading keys with the same errors.
#pragma once

#include "Cli.h"
#include "crypto/Minisign.h"

#include <QCommandLineOption>
#include <optional>

namespace corral::cli {

// -s KEY: the secret key file of a signing verb.
QCommandLineOption secretKeyOption();

// -p PUB: the public key file of a verifying verb, described in the verb's own words.
QCommandLineOption publicKeyOption(const QString& description);

// -x SIGFILE: where a signing verb writes the signature, or where a verifying verb reads it.
enum class SignatureFileUse {
    Write,
    Read,
};
QCommandLineOption signatureFileOption(SignatureFileUse use);

// The signature file: -x when given, else FILE.minisig.
QString signaturePath(const VerbParser& verb, const QString& file);

// Parses the secret key file read from `keyPath` and opens it, prompting for the password
// when it is encrypted. On failure the reason is printed, *exitCode set and nullopt returned.
std::optional<crypto::minisign::SecretKey> openSecretKey(const VerbParser& verb, Io& io, const QByteArray& keyData,
                                                         const QString& keyPath, int* exitCode);

// What a verifying verb needs besides the signed data: the parsed public key and the bytes
// of the signature file.
struct VerificationInputs
{
    crypto::minisign::PublicKey publicKey;
    QByteArray signature;
};

// Reads PUB then SIGFILE (unreadable: kExitUsage) and parses the public key (kExitFailure).
// On failure the reason is printed, *exitCode set and nullopt returned.
std::optional<VerificationInputs> loadVerificationInputs(const VerbParser& verb, Io& io, const QString& pubPath,
                                                         const QString& sigPath, int* exitCode);

} // namespace corral::cli
