// SPDX-License-Identifier: Apache-2.0
#include "FileSecretStore.h"

#include "Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSaveFile>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

namespace corral::models {

namespace {

constexpr qint64 kMaxFileBytes = 1024 * 1024;
constexpr int kLockTimeoutMs = 5000;
const QByteArray kHeader = QByteArrayLiteral("corral-secrets 1");

// Overwrites a buffer that held secret material before Qt frees it.
void wipe(QByteArray& bytes)
{
    volatile char* p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

// Base64 lines by name; wiped when it goes out of scope.
class Entries
{
public:
    Entries() = default;
    Entries(const Entries&) = delete;
    Entries& operator=(const Entries&) = delete;
    ~Entries()
    {
        for (auto& [name, encoded] : m_map)
            wipe(encoded);
    }
    std::map<QString, QByteArray>& map() { return m_map; }
    const std::map<QString, QByteArray>& map() const { return m_map; }

private:
    std::map<QString, QByteArray> m_map;
};

Error ioError(const QString& message)
{
    return makeError(QStringLiteral("secrets.io"), message);
}

Error notFound(const QString& name, const QString& path)
{
    return makeError(QStringLiteral("secrets.not-found"), QStringLiteral("no secret '%1' in %2").arg(name, path));
}

Result<void> checkName(const QString& name)
{
    if (isValidSecretName(name))
        return {};
    return makeError(
        QStringLiteral("secrets.invalid-name"),
        QStringLiteral("'%1' is not a secret name (letters, digits, '.', '_', '-'; at most 128)").arg(name.left(140)));
}

// Reads the file into `entries`; a missing file is an empty store. Refuses a file that
// others could read or that another user owns, as ssh does with private keys.
Result<void> readEntries(const QString& path, Entries& entries)
{
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    struct stat st
    {};
    if (::fstat(file.handle(), &st) != 0)
        return ioError(QStringLiteral("cannot inspect %1").arg(path));
    if (st.st_uid != ::getuid() || (st.st_mode & 077) != 0) {
        return makeError(QStringLiteral("secrets.insecure-file"),
                         QStringLiteral("%1 must be owned by you and readable by you only (mode %2, expected 0600); "
                                        "fix it with: chmod 600 %1")
                             .arg(path, QString::number(st.st_mode & 07777, 8).rightJustified(4, QLatin1Char('0'))));
    }
    QByteArray text = file.read(kMaxFileBytes + 1);
    const auto malformed = [&](const QString& what) {
        wipe(text);
        return makeError(QStringLiteral("secrets.malformed"), QStringLiteral("%1: %2").arg(path, what));
    };
    if (text.size() > kMaxFileBytes)
        return malformed(QStringLiteral("larger than %1 bytes").arg(kMaxFileBytes));
    qsizetype lineNumber = 0;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView line(text.constData() + start, end - start);
        ++lineNumber;
        start = end + 1;
        if (lineNumber == 1) {
            if (line != kHeader)
                return malformed(QStringLiteral("line 1 is not \"%1\"").arg(QLatin1String(kHeader)));
            continue;
        }
        if (line.isEmpty())
            continue;
        const qsizetype space = line.indexOf(' ');
        const QString name = space > 0 ? QString::fromLatin1(line.first(space)) : QString();
        if (!isValidSecretName(name))
            return malformed(QStringLiteral("line %1: no valid secret name").arg(lineNumber));
        QByteArray encoded = line.sliced(space + 1).toByteArray();
        if (QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors).decodingStatus !=
            QByteArray::Base64DecodingStatus::Ok) {
            wipe(encoded);
            return malformed(QStringLiteral("line %1: the value of '%2' is not base64").arg(lineNumber).arg(name));
        }
        entries.map()[name] = std::move(encoded);
    }
    wipe(text);
    if (lineNumber == 0)
        return makeError(QStringLiteral("secrets.malformed"), QStringLiteral("%1: empty file").arg(path));
    return {};
}

Result<void> ensurePrivateFolder(const QString& folder)
{
    if (!QDir().mkpath(folder))
        return ioError(QStringLiteral("cannot create %1").arg(folder));
    // Only the owner may list the folder: the lock and temporary files live there too.
    if (::chmod(QFile::encodeName(folder).constData(), 0700) != 0)
        return ioError(QStringLiteral("cannot restrict %1 to its owner").arg(folder));
    return {};
}

Result<void> writeEntries(const QString& path, const Entries& entries)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // Restrict the temporary file before a single secret byte goes into it.
    if (::fchmod(file.handle(), 0600) != 0)
        return ioError(QStringLiteral("cannot restrict %1 to its owner").arg(path));
    QByteArray text = kHeader + '\n';
    for (const auto& [name, encoded] : entries.map())
        text += name.toLatin1() + ' ' + encoded + '\n';
    const bool written = file.write(text) == text.size();
    wipe(text);
    if (!written || !file.commit())
        return ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

// Serialises read-modify-write cycles between processes (the CLI and the agent).
class StoreLock
{
public:
    explicit StoreLock(const QString& path) : m_lock(path + QStringLiteral(".lock")) {}
    bool acquire() { return m_lock.tryLock(kLockTimeoutMs); }

private:
    QLockFile m_lock;
};

template <typename Change> Result<void> modify(const QString& path, Change change)
{
    if (auto folder = ensurePrivateFolder(QFileInfo(path).absolutePath()); !folder)
        return folder;
    StoreLock lock(path);
    if (!lock.acquire())
        return ioError(QStringLiteral("%1 is locked by another process").arg(path));
    Entries entries;
    if (auto read = readEntries(path, entries); !read)
        return read;
    if (auto changed = change(entries); !changed)
        return changed;
    return writeEntries(path, entries);
}

} // namespace

