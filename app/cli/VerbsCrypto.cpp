// SPDX-License-Identifier: Apache-2.0
// keygen, sign, verify: minisign-compatible keys and signatures from the command line.
#include "Password.h"
#include "Signing.h"
#include "Verbs.h"
#include "crypto/Minisign.h"
#include "crypto/SecureBytes.h"

#include <QDateTime>
#include <QFileInfo>
#include <optional>

namespace corral::cli {

namespace {

namespace ms = corral::crypto::minisign;
using corral::crypto::SecureBytes;

int runKeygen(const QStringList& args, Io& io)
{
    VerbParser verb(
        QStringLiteral("keygen"),
        QStringLiteral("Generate a minisign-compatible Ed25519 key pair: PREFIX.pub (public) and PREFIX.key "
                       "(secret, mode 0600, encrypted with a password unless --no-password).\n"
                       "The password is read from the terminal without echo, or else as two lines "
                       "(password, confirmation) from standard input."));
    verb.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                      QStringLiteral("Write PREFIX.pub and PREFIX.key."), QStringLiteral("PREFIX")));
    verb.addOption(QCommandLineOption(QStringLiteral("no-password"),
                                      QStringLiteral("Store the secret key unencrypted (as `minisign -G -W`).")));
    verb.addOption(QCommandLineOption({QStringLiteral("f"), QStringLiteral("force")},
                                      QStringLiteral("Overwrite existing key files.")));
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    if (!verb.isSet(QStringLiteral("o")))
        return verb.usageError(io, QStringLiteral("missing -o PREFIX"));
    const QString prefix = verb.value(QStringLiteral("o"));
    if (prefix.isEmpty())
        return verb.usageError(io, QStringLiteral("PREFIX must not be empty"));
    const QString pubPath = prefix + QStringLiteral(".pub");
    const QString keyPath = prefix + QStringLiteral(".key");
    if (!verb.isSet(QStringLiteral("force"))) {
        for (const QString& path : {pubPath, keyPath}) {
            if (QFileInfo::exists(path))
                return verb.failure(io, QStringLiteral("%1 already exists; use --force to overwrite it").arg(path));
        }
    }

    std::optional<SecureBytes> password;
    if (!verb.isSet(QStringLiteral("no-password"))) {
        password = readPassword(verb, io, QStringLiteral("Password for the new secret key: "));
        if (!password)
            return kExitFailure;
        if (password->isEmpty())
            return verb.failure(io, QStringLiteral("empty password; use --no-password for an unencrypted key"));
        const auto confirmation = readPassword(verb, io, QStringLiteral("Password (again): "));
        if (!confirmation)
            return kExitFailure;
        if (!password->equals(*confirmation))
            return verb.failure(io, QStringLiteral("the passwords do not match"));
    }

    const ms::SecretKey key = ms::SecretKey::generate();
    auto secretFile = ms::encodeSecretKey(key, password ? password->view() : QByteArrayView());
    if (!secretFile)
        return reportError(verb, io, secretFile.error());
    if (auto written = ms::writeKeyFile(keyPath, secretFile->view(), true); !written)
        return reportError(verb, io, written.error());
    const ms::PublicKey pub = key.publicKey();
    if (auto written = ms::writeKeyFile(pubPath, pub.toFile(), false); !written)
        return reportError(verb, io, written.error());
    io.out << "Secret key: " << keyPath << (password ? " (encrypted)" : " (not encrypted)") << '\n'
           << "Public key: " << pubPath << '\n'
           << "Key id: " << pub.keyIdHex() << '\n';
    return kExitOk;
}

int runSign(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("sign"),
                    QStringLiteral("Sign FILE with a minisign secret key, writing FILE.minisig (prehashed, with a "
                                   "trusted comment). Prompts for the password of an encrypted key (or reads it "
                                   "from standard input)."),
                    QStringLiteral("FILE"));
    verb.addOption(secretKeyOption());
    verb.addOption(
        QCommandLineOption({QStringLiteral("t"), QStringLiteral("trusted-comment")},
                           QStringLiteral("The trusted comment (default: timestamp:SECONDS<TAB>file:NAME<TAB>hashed)."),
                           QStringLiteral("TRUSTED_COMMENT")));
    verb.addOption(signatureFileOption(SignatureFileUse::Write));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The file to sign."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    if (!verb.isSet(QStringLiteral("s")))
        return verb.usageError(io, QStringLiteral("missing -s KEY"));
    const QString file = verb.positional().at(0);
    const QString keyPath = verb.value(QStringLiteral("s"));
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    const auto keyData = readInputFile(verb, io, keyPath);
    if (!keyData)
        return kExitUsage;
    int exitCode = kExitOk;
    const std::optional<ms::SecretKey> key = openSecretKey(verb, io, *keyData, keyPath, &exitCode);
    if (!key)
        return exitCode;
    const QByteArray trusted = verb.isSet(QStringLiteral("t"))
                                   ? verb.value(QStringLiteral("t")).toUtf8()
                                   : ms::defaultTrustedComment(QDateTime::currentSecsSinceEpoch(), file);
    auto sig = ms::signFile(*key, file, trusted);
    if (!sig)
        return reportError(verb, io, sig.error());
    const QString sigPath = signaturePath(verb, file);
    if (!writeOutputFile(verb, io, sigPath, sig->toFile()))
        return kExitFailure;
    io.out << "Signature written to " << sigPath << '\n';
    return kExitOk;
}

int runVerify(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("verify"),
                    QStringLiteral("Verify FILE against its minisign signature (FILE.minisig unless -x) and a public "
                                   "key. Exit 0 only when the signature and its trusted comment verify; prints the "
                                   "trusted comment."),
                    QStringLiteral("FILE"));
    verb.addOption(publicKeyOption(QStringLiteral("The public key file.")));
    verb.addOption(signatureFileOption(SignatureFileUse::Read));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The signed file."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    if (!verb.isSet(QStringLiteral("p")))
        return verb.usageError(io, QStringLiteral("missing -p PUB"));
    const QString file = verb.positional().at(0);
    const QString pubPath = verb.value(QStringLiteral("p"));
    const QString sigPath = signaturePath(verb, file);
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    int exitCode = kExitOk;
    const std::optional<VerificationInputs> inputs = loadVerificationInputs(verb, io, pubPath, sigPath, &exitCode);
    if (!inputs)
        return exitCode;
    auto sig = ms::Signature::parse(inputs->signature, sigPath);
    if (!sig)
        return reportError(verb, io, sig.error());
    if (auto ok = ms::verifyFile(inputs->publicKey, *sig, file); !ok)
        return reportError(verb, io, ok.error());
    io.out << "Signature and comment signature verified\n"
           << "Trusted comment: " << QString::fromUtf8(sig->trustedComment) << '\n';
    return kExitOk;
}

} // namespace

void registerCryptoVerbs(Cli& cli)
{
    cli.add({QStringLiteral("keygen"), QStringLiteral("Generate a minisign-compatible signing key pair"), runKeygen});
    cli.add({QStringLiteral("sign"), QStringLiteral("Sign a file (writes FILE.minisig)"), runSign});
    cli.add({QStringLiteral("verify"), QStringLiteral("Verify a file's minisign signature"), runVerify});
}

} // namespace corral::cli
