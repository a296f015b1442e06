// SPDX-License-Identifier: Apache-2.0
// bundle build, sign, verify, inspect: policy bundles from the command line, for admins
// who publish them and for scripts that check them before they reach the agents.
#include "Paths.h"
#include "ServerConnection.h"
#include "Signing.h"
#include "Verbs.h"
#include "bundle/Bundle.h"
#include "bundle/BundleBuilder.h"
#include "bundle/BundleSignature.h"
#include "bundle/BundleStore.h"
#include "bundle/PolicyCompiler.h"
#include "crypto/Minisign.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

namespace corral::cli {

namespace {

namespace ms = corral::crypto::minisign;
using corral::bundle::Bundle;

// A bundle for inspection, signing or verification: read with the default limits, so the
// command line refuses exactly what the agent would.
std::optional<Bundle> readBundle(const VerbParser& verb, Io& io, const QByteArray& archive, int* exitCode)
{
    Result<Bundle> bundle = Bundle::fromArchive(archive);
    if (!bundle) {
        *exitCode = reportError(verb, io, bundle.error());
        return std::nullopt;
    }
    return std::move(*bundle);
}

int runBuild(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("bundle build"),
                    QStringLiteral("Build a policy bundle (.tar.gz in OPA's layout) from DIR: its .manifest, every "
                                   "*.rego module and every data.json file (placed under data by its folder path). "
                                   "The bundle is checked and its Rego compiled before it is written."),
                    QStringLiteral("DIR"));
    verb.addPositional(QStringLiteral("DIR"), QStringLiteral("The bundle's source folder."));
    verb.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                      QStringLiteral("Write the bundle to FILE."), QStringLiteral("FILE")));
    verb.addOption(QCommandLineOption(QStringLiteral("serial"),
                                      QStringLiteral("Set metadata.serial (a positive integer, higher than the bundle "
                                                     "it replaces)."),
                                      QStringLiteral("N")));
    verb.addOption(
        QCommandLineOption(QStringLiteral("revision"), QStringLiteral("Set the revision."), QStringLiteral("R")));
    verb.addOption(QCommandLineOption(QStringLiteral("data"),
                                      QStringLiteral("Add FILE.json as if it were PATH/data.json in DIR (repeatable)."),
                                      QStringLiteral("PATH=FILE")));
    verb.addOption(QCommandLineOption(QStringLiteral("catalogs"),
                                      QStringLiteral("Add the shipped model and connector catalogs (resources/catalog) "
                                                     "under data.corral.catalog, as the built-in bundle does.")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    if (!verb.isSet(QStringLiteral("o")))
        return verb.usageError(io, QStringLiteral("missing -o FILE"));
    const QString dir = verb.positional().at(0);
    if (!QFileInfo(dir).isDir())
        return verb.usageError(io, QStringLiteral("cannot read %1: not a folder").arg(dir));

    bundle::BuildOptions options;
    if (verb.isSet(QStringLiteral("serial"))) {
        bool ok = false;
        const qint64 serial = verb.value(QStringLiteral("serial")).toLongLong(&ok);
        if (!ok || serial < 1 || serial > bundle::kMaxSerial)
            return verb.usageError(io, QStringLiteral("--serial must be an integer from 1 to 2^53"));
        options.serial = serial;
    }
    if (verb.isSet(QStringLiteral("revision")))
        options.revision = verb.value(QStringLiteral("revision"));
    if (verb.isSet(QStringLiteral("catalogs")))
        options.mounts = bundle::defaultBundleMounts();
    for (const QString& mount : verb.values(QStringLiteral("data"))) {
        const qsizetype eq = mount.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == mount.size() - 1)
            return verb.usageError(io, QStringLiteral("--data expects PATH=FILE, not %1").arg(mount));
        const QString file = mount.mid(eq + 1);
        if (!requireRegularFile(verb, io, file))
            return kExitUsage;
        options.mounts.append(bundle::DataMount{mount.left(eq), file});
    }

    Result<QByteArray> archive = bundle::buildBundle(dir, options);
    if (!archive)
        return reportError(verb, io, archive.error());
    int exitCode = kExitOk;
    const std::optional<Bundle> built = readBundle(verb, io, *archive, &exitCode);
    if (!built)
        return exitCode;
    if (auto compiled = bundle::regoPolicyCompiler()->compile(*built); !compiled)
        return reportError(verb, io, compiled.error());
    const QString output = verb.value(QStringLiteral("o"));
    if (!writeOutputFile(verb, io, output, *archive))
        return kExitFailure;
    io.out << "Wrote " << output << " (revision " << built->revision() << ", serial " << built->serial() << ", "
           << built->modules().size() << " modules, " << built->dataFiles().size() << " data files, " << archive->size()
           << " bytes)\n";
    return kExitOk;
}

