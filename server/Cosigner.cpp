// SPDX-License-Identifier: Apache-2.0
#include "Cosigner.h"

#include "crypto/Ed25519.h"
#include "crypto/Hash.h"

#include <QtEndian>

namespace corral::server {

namespace {

const QByteArray kSigPrefix = QStringLiteral("\u2014 ").toUtf8();

Result<QByteArray> noteText(QByteArrayView note)
{
    const qsizetype split = note.indexOf("\n\n");
    if (split < 0)
        return makeError(QStringLiteral("note.malformed"), QStringLiteral("the note has no signature block"));
    return note.first(split + 1).toByteArray();
}

} // namespace

quint32 cosignatureKeyId(const QString& name, QByteArrayView publicKey)
{
    QByteArray material = name.toUtf8();
    material += '\n';
    material += char(kCosignatureAlg);
    material += publicKey;
    const crypto::Sha256Digest digest = crypto::sha256(material);
    return qFromBigEndian<quint32>(digest.data());
}

QString cosignatureVerifierKey(const QString& name, QByteArrayView publicKey)
{
    QByteArray key(1, char(kCosignatureAlg));
    key += publicKey;
    return name + QLatin1Char('+') +
           QStringLiteral("%1").arg(cosignatureKeyId(name, publicKey), 8, 16, QLatin1Char('0')) + QLatin1Char('+') +
           QString::fromLatin1(key.toBase64());
}

QByteArray cosignedMessage(QByteArrayView checkpointText, quint64 timestamp)
{
    return "cosignature/v1\ntime " + QByteArray::number(timestamp) + '\n' + checkpointText.toByteArray();
}

QByteArray cosignatureLine(const crypto::NoteSigner& witness, QByteArrayView checkpointText, quint64 timestamp)
{
    QByteArray blob(12, Qt::Uninitialized);
    qToBigEndian<quint32>(cosignatureKeyId(witness.name(), witness.publicKey()), blob.data());
    qToBigEndian<quint64>(timestamp, blob.data() + 4);
    blob += witness.sign(cosignedMessage(checkpointText, timestamp));
    return kSigPrefix + witness.name().toUtf8() + ' ' + blob.toBase64() + '\n';
}

Result<QByteArray> cosign(QByteArrayView signedCheckpoint, const crypto::NoteSigner& witness, quint64 timestamp)
{
    Result<QByteArray> text = noteText(signedCheckpoint);
    if (!text)
        return text.error();
    QByteArray out = signedCheckpoint.toByteArray();
    if (!out.endsWith('\n'))
        out += '\n';
    return out + cosignatureLine(witness, *text, timestamp);
}

Result<quint64> verifyCosignature(QByteArrayView note, const QString& name, QByteArrayView publicKey)
{
    Result<QByteArray> text = noteText(note);
    if (!text)
        return text.error();
    const quint32 keyId = cosignatureKeyId(name, publicKey);
    const QByteArray prefix = kSigPrefix + name.toUtf8() + ' ';
    const QList<QByteArray> lines = note.sliced(text->size() + 1).toByteArray().split('\n');
    for (const QByteArray& line : lines) {
        if (!line.startsWith(prefix))
            continue;
        const auto decoded =
            QByteArray::fromBase64Encoding(line.sliced(prefix.size()), QByteArray::AbortOnBase64DecodingErrors);
        const QByteArray& blob = decoded.decoded;
        if (!decoded || blob.size() != 12 + crypto::kEd25519SignatureSize ||
            qFromBigEndian<quint32>(blob.constData()) != keyId)
            continue;
        const quint64 timestamp = qFromBigEndian<quint64>(blob.constData() + 4);
        if (!crypto::ed25519Verify(publicKey, cosignedMessage(*text, timestamp), blob.sliced(12)))
            return makeError(QStringLiteral("cosignature.invalid"), QStringLiteral("the cosignature does not verify"));
        return timestamp;
    }
    return makeError(QStringLiteral("cosignature.missing"), QStringLiteral("no cosignature by %1").arg(name));
}

} // namespace corral::server
