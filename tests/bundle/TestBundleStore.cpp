// SPDX-License-Identifier: Apache-2.0
// BundleStore: activation checks each refuse with their own code while the previous
// bundle keeps answering; persistence and reload; trust modes; readers during a switch.
#include "BundleTestSupport.h"
#include "TestSupport.h"
#include "bundle/BundleErrors.h"
#include "bundle/BundleStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <sys/stat.h>
#include <thread>

using namespace corral;
using namespace corral::bundle;
namespace ms = corral::crypto::minisign;
using corral::test::TarEntry;

class TestBundleStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void deniesEverythingWithoutBundle();
    void activatesDecidesAndPersists();
    void rejectsAndKeepsActive_data();
    void rejectsAndKeepsActive();
    void reloadsLastGoodOnStart();
    void refusesTamperedLastGood();
    void managedModeRefusesLocallySignedBundle();
    void standaloneGeneratesKeyAndInstallsDefault();
    void readersNeverSeeHalfState();

private:
    BundleStoreOptions managedOptions() const;
    std::unique_ptr<BundleStore> openStore(const BundleStoreOptions& options);
    static policy::Value input(const char* json);

    std::unique_ptr<QTemporaryDir> m_dir;
    ms::SecretKey m_orgKey;
    ManualClock m_clock;
};

namespace {

QString decisionText(const PolicyDecision& d)
{
    return toString(d.outcome) + QStringLiteral(": ") + d.reasons.join(QLatin1String(" | "));
}

QList<TarEntry> withEntry(qint64 serial, const TarEntry& extra)
{
    QList<TarEntry> entries = test::minimalBundleEntries(serial);
    entries.append(extra);
    return entries;
}

} // namespace

void TestBundleStore::initTestCase()
{
    // Once: the _data functions sign with this key before init() runs.
    m_orgKey = ms::SecretKey::generate();
}

void TestBundleStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

BundleStoreOptions TestBundleStore::managedOptions() const
{
    BundleStoreOptions options;
    options.storeDir = m_dir->filePath(QStringLiteral("store"));
    options.keyDir = m_dir->filePath(QStringLiteral("config"));
    options.mode = TrustMode::Managed;
    options.pinnedKeys = {m_orgKey.publicKey()};
    options.clock = &m_clock;
    return options;
}

std::unique_ptr<BundleStore> TestBundleStore::openStore(const BundleStoreOptions& options)
{
    Result<std::unique_ptr<BundleStore>> store = BundleStore::open(options);
    if (!store) {
        qWarning("%s", qPrintable(store.error().toString()));
        return nullptr;
    }
    return std::move(*store);
}

policy::Value TestBundleStore::input(const char* json)
{
    return *policy::Value::fromJson(json);
}

void TestBundleStore::deniesEverythingWithoutBundle()
{
    const auto store = openStore(managedOptions());
    QVERIFY(store);
    QVERIFY(!store->active());
    QVERIFY(!store->startupError());
    QCOMPARE(decisionText(store->decide(input("{}"))), QStringLiteral("deny: no policy bundle is active"));
}

void TestBundleStore::activatesDecidesAndPersists()
{
    const auto store = openStore(managedOptions());
    QVERIFY(store);
    const QByteArray archive = test::minimalBundle(3);
    const Result<std::shared_ptr<const ActiveBundle>> active =
        store->activate(archive, test::signWith(m_orgKey, archive, 3));
    QVERIFY2(active.ok(), qPrintable(active.ok() ? QString() : active.error().toString()));
    QCOMPARE((*active)->serial, 3);
    QCOMPARE((*active)->keyId, m_orgKey.publicKey().keyIdHex());
    QCOMPARE((*active)->activatedAtMs, m_clock.nowMs());
    QCOMPARE(store->active()->serial, 3);

    QCOMPARE(decisionText(store->decide(input(R"({"deny_me": true, "ask_me": true})"))),
             QStringLiteral("deny: denied by serial 3"));
    QCOMPARE(decisionText(store->decide(input(R"({"ask_me": true})"))), QStringLiteral("ask: may I?"));
    QCOMPARE(decisionText(store->decide(input("{}"))), QStringLiteral("allow: "));

    const QDir dir(managedOptions().storeDir);
    QCOMPARE(test::readFile(dir.filePath(QStringLiteral("current"))), QByteArray("bundle-3.tar.gz\n"));
    QCOMPARE(test::readFile(dir.filePath(QStringLiteral("bundle-3.tar.gz"))), archive);

    const QByteArray next = test::minimalBundle(4);
    QVERIFY(store->activate(next, test::signWith(m_orgKey, next, 4)).ok());
    QCOMPARE(dir.entryList(QDir::Files), (QStringList{"bundle-4.tar.gz", "bundle-4.tar.gz.minisig", "current"}));
}

