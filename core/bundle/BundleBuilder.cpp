// SPDX-License-Identifier: Apache-2.0
#include "BundleBuilder.h"

#include "Bundle.h"
#include "BundleErrors.h"
#include "Paths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace corral::bundle {

namespace {

Error inputError(const QString& message)
{
    return makeError(errc::kBuildInput, message);
}

Result<QByteArray> readSource(const QString& path, qsizetype maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return inputError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    if (file.size() > maxBytes)
        return makeError(errc::kTooLarge, QStringLiteral("%1: larger than %2 bytes").arg(path).arg(maxBytes));
    return file.readAll();
}

bool isBundleFile(const QString& relativePath)
{
    const QString name = relativePath.section(QLatin1Char('/'), -1);
    return relativePath == QLatin1String(".manifest") || name.endsWith(QLatin1String(".rego")) ||
           name == QLatin1String("data.json");
}

// Hidden folders and files (.git, editor state) are never part of a bundle; only the
// top-level .manifest is.
bool isHiddenBelowRoot(const QString& relativePath)
{
    if (relativePath == QLatin1String(".manifest"))
        return false;
    const QStringList segments = relativePath.split(QLatin1Char('/'));
    return std::any_of(segments.begin(), segments.end(),
                       [](const QString& s) { return s.startsWith(QLatin1Char('.')); });
}

// The folder's .manifest with the overrides applied, re-serialised by BundleManifest so
// types are checked before anything is packed.
Result<QByteArray> buildManifest(const QByteArray& source, const BuildOptions& options, const QString& path)
{
    QJsonParseError parseError{};
    QJsonDocument doc = QJsonDocument::fromJson(source, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(errc::kManifestInvalid, QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                                                     .arg(path, parseError.errorString())
                                                     .arg(parseError.offset));
    QJsonObject obj = doc.object();
    if (options.revision)
        obj.insert(QLatin1String("revision"), *options.revision);
    if (options.serial) {
        QJsonObject metadata = obj.value(QLatin1String("metadata")).toObject();
        metadata.insert(QLatin1String("serial"), double(*options.serial));
        obj.insert(QLatin1String("metadata"), metadata);
    }
    Result<BundleManifest> manifest = BundleManifest::parse(QJsonDocument(obj).toJson(QJsonDocument::Compact));
    if (!manifest)
        return manifest.error();
    return manifest->toJson();
}

} // namespace

Result<QByteArray> buildBundle(const QString& sourceDir, const BuildOptions& options)
{
    const QDir root(sourceDir);
    if (!root.exists())
        return inputError(QStringLiteral("%1: no such folder").arg(sourceDir));

    QStringList relativePaths;
    QDirIterator it(sourceDir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = root.relativeFilePath(path);
        if (!isBundleFile(relative) || isHiddenBelowRoot(relative))
            continue;
        if (info.isSymLink())
            return inputError(QStringLiteral("%1: is a symbolic link; bundles hold regular files only").arg(path));
        if (!info.isFile())
            continue;
        relativePaths.append(relative);
    }
    std::sort(relativePaths.begin(), relativePaths.end());
    if (!relativePaths.contains(QLatin1String(".manifest")))
        return makeError(errc::kManifestMissing, QStringLiteral("%1: no .manifest in the folder").arg(sourceDir));

    std::vector<ArchiveFile> files;
    for (const QString& relative : relativePaths) {
        const QString path = root.filePath(relative);
        if (normaliseEntryPath(relative) != relative)
            return makeError(errc::kEntryPath, QStringLiteral("%1: a name bundles cannot carry").arg(path));
        Result<QByteArray> contents = readSource(path, options.limits.maxUnpackedBytes);
        if (!contents)
            return contents.error();
        if (relative == QLatin1String(".manifest")) {
            contents = buildManifest(*contents, options, path);
            if (!contents)
                return contents.error();
        }
        files.push_back(ArchiveFile{relative, std::move(*contents)});
    }
    for (const DataMount& mount : options.mounts) {
        const QString target =
            mount.dataPath.isEmpty() ? QStringLiteral("data.json") : mount.dataPath + QStringLiteral("/data.json");
        if (normaliseEntryPath(target) != target)
            return inputError(QStringLiteral("%1: not a valid data path").arg(mount.dataPath));
        if (std::any_of(files.begin(), files.end(), [&](const ArchiveFile& f) { return f.path == target; }))
            return inputError(QStringLiteral("%1: the folder already has %2").arg(mount.file, target));
        Result<QByteArray> contents = readSource(mount.file, options.limits.maxUnpackedBytes);
        if (!contents)
            return contents.error();
        files.push_back(ArchiveFile{target, std::move(*contents)});
    }
    // .manifest first, as OPA writes it, then the rest by path.
    std::stable_sort(files.begin(), files.end(), [](const ArchiveFile& a, const ArchiveFile& b) {
        const bool am = a.path == QLatin1String(".manifest");
        const bool bm = b.path == QLatin1String(".manifest");
        if (am != bm)
            return am;
        return a.path < b.path;
    });

    QByteArray archive = writeArchive(files);
    Result<Bundle> check = Bundle::fromArchive(archive, options.limits);
    if (!check)
        return check.error();
    return archive;
}

QString defaultBundleSourceDir()
{
    return paths::resourcesDir() + QStringLiteral("/bundle");
}

QList<DataMount> defaultBundleMounts()
{
    const QString catalogs = paths::resourcesDir() + QStringLiteral("/catalog/");
    return {DataMount{QStringLiteral("corral/catalog/models"), catalogs + QStringLiteral("models.json")},
            DataMount{QStringLiteral("corral/catalog/connectors"), catalogs + QStringLiteral("connectors.json")}};
}

Result<QByteArray> buildDefaultBundle()
{
    BuildOptions options;
    options.mounts = defaultBundleMounts();
    return buildBundle(defaultBundleSourceDir(), options);
}

} // namespace corral::bundle
