// SPDX-License-Identifier: Apache-2.0
#include "BundleManifest.h"

#include "BundleErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <cmath>

namespace corral::bundle {

namespace {

Error invalid(const QString& message)
{
    return makeError(errc::kManifestInvalid, QStringLiteral(".manifest: %1").arg(message));
}

QString trimSlashes(QString path)
{
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

bool isPackageName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"));
    return re.match(name).hasMatch();
}

// A JSON number that is an exact integer in [lo, hi].
std::optional<qint64> integerValue(const QJsonValue& v, qint64 lo, qint64 hi)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < double(lo) || d > double(hi))
        return std::nullopt;
    return qint64(d);
}

} // namespace

bool pathIsUnder(const QString& path, const QString& root)
{
    if (root.isEmpty())
        return true;
    if (!path.startsWith(root))
        return false;
    return path.size() == root.size() || path.at(root.size()) == QLatin1Char('/');
}

Result<BundleManifest> BundleManifest::parse(const QByteArray& json)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(
            QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return invalid(QStringLiteral("must be a JSON object"));

    BundleManifest m;
    QJsonObject obj = doc.object();

    const QJsonValue revision = obj.take(QLatin1String("revision"));
    if (!revision.isUndefined() && !revision.isString())
        return invalid(QStringLiteral("`revision` must be a string"));
    m.revision = revision.toString();

    const QJsonValue roots = obj.take(QLatin1String("roots"));
    if (!roots.isUndefined()) {
        if (!roots.isArray())
            return invalid(QStringLiteral("`roots` must be an array of strings"));
        m.roots.clear();
        for (const QJsonValue& root : roots.toArray()) {
            if (!root.isString())
                return invalid(QStringLiteral("`roots` must be an array of strings"));
            m.roots.append(trimSlashes(root.toString()));
        }
    }
    for (qsizetype i = 0; i < m.roots.size(); ++i) {
        for (qsizetype j = i + 1; j < m.roots.size(); ++j) {
            if (pathIsUnder(m.roots[i], m.roots[j]) || pathIsUnder(m.roots[j], m.roots[i]))
                return makeError(
                    errc::kRootsOverlap,
                    QStringLiteral(".manifest: roots \"%1\" and \"%2\" overlap").arg(m.roots[i], m.roots[j]));
        }
    }

    const QJsonValue regoVersion = obj.take(QLatin1String("rego_version"));
    if (!regoVersion.isUndefined()) {
        const auto v = integerValue(regoVersion, 0, 1);
        if (!v)
            return invalid(QStringLiteral("`rego_version` must be 0 or 1"));
        m.regoVersion = int(*v);
    }

    const QJsonValue fileVersions = obj.take(QLatin1String("file_rego_versions"));
    if (!fileVersions.isUndefined()) {
        if (!fileVersions.isObject())
            return invalid(QStringLiteral("`file_rego_versions` must be an object"));
        const QJsonObject versions = fileVersions.toObject();
        for (auto it = versions.begin(); it != versions.end(); ++it) {
            const auto v = integerValue(it.value(), 0, 1);
            if (!v)
                return invalid(QStringLiteral("`file_rego_versions` entry \"%1\" must be 0 or 1").arg(it.key()));
            m.fileRegoVersions.insert(it.key(), int(*v));
        }
    }

    QJsonObject metadata;
    const QJsonValue metadataValue = obj.take(QLatin1String("metadata"));
    if (!metadataValue.isUndefined() && !metadataValue.isObject())
        return invalid(QStringLiteral("`metadata` must be an object"));
    metadata = metadataValue.toObject();

    const QJsonValue serial = metadata.take(QLatin1String("serial"));
    if (serial.isUndefined())
        return invalid(QStringLiteral("`metadata.serial` is missing"));
    const auto serialValue = integerValue(serial, 1, kMaxSerial);
    if (!serialValue)
        return invalid(QStringLiteral("`metadata.serial` must be an integer from 1 to 2^53"));
    m.serial = *serialValue;

    const QJsonValue decision = metadata.take(QLatin1String("decision"));
    if (!decision.isUndefined()) {
        if (!decision.isArray() || decision.toArray().isEmpty())
            return invalid(QStringLiteral("`metadata.decision` must be a non-empty array of package names"));
        m.decisionPackages.clear();
        for (const QJsonValue& package : decision.toArray()) {
            if (!isPackageName(package.toString()))
                return invalid(
                    QStringLiteral("`metadata.decision` entry %1 is not a package name")
                        .arg(QString::fromUtf8(QJsonDocument(QJsonArray{package}).toJson(QJsonDocument::Compact))));
            m.decisionPackages.append(package.toString());
        }
    }
    if (!metadata.isEmpty())
        obj.insert(QLatin1String("metadata"), metadata);
    m.extra = obj;
    return m;
}

QByteArray BundleManifest::toJson() const
{
    QJsonObject obj = extra;
    QJsonObject metadata = obj.take(QLatin1String("metadata")).toObject();
    metadata.insert(QLatin1String("serial"), double(serial));
    metadata.insert(QLatin1String("decision"), QJsonArray::fromStringList(decisionPackages));
    obj.insert(QLatin1String("revision"), revision);
    obj.insert(QLatin1String("roots"), QJsonArray::fromStringList(roots));
    obj.insert(QLatin1String("rego_version"), regoVersion);
    if (!fileRegoVersions.isEmpty()) {
        QJsonObject versions;
        for (auto it = fileRegoVersions.begin(); it != fileRegoVersions.end(); ++it)
            versions.insert(it.key(), it.value());
        obj.insert(QLatin1String("file_rego_versions"), versions);
    }
    obj.insert(QLatin1String("metadata"), metadata);
    return QJsonDocument(obj).toJson(QJsonDocument::Indented);
}

int BundleManifest::regoVersionFor(const QString& path) const
{
    const QString bare = trimSlashes(path);
    for (auto it = fileRegoVersions.begin(); it != fileRegoVersions.end(); ++it) {
        const QString key = trimSlashes(it.key());
        if (key == bare)
            return it.value();
        if (key.contains(QLatin1Char('*')) || key.contains(QLatin1Char('?'))) {
            const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(key));
            if (re.match(bare).hasMatch())
                return it.value();
        }
    }
    return regoVersion;
}

bool BundleManifest::isUnderRoot(const QString& dataPath) const
{
    for (const QString& root : roots) {
        if (pathIsUnder(dataPath, root))
            return true;
    }
    return false;
}

bool BundleManifest::isAncestorOfRoot(const QString& dataPath) const
{
    for (const QString& root : roots) {
        if (root != dataPath && pathIsUnder(root, dataPath))
            return true;
    }
    return false;
}

} // namespace corral::bundle
