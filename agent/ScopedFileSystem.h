// SPDX-License-Identifier: Apache-2.0
// File access confined to one root folder, for the files connector. Paths are relative
// to the root and treated as hostile: the platform layer has the kernel resolve them
// beneath the root (never string comparison), refuses symlinks, magic links, non-regular
// files and (unless allowed) hard-linked files, and writes atomically.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace corral::agent {

// Error codes returned by every ScopedFileSystem operation.
namespace ScopeError {
inline const QString Escape = QStringLiteral("scope.escape");            // resolves outside the root (.., absolute)
inline const QString Symlink = QStringLiteral("scope.symlink");          // a symlink or magic link on the path
inline const QString NotRegular = QStringLiteral("scope.not-regular");   // directory, FIFO, device, socket
inline const QString HardLink = QStringLiteral("scope.hardlink");        // st_nlink > 1 and not allowed
inline const QString TooLarge = QStringLiteral("scope.too-large");       // over the size limit
inline const QString NotFound = QStringLiteral("scope.not-found");       // missing, or a parent is not a folder
inline const QString ReadOnly = QStringLiteral("scope.read-only");       // write in a read-only scope
inline const QString InvalidPath = QStringLiteral("scope.invalid-path"); // empty, NUL byte, no file name
inline const QString Denied = QStringLiteral("scope.denied");            // the operating system refused access
inline const QString Changed = QStringLiteral("scope.changed");          // replaced while being opened
inline const QString Io = QStringLiteral("scope.io");                    // any other input/output failure
} // namespace ScopeError

struct ScopeLimits
{
    qint64 maxReadBytes = 10 * 1024 * 1024;
    qint64 maxWriteBytes = 10 * 1024 * 1024;
    bool writable = false;
    bool allowHardLinks = false;
};

struct ScopedEntry
{
    enum class Type { File, Directory, Symlink, Other };
    QString path; // relative to the root, '/'-separated
    Type type = Type::Other;
    qint64 size = 0;

    bool operator==(const ScopedEntry&) const = default;
};

// Filters for list(). Globs follow Glob.h: a pattern without '/' matches the entry's
// name, one with '/' its path relative to the root. Folders that the include globs do
// not match are still descended into; excluded folders are not.
struct ListOptions
{
    QStringList include; // empty: everything
    QStringList exclude;
    int maxEntries = 1000;
    bool recursive = false;
    int maxDepth = 16;
};

struct Listing
{
    QList<ScopedEntry> entries; // sorted depth-first by name
    bool truncated = false;     // more entries matched than maxEntries
};

class ScopedFileSystem
{
public:
    virtual ~ScopedFileSystem() = default;

    // The root as given when opened, for messages.
    virtual QString rootPath() const = 0;
    virtual const ScopeLimits& limits() const = 0;

    // The whole content of a regular file, at most limits().maxReadBytes.
    virtual Result<QByteArray> readFile(const QString& path) const = 0;
    // Lists a folder ("" or "." for the root) without following symlinks; symlinks are
    // reported as such.
    virtual Result<Listing> list(const QString& folder, const ListOptions& options) const = 0;
    // Replaces or creates a regular file atomically: readers see the old or the new
    // content, never a mix, and a failure leaves the old file and no temporary file. The
    // folder must exist.
    virtual Result<void> writeFile(const QString& path, QByteArrayView data) = 0;
    // Creates the folder `path` and any missing parents, each beneath the root and never
    // through a symlink. Errors as writeFile (scope.read-only in a read-only scope).
    virtual Result<void> makeFolders(const QString& path) = 0;
    // Whether something (of any type) is at `path`. Errors: scope errors other than
    // scope.not-found.
    virtual Result<bool> exists(const QString& path) const = 0;
};

// Opens `root` (an existing folder, absolute path from trusted configuration) with the
// platform's implementation. Errors: scope.not-found, scope.not-regular (not a folder),
// scope.denied.
Result<std::unique_ptr<ScopedFileSystem>> openScopedFileSystem(const QString& root, const ScopeLimits& limits);

} // namespace corral::agent
