// SPDX-License-Identifier: Apache-2.0
// readArchive/writeArchive: every unsafe or damaged archive is refused with its own code
// and a message naming the entry; nothing is ever returned partially.
#include "BundleTestSupport.h"
#include "bundle/BundleArchive.h"
#include "bundle/BundleErrors.h"

#include <QTest>

using namespace corral;
using namespace corral::bundle;
using corral::test::makeTarGz;
using corral::test::TarEntry;

class TestBundleArchive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void writeIsReproducible();
    void acceptsDotSlashAndFolders();
    void normalisesPaths_data();
    void normalisesPaths();
    void rejectsUnsafePaths_data();
    void rejectsUnsafePaths();
    void rejectsNonRegularEntries_data();
    void rejectsNonRegularEntries();
    void rejectsDuplicates();
    void rejectsTooManyEntries();
    void rejectsTooLarge();
    void rejectsHighCompressionRatio();
    void rejectsArchiveOverSizeLimit();
    void rejectsEveryTruncation();
    void rejectsCorruption();
    void rejectsTrailingBytes();
    void rejectsNonArchives_data();
    void rejectsNonArchives();
};

namespace {

void expectError(const QByteArray& archive, const QString& code, const QString& messagePart,
                 const BundleLimits& limits = {})
{
    const Result<std::vector<ArchiveFile>> files = readArchive(archive, limits);
    QVERIFY2(!files.ok(), "the archive was accepted");
    QCOMPARE(files.error().code, code);
    QVERIFY2(files.error().message.contains(messagePart), qPrintable(files.error().message));
}

} // namespace

void TestBundleArchive::roundTrip()
{
    const std::vector<ArchiveFile> files{{QStringLiteral(".manifest"), "{}"},
                                         {QStringLiteral("a/b/data.json"), "[1,2,3]"},
                                         {QStringLiteral("empty.rego"), QByteArray()}};
    const Result<std::vector<ArchiveFile>> read = readArchive(writeArchive(files));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    QCOMPARE(read->size(), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        QCOMPARE(read->at(i).path, files[i].path);
        QCOMPARE(read->at(i).contents, files[i].contents);
    }
}

void TestBundleArchive::writeIsReproducible()
{
    const std::vector<ArchiveFile> files{{QStringLiteral("x.rego"), "package x\n"}};
    QCOMPARE(writeArchive(files), writeArchive(files));
}

void TestBundleArchive::acceptsDotSlashAndFolders()
{
    // What `tar czf b.tar.gz -C dir .` writes.
    const QByteArray archive =
        makeTarGz({TarEntry{QStringLiteral("./"), {}, S_IFDIR}, TarEntry{QStringLiteral("./corral/"), {}, S_IFDIR},
                   TarEntry{QStringLiteral("./corral/p.rego"), "package corral\n"}});
    const Result<std::vector<ArchiveFile>> read = readArchive(archive);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    QCOMPARE(read->size(), std::size_t(1));
    QCOMPARE(read->front().path, QStringLiteral("corral/p.rego"));
}

void TestBundleArchive::normalisesPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "a/b.rego"
                           << "a/b.rego";
    QTest::newRow("dot-slash") << "./a/b.rego"
                               << "a/b.rego";
    QTest::newRow("folder") << "a/b/"
                            << "a/b";
    QTest::newRow("absolute") << "/a.rego"
                              << "";
    QTest::newRow("dot-dot") << "a/../../b"
                             << "";
    QTest::newRow("dot-dot-only") << ".."
                                  << "";
    QTest::newRow("inner-dot") << "a/./b"
                               << "";
    QTest::newRow("empty-segment") << "a//b"
                                   << "";
    QTest::newRow("backslash") << "a\\..\\b"
                               << "";
    QTest::newRow("control") << "a\nb"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestBundleArchive::normalisesPaths()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QCOMPARE(normaliseEntryPath(path), expected);
}