FileSecretStore::FileSecretStore(QString path) : m_path(std::move(path)) {}

QString FileSecretStore::defaultPath()
{
    return paths::userConfigDir() + QStringLiteral("/secrets");
}

Result<crypto::SecureBytes> FileSecretStore::get(const QString& name) const
{
    if (auto valid = checkName(name); !valid)
        return valid.error();
    // Writers replace the file by rename, so a reader sees the old or the new file whole.
    Entries entries;
    if (auto read = readEntries(m_path, entries); !read)
        return read.error();
    const auto it = entries.map().find(name);
    if (it == entries.map().end())
        return notFound(name, m_path);
    QByteArray decoded = QByteArray::fromBase64(it->second);
    crypto::SecureBytes value = crypto::SecureBytes::copyOf(decoded);
    wipe(decoded);
    return value;
}

Result<void> FileSecretStore::set(const QString& name, QByteArrayView value)
{
    if (auto valid = checkName(name); !valid)
        return valid;
    if (value.isEmpty())
        return makeError(QStringLiteral("secrets.empty"), QStringLiteral("the value of '%1' is empty").arg(name));
    return modify(m_path, [&](Entries& entries) -> Result<void> {
        QByteArray& slot = entries.map()[name];
        wipe(slot);
        QByteArray raw = value.toByteArray();
        slot = raw.toBase64();
        wipe(raw);
        return {};
    });
}

Result<void> FileSecretStore::remove(const QString& name)
{
    if (auto valid = checkName(name); !valid)
        return valid;
    if (!QFile::exists(m_path))
        return notFound(name, m_path);
    return modify(m_path, [&](Entries& entries) -> Result<void> {
        const auto it = entries.map().find(name);
        if (it == entries.map().end())
            return notFound(name, m_path);
        wipe(it->second);
        entries.map().erase(it);
        return {};
    });
}

Result<QStringList> FileSecretStore::names() const
{
    Entries entries;
    if (auto read = readEntries(m_path, entries); !read)
        return read.error();
    QStringList list;
    for (const auto& [name, encoded] : entries.map())
        list << name;
    return list;
}

} // namespace corral::models
