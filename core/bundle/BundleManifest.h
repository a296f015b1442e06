// SPDX-License-Identifier: Apache-2.0
// The `.manifest` of a policy bundle: OPA's fields (revision, roots, rego_version,
// file_rego_versions, metadata) plus Corral's, kept inside `metadata` so OPA tools carry
// them unchanged: `metadata.serial` (an integer that must grow with every published
// bundle) and `metadata.decision` (the packages whose deny/ask/obligation rules feed the
// decision).
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace corral::bundle {

// Largest serial: integers beyond 2^53 do not survive a JSON round trip exactly.
constexpr qint64 kMaxSerial = (qint64(1) << 53);

struct BundleManifest
{
    QString revision;
    QStringList roots{QString()};        // slash-separated data paths; "" is the whole tree
    int regoVersion = 1;                 // for modules file_rego_versions does not name
    QMap<QString, int> fileRegoVersions; // path or glob (as written) -> 0 | 1
    qint64 serial = 0;
    QStringList decisionPackages{QStringLiteral("corral")}; // dotted package names
    QJsonObject extra; // every other key of the file, kept so rewriting loses nothing

    // Parses and checks types, serial range and that no two roots overlap.
    static Result<BundleManifest> parse(const QByteArray& json);
    // Compact JSON with Corral's keys written into metadata.
    QByteArray toJson() const;

    // The Rego syntax of a module: the first matching file_rego_versions entry (exact
    // path, with or without a leading '/', or a glob with `*` and `?`), else regoVersion.
    int regoVersionFor(const QString& path) const;

    // True when the slash-separated data path lies under one of the roots.
    bool isUnderRoot(const QString& dataPath) const;
    // True when some root lies strictly below the path (the path is an ancestor of a root).
    bool isAncestorOfRoot(const QString& dataPath) const;
};

// True when `path` equals `root` or lies below it, segment-wise ("a" covers "a/b", not "ab").
bool pathIsUnder(const QString& path, const QString& root);

} // namespace corral::bundle
