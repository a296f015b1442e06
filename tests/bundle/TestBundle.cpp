// SPDX-License-Identifier: Apache-2.0
// Bundle and BundleManifest: the structure of a bundle (manifest fields, roots, packages,
// data placement) and the error each defect gets.
#include "BundleTestSupport.h"
#include "TestSupport.h"
#include "bundle/Bundle.h"
#include "bundle/BundleBuilder.h"
#include "bundle/BundleErrors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::bundle;

class TestBundle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsMinimalBundle();
    void manifestDefaultsAndRoundTrip();
    void manifestErrors_data();
    void manifestErrors();
    void regoVersionPerFile();
    void packageClause_data();
    void packageClause();
    void structureErrors_data();
    void structureErrors();
    void dataIsPlacedByFolder();
    void buildFromFolder();
    void buildRejectsSymlinks();
    void readsGnuTarArchives();
    void defaultBundleBuilds();
};

namespace {

std::vector<ArchiveFile> files(std::initializer_list<std::pair<const char*, const char*>> list)
{
    std::vector<ArchiveFile> out;
    for (const auto& [path, contents] : list)
        out.push_back(ArchiveFile{QString::fromUtf8(path), QByteArray(contents)});
    return out;
}

const char* kManifest = R"({"revision": "r1", "roots": ["corral"], "metadata": {"serial": 3}})";

} // namespace

void TestBundle::readsMinimalBundle()
{
    const Result<Bundle> bundle = Bundle::fromArchive(test::minimalBundle(7));
    QVERIFY2(bundle.ok(), qPrintable(bundle.ok() ? QString() : bundle.error().toString()));
    QCOMPARE(bundle->serial(), 7);
    QCOMPARE(bundle->revision(), QStringLiteral("test"));
    QCOMPARE(bundle->modules().size(), std::size_t(1));
    QCOMPARE(bundle->modules()[0].package, QStringLiteral("corral"));
    QCOMPARE(bundle->modules()[0].regoVersion, 1);
    QCOMPARE(bundle->dataFiles().size(), std::size_t(1));
    QCOMPARE(bundle->dataFiles()[0].dataPath, QStringLiteral("corral/settings"));
    QCOMPARE(bundle->data().toJson(), std::string(R"({"corral":{"settings":{"question":"may I?"}}})"));
}

void TestBundle::manifestDefaultsAndRoundTrip()
{
    const Result<BundleManifest> m = BundleManifest::parse(R"({"metadata": {"serial": 1}, "x-extra": [1]})");
    QVERIFY(m.ok());
    QCOMPARE(m->roots, QStringList{QString()});
    QCOMPARE(m->regoVersion, 1);
    QCOMPARE(m->decisionPackages, QStringList{QStringLiteral("corral")});
    const Result<BundleManifest> again = BundleManifest::parse(m->toJson());
    QVERIFY(again.ok());
    QCOMPARE(again->serial, 1);
    QCOMPARE(again->extra.value(QStringLiteral("x-extra")).toArray().size(), 1);

    const Result<BundleManifest> full = BundleManifest::parse(
        R"({"revision": "r", "roots": ["/corral/", "platform/safe"], "rego_version": 0,
            "file_rego_versions": {"corral/new.rego": 1},
            "metadata": {"serial": 9007199254740992, "decision": ["corral", "platform.safe"], "owner": "it"}})");
    QVERIFY2(full.ok(), qPrintable(full.ok() ? QString() : full.error().toString()));
    QCOMPARE(full->roots, (QStringList{QStringLiteral("corral"), QStringLiteral("platform/safe")}));
    QCOMPARE(full->serial, kMaxSerial);
    QCOMPARE(full->decisionPackages, (QStringList{QStringLiteral("corral"), QStringLiteral("platform.safe")}));
    QVERIFY(full->toJson().contains("\"owner\""));
}

