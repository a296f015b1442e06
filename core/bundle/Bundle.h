// SPDX-License-Identifier: Apache-2.0
// A policy bundle read into memory and checked for structure: the manifest, the Rego
// modules with their package and syntax version, and the data document assembled from
// the data.json files by folder path. Nothing here compiles Rego (see PolicyCompiler).
#pragma once

#include "BundleArchive.h"
#include "BundleManifest.h"
#include "Result.h"
#include "policy/Value.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace corral::bundle {

struct BundleModule
{
    QString path; // inside the archive, e.g. "corral/models.rego"
    QByteArray source;
    int regoVersion = 1;
    QString package;     // dotted, e.g. "platform.safe"
    bool isTest = false; // a *_test.rego file
};

struct BundleDataFile
{
    QString path;     // inside the archive, e.g. "corral/catalog/models/data.json"
    QString dataPath; // where it lands under data, slash-separated: "corral/catalog/models"
    qsizetype size = 0;
};

class Bundle
{
public:
    // readArchive() followed by fromFiles().
    static Result<Bundle> fromArchive(const QByteArray& archive, const BundleLimits& limits = {});
    // Checks the files form a bundle: one .manifest, *.rego modules with a package clause,
    // data.json files holding JSON, nothing else; every package and data path under a root;
    // every decision package defined by some module.
    static Result<Bundle> fromFiles(const std::vector<ArchiveFile>& files);

    const BundleManifest& manifest() const { return m_manifest; }
    qint64 serial() const { return m_manifest.serial; }
    QString revision() const { return m_manifest.revision; }
    const std::vector<BundleModule>& modules() const { return m_modules; }
    const std::vector<BundleDataFile>& dataFiles() const { return m_dataFiles; }
    // The merged data document (an object).
    const policy::Value& data() const { return m_data; }
    // Sum of the file sizes inside the archive.
    qsizetype unpackedSize() const { return m_unpackedSize; }

private:
    BundleManifest m_manifest;
    std::vector<BundleModule> m_modules;
    std::vector<BundleDataFile> m_dataFiles;
    policy::Value m_data = policy::Value::emptyObject();
    qsizetype m_unpackedSize = 0;
};

// The segments of the package a Rego module declares (["a", "b"] for `package a.b` or
// `package a["b"]`), read from its first clause after comments; empty when there is none.
QStringList regoPackageOf(const QByteArray& source);

} // namespace corral::bundle
