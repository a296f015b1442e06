// SPDX-License-Identifier: Apache-2.0
// What the prompt and response sanitizers report: one SanitizerFinding per character,
// marker, phrase, pattern, link or image, and the per-issue summary for policy and audit.
#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

namespace corral::dlp {

enum class SanitizerIssue {
    InvisibleCharacter, // stripped: tag characters, zero-width, bidi controls, fillers
    RoleMarker,         // stripped: <|im_start|>, [INST], <<SYS>>, "### System:" ...
    BlockedPhrase,      // stripped: a phrase of the bundle's blocked list
    InjectionPattern,   // flagged only: "ignore previous instructions" ...
    DisallowedLink,     // removed from an answer (the link text stays)
    DisallowedImage,    // removed from an answer
};

// "invisible_character", "role_marker", "blocked_phrase", "injection_pattern",
// "disallowed_link", "disallowed_image".
QString sanitizerIssueName(SanitizerIssue issue);

struct SanitizerFinding
{
    SanitizerIssue issue = SanitizerIssue::InvisibleCharacter;
    // UTF-8 byte offsets into the input (not the output).
    qsizetype byteStart = 0;
    qsizetype byteEnd = 0;
    // What was found, safe to log: "U+202E", "<|im_start|>", the pattern or the host.
    QString detail;
};

// [{"issue": "invisible_character", "count": 3}, ...], for policy input and audit records.
QJsonArray sanitizerSummaryJson(const QList<SanitizerFinding>& findings);

} // namespace corral::dlp
