// SPDX-License-Identifier: Apache-2.0
// The checks of a manifest that JSON Schema cannot express (internal to the validator):
// catalog ids, references between steps, inputs, outputs and connectors, limits, and
// {{placeholders}}. Each finding names a JSON pointer; the validator adds line and column.
#pragma once

#include "ManifestIssue.h"
#include "ManifestValidator.h"
#include "catalog/ConnectorCatalog.h"
#include "catalog/ModelCatalog.h"

#include <QJsonObject>
#include <vector>

namespace corral::manifest {

class ManifestChecks
{
public:
    ManifestChecks(const catalog::ModelCatalog& models, const catalog::ConnectorCatalog& connectors,
                   const ManifestLimits& limits, std::vector<ManifestIssue>& issues)
        : m_models(models), m_connectors(connectors), m_limits(limits), m_issues(issues)
    {}

    // Numeric limits (manifest.limit); safe on a manifest that does not fit the schema.
    void checkLimits(const QJsonObject& manifest);
    // Everything else; expects a manifest that fits the schema.
    void checkReferences(const QJsonObject& manifest);

private:
    void add(const QString& code, const QString& pointer, const QString& message);
    void checkRange(const QJsonValue& value, const QString& pointer, const QString& what, double min, double max);
    void checkModel(const QJsonObject& manifest);
    void checkConnectors(const QJsonObject& manifest);
    void checkInputs(const QJsonObject& manifest);
    void checkSteps(const QJsonObject& manifest);
    void checkStep(const QJsonObject& step, const QString& pointer, int index);
    void checkOutputs(const QJsonObject& manifest);
    // {{placeholders}} in `text`; `beforeStep` is the index of the step using it (steps at
    // or after it are not available yet), -1 for text outside steps.
    void checkPlaceholders(const QString& text, const QString& pointer, int beforeStep, bool allowInput);
    // The connector a step names: must be declared by the manifest and known to the catalog.
    const catalog::ConnectorInfo* stepConnector(const QJsonObject& step, const QString& pointer);

    const catalog::ModelCatalog& m_models;
    const catalog::ConnectorCatalog& m_connectors;
    const ManifestLimits& m_limits;
    std::vector<ManifestIssue>& m_issues;

    const catalog::ModelInfo* m_model = nullptr;
    QStringList m_inputIds;
    QStringList m_stepIds;     // in order
    QStringList m_stepActions; // parallel to m_stepIds
    // Connector ids the manifest declares, with the narrowing object when it gave one.
    QHash<QString, QJsonObject> m_declared;
};

} // namespace corral::manifest