void TestBundle::manifestErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString invalid = errc::kManifestInvalid;
    QTest::newRow("not-json") << QByteArray("{revision") << invalid << "not valid JSON at offset";
    QTest::newRow("array") << QByteArray("[]") << invalid << "must be a JSON object";
    QTest::newRow("no-serial") << QByteArray(R"({"revision": "r"})") << invalid << "`metadata.serial` is missing";
    QTest::newRow("serial-zero") << QByteArray(R"({"metadata": {"serial": 0}})") << invalid << "from 1 to 2^53";
    QTest::newRow("serial-fraction") << QByteArray(R"({"metadata": {"serial": 1.5}})") << invalid << "from 1 to 2^53";
    QTest::newRow("serial-string") << QByteArray(R"({"metadata": {"serial": "2"}})") << invalid << "from 1 to 2^53";
    QTest::newRow("serial-huge") << QByteArray(R"({"metadata": {"serial": 1e300}})") << invalid << "from 1 to 2^53";
    QTest::newRow("revision-number") << QByteArray(R"({"revision": 1, "metadata": {"serial": 1}})") << invalid
                                     << "`revision` must be a string";
    QTest::newRow("roots-string") << QByteArray(R"({"roots": "corral", "metadata": {"serial": 1}})") << invalid
                                  << "`roots` must be an array of strings";
    QTest::newRow("rego-version-2") << QByteArray(R"({"rego_version": 2, "metadata": {"serial": 1}})") << invalid
                                    << "`rego_version` must be 0 or 1";
    QTest::newRow("file-version") << QByteArray(
                                         R"({"file_rego_versions": {"a.rego": "v0"}, "metadata": {"serial": 1}})")
                                  << invalid << "entry \"a.rego\" must be 0 or 1";
    QTest::newRow("decision-bad") << QByteArray(R"({"metadata": {"serial": 1, "decision": ["corral", "a-b"]}})")
                                  << invalid << "entry [\"a-b\"] is not a package name";
    QTest::newRow("decision-empty") << QByteArray(R"({"metadata": {"serial": 1, "decision": []}})") << invalid
                                    << "non-empty array";
    QTest::newRow("roots-overlap") << QByteArray(
                                          R"({"roots": ["corral", "corral/catalog"], "metadata": {"serial": 1}})")
                                   << QString(errc::kRootsOverlap) << "roots \"corral\" and \"corral/catalog\" overlap";
    QTest::newRow("roots-empty-overlaps") << QByteArray(R"({"roots": ["", "x"], "metadata": {"serial": 1}})")
                                          << QString(errc::kRootsOverlap) << "overlap";
}

void TestBundle::manifestErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Result<BundleManifest> m = BundleManifest::parse(json);
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, code);
    QVERIFY2(m.error().message.contains(message), qPrintable(m.error().message));
    // Prefix roots that are not path prefixes do not overlap.
    QVERIFY(BundleManifest::parse(R"({"roots": ["corral", "corralx"], "metadata": {"serial": 1}})").ok());
}

