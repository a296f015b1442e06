// SPDX-License-Identifier: Apache-2.0
// Time behind a small interface so tests can move it (checkpoint timers, quotas, expiry).
#pragma once

#include <QDateTime>
#include <QtGlobal>
#include <atomic>

namespace corral {

class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    // The process-wide real clock.
    static const Clock& system();
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// A clock that only moves when told to; for tests.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1767225600000) : m_ms(startMs) {} // 2026-01-01T00:00:00Z
    qint64 nowMs() const override { return m_ms.load(); }
    void set(qint64 ms) { m_ms.store(ms); }
    void advance(qint64 ms) { m_ms.fetch_add(ms); }

private:
    std::atomic<qint64> m_ms;
};

inline const Clock& Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace corral
