// SPDX-License-Identifier: Apache-2.0
// Server-side quota check: after an accepted upload, the device's usage today (UTC), as the
// server recomputed it from the synced model.called records, is compared with the hard
// tokens_per_day limits of the latest published bundle's quota presets. A desktop that reset
// or edited its local quota state shows up here as one "quota" alert per device and day.
#pragma once

#include "Result.h"
#include "ServerStore.h"
#include "quota/QuotaPresets.h"

#include <QHash>
#include <QString>
#include <optional>

namespace corral::server {

class UsageWatch
{
public:
    explicit UsageWatch(ServerStore& store) : m_store(store) {}

    // Checks `deviceId`'s usage on the UTC day of `nowMs` per user and per app (the app's
    // stage is production when a reviewer approved it for this device, else development)
    // and raises one "quota" alert naming every excess unless the device already has a
    // quota alert from that day. Returns whether it raised one. Errors: the store's.
    Result<bool> check(const QString& deviceId, qint64 nowMs);

private:
    // The presets of the latest bundle (parsed once per serial); the built-in defaults when
    // no bundle is published or it carries none.
    Result<const quota::QuotaPresets*> presets();

    ServerStore& m_store;
    qint64 m_serial = -1;
    std::optional<quota::QuotaPresets> m_presets;
    // The start of the last UTC day each device is known to have its quota alert for, so
    // later uploads of that day cost nothing.
    QHash<QString, qint64> m_alertedDay;
};

} // namespace corral::server
