// SPDX-License-Identifier: Apache-2.0
#include "ApprovalDecision.h"

#include "crypto/SignedNote.h"

#include <QDateTime>
#include <QHash>
#include <QList>

namespace corral::agent::sync {

namespace {

constexpr quint8 kCosignatureAlg = 0x04;

Error signatureError(const QString& why)
{
    return makeError(QStringLiteral("approval.signature"), why);
}

// The server escapes backslashes and newlines so each field stays on its line.
QString unescape(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            ++i;
            out += value[i] == 'n' ? '\n' : value[i];
        } else {
            out += value[i];
        }
    }
    return QString::fromUtf8(out);
}

} // namespace

Result<ApprovalDecision> openDecision(QByteArrayView note, const QString& witnessKey)
{
    // The enrollment pins the witness key in its cosignature form; decisions are plain
    // Ed25519 note signatures by the same key, whose key id uses the algorithm byte 0x01.
    // "name+keyid+base64": the name holds no '+', the base64 may.
    const qsizetype nameEnd = witnessKey.indexOf(QLatin1Char('+'));
    const qsizetype idEnd = nameEnd < 0 ? -1 : witnessKey.indexOf(QLatin1Char('+'), nameEnd + 1);
    const QByteArray blob = idEnd < 0 ? QByteArray() : QByteArray::fromBase64(witnessKey.sliced(idEnd + 1).toLatin1());
    if (nameEnd <= 0 || blob.size() != 33 || quint8(blob.at(0)) != kCosignatureAlg)
        return signatureError(QStringLiteral("the pinned witness key is not readable"));
    crypto::NoteVerifier verifier;
    verifier.name = witnessKey.first(nameEnd);
    verifier.publicKey = blob.sliced(1);
    verifier.keyId = crypto::noteKeyId(verifier.name, verifier.publicKey);
    Result<crypto::OpenedNote> opened = crypto::openNote(note, {verifier});
    if (!opened.ok())
        return signatureError(
            QStringLiteral("the decision is not signed by the organisation's server (%1)").arg(opened.error().message));

    const auto malformed = [] {
        return makeError(QStringLiteral("approval.malformed"), QStringLiteral("the signed note is not a decision"));
    };
    QList<QByteArray> lines = opened->text.split('\n');
    if (lines.isEmpty() || lines.takeFirst() != "corral approval")
        return malformed();
    QHash<QByteArray, QByteArray> fields;
    for (const QByteArray& line : lines) {
        if (line.isEmpty())
            continue;
        const qsizetype space = line.indexOf(' ');
        fields.insert(space < 0 ? line : line.first(space), space < 0 ? QByteArray() : line.sliced(space + 1));
    }
    ApprovalDecision d;
    bool okId = false;
    d.id = fields.value("id").toLongLong(&okId);
    d.device = unescape(fields.value("device"));
    d.app = unescape(fields.value("app"));
    d.state = QString::fromUtf8(fields.value("state"));
    d.reviewer = unescape(fields.value("reviewer"));
    d.note = unescape(fields.value("note"));
    const QDateTime time = QDateTime::fromString(QString::fromUtf8(fields.value("time")), Qt::ISODateWithMs);
    d.decidedMs = time.isValid() ? time.toMSecsSinceEpoch() : 0;
    if (!okId || d.device.isEmpty() || d.app.isEmpty() || d.reviewer.isEmpty() ||
        (d.state != QLatin1String("approved") && d.state != QLatin1String("rejected")))
        return malformed();
    return d;
}

} // namespace corral::agent::sync