void TestBundleStore::rejectsAndKeepsActive_data()
{
    QTest::addColumn<QByteArray>("archive");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const qint64 s = 6; // the active bundle has serial 5
    const ms::SecretKey otherKey = ms::SecretKey::generate();
    const QByteArray good = test::minimalBundle(s);
    const QByteArray goodSig = test::signWith(m_orgKey, good, s);
    auto signedRow = [&](const char* name, const QByteArray& archive, const QString& code, const QString& message) {
        QTest::newRow(name) << archive << test::signWith(m_orgKey, archive, s) << code << message;
    };

    // Signature and serial.
    QByteArray forged = goodSig;
    const qsizetype line = forged.indexOf('\n') + 1; // the signature line, after the untrusted comment
    forged[line + 20] = forged[line + 20] == 'A' ? 'B' : 'A';
    QTest::newRow("forged-signature") << good << forged << QString(errc::kSignatureInvalid) << "does not verify";
    QTest::newRow("tampered-bundle") << test::makeTarGz(test::minimalBundleEntries(s)) << goodSig
                                     << QString(errc::kSignatureInvalid) << "does not verify";
    QTest::newRow("other-key") << good << test::signWith(otherKey, good, s) << QString(errc::kSignatureUntrusted)
                               << "which is not trusted";
    const QByteArray older = test::minimalBundle(4);
    QTest::newRow("older-serial") << older << test::signWith(m_orgKey, older, 4) << QString(errc::kSerialNotNewer)
                                  << "serial 4 is not higher than the active serial 5";
    const QByteArray replay = test::minimalBundle(5);
    QTest::newRow("same-serial") << replay << test::signWith(m_orgKey, replay, 5) << QString(errc::kSerialNotNewer)
                                 << "serial 5 is not higher than the active serial 5";
    QTest::newRow("comment-serial-differs")
        << good << test::signWith(m_orgKey, good, 9) << QString(errc::kSerialMismatch)
        << "trusted comment says serial 9, the .manifest says 6";
    QTest::newRow("not-a-signature") << good << QByteArray("hello\n") << QString(errc::kSignatureMalformed) << "";
    const Result<ms::Signature> noSerial = ms::sign(m_orgKey, good, "timestamp:1\tfile:b.tar.gz\thashed");
    QTest::newRow("comment-without-serial")
        << good << noSerial->toFile() << QString(errc::kSerialMismatch) << "holds no single serial:N";

    // Unsafe archives, each validly signed.
    signedRow("absolute-path", test::makeTarGz(withEntry(s, TarEntry{"/etc/evil.rego", "package corral\n"})),
              errc::kEntryPath, "/etc/evil.rego: unsafe path");
    signedRow("dot-dot", test::makeTarGz(withEntry(s, TarEntry{"corral/../../evil.rego", "package corral\n"})),
              errc::kEntryPath, "corral/../../evil.rego: unsafe path");
    signedRow("symlink", test::makeTarGz(withEntry(s, TarEntry{"corral/link.rego", {}, S_IFLNK, "/etc/passwd"})),
              errc::kEntryType, "corral/link.rego: is a symbolic link");
    signedRow("hardlink", test::makeTarGz(withEntry(s, TarEntry{"corral/hard.rego", {}, S_IFREG, {}, ".manifest"})),
              errc::kEntryType, "corral/hard.rego: is a hard link");
    signedRow("device", test::makeTarGz(withEntry(s, TarEntry{"corral/null", {}, S_IFCHR})), errc::kEntryType,
              "corral/null: is a character device");
    signedRow("fifo", test::makeTarGz(withEntry(s, TarEntry{"corral/pipe", {}, S_IFIFO})), errc::kEntryType,
              "corral/pipe: is a named pipe");
    signedRow("duplicate", test::makeTarGz(withEntry(s, TarEntry{"corral/policy.rego", "package corral\n"})),
              errc::kEntryDuplicate, "corral/policy.rego: appears twice");
    QList<TarEntry> many = test::minimalBundleEntries(s);
    for (int i = 0; i < 1000; ++i)
        many.append(TarEntry{QStringLiteral("corral/d%1/data.json").arg(i), "{}"});
    signedRow("too-many-entries", test::makeTarGz(many), errc::kTooManyEntries, "more than 1000 entries");
    // Low-entropy noise: compresses well enough to stay under the archive size limit,
    // not so well that the ratio limit would refuse it first.
    QByteArray noise(65 * 1024 * 1024, Qt::Uninitialized);
    quint64 x = 88172645463325252ull;
    for (qsizetype i = 0; i < noise.size(); ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        noise[i] = (x & 0x1f) == 0 ? 'b' : 'a';
    }
    signedRow("too-large", test::makeTarGz(withEntry(s, TarEntry{"corral/big/data.json", noise})), errc::kTooLarge,
              "corral/big/data.json: the unpacked contents exceed 67108864 bytes");
    signedRow("compression-bomb",
              test::makeTarGz(withEntry(s, TarEntry{"corral/bomb/data.json", QByteArray(8 << 20, ' ')})),
              errc::kCompressionRatio, "corral/bomb/data.json: the unpacked contents exceed 100 times");
    signedRow("truncated", good.left(good.size() - 9), errc::kArchiveCorrupt, "truncated");
    QByteArray corrupt = good;
    corrupt[corrupt.size() - 6] = char(corrupt[corrupt.size() - 6] ^ 0x40); // the gzip CRC
    signedRow("corrupt", corrupt, errc::kArchiveCorrupt, "the gzip stream is corrupt");

    // Contents.
    signedRow("data-not-json", test::makeTarGz(withEntry(s, TarEntry{"corral/x/data.json", "{\"a\": nope}"})),
              errc::kDataInvalid, "corral/x/data.json: not valid JSON");
    signedRow("rego-not-compiling",
              test::makeTarGz(withEntry(s, TarEntry{"corral/broken.rego", "package corral\n\ndeny contains x if {\n"})),
              errc::kRegoCompile, "corral/broken.rego:");
    signedRow("rego-unsafe-var",
              test::makeTarGz(withEntry(s, TarEntry{"corral/unsafe.rego", "package corral\n\nimport rego.v1\n\n"
                                                                          "deny contains msg if { x > 1 }\n"})),
              errc::kRegoCompile, "corral/unsafe.rego:");
    signedRow("outside-roots", test::makeTarGz(withEntry(s, TarEntry{"system/p.rego", "package system\n"})),
              errc::kOutsideRoots, "package system is outside the bundle roots");
    QList<TarEntry> noManifest = test::minimalBundleEntries(s);
    noManifest.removeFirst();
    signedRow("no-manifest", test::makeTarGz(noManifest), errc::kManifestMissing, "no .manifest");
}

