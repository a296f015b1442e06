// SPDX-License-Identifier: Apache-2.0
// DlpScanner finds personal data and secrets in text with validating recognizers: every
// candidate must pass its checksum or format rules (Luhn, mod 97, mod 11, Base58Check,
// Bech32, EIP-55, libphonenumber, SSN ranges, JWT header) before it is reported.
//
// One scan is a few passes of memchr/memmem for '@', "://", "www." and "-----BEGIN", and a
// single pass over words that looks only at digits, known key prefixes and keywords, so
// the text is read at memory speed and only candidates are examined closely.
#pragma once

#include "DlpSettings.h"
#include "Finding.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace corral::dlp {

class DlpScanner
{
public:
    explicit DlpScanner(DlpSettings settings = {});

    // Findings in UTF-8 text, ordered by start and not overlapping (where two candidates
    // overlap the higher score wins, then the longer one), of enabled types only and at or
    // above their type's threshold. Code-point and byte offsets are both set. Thread-safe.
    QList<Finding> scan(QByteArrayView utf8) const;
    // The same for a QString. start/end are code points; byteStart/byteEnd refer to
    // text.toUtf8(), which is what the operators take.
    QList<Finding> scan(const QString& text) const;

    const DlpSettings& settings() const { return m_settings; }

private:
    DlpSettings m_settings;
};

} // namespace corral::dlp
