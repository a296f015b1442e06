// SPDX-License-Identifier: Apache-2.0
// The curated templates of one folder (templates/<id>/template.json + manifest.json + an
// SVG icon each), loaded and checked so the gallery and the wizard can trust them.
#pragma once

#include "Result.h"
#include "Template.h"

#include <vector>

namespace corral::catalog {

class TemplateCatalog
{
public:
    // Loads every sub-folder of `dir` (sorted by id). Any bad template fails the whole load
    // with an error naming the folder or file: "catalog.template" (bad template.json or
    // folder layout), "catalog.json" (not JSON, with line:column), "catalog.io".
    static Result<TemplateCatalog> load(const QString& dir);
    // The shipped templates (paths::templatesDir()).
    static Result<TemplateCatalog> loadDefault();

    // Loads one template folder; the folder name must equal the template's id.
    static Result<Template> loadTemplate(const QString& folder);

    const std::vector<Template>& templates() const { return m_templates; }
    const Template* find(const QString& id) const;
    QStringList categories() const; // sorted, without duplicates

private:
    std::vector<Template> m_templates;
};

} // namespace corral::catalog
