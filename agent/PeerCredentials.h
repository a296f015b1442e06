// SPDX-License-Identifier: Apache-2.0
// Who is on the other end of a local socket, as reported by the kernel (not by the
// peer), so the agent can refuse connections from other users.
#pragma once

#include "Result.h"

#include <QtGlobal>

namespace corral::agent {

struct PeerCredentials
{
    qint64 pid = -1;
    quint32 uid = 0;
    quint32 gid = 0;
};

// The credentials of the process connected to `socketDescriptor` (e.g.
// QLocalSocket::socketDescriptor()). Error code: peer.unavailable.
Result<PeerCredentials> peerCredentials(qintptr socketDescriptor);

// The user this process runs as.
quint32 currentUserId();

} // namespace corral::agent
