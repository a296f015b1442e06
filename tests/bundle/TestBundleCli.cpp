// SPDX-License-Identifier: Apache-2.0
// `corral bundle build|sign|verify|inspect`, and interoperability with the minisign tool in
// both directions: bundles Corral signs verify with `minisign -V`, bundles minisign signs
// are accepted by `corral bundle verify` and by BundleStore.
#include "BundleTestSupport.h"
#include "TestCli.h"
#include "TestSupport.h"
#include "bundle/BundleStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
namespace ms = corral::crypto::minisign;
using corral::test::runCli;

class TestBundleCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void buildSignVerifyInspect();
    void buildRefusesBrokenSources();
    void buildsTheDefaultBundle();
    void defaultBundlePolicyTestsPass();
    void verifyFailures();
    void signWithEncryptedKey();
    void corralSignedVerifiesWithMinisign();
    void minisignSignedIsAccepted();
    void pushUsageErrors();

private:
    QString path(const QString& name) const { return m_dir->filePath(name); }
    void writeKeys(const ms::SecretKey& key, const QString& prefix);
    QString makeSource();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestBundleCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestBundleCli::writeKeys(const ms::SecretKey& key, const QString& prefix)
{
    const Result<crypto::SecureBytes> secret = ms::encodeSecretKey(key, {});
    QVERIFY(secret.ok());
    QVERIFY(ms::writeKeyFile(path(prefix + QStringLiteral(".key")), secret->view(), true).ok());
    QVERIFY(ms::writeKeyFile(path(prefix + QStringLiteral(".pub")), key.publicKey().toFile(), false).ok());
}

QString TestBundleCli::makeSource()
{
    const QString dir = path(QStringLiteral("src"));
    QDir().mkpath(dir + QStringLiteral("/corral/settings"));
    for (const test::TarEntry& entry : test::minimalBundleEntries(1))
        test::writeFile(dir + QLatin1Char('/') + entry.path, entry.contents);
    return dir;
}

void TestBundleCli::buildSignVerifyInspect()
{
    writeKeys(ms::SecretKey::generate(), QStringLiteral("admin"));
    const QString bundle = path(QStringLiteral("policy.tar.gz"));
    test::CliOutput r = runCli({"bundle", "build", makeSource(), "-o", bundle, "--serial", "3", "--revision", "r3"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("Wrote %1 (revision r3, serial 3, 1 modules, 1 data files, ").arg(bundle)),
             qPrintable(r.out));

    r = runCli({"bundle", "sign", bundle, "-s", path("admin.key")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("(revision r3, serial 3)")));
    const QByteArray signature = test::readFile(bundle + QStringLiteral(".minisig"));
    QVERIFY(signature.contains("trusted comment: serial:3\trevision:r3\ttimestamp:"));

    r = runCli({"bundle", "verify", bundle, "-p", path("admin.pub")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.endsWith(QStringLiteral("revision: r3\nserial: 3\n")), qPrintable(r.out));

    r = runCli({"bundle", "inspect", bundle});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("revision: r3\nserial: 3\nroots: corral\n")));
    QVERIFY2(r.out.contains(QStringLiteral("corral/policy.rego  package corral, rego v1, ")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("corral/settings/data.json  -> data.corral.settings, 22 bytes")));

    r = runCli({"bundle", "inspect", "--json", bundle});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value("manifest").toObject().value("metadata").toObject().value("serial").toInt(), 3);
    QCOMPARE(json.value("modules").toArray().size(), 1);
    QCOMPARE(json.value("data").toArray().at(0).toObject().value("data_path").toString(),
             QStringLiteral("data.corral.settings"));
}

void TestBundleCli::buildRefusesBrokenSources()
{
    const QString src = makeSource();
    const QString out = path(QStringLiteral("out.tar.gz"));
    QVERIFY(test::writeFile(src + QStringLiteral("/corral/broken.rego"), "package corral\n\ndeny contains if\n"));
    test::CliOutput r = runCli({"bundle", "build", src, "-o", out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("corral bundle build: corral/broken.rego:")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("(bundle.rego_compile)")));
    QVERIFY(!QFileInfo::exists(out));

    QVERIFY(QFile::remove(src + QStringLiteral("/corral/broken.rego")));
    QVERIFY(QDir().mkpath(src + QStringLiteral("/corral/x")));
    QVERIFY(test::writeFile(src + QStringLiteral("/corral/x/data.json"), "{nope"));
    r = runCli({"bundle", "build", src, "-o", out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("corral/x/data.json: not valid JSON")));
    QVERIFY(r.err.contains(QStringLiteral("(bundle.data_invalid)")));

    QCOMPARE(runCli({"bundle", "build", src}).exitCode, 2);                                // no -o
    QCOMPARE(runCli({"bundle", "build", src, "-o", out, "--serial", "0"}).exitCode, 2);    // bad serial
    QCOMPARE(runCli({"bundle", "build", path("nowhere"), "-o", out}).exitCode, 2);         // no folder
    QCOMPARE(runCli({"bundle", "build", src, "-o", out, "--data", "corral"}).exitCode, 2); // not PATH=FILE
}

