// SPDX-License-Identifier: Apache-2.0
// What the DLP scanner looks for and how sure it must be: enabled types and per-type score
// thresholds, read from the bundle's data (`data.corral.settings.dlp` or a data.json member).
#pragma once

#include "Finding.h"
#include "Result.h"

#include <QJsonObject>
#include <QStringList>
#include <array>

namespace corral::dlp {

struct DlpSettings
{
    // Indexed by EntityType. By default every type is on except URL (links are everywhere in
    // office text and rarely personal), and every threshold is kDefaultThreshold.
    std::array<bool, kEntityTypeCount> enabled{};
    std::array<double, kEntityTypeCount> threshold{};
    // Regions (ISO 3166 alpha-2) for phone numbers written without a country code; a number
    // valid in any of them is reported. Numbers starting with '+' need no region.
    QStringList phoneRegions{QStringLiteral("US"), QStringLiteral("GB"), QStringLiteral("DE"), QStringLiteral("FR")};
    // Bytes before a match searched for its context words.
    int contextWindow = 64;
    // Added to a score when a context word of the type (e.g. "card", "iban", "ssn") is near.
    double contextBoost = 0.35;

    static constexpr double kDefaultThreshold = 0.5;

    DlpSettings();
    static DlpSettings allEnabled();

    bool isEnabled(EntityType type) const { return enabled[std::size_t(type)]; }
    double thresholdFor(EntityType type) const { return threshold[std::size_t(type)]; }

    // Reads {"enabled": ["EMAIL", ...], "disabled": [...], "default_threshold": 0.5,
    // "thresholds": {"CREDIT_CARD": 0.8}, "phone_regions": ["US", "GB"], "context_window": 64,
    // "context_boost": 0.35}; every member is optional and missing ones keep the defaults.
    // "enabled" lists all types that are on (the others are off). Errors (code "dlp.settings"):
    // unknown type names, thresholds outside 0..1, wrong member types.
    static Result<DlpSettings> fromJson(const QJsonObject& json);
};

} // namespace corral::dlp
