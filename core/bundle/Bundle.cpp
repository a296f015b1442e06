// SPDX-License-Identifier: Apache-2.0
#include "Bundle.h"

#include "BundleErrors.h"

#include <QStringDecoder>
#include <optional>

namespace corral::bundle {

using policy::ObjectItems;
using policy::Value;

namespace {

bool isIdentStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isIdentChar(char c)
{
    return isIdentStart(c) || (c >= '0' && c <= '9');
}

bool isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString ignored = decoder(bytes);
    Q_UNUSED(ignored);
    return !decoder.hasError();
}

// Merges `incoming` into `existing`: objects merge key by key, anything else may only land
// where nothing is yet.
std::optional<Value> mergeValues(const std::optional<Value>& existing, const Value& incoming)
{
    if (!existing)
        return incoming;
    if (!existing->isObject() || !incoming.isObject())
        return std::nullopt;
    ObjectItems items = existing->asObject();
    for (const auto& [key, value] : incoming.asObject()) {
        auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.first == key; });
        const std::optional<Value> current = it == items.end() ? std::nullopt : std::optional<Value>(it->second);
        const std::optional<Value> merged = mergeValues(current, value);
        if (!merged)
            return std::nullopt;
        if (it == items.end())
            items.emplace_back(key, *merged);
        else
            it->second = *merged;
    }
    return Value::object(std::move(items));
}

std::optional<Value> insertAt(const std::optional<Value>& existing, const QStringList& segments, qsizetype index,
                              const Value& incoming)
{
    if (index == segments.size())
        return mergeValues(existing, incoming);
    if (existing && !existing->isObject())
        return std::nullopt;
    const Value key = Value::string(segments[index].toStdString());
    ObjectItems items = existing ? existing->asObject() : ObjectItems{};
    auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.first == key; });
    const std::optional<Value> child = it == items.end() ? std::nullopt : std::optional<Value>(it->second);
    const std::optional<Value> updated = insertAt(child, segments, index + 1, incoming);
    if (!updated)
        return std::nullopt;
    if (it == items.end())
        items.emplace_back(key, *updated);
    else
        it->second = *updated;
    return Value::object(std::move(items));
}

// The first data path in `value` (placed at `path`) that lies under no root, if any.
std::optional<QString> dataOutsideRoots(const BundleManifest& manifest, const QString& path, const Value& value)
{
    if (manifest.isUnderRoot(path))
        return std::nullopt;
    if (!manifest.isAncestorOfRoot(path) || !value.isObject())
        return path;
    for (const auto& [key, child] : value.asObject()) {
        const QString keyText =
            key.isString() ? QString::fromStdString(key.asString()) : QString::fromStdString(key.toString());
        const QString childPath = path.isEmpty() ? keyText : path + QLatin1Char('/') + keyText;
        if (auto outside = dataOutsideRoots(manifest, childPath, child))
            return outside;
    }
    return std::nullopt;
}

} // namespace

QStringList regoPackageOf(const QByteArray& source)
{
    const char* p = source.constData();
    const char* end = p + source.size();
    auto skipSpaceAndComments = [&] {
        while (p < end) {
            if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
                ++p;
            } else if (*p == '#') {
                while (p < end && *p != '\n')
                    ++p;
            } else {
                break;
            }
        }
    };
    skipSpaceAndComments();
    static constexpr char kKeyword[] = "package";
    const qsizetype keywordLength = qsizetype(sizeof(kKeyword)) - 1;
    if (end - p <= keywordLength || std::string_view(p, size_t(keywordLength)) != kKeyword ||
        !(p[keywordLength] == ' ' || p[keywordLength] == '\t'))
        return {};
    p += keywordLength;
    while (p < end && (*p == ' ' || *p == '\t'))
        ++p;

    QStringList segments;
    auto readIdent = [&]() -> bool {
        if (p >= end || !isIdentStart(*p))
            return false;
        const char* start = p;
        while (p < end && isIdentChar(*p))
            ++p;
        segments.append(QString::fromLatin1(start, p - start));
        return true;
    };
    if (!readIdent())
        return {};
    while (p < end) {
        if (*p == '.') {
            ++p;
            if (!readIdent())
                return {};
        } else if (*p == '[') {
            ++p;
            if (p >= end || *p != '"')
                return {};
            ++p;
            QByteArray text;
            while (p < end && *p != '"') {
                if (*p == '\\' && p + 1 < end)
                    ++p;
                if (*p == '\n')
                    return {};
                text.append(*p++);
            }
            if (p + 1 >= end || p[1] != ']')
                return {};
            p += 2;
            segments.append(QString::fromUtf8(text));
        } else {
            break;
        }
    }
    if (p < end && !(*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '#' || *p == ';'))
        return {};
    return segments;
}