void TestBundleArchive::rejectsUnsafePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("absolute") << "/etc/passwd";
    QTest::newRow("parent") << "../escape.rego";
    QTest::newRow("inner-parent") << "corral/../../escape.rego";
    QTest::newRow("parent-folder") << "corral/..";
}

void TestBundleArchive::rejectsUnsafePaths()
{
    QFETCH(QString, path);
    const QByteArray archive = makeTarGz({TarEntry{QStringLiteral(".manifest"), "{}"}, TarEntry{path, "x"}});
    expectError(archive, errc::kEntryPath, path + QStringLiteral(": unsafe path"));
}

void TestBundleArchive::rejectsNonRegularEntries_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("what");
    QTest::newRow("symlink") << int(S_IFLNK) << "/etc/passwd"
                             << "is a symbolic link";
    QTest::newRow("hardlink") << int(S_IFREG) << ".manifest"
                              << "is a hard link";
    QTest::newRow("char-device") << int(S_IFCHR) << ""
                                 << "is a character device";
    QTest::newRow("block-device") << int(S_IFBLK) << ""
                                  << "is a block device";
    QTest::newRow("fifo") << int(S_IFIFO) << ""
                          << "is a named pipe";
}

void TestBundleArchive::rejectsNonRegularEntries()
{
    QFETCH(int, type);
    QFETCH(QString, target);
    QFETCH(QString, what);
    TarEntry odd{QStringLiteral("corral/odd.rego"), {}, mode_t(type)};
    if (type == S_IFLNK)
        odd.linkTarget = target;
    else if (type == S_IFREG)
        odd.hardlinkTarget = target;
    const QByteArray archive = makeTarGz({TarEntry{QStringLiteral(".manifest"), "{}"}, odd});
    expectError(archive, errc::kEntryType, QStringLiteral("corral/odd.rego: ") + what);
}

void TestBundleArchive::rejectsDuplicates()
{
    expectError(makeTarGz({TarEntry{QStringLiteral("a.rego"), "package a\n"},
                           TarEntry{QStringLiteral("./a.rego"), "package evil\n"}}),
                errc::kEntryDuplicate, QStringLiteral("./a.rego: appears twice"));
}

void TestBundleArchive::rejectsTooManyEntries()
{
    QList<TarEntry> entries;
    for (int i = 0; i < 1001; ++i)
        entries.append(TarEntry{QStringLiteral("f%1.rego").arg(i), "x"});
    expectError(makeTarGz(entries), errc::kTooManyEntries,
                QStringLiteral("f1000.rego: the archive has more than 1000"));
    entries.removeLast();
    const Result<std::vector<ArchiveFile>> thousand = readArchive(makeTarGz(entries));
    QVERIFY2(thousand.ok(), qPrintable(thousand.ok() ? QString() : thousand.error().toString()));

    BundleLimits limits;
    limits.maxEntries = 10;
    entries = entries.mid(0, 11);
    expectError(makeTarGz(entries), errc::kTooManyEntries, QStringLiteral("f10.rego"), limits);
}

void TestBundleArchive::rejectsTooLarge()
{
    // Random bytes do not compress, so only the size limit can refuse them.
    QByteArray noise(300 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 2654435761u) >> 13);
    BundleLimits limits;
    limits.maxUnpackedBytes = 256 * 1024;
    expectError(
        makeTarGz({TarEntry{QStringLiteral("small.json"), "{}"}, TarEntry{QStringLiteral("big/data.json"), noise}}),
        errc::kTooLarge, QStringLiteral("big/data.json: the unpacked contents exceed 262144 bytes"), limits);
}

