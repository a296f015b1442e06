// SPDX-License-Identifier: Apache-2.0
// ResponseSanitizer: after a model call, removes links and images to hosts the app may not
// reach (an answer's image URL is fetched as soon as it is displayed: a known way to leak
// data) and scans the answer for personal data and secrets.
#pragma once

#include "DlpScanner.h"
#include "Finding.h"
#include "SanitizerFinding.h"
#include "SanitizerSettings.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace corral::dlp {

struct SanitizedAnswer
{
    QByteArray text;
    QList<SanitizerFinding> findings; // what was removed (offsets into the answer as given)
    QList<Finding> dlpFindings;       // personal data and secrets in the answer as given
};

class ResponseSanitizer
{
public:
    ResponseSanitizer(SanitizerSettings settings, DlpScanner scanner);

    // The answer without links and images to hosts outside SanitizerSettings::allowedHosts
    // (the text of a removed link stays; a bare URL becomes "[link removed]"), what was
    // removed, and the DLP findings of the answer as given (scan it before restoring
    // pseudonyms, so the tokens are what is scanned).
    SanitizedAnswer sanitize(QByteArrayView utf8) const;

private:
    SanitizerSettings m_settings;
    DlpScanner m_scanner;
};

} // namespace corral::dlp