void TestBundleStore::rejectsAndKeepsActive()
{
    QFETCH(QByteArray, archive);
    QFETCH(QByteArray, signature);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const auto store = openStore(managedOptions());
    QVERIFY(store);
    const QByteArray active = test::minimalBundle(5);
    QVERIFY(store->activate(active, test::signWith(m_orgKey, active, 5)).ok());
    const QDir dir(managedOptions().storeDir);
    const QStringList filesBefore = dir.entryList(QDir::Files);

    const Result<std::shared_ptr<const ActiveBundle>> result = store->activate(archive, signature);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));

    // Nothing changed: the previous bundle answers, and is still the one persisted.
    QCOMPARE(store->active()->serial, 5);
    QCOMPARE(decisionText(store->decide(input(R"({"deny_me": true})"))), QStringLiteral("deny: denied by serial 5"));
    QCOMPARE(decisionText(store->decide(input(R"({"ask_me": true})"))), QStringLiteral("ask: may I?"));
    QCOMPARE(dir.entryList(QDir::Files), filesBefore);
    QCOMPARE(test::readFile(dir.filePath(QStringLiteral("bundle-5.tar.gz"))), active);
}

void TestBundleStore::reloadsLastGoodOnStart()
{
    {
        const auto store = openStore(managedOptions());
        const QByteArray archive = test::minimalBundle(8);
        QVERIFY(store->activate(archive, test::signWith(m_orgKey, archive, 8)).ok());
    }
    const auto store = openStore(managedOptions());
    QVERIFY(store);
    QVERIFY(!store->startupError());
    QCOMPARE(store->active()->serial, 8);
    QCOMPARE(decisionText(store->decide(input(R"({"deny_me": true})"))), QStringLiteral("deny: denied by serial 8"));
    // The reloaded serial still guards against replays.
    const QByteArray older = test::minimalBundle(7);
    QCOMPARE(store->activate(older, test::signWith(m_orgKey, older, 7)).error().code, QString(errc::kSerialNotNewer));
}

