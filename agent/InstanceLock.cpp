// SPDX-License-Identifier: Apache-2.0
#include "InstanceLock.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace corral::agent {

InstanceLock::~InstanceLock()
{
    release();
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept
{
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

Result<InstanceLock> InstanceLock::acquire(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return makeError(
            QStringLiteral("agent.lock"),
            QStringLiteral("cannot open the lock file %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        QByteArray holder(32, '\0');
        const ssize_t n = ::pread(fd, holder.data(), holder.size() - 1, 0);
        ::close(fd);
        if (error != EWOULDBLOCK)
            return makeError(
                QStringLiteral("agent.lock"),
                QStringLiteral("cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
        const QByteArray pid = n > 0 ? holder.left(n).trimmed() : QByteArray();
        return makeError(
            QStringLiteral("agent.already-running"),
            pid.isEmpty() ? QStringLiteral("another Corral agent is already running for this user (lock %1)").arg(path)
                          : QStringLiteral("another Corral agent is already running for this user "
                                           "(pid %1, lock %2)")
                                .arg(QString::fromLatin1(pid), path));
    }
    // The pid is informational (for the message above); the lock itself is the flock.
    const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.constData(), pid.size(), 0) != pid.size()) {
        ::close(fd);
        return makeError(QStringLiteral("agent.lock"), QStringLiteral("cannot write the lock file %1").arg(path));
    }
    return InstanceLock(fd);
}

void InstanceLock::release()
{
    if (m_fd >= 0) {
        ::close(std::exchange(m_fd, -1));
    }
}

} // namespace corral::agent