Result<Bundle> Bundle::fromArchive(const QByteArray& archive, const BundleLimits& limits)
{
    Result<std::vector<ArchiveFile>> files = readArchive(archive, limits);
    if (!files)
        return files.error();
    return fromFiles(*files);
}

Result<Bundle> Bundle::fromFiles(const std::vector<ArchiveFile>& files)
{
    Bundle bundle;
    const ArchiveFile* manifestFile = nullptr;
    for (const ArchiveFile& file : files) {
        bundle.m_unpackedSize += file.contents.size();
        if (file.path == QLatin1String(".manifest"))
            manifestFile = &file;
    }
    if (!manifestFile)
        return makeError(errc::kManifestMissing, QStringLiteral("the bundle has no .manifest"));
    Result<BundleManifest> manifest = BundleManifest::parse(manifestFile->contents);
    if (!manifest)
        return manifest.error();
    bundle.m_manifest = std::move(*manifest);
    const BundleManifest& m = bundle.m_manifest;

    std::optional<Value> data = Value::emptyObject();
    for (const ArchiveFile& file : files) {
        const QString& path = file.path;
        const QString fileName = path.section(QLatin1Char('/'), -1);
        if (path == QLatin1String(".manifest"))
            continue;
        if (path.endsWith(QLatin1String(".rego"))) {
            if (!isValidUtf8(file.contents))
                return makeError(errc::kRegoInvalid, QStringLiteral("%1: not valid UTF-8").arg(path));
            const QStringList package = regoPackageOf(file.contents);
            if (package.isEmpty())
                return makeError(errc::kRegoInvalid,
                                 QStringLiteral("%1: the module does not start with a package clause").arg(path));
            const QString packagePath = package.join(QLatin1Char('/'));
            if (!m.isUnderRoot(packagePath))
                return makeError(errc::kOutsideRoots,
                                 QStringLiteral("%1: package %2 is outside the bundle roots (%3)")
                                     .arg(path, package.join(QLatin1Char('.')), m.roots.join(QLatin1String(", "))));
            bundle.m_modules.push_back(BundleModule{path, file.contents, m.regoVersionFor(path),
                                                    package.join(QLatin1Char('.')),
                                                    path.endsWith(QLatin1String("_test.rego"))});
            continue;
        }
        if (fileName == QLatin1String("data.json")) {
            Result<Value> value =
                Value::fromJson(std::string_view(file.contents.constData(), size_t(file.contents.size())));
            if (!value)
                return makeError(errc::kDataInvalid,
                                 QStringLiteral("%1: not valid JSON: %2").arg(path, value.error().message));
            const QString dataPath =
                path.contains(QLatin1Char('/')) ? path.section(QLatin1Char('/'), 0, -2) : QString();
            if (auto outside = dataOutsideRoots(m, dataPath, *value))
                return makeError(errc::kOutsideRoots,
                                 QStringLiteral("%1: data path \"%2\" is outside the bundle roots (%3)")
                                     .arg(path, *outside, m.roots.join(QLatin1String(", "))));
            const QStringList segments = dataPath.isEmpty() ? QStringList{} : dataPath.split(QLatin1Char('/'));
            if (segments.isEmpty() && !value->isObject())
                return makeError(errc::kDataInvalid,
                                 QStringLiteral("%1: the top-level data.json must hold an object").arg(path));
            data = insertAt(data, segments, 0, *value);
            if (!data)
                return makeError(errc::kDataConflict,
                                 QStringLiteral("%1: conflicts with data another file already defines").arg(path));
            bundle.m_dataFiles.push_back(BundleDataFile{path, dataPath, file.contents.size()});
            continue;
        }
        QString hint;
        if (fileName == QLatin1String(".signatures.json"))
            hint = QStringLiteral(" (Corral bundles carry a detached .minisig signature instead)");
        return makeError(errc::kEntryUnexpected,
                         QStringLiteral("%1: not a bundle file (.manifest, *.rego or data.json)%2").arg(path, hint));
    }
    bundle.m_data = *data;

    for (const QString& package : m.decisionPackages) {
        const bool defined = std::any_of(bundle.m_modules.begin(), bundle.m_modules.end(),
                                         [&](const BundleModule& module) { return module.package == package; });
        if (!defined)
            return makeError(
                errc::kDecisionPackage,
                QStringLiteral(".manifest: decision package %1 is not defined by any module").arg(package));
    }
    return bundle;
}

} // namespace corral::bundle