void TestBundleStore::refusesTamperedLastGood()
{
    {
        const auto store = openStore(managedOptions());
        const QByteArray archive = test::minimalBundle(2);
        QVERIFY(store->activate(archive, test::signWith(m_orgKey, archive, 2)).ok());
    }
    // Someone swaps the stored bundle for one of their own.
    const QString path = QDir(managedOptions().storeDir).filePath(QStringLiteral("bundle-2.tar.gz"));
    QVERIFY(test::writeFile(path, test::makeTarGz(test::minimalBundleEntries(2))));
    const auto store = openStore(managedOptions());
    QVERIFY(store);
    QVERIFY(!store->active());
    QVERIFY(store->startupError());
    QCOMPARE(store->startupError()->code, QString(errc::kSignatureInvalid));
    QCOMPARE(toString(store->decide(input(R"({"deny_me": false})")).outcome), QStringLiteral("deny"));
}

void TestBundleStore::managedModeRefusesLocallySignedBundle()
{
    BundleStoreOptions standalone = managedOptions();
    standalone.mode = TrustMode::Standalone;
    standalone.pinnedKeys.clear();
    standalone.defaultBundle = [] { return Result<QByteArray>(test::minimalBundle(1)); };
    {
        const auto store = openStore(standalone);
        QVERIFY(store);
        QCOMPARE(store->active()->serial, 1);
    }
    // Enrolled: only the organisation's key counts from now on.
    const auto store = openStore(managedOptions());
    QVERIFY(store);
    QVERIFY(!store->active());
    QCOMPARE(store->startupError()->code, QString(errc::kSignatureUntrusted));
    QCOMPARE(decisionText(store->decide(input("{}"))), QStringLiteral("deny: no policy bundle is active"));
    QCOMPARE(store->adminKey().error().code, QString(errc::kNoTrustRoot));

    BundleStoreOptions unpinned = managedOptions();
    unpinned.pinnedKeys.clear();
    QCOMPARE(BundleStore::open(unpinned).error().code, QString(errc::kNoTrustRoot));
}

