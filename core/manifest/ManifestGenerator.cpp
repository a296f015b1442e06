// SPDX-License-Identifier: Apache-2.0
#include "ManifestGenerator.h"

namespace corral::manifest {

Result<GeneratedManifest> ManifestGenerator::generate(const catalog::Template& tmpl, const QJsonObject& answers) const
{
    auto filled = catalog::instantiate(tmpl, answers);
    if (!filled)
        return filled.error();
    GeneratedManifest generated;
    generated.manifest = std::move(filled.value());
    generated.text = catalog::formatManifest(generated.manifest);
    // Validate the text as it will be written, so positions in a problem match the file.
    const ValidationReport report = m_validator.validate(generated.text);
    if (!report.ok()) {
        const ManifestIssue& first = report.issues.front();
        return makeError(QStringLiteral("manifest.generated-invalid"),
                         QStringLiteral("template '%1' with these answers gives an invalid manifest (%2): %3")
                             .arg(tmpl.id, first.code, first.message));
    }
    return generated;
}

} // namespace corral::manifest
