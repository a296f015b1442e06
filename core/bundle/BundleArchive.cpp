// SPDX-License-Identifier: Apache-2.0
#include "BundleArchive.h"

#include "BundleErrors.h"

#include <QSet>
#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <array>
#include <cerrno>
#include <memory>
#include <zlib.h>

namespace corral::bundle {

namespace {

constexpr qsizetype kChunk = 64 * 1024;

// Room for tar headers, padding and pax records on top of the file contents.
qsizetype tarOverheadAllowance(const BundleLimits& limits)
{
    return qsizetype(limits.maxEntries + 2) * 4096 + 1024 * 1024;
}

// Inflates the gzip stream on demand for libarchive, so no more than one chunk beyond
// what the tar reader asked for is ever produced. libarchive does not check the gzip CRC,
// so the stream is inflated here with zlib, which does.
struct Inflater
{
    const QByteArray& input;
    qsizetype cap; // total inflated bytes allowed
    z_stream zs{};
    bool initialised = false;
    bool ended = false;    // Z_STREAM_END seen: CRC and length verified
    bool tooLarge = false; // the cap was reached
    QString failure;       // zlib's complaint, for the error message
    qsizetype produced = 0;
    std::array<char, kChunk> buffer{};

    Inflater(const QByteArray& in, qsizetype limit) : input(in), cap(limit)
    {
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
        zs.avail_in = uInt(in.size());
        initialised = inflateInit2(&zs, 16 + MAX_WBITS) == Z_OK; // 16: gzip wrapper only
    }
    ~Inflater()
    {
        if (initialised)
            inflateEnd(&zs);
    }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    // Next chunk of tar bytes; 0 at the end of the gzip stream, -1 on error.
    qsizetype next()
    {
        if (!initialised) {
            failure = QStringLiteral("cannot initialise the decompressor");
            return -1;
        }
        if (ended)
            return 0;
        zs.next_out = reinterpret_cast<Bytef*>(buffer.data());
        zs.avail_out = uInt(buffer.size());
        const int rc = inflate(&zs, Z_NO_FLUSH);
        const qsizetype got = qsizetype(buffer.size()) - qsizetype(zs.avail_out);
        if (rc == Z_STREAM_END) {
            ended = true;
        } else if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            failure = QStringLiteral("the archive is truncated");
            return -1;
        } else if (rc != Z_OK) {
            failure = QStringLiteral("the gzip stream is corrupt (%1)")
                          .arg(zs.msg ? QString::fromLatin1(zs.msg) : QString::number(rc));
            return -1;
        }
        produced += got;
        if (produced > cap) {
            tooLarge = true;
            failure = QStringLiteral("the unpacked archive exceeds %1 bytes").arg(cap);
            return -1;
        }
        return got;
    }
};

la_ssize_t readCallback(struct archive* a, void* clientData, const void** block)
{
    auto* inflater = static_cast<Inflater*>(clientData);
    for (;;) {
        const qsizetype got = inflater->next();
        if (got < 0) {
            archive_set_error(a, EIO, "%s", inflater->failure.toUtf8().constData());
            return -1;
        }
        if (got > 0 || inflater->ended) {
            *block = inflater->buffer.data();
            return la_ssize_t(got);
        }
        // zlib made no output yet (header bytes only): ask again.
    }
}

struct ArchiveDeleter
{
    void operator()(struct archive* a) const { archive_read_free(a); }
};

QString describe(struct archive* a)
{
    const char* message = archive_error_string(a);
    return message ? QString::fromUtf8(message) : QStringLiteral("unreadable tar data");
}

QString entryName(struct archive_entry* entry)
{
    if (const char* utf8 = archive_entry_pathname_utf8(entry))
        return QString::fromUtf8(utf8);
    if (const char* raw = archive_entry_pathname(entry))
        return QString::fromLocal8Bit(raw);
    return QStringLiteral("(unnamed entry)");
}

QString typeName(mode_t type)
{
    switch (type) {
    case AE_IFLNK:
        return QStringLiteral("a symbolic link");
    case AE_IFCHR:
        return QStringLiteral("a character device");
    case AE_IFBLK:
        return QStringLiteral("a block device");
    case AE_IFIFO:
        return QStringLiteral("a named pipe");
    case AE_IFSOCK:
        return QStringLiteral("a socket");
    default:
        return QStringLiteral("not a regular file");
    }
}

} // namespace

