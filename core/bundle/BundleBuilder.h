// SPDX-License-Identifier: Apache-2.0
// Builds a bundle archive from a source folder laid out as the bundle is: `.manifest`
// at the top, *.rego modules and data.json files anywhere below. Files of other kinds
// (README, editor backups) are left out; symbolic links are refused. The result is
// checked with Bundle::fromArchive, so a built bundle always reads back.
#pragma once

#include "BundleArchive.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace corral::bundle {

// A JSON file placed at a data path as if it were DATA_PATH/data.json in the folder. This
// keeps one source of truth for data that also lives elsewhere (the shipped catalogs).
struct DataMount
{
    QString dataPath; // slash-separated, e.g. "corral/catalog"
    QString file;
};

struct BuildOptions
{
    std::optional<qint64> serial;    // overrides metadata.serial of the .manifest
    std::optional<QString> revision; // overrides revision
    QList<DataMount> mounts;
    BundleLimits limits;
};

// The archive bytes. Errors: kBuildInput (unreadable folder or file, symbolic link, mount
// clashing with a file of the folder) or any error of Bundle::fromArchive.
Result<QByteArray> buildBundle(const QString& sourceDir, const BuildOptions& options = {});

// The built-in default bundle's sources: resources/bundle, with the shipped model and
// connector catalogs (resources/catalog/*.json) mounted under data.corral.catalog.
QString defaultBundleSourceDir();
QList<DataMount> defaultBundleMounts();
// buildBundle(defaultBundleSourceDir(), {mounts = defaultBundleMounts()}).
Result<QByteArray> buildDefaultBundle();

} // namespace corral::bundle
