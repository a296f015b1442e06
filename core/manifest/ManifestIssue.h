// SPDX-License-Identifier: Apache-2.0
// One problem found in a manifest, placed both as a JSON pointer (for tools) and as a line
// and column in the original text (for people and the editor's markers).
#pragma once

#include <QString>

namespace corral::manifest {

struct ManifestIssue
{
    QString code;    // stable: "manifest.schema", "manifest.unknown-model", ...
    QString message; // for people; names the offending value
    QString pointer; // RFC 6901 JSON pointer ("" is the whole document)
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in characters

    // "FILE:LINE:COL: error: MESSAGE", the command line's format.
    QString format(const QString& file) const
    {
        return QStringLiteral("%1:%2:%3: error: %4").arg(file).arg(line).arg(column).arg(message);
    }
};

} // namespace corral::manifest