QString normaliseEntryPath(const QString& path)
{
    QString p = path;
    while (p.startsWith(QLatin1String("./")))
        p.remove(0, 2);
    if (p.isEmpty() || p.startsWith(QLatin1Char('/')))
        return {};
    if (p.endsWith(QLatin1Char('/'))) // folders
        p.chop(1);
    for (const QChar c : p) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QLatin1Char('\\'))
            return {};
    }
    const QStringList segments = p.split(QLatin1Char('/'));
    for (const QString& segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return {};
    }
    return p;
}

Result<std::vector<ArchiveFile>> readArchive(const QByteArray& archive, const BundleLimits& limits)
{
    if (archive.size() > limits.maxArchiveBytes)
        return makeError(errc::kArchiveTooLarge, QStringLiteral("the archive is %1 bytes, over the limit of %2")
                                                     .arg(archive.size())
                                                     .arg(limits.maxArchiveBytes));
    const qsizetype maxContent = limits.maxUnpackedBytes;
    const qsizetype maxByRatio = qsizetype(limits.maxCompressionRatio) * qMax<qsizetype>(archive.size(), 1);

    Inflater inflater(archive, maxContent + tarOverheadAllowance(limits));
    std::unique_ptr<struct archive, ArchiveDeleter> reader(archive_read_new());
    archive_read_support_format_tar(reader.get());
    if (archive_read_open(reader.get(), &inflater, nullptr, readCallback, nullptr) != ARCHIVE_OK)
        return makeError(inflater.tooLarge ? QString(errc::kTooLarge) : QString(errc::kArchiveCorrupt),
                         QStringLiteral("not a gzip-compressed tar archive: %1").arg(describe(reader.get())));

    std::vector<ArchiveFile> files;
    QSet<QString> seen;
    qsizetype total = 0;
    int entries = 0;
    QString previous = QStringLiteral("(start of archive)");
    std::array<char, kChunk> chunk{};

    for (;;) {
        struct archive_entry* entry = nullptr;
        const int rc = archive_read_next_header(reader.get(), &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK) // warnings too: libarchive reports odd headers as ARCHIVE_WARN
            return makeError(
                inflater.tooLarge ? QString(errc::kTooLarge) : QString(errc::kArchiveCorrupt),
                QStringLiteral("cannot read the entry after %1: %2").arg(previous, describe(reader.get())));
        const QString name = entryName(entry);
        previous = name;
        if (++entries > limits.maxEntries)
            return makeError(
                errc::kTooManyEntries,
                QStringLiteral("%1: the archive has more than %2 entries").arg(name).arg(limits.maxEntries));

        const mode_t type = archive_entry_filetype(entry);
        const QString path = normaliseEntryPath(name);
        if (path.isEmpty()) {
            if (type == AE_IFDIR && (name == QLatin1String(".") || name == QLatin1String("./")))
                continue; // the archive's own root folder, as `tar -C dir .` writes it
            return makeError(errc::kEntryPath,
                             QStringLiteral("%1: unsafe path (absolute, `..` or malformed)").arg(name));
        }
        if (archive_entry_hardlink(entry) != nullptr)
            return makeError(errc::kEntryType, QStringLiteral("%1: is a hard link").arg(name));
        if (archive_entry_symlink(entry) != nullptr && type != AE_IFLNK)
            return makeError(errc::kEntryType, QStringLiteral("%1: is a symbolic link").arg(name));
        if (type == AE_IFDIR) {
            if (seen.contains(path))
                return makeError(errc::kEntryDuplicate, QStringLiteral("%1: appears twice").arg(name));
            seen.insert(path);
            continue;
        }
        if (type != AE_IFREG)
            return makeError(errc::kEntryType, QStringLiteral("%1: is %2").arg(name, typeName(type)));
        if (archive_entry_sparse_count(entry) > 0)
            return makeError(errc::kEntryType, QStringLiteral("%1: is a sparse file").arg(name));
        if (seen.contains(path))
            return makeError(errc::kEntryDuplicate, QStringLiteral("%1: appears twice").arg(name));
        seen.insert(path);

        // Read in chunks, counting what arrives; the header's size field is never used to
        // allocate.
        QByteArray contents;
        for (;;) {
            const la_ssize_t got = archive_read_data(reader.get(), chunk.data(), chunk.size());
            if (got == 0)
                break;
            if (got < 0)
                return makeError(inflater.tooLarge ? QString(errc::kTooLarge) : QString(errc::kArchiveCorrupt),
                                 QStringLiteral("%1: %2").arg(name, describe(reader.get())));
            total += got;
            if (total > maxContent)
                return makeError(errc::kTooLarge,
                                 QStringLiteral("%1: the unpacked contents exceed %2 bytes").arg(name).arg(maxContent));
            if (total > maxByRatio)
                return makeError(errc::kCompressionRatio,
                                 QStringLiteral("%1: the unpacked contents exceed %2 times the archive size")
                                     .arg(name)
                                     .arg(limits.maxCompressionRatio));
            contents.append(chunk.data(), qsizetype(got));
        }
        files.push_back(ArchiveFile{path, std::move(contents)});
    }

    // The tar end marker was read; the rest of the gzip stream must end cleanly (CRC and
    // length check) with nothing after it.
    while (!inflater.ended) {
        if (inflater.next() < 0)
            return makeError(inflater.tooLarge ? QString(errc::kTooLarge) : QString(errc::kArchiveCorrupt),
                             QStringLiteral("after %1: %2").arg(previous, inflater.failure));
    }
    // Writers that pad compressed output to whole blocks (libarchive's default) leave zero
    // bytes after the stream; anything else there is not part of a bundle.
    const QByteArrayView rest = QByteArrayView(archive).last(qsizetype(inflater.zs.avail_in));
    if (std::any_of(rest.begin(), rest.end(), [](char c) { return c != '\0'; }))
        return makeError(errc::kArchiveCorrupt,
                         QStringLiteral("%1 unexpected bytes after the end of the archive").arg(rest.size()));
    return files;
}

namespace {

la_ssize_t writeCallback(struct archive*, void* clientData, const void* buffer, size_t length)
{
    static_cast<QByteArray*>(clientData)->append(static_cast<const char*>(buffer), qsizetype(length));
    return la_ssize_t(length);
}

QByteArray gzip(const QByteArray& data)
{
    z_stream zs{};
    // 16: gzip wrapper; zlib writes modification time 0, so the output is reproducible.
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH); // deflateBound guarantees a single call completes
    out.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

} // namespace

QByteArray writeArchive(const std::vector<ArchiveFile>& files)
{
    QByteArray tar;
    struct archive* writer = archive_write_new();
    archive_write_set_format_pax_restricted(writer);
    archive_write_set_bytes_in_last_block(writer, 1);
    archive_write_open(writer, &tar, nullptr, writeCallback, nullptr);
    for (const ArchiveFile& file : files) {
        struct archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname_utf8(entry, file.path.toUtf8().constData());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, file.contents.size());
        archive_entry_set_mtime(entry, 0, 0);
        archive_write_header(writer, entry);
        archive_write_data(writer, file.contents.constData(), size_t(file.contents.size()));
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    return gzip(tar);
}

} // namespace corral::bundle
