// SPDX-License-Identifier: Apache-2.0
// Turns a template and a creator's answers into a manifest, and proves the result valid:
// a manifest that does not validate is never handed out.
#pragma once

#include "ManifestValidator.h"
#include "Result.h"
#include "catalog/Template.h"

#include <QJsonObject>

namespace corral::manifest {

struct GeneratedManifest
{
    QJsonObject manifest;
    QByteArray text; // formatted with catalog::formatManifest(), as written to disk
};

class ManifestGenerator
{
public:
    explicit ManifestGenerator(ManifestValidator validator) : m_validator(std::move(validator)) {}

    // Fills the template's slots with `answers` (a JSON object keyed by question id;
    // questions left out take their defaults) and validates the result. Errors: the
    // "template.*" codes of catalog::instantiate() (missing required answer, wrong type,
    // unknown question, ...), or "manifest.generated-invalid" naming the first problem when
    // the answers lead to an invalid manifest (for example an unknown model id).
    Result<GeneratedManifest> generate(const catalog::Template& tmpl, const QJsonObject& answers) const;

    const ManifestValidator& validator() const { return m_validator; }

private:
    ManifestValidator m_validator;
};

} // namespace corral::manifest
