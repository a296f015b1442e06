// SPDX-License-Identifier: Apache-2.0
// Helpers for the studio tests: a small, fixed set of templates written into a temporary
// folder, so search and filter counts do not change when the shipped templates do.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace corral::test {

struct FixtureTemplate
{
    QString id;
    QString title;
    QString description;
    QString category;
    QString maturity;
    QString compliance;
};

// Six templates across the categories Finance (2), HR (2), Productivity (1), Sales (1).
QList<FixtureTemplate> fixtureTemplates();

// Writes one valid template folder (template.json, manifest.json, icon.svg) per entry into
// `dir`. Returns false when a file cannot be written.
bool writeTemplates(const QString& dir, const QList<FixtureTemplate>& templates);

// Folder names under the shipped templates folder that hold a template.json.
QStringList shippedTemplateIds();

} // namespace corral::test
