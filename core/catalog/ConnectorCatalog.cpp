// SPDX-License-Identifier: Apache-2.0
#include "ConnectorCatalog.h"

#include "CatalogJson.h"
#include "Paths.h"

#include <QRegularExpression>
#include <QUrl>

namespace corral::catalog {

namespace {

constexpr qsizetype kMaxCatalogBytes = 1024 * 1024;

const QStringList& typeNames()
{
    static const QStringList names{QStringLiteral("files"), QStringLiteral("http")};
    return names;
}

const QStringList& classificationNames()
{
    static const QStringList names{QStringLiteral("business"), QStringLiteral("non-business"),
                                   QStringLiteral("blocked")};
    return names;
}

const QStringList& modeNames()
{
    static const QStringList names{QStringLiteral("read"), QStringLiteral("read-write")};
    return names;
}

Error connectorsError(const QString& source, const QString& message)
{
    return makeError(QStringLiteral("catalog.connectors"), source + QStringLiteral(": ") + message);
}

std::optional<QString> readFolder(const QJsonObject& object, const QString& pointer, FolderSettings& f)
{
    FieldReader r(object, pointer);
    f.roots = r.optionalStringList(QStringLiteral("roots"));
    f.mode = static_cast<FolderMode>(modeNames().indexOf(r.requiredChoice(QStringLiteral("mode"), modeNames())));
    f.include = r.optionalStringList(QStringLiteral("include"));
    f.exclude = r.optionalStringList(QStringLiteral("exclude"));
    f.maxFileBytes = qint64(r.optionalNumber(QStringLiteral("max_file_bytes"), 10 * 1024 * 1024, 1, 1LL << 40));
    f.maxFiles = int(r.optionalNumber(QStringLiteral("max_files"), 100, 1, 100000));
    r.rejectUnknown({QStringLiteral("roots"), QStringLiteral("mode"), QStringLiteral("include"),
                     QStringLiteral("exclude"), QStringLiteral("max_file_bytes"), QStringLiteral("max_files")});
    if (r.failed())
        return r.errorMessage();
    if (f.roots.isEmpty())
        return pointer + QStringLiteral("/roots: a folder connector needs at least one root");
    for (const QString& root : f.roots) {
        if (!root.startsWith(QLatin1Char('/')) && !root.startsWith(QLatin1String("~/")))
            return pointer + QStringLiteral("/roots: '%1' is not an absolute path or ~/path").arg(root);
        if (root.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            return pointer + QStringLiteral("/roots: '%1' contains '..'").arg(root);
    }
    return std::nullopt;
}

std::optional<QString> readHttp(const QJsonObject& object, const QString& pointer, HttpSettings& h)
{
    static const QStringList methods{QStringLiteral("GET"), QStringLiteral("HEAD"),  QStringLiteral("POST"),
                                     QStringLiteral("PUT"), QStringLiteral("PATCH"), QStringLiteral("DELETE")};
    static const QRegularExpression hostPattern(
        QStringLiteral("^(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$"));
    FieldReader r(object, pointer);
    h.baseUrl = r.requiredString(QStringLiteral("base_url"));
    h.hosts = r.optionalStringList(QStringLiteral("hosts"));
    h.methods = r.optionalStringList(QStringLiteral("methods"));
    h.maxResponseBytes = qint64(r.optionalNumber(QStringLiteral("max_response_bytes"), 1024 * 1024, 1, 1LL << 32));
    h.timeoutMs = int(r.optionalNumber(QStringLiteral("timeout_ms"), 30000, 100, 600000));
    r.rejectUnknown({QStringLiteral("base_url"), QStringLiteral("hosts"), QStringLiteral("methods"),
                     QStringLiteral("max_response_bytes"), QStringLiteral("timeout_ms")});
    if (r.failed())
        return r.errorMessage();
    const QUrl url(h.baseUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        url.host().isEmpty())
        return pointer + QStringLiteral("/base_url: '%1' is not an http(s) URL").arg(h.baseUrl);
    if (h.hosts.isEmpty())
        return pointer + QStringLiteral("/hosts: a web connector needs at least one allowed host");
    for (const QString& host : h.hosts) {
        if (!hostPattern.match(host).hasMatch())
            return pointer + QStringLiteral("/hosts: '%1' is not a host name").arg(host);
    }
    if (!hostAllowed(url.host(), h.hosts))
        return pointer + QStringLiteral("/base_url: host '%1' is not among the allowed hosts").arg(url.host());
    if (h.methods.isEmpty())
        return pointer + QStringLiteral("/methods: a web connector needs at least one allowed method");
    for (const QString& method : h.methods) {
        if (!methods.contains(method))
            return pointer + QStringLiteral("/methods: unknown method '%1'").arg(method);
    }
    return std::nullopt;
}

} // namespace

bool hostAllowed(const QString& host, const QStringList& patterns)
{
    const QString h = host.toLower();
    for (const QString& pattern : patterns) {
        if (pattern.startsWith(QLatin1String("*."))) {
            if (h.endsWith(pattern.mid(1)) && h.size() > pattern.size() - 1)
                return true;
        } else if (h == pattern) {
            return true;
        }
    }
    return false;
}

QString toString(ConnectorType type)
{
    return typeNames().at(static_cast<qsizetype>(type));
}

QString toString(Classification classification)
{
    return classificationNames().at(static_cast<qsizetype>(classification));
}

QString toString(FolderMode mode)
{
    return modeNames().at(static_cast<qsizetype>(mode));
}

Result<ConnectorCatalog> ConnectorCatalog::parse(const QByteArray& text, const QString& source)
{
    auto json = parseCatalogText(text, source, kMaxCatalogBytes);
    if (!json)
        return json.error();
    if (!json->root().isObject())
        return connectorsError(source, QStringLiteral("expected a JSON object with \"connectors\""));
    FieldReader top(json->root().toObject(), QString());
    top.optionalNumber(QStringLiteral("version"), 1, 1, 1);
    const QJsonArray list = top.requiredArray(QStringLiteral("connectors"));
    top.rejectUnknown({QStringLiteral("version"), QStringLiteral("connectors")});
    if (top.failed())
        return connectorsError(source, top.errorMessage());

    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    ConnectorCatalog catalog;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString pointer = QStringLiteral("/connectors/%1").arg(i);
        if (!list.at(i).isObject())
            return connectorsError(source, pointer + QStringLiteral(": expected an object"));
        FieldReader r(list.at(i).toObject(), pointer);
        ConnectorInfo c;
        c.id = r.requiredString(QStringLiteral("id"));
        c.title = r.requiredString(QStringLiteral("title"));
        c.description = r.optionalString(QStringLiteral("description"));
        c.type = static_cast<ConnectorType>(typeNames().indexOf(r.requiredChoice(QStringLiteral("type"), typeNames())));
        c.classification = static_cast<Classification>(
            classificationNames().indexOf(r.requiredChoice(QStringLiteral("classification"), classificationNames())));
        const bool hasFiles = r.object().contains(QStringLiteral("files"));
        const bool hasHttp = r.object().contains(QStringLiteral("http"));
        const QJsonObject files = r.optionalObject(QStringLiteral("files"));
        const QJsonObject http = r.optionalObject(QStringLiteral("http"));
        r.rejectUnknown({QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("description"),
                         QStringLiteral("type"), QStringLiteral("classification"), QStringLiteral("files"),
                         QStringLiteral("http")});
        if (r.failed())
            return connectorsError(source, r.errorMessage());
        if (!idPattern.match(c.id).hasMatch())
            return connectorsError(source, QStringLiteral("%1/id: '%2' is not a connector id").arg(pointer, c.id));
        if (catalog.find(c.id))
            return connectorsError(source, QStringLiteral("%1/id: connector '%2' appears twice").arg(pointer, c.id));
        std::optional<QString> problem;
        if (c.type == ConnectorType::Files) {
            if (!hasFiles || hasHttp)
                return connectorsError(source,
                                       pointer + QStringLiteral(": a files connector has \"files\" settings only"));
            problem = readFolder(files, pointer + QStringLiteral("/files"), c.files);
        } else {
            if (!hasHttp || hasFiles)
                return connectorsError(source,
                                       pointer + QStringLiteral(": an http connector has \"http\" settings only"));
            problem = readHttp(http, pointer + QStringLiteral("/http"), c.http);
        }
        if (problem)
            return connectorsError(source, *problem);
        catalog.m_connectors.push_back(std::move(c));
    }
    return catalog;
}

Result<ConnectorCatalog> ConnectorCatalog::load(const QString& path)
{
    auto bytes = readCatalogBytes(path, kMaxCatalogBytes);
    if (!bytes)
        return bytes.error();
    return parse(*bytes, path);
}

Result<ConnectorCatalog> ConnectorCatalog::loadDefault()
{
    return load(paths::resourcesDir() + QStringLiteral("/catalog/connectors.json"));
}

const ConnectorInfo* ConnectorCatalog::find(const QString& id) const
{
    for (const ConnectorInfo& c : m_connectors) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QStringList ConnectorCatalog::ids() const
{
    QStringList list;
    for (const ConnectorInfo& c : m_connectors)
        list << c.id;
    return list;
}

} // namespace corral::catalog
