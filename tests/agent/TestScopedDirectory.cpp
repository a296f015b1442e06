// SPDX-License-Identifier: Apache-2.0
// Escape attempts against a real temporary tree: traversal, absolute and encoded paths,
// symlinks, /proc magic links, hard links, FIFOs, devices, sockets, huge files and a
// folder swapped for a symlink while reads run. None may return data from outside the
// root; each fails with its exact code. Writes are atomic and leave no litter.
#include "TestSupport.h"
#include "agent/platform/linux/ScopedDirectory.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <future>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace corral;
using namespace corral::agent;
using corral::agent::platform::ScopedDirectory;

namespace {

const QByteArray kSecret = "TOP-SECRET outside the root";

bool symlinkTo(const QString& target, const QString& link)
{
    return ::symlink(target.toUtf8().constData(), link.toUtf8().constData()) == 0;
}

// Every file under `dir` with its content, to prove that nothing changed.
QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        files.insert(path, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>"));
    }
    return files;
}

// A file in /tmp that a write escaping the root would create.
QString escapeProbe()
{
    return QStringLiteral("/tmp/corral-escape-%1.txt").arg(::getpid());
}

QStringList tempLitter(const QString& dir)
{
    QStringList litter;
    QDirIterator it(dir, QStringList{QStringLiteral(".corral-*")}, QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        litter.append(it.next());
    return litter;
}

} // namespace

