// SPDX-License-Identifier: Apache-2.0
#include "ScopedDirectory.h"

#include "agent/Glob.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace corral::agent::platform {

namespace {

constexpr quint64 kResolveFlags = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
// openat2 answers EAGAIN when a rename raced with a RESOLVE_BENEATH lookup; the lookup is
// safe to repeat, a few times.
constexpr int kResolveAttempts = 8;
constexpr qsizetype kMaxNamesPerFolder = 100000;

Error scopeError(const QString& code, const QString& path, const QString& what)
{
    return makeError(code, QStringLiteral("%1: %2").arg(path, what));
}

Error errnoError(int err, const QString& path)
{
    switch (err) {
    case EXDEV:
        return scopeError(ScopeError::Escape, path, QStringLiteral("resolves outside the allowed folder"));
    case ELOOP:
        return scopeError(ScopeError::Symlink, path, QStringLiteral("symbolic links are not followed"));
    case ENOENT:
    case ENOTDIR:
        return scopeError(ScopeError::NotFound, path, QStringLiteral("no such file or folder"));
    case EACCES:
    case EPERM:
        return scopeError(ScopeError::Denied, path, QStringLiteral("access denied by the system"));
    case ENAMETOOLONG:
        return scopeError(ScopeError::InvalidPath, path, QStringLiteral("path too long"));
    case EAGAIN:
        return scopeError(ScopeError::Changed, path, QStringLiteral("the folder kept changing while it was opened"));
    case EISDIR:
        return scopeError(ScopeError::NotRegular, path, QStringLiteral("is a folder"));
    case EFBIG:
    case ENOSPC:
    case EDQUOT:
        return scopeError(ScopeError::TooLarge, path, QString::fromUtf8(std::strerror(err)));
    default:
        return scopeError(ScopeError::Io, path, QString::fromUtf8(std::strerror(err)));
    }
}

Result<void> checkPath(const QString& path)
{
    if (path.isEmpty())
        return scopeError(ScopeError::InvalidPath, path, QStringLiteral("empty path"));
    if (path.contains(QChar(0)))
        return scopeError(ScopeError::InvalidPath, QString(path).replace(QChar(0), QStringLiteral("\\0")),
                          QStringLiteral("NUL character in path"));
    return {};
}

// Why a file may not be read or replaced, or an empty string.
QString refusalCode(const struct stat& st, bool allowHardLinks)
{
    if (!S_ISREG(st.st_mode))
        return ScopeError::NotRegular;
    if (st.st_nlink > 1 && !allowHardLinks)
        return ScopeError::HardLink;
    return {};
}

Error refusal(const QString& code, const QString& path, const struct stat& st)
{
    if (code == ScopeError::HardLink)
        return scopeError(code, path, QStringLiteral("has %1 hard links").arg(st.st_nlink));
    const char* kind = S_ISDIR(st.st_mode)    ? "a folder"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                                              : "not a regular file";
    return scopeError(code, path, QStringLiteral("is %1").arg(QLatin1String(kind)));
}

bool writeAll(int fd, const char* data, qsizetype size, int& err)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(std::min<qsizetype>(size, 1 << 20)));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

ScopedEntry::Type entryType(mode_t mode)
{
    if (S_ISREG(mode))
        return ScopedEntry::Type::File;
    if (S_ISDIR(mode))
        return ScopedEntry::Type::Directory;
    if (S_ISLNK(mode))
        return ScopedEntry::Type::Symlink;
    return ScopedEntry::Type::Other;
}

struct ListState
{
    const ListOptions& options;
    QList<Glob> include;
    QList<Glob> exclude;
    Listing listing;
};

