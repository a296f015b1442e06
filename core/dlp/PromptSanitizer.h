// SPDX-License-Identifier: Apache-2.0
// PromptSanitizer: before a model call, strips what a person cannot see or should not be able
// to smuggle into a prompt (tag characters, zero-width and bidi controls, chat-template role
// markers, the bundle's blocked phrases) and flags the usual injection phrasing in content
// read from connectors. It reports what it found, for policy and audit.
#pragma once

#include "SanitizerFinding.h"
#include "SanitizerSettings.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <array>
#include <bitset>
#include <cstdint>
#include <vector>

namespace corral::dlp {

struct SanitizedText
{
    QByteArray text;
    QList<SanitizerFinding> findings;
};

class PromptSanitizer
{
public:
    // Where text came from: injection patterns are flagged in content read from connectors
    // (files, web pages), not in the person's own instructions.
    enum class Source { Instructions, ConnectorContent };

    explicit PromptSanitizer(SanitizerSettings settings = {});

    // Sanitizes UTF-8 text. Invalid UTF-8 sequences are kept as they are.
    SanitizedText sanitize(QByteArrayView utf8, Source source = Source::Instructions) const;

private:
    struct Phrase
    {
        QByteArray text; // lower case
        bool blocked;    // a blocked phrase (removed), else an injection pattern (flagged)
    };
    std::vector<Phrase> m_phrases;
    // (first two bytes, lower case, white space as ' ') -> index into m_phrases, sorted.
    std::vector<std::pair<std::uint16_t, int>> m_byBigram;
    // Per Source: which bigrams start a phrase that applies, and the byte classes.
    std::bitset<65536> m_bigrams[2];
    std::array<std::uint8_t, 256> m_bytes[2]{};
};

} // namespace corral::dlp
