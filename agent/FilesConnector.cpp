// SPDX-License-Identifier: Apache-2.0
#include "FilesConnector.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace corral::agent {

namespace {

Error settingsError(const QString& what)
{
    return makeError(QStringLiteral("connector.settings"), what);
}

Result<QStringList> stringList(const QJsonObject& json, const QString& key)
{
    QStringList out;
    const QJsonValue v = json.value(key);
    if (v.isUndefined())
        return out;
    if (!v.isArray())
        return settingsError(QStringLiteral("\"%1\" must be a list of strings").arg(key));
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString() || item.toString().isEmpty())
            return settingsError(QStringLiteral("\"%1\" must be a list of non-empty strings").arg(key));
        out.append(item.toString());
    }
    return out;
}

Result<qint64> positive(const QJsonObject& json, const QString& key, qint64 fallback)
{
    const QJsonValue v = json.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInteger()) || v.toInteger() <= 0)
        return settingsError(QStringLiteral("\"%1\" must be a positive integer").arg(key));
    return v.toInteger();
}

// Splits a hostile path into segments, dropping "." and empty segments; refuses "..",
// absolute paths and NUL characters, so the globs see the path the kernel will resolve
// (symlinks being refused there).
Result<QStringList> normalise(const QString& path)
{
    if (path.contains(QChar(0)))
        return makeError(ScopeError::InvalidPath, QStringLiteral("NUL character in path"));
    if (path.startsWith(QLatin1Char('/')))
        return makeError(ScopeError::Escape, QStringLiteral("%1: absolute paths are not allowed").arg(path));
    QStringList segments;
    for (const QString& s : path.split(QLatin1Char('/'))) {
        if (s == QLatin1String(".."))
            return makeError(ScopeError::Escape, QStringLiteral("%1: \"..\" is not allowed").arg(path));
        if (!s.isEmpty() && s != QLatin1String("."))
            segments.append(s);
    }
    return segments;
}

} // namespace

Result<FilesConnectorSettings> FilesConnectorSettings::fromJson(const QJsonObject& json)
{
    static const QStringList known{QStringLiteral("id"),        QStringLiteral("roots"),
                                   QStringLiteral("mode"),      QStringLiteral("include"),
                                   QStringLiteral("exclude"),   QStringLiteral("max_file_bytes"),
                                   QStringLiteral("max_files"), QStringLiteral("allow_hardlinks")};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            return settingsError(QStringLiteral("unknown setting \"%1\"").arg(it.key()));
    }
    FilesConnectorSettings s;
    Result<QStringList> roots = stringList(json, QStringLiteral("roots"));
    if (!roots.ok())
        return roots.error();
    if (roots->isEmpty())
        return settingsError(QStringLiteral("\"roots\" must name at least one folder"));
    for (const QString& root : *roots) {
        if (!QDir::isAbsolutePath(root))
            return settingsError(QStringLiteral("root \"%1\" must be an absolute path").arg(root));
    }
    s.roots = *roots;
    const QString mode = json.value(QStringLiteral("mode")).toString(QStringLiteral("read"));
    if (mode != QLatin1String("read") && mode != QLatin1String("read-write"))
        return settingsError(QStringLiteral("\"mode\" must be \"read\" or \"read-write\""));
    s.writable = mode == QLatin1String("read-write");
    Result<QStringList> include = stringList(json, QStringLiteral("include"));
    Result<QStringList> exclude = stringList(json, QStringLiteral("exclude"));
    if (!include.ok())
        return include.error();
    if (!exclude.ok())
        return exclude.error();
    s.include = *include;
    s.exclude = *exclude;
    Result<qint64> maxBytes = positive(json, QStringLiteral("max_file_bytes"), s.maxFileBytes);
    Result<qint64> maxFiles = positive(json, QStringLiteral("max_files"), s.maxFiles);
    if (!maxBytes.ok())
        return maxBytes.error();
    if (!maxFiles.ok())
        return maxFiles.error();
    s.maxFileBytes = *maxBytes;
    s.maxFiles = static_cast<int>(std::min<qint64>(*maxFiles, 1000000));
    const QJsonValue hard = json.value(QStringLiteral("allow_hardlinks"));
    if (!hard.isUndefined() && !hard.isBool())
        return settingsError(QStringLiteral("\"allow_hardlinks\" must be true or false"));
    s.allowHardLinks = hard.toBool(false);
    return s;
}

