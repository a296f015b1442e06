// SPDX-License-Identifier: Apache-2.0
// Checks a manifest text: strict JSON (size, UTF-8, duplicate keys, nesting, numbers), the
// JSON Schema resources/schemas/manifest.schema.json (with valijson), then what a schema
// cannot express: ids against the model and connector catalogs, references between
// steps, inputs, outputs and connectors, limits, and {{placeholders}}.
#pragma once

#include "ManifestIssue.h"
#include "Result.h"
#include "catalog/ConnectorCatalog.h"
#include "catalog/ModelCatalog.h"

#include <QJsonObject>
#include <memory>
#include <vector>

namespace corral::manifest {

struct ManifestLimits
{
    qsizetype maxBytes = 1024 * 1024;
    int maxDepth = 32;
    int maxTokens = 1'000'000; // hard ceiling whatever the model's context window
    int maxRequestsPerMinute = 1000;
    int maxSentences = 100;
    qint64 maxReadBytes = 64 * 1024 * 1024;
};

struct ValidationReport
{
    std::vector<ManifestIssue> issues; // in document order
    QJsonObject manifest;              // the parsed manifest when the text is JSON
    bool ok() const { return issues.empty(); }
};

class ManifestValidator
{
public:
    // `schemaText` is the JSON Schema; errors: "manifest.schema-file" when it is not a
    // usable schema.
    static Result<ManifestValidator> create(const QByteArray& schemaText, catalog::ModelCatalog models,
                                            catalog::ConnectorCatalog connectors, ManifestLimits limits = {});
    // The shipped schema and catalogs; errors as create() or the catalog loaders.
    static Result<ManifestValidator> createDefault();

    // Every problem of `text`, in document order. Codes:
    // - the text is not acceptable JSON (one issue, nothing else is checked): manifest.size,
    //   manifest.utf8, manifest.json, manifest.truncated, manifest.duplicate-key,
    //   manifest.depth, manifest.number;
    // - manifest.limit (always checked, so a huge number gets a clear message) and
    //   manifest.schema;
    // - only when both of those found nothing: manifest.unknown-model,
    //   manifest.model-prohibited, manifest.model-task, manifest.data-handling,
    //   manifest.unknown-connector, manifest.connector-blocked, manifest.undeclared-connector,
    //   manifest.connector-type, manifest.connector-mode, manifest.connector-method,
    //   manifest.duplicate-id, manifest.unknown-step, manifest.step-kind, manifest.step-field,
    //   manifest.unknown-input, manifest.input, manifest.placeholder, manifest.path.
    ValidationReport validate(const QByteArray& text) const;

    const catalog::ModelCatalog& models() const;
    const catalog::ConnectorCatalog& connectors() const;

private:
    struct Private;
    std::shared_ptr<const Private> d;
};

} // namespace corral::manifest
