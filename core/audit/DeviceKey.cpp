// SPDX-License-Identifier: Apache-2.0
#include "DeviceKey.h"

#include <QDir>
#include <QFile>
#include <unistd.h>

namespace corral::audit {

namespace {

QString originFor(const crypto::minisign::SecretKey& key)
{
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    QString host = QString::fromLocal8Bit(name).toLower();
    host.remove(QLatin1Char(' '));
    host.remove(QLatin1Char('+'));
    host.remove(QLatin1Char('/'));
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    return QStringLiteral("corral.local/%1/%2").arg(host, key.publicKey().keyIdHex().toLower());
}

} // namespace

Result<DeviceKey> loadOrCreateDeviceKey(const QString& dir)
{
    namespace ms = crypto::minisign;
    const QString keyPath = dir + QStringLiteral("/device.key");
    const QString pubPath = dir + QStringLiteral("/device.pub");
    QFile file(keyPath);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("audit.key"),
                             QStringLiteral("cannot read %1: %2").arg(keyPath, file.errorString()));
        Result<ms::SecretKeyFile> parsed = ms::SecretKeyFile::parse(file.read(ms::kMaxFileSize), keyPath);
        if (!parsed)
            return parsed.error();
        if (parsed->isEncrypted())
            return makeError(QStringLiteral("audit.key"),
                             QStringLiteral("%1 is encrypted; the audit key must be readable unattended").arg(keyPath));
        Result<ms::SecretKey> key = parsed->open();
        if (!key)
            return key.error();
        DeviceKey out{std::move(*key), {}};
        out.suggestedOrigin = originFor(out.key);
        return out;
    }
    QDir().mkpath(dir);
    ms::SecretKey key = ms::SecretKey::generate();
    Result<crypto::SecureBytes> secret = ms::encodeSecretKey(key, {});
    if (!secret)
        return secret.error();
    if (Result<void> r = ms::writeKeyFile(keyPath, secret->view(), true); !r)
        return r.error();
    if (Result<void> r = ms::writeKeyFile(pubPath, key.publicKey().toFile(), false); !r)
        return r.error();
    DeviceKey out{std::move(key), {}};
    out.suggestedOrigin = originFor(out.key);
    return out;
}

crypto::NoteVerifier verifierFor(const QString& origin, const QByteArray& publicKey)
{
    return crypto::NoteVerifier{origin, crypto::noteKeyId(origin, publicKey), publicKey};
}

Result<QList<crypto::NoteVerifier>> loadVerifiers(const QString& path, const QString& origin)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("audit.key"),
                         QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.read(crypto::minisign::kMaxFileSize);
    QList<crypto::NoteVerifier> out;
    const QByteArray firstLine = data.trimmed().split('\n').value(0).trimmed();
    if (Result<crypto::NoteVerifier> v = crypto::NoteVerifier::fromVerifierKey(QString::fromUtf8(firstLine)); v) {
        out.append(*v);
        return out;
    }
    Result<crypto::minisign::PublicKey> pub = crypto::minisign::PublicKey::parse(data, path);
    if (!pub)
        return makeError(QStringLiteral("audit.key"),
                         QStringLiteral("%1 is neither a verifier key nor a minisign public key").arg(path));
    out.append(verifierFor(origin, pub->publicKey));
    return out;
}

} // namespace corral::audit
