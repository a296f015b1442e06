// SPDX-License-Identifier: Apache-2.0
// Secrets in one file readable by its owner only (0600, in a 0700 folder), for machines
// without a Secret Service. Writes are atomic (temporary file, fsync, rename) under a
// lock file, so the command line and the agent can both change it.
#pragma once

#include "SecretStore.h"

namespace corral::models {

// File format: a first line "corral-secrets 1", then one line per secret "NAME BASE64",
// sorted by name. Base64 keeps any byte value on one line; the file is never parsed into
// QString, so values stay out of Qt's string machinery.
class FileSecretStore final : public SecretStore
{
public:
    // `path` is the file; its folder is created (0700) on the first write.
    explicit FileSecretStore(QString path);
    // paths::userConfigDir()/secrets.
    static QString defaultPath();

    QString backend() const override { return QStringLiteral("file"); }
    QString location() const override { return m_path; }
    Result<crypto::SecureBytes> get(const QString& name) const override;
    Result<void> set(const QString& name, QByteArrayView value) override;
    Result<void> remove(const QString& name) override;
    Result<QStringList> names() const override;

private:
    QString m_path;
};

} // namespace corral::models
