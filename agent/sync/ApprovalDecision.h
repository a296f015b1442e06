// SPDX-License-Identifier: Apache-2.0
// A reviewer's decision on a production request as corral-server sends it: a C2SP signed
// note by the server's witness key ("corral approval", then id, device, app, state, reviewer,
// note and time lines). The agent acts on a decision only once this has checked it against
// the witness key pinned at enrollment.
#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QString>
#include <cstdint>

namespace corral::agent::sync {

struct ApprovalDecision
{
    std::int64_t id = 0;
    QString device;
    QString app;
    QString state; // "approved" or "rejected"
    QString reviewer;
    QString note;
    qint64 decidedMs = 0;
};

// Opens `note` with `witnessKey` (the enrollment's "name+keyid+base64(0x04||key)").
// Errors: "approval.signature" (not signed by that key, or the key cannot be read),
// "approval.malformed" (signed, but not a decision).
Result<ApprovalDecision> openDecision(QByteArrayView note, const QString& witnessKey);

} // namespace corral::agent::sync
