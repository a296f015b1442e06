// SPDX-License-Identifier: Apache-2.0
#include "ServerData.h"

#include "Cosigner.h"
#include "crypto/Hash.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QRegularExpression>

namespace corral::server {

namespace {

constexpr char kWitnessKeyFile[] = "witness.key";
constexpr char kBundlePubFile[] = "bundle.pub";
constexpr char kOrgKeyFile[] = "org-bundle.key";
constexpr char kDbFile[] = "server.db";

Error ioError(const QString& what)
{
    return makeError(QStringLiteral("server.io"), what);
}

Result<QByteArray> readSmallFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return ioError(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return f.read(64 * 1024);
}

QString witnessName()
{
    QString host = QHostInfo::localHostName();
    host.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9.-]")), QStringLiteral("-"));
    return QStringLiteral("corral-witness.") + (host.isEmpty() ? QStringLiteral("server") : host);
}

} // namespace

QString newToken(const QString& prefix)
{
    return prefix + QString::fromLatin1(crypto::randomBytes(32).toBase64(QByteArray::Base64UrlEncoding |
                                                                         QByteArray::OmitTrailingEquals));
}

QByteArray tokenHash(QByteArrayView token)
{
    return crypto::sha256Bytes(token);
}

std::optional<qint64> parseDuration(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,9})([smhd])$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QChar unit = m.captured(2).at(0);
    const qint64 scale = unit == u's' ? 1000 : unit == u'm' ? 60000 : unit == u'h' ? 3600000 : 86400000;
    if (n <= 0)
        return std::nullopt;
    return n * scale;
}

ServerData::ServerData(QString dir, ServerStore store, crypto::NoteSigner witness,
                       crypto::minisign::PublicKey bundleKey)
    : m_dir(std::move(dir)), m_store(std::move(store)), m_witness(std::move(witness)), m_bundleKey(std::move(bundleKey))
{}

Result<InitResult> ServerData::init(const QString& dir, const InitOptions& options, const Clock& clock)
{
    QDir d(dir);
    if (d.exists(QLatin1String(kWitnessKeyFile)) || d.exists(QLatin1String(kDbFile)))
        return makeError(QStringLiteral("server.exists"), QStringLiteral("%1 is already initialised").arg(dir));
    if (!QDir().mkpath(dir))
        return ioError(QStringLiteral("cannot create %1").arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    InitResult result;
    QByteArray bundlePub;
    if (!options.bundlePublicKeyPath.isEmpty()) {
        Result<QByteArray> pub = readSmallFile(options.bundlePublicKeyPath);
        if (!pub)
            return pub.error();
        Result<crypto::minisign::PublicKey> parsed =
            crypto::minisign::PublicKey::parse(*pub, options.bundlePublicKeyPath);
        if (!parsed)
            return parsed.error();
        bundlePub = parsed->toFile();
    } else {
        const crypto::minisign::SecretKey org = crypto::minisign::SecretKey::generate();
        Result<crypto::SecureBytes> secret = crypto::minisign::encodeSecretKey(org, {});
        if (!secret)
            return secret.error();
        result.bundleSecretKeyPath = d.filePath(QLatin1String(kOrgKeyFile));
        if (Result<void> r = crypto::minisign::writeKeyFile(result.bundleSecretKeyPath, secret->view(), true); !r)
            return r.error();
        bundlePub = org.publicKey().toFile();
    }
    if (Result<void> r = crypto::minisign::writeKeyFile(d.filePath(QLatin1String(kBundlePubFile)), bundlePub, false);
        !r)
        return r.error();

    const crypto::NoteSigner witness = crypto::NoteSigner::generate(witnessName());
    if (Result<void> r = crypto::minisign::writeKeyFile(d.filePath(QLatin1String(kWitnessKeyFile)),
                                                        witness.signerKey().view(), true);
        !r)
        return r.error();
    result.witnessVerifierKey = cosignatureVerifierKey(witness.name(), witness.publicKey());

    Result<ServerStore> store = ServerStore::open(d.filePath(QLatin1String(kDbFile)));
    if (!store)
        return store.error();
    result.adminToken = newToken(QStringLiteral("cadm_"));
    if (Result<std::int64_t> id = store->addAdminToken(tokenHash(result.adminToken.toUtf8()), Role::Admin,
                                                       QStringLiteral("first admin"), clock.nowMs());
        !id)
        return id.error();
    return result;
}

Result<std::unique_ptr<ServerData>> ServerData::open(const QString& dir, const QString& dbPath)
{
    QDir d(dir);
    if (!d.exists(QLatin1String(kWitnessKeyFile)))
        return makeError(
            QStringLiteral("server.uninitialised"),
            QStringLiteral("%1 is not a server data folder (run `corral-server init --data %1`)").arg(dir));
    Result<QByteArray> witnessText = readSmallFile(d.filePath(QLatin1String(kWitnessKeyFile)));
    if (!witnessText)
        return witnessText.error();
    Result<crypto::NoteSigner> witness = crypto::NoteSigner::fromSignerKey(QString::fromUtf8(witnessText->trimmed()));
    if (!witness)
        return witness.error();
    const QString pubPath = d.filePath(QLatin1String(kBundlePubFile));
    Result<QByteArray> pubText = readSmallFile(pubPath);
    if (!pubText)
        return pubText.error();
    Result<crypto::minisign::PublicKey> pub = crypto::minisign::PublicKey::parse(*pubText, pubPath);
    if (!pub)
        return pub.error();
    Result<ServerStore> store = ServerStore::open(dbPath.isEmpty() ? d.filePath(QLatin1String(kDbFile)) : dbPath);
    if (!store)
        return store.error();
    return std::unique_ptr<ServerData>(
        new ServerData(dir, std::move(store.value()), std::move(witness.value()), std::move(pub.value())));
}

} // namespace corral::server