void TestBundleStore::standaloneGeneratesKeyAndInstallsDefault()
{
    BundleStoreOptions options = managedOptions();
    options.mode = TrustMode::Standalone;
    options.pinnedKeys.clear();
    QString keyId;
    {
        const auto store = openStore(options);
        QVERIFY(store);
        QVERIFY2(!store->startupError(),
                 qPrintable(store->startupError() ? store->startupError()->toString() : QString()));
        const QString keyPath = QDir(options.keyDir).filePath(QLatin1String(BundleStore::kAdminSecretKeyFile));
        struct stat info
        {};
        QCOMPARE(::stat(QFile::encodeName(keyPath).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QVERIFY(QFileInfo::exists(QDir(options.keyDir).filePath(QLatin1String(BundleStore::kAdminPublicKeyFile))));
        QCOMPARE(store->trustedKeys().size(), 1);
        keyId = store->trustedKeys().front().keyIdHex();
        QVERIFY(store->active());
        QCOMPARE(store->active()->keyId, keyId);
        QCOMPARE(store->active()->revision, QStringLiteral("corral-default-1"));

        // The product brief's example: its manifest with the brief's disallowed model.
        const policy::Value seed = input(R"({
            "request": {"action": "model.generate", "model": "unsafe-2025", "estimated_tokens": 500},
            "app": {"name": "sales-summarizer", "version": "1.0.0", "model": "gpt-4o-plat-2026", "max_tokens": 800,
                    "max_requests_per_minute": 30, "data_handling": "no-pii", "connectors": ["sales-crm", "s3"],
                    "approval_required": true, "stage": "development", "quota_remaining": 100000},
            "user": {"id": "u", "groups": []}, "dlp": {"findings": []}})");
        const PolicyDecision decision = store->decide(seed);
        QVERIFY(decision.outcome == PolicyDecision::Outcome::Deny);
        QVERIFY2(decision.reasons.contains(QStringLiteral("Model not approved for production")),
                 qPrintable(decisionText(decision)));
        QVERIFY2(decision.reasons.contains(QStringLiteral("model \"unsafe-2025\" is prohibited by the organisation")),
                 qPrintable(decisionText(decision)));
    }
    // Second start: the same key, the persisted bundle, nothing rebuilt.
    options.defaultBundle = [] {
        return Result<QByteArray>(makeError(QStringLiteral("test"), QStringLiteral("must not be built")));
    };
    const auto store = openStore(options);
    QVERIFY(store);
    QVERIFY(!store->startupError());
    QCOMPARE(store->trustedKeys().front().keyIdHex(), keyId);
    QCOMPARE(store->active()->keyId, keyId);
    QVERIFY(store->adminKey().ok());
}

void TestBundleStore::readersNeverSeeHalfState()
{
    const auto store = openStore(managedOptions());
    QVERIFY(store);
    QList<QByteArray> archives;
    QList<QByteArray> signatures;
    for (int serial = 1; serial <= 12; ++serial) {
        archives.append(test::minimalBundle(serial));
        signatures.append(test::signWith(m_orgKey, archives.last(), serial));
    }
    QVERIFY(store->activate(archives[0], signatures[0]).ok());

    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::atomic<int> decisions{0};
    const policy::Value probe = input(R"({"deny_me": true})");
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&] {
            int last = 0;
            while (!stop.load()) {
                const PolicyDecision d = store->decide(probe);
                const QString reason = d.reasons.value(0);
                const int serial = reason.startsWith(QLatin1String("denied by serial ")) ? reason.mid(17).toInt() : -1;
                if (d.outcome != PolicyDecision::Outcome::Deny || serial < last)
                    failures.fetch_add(1);
                last = serial;
                decisions.fetch_add(1);
            }
        });
    }
    for (int i = 1; i < archives.size(); ++i)
        QVERIFY(store->activate(archives[i], signatures[i]).ok());
    stop.store(true);
    for (std::thread& reader : readers)
        reader.join();
    QCOMPARE(failures.load(), 0);
    QVERIFY(decisions.load() > 0);
    QCOMPARE(store->active()->serial, 12);
}

QTEST_GUILESS_MAIN(TestBundleStore)
#include "TestBundleStore.moc"
