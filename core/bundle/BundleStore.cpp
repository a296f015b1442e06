// SPDX-License-Identifier: Apache-2.0
#include "BundleStore.h"

#include "BundleBuilder.h"
#include "BundleErrors.h"
#include "BundleSignature.h"
#include "Paths.h"
#include "crypto/Hash.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace corral::bundle {

namespace minisign = crypto::minisign;

namespace {

Error ioError(const QString& message)
{
    return makeError(errc::kStoreIo, message);
}

Result<QByteArray> readSmallFile(const QString& path, qsizetype maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ioError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    const QByteArray data = file.read(maxBytes + 1);
    if (data.size() > maxBytes)
        return ioError(QStringLiteral("%1: larger than %2 bytes").arg(path).arg(maxBytes));
    return data;
}

Result<void> writeAtomically(const QString& path, const QByteArray& data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return ioError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

Result<void> makePrivateDir(const QString& path)
{
    if (!QDir().mkpath(path))
        return ioError(QStringLiteral("%1: cannot create the folder").arg(path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

// The serial the built-in bundle's source .manifest declares, without building it.
std::optional<qint64> sourceManifestSerial(const QString& sourceDir)
{
    Result<QByteArray> text = readSmallFile(sourceDir + QStringLiteral("/.manifest"), 1024 * 1024);
    if (!text)
        return std::nullopt;
    Result<BundleManifest> manifest = BundleManifest::parse(*text);
    if (!manifest)
        return std::nullopt;
    return manifest->serial;
}

} // namespace

QString toString(PolicyDecision::Outcome outcome)
{
    switch (outcome) {
    case PolicyDecision::Outcome::Allow:
        return QStringLiteral("allow");
    case PolicyDecision::Outcome::Ask:
        return QStringLiteral("ask");
    case PolicyDecision::Outcome::Deny:
        return QStringLiteral("deny");
    }
    return QStringLiteral("deny");
}

BundleStore::BundleStore(BundleStoreOptions options) : m_options(std::move(options))
{
    if (m_options.storeDir.isEmpty())
        m_options.storeDir = paths::userDataDir() + QStringLiteral("/bundles");
    if (m_options.keyDir.isEmpty())
        m_options.keyDir = paths::userConfigDir();
    if (!m_options.clock)
        m_options.clock = &Clock::system();
    if (!m_options.compiler)
        m_options.compiler = regoPolicyCompiler();
    if (!m_options.defaultBundle)
        m_options.defaultBundle = [] { return buildDefaultBundle(); };
}

Result<std::unique_ptr<BundleStore>> BundleStore::open(BundleStoreOptions options)
{
    std::unique_ptr<BundleStore> store(new BundleStore(std::move(options)));
    if (Result<void> dir = makePrivateDir(store->m_options.storeDir); !dir)
        return dir.error();
    if (Result<void> trust = store->setUpTrust(); !trust)
        return trust.error();
    store->loadLastGood();
    if (store->m_options.mode == TrustMode::Standalone)
        store->installDefaultIfNeeded();
    return store;
}

Result<void> BundleStore::setUpTrust()
{
    if (m_options.mode == TrustMode::Managed) {
        if (m_options.pinnedKeys.isEmpty())
            return makeError(errc::kNoTrustRoot, QStringLiteral("managed mode without a pinned organisation key"));
        m_trusted = m_options.pinnedKeys;
        return {};
    }
    const QString secretPath = QDir(m_options.keyDir).filePath(QLatin1String(kAdminSecretKeyFile));
    const QString publicPath = QDir(m_options.keyDir).filePath(QLatin1String(kAdminPublicKeyFile));
    if (!QFileInfo::exists(secretPath)) {
        if (Result<void> dir = makePrivateDir(m_options.keyDir); !dir)
            return dir.error();
        // Unencrypted: the agent starts unattended. The file is 0600 in the user's config.
        const minisign::SecretKey key = minisign::SecretKey::generate();
        const Result<crypto::SecureBytes> encoded = minisign::encodeSecretKey(key, {});
        if (!encoded)
            return ioError(encoded.error().message);
        if (Result<void> written = minisign::writeKeyFile(secretPath, encoded->view(), true); !written)
            return ioError(written.error().message);
        if (Result<void> written = minisign::writeKeyFile(publicPath, key.publicKey().toFile(), false); !written)
            return ioError(written.error().message);
    }
    Result<minisign::SecretKey> key = adminKey();
    if (!key)
        return key.error();
    m_trusted = {key->publicKey()};
    return {};
}

Result<minisign::SecretKey> BundleStore::adminKey() const
{
    if (m_options.mode != TrustMode::Standalone)
        return makeError(errc::kNoTrustRoot, QStringLiteral("managed mode has no local admin key"));
    const QString secretPath = QDir(m_options.keyDir).filePath(QLatin1String(kAdminSecretKeyFile));
    Result<QByteArray> text = readSmallFile(secretPath, minisign::kMaxFileSize);
    if (!text)
        return text.error();
    Result<minisign::SecretKeyFile> file = minisign::SecretKeyFile::parse(*text, secretPath);
    if (!file)
        return ioError(file.error().message);
    Result<minisign::SecretKey> key = file->open();
    if (!key)
        return ioError(QStringLiteral("%1: %2").arg(secretPath, key.error().message));
    return std::move(*key);
}

void BundleStore::loadLastGood()
{
    const QDir dir(m_options.storeDir);
    if (!QFileInfo::exists(dir.filePath(QLatin1String(kCurrentFile))))
        return;
    Result<QByteArray> current = readSmallFile(dir.filePath(QLatin1String(kCurrentFile)), 1024);
    if (!current) {
        m_startupError = current.error();
        return;
    }
    const QString name = QString::fromUtf8(current->trimmed());
    if (normaliseEntryPath(name) != name || name.contains(QLatin1Char('/'))) {
        m_startupError =
            ioError(QStringLiteral("%1: names no bundle file").arg(dir.filePath(QLatin1String(kCurrentFile))));
        return;
    }
    Result<QByteArray> archive = readSmallFile(dir.filePath(name), m_options.limits.maxArchiveBytes);
    Result<QByteArray> signature =
        archive ? readSmallFile(dir.filePath(name + QStringLiteral(".minisig")), minisign::kMaxFileSize) : archive;
    if (!archive || !signature) {
        m_startupError = archive ? signature.error() : archive.error();
        return;
    }
    Result<std::shared_ptr<ActiveBundle>> prepared = prepare(*archive, *signature, 0);
    if (!prepared) {
        m_startupError = prepared.error();
        return;
    }
    std::lock_guard lock(m_activeMutex);
    m_active = std::move(*prepared);
}

void BundleStore::installDefaultIfNeeded()
{
    const std::shared_ptr<const ActiveBundle> current = active();
    if (current) {
        // A newer built-in bundle (after an upgrade) replaces an older one; a bundle the
        // admin activated with a higher serial stays.
        const std::optional<qint64> shipped = sourceManifestSerial(defaultBundleSourceDir());
        if (!shipped || *shipped <= current->serial)
            return;
    }
    Result<QByteArray> archive = m_options.defaultBundle();
    if (!archive) {
        m_startupError = archive.error();
        return;
    }
    Result<Bundle> parsed = Bundle::fromArchive(*archive, m_options.limits);
    if (!parsed) {
        m_startupError = parsed.error();
        return;
    }
    Result<minisign::SecretKey> key = adminKey();
    if (!key) {
        m_startupError = key.error();
        return;
    }
    Result<QByteArray> signature = signBundle(*key, *archive, parsed->serial(), parsed->revision(), *m_options.clock);
    if (!signature) {
        m_startupError = signature.error();
        return;
    }
    Result<std::shared_ptr<const ActiveBundle>> activated = activate(*archive, *signature);
    if (!activated)
        m_startupError = activated.error();
}

Result<std::shared_ptr<ActiveBundle>> BundleStore::prepare(const QByteArray& archive, const QByteArray& signature,
                                                           qint64 activeSerial) const
{
    if (archive.size() > m_options.limits.maxArchiveBytes)
        return makeError(errc::kArchiveTooLarge, QStringLiteral("the archive is %1 bytes, over the limit of %2")
                                                     .arg(archive.size())
                                                     .arg(m_options.limits.maxArchiveBytes));
    Result<VerifiedSignature> verified = verifyBundleSignature(archive, signature, m_trusted);
    if (!verified)
        return verified.error();
    // Refuse replays before unpacking anything: the signed comment carries the serial.
    if (verified->serial <= activeSerial)
        return makeError(errc::kSerialNotNewer, QStringLiteral("serial %1 is not higher than the active serial %2")
                                                    .arg(verified->serial)
                                                    .arg(activeSerial));
    Result<Bundle> bundle = Bundle::fromArchive(archive, m_options.limits);
    if (!bundle)
        return bundle.error();
    if (bundle->serial() != verified->serial)
        return makeError(errc::kSerialMismatch, QStringLiteral("the signature's trusted comment says serial %1, "
                                                               "the .manifest says %2")
                                                    .arg(verified->serial)
                                                    .arg(bundle->serial()));
    auto shared = std::make_shared<const Bundle>(std::move(*bundle));
    Result<std::shared_ptr<const BundlePolicy>> policy = m_options.compiler->compile(*shared);
    if (!policy)
        return policy.error();

    auto result = std::make_shared<ActiveBundle>();
    result->serial = shared->serial();
    result->revision = shared->revision();
    result->keyId = verified->keyId;
    result->sha256 = crypto::sha256Bytes(archive).toHex();
    result->activatedAtMs = m_options.clock->nowMs();
    result->bundle = std::move(shared);
    result->policy = std::move(*policy);
    return result;
}

Result<void> BundleStore::persist(const ActiveBundle& bundle, const QByteArray& archive, const QByteArray& signature)
{
    // Files first, then the pointer: a crash at any point leaves either the old or the new
    // pair complete and named by `current`.
    const QDir dir(m_options.storeDir);
    const QString name = QStringLiteral("bundle-%1.tar.gz").arg(bundle.serial);
    if (Result<void> r = writeAtomically(dir.filePath(name), archive); !r)
        return r;
    if (Result<void> r = writeAtomically(dir.filePath(name + QStringLiteral(".minisig")), signature); !r)
        return r;
    if (Result<void> r = writeAtomically(dir.filePath(QLatin1String(kCurrentFile)), name.toUtf8() + '\n'); !r)
        return r;
    const QStringList old =
        dir.entryList({QStringLiteral("bundle-*.tar.gz"), QStringLiteral("bundle-*.tar.gz.minisig")}, QDir::Files);
    for (const QString& file : old) {
        if (file != name && file != name + QStringLiteral(".minisig"))
            QFile::remove(dir.filePath(file));
    }
    return {};
}

Result<std::shared_ptr<const ActiveBundle>> BundleStore::activate(const QByteArray& archive,
                                                                  const QByteArray& signature)
{
    std::lock_guard serialise(m_activateMutex);
    const std::shared_ptr<const ActiveBundle> current = active();
    Result<std::shared_ptr<ActiveBundle>> prepared = prepare(archive, signature, current ? current->serial : 0);
    if (!prepared)
        return prepared.error();
    if (Result<void> stored = persist(**prepared, archive, signature); !stored)
        return stored.error();
    std::shared_ptr<const ActiveBundle> next = std::move(*prepared);
    {
        std::lock_guard lock(m_activeMutex);
        m_active = next;
    }
    return next;
}

std::shared_ptr<const ActiveBundle> BundleStore::active() const
{
    std::lock_guard lock(m_activeMutex);
    return m_active;
}

PolicyDecision BundleStore::decide(const policy::Value& input) const
{
    const std::shared_ptr<const ActiveBundle> current = active();
    if (!current) {
        PolicyDecision decision;
        decision.outcome = PolicyDecision::Outcome::Deny;
        decision.reasons = {QStringLiteral("no policy bundle is active")};
        return decision;
    }
    return current->policy->decide(input);
}

} // namespace corral::bundle
