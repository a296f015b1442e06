// SPDX-License-Identifier: Apache-2.0
#include "SignedNote.h"

#include "Encoding.h"
#include "Hash.h"
#include "Sodium.h"
#include "Utf8.h"

#include <QSet>
#include <QtEndian>
#include <cstring>

namespace corral::crypto {

namespace {

// U+2014 EM DASH followed by a space: the start of every signature line.
const QByteArray kSigPrefix = QByteArrayLiteral("\xE2\x80\x94 ");
const QString kSignerKeyPrefix = QStringLiteral("PRIVATE+KEY+");

corral::Error malformed(const QString& message)
{
    return corral::makeError(QStringLiteral("note.malformed"), message);
}

corral::Error badKey(const QString& message)
{
    return corral::makeError(QStringLiteral("note.bad-key"), message);
}

QString hex8(quint32 id)
{
    return QStringLiteral("%1").arg(id, 8, 16, QLatin1Char('0'));
}

std::optional<quint32> parseHex8(const QString& s)
{
    if (s.size() != 8)
        return std::nullopt;
    for (QChar c : s) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return std::nullopt;
    }
    bool ok = false;
    const quint32 v = s.toUInt(&ok, 16);
    return ok ? std::optional<quint32>(v) : std::nullopt;
}

// Splits "name+hex8+base64" (base64 may itself contain '+', the name may not).
struct KeyParts
{
    QString name;
    QString hash;
    QString data;
};

std::optional<KeyParts> splitKey(const QString& key)
{
    const qsizetype first = key.indexOf(QLatin1Char('+'));
    if (first < 0)
        return std::nullopt;
    const qsizetype second = key.indexOf(QLatin1Char('+'), first + 1);
    if (second < 0)
        return std::nullopt;
    return KeyParts{key.left(first), key.mid(first + 1, second - first - 1), key.mid(second + 1)};
}

// A note with no ASCII control characters but newline, and valid UTF-8.
std::optional<QString> checkNoteBytes(QByteArrayView bytes)
{
    if (!corral::isValidUtf8(bytes))
        return QStringLiteral("not valid UTF-8");
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x20 && c != '\n') {
            const qsizetype line = QByteArrayView(bytes.first(i)).count('\n') + 1;
            return QStringLiteral("line %1: control character 0x%2").arg(line).arg(c, 2, 16, QLatin1Char('0'));
        }
    }
    return std::nullopt;
}

struct ParsedSignature
{
    NoteSignature signature;
    QByteArray line; // without the prefix and the newline, for de-duplication
    int lineNumber = 0;
};

struct ParsedNote
{
    QByteArray text;
    QList<ParsedSignature> signatures;
};

