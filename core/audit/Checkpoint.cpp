// SPDX-License-Identifier: Apache-2.0
#include "Checkpoint.h"

#include "crypto/SignedNote.h"

#include <cstring>

namespace corral::audit {

namespace {

Error malformed(const QString& message)
{
    return makeError(QStringLiteral("checkpoint.malformed"), message);
}

} // namespace

QByteArray Checkpoint::rootBase64() const
{
    return crypto::toBytes(root).toBase64();
}

QByteArray Checkpoint::toText() const
{
    QByteArray out = origin.toUtf8() + '\n' + QByteArray::number(quint64(size)) + '\n' + rootBase64() + '\n';
    for (const QString& line : extensions)
        out += line.toUtf8() + '\n';
    return out;
}

Result<Checkpoint> Checkpoint::parse(QByteArrayView text)
{
    if (!text.endsWith('\n'))
        return malformed(QStringLiteral("checkpoint does not end with a newline"));
    const QList<QByteArray> lines = text.chopped(1).toByteArray().split('\n');
    if (lines.size() < 3)
        return malformed(QStringLiteral("checkpoint needs origin, size and root lines"));
    Checkpoint c;
    if (lines[0].isEmpty())
        return malformed(QStringLiteral("line 1: empty origin"));
    c.origin = QString::fromUtf8(lines[0]);
    const QByteArray& sizeLine = lines[1];
    bool ok = !sizeLine.isEmpty() && (sizeLine == "0" || !sizeLine.startsWith('0'));
    for (char ch : sizeLine)
        ok = ok && ch >= '0' && ch <= '9';
    c.size = ok ? sizeLine.toULongLong(&ok) : 0;
    if (!ok)
        return malformed(QStringLiteral("line 2: size is not a decimal number"));
    const auto decoded = QByteArray::fromBase64Encoding(lines[2], QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != qsizetype(c.root.size()) || decoded.decoded.toBase64() != lines[2])
        return malformed(QStringLiteral("line 3: root is not a base64 SHA-256 hash"));
    std::memcpy(c.root.data(), decoded.decoded.constData(), c.root.size());
    for (qsizetype i = 3; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            return malformed(QStringLiteral("line %1: empty extension line").arg(i + 1));
        c.extensions.append(QString::fromUtf8(lines[i]));
    }
    return c;
}

Result<QByteArray> signCheckpoint(const Checkpoint& checkpoint, const crypto::NoteSigner& signer)
{
    return crypto::signNote(checkpoint.toText(), signer);
}

Result<Checkpoint> openCheckpoint(QByteArrayView note, const QList<crypto::NoteVerifier>& trusted)
{
    Result<crypto::OpenedNote> opened = crypto::openNote(note, trusted);
    if (!opened) {
        const QString code = opened.error().code;
        if (code == QLatin1String("note.unverified"))
            return makeError(QStringLiteral("checkpoint.unknown-key"), opened.error().message);
        return makeError(QStringLiteral("checkpoint.bad-signature"), opened.error().message);
    }
    return Checkpoint::parse(opened->text);
}

Result<Checkpoint> peekCheckpoint(QByteArrayView note)
{
    const qsizetype blank = note.indexOf("\n\n");
    if (blank < 0)
        return malformed(QStringLiteral("no blank line before the signatures"));
    return Checkpoint::parse(note.first(blank + 1));
}

} // namespace corral::audit
