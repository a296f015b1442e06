// SPDX-License-Identifier: Apache-2.0
// Quota presets per stage, read from the "quotas" member of a policy bundle's data (format
// in docs/quotas.md). Each stage gives limits per app and, optionally, per user, per model
// and for the whole stage.
#pragma once

#include "QuotaTypes.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace corral::quota {

// The limits of one stage, one Limits per dimension (indexed by int(Dimension)).
struct StagePreset
{
    std::array<Limits, kDimensionCount> limits;
    const Limits& operator[](Dimension d) const { return limits[std::size_t(d)]; }
    Limits& operator[](Dimension d) { return limits[std::size_t(d)]; }
};

class QuotaPresets
{
public:
    // Parses the value of "quotas" ({"development": {...}, "production": {...}}); `source`
    // names it in errors. Error code "quota.presets": not an object, an unknown member, a
    // value of the wrong type or out of range; the message names source and JSON pointer.
    static Result<QuotaPresets> fromJson(const QJsonObject& quotas, const QString& source);
    // Parses a data document whose "quotas" member holds the presets. Errors as fromJson
    // plus "quota.presets" for text that is not a JSON object or has no "quotas" member.
    static Result<QuotaPresets> parse(const QByteArray& text, const QString& source);
    // The presets in force until a bundle provides its own (see docs/quotas.md).
    static const QuotaPresets& defaults();

    // The preset of `stage`, or nullptr when the data names no such stage.
    const StagePreset* find(const QString& stage) const;
    QStringList stages() const;

private:
    QHash<QString, StagePreset> m_stages;
};

} // namespace corral::quota