void TestBundleCli::buildsTheDefaultBundle()
{
    const QString out = path(QStringLiteral("default.tar.gz"));
    test::CliOutput r =
        runCli({"bundle", "build", test::sourceDir() + QStringLiteral("/resources/bundle"), "--catalogs", "-o", out});
    QCOMPARE(r.exitCode, 0);
    r = runCli({"bundle", "inspect", out});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("decision packages: corral, platform.safe\n")));
    QVERIFY(r.out.contains(QStringLiteral("platform/safe/policy.rego  package platform.safe, rego v0, 276 bytes")));
    QVERIFY(r.out.contains(QStringLiteral("corral/catalog/models/data.json  -> data.corral.catalog.models")));
    QVERIFY(r.out.contains(QStringLiteral("corral/catalog/connectors/data.json  -> data.corral.catalog.connectors")));
}

void TestBundleCli::defaultBundlePolicyTestsPass()
{
    // The default bundle's unit tests bring their own catalog data, so they run on the
    // source folder as an admin runs them.
    const test::CliOutput r = runCli({"policy", "test", test::sourceDir() + QStringLiteral("/resources/bundle")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.endsWith(QStringLiteral("41 passed, 0 failed\n")), qPrintable(r.out));
}

void TestBundleCli::verifyFailures()
{
    writeKeys(ms::SecretKey::generate(), QStringLiteral("admin"));
    writeKeys(ms::SecretKey::generate(), QStringLiteral("other"));
    const QString bundle = path(QStringLiteral("b.tar.gz"));
    QVERIFY(test::writeFile(bundle, test::minimalBundle(4)));
    QCOMPARE(runCli({"bundle", "verify", bundle, "-p", path("admin.pub")}).exitCode, 2); // no .minisig yet
    QCOMPARE(runCli({"bundle", "sign", bundle, "-s", path("admin.key")}).exitCode, 0);

    test::CliOutput r = runCli({"bundle", "verify", bundle, "-p", path("other.pub")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("which is not trusted")) &&
                 r.err.contains(QStringLiteral("(bundle.signature_untrusted)")),
             qPrintable(r.err));

    // Same bytes, different archive: the signature no longer matches.
    QVERIFY(test::writeFile(bundle, test::makeTarGz(test::minimalBundleEntries(4))));
    r = runCli({"bundle", "verify", bundle, "-p", path("admin.pub")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("(bundle.signature_invalid)")));

    // Signed, but the Rego does not compile.
    QList<test::TarEntry> entries = test::minimalBundleEntries(4);
    entries.append(test::TarEntry{QStringLiteral("corral/bad.rego"),
                                  "package corral\n\nimport rego.v1\n\ndeny contains x if { y }\n"});
    QVERIFY(test::writeFile(bundle, test::makeTarGz(entries)));
    QCOMPARE(runCli({"bundle", "sign", bundle, "-s", path("admin.key")}).exitCode, 0);
    r = runCli({"bundle", "verify", bundle, "-p", path("admin.pub")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("corral/bad.rego:")) &&
                 r.err.contains(QStringLiteral("(bundle.rego_compile)")),
             qPrintable(r.err));

    // An unsafe archive cannot even be signed.
    entries = test::minimalBundleEntries(4);
    entries.append(test::TarEntry{QStringLiteral("../x.rego"), "package corral\n"});
    QVERIFY(test::writeFile(bundle, test::makeTarGz(entries)));
    r = runCli({"bundle", "sign", bundle, "-s", path("admin.key")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("../x.rego: unsafe path")));
}

void TestBundleCli::signWithEncryptedKey()
{
    const ms::SecretKey key = ms::SecretKey::generate();
    const Result<crypto::SecureBytes> secret = ms::encodeSecretKey(key, "s3cret", ms::ScryptParams::interactive());
    QVERIFY(secret.ok());
    QVERIFY(ms::writeKeyFile(path("enc.key"), secret->view(), true).ok());
    QVERIFY(ms::writeKeyFile(path("enc.pub"), key.publicKey().toFile(), false).ok());
    const QString bundle = path(QStringLiteral("b.tar.gz"));
    QVERIFY(test::writeFile(bundle, test::minimalBundle(2)));

    test::CliOutput r = runCli({"bundle", "sign", bundle, "-s", path("enc.key")}, "wrong\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!QFileInfo::exists(bundle + QStringLiteral(".minisig")));
    r = runCli({"bundle", "sign", bundle, "-s", path("enc.key")}, "s3cret\n");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(runCli({"bundle", "verify", bundle, "-p", path("enc.pub")}).exitCode, 0);
}

void TestBundleCli::corralSignedVerifiesWithMinisign()
{
    if (QStandardPaths::findExecutable(QStringLiteral("minisign")).isEmpty())
        QSKIP("minisign is not installed (Debian package minisign)");
    writeKeys(ms::SecretKey::generate(), QStringLiteral("admin"));
    const QString bundle = path(QStringLiteral("policy.tar.gz"));
    QCOMPARE(runCli({"bundle", "build", makeSource(), "-o", bundle, "--serial", "11"}).exitCode, 0);
    QCOMPARE(runCli({"bundle", "sign", bundle, "-s", path("admin.key")}).exitCode, 0);

    const test::CliOutput r = test::runProgram(QStringLiteral("minisign"), {"-Vm", bundle, "-p", path("admin.pub")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Trusted comment: serial:11\trevision:test\t")), qPrintable(r.out + r.err));
}

void TestBundleCli::minisignSignedIsAccepted()
{
    if (QStandardPaths::findExecutable(QStringLiteral("minisign")).isEmpty())
        QSKIP("minisign is not installed (Debian package minisign)");
    test::CliOutput r =
        test::runProgram(QStringLiteral("minisign"), {"-G", "-W", "-p", path("mini.pub"), "-s", path("mini.key")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString bundle = path(QStringLiteral("policy.tar.gz"));
    const QByteArray archive = test::minimalBundle(21);
    QVERIFY(test::writeFile(bundle, archive));
    r = test::runProgram(QStringLiteral("minisign"), {"-S", "-s", path("mini.key"), "-m", bundle, "-t",
                                                      "serial:21 published by the platform team"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    r = runCli({"bundle", "verify", bundle, "-p", path("mini.pub")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.endsWith(QStringLiteral("serial: 21\n")));

    // And the agent's store takes it, pinned to the minisign key.
    const Result<ms::PublicKey> pinned = ms::PublicKey::parse(test::readFile(path("mini.pub")), path("mini.pub"));
    QVERIFY(pinned.ok());
    bundle::BundleStoreOptions options;
    options.storeDir = path(QStringLiteral("store"));
    options.keyDir = path(QStringLiteral("config"));
    options.mode = bundle::TrustMode::Managed;
    options.pinnedKeys = {*pinned};
    Result<std::unique_ptr<bundle::BundleStore>> store = bundle::BundleStore::open(options);
    QVERIFY(store.ok());
    const auto active = (*store)->activate(archive, test::readFile(bundle + QStringLiteral(".minisig")));
    QVERIFY2(active.ok(), qPrintable(active.ok() ? QString() : active.error().toString()));
    QCOMPARE((*active)->serial, 21);

    // A minisign signature whose trusted comment names another serial is refused.
    r = test::runProgram(QStringLiteral("minisign"), {"-S", "-s", path("mini.key"), "-m", bundle, "-t", "serial:22"});
    QCOMPARE(r.exitCode, 0);
    r = runCli({"bundle", "verify", bundle, "-p", path("mini.pub")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("(bundle.serial_mismatch)")));
}

// `bundle push` refuses what cannot work before it sends anything; publishing itself is
// covered by test_fleet against a real server.
void TestBundleCli::pushUsageErrors()
{
    writeKeys(ms::SecretKey::generate(), QStringLiteral("admin"));
    const QString bundle = path(QStringLiteral("policy.tar.gz"));
    QCOMPARE(runCli({"bundle", "build", makeSource(), "-o", bundle, "--serial", "3"}).exitCode, 0);
    const auto push = [&](QStringList extra) { return runCli(QStringList{"bundle", "push", bundle} + extra); };
    test::CliOutput r = push({"--server", "ftp://corral.example", "--token", "t"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--server must be an http(s) URL, not \"ftp://corral.example\"")),
             qPrintable(r.err));
    r = push({"--server", "http://corral.example:8443", "--token", "t"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("http://corral.example:8443: plain HTTP is only allowed to this computer; "
                                           "use https")),
             qPrintable(r.err));
    r = push({"--server", "https://corral.example"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("give either --token TOKEN or --token-file FILE")));
    // Not signed yet: no FILE.minisig.
    r = push({"--server", "https://corral.example", "--token", "t"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("cannot read %1.minisig").arg(bundle)), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(bundle + QStringLiteral(".minisig")));
}

QTEST_GUILESS_MAIN(TestBundleCli)
#include "TestBundleCli.moc"
