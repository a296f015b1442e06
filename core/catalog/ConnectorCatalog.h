// SPDX-License-Identifier: Apache-2.0
// The connectors apps may name: folders (roots, mode, globs, limits) and web services
// (hosts, methods, limits), each with a data classification. Shipped as
// resources/catalog/connectors.json; a policy bundle carries the same shape as data.
#pragma once

#include "Result.h"

#include <QStringList>
#include <vector>

namespace corral::catalog {

enum class ConnectorType { Files, Http };
// business: company data; non-business: public or personal data; blocked: no app may use it.
enum class Classification { Business, NonBusiness, Blocked };
enum class FolderMode { Read, ReadWrite };

QString toString(ConnectorType type);            // "files" | "http"
QString toString(Classification classification); // "business" | "non-business" | "blocked"
QString toString(FolderMode mode);               // "read" | "read-write"

struct FolderSettings
{
    // Root folders; a leading "~/" means the user's home. The agent resolves every path
    // beneath one of them.
    QStringList roots;
    FolderMode mode = FolderMode::Read;
    QStringList include; // glob patterns relative to a root; empty: everything
    QStringList exclude;
    qint64 maxFileBytes = 0;
    int maxFiles = 0; // per files.list / files.read step
};

struct HttpSettings
{
    QString baseUrl;
    QStringList hosts;   // exact host names, or "*.example.com" for sub-domains
    QStringList methods; // upper case: GET, POST, ...
    qint64 maxResponseBytes = 0;
    int timeoutMs = 0;
};

// True when `host` matches one of `patterns`: an exact host name, or "*.example.com" for
// any sub-domain of example.com (not example.com itself).
bool hostAllowed(const QString& host, const QStringList& patterns);

struct ConnectorInfo
{
    QString id;
    QString title;
    QString description;
    ConnectorType type = ConnectorType::Files;
    Classification classification = Classification::Business;
    FolderSettings files; // type Files
    HttpSettings http;    // type Http
};

class ConnectorCatalog
{
public:
    // Parses catalog JSON; `source` names it in errors. Errors: "catalog.json" (not strict
    // JSON, with line:column), "catalog.connectors" (a member missing, of the wrong type,
    // out of range, or a duplicate id; the message names source and JSON pointer).
    static Result<ConnectorCatalog> parse(const QByteArray& text, const QString& source);
    // Reads a file (at most 1 MiB); errors as parse() plus "catalog.io".
    static Result<ConnectorCatalog> load(const QString& path);
    // resources/catalog/connectors.json.
    static Result<ConnectorCatalog> loadDefault();

    const std::vector<ConnectorInfo>& connectors() const { return m_connectors; }
    const ConnectorInfo* find(const QString& id) const;
    QStringList ids() const;

private:
    std::vector<ConnectorInfo> m_connectors;
};

} // namespace corral::catalog
