// SPDX-License-Identifier: Apache-2.0
// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys: signing, cosigning,
// opening against known verifiers, key ids and the name+hash+base64 key strings.
#pragma once

#include "Ed25519.h"
#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <memory>

namespace corral::crypto {

// Limits applied when parsing notes and keys, so hostile input cannot exhaust memory/CPU.
constexpr qsizetype kNoteMaxSize = 1024 * 1024;
constexpr int kNoteMaxSignatures = 100;
constexpr qsizetype kNoteMaxKeyNameSize = 256;
// Longest signature line accepted, in bytes: room for post-quantum signatures of unknown
// keys, which must be skipped rather than rejected.
constexpr qsizetype kNoteMaxSignatureLine = 8192;

// The signature algorithm byte the spec assigns to Ed25519.
constexpr quint8 kNoteAlgEd25519 = 0x01;

// Key id per spec: the first 4 bytes (big endian) of SHA-256(name || 0x0A || 0x01 || publicKey).
quint32 noteKeyId(const QString& name, QByteArrayView publicKey);

// True when `name` is a valid key name: non-empty UTF-8 without Unicode spaces or '+'.
bool isValidNoteKeyName(const QString& name);

// Signs notes under a key name. The key pair is held in shared, immutable, locked memory,
// so copies of a signer share one secret instead of duplicating it.
class NoteSigner
{
public:
    NoteSigner(QString name, Ed25519KeyPair key);

    // Parses "PRIVATE+KEY+name+hex8(keyid)+base64(0x01||seed)"; the key id must match.
    static corral::Result<NoteSigner> fromSignerKey(const QString& signerKey);
    // Generates a fresh key pair; `name` must satisfy isValidNoteKeyName().
    static NoteSigner generate(QString name);

    // False when the name is invalid or the key pair is empty; such a signer signs nothing.
    bool isValid() const;
    QString name() const { return m_name; }
    quint32 keyId() const { return m_keyId; }
    QByteArray publicKey() const;
    // "name+hex8(keyid)+base64(0x01||publicKey)".
    QString verifierKey() const;
    // "PRIVATE+KEY+name+hex8(keyid)+base64(0x01||seed)". Secret: write only to 0600 files.
    SecureBytes signerKey() const;
    // A raw Ed25519 signature (64 bytes) over msg.
    QByteArray sign(QByteArrayView msg) const;

private:
    QString m_name;
    quint32 m_keyId = 0;
    std::shared_ptr<const Ed25519KeyPair> m_key;
};

struct NoteVerifier
{
    QString name;
    quint32 keyId = 0;
    QByteArray publicKey; // 32 bytes

    // Parses "name+hex8(keyid)+base64(0x01||publicKey)"; error code "note.bad-key".
    static corral::Result<NoteVerifier> fromVerifierKey(const QString& verifierKey);
    QString toVerifierKey() const;
    bool verify(QByteArrayView msg, QByteArrayView sig) const;
};

// Signs `text` (which must end with "\n"), returning text + "\n" + one signature line.
corral::Result<QByteArray> signNote(QByteArrayView text, const NoteSigner& signer);
// Appends the signer's signature line to an already signed note (cosigning). The note's
// existing signatures are kept unchanged; a second signature by the same key is refused.
corral::Result<QByteArray> addNoteSignature(QByteArrayView signedNote, const NoteSigner& signer);

struct NoteSignature
{
    QString name;
    quint32 keyId = 0;
    QByteArray signature; // the signature bytes after the 4-byte key id
};

struct OpenedNote
{
    QByteArray text; // ends with "\n"
    QList<NoteSignature> verified;
    QList<NoteSignature> unverified; // by keys not in the known list
};

// Parses a signed note and checks its signatures against `known`.
// Error codes: "note.malformed" (syntax, limits), "note.unverified" (no known key signed
// it), "note.bad-signature" (a signature by a known key does not verify).
corral::Result<OpenedNote> openNote(QByteArrayView note, const QList<NoteVerifier>& known);

} // namespace corral::crypto
