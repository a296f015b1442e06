// SPDX-License-Identifier: Apache-2.0
// The one-agent-per-user lock: an flock() on a file in the data folder, held for the
// agent's lifetime and released by the kernel when the process dies, however it dies,
// so a crashed agent never blocks the next start.
#pragma once

#include "Result.h"

#include <QString>

namespace corral::agent {

class InstanceLock
{
public:
    InstanceLock() = default;
    ~InstanceLock();
    InstanceLock(InstanceLock&& other) noexcept;
    InstanceLock& operator=(InstanceLock&& other) noexcept;
    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;

    // Takes the lock without waiting and writes this process's pid into the file. Errors:
    // agent.already-running (another process holds it; the message names its pid when
    // known), agent.lock (the file cannot be opened or locked).
    static Result<InstanceLock> acquire(const QString& path);

    bool isHeld() const { return m_fd >= 0; }
    void release();

private:
    explicit InstanceLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace corral::agent