FilesConnector::FilesConnector(FilesConnectorSettings settings)
    : m_settings(std::move(settings)), m_include(compileGlobs(m_settings.include)),
      m_exclude(compileGlobs(m_settings.exclude))
{}

Result<std::unique_ptr<FilesConnector>> FilesConnector::open(const FilesConnectorSettings& settings)
{
    std::unique_ptr<FilesConnector> connector(new FilesConnector(settings));
    ScopeLimits limits;
    limits.maxReadBytes = settings.maxFileBytes;
    limits.maxWriteBytes = settings.maxFileBytes;
    limits.writable = settings.writable;
    limits.allowHardLinks = settings.allowHardLinks;
    for (const QString& root : settings.roots) {
        Result<std::unique_ptr<ScopedFileSystem>> fs = openScopedFileSystem(root, limits);
        if (!fs.ok())
            return fs.error();
        const QString name = QFileInfo(QDir::cleanPath(root)).fileName();
        for (const Root& existing : connector->m_roots) {
            if (existing.name == name)
                return settingsError(QStringLiteral("two roots are named \"%1\"").arg(name));
        }
        connector->m_roots.push_back(Root{name, std::move(fs).value()});
    }
    return connector;
}

Result<FilesConnector::Target> FilesConnector::locate(const QString& path, bool allowRoot) const
{
    Result<QStringList> segments = normalise(path);
    if (!segments.ok())
        return segments.error();
    QStringList rest = *segments;
    ScopedFileSystem* fs = m_roots.front().fs.get();
    if (m_roots.size() > 1) {
        if (rest.isEmpty())
            return makeError(ScopeError::InvalidPath, QStringLiteral("%1: name one of the folders").arg(path));
        const QString first = rest.takeFirst();
        fs = nullptr;
        for (const Root& r : m_roots) {
            if (r.name == first)
                fs = r.fs.get();
        }
        if (!fs)
            return makeError(ScopeError::NotFound, QStringLiteral("%1: no folder named \"%2\"").arg(path, first));
    }
    if (rest.isEmpty() && !allowRoot)
        return makeError(ScopeError::InvalidPath, QStringLiteral("%1: does not name a file").arg(path));
    return Target{fs, rest.join(QLatin1Char('/'))};
}

Result<void> FilesConnector::checkGlobs(const Target& target, const QString& path) const
{
    if (matchesAny(m_exclude, target.relative) || (!m_include.isEmpty() && !matchesAny(m_include, target.relative)))
        return makeError(QStringLiteral("scope.excluded"),
                         QStringLiteral("%1: excluded by the connector's settings").arg(path));
    return {};
}

Result<QByteArray> FilesConnector::read(const QString& path) const
{
    Result<Target> target = locate(path, false);
    if (!target.ok())
        return target.error();
    if (Result<void> r = checkGlobs(*target, path); !r.ok())
        return r.error();
    return target->fs->readFile(target->relative);
}

Result<Listing> FilesConnector::list(const QString& folder, bool recursive) const
{
    Result<Target> target = locate(folder, true);
    if (!target.ok())
        return target.error();
    ListOptions options;
    options.include = m_settings.include;
    options.exclude = m_settings.exclude;
    options.maxEntries = m_settings.maxFiles;
    options.recursive = recursive;
    return target->fs->list(target->relative, options);
}

Result<void> FilesConnector::write(const QString& path, QByteArrayView data)
{
    if (!m_settings.writable)
        return makeError(ScopeError::ReadOnly, QStringLiteral("%1: the connector is read-only").arg(path));
    Result<Target> target = locate(path, false);
    if (!target.ok())
        return target.error();
    if (Result<void> r = checkGlobs(*target, path); !r.ok())
        return r;
    const qsizetype slash = target->relative.lastIndexOf(QLatin1Char('/'));
    if (slash > 0) {
        if (Result<void> made = target->fs->makeFolders(target->relative.left(slash)); !made.ok())
            return made;
    }
    return target->fs->writeFile(target->relative, data);
}

Result<bool> FilesConnector::exists(const QString& path) const
{
    Result<Target> target = locate(path, false);
    if (!target.ok())
        return target.error();
    return target->fs->exists(target->relative);
}

} // namespace corral::agent
