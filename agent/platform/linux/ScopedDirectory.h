// SPDX-License-Identifier: Apache-2.0
// Linux implementation of ScopedFileSystem: the root is held open as an O_PATH
// descriptor and every path is resolved by openat2(2) with RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS, so "..", absolute paths, symlinks and
// /proc magic links cannot leave the root, even when the tree changes during the call.
#pragma once

#include "agent/ScopedFileSystem.h"

namespace corral::agent::platform {

// An owned file descriptor, closed on destruction.
class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release();

private:
    int m_fd = -1;
};

class ScopedDirectory final : public ScopedFileSystem
{
public:
    static Result<std::unique_ptr<ScopedDirectory>> open(const QString& root, const ScopeLimits& limits);

    QString rootPath() const override { return m_rootPath; }
    const ScopeLimits& limits() const override { return m_limits; }
    Result<QByteArray> readFile(const QString& path) const override;
    Result<Listing> list(const QString& folder, const ListOptions& options) const override;
    Result<void> writeFile(const QString& path, QByteArrayView data) override;
    Result<void> makeFolders(const QString& path) override;
    Result<bool> exists(const QString& path) const override;

    // Resolves `path` beneath `base` (a descriptor inside the root) with openat2 and the
    // scoping flags; `flags` are open(2) flags (O_CLOEXEC is added). Exposed for the
    // connector's own checks and for tests.
    static Result<UniqueFd> resolveBeneath(int base, const QString& path, int flags);

private:
    ScopedDirectory(UniqueFd root, QString rootPath, ScopeLimits limits);

    UniqueFd m_root;
    QString m_rootPath;
    ScopeLimits m_limits;
};

} // namespace corral::agent::platform
