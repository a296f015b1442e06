// SPDX-License-Identifier: Apache-2.0
// Reading and writing the .tar.gz container of a policy bundle, entirely in memory and
// with hostile input in mind: every limit is checked while bytes are produced, never from
// what a header claims, and any defect is an error naming the entry, never a partial list.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace corral::bundle {

// Limits for one bundle. Defaults follow the design; the agent may lower them.
struct BundleLimits
{
    qsizetype maxArchiveBytes = 16 * 1024 * 1024;  // compressed .tar.gz
    qsizetype maxUnpackedBytes = 64 * 1024 * 1024; // sum of the regular files' contents
    int maxEntries = 1000;                         // every tar entry, folders included
    int maxCompressionRatio = 100;                 // unpacked bytes / compressed bytes
};

struct ArchiveFile
{
    QString path; // normalised: relative, '/'-separated, no "./" prefix
    QByteArray contents;
};

// Unpacks a gzip-compressed tar archive. Folder entries are accepted and skipped; every
// other entry must be a regular file with a safe, unique path. The gzip CRC and length
// are checked, and bytes after the gzip stream are refused.
Result<std::vector<ArchiveFile>> readArchive(const QByteArray& archive, const BundleLimits& limits = {});

// Packs files (in the given order) as a POSIX tar, gzip-compressed. The output depends
// only on the input: fixed owner, mode 0644 and modification time 0.
QByteArray writeArchive(const std::vector<ArchiveFile>& files);

// The normalised form of an archive path, or an empty string when the path is unsafe
// (absolute, containing `..` or empty segments, control characters or backslashes).
// A leading "./" is dropped.
QString normaliseEntryPath(const QString& path);

} // namespace corral::bundle
