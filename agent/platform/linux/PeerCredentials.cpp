// SPDX-License-Identifier: Apache-2.0
// SO_PEERCRED: the kernel records the peer's pid, uid and gid when it connects.
#include "agent/PeerCredentials.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace corral::agent {

Result<PeerCredentials> peerCredentials(qintptr socketDescriptor)
{
    struct ucred cred;
    socklen_t len = sizeof cred;
    if (socketDescriptor < 0 ||
        ::getsockopt(static_cast<int>(socketDescriptor), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
        len != sizeof cred) {
        const int err = socketDescriptor < 0 ? EBADF : errno;
        return makeError(
            QStringLiteral("peer.unavailable"),
            QStringLiteral("cannot read the peer's credentials: %1").arg(QString::fromUtf8(std::strerror(err))));
    }
    return PeerCredentials{cred.pid, cred.uid, cred.gid};
}

quint32 currentUserId()
{
    return ::getuid();
}

} // namespace corral::agent
