// SPDX-License-Identifier: Apache-2.0
// Checkpoints in the C2SP tlog-checkpoint text format (origin, tree size, base64 root,
// optional extension lines), signed as C2SP signed notes by the device key.
#pragma once

#include "MerkleTree.h"
#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace corral::crypto {
class NoteSigner;
struct NoteVerifier;
} // namespace corral::crypto

namespace corral::audit {

struct Checkpoint
{
    QString origin;
    std::uint64_t size = 0;
    Hash root{};
    QStringList extensions; // lines after the root, without newline

    // "origin\nsize\nbase64(root)\n[extension\n...]".
    QByteArray toText() const;
    QByteArray rootBase64() const;
    // Error code "checkpoint.malformed" naming the line at fault.
    static Result<Checkpoint> parse(QByteArrayView text);
};

// Signs the checkpoint text as a note. Error codes from crypto::signNote.
Result<QByteArray> signCheckpoint(const Checkpoint& checkpoint, const crypto::NoteSigner& signer);

// Opens a signed checkpoint. Error codes: "checkpoint.unknown-key" (no trusted key signed
// it), "checkpoint.bad-signature" (a trusted key's signature fails or the note is
// malformed), "checkpoint.malformed" (the body is not a checkpoint).
Result<Checkpoint> openCheckpoint(QByteArrayView note, const QList<crypto::NoteVerifier>& trusted);

// The body of a signed note without checking any signature (to name the size in reports
// about checkpoints that fail verification).
Result<Checkpoint> peekCheckpoint(QByteArrayView note);

} // namespace corral::audit