class TestScopedDirectory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_base;
    QString m_root;
    QString m_outside;
    int m_outsideFd = -1;
    bool m_haveDevice = false;
    ScopeLimits m_limits;

    std::unique_ptr<ScopedDirectory> open(const ScopeLimits& limits)
    {
        auto dir = ScopedDirectory::open(m_root, limits);
        if (!dir.ok())
            qFatal("cannot open root: %s", qPrintable(dir.error().toString()));
        return std::move(dir).value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_base.isValid());
        m_root = m_base.filePath(QStringLiteral("root"));
        m_outside = m_base.filePath(QStringLiteral("outside"));
        QDir base(m_base.path());
        QVERIFY(base.mkpath(QStringLiteral("outside/dir")));
        QVERIFY(base.mkpath(QStringLiteral("root/sub/deeper")));
        QVERIFY(base.mkpath(QStringLiteral("root/swap")));
        QVERIFY(corral::test::writeFile(m_outside + QStringLiteral("/secret.txt"), kSecret));
        QVERIFY(corral::test::writeFile(m_outside + QStringLiteral("/file.txt"), kSecret));
        QVERIFY(corral::test::writeFile(m_outside + QStringLiteral("/linked.txt"), kSecret));
        QVERIFY(corral::test::writeFile(m_root + QStringLiteral("/hello.txt"), "hello"));
        QVERIFY(corral::test::writeFile(m_root + QStringLiteral("/shared.txt"), "shared"));
        QVERIFY(corral::test::writeFile(m_root + QStringLiteral("/sub/inner.txt"), "inner"));
        QVERIFY(corral::test::writeFile(m_root + QStringLiteral("/sub/deeper/x.txt"), "x"));
        QVERIFY(corral::test::writeFile(m_root + QStringLiteral("/swap/file.txt"), "inside"));

        const QString r = m_root + QLatin1Char('/');
        QVERIFY(symlinkTo(QStringLiteral("../outside/secret.txt"), r + QStringLiteral("link-out")));
        QVERIFY(symlinkTo(m_outside + QStringLiteral("/secret.txt"), r + QStringLiteral("link-abs")));
        QVERIFY(symlinkTo(QStringLiteral("hello.txt"), r + QStringLiteral("link-in")));
        QVERIFY(symlinkTo(QStringLiteral("../outside"), r + QStringLiteral("link-dir-out")));
        QVERIFY(symlinkTo(QStringLiteral("sub"), r + QStringLiteral("link-dir-in")));
        QVERIFY(symlinkTo(QStringLiteral("loop-b"), r + QStringLiteral("loop-a")));
        QVERIFY(symlinkTo(QStringLiteral("loop-a"), r + QStringLiteral("loop-b")));
        QVERIFY(symlinkTo(QStringLiteral("chain2"), r + QStringLiteral("chain1")));
        QVERIFY(symlinkTo(QStringLiteral("chain3"), r + QStringLiteral("chain2")));
        QVERIFY(symlinkTo(QStringLiteral("../outside/secret.txt"), r + QStringLiteral("chain3")));
        QVERIFY(symlinkTo(QStringLiteral("sub/link-up"), r + QStringLiteral("chain-via-sub")));
        QVERIFY(symlinkTo(QStringLiteral("../../outside/secret.txt"), r + QStringLiteral("sub/link-up")));
        QVERIFY(symlinkTo(QStringLiteral("."), r + QStringLiteral("self")));
        QVERIFY(symlinkTo(QStringLiteral("/proc/self/root"), r + QStringLiteral("proc-root")));
        QVERIFY(symlinkTo(QStringLiteral("/proc/self/cwd"), r + QStringLiteral("proc-cwd")));
        m_outsideFd = ::open((m_outside + QStringLiteral("/secret.txt")).toUtf8().constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(m_outsideFd >= 0);
        QVERIFY(symlinkTo(QStringLiteral("/dev/fd/%1").arg(m_outsideFd), r + QStringLiteral("dev-fd-link")));
        QVERIFY(symlinkTo(QStringLiteral("/proc/self/fd/%1").arg(m_outsideFd), r + QStringLiteral("proc-fd-link")));
        QVERIFY(::link((m_outside + QStringLiteral("/linked.txt")).toUtf8().constData(),
                       (r + QStringLiteral("hard-out")).toUtf8().constData()) == 0);
        QVERIFY(::link((r + QStringLiteral("shared.txt")).toUtf8().constData(),
                       (r + QStringLiteral("hard-in")).toUtf8().constData()) == 0);
        QVERIFY(::mkfifo((r + QStringLiteral("fifo")).toUtf8().constData(), 0600) == 0);
        m_haveDevice = ::mknod((r + QStringLiteral("device")).toUtf8().constData(), S_IFCHR | 0600, makedev(1, 3)) == 0;
        const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray sockPath = (r + QStringLiteral("socket")).toUtf8();
        QVERIFY(sockPath.size() < qsizetype(sizeof addr.sun_path));
        std::memcpy(addr.sun_path, sockPath.constData(), sockPath.size());
        QVERIFY(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        ::close(sock);
        m_limits.maxReadBytes = 64 * 1024;
        m_limits.maxWriteBytes = 64 * 1024;
        QVERIFY(corral::test::writeFile(r + QStringLiteral("big.bin"), QByteArray(m_limits.maxReadBytes + 1, 'b')));
        QVERIFY(corral::test::writeFile(r + QStringLiteral("exact.bin"), QByteArray(m_limits.maxReadBytes, 'e')));
    }

    void cleanupTestCase()
    {
        if (m_outsideFd >= 0)
            ::close(m_outsideFd);
    }

    void readsInsideTheRoot_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("plain") << QStringLiteral("hello.txt") << QByteArray("hello");
        QTest::newRow("nested") << QStringLiteral("sub/deeper/x.txt") << QByteArray("x");
        QTest::newRow("dot segments") << QStringLiteral("./sub/./inner.txt") << QByteArray("inner");
        QTest::newRow("dotdot staying inside") << QStringLiteral("sub/deeper/../inner.txt") << QByteArray("inner");
        QTest::newRow("double slash") << QStringLiteral("sub//inner.txt") << QByteArray("inner");
        QTest::newRow("exactly the limit") << QStringLiteral("exact.bin") << QByteArray(64 * 1024, 'e');
    }
    void readsInsideTheRoot()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, content);
        auto dir = open(m_limits);
        const Result<QByteArray> r = dir->readFile(path);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(*r, content);
    }

    void escapeAttemptsFail_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        const QString escape = ScopeError::Escape, symlink = ScopeError::Symlink, notFound = ScopeError::NotFound,
                      notRegular = ScopeError::NotRegular, invalid = ScopeError::InvalidPath;
        // Traversal in many positions and spellings.
        QTest::newRow("01 parent") << QStringLiteral("../outside/secret.txt") << escape;
        QTest::newRow("02 grandparent") << QStringLiteral("../../etc/passwd") << escape;
        QTest::newRow("03 after a folder") << QStringLiteral("sub/../../outside/secret.txt") << escape;
        QTest::newRow("04 deep") << QStringLiteral("sub/deeper/../../../outside/secret.txt") << escape;
        QTest::newRow("05 after dot") << QStringLiteral("./../outside/secret.txt") << escape;
        QTest::newRow("06 dots mixed") << QStringLiteral("sub/./../../outside/secret.txt") << escape;
        QTest::newRow("07 bare dotdot") << QStringLiteral("..") << escape;
        QTest::newRow("08 dotdot slash") << QStringLiteral("../") << escape;
        QTest::newRow("09 out and back in") << QStringLiteral("../root/hello.txt") << escape;
        QTest::newRow("10 doubled slashes") << QStringLiteral("..//..//outside/secret.txt") << escape;
        QTest::newRow("11 slashes after folder") << QStringLiteral("sub/..//../outside/secret.txt") << escape;
        QTest::newRow("12 many parents") << QStringLiteral("../").repeated(50) + QStringLiteral("etc/passwd") << escape;
        QTest::newRow("13 repeated dots") << QStringLiteral("./././../outside/secret.txt") << escape;
        QTest::newRow("14 ends in parents") << QStringLiteral("sub/deeper/../../..") << escape;
        QTest::newRow("15 trailing space after parent") << QStringLiteral("../outside/secret.txt ") << escape;
        // Absolute paths.
        QTest::newRow("16 absolute") << QStringLiteral("/etc/passwd") << escape;
        QTest::newRow("17 absolute outside file") << m_outside + QStringLiteral("/secret.txt") << escape;
        QTest::newRow("18 absolute root itself") << m_root + QStringLiteral("/hello.txt") << escape;
        QTest::newRow("19 double leading slash") << QStringLiteral("//etc/passwd") << escape;
        QTest::newRow("20 absolute proc root") << QStringLiteral("/proc/self/root/etc/passwd") << escape;
        QTest::newRow("21 absolute proc cwd") << QStringLiteral("/proc/self/cwd/") << escape;
        QTest::newRow("22 absolute dev fd") << QStringLiteral("/dev/fd/%1").arg(m_outsideFd) << escape;
        QTest::newRow("23 slash") << QStringLiteral("/") << escape;
        // Encodings are taken literally: there are no such names.
        QTest::newRow("24 url-encoded dots") << QStringLiteral("%2e%2e/outside/secret.txt") << notFound;
        QTest::newRow("25 url-encoded slashes") << QStringLiteral("%2e%2e%2foutside%2fsecret.txt") << notFound;
        QTest::newRow("26 mixed encoding") << QStringLiteral("..%2foutside%2fsecret.txt") << notFound;
        QTest::newRow("27 double encoding") << QStringLiteral("%252e%252e/outside/secret.txt") << notFound;
        QTest::newRow("28 backslashes") << QStringLiteral("..\\outside\\secret.txt") << notFound;
        QTest::newRow("29 two-dot leader") << QStringLiteral("\u2025/outside/secret.txt") << notFound;
        QTest::newRow("30 fullwidth dots") << QStringLiteral("\uff0e\uff0e/outside/secret.txt") << notFound;
        QTest::newRow("31 overlong utf8 dots")
            << QString::fromLatin1("\xc0\xae\xc0\xae/outside/secret.txt") << notFound;
        QTest::newRow("32 leading space") << QStringLiteral(" ../outside/secret.txt") << notFound;
        QTest::newRow("33 tilde") << QStringLiteral("~/.bashrc") << notFound;
        QTest::newRow("34 variable") << QStringLiteral("$HOME/.bashrc") << notFound;
        QTest::newRow("35 file url") << QStringLiteral("file:///etc/passwd") << notFound;
        QTest::newRow("36 newline in name") << QStringLiteral("sub\n../../outside/secret.txt") << notFound;
        QTest::newRow("37 relative proc") << QStringLiteral("proc/self/root/etc/passwd") << notFound;
        QTest::newRow("38 relative dev fd") << QStringLiteral("dev/fd/0") << notFound;
        QTest::newRow("39 through a file") << QStringLiteral("hello.txt/../../outside/secret.txt") << notFound;
        // NUL would truncate the C string the kernel sees.
        QTest::newRow("40 nul then parent")
            << QStringLiteral("hello.txt") + QChar(0) + QStringLiteral("/../../outside") << invalid;
        QTest::newRow("41 nul only") << QString(QChar(0)) << invalid;
        QTest::newRow("42 empty") << QString() << invalid;
        QTest::newRow("43 too long") << QStringLiteral("a/").repeated(3000) + QStringLiteral("x") << invalid;
        // Symlinks of every kind, even those pointing inside.
        QTest::newRow("44 symlink out") << QStringLiteral("link-out") << symlink;
        QTest::newRow("45 symlink absolute") << QStringLiteral("link-abs") << symlink;
        QTest::newRow("46 symlink inside") << QStringLiteral("link-in") << symlink;
        QTest::newRow("47 folder symlink out") << QStringLiteral("link-dir-out/secret.txt") << symlink;
        QTest::newRow("48 folder symlink in") << QStringLiteral("link-dir-in/inner.txt") << symlink;
        QTest::newRow("49 loop") << QStringLiteral("loop-a") << symlink;
        QTest::newRow("50 chain") << QStringLiteral("chain1") << symlink;
        QTest::newRow("51 chain end") << QStringLiteral("chain3") << symlink;
        QTest::newRow("52 chain via folder") << QStringLiteral("chain-via-sub") << symlink;
        QTest::newRow("53 nested symlink up") << QStringLiteral("sub/link-up") << symlink;
        QTest::newRow("54 self loop folder") << QStringLiteral("self/hello.txt") << symlink;
        QTest::newRow("55 proc self root") << QStringLiteral("proc-root/etc/passwd") << symlink;
        QTest::newRow("56 proc self cwd") << QStringLiteral("proc-cwd") << symlink;
        QTest::newRow("57 dev fd") << QStringLiteral("dev-fd-link") << symlink;
        QTest::newRow("58 proc fd") << QStringLiteral("proc-fd-link") << symlink;
        QTest::newRow("59 symlink with slash") << QStringLiteral("link-out/") << symlink;
        QTest::newRow("60 back then symlink") << QStringLiteral("sub/deeper/../../link-out") << symlink;
        QTest::newRow("61 symlink then dotdot") << QStringLiteral("link-dir-in/../hello.txt") << symlink;
        // Hard links, special files, folders, size.
        QTest::newRow("62 hard link to outside") << QStringLiteral("hard-out") << QString(ScopeError::HardLink);
        QTest::newRow("63 hard link inside") << QStringLiteral("hard-in") << QString(ScopeError::HardLink);
        QTest::newRow("64 fifo") << QStringLiteral("fifo") << notRegular;
        QTest::newRow("65 socket") << QStringLiteral("socket") << notRegular;
        QTest::newRow("66 device") << QStringLiteral("device") << notRegular;
        QTest::newRow("67 folder") << QStringLiteral("sub") << notRegular;
        QTest::newRow("68 root itself") << QStringLiteral(".") << notRegular;
        QTest::newRow("69 over the size limit") << QStringLiteral("big.bin") << QString(ScopeError::TooLarge);
        QTest::newRow("70 missing") << QStringLiteral("missing.txt") << notFound;
    }
    void escapeAttemptsFail()
    {
        QFETCH(QString, path);
        QFETCH(QString, code);
        if (path == QLatin1String("device") && !m_haveDevice)
            QSKIP("mknod is not permitted here");
        auto dir = open(m_limits);
        // Run in another thread so a blocking open (a FIFO) fails the test instead of
        // hanging it.
        auto future = std::async(std::launch::async, [&] { return dir->readFile(path); });
        if (future.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
            // Unblock the reader before failing.
            const int w = ::open((m_root + QStringLiteral("/fifo")).toUtf8().constData(), O_WRONLY | O_NONBLOCK);
            future.wait();
            if (w >= 0)
                ::close(w);
            QFAIL("readFile blocked");
        }
        const Result<QByteArray> r = future.get();
        QVERIFY2(!r.ok(), r.ok() ? r.value().left(40).constData() : "");
        QCOMPARE(r.error().code, code);
    }

    void fifoDoesNotBlockAndIsNotOpenedForReading()
    {
        // A writer waiting on the FIFO would be released if the reader opened it.
        auto dir = open(m_limits);
        const auto start = std::chrono::steady_clock::now();
        QCOMPARE(dir->readFile(QStringLiteral("fifo")).error().code, ScopeError::NotRegular);
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
        const int w = ::open((m_root + QStringLiteral("/fifo")).toUtf8().constData(), O_WRONLY | O_NONBLOCK);
        QCOMPARE(w, -1); // ENXIO: no reader has it open
        QCOMPARE(errno, ENXIO);
    }

    void hardLinksAllowedWhenConfigured()
    {
        ScopeLimits limits = m_limits;
        limits.allowHardLinks = true;
        auto dir = open(limits);
        QCOMPARE(dir->readFile(QStringLiteral("hard-in")).value(), QByteArray("shared"));
    }

    void swappingAFolderForASymlinkNeverLeaksOutside()
    {
        // A thread atomically exchanges "swap" (a real folder) with "swap-alt" (a
        // symlink to the outside folder) as fast as it can while reads and listings run.
        QVERIFY(symlinkTo(QStringLiteral("../outside"), m_root + QStringLiteral("/swap-alt")));
        auto dir = open(m_limits);
        std::atomic<bool> stop{false};
        std::atomic<int> swaps{0};
        const QByteArray a = (m_root + QStringLiteral("/swap")).toUtf8();
        const QByteArray b = (m_root + QStringLiteral("/swap-alt")).toUtf8();
        std::thread swapper([&] {
            while (!stop.load()) {
                if (::renameat2(AT_FDCWD, a.constData(), AT_FDCWD, b.constData(), RENAME_EXCHANGE) == 0)
                    swaps.fetch_add(1);
            }
        });
        int inside = 0;
        int refused = 0;
        QStringList unexpected;
        ListOptions recursive;
        recursive.recursive = true;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
        while (std::chrono::steady_clock::now() < deadline) {
            const Result<QByteArray> r = dir->readFile(QStringLiteral("swap/file.txt"));
            if (r.ok()) {
                if (*r != "inside")
                    unexpected.append(QString::fromUtf8(*r));
                ++inside;
            } else {
                const QString& c = r.error().code;
                if (c != ScopeError::Symlink && c != ScopeError::NotFound && c != ScopeError::Changed)
                    unexpected.append(c);
                ++refused;
            }
            const Result<Listing> l = dir->list(QStringLiteral("swap"), recursive);
            if (l.ok()) {
                for (const ScopedEntry& e : l->entries) {
                    if (e.path.contains(QLatin1String("secret")) || e.path.contains(QLatin1String("linked")))
                        unexpected.append(e.path);
                }
            }
        }
        stop = true;
        swapper.join();
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QLatin1Char(','))));
        QVERIFY(swaps.load() > 100);
        QVERIFY(inside > 0);
        QVERIFY(refused > 0);
        qInfo("%d swaps, %d reads inside, %d refused", swaps.load(), inside, refused);
        // Put the tree back as it was.
        struct stat st;
        if (::lstat(a.constData(), &st) == 0 && S_ISLNK(st.st_mode))
            QCOMPARE(::renameat2(AT_FDCWD, a.constData(), AT_FDCWD, b.constData(), RENAME_EXCHANGE), 0);
    }

    void listsWithoutFollowingSymlinks()
    {
        auto dir = open(m_limits);
        ListOptions options;
        const Result<Listing> l = dir->list(QString(), options);
        QVERIFY(l.ok());
        QHash<QString, ScopedEntry::Type> types;
        for (const ScopedEntry& e : l->entries)
            types.insert(e.path, e.type);
        QCOMPARE(types.value(QStringLiteral("hello.txt")), ScopedEntry::Type::File);
        QCOMPARE(types.value(QStringLiteral("sub")), ScopedEntry::Type::Directory);
        QCOMPARE(types.value(QStringLiteral("link-dir-out")), ScopedEntry::Type::Symlink);
        QCOMPARE(types.value(QStringLiteral("fifo")), ScopedEntry::Type::Other);
        QVERIFY(!types.contains(QStringLiteral("sub/inner.txt")));
        for (const ScopedEntry& e : l->entries)
            QVERIFY2(!e.path.contains(QLatin1String("secret")), qPrintable(e.path));

        options.recursive = true;
        const Result<Listing> all = dir->list(QString(), options);
        QVERIFY(all.ok());
        QStringList paths;
        for (const ScopedEntry& e : all->entries)
            paths.append(e.path);
        QVERIFY(paths.contains(QStringLiteral("sub/deeper/x.txt")));
        QVERIFY(!paths.contains(QStringLiteral("link-dir-out/secret.txt")));
        QVERIFY(!paths.contains(QStringLiteral("link-dir-in/inner.txt")));
    }

    void listFiltersAndLimits()
    {
        auto dir = open(m_limits);
        ListOptions options;
        options.recursive = true;
        options.include = {QStringLiteral("*.txt")};
        options.exclude = {QStringLiteral("sub/deeper")};
        Result<Listing> l = dir->list(QString(), options);
        QVERIFY(l.ok());
        QStringList paths;
        for (const ScopedEntry& e : l->entries)
            paths.append(e.path);
        QCOMPARE(paths, (QStringList{QStringLiteral("hello.txt"), QStringLiteral("shared.txt"),
                                     QStringLiteral("sub/inner.txt"), QStringLiteral("swap/file.txt")}));
        QVERIFY(!l->truncated);
        QCOMPARE(l->entries[0].size, 5);

        options.maxEntries = 2;
        l = dir->list(QString(), options);
        QCOMPARE(l->entries.size(), 2);
        QVERIFY(l->truncated);

        options = ListOptions{};
        const Result<Listing> sub = dir->list(QStringLiteral("sub/"), options);
        QVERIFY(sub.ok());
        QCOMPARE(sub->entries.first().path, QStringLiteral("sub/deeper"));
    }

    void listRefusals_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("code");
        QTest::newRow("parent") << QStringLiteral("..") << QString(ScopeError::Escape);
        QTest::newRow("absolute") << QStringLiteral("/etc") << QString(ScopeError::Escape);
        QTest::newRow("symlinked folder") << QStringLiteral("link-dir-out") << QString(ScopeError::Symlink);
        QTest::newRow("proc") << QStringLiteral("proc-root") << QString(ScopeError::Symlink);
        QTest::newRow("a file") << QStringLiteral("hello.txt") << QString(ScopeError::NotRegular);
        QTest::newRow("a fifo") << QStringLiteral("fifo") << QString(ScopeError::NotRegular);
        QTest::newRow("missing") << QStringLiteral("nope") << QString(ScopeError::NotFound);
    }
    void listRefusals()
    {
        QFETCH(QString, folder);
        QFETCH(QString, code);
        auto dir = open(m_limits);
        const Result<Listing> l = dir->list(folder, ListOptions{});
        QVERIFY(!l.ok());
        QCOMPARE(l.error().code, code);
    }

    void writeReplacesAtomically()
    {
        ScopeLimits limits = m_limits;
        limits.writable = true;
        auto dir = open(limits);
        const QString path = m_root + QStringLiteral("/sub/report.txt");
        QVERIFY(corral::test::writeFile(path, "old"));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        struct stat before;
        QCOMPARE(::stat(path.toUtf8().constData(), &before), 0);
        const Result<void> w = dir->writeFile(QStringLiteral("sub/report.txt"), "new content");
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().toString()));
        QCOMPARE(corral::test::readFile(path), QByteArray("new content"));
        struct stat after;
        QCOMPARE(::stat(path.toUtf8().constData(), &after), 0);
        QVERIFY(after.st_ino != before.st_ino); // a new file was renamed into place
        QCOMPARE(after.st_mode & 07777, before.st_mode & 07777);
        QVERIFY(dir->writeFile(QStringLiteral("created.txt"), "fresh").ok());
        QCOMPARE(corral::test::readFile(m_root + QStringLiteral("/created.txt")), QByteArray("fresh"));
        QVERIFY(dir->writeFile(QStringLiteral("empty.txt"), QByteArrayView()).ok());
        QCOMPARE(QFileInfo(m_root + QStringLiteral("/empty.txt")).size(), 0);
        QCOMPARE(tempLitter(m_root), QStringList());
    }

    void failedWriteLeavesOldFileAndNoLitter()
    {
        ScopeLimits limits = m_limits;
        limits.writable = true;
        auto dir = open(limits);
        const QString path = m_root + QStringLiteral("/keep.txt");
        QVERIFY(corral::test::writeFile(path, "original"));
        // The file-size limit makes write(2) fail part-way with EFBIG, as a full disk would.
        struct rlimit old;
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = old;
        small.rlim_cur = 1000;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const Result<void> w = dir->writeFile(QStringLiteral("keep.txt"), QByteArray(5000, 'n'));
        const Result<void> created = dir->writeFile(QStringLiteral("never.txt"), QByteArray(5000, 'n'));
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &old), 0);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, ScopeError::TooLarge);
        QVERIFY(!created.ok());
        QCOMPARE(corral::test::readFile(path), QByteArray("original"));
        QVERIFY(!QFile::exists(m_root + QStringLiteral("/never.txt")));
        QCOMPARE(tempLitter(m_root), QStringList());
    }

    void writeRefusals_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        QTest::newRow("parent") << QStringLiteral("../outside/new.txt") << QString(ScopeError::Escape);
        QTest::newRow("over outside file") << QStringLiteral("../outside/secret.txt") << QString(ScopeError::Escape);
        QTest::newRow("absolute") << m_outside + QStringLiteral("/new.txt") << QString(ScopeError::Escape);
        QTest::newRow("tmp") << escapeProbe() << QString(ScopeError::Escape);
        QTest::newRow("symlink target") << QStringLiteral("link-out") << QString(ScopeError::Symlink);
        QTest::newRow("through folder symlink")
            << QStringLiteral("link-dir-out/new.txt") << QString(ScopeError::Symlink);
        QTest::newRow("over outside via folder symlink")
            << QStringLiteral("link-dir-out/secret.txt") << QString(ScopeError::Symlink);
        QTest::newRow("proc root") << QStringLiteral("proc-root/tmp/x") << QString(ScopeError::Symlink);
        QTest::newRow("hard link to outside") << QStringLiteral("hard-out") << QString(ScopeError::HardLink);
        QTest::newRow("fifo") << QStringLiteral("fifo") << QString(ScopeError::NotRegular);
        QTest::newRow("folder") << QStringLiteral("sub") << QString(ScopeError::NotRegular);
        QTest::newRow("trailing slash") << QStringLiteral("sub/") << QString(ScopeError::InvalidPath);
        QTest::newRow("dotdot leaf") << QStringLiteral("sub/..") << QString(ScopeError::InvalidPath);
        QTest::newRow("missing folder") << QStringLiteral("nofolder/x.txt") << QString(ScopeError::NotFound);
        QTest::newRow("nul") << QStringLiteral("a") + QChar(0) + QStringLiteral("b")
                             << QString(ScopeError::InvalidPath);
        QTest::newRow("too large") << QStringLiteral("huge.txt") << QString(ScopeError::TooLarge);
    }
    void writeRefusals()
    {
        QFETCH(QString, path);
        QFETCH(QString, code);
        ScopeLimits limits = m_limits;
        limits.writable = true;
        auto dir = open(limits);
        const auto outsideBefore = snapshot(m_outside);
        const auto rootBefore = snapshot(m_root + QStringLiteral("/sub"));
        const QByteArray data =
            path == QLatin1String("huge.txt") ? QByteArray(limits.maxWriteBytes + 1, 'h') : QByteArray("evil");
        auto future = std::async(std::launch::async, [&] { return dir->writeFile(path, data); });
        QVERIFY(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        const Result<void> w = future.get();
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, code);
        QCOMPARE(snapshot(m_outside), outsideBefore);
        QCOMPARE(snapshot(m_root + QStringLiteral("/sub")), rootBefore);
        QVERIFY(!QFile::exists(escapeProbe()));
        QVERIFY(!QFile::exists(m_root + QStringLiteral("/huge.txt")));
        QCOMPARE(tempLitter(m_base.path()), QStringList());
    }

    void readOnlyScopeRefusesWrites()
    {
        auto dir = open(m_limits);
        const Result<void> w = dir->writeFile(QStringLiteral("hello.txt"), "changed");
        QCOMPARE(w.error().code, ScopeError::ReadOnly);
        QCOMPARE(corral::test::readFile(m_root + QStringLiteral("/hello.txt")), QByteArray("hello"));
    }

    void openingTheRoot()
    {
        QCOMPARE(ScopedDirectory::open(m_base.filePath(QStringLiteral("missing")), m_limits).error().code,
                 ScopeError::NotFound);
        QCOMPARE(ScopedDirectory::open(m_root + QStringLiteral("/hello.txt"), m_limits).error().code,
                 ScopeError::NotRegular);
        const auto fs = openScopedFileSystem(m_root, m_limits);
        QVERIFY(fs.ok());
        QCOMPARE(fs.value()->rootPath(), m_root);
    }
};

QTEST_GUILESS_MAIN(TestScopedDirectory)
#include "TestScopedDirectory.moc"