void TestBundleArchive::rejectsHighCompressionRatio()
{
    // 4 MiB of zeros packs into a few KiB: a ratio far above 100.
    const QByteArray bomb(4 * 1024 * 1024, '\0');
    const QByteArray archive =
        makeTarGz({TarEntry{QStringLiteral(".manifest"), "{}"}, TarEntry{QStringLiteral("corral/data.json"), bomb}});
    QVERIFY(archive.size() < 40 * 1024);
    expectError(archive, errc::kCompressionRatio,
                QStringLiteral("corral/data.json: the unpacked contents exceed 100 times the archive size"));

    BundleLimits lenient;
    lenient.maxCompressionRatio = 10000;
    const Result<std::vector<ArchiveFile>> read = readArchive(archive, lenient);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
}

void TestBundleArchive::rejectsArchiveOverSizeLimit()
{
    BundleLimits limits;
    limits.maxArchiveBytes = 100;
    const QByteArray archive = test::minimalBundle(1);
    QVERIFY(archive.size() > 100);
    expectError(archive, errc::kArchiveTooLarge, QStringLiteral("over the limit of 100"), limits);
}

void TestBundleArchive::rejectsEveryTruncation()
{
    const QByteArray archive = test::minimalBundle(1);
    const Result<std::vector<ArchiveFile>> whole = readArchive(archive);
    QVERIFY2(whole.ok(), qPrintable(whole.ok() ? QString() : whole.error().toString()));
    for (qsizetype length = 0; length < archive.size(); ++length) {
        const Result<std::vector<ArchiveFile>> files = readArchive(archive.left(length));
        QVERIFY2(!files.ok(), qPrintable(QStringLiteral("a prefix of %1 bytes was accepted").arg(length)));
        QCOMPARE(files.error().code, QString(errc::kArchiveCorrupt));
    }
}

void TestBundleArchive::rejectsCorruption()
{
    // Every single-bit flip in the gzip stream (header, deflate data, CRC or length) is caught.
    const QByteArray archive = test::minimalBundle(1);
    int accepted = 0;
    for (qsizetype i = 0; i < archive.size(); ++i) {
        QByteArray damaged = archive;
        damaged[i] = char(damaged[i] ^ 0x01);
        const Result<std::vector<ArchiveFile>> files = readArchive(damaged);
        if (files.ok()) {
            // Flipping header fields zlib does not check (FTEXT flag, mtime, extra flags, OS)
            // leaves the contents intact: accepting those is correct.
            QVERIFY2(i >= 3 && i < 10, qPrintable(QStringLiteral("flip at byte %1 accepted").arg(i)));
            ++accepted;
            continue;
        }
        QVERIFY2(files.error().code == errc::kArchiveCorrupt || files.error().code == errc::kEntryPath ||
                     files.error().code == errc::kEntryType,
                 qPrintable(files.error().toString()));
    }
    QVERIFY(accepted <= 7);
}

void TestBundleArchive::rejectsTrailingBytes()
{
    const QByteArray archive = test::minimalBundle(1);
    expectError(archive + "junk", errc::kArchiveCorrupt, QStringLiteral("4 unexpected bytes after the end"));
    // A second gzip member is trailing data too.
    expectError(archive + archive, errc::kArchiveCorrupt, QStringLiteral("unexpected bytes after the end"));
    // Zero padding to a block size (libarchive's writers add it) is not.
    QVERIFY(readArchive(archive + QByteArray(10240 - archive.size(), '\0')).ok());
    expectError(archive + QByteArray(100, '\0') + "x", errc::kArchiveCorrupt, QStringLiteral("101 unexpected bytes"));
}

void TestBundleArchive::rejectsNonArchives_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("package corral\n");
    QTest::newRow("gzip-of-text") << QByteArray::fromHex(
        "1f8b08000000000000032b484cce4e4c4f55484bcccc2b2ee102004a4d7f1d0f000000");
}

void TestBundleArchive::rejectsNonArchives()
{
    QFETCH(QByteArray, bytes);
    const Result<std::vector<ArchiveFile>> files = readArchive(bytes);
    QVERIFY(!files.ok());
    QCOMPARE(files.error().code, QString(errc::kArchiveCorrupt));
}

QTEST_GUILESS_MAIN(TestBundleArchive)
#include "TestBundleArchive.moc"