void TestBundle::regoVersionPerFile()
{
    const Result<BundleManifest> m = BundleManifest::parse(
        R"({"rego_version": 1, "file_rego_versions": {"/platform/safe/policy.rego": 0, "legacy/*.rego": 0},
            "metadata": {"serial": 1}})");
    QVERIFY(m.ok());
    QCOMPARE(m->regoVersionFor(QStringLiteral("platform/safe/policy.rego")), 0);
    QCOMPARE(m->regoVersionFor(QStringLiteral("legacy/a.rego")), 0);
    QCOMPARE(m->regoVersionFor(QStringLiteral("legacy/deeper/a.rego")), 1);
    QCOMPARE(m->regoVersionFor(QStringLiteral("corral/a.rego")), 1);
}

void TestBundle::packageClause_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QStringList>("package");
    QTest::newRow("simple") << QByteArray("package corral\n") << QStringList{"corral"};
    QTest::newRow("dotted") << QByteArray("package platform.safe\n# deny") << QStringList{"platform", "safe"};
    QTest::newRow("comments-first") << QByteArray("# title\n\n  # more\npackage a.b # why\n") << QStringList{"a", "b"};
    QTest::newRow("bracket") << QByteArray("package a[\"b-c\"].d\n") << QStringList{"a", "b-c", "d"};
    QTest::newRow("missing") << QByteArray("deny[msg] { true }\n") << QStringList{};
    QTest::newRow("keyword-prefix") << QByteArray("packages x\n") << QStringList{};
    QTest::newRow("bad-ident") << QByteArray("package 1x\n") << QStringList{};
    QTest::newRow("trailing-junk") << QByteArray("package a-b\n") << QStringList{};
    QTest::newRow("empty") << QByteArray() << QStringList{};
}

void TestBundle::packageClause()
{
    QFETCH(QByteArray, source);
    QFETCH(QStringList, package);
    QCOMPARE(regoPackageOf(source), package);
}

void TestBundle::structureErrors_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("which");
    QTest::newRow("no-manifest") << QString(errc::kManifestMissing) << "the bundle has no .manifest" << 0;
    QTest::newRow("data-not-json") << QString(errc::kDataInvalid) << "corral/x/data.json: not valid JSON" << 1;
    QTest::newRow("data-truncated") << QString(errc::kDataInvalid) << "corral/data.json: not valid JSON" << 2;
    QTest::newRow("root-data-not-object")
        << QString(errc::kDataInvalid) << "data.json: the top-level data.json must hold an object" << 3;
    QTest::newRow("package-outside") << QString(errc::kOutsideRoots)
                                     << "evil/p.rego: package evil is outside the bundle roots (corral)" << 4;
    QTest::newRow("data-outside") << QString(errc::kOutsideRoots) << "other/data.json: data path \"other\" is outside"
                                  << 5;
    QTest::newRow("root-data-outside") << QString(errc::kOutsideRoots) << "data.json: data path \"other\" is outside"
                                       << 6;
    QTest::newRow("data-conflict") << QString(errc::kDataConflict) << "corral/a/data.json: conflicts with data" << 7;
    QTest::newRow("no-package") << QString(errc::kRegoInvalid)
                                << "corral/p.rego: the module does not start with a package clause" << 8;
    QTest::newRow("not-utf8") << QString(errc::kRegoInvalid) << "corral/p.rego: not valid UTF-8" << 9;
    QTest::newRow("unexpected") << QString(errc::kEntryUnexpected) << "README.md: not a bundle file" << 10;
    QTest::newRow("opa-signatures") << QString(errc::kEntryUnexpected) << "detached .minisig" << 11;
    QTest::newRow("decision-undefined") << QString(errc::kDecisionPackage) << "decision package corral is not defined"
                                        << 12;
}

void TestBundle::structureErrors()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(int, which);
    const std::vector<std::vector<ArchiveFile>> cases{
        files({{"corral/p.rego", "package corral\n"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "package corral\n"}, {"corral/x/data.json", "models: []"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "package corral\n"}, {"corral/data.json", "{\"a\": [1,"}}),
        files({{".manifest", R"({"metadata": {"serial": 1}})"},
               {"corral/p.rego", "package corral\n"},
               {"data.json", "[1]"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "package corral\n"}, {"evil/p.rego", "package evil\n"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "package corral\n"}, {"other/data.json", "{}"}}),
        files({{".manifest", kManifest},
               {"corral/p.rego", "package corral\n"},
               {"data.json", R"({"corral": {"a": 1}, "other": 2})"}}),
        files({{".manifest", kManifest},
               {"corral/p.rego", "package corral\n"},
               {"corral/data.json", R"({"a": {"b": 1}})"},
               {"corral/a/data.json", R"({"b": 2})"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "deny[msg] { msg := 1 }\n"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "package corral\n# \xff\xfe\n"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "package corral\n"}, {"README.md", "# hi"}}),
        files({{".manifest", kManifest}, {"corral/p.rego", "package corral\n"}, {".signatures.json", "{}"}}),
        files({{".manifest", kManifest}, {"corral/sub/p.rego", "package corral.sub\n"}}),
    };
    const Result<Bundle> bundle = Bundle::fromFiles(cases.at(std::size_t(which)));
    QVERIFY(!bundle.ok());
    QCOMPARE(bundle.error().code, code);
    QVERIFY2(bundle.error().message.contains(message), qPrintable(bundle.error().message));
}

void TestBundle::dataIsPlacedByFolder()
{
    const Result<Bundle> bundle =
        Bundle::fromFiles(files({{".manifest", R"({"roots": ["corral", "platform/safe"], "metadata": {"serial": 1}})"},
                                 {"corral/p.rego", "package corral\n"},
                                 {"data.json", R"({"corral": {"top": true}, "platform": {"safe": {"limit": 3}}})"},
                                 {"corral/catalog/models/data.json", R"({"models": [{"id": "m"}]})"},
                                 {"corral/catalog/data.json", R"({"version": 1})"},
                                 {"corral/list/data.json", "[1, 2]"},
                                 {"corral/big/data.json", "12345678901234567890123"}}));
    QVERIFY2(bundle.ok(), qPrintable(bundle.ok() ? QString() : bundle.error().toString()));
    QCOMPARE(bundle->data().toJson(),
             std::string(R"({"corral":{"big":12345678901234567890123,"catalog":{"models":{"models":[{"id":"m"}]},)"
                         R"("version":1},"list":[1,2],"top":true},"platform":{"safe":{"limit":3}}})"));
}

void TestBundle::buildFromFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.path();
    QVERIFY(QDir(root).mkpath(QStringLiteral("corral/settings")));
    QVERIFY(QDir(root).mkpath(QStringLiteral(".git")));
    QVERIFY(test::writeFile(root + QStringLiteral("/.manifest"),
                            R"({"revision": "src", "roots": ["corral"], "metadata": {"serial": 4}})"));
    QVERIFY(test::writeFile(root + QStringLiteral("/corral/p.rego"), "package corral\n"));
    QVERIFY(test::writeFile(root + QStringLiteral("/corral/settings/data.json"), R"({"a": 1})"));
    QVERIFY(test::writeFile(root + QStringLiteral("/README.md"), "not packed"));
    QVERIFY(test::writeFile(root + QStringLiteral("/.git/x.rego"), "package corral\nnot packed\n"));
    QVERIFY(test::writeFile(root + QStringLiteral("/models.json"), R"({"models": []})"));

    BuildOptions options;
    options.serial = 12;
    options.revision = QStringLiteral("v12");
    options.mounts = {DataMount{QStringLiteral("corral/catalog"), root + QStringLiteral("/models.json")}};
    const Result<QByteArray> archive = buildBundle(root, options);
    QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().toString()));
    QCOMPARE(*archive, *buildBundle(root, options)); // reproducible

    const Result<std::vector<ArchiveFile>> entries = readArchive(*archive);
    QVERIFY(entries.ok());
    QStringList paths;
    for (const ArchiveFile& f : *entries)
        paths.append(f.path);
    QCOMPARE(paths,
             (QStringList{".manifest", "corral/catalog/data.json", "corral/p.rego", "corral/settings/data.json"}));
    const Result<Bundle> bundle = Bundle::fromArchive(*archive);
    QVERIFY(bundle.ok());
    QCOMPARE(bundle->serial(), 12);
    QCOMPARE(bundle->revision(), QStringLiteral("v12"));

    // A mount may not replace a file of the folder.
    options.mounts = {DataMount{QStringLiteral("corral/settings"), root + QStringLiteral("/models.json")}};
    const Result<QByteArray> clash = buildBundle(root, options);
    QVERIFY(!clash.ok());
    QCOMPARE(clash.error().code, QString(errc::kBuildInput));

    // Build errors are the reader's: a module outside the roots.
    QVERIFY(test::writeFile(root + QStringLiteral("/evil.rego"), "package evil\n"));
    const Result<QByteArray> outside = buildBundle(root);
    QVERIFY(!outside.ok());
    QCOMPARE(outside.error().code, QString(errc::kOutsideRoots));
}

void TestBundle::buildRejectsSymlinks()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(test::writeFile(root + QStringLiteral("/.manifest"), R"({"metadata": {"serial": 1}})"));
    QVERIFY(QFile::link(QStringLiteral("/etc/hostname"), root + QStringLiteral("/data.json")));
    const Result<QByteArray> archive = buildBundle(root);
    QVERIFY(!archive.ok());
    QCOMPARE(archive.error().code, QString(errc::kBuildInput));
    QVERIFY(archive.error().message.contains(QStringLiteral("is a symbolic link")));
}

void TestBundle::readsGnuTarArchives()
{
    // What an admin gets with `tar czf bundle.tar.gz -C src .`: "./" entries, folders,
    // GNU headers, record padding inside the gzip stream.
    QTemporaryDir dir;
    const QString src = dir.filePath(QStringLiteral("src"));
    for (const test::TarEntry& entry : test::minimalBundleEntries(5)) {
        QVERIFY(QDir().mkpath(QFileInfo(src + QLatin1Char('/') + entry.path).path()));
        QVERIFY(test::writeFile(src + QLatin1Char('/') + entry.path, entry.contents));
    }
    const QString archivePath = dir.filePath(QStringLiteral("b.tar.gz"));
    const test::CliOutput tar = test::runProgram(QStringLiteral("tar"), {"czf", archivePath, "-C", src, "."});
    QVERIFY2(tar.exitCode == 0, qPrintable(tar.err));
    const Result<Bundle> bundle = Bundle::fromArchive(test::readFile(archivePath));
    QVERIFY2(bundle.ok(), qPrintable(bundle.ok() ? QString() : bundle.error().toString()));
    QCOMPARE(bundle->serial(), 5);
    QCOMPARE(bundle->modules().size(), std::size_t(1));
    QCOMPARE(bundle->dataFiles().size(), std::size_t(1));
}

void TestBundle::defaultBundleBuilds()
{
    const Result<QByteArray> archive = buildDefaultBundle();
    QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().toString()));
    const Result<Bundle> bundle = Bundle::fromArchive(*archive);
    QVERIFY(bundle.ok());
    QCOMPARE(bundle->manifest().decisionPackages,
             (QStringList{QStringLiteral("corral"), QStringLiteral("platform.safe")}));
    // The product brief's policy is carried byte for byte, as Rego v0.
    const auto seed = std::find_if(bundle->modules().begin(), bundle->modules().end(), [](const BundleModule& m) {
        return m.path == QLatin1String("platform/safe/policy.rego");
    });
    QVERIFY(seed != bundle->modules().end());
    QCOMPARE(seed->source, test::readFile(test::fixturePath(QStringLiteral("seed-policy.rego"))));
    QCOMPARE(seed->regoVersion, 0);
    QCOMPARE(seed->package, QStringLiteral("platform.safe"));
    // The catalogs are the shipped ones.
    const policy::Value* models = bundle->data().get("corral")->get("catalog")->get("models");
    QVERIFY(models && models->get("models") && models->get("models")->isArray());
    QVERIFY(models->get("models")->size() > 0);
}

QTEST_GUILESS_MAIN(TestBundle)
#include "TestBundle.moc"