// Lists the folder open as `dirFd` (shown as `prefix`), depth-first in name order.
Result<void> listInto(int dirFd, const QString& prefix, int depth, ListState& state)
{
    const int dupFd = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    if (dupFd < 0)
        return errnoError(errno, prefix);
    DIR* dir = ::fdopendir(dupFd);
    if (!dir) {
        const int err = errno;
        ::close(dupFd);
        return errnoError(err, prefix);
    }
    // Names are sorted before filtering, so a folder's names are held at once; a cap keeps
    // a folder with millions of entries from exhausting memory.
    QList<QByteArray> names;
    while (dirent* e = ::readdir(dir)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        if (names.size() >= kMaxNamesPerFolder) {
            state.listing.truncated = true;
            break;
        }
        names.append(QByteArray(e->d_name));
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());

    for (const QByteArray& name : names) {
        struct stat st;
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // removed since readdir
        const QString relative =
            prefix.isEmpty() ? QString::fromUtf8(name) : prefix + QLatin1Char('/') + QString::fromUtf8(name);
        if (matchesAny(state.exclude, relative))
            continue;
        if (state.include.isEmpty() || matchesAny(state.include, relative)) {
            if (state.listing.entries.size() >= state.options.maxEntries) {
                state.listing.truncated = true;
                return {};
            }
            state.listing.entries.append(
                ScopedEntry{relative, entryType(st.st_mode), S_ISREG(st.st_mode) ? qint64(st.st_size) : 0});
        }
        if (S_ISDIR(st.st_mode) && state.options.recursive && depth + 1 < state.options.maxDepth) {
            // Open the child beneath its parent with the same rules: if it was swapped for
            // a symlink since fstatat, this fails and the child is skipped.
            Result<UniqueFd> child =
                ScopedDirectory::resolveBeneath(dirFd, QString::fromUtf8(name), O_RDONLY | O_DIRECTORY | O_NONBLOCK);
            if (!child.ok())
                continue;
            Result<void> r = listInto(child->get(), relative, depth + 1, state);
            if (!r.ok())
                return r;
            if (state.listing.truncated)
                return {};
        }
    }
    return {};
}

} // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

int UniqueFd::release()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

ScopedDirectory::ScopedDirectory(UniqueFd root, QString rootPath, ScopeLimits limits)
    : m_root(std::move(root)), m_rootPath(std::move(rootPath)), m_limits(limits)
{}

Result<std::unique_ptr<ScopedDirectory>> ScopedDirectory::open(const QString& root, const ScopeLimits& limits)
{
    if (Result<void> r = checkPath(root); !r.ok())
        return r.error();
    // The root itself comes from trusted configuration and may contain symlinks (e.g. a
    // home folder on another disk); only what lies beneath it is confined.
    const int fd = ::open(root.toUtf8().constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOTDIR)
            return scopeError(ScopeError::NotRegular, root, QStringLiteral("is not a folder"));
        return errnoError(err, root);
    }
    return std::unique_ptr<ScopedDirectory>(new ScopedDirectory(UniqueFd(fd), root, limits));
}

Result<UniqueFd> ScopedDirectory::resolveBeneath(int base, const QString& path, int flags)
{
    if (Result<void> r = checkPath(path); !r.ok())
        return r.error();
    const QByteArray encoded = path.toUtf8();
    struct open_how how;
    std::memset(&how, 0, sizeof how);
    how.flags = static_cast<quint64>(flags | O_CLOEXEC);
    how.resolve = kResolveFlags;
    int err = 0;
    for (int attempt = 0; attempt < kResolveAttempts; ++attempt) {
        const long fd = ::syscall(SYS_openat2, base, encoded.constData(), &how, sizeof how);
        if (fd >= 0)
            return UniqueFd(static_cast<int>(fd));
        err = errno;
        if (err != EAGAIN && err != EINTR)
            break;
    }
    return errnoError(err, path);
}

