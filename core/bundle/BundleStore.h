// SPDX-License-Identifier: Apache-2.0
// The active policy of the agent: activates signed bundles (verify against the pinned
// trust root, serial higher than the active one, structure, compile), switches to them
// atomically, persists the last good one and reloads it on start. Any refusal leaves the
// active policy as it was and returns the reason with a stable code (errc), which the
// agent audits as `policy.rejected`. With no bundle active every decision is deny.
#pragma once

#include "BundleArchive.h"
#include "Clock.h"
#include "PolicyCompiler.h"
#include "Result.h"
#include "crypto/Minisign.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace corral::bundle {

enum class TrustMode {
    // No server: a local admin key is generated on first start (0600, in keyDir), signs the
    // built-in default bundle and is the only trusted key.
    Standalone,
    // Enrolled: only the organisation's pinned key(s) are trusted; no default bundle.
    Managed,
};

struct BundleStoreOptions
{
    QString storeDir; // the last good bundle; default <userDataDir>/bundles
    QString keyDir;   // the standalone admin key; default <userConfigDir>
    TrustMode mode = TrustMode::Standalone;
    QList<crypto::minisign::PublicKey> pinnedKeys; // Managed mode
    BundleLimits limits;
    const Clock* clock = &Clock::system();
    std::shared_ptr<const PolicyCompiler> compiler; // null: regoPolicyCompiler()
    // Standalone: makes the built-in bundle; null: buildDefaultBundle().
    std::function<Result<QByteArray>()> defaultBundle;
};

// One activated bundle; immutable, shared by the readers that took it.
struct ActiveBundle
{
    qint64 serial = 0;
    QString revision;
    QString keyId;     // the key that signed it
    QByteArray sha256; // of the archive, hex
    qint64 activatedAtMs = 0;
    std::shared_ptr<const Bundle> bundle;
    std::shared_ptr<const BundlePolicy> policy;
};

class BundleStore
{
public:
    // File names inside storeDir and keyDir.
    static constexpr const char* kCurrentFile = "current";
    static constexpr const char* kAdminSecretKeyFile = "bundle-admin.key";
    static constexpr const char* kAdminPublicKeyFile = "bundle-admin.pub";

    // Opens the store: creates its folders, in Standalone mode loads or generates the local
    // admin key, then loads the last good bundle and verifies it again against today's trust
    // root. Standalone mode with no loadable bundle (or an older built-in one) activates the
    // built-in bundle, signed with the admin key. Fails only when the store or key cannot be
    // set up (kStoreIo, kNoTrustRoot); a bad last good bundle is reported by startupError().
    static Result<std::unique_ptr<BundleStore>> open(BundleStoreOptions options);

    // Verifies, checks, compiles and persists the bundle, then makes it active. Thread-safe;
    // activations are serialised. On error nothing changes.
    Result<std::shared_ptr<const ActiveBundle>> activate(const QByteArray& archive, const QByteArray& signature);

    // The active bundle, or null when none is. Cheap; readers keep what they took even
    // when another bundle is activated meanwhile.
    std::shared_ptr<const ActiveBundle> active() const;

    // The decision of the active policy; deny with "no policy bundle is active" when none.
    PolicyDecision decide(const policy::Value& input) const;

    QList<crypto::minisign::PublicKey> trustedKeys() const { return m_trusted; }
    TrustMode mode() const { return m_options.mode; }
    // Why the persisted bundle (or, standalone, the built-in one) did not load, if it did not.
    std::optional<Error> startupError() const { return m_startupError; }

    // Standalone mode: the local admin key (to sign bundles locally); an error in Managed mode.
    Result<crypto::minisign::SecretKey> adminKey() const;

private:
    explicit BundleStore(BundleStoreOptions options);
    Result<void> setUpTrust();
    void loadLastGood();
    void installDefaultIfNeeded();
    // Everything activate() checks, without persisting or switching.
    Result<std::shared_ptr<ActiveBundle>> prepare(const QByteArray& archive, const QByteArray& signature,
                                                  qint64 activeSerial) const;
    Result<void> persist(const ActiveBundle& bundle, const QByteArray& archive, const QByteArray& signature);

    BundleStoreOptions m_options;
    QList<crypto::minisign::PublicKey> m_trusted;
    std::optional<Error> m_startupError;

    std::mutex m_activateMutex;       // one activation at a time
    mutable std::mutex m_activeMutex; // guards m_active (the pointer, not what it points to)
    std::shared_ptr<const ActiveBundle> m_active;
};

} // namespace corral::bundle
