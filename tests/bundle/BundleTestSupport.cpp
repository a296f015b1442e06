// SPDX-License-Identifier: Apache-2.0
#include "BundleTestSupport.h"

#include "bundle/BundleSignature.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/sysmacros.h>

namespace corral::test {

namespace {

la_ssize_t append(struct archive*, void* data, const void* buffer, size_t length)
{
    static_cast<QByteArray*>(data)->append(static_cast<const char*>(buffer), qsizetype(length));
    return la_ssize_t(length);
}

} // namespace

QByteArray makeTarGz(const QList<TarEntry>& entries)
{
    QByteArray out;
    struct archive* a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    archive_write_open(a, &out, nullptr, append, nullptr);
    for (const TarEntry& e : entries) {
        struct archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.path.toUtf8().constData());
        archive_entry_set_mtime(entry, 0, 0);
        if (!e.hardlinkTarget.isEmpty()) {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_hardlink(entry, e.hardlinkTarget.toUtf8().constData());
            archive_entry_set_size(entry, 0);
        } else {
            archive_entry_set_filetype(entry, e.type);
            archive_entry_set_perm(entry, e.type == S_IFDIR ? 0755 : 0644);
            if (e.type == S_IFLNK)
                archive_entry_set_symlink(entry, e.linkTarget.toUtf8().constData());
            if (e.type == S_IFCHR || e.type == S_IFBLK)
                archive_entry_set_rdev(entry, makedev(1, 3));
            archive_entry_set_size(entry, e.type == S_IFREG ? e.contents.size() : 0);
        }
        archive_write_header(a, entry);
        if (e.type == S_IFREG && e.hardlinkTarget.isEmpty() && !e.contents.isEmpty())
            archive_write_data(a, e.contents.constData(), size_t(e.contents.size()));
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

QByteArray testManifest(qint64 serial, const QString& revision)
{
    return QStringLiteral(
               R"({"revision": "%1", "roots": ["corral"], "metadata": {"serial": %2, "decision": ["corral"]}})")
        .arg(revision)
        .arg(serial)
        .toUtf8();
}

QList<TarEntry> minimalBundleEntries(qint64 serial)
{
    const QByteArray policy = QStringLiteral("package corral\n\n"
                                             "import rego.v1\n\n"
                                             "deny contains \"denied by serial %1\" if input.deny_me == true\n\n"
                                             "ask contains data.corral.settings.question if input.ask_me == true\n")
                                  .arg(serial)
                                  .toUtf8();
    return {
        TarEntry{QStringLiteral(".manifest"), testManifest(serial)},
        TarEntry{QStringLiteral("corral/policy.rego"), policy},
        TarEntry{QStringLiteral("corral/settings/data.json"), QByteArray(R"({"question": "may I?"})")},
    };
}

QByteArray minimalBundle(qint64 serial)
{
    std::vector<bundle::ArchiveFile> files;
    for (const TarEntry& entry : minimalBundleEntries(serial))
        files.push_back(bundle::ArchiveFile{entry.path, entry.contents});
    return bundle::writeArchive(files);
}

QByteArray signWith(const crypto::minisign::SecretKey& key, const QByteArray& archive, qint64 serial)
{
    Result<QByteArray> sig = bundle::signBundle(key, archive, serial, QStringLiteral("test"));
    return sig ? *sig : QByteArray();
}

} // namespace corral::test