Result<QByteArray> ScopedDirectory::readFile(const QString& path) const
{
    // First an O_PATH descriptor, which opens nothing (no FIFO wait, no device open):
    // only a regular file is then opened for reading.
    Result<UniqueFd> located = resolveBeneath(m_root.get(), path, O_PATH);
    if (!located.ok())
        return located.error();
    struct stat before;
    if (::fstat(located->get(), &before) != 0)
        return errnoError(errno, path);
    if (const QString code = refusalCode(before, m_limits.allowHardLinks); !code.isEmpty())
        return refusal(code, path, before);
    if (before.st_size > m_limits.maxReadBytes) {
        return scopeError(
            ScopeError::TooLarge, path,
            QStringLiteral("%1 bytes, more than the limit of %2").arg(before.st_size).arg(m_limits.maxReadBytes));
    }

    // Open again for reading and check it is still the same file: it may have been
    // replaced between the two lookups. O_NONBLOCK keeps a swapped-in FIFO from blocking.
    Result<UniqueFd> opened = resolveBeneath(m_root.get(), path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (!opened.ok())
        return opened.error();
    struct stat st;
    if (::fstat(opened->get(), &st) != 0)
        return errnoError(errno, path);
    if (st.st_dev != before.st_dev || st.st_ino != before.st_ino)
        return scopeError(ScopeError::Changed, path, QStringLiteral("was replaced while being opened"));
    if (const QString code = refusalCode(st, m_limits.allowHardLinks); !code.isEmpty())
        return refusal(code, path, st);

    // Read at most one byte more than the limit, to notice a file that grew meanwhile.
    QByteArray data;
    data.resize(std::min<qint64>(st.st_size, m_limits.maxReadBytes) + 1);
    qint64 total = 0;
    for (;;) {
        if (total == data.size()) {
            if (total > m_limits.maxReadBytes)
                break;
            data.resize(std::min<qint64>(data.size() * 2, m_limits.maxReadBytes + 1));
        }
        const ssize_t n = ::read(opened->get(), data.data() + total, static_cast<size_t>(data.size() - total));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errnoError(errno, path);
        }
        if (n == 0)
            break;
        total += n;
    }
    if (total > m_limits.maxReadBytes)
        return scopeError(ScopeError::TooLarge, path,
                          QStringLiteral("grew beyond the limit of %1 bytes").arg(m_limits.maxReadBytes));
    data.resize(total);
    return data;
}