corral::Result<ParsedNote> parseNote(QByteArrayView note)
{
    if (note.size() > kNoteMaxSize)
        return malformed(QStringLiteral("note of %1 bytes exceeds the limit of %2").arg(note.size()).arg(kNoteMaxSize));
    if (const auto problem = checkNoteBytes(note))
        return malformed(*problem);
    // The text ends at the last blank line; everything after it is signature lines.
    const qsizetype split = QByteArrayView(note).lastIndexOf(QByteArrayView("\n\n"));
    if (split < 0)
        return malformed(QStringLiteral("no blank line before the signatures"));
    ParsedNote parsed;
    parsed.text = note.first(split + 1).toByteArray();
    QByteArrayView sigs = note.sliced(split + 2);
    if (sigs.isEmpty())
        return malformed(QStringLiteral("no signature lines after the blank line"));
    if (!sigs.endsWith('\n'))
        return malformed(QStringLiteral("the last signature line does not end with a newline"));
    int lineNumber = int(parsed.text.count('\n')) + 2;
    while (!sigs.isEmpty()) {
        const qsizetype nl = sigs.indexOf('\n');
        const QByteArrayView line = sigs.first(nl);
        sigs = sigs.sliced(nl + 1);
        if (parsed.signatures.size() >= kNoteMaxSignatures)
            return malformed(QStringLiteral("more than %1 signatures").arg(kNoteMaxSignatures));
        if (line.size() > kNoteMaxSignatureLine)
            return malformed(QStringLiteral("line %1: signature line longer than %2 bytes")
                                 .arg(lineNumber)
                                 .arg(kNoteMaxSignatureLine));
        if (!line.startsWith(kSigPrefix))
            return malformed(
                QStringLiteral("line %1: signature line does not start with an em dash and a space").arg(lineNumber));
        const QByteArrayView body = line.sliced(kSigPrefix.size());
        const qsizetype space = body.indexOf(' ');
        if (space < 0)
            return malformed(QStringLiteral("line %1: signature line has no space after the key name").arg(lineNumber));
        const QString name = QString::fromUtf8(body.first(space));
        if (!isValidNoteKeyName(name))
            return malformed(QStringLiteral("line %1: invalid key name").arg(lineNumber));
        const auto sig = detail::decodeBase64Strict(body.sliced(space + 1));
        if (!sig)
            return malformed(QStringLiteral("line %1: signature is not valid base64").arg(lineNumber));
        if (sig->size() < 5)
            return malformed(QStringLiteral("line %1: signature is too short").arg(lineNumber));
        ParsedSignature ps;
        ps.signature.name = name;
        ps.signature.keyId = qFromBigEndian<quint32>(sig->constData());
        ps.signature.signature = sig->mid(4);
        ps.line = body.toByteArray();
        ps.lineNumber = lineNumber;
        parsed.signatures.append(std::move(ps));
        ++lineNumber;
    }
    return parsed;
}

QByteArray signatureLine(const NoteSigner& signer, QByteArrayView text)
{
    QByteArray blob(4, Qt::Uninitialized);
    qToBigEndian<quint32>(signer.keyId(), blob.data());
    blob += signer.sign(text);
    return kSigPrefix + signer.name().toUtf8() + ' ' + blob.toBase64() + '\n';
}

} // namespace

quint32 noteKeyId(const QString& name, QByteArrayView publicKey)
{
    Sha256 h;
    h.update(name.toUtf8());
    const char sep[2] = {'\n', char(kNoteAlgEd25519)};
    h.update(QByteArrayView(sep, 2));
    h.update(publicKey);
    const Sha256Digest d = h.finish();
    return qFromBigEndian<quint32>(d.data());
}

bool isValidNoteKeyName(const QString& name)
{
    if (name.isEmpty() || name.toUtf8().size() > kNoteMaxKeyNameSize)
        return false;
    for (const char32_t cp : name.toUcs4()) {
        if (cp == U'+' || QChar::isSpace(cp) || cp == 0xFFFD)
            return false;
    }
    return true;
}

NoteSigner::NoteSigner(QString name, Ed25519KeyPair key)
    : m_name(std::move(name)), m_key(std::make_shared<const Ed25519KeyPair>(std::move(key)))
{
    m_keyId = m_key->isValid() ? noteKeyId(m_name, m_key->publicKey()) : 0;
}

