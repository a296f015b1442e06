// SPDX-License-Identifier: Apache-2.0
#include "ServerData.h"

#include "Cosigner.h"
#include "crypto/Hash.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QRegularExpression>

namespace corral::server {

namespace {

constexpr char kOrgKeyFile[] = "org-bundle.key";
constexpr char kDbFile[] = "server.db";
constexpr char kDatabaseFile[] = "database"; // the --db init was given

// Meta keys. The witness key is written last: its presence means init completed.
constexpr char kWitnessKeyMeta[] = "witness_key";
constexpr char kBundlePubMeta[] = "bundle_pub";

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

QString ServerData::databaseFor(const QString& dir, const QString& database)
{
    if (!database.isEmpty())
        return database;
    QFile recorded(QDir(dir).filePath(QLatin1String(kDatabaseFile)));
    if (recorded.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromUtf8(recorded.read(4096)).trimmed();
        if (!text.isEmpty())
            return text;
    }
    return QDir(dir).filePath(QLatin1String(kDbFile));
}

Result<InitResult> ServerData::init(const QString& dir, const InitOptions& options, const Clock& clock)
{
    QDir d(dir);
    if (d.exists(QLatin1String(kDatabaseFile)) || d.exists(QLatin1String(kDbFile)))
        return makeError(QStringLiteral("server.exists"), QStringLiteral("%1 is already initialised").arg(dir));
    const QString database = databaseFor(dir, options.database);
    Result<DatabaseLocation> location = DatabaseLocation::parse(database);
    if (!location)
        return location.error();
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
    }

    Result<ServerStore> store = ServerStore::open(*location);
    if (!store)
        return store.error();
    Result<QByteArray> existing = store->meta(kWitnessKeyMeta);
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return makeError(QStringLiteral("server.exists"),
                         QStringLiteral("the database %1 is already initialised").arg(store->path()));

    if (bundlePub.isEmpty()) {
        const crypto::minisign::SecretKey org = crypto::minisign::SecretKey::generate();
        Result<crypto::SecureBytes> secret = crypto::minisign::encodeSecretKey(org, {});
        if (!secret)
            return secret.error();
        result.bundleSecretKeyPath = d.filePath(QLatin1String(kOrgKeyFile));
        if (Result<void> r = crypto::minisign::writeKeyFile(result.bundleSecretKeyPath, secret->view(), true); !r)
            return r.error();
        bundlePub = org.publicKey().toFile();
    }
    if (Result<void> r = store->setMeta(kBundlePubMeta, bundlePub); !r)
        return r.error();
    result.adminToken = newToken(QStringLiteral("cadm_"));
    if (Result<std::int64_t> id = store->addAdminToken(tokenHash(result.adminToken.toUtf8()), Role::Admin,
                                                       QStringLiteral("first admin"), clock.nowMs());
        !id)
        return id.error();
    const crypto::NoteSigner witness = crypto::NoteSigner::generate(witnessName());
    if (Result<void> r = store->setMeta(kWitnessKeyMeta, witness.signerKey().view()); !r)
        return r.error();
    result.witnessVerifierKey = cosignatureVerifierKey(witness.name(), witness.publicKey());
    result.database = store->path();

    if (!options.database.isEmpty()) {
        // The other verbs find the database here; the URL may hold a password.
        QFile f(d.filePath(QLatin1String(kDatabaseFile)));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
            f.write(options.database.toUtf8() + '\n') < 0 || !f.flush())
            return ioError(QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString()));
    }
    return result;
}

Result<std::unique_ptr<ServerData>> ServerData::open(const QString& dir, const QString& database)
{
    const QString chosen = databaseFor(dir, database);
    Result<DatabaseLocation> location = DatabaseLocation::parse(chosen);
    if (!location)
        return location.error();
    const auto uninitialised = [&dir](const QString& where) {
        return makeError(QStringLiteral("server.uninitialised"),
                         QStringLiteral("%1 is not an initialised server database (run `corral-server init --data %2`)")
                             .arg(where, dir));
    };
    // Opening a SQLite path creates the file: check first that init made it.
    if (location->kind == DatabaseLocation::Kind::Sqlite && !QFileInfo::exists(location->path))
        return uninitialised(location->path);
    Result<ServerStore> store = ServerStore::open(*location);
    if (!store)
        return store.error();
    Result<QByteArray> witnessText = store->meta(kWitnessKeyMeta);
    if (!witnessText)
        return witnessText.error();
    if (witnessText->isEmpty())
        return uninitialised(store->path());
    Result<crypto::NoteSigner> witness = crypto::NoteSigner::fromSignerKey(QString::fromUtf8(witnessText->trimmed()));
    if (!witness)
        return witness.error();
    Result<QByteArray> pubText = store->meta(kBundlePubMeta);
    if (!pubText)
        return pubText.error();
    Result<crypto::minisign::PublicKey> pub =
        crypto::minisign::PublicKey::parse(*pubText, QStringLiteral("bundle key"));
    if (!pub)
        return pub.error();
    return std::unique_ptr<ServerData>(
        new ServerData(dir, std::move(store.value()), std::move(witness.value()), std::move(pub.value())));
}

} // namespace corral::server
