// SPDX-License-Identifier: Apache-2.0
// Settings of the prompt and response sanitizers, from the bundle's data: the phrases an
// organisation blocks in prompts and the hosts links and images in answers may point to.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace corral::dlp {

struct SanitizerSettings
{
    // Removed from prompts wherever they occur (ASCII case-insensitive, any run of white
    // space matching a space).
    QList<QByteArray> blockedPhrases;
    // Hosts answers may link to: "example.com" (that host) or "*.example.com" (sub-domains).
    // Lower case. Empty: no absolute link or image is kept.
    QList<QByteArray> allowedHosts;

    // Reads {"blocked_phrases": ["..."], "allowed_hosts": ["..."]}; both optional.
    // Errors (code "dlp.settings"): members that are not arrays of non-empty strings.
    static Result<SanitizerSettings> fromJson(const QJsonObject& json);
};

} // namespace corral::dlp