corral::Result<NoteSigner> NoteSigner::fromSignerKey(const QString& signerKey)
{
    if (!signerKey.startsWith(kSignerKeyPrefix))
        return badKey(QStringLiteral("signer key does not start with PRIVATE+KEY+"));
    const auto parts = splitKey(signerKey.mid(kSignerKeyPrefix.size()));
    if (!parts)
        return badKey(QStringLiteral("signer key is not PRIVATE+KEY+name+id+key"));
    if (!isValidNoteKeyName(parts->name))
        return badKey(QStringLiteral("signer key has an invalid key name"));
    const auto id = parseHex8(parts->hash);
    if (!id)
        return badKey(QStringLiteral("signer key id is not 8 hex digits"));
    // Decode into locked memory: this is the seed.
    const QByteArray encoded = parts->data.toLatin1();
    SecureBytes raw(std::size_t(encoded.size()));
    std::size_t rawLength = 0;
    ensureSodium();
    if (sodium_base642bin(raw.data(), raw.size(), encoded.constData(), std::size_t(encoded.size()), nullptr, &rawLength,
                          nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return badKey(QStringLiteral("signer key is not valid base64"));
    if (rawLength != std::size_t(1 + kEd25519SeedSize) || raw.data()[0] != kNoteAlgEd25519)
        return badKey(QStringLiteral("signer key is not an Ed25519 key"));
    NoteSigner signer(parts->name, Ed25519KeyPair::fromSeed(raw.view().sliced(1, kEd25519SeedSize)));
    if (signer.keyId() != *id)
        return badKey(
            QStringLiteral("signer key id %1 does not match its key (%2)").arg(parts->hash, hex8(signer.keyId())));
    return signer;
}

NoteSigner NoteSigner::generate(QString name)
{
    return NoteSigner(std::move(name), Ed25519KeyPair::generate());
}

bool NoteSigner::isValid() const
{
    return m_key && m_key->isValid() && isValidNoteKeyName(m_name);
}

QByteArray NoteSigner::publicKey() const
{
    return m_key ? m_key->publicKey() : QByteArray();
}

QString NoteSigner::verifierKey() const
{
    return NoteVerifier{m_name, m_keyId, publicKey()}.toVerifierKey();
}

SecureBytes NoteSigner::signerKey() const
{
    if (!isValid())
        return {};
    const QByteArray head = (kSignerKeyPrefix + m_name + QLatin1Char('+') + hex8(m_keyId) + QLatin1Char('+')).toUtf8();
    SecureBytes raw(1 + kEd25519SeedSize);
    raw.data()[0] = kNoteAlgEd25519;
    std::memcpy(raw.data() + 1, m_key->secretKey().data(), kEd25519SeedSize);
    const std::size_t b64Size = sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL);
    SecureBytes b64(b64Size);
    sodium_bin2base64(reinterpret_cast<char*>(b64.data()), b64Size, raw.data(), raw.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    SecureBytes out(std::size_t(head.size()) + b64Size - 1); // without the terminating NUL
    std::memcpy(out.data(), head.constData(), std::size_t(head.size()));
    std::memcpy(out.data() + head.size(), b64.data(), b64Size - 1);
    return out;
}

QByteArray NoteSigner::sign(QByteArrayView msg) const
{
    return isValid() ? m_key->sign(msg) : QByteArray();
}

corral::Result<NoteVerifier> NoteVerifier::fromVerifierKey(const QString& verifierKey)
{
    const auto parts = splitKey(verifierKey);
    if (!parts)
        return badKey(QStringLiteral("verifier key is not name+id+key"));
    if (!isValidNoteKeyName(parts->name))
        return badKey(QStringLiteral("verifier key has an invalid key name"));
    const auto id = parseHex8(parts->hash);
    if (!id)
        return badKey(QStringLiteral("verifier key id is not 8 hex digits"));
    const auto raw = detail::decodeBase64Strict(parts->data.toLatin1());
    if (!raw || parts->data.toLatin1() != parts->data.toUtf8())
        return badKey(QStringLiteral("verifier key is not valid base64"));
    if (raw->size() != 1 + kEd25519PublicKeySize || quint8(raw->at(0)) != kNoteAlgEd25519)
        return badKey(QStringLiteral("verifier key is not an Ed25519 key"));
    NoteVerifier v{parts->name, *id, raw->mid(1)};
    if (noteKeyId(v.name, v.publicKey) != v.keyId)
        return badKey(QStringLiteral("verifier key id %1 does not match its key").arg(parts->hash));
    return v;
}

QString NoteVerifier::toVerifierKey() const
{
    const QByteArray data = QByteArray(1, char(kNoteAlgEd25519)) + publicKey;
    return name + QLatin1Char('+') + hex8(keyId) + QLatin1Char('+') + QString::fromLatin1(data.toBase64());
}

bool NoteVerifier::verify(QByteArrayView msg, QByteArrayView sig) const
{
    return ed25519Verify(publicKey, msg, sig);
}

corral::Result<QByteArray> signNote(QByteArrayView text, const NoteSigner& signer)
{
    if (!signer.isValid())
        return corral::makeError(QStringLiteral("note.bad-key"), QStringLiteral("the signer has no valid key or name"));
    if (!text.endsWith('\n'))
        return malformed(QStringLiteral("note text does not end with a newline"));
    if (text.size() > kNoteMaxSize)
        return malformed(
            QStringLiteral("note text of %1 bytes exceeds the limit of %2").arg(text.size()).arg(kNoteMaxSize));
    if (const auto problem = checkNoteBytes(text))
        return malformed(*problem);
    // Since signature lines never contain a blank line, the last blank line of the signed
    // note is always the one added here, so the text is recovered exactly whatever it holds.
    return text.toByteArray() + '\n' + signatureLine(signer, text);
}

corral::Result<QByteArray> addNoteSignature(QByteArrayView signedNote, const NoteSigner& signer)
{
    if (!signer.isValid())
        return corral::makeError(QStringLiteral("note.bad-key"), QStringLiteral("the signer has no valid key or name"));
    auto parsed = parseNote(signedNote);
    if (!parsed)
        return parsed.error();
    for (const ParsedSignature& s : parsed->signatures) {
        if (s.signature.name == signer.name() && s.signature.keyId == signer.keyId())
            return corral::makeError(
                QStringLiteral("note.already-signed"),
                QStringLiteral("line %1: the note is already signed by %2").arg(s.lineNumber).arg(signer.name()));
    }
    if (parsed->signatures.size() >= kNoteMaxSignatures)
        return malformed(QStringLiteral("the note already has %1 signatures").arg(kNoteMaxSignatures));
    return signedNote.toByteArray() + signatureLine(signer, parsed->text);
}

corral::Result<OpenedNote> openNote(QByteArrayView note, const QList<NoteVerifier>& known)
{
    auto parsed = parseNote(note);
    if (!parsed)
        return parsed.error();
    OpenedNote opened;
    opened.text = parsed->text;
    QSet<QByteArray> seenUnverified;
    QSet<QPair<QString, quint32>> seenVerified;
    for (const ParsedSignature& s : parsed->signatures) {
        const auto it = std::find_if(known.begin(), known.end(), [&](const NoteVerifier& v) {
            return v.name == s.signature.name && v.keyId == s.signature.keyId;
        });
        if (it == known.end()) {
            // Unknown keys are ignored (listed once), even if they share a name or an id.
            if (!seenUnverified.contains(s.line)) {
                seenUnverified.insert(s.line);
                opened.unverified.append(s.signature);
            }
            continue;
        }
        const QPair<QString, quint32> key(s.signature.name, s.signature.keyId);
        if (seenVerified.contains(key))
            continue;
        seenVerified.insert(key);
        if (!it->verify(parsed->text, s.signature.signature))
            return corral::makeError(QStringLiteral("note.bad-signature"),
                                     QStringLiteral("line %1: the signature by %2+%3 does not verify")
                                         .arg(s.lineNumber)
                                         .arg(s.signature.name, hex8(s.signature.keyId)));
        opened.verified.append(s.signature);
    }
    if (opened.verified.isEmpty())
        return corral::makeError(QStringLiteral("note.unverified"),
                                 QStringLiteral("the note is not signed by any known key (%1 unknown signature%2)")
                                     .arg(opened.unverified.size())
                                     .arg(opened.unverified.size() == 1 ? QString() : QStringLiteral("s")));
    return opened;
}

} // namespace corral::crypto