int runSign(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("bundle sign"),
                    QStringLiteral("Sign a policy bundle with a minisign secret key, writing FILE.minisig: prehashed "
                                   "Ed25519 with the trusted comment \"serial:N<TAB>revision:R<TAB>timestamp:T\" "
                                   "taken from the bundle's .manifest. Prompts for the password of an encrypted key "
                                   "(or reads it from standard input). With --local, signs with this computer's "
                                   "standalone admin key, which the agent trusts in standalone mode."),
                    QStringLiteral("FILE"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The bundle (.tar.gz)."));
    verb.addOption(secretKeyOption());
    verb.addOption(QCommandLineOption(
        QStringLiteral("local"),
        QStringLiteral("Sign with the standalone admin key (%1).")
            .arg(paths::userConfigDir() + QLatin1Char('/') + QLatin1String(bundle::BundleStore::kAdminSecretKeyFile))));
    verb.addOption(signatureFileOption(SignatureFileUse::Write));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    if (verb.isSet(QStringLiteral("s")) == verb.isSet(QStringLiteral("local")))
        return verb.usageError(io, QStringLiteral("give either -s KEY or --local"));
    const QString file = verb.positional().at(0);
    const QString keyPath =
        verb.isSet(QStringLiteral("local"))
            ? paths::userConfigDir() + QLatin1Char('/') + QLatin1String(bundle::BundleStore::kAdminSecretKeyFile)
            : verb.value(QStringLiteral("s"));
    if (verb.isSet(QStringLiteral("local")) && !QFileInfo::exists(keyPath))
        return verb.usageError(
            io, QStringLiteral("no standalone admin key at %1: start the agent once to create it").arg(keyPath));
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    const auto archive = readInputFile(verb, io, file);
    if (!archive)
        return kExitUsage;
    const auto keyData = readInputFile(verb, io, keyPath);
    if (!keyData)
        return kExitUsage;
    int exitCode = kExitOk;
    const std::optional<Bundle> bundle = readBundle(verb, io, *archive, &exitCode);
    if (!bundle)
        return exitCode;

    const std::optional<ms::SecretKey> key = openSecretKey(verb, io, *keyData, keyPath, &exitCode);
    if (!key)
        return exitCode;
    Result<QByteArray> signature = bundle::signBundle(*key, *archive, bundle->serial(), bundle->revision());
    if (!signature)
        return reportError(verb, io, signature.error());
    const QString sigPath = signaturePath(verb, file);
    if (!writeOutputFile(verb, io, sigPath, *signature))
        return kExitFailure;
    io.out << "Signed " << file << " (revision " << bundle->revision() << ", serial " << bundle->serial()
           << ") with key " << key->publicKey().keyIdHex() << "; signature written to " << sigPath << '\n';
    return kExitOk;
}

int runVerify(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("bundle verify"),
                    QStringLiteral("Check a policy bundle as the agent does before activating it: the signature "
                                   "(FILE.minisig unless -x) against the public key, the serial in its trusted "
                                   "comment, the archive and its structure, and that its Rego compiles. Prints the "
                                   "revision and serial; exit 1 with the reason otherwise."),
                    QStringLiteral("FILE"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The bundle (.tar.gz)."));
    verb.addOption(publicKeyOption(QStringLiteral("The trusted public key file.")));
    verb.addOption(signatureFileOption(SignatureFileUse::Read));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    if (!verb.isSet(QStringLiteral("p")))
        return verb.usageError(io, QStringLiteral("missing -p PUB"));
    const QString file = verb.positional().at(0);
    const QString pubPath = verb.value(QStringLiteral("p"));
    const QString sigPath = signaturePath(verb, file);
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    const auto archive = readInputFile(verb, io, file);
    if (!archive)
        return kExitUsage;
    int exitCode = kExitOk;
    const std::optional<VerificationInputs> inputs = loadVerificationInputs(verb, io, pubPath, sigPath, &exitCode);
    if (!inputs)
        return exitCode;

    Result<bundle::VerifiedSignature> verified =
        bundle::verifyBundleSignature(*archive, inputs->signature, {inputs->publicKey});
    if (!verified)
        return reportError(verb, io, verified.error());
    const std::optional<Bundle> bundle = readBundle(verb, io, *archive, &exitCode);
    if (!bundle)
        return exitCode;
    if (bundle->serial() != verified->serial)
        return verb.failure(io, QStringLiteral("the signature's trusted comment says serial %1, the .manifest says %2 "
                                               "(bundle.serial_mismatch)")
                                    .arg(verified->serial)
                                    .arg(bundle->serial()));
    if (auto compiled = bundle::regoPolicyCompiler()->compile(*bundle); !compiled)
        return reportError(verb, io, compiled.error());
    io.out << "Bundle verified: signature by key " << verified->keyId << ", structure, Rego compiles\n"
           << "revision: " << bundle->revision() << '\n'
           << "serial: " << bundle->serial() << '\n';
    return kExitOk;
}

int runInspect(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("bundle inspect"),
                    QStringLiteral("Show what a policy bundle holds: its manifest, files with sizes, Rego packages "
                                   "and data paths. Does not check the signature (see `corral bundle verify`)."),
                    QStringLiteral("FILE"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The bundle (.tar.gz)."));
    verb.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print one JSON object.")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const QString file = verb.positional().at(0);
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    const auto archive = readInputFile(verb, io, file);
    if (!archive)
        return kExitUsage;
    int exitCode = kExitOk;
    const std::optional<Bundle> bundle = readBundle(verb, io, *archive, &exitCode);
    if (!bundle)
        return exitCode;
    const bundle::BundleManifest& m = bundle->manifest();

    QJsonArray modules;
    for (const bundle::BundleModule& module : bundle->modules()) {
        modules.append(QJsonObject{{QStringLiteral("path"), module.path},
                                   {QStringLiteral("package"), module.package},
                                   {QStringLiteral("rego_version"), module.regoVersion},
                                   {QStringLiteral("test"), module.isTest},
                                   {QStringLiteral("size"), double(module.source.size())}});
    }
    QJsonArray data;
    for (const bundle::BundleDataFile& dataFile : bundle->dataFiles()) {
        const QString dataRef =
            dataFile.dataPath.isEmpty()
                ? QStringLiteral("data")
                : QStringLiteral("data.") + QString(dataFile.dataPath).replace(QLatin1Char('/'), QLatin1Char('.'));
        data.append(QJsonObject{{QStringLiteral("path"), dataFile.path},
                                {QStringLiteral("data_path"), dataRef},
                                {QStringLiteral("size"), double(dataFile.size)}});
    }
    if (verb.isSet(QStringLiteral("json"))) {
        const QJsonObject out{
            {QStringLiteral("manifest"), QJsonDocument::fromJson(m.toJson()).object()},
            {QStringLiteral("modules"), modules},
            {QStringLiteral("data"), data},
            {QStringLiteral("archive_size"), double(archive->size())},
            {QStringLiteral("unpacked_size"), double(bundle->unpackedSize())},
        };
        io.out << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return kExitOk;
    }
    io.out << "revision: " << m.revision << '\n'
           << "serial: " << m.serial << '\n'
           << "roots: " << m.roots.join(QLatin1String(", ")) << '\n'
           << "rego_version: " << m.regoVersion << '\n'
           << "decision packages: " << m.decisionPackages.join(QLatin1String(", ")) << '\n'
           << "size: " << archive->size() << " bytes compressed, " << bundle->unpackedSize() << " bytes unpacked\n"
           << "modules:\n";
    for (const QJsonValue& v : modules) {
        const QJsonObject o = v.toObject();
        io.out << "  " << o.value(QLatin1String("path")).toString() << "  package "
               << o.value(QLatin1String("package")).toString() << ", rego v"
               << o.value(QLatin1String("rego_version")).toInt()
               << (o.value(QLatin1String("test")).toBool() ? ", tests" : "") << ", "
               << qint64(o.value(QLatin1String("size")).toDouble()) << " bytes\n";
    }
    io.out << "data:\n";
    for (const QJsonValue& v : data) {
        const QJsonObject o = v.toObject();
        io.out << "  " << o.value(QLatin1String("path")).toString() << "  -> "
               << o.value(QLatin1String("data_path")).toString() << ", "
               << qint64(o.value(QLatin1String("size")).toDouble()) << " bytes\n";
    }
    return kExitOk;
}

// An admin token travels in the clear over plain HTTP: only to this computer.
bool plainHttpOffLoopback(const QUrl& url)
{
    if (url.scheme() != QLatin1String("http"))
        return false;
    if (url.host() == QLatin1String("localhost"))
        return false;
    const QHostAddress address(url.host());
    return address.isNull() || !address.isLoopback();
}

int runPush(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("bundle push"),
                    QStringLiteral("Publish a signed policy bundle on the organisation's server, which accepts it only "
                                   "when it is signed with the organisation's key and has a higher serial than the "
                                   "published one. Connected agents activate it within seconds."),
                    QStringLiteral("FILE"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The bundle (.tar.gz), signed (FILE.minisig)."));
    verb.addOption(signatureFileOption(SignatureFileUse::Read));
    verb.addOption(
        QCommandLineOption(QStringLiteral("server"), QStringLiteral("The server's URL."), QStringLiteral("URL")));
    verb.addOption(
        QCommandLineOption(QStringLiteral("token"), QStringLiteral("An admin token."), QStringLiteral("TOKEN")));
    verb.addOption(QCommandLineOption(QStringLiteral("token-file"),
                                      QStringLiteral("Read the admin token from FILE (keeps it out of `ps`)."),
                                      QStringLiteral("FILE")));
    verb.addOption(QCommandLineOption(
        QStringLiteral("ca"), QStringLiteral("Trust only the certificates in this PEM file."), QStringLiteral("FILE")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const QUrl server(verb.value(QStringLiteral("server")), QUrl::StrictMode);
    if (!server.isValid() || server.host().isEmpty() ||
        (server.scheme() != QLatin1String("https") && server.scheme() != QLatin1String("http")))
        return verb.usageError(
            io,
            QStringLiteral("--server must be an http(s) URL, not \"%1\"").arg(verb.value(QStringLiteral("server"))));
    if (plainHttpOffLoopback(server))
        return verb.usageError(
            io, QStringLiteral("%1: plain HTTP is only allowed to this computer; use https").arg(server.toString()));
    if (verb.isSet(QStringLiteral("token")) == verb.isSet(QStringLiteral("token-file")))
        return verb.usageError(io, QStringLiteral("give either --token TOKEN or --token-file FILE"));
    QByteArray token = verb.value(QStringLiteral("token")).toUtf8();
    if (verb.isSet(QStringLiteral("token-file"))) {
        const auto read = readInputFile(verb, io, verb.value(QStringLiteral("token-file")));
        if (!read)
            return kExitUsage;
        token = read->trimmed();
    }
    const QString file = verb.positional().at(0);
    if (!requireRegularFile(verb, io, file))
        return kExitUsage;
    const auto archive = readInputFile(verb, io, file);
    if (!archive)
        return kExitUsage;
    const auto signature = readInputFile(verb, io, signaturePath(verb, file));
    if (!signature)
        return kExitUsage;

    agent::sync::ServerConnection connection(server);
    if (verb.isSet(QStringLiteral("ca")))
        if (Result<void> ca = connection.setCaFile(verb.value(QStringLiteral("ca"))); !ca)
            return verb.usageError(io, ca.error().message);
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("archive"), QString::fromLatin1(archive->toBase64())},
                                  {QStringLiteral("signature"), QString::fromUtf8(*signature)}})
            .toJson(QJsonDocument::Compact);
    std::optional<agent::sync::HttpReply> reply;
    QEventLoop loop;
    connection.send("POST", QStringLiteral("/v1/bundles"), body,
                    {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, 60000,
                    [&](const agent::sync::HttpReply& r) {
                        reply = r;
                        loop.quit();
                    });
    if (!reply) // the callback may come before the loop runs
        loop.exec();
    if (!reply->ok())
        return verb.failure(io, QStringLiteral("the server refused the bundle: %1").arg(reply->error().toString()));
    const QJsonObject published = QJsonDocument::fromJson(reply->body).object();
    io.out << "Published serial " << qint64(published.value(QLatin1String("serial")).toDouble()) << " (revision "
           << published.value(QLatin1String("revision")).toString() << ") on " << server.toString() << '\n';
    return kExitOk;
}

} // namespace

void registerBundleVerbs(Cli& cli)
{
    cli.add({QStringLiteral("bundle build"), QStringLiteral("Build a policy bundle from a folder"), runBuild});
    cli.add({QStringLiteral("bundle sign"), QStringLiteral("Sign a policy bundle (writes FILE.minisig)"), runSign});
    cli.add({QStringLiteral("bundle verify"), QStringLiteral("Verify a policy bundle's signature, structure and Rego"),
             runVerify});
    cli.add({QStringLiteral("bundle push"),
             QStringLiteral("Publish a signed policy bundle on the organisation's server"), runPush});
    cli.add({QStringLiteral("bundle inspect"), QStringLiteral("Show a policy bundle's manifest, files and data"),
             runInspect});
}

} // namespace corral::cli