Result<Listing> ScopedDirectory::list(const QString& folder, const ListOptions& options) const
{
    const QString target = folder.isEmpty() ? QStringLiteral(".") : folder;
    Result<UniqueFd> dir = resolveBeneath(m_root.get(), target, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
    if (!dir.ok()) {
        if (dir.error().code == ScopeError::NotFound || dir.error().code == ScopeError::Io) {
            // Tell "not a folder" apart from "missing" for a clearer message.
            Result<UniqueFd> any = resolveBeneath(m_root.get(), target, O_PATH);
            struct stat st;
            if (any.ok() && ::fstat(any->get(), &st) == 0 && !S_ISDIR(st.st_mode))
                return refusal(ScopeError::NotRegular, target, st);
        }
        return dir.error();
    }
    ListState state{options, compileGlobs(options.include), compileGlobs(options.exclude), {}};
    // Entries are named relative to the root, and the globs see those names.
    QString prefix = folder;
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    if (prefix == QLatin1String("."))
        prefix.clear();
    Result<void> r = listInto(dir->get(), prefix, 0, state);
    if (!r.ok())
        return r.error();
    return state.listing;
}

Result<void> ScopedDirectory::writeFile(const QString& path, QByteArrayView data)
{
    if (!m_limits.writable)
        return scopeError(ScopeError::ReadOnly, path, QStringLiteral("the folder is read-only for this app"));
    if (Result<void> r = checkPath(path); !r.ok())
        return r;
    if (data.size() > m_limits.maxWriteBytes) {
        return scopeError(
            ScopeError::TooLarge, path,
            QStringLiteral("%1 bytes, more than the limit of %2").arg(data.size()).arg(m_limits.maxWriteBytes));
    }
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString parent = slash < 0 ? QStringLiteral(".") : (slash == 0 ? QStringLiteral("/") : path.left(slash));
    const QString leaf = path.mid(slash + 1);
    if (leaf.isEmpty() || leaf == QLatin1String(".") || leaf == QLatin1String(".."))
        return scopeError(ScopeError::InvalidPath, path, QStringLiteral("does not name a file"));

    Result<UniqueFd> dir = resolveBeneath(m_root.get(), parent, O_PATH | O_DIRECTORY);
    if (!dir.ok())
        return dir.error();
    const QByteArray leafName = leaf.toUtf8();

    mode_t mode = 0644;
    struct stat existing;
    if (::fstatat(dir->get(), leafName.constData(), &existing, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(existing.st_mode))
            return scopeError(ScopeError::Symlink, path, QStringLiteral("symbolic links are not replaced"));
        if (const QString code = refusalCode(existing, m_limits.allowHardLinks); !code.isEmpty())
            return refusal(code, path, existing);
        mode = existing.st_mode & 07777;
    } else if (errno != ENOENT) {
        return errnoError(errno, path);
    }

    // A new name beside the target (same folder, so same file system for the rename),
    // created exclusively and never through a symlink.
    QByteArray tempName;
    int tempFd = -1;
    for (int attempt = 0; attempt < 16 && tempFd < 0; ++attempt) {
        tempName = ".corral-" + QByteArray::number(QRandomGenerator::system()->generate64(), 16) + ".tmp";
        tempFd = ::openat(dir->get(), tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (tempFd < 0 && errno != EEXIST)
            return errnoError(errno, path);
    }
    if (tempFd < 0)
        return errnoError(EEXIST, path);
    UniqueFd temp(tempFd);

    int err = 0;
    bool ok = writeAll(temp.get(), data.data(), data.size(), err);
    if (ok && ::fchmod(temp.get(), mode) != 0) {
        err = errno;
        ok = false;
    }
    if (ok && ::fsync(temp.get()) != 0) {
        err = errno;
        ok = false;
    }
    if (ok && ::close(temp.release()) != 0) {
        err = errno;
        ok = false;
    }
    // rename(2) replaces the name atomically; if the target was swapped for a symlink
    // since the check, the symlink itself is replaced, never followed.
    if (ok && ::renameat(dir->get(), tempName.constData(), dir->get(), leafName.constData()) != 0) {
        err = errno;
        ok = false;
    }
    if (!ok) {
        ::unlinkat(dir->get(), tempName.constData(), 0);
        return errnoError(err, path);
    }
    // Make the rename itself durable.
    const int dirFd = ::openat(dir->get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

Result<void> ScopedDirectory::makeFolders(const QString& path)
{
    if (!m_limits.writable)
        return scopeError(ScopeError::ReadOnly, path, QStringLiteral("the folder is read-only for this app"));
    if (Result<void> r = checkPath(path); !r.ok())
        return r;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString done;
    for (const QString& part : parts) {
        if (part == QLatin1String(".") || part == QLatin1String(".."))
            return scopeError(ScopeError::Escape, path, QStringLiteral("leads out of the folder"));
        Result<UniqueFd> parent =
            resolveBeneath(m_root.get(), done.isEmpty() ? QStringLiteral(".") : done, O_PATH | O_DIRECTORY);
        if (!parent.ok())
            return parent.error();
        const QByteArray name = part.toUtf8();
        if (::mkdirat(parent->get(), name.constData(), 0700) != 0 && errno != EEXIST)
            return errnoError(errno, path);
        done = done.isEmpty() ? part : done + QLatin1Char('/') + part;
        // What is there now must be a real folder beneath the root (not a symlink to one).
        if (Result<UniqueFd> check = resolveBeneath(m_root.get(), done, O_PATH | O_DIRECTORY); !check.ok())
            return check.error();
    }
    return {};
}

Result<bool> ScopedDirectory::exists(const QString& path) const
{
    Result<UniqueFd> located = resolveBeneath(m_root.get(), path, O_PATH);
    if (located.ok())
        return true;
    if (located.error().code == ScopeError::NotFound)
        return false;
    // A symlink at the path is something that is there.
    if (located.error().code == ScopeError::Symlink)
        return true;
    return located.error();
}

} // namespace corral::agent::platform

namespace corral::agent {

Result<std::unique_ptr<ScopedFileSystem>> openScopedFileSystem(const QString& root, const ScopeLimits& limits)
{
    Result<std::unique_ptr<platform::ScopedDirectory>> dir = platform::ScopedDirectory::open(root, limits);
    if (!dir.ok())
        return dir.error();
    return std::unique_ptr<ScopedFileSystem>(std::move(dir).value());
}

} // namespace corral::agent
