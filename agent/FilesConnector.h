// SPDX-License-Identifier: Apache-2.0
// The files connector: a manifest's folder settings (roots, read or read-write,
// include/exclude globs, size and count limits) applied on top of ScopedFileSystem.
// Paths come from run inputs and are hostile: they are normalised lexically only to
// apply the globs, refused if they contain "..", and then resolved by the kernel.
#pragma once

#include "agent/Glob.h"
#include "agent/ScopedFileSystem.h"

#include <QJsonObject>

namespace corral::agent {

struct FilesConnectorSettings
{
    QStringList roots; // absolute folders
    bool writable = false;
    QStringList include;
    QStringList exclude;
    qint64 maxFileBytes = 10 * 1024 * 1024;
    int maxFiles = 1000;
    bool allowHardLinks = false;

    // From a manifest connector object: {"roots": [...], "mode": "read" | "read-write",
    // "include": [...], "exclude": [...], "max_file_bytes": n, "max_files": n,
    // "allow_hardlinks": bool}. Error code: connector.settings.
    static Result<FilesConnectorSettings> fromJson(const QJsonObject& json);
};

class FilesConnector
{
public:
    // Opens every root. With one root, paths are relative to it; with several, a path's
    // first segment is the root folder's name (e.g. "Reports/q3.txt").
    static Result<std::unique_ptr<FilesConnector>> open(const FilesConnectorSettings& settings);

    const FilesConnectorSettings& settings() const { return m_settings; }

    // Errors: the ScopeError codes, plus scope.excluded when the globs leave the file out.
    Result<QByteArray> read(const QString& path) const;
    Result<Listing> list(const QString& folder, bool recursive) const;
    // Creates missing parent folders (beneath the root) first.
    Result<void> write(const QString& path, QByteArrayView data);
    Result<bool> exists(const QString& path) const;

private:
    struct Root
    {
        QString name;
        std::unique_ptr<ScopedFileSystem> fs;
    };
    struct Target
    {
        ScopedFileSystem* fs = nullptr;
        QString relative; // normalised, relative to the root ("" for the root itself)
    };

    explicit FilesConnector(FilesConnectorSettings settings);
    Result<Target> locate(const QString& path, bool allowRoot) const;
    Result<void> checkGlobs(const Target& target, const QString& path) const;

    FilesConnectorSettings m_settings;
    QList<Glob> m_include;
    QList<Glob> m_exclude;
    std::vector<Root> m_roots;
};

} // namespace corral::agent
