// SPDX-License-Identifier: Apache-2.0
#include "DlpSettings.h"

#include <QJsonArray>

namespace corral::dlp {

namespace {

Error settingsError(const QString& message)
{
    return makeError(QStringLiteral("dlp.settings"), message);
}

} // namespace

DlpSettings::DlpSettings()
{
    enabled.fill(true);
    enabled[std::size_t(EntityType::Url)] = false;
    threshold.fill(kDefaultThreshold);
}

DlpSettings DlpSettings::allEnabled()
{
    DlpSettings s;
    s.enabled.fill(true);
    return s;
}

Result<DlpSettings> DlpSettings::fromJson(const QJsonObject& json)
{
    DlpSettings s;
    const auto typeList = [](const QJsonValue& value, const QString& member) -> Result<QList<EntityType>> {
        if (!value.isArray())
            return settingsError(QStringLiteral("\"%1\" must be an array of type names").arg(member));
        QList<EntityType> types;
        for (const QJsonValue& v : value.toArray()) {
            const std::optional<EntityType> type = entityTypeFromName(v.toString());
            if (!v.isString() || !type)
                return settingsError(QStringLiteral("\"%1\": unknown type %2")
                                         .arg(member, v.isString() ? v.toString() : QStringLiteral("(not a string)")));
            types.append(*type);
        }
        return types;
    };
    if (json.contains(QLatin1String("enabled"))) {
        Result<QList<EntityType>> types = typeList(json.value(QLatin1String("enabled")), QStringLiteral("enabled"));
        if (!types)
            return types.error();
        s.enabled.fill(false);
        for (const EntityType t : *types)
            s.enabled[std::size_t(t)] = true;
    }
    if (json.contains(QLatin1String("disabled"))) {
        Result<QList<EntityType>> types = typeList(json.value(QLatin1String("disabled")), QStringLiteral("disabled"));
        if (!types)
            return types.error();
        for (const EntityType t : *types)
            s.enabled[std::size_t(t)] = false;
    }
    const auto score = [](const QJsonValue& v, const QString& what) -> Result<double> {
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 1)
            return settingsError(QStringLiteral("%1 must be a number from 0 to 1").arg(what));
        return v.toDouble();
    };
    if (json.contains(QLatin1String("default_threshold"))) {
        Result<double> t =
            score(json.value(QLatin1String("default_threshold")), QStringLiteral("\"default_threshold\""));
        if (!t)
            return t.error();
        s.threshold.fill(*t);
    }
    if (json.contains(QLatin1String("thresholds"))) {
        const QJsonValue value = json.value(QLatin1String("thresholds"));
        if (!value.isObject())
            return settingsError(QStringLiteral("\"thresholds\" must be an object of type names to numbers"));
        const QJsonObject thresholds = value.toObject();
        for (auto it = thresholds.begin(); it != thresholds.end(); ++it) {
            const std::optional<EntityType> type = entityTypeFromName(it.key());
            if (!type)
                return settingsError(QStringLiteral("\"thresholds\": unknown type %1").arg(it.key()));
            Result<double> t = score(it.value(), QStringLiteral("\"thresholds\".%1").arg(it.key()));
            if (!t)
                return t.error();
            s.threshold[std::size_t(*type)] = *t;
        }
    }
    if (json.contains(QLatin1String("phone_regions"))) {
        const QJsonValue value = json.value(QLatin1String("phone_regions"));
        if (!value.isArray())
            return settingsError(QStringLiteral("\"phone_regions\" must be an array of region codes"));
        s.phoneRegions.clear();
        for (const QJsonValue& v : value.toArray()) {
            const QString region = v.toString();
            if (region.size() != 2 || !region[0].isUpper() || !region[1].isUpper())
                return settingsError(QStringLiteral("\"phone_regions\": not a region code: %1").arg(region));
            s.phoneRegions.append(region);
        }
    }
    if (json.contains(QLatin1String("context_window"))) {
        const QJsonValue v = json.value(QLatin1String("context_window"));
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 1024 || v.toDouble() != double(v.toInt()))
            return settingsError(QStringLiteral("\"context_window\" must be an integer from 0 to 1024"));
        s.contextWindow = v.toInt();
    }
    if (json.contains(QLatin1String("context_boost"))) {
        Result<double> b = score(json.value(QLatin1String("context_boost")), QStringLiteral("\"context_boost\""));
        if (!b)
            return b.error();
        s.contextBoost = *b;
    }
    return s;
}

} // namespace corral::dlp
