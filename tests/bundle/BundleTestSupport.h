// SPDX-License-Identifier: Apache-2.0
// Helpers of the bundle tests: archives written with libarchive entry by entry (so unsafe
// ones can be made on purpose), small valid bundles, and signing them.
#pragma once

#include "bundle/BundleArchive.h"
#include "crypto/Minisign.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <sys/stat.h>

namespace corral::test {

struct TarEntry
{
    QString path;
    QByteArray contents;
    mode_t type = S_IFREG;  // S_IFREG, S_IFDIR, S_IFLNK, S_IFCHR, S_IFIFO, ...
    QString linkTarget;     // symbolic link target
    QString hardlinkTarget; // non-empty: a hard link entry
};

// A gzip-compressed ustar/pax archive with exactly these entries, in order.
QByteArray makeTarGz(const QList<TarEntry>& entries);

// A .manifest for tests: roots ["corral"], decision ["corral"], the given serial.
QByteArray testManifest(qint64 serial, const QString& revision = QStringLiteral("test"));

// A minimal valid bundle: that manifest, a corral module denying when input.deny_me is
// true (message "denied by serial N") and one data file.
QList<TarEntry> minimalBundleEntries(qint64 serial);
// Packed with bundle::writeArchive (no padding after the gzip stream).
QByteArray minimalBundle(qint64 serial);

// The .minisig of `archive` by `key`, with "serial:N" in its trusted comment.
QByteArray signWith(const crypto::minisign::SecretKey& key, const QByteArray& archive, qint64 serial);

} // namespace corral::test
