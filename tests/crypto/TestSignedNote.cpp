// SPDX-License-Identifier: Apache-2.0
#include "crypto/SignedNote.h"

#include <QTest>

using namespace corral::crypto;

namespace {

// golang.org/x/mod/sumdb/note's published example (note_test.go and the package doc).
const QString kPeterSigner =
    QStringLiteral("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
const QString kPeterVerifier = QStringLiteral("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
const QByteArray kPeterText = "If you think cryptography is the answer to your problem,\n"
                              "then you don't know what your problem is.\n";
const QByteArray kPeterNote = kPeterText +
                              "\n\xE2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2"
                              "pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
// Another verifier key from the same tests, and the spec's own example key.
const QString kEnochVerifier = QStringLiteral("EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop");
const QString kSpecExampleVerifier =
    QStringLiteral("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");

NoteVerifier verifierOf(const QString& key)
{
    auto v = NoteVerifier::fromVerifierKey(key);
    if (!v)
        qFatal("bad verifier key in test: %s", qPrintable(v.error().toString()));
    return *v;
}

NoteSigner peter()
{
    auto s = NoteSigner::fromSignerKey(kPeterSigner);
    if (!s)
        qFatal("bad signer key in test: %s", qPrintable(s.error().toString()));
    return *s;
}

} // namespace

class TestSignedNote : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void publishedKeys();
    void keyIdPerSpec();
    void signsThePublishedNote();
    void opensThePublishedNote();
    void signerKeyRoundTrip();
    void verifierKeyManglingsRejected();
    void badVerifierKeys_data();
    void badVerifierKeys();
    void badSignerKeys_data();
    void badSignerKeys();
    void tamperedNoteIsBadSignature();
    void unknownKeyIsUnverified();
    void sameNameOtherIdIsIgnored();
    void cosigning();
    void cosigningTwiceIsRefused();
    void duplicateSignaturesCountOnce();
    void textWithBlankLinesAndDashLines();
    void malformedNotes_data();
    void malformedNotes();
    void signRefusesBadText_data();
    void signRefusesBadText();
    void signatureLimit();
    void invalidNames();
};

void TestSignedNote::publishedKeys()
{
    const NoteSigner s = peter();
    QCOMPARE(s.name(), QStringLiteral("PeterNeumann"));
    QCOMPARE(s.keyId(), 0xc74f20a3u);
    QCOMPARE(s.verifierKey(), kPeterVerifier);
    const NoteVerifier v = verifierOf(kPeterVerifier);
    QCOMPARE(v.name, QStringLiteral("PeterNeumann"));
    QCOMPARE(v.keyId, 0xc74f20a3u);
    QCOMPARE(v.publicKey, s.publicKey());
    QCOMPARE(v.toVerifierKey(), kPeterVerifier);
    QCOMPARE(verifierOf(kEnochVerifier).keyId, 0xaf0cfe78u);
    QCOMPARE(verifierOf(kSpecExampleVerifier).keyId, 0x530d903au);
    QCOMPARE(verifierOf(kSpecExampleVerifier).toVerifierKey(), kSpecExampleVerifier);
}

void TestSignedNote::keyIdPerSpec()
{
    const NoteVerifier v = verifierOf(kPeterVerifier);
    // SHA-256("PeterNeumann" || 0x0A || 0x01 || public key)[:4], big endian.
    QCOMPARE(noteKeyId(v.name, v.publicKey), 0xc74f20a3u);
    QVERIFY(noteKeyId(QStringLiteral("PeterNeumanm"), v.publicKey) != 0xc74f20a3u);
}

void TestSignedNote::signsThePublishedNote()
{
    auto signedNote = signNote(kPeterText, peter());
    QVERIFY(signedNote.ok());
    QCOMPARE(*signedNote, kPeterNote);
}

void TestSignedNote::opensThePublishedNote()
{
    auto opened = openNote(kPeterNote, {verifierOf(kEnochVerifier), verifierOf(kPeterVerifier)});
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
    QCOMPARE(opened->text, kPeterText);
    QCOMPARE(opened->verified.size(), 1);
    QCOMPARE(opened->verified[0].name, QStringLiteral("PeterNeumann"));
    QCOMPARE(opened->verified[0].keyId, 0xc74f20a3u);
    QCOMPARE(opened->verified[0].signature.size(), 64);
    QVERIFY(opened->unverified.isEmpty());
}

void TestSignedNote::signerKeyRoundTrip()
{
    QCOMPARE(QString::fromUtf8(peter().signerKey().view().toByteArray()), kPeterSigner);
    const NoteSigner fresh = NoteSigner::generate(QStringLiteral("corral.example/audit"));
    QVERIFY(fresh.isValid());
    auto again = NoteSigner::fromSignerKey(QString::fromUtf8(fresh.signerKey().view().toByteArray()));
    QVERIFY(again.ok());
    QCOMPARE(again->verifierKey(), fresh.verifierKey());
    QCOMPARE(verifierOf(fresh.verifierKey()).keyId, fresh.keyId());
}

void TestSignedNote::verifierKeyManglingsRejected()
{
    // Every proper substring and every single-byte change must fail, as in the Go tests.
    const QByteArray key = kPeterVerifier.toUtf8();
    for (qsizetype i = 0; i <= key.size(); ++i) {
        for (qsizetype j = i + 1; j <= key.size(); ++j) {
            if (i == 0 && j == key.size())
                continue;
            const auto r = NoteVerifier::fromVerifierKey(QString::fromUtf8(key.mid(i, j - i)));
            QVERIFY2(!r.ok(), key.mid(i, j - i).constData());
            QCOMPARE(r.error().code, QStringLiteral("note.bad-key"));
        }
    }
    for (qsizetype i = 0; i < key.size(); ++i) {
        QByteArray changed = key;
        changed[i] = char(changed[i] + 1);
        QVERIFY2(!NoteVerifier::fromVerifierKey(QString::fromUtf8(changed)).ok(), changed.constData());
    }
}

void TestSignedNote::badVerifierKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("no plus") << QStringLiteral("PeterNeumann") << QStringLiteral("verifier key is not name+id+key");
    QTest::newRow("short id") << QStringLiteral("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                              << QStringLiteral("verifier key id is not 8 hex digits");
    QTest::newRow("wrong id") << QStringLiteral("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                              << QStringLiteral("verifier key id c74f20a4 does not match its key");
    QTest::newRow("algorithm 2") << QStringLiteral("PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                                 << QStringLiteral("verifier key is not an Ed25519 key");
    QTest::newRow("space in name") << QStringLiteral(
                                          "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                                   << QStringLiteral("verifier key has an invalid key name");
    QTest::newRow("empty name") << QStringLiteral("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                                << QStringLiteral("verifier key has an invalid key name");
    QTest::newRow("bad base64") << QStringLiteral("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T!")
                                << QStringLiteral("verifier key is not valid base64");
    QTest::newRow("truncated key") << QStringLiteral("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy")
                                   << QStringLiteral("verifier key is not an Ed25519 key");
}

void TestSignedNote::badVerifierKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, message);
    const auto r = NoteVerifier::fromVerifierKey(key);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("note.bad-key"));
    QCOMPARE(r.error().message, message);
}

void TestSignedNote::badSignerKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("verifier key") << kPeterVerifier << QStringLiteral("signer key does not start with PRIVATE+KEY+");
    QTest::newRow("wrong id") << QStringLiteral(
                                     "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")
                              << QStringLiteral("signer key id c74f20a4 does not match its key (c74f20a3)");
    QTest::newRow("other name") << QStringLiteral(
                                       "PRIVATE+KEY+PeterNeuman+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")
                                << QStringLiteral("signer key id c74f20a3 does not match its key (%1)")
                                       .arg(QString::number(NoteSigner::fromSignerKey(kPeterSigner)->keyId(), 16));
    QTest::newRow("truncated") << QStringLiteral(
                                      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXH")
                               << QStringLiteral("signer key is not an Ed25519 key");
    QTest::newRow("bad base64") << QStringLiteral(
                                       "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF*")
                                << QStringLiteral("signer key is not valid base64");
}

void TestSignedNote::badSignerKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, message);
    const auto r = NoteSigner::fromSignerKey(key);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("note.bad-key"));
    if (QByteArray(QTest::currentDataTag()) != "other name")
        QCOMPARE(r.error().message, message);
    else
        QVERIFY(r.error().message.startsWith(QStringLiteral("signer key id c74f20a3 does not match its key (")));
}

void TestSignedNote::tamperedNoteIsBadSignature()
{
    QByteArray tampered = kPeterNote;
    tampered.replace("cryptography", "cryptographY");
    const auto r = openNote(tampered, {verifierOf(kPeterVerifier)});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("note.bad-signature"));
    QCOMPARE(r.error().message, QStringLiteral("line 4: the signature by PeterNeumann+c74f20a3 does not verify"));
}

void TestSignedNote::unknownKeyIsUnverified()
{
    const auto r = openNote(kPeterNote, {verifierOf(kEnochVerifier)});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("note.unverified"));
    QCOMPARE(r.error().message, QStringLiteral("the note is not signed by any known key (1 unknown signature)"));
    const auto none = openNote(kPeterNote, {});
    QCOMPARE(none.error().code, QStringLiteral("note.unverified"));
}

void TestSignedNote::sameNameOtherIdIsIgnored()
{
    // A key sharing the name (but not the id) with the signer must not be used to verify.
    NoteVerifier impostor = verifierOf(kEnochVerifier);
    impostor.name = QStringLiteral("PeterNeumann");
    const auto r = openNote(kPeterNote, {impostor});
    QCOMPARE(r.error().code, QStringLiteral("note.unverified"));
    // Same id, other name: ignored as well.
    NoteVerifier other = verifierOf(kPeterVerifier);
    other.name = QStringLiteral("PeterNeumann2");
    QCOMPARE(openNote(kPeterNote, {other}).error().code, QStringLiteral("note.unverified"));
}

void TestSignedNote::cosigning()
{
    const NoteSigner witness = NoteSigner::generate(QStringLiteral("witness.example/w1"));
    auto cosigned = addNoteSignature(kPeterNote, witness);
    QVERIFY(cosigned.ok());
    QVERIFY(cosigned->startsWith(kPeterNote));
    const NoteVerifier w = verifierOf(witness.verifierKey());
    auto both = openNote(*cosigned, {verifierOf(kPeterVerifier), w});
    QVERIFY(both.ok());
    QCOMPARE(both->verified.size(), 2);
    QCOMPARE(both->text, kPeterText);
    auto onlyWitness = openNote(*cosigned, {w});
    QVERIFY(onlyWitness.ok());
    QCOMPARE(onlyWitness->verified.size(), 1);
    QCOMPARE(onlyWitness->unverified.size(), 1);
    QCOMPARE(onlyWitness->unverified[0].name, QStringLiteral("PeterNeumann"));
}

void TestSignedNote::cosigningTwiceIsRefused()
{
    const auto r = addNoteSignature(kPeterNote, peter());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("note.already-signed"));
    QCOMPARE(r.error().message, QStringLiteral("line 4: the note is already signed by PeterNeumann"));
    const auto bad = addNoteSignature(kPeterText, peter());
    QCOMPARE(bad.error().code, QStringLiteral("note.malformed"));
}

void TestSignedNote::duplicateSignaturesCountOnce()
{
    const QByteArray sigLine = kPeterNote.mid(kPeterText.size() + 1);
    const auto r = openNote(kPeterNote + sigLine, {verifierOf(kPeterVerifier)});
    QVERIFY(r.ok());
    QCOMPARE(r->verified.size(), 1);
    const auto u = openNote(kPeterNote + sigLine + sigLine, {verifierOf(kEnochVerifier)});
    QCOMPARE(u.error().message, QStringLiteral("the note is not signed by any known key (1 unknown signature)"));
}

void TestSignedNote::textWithBlankLinesAndDashLines()
{
    // Text that itself looks like a signed note: the last blank line separates, so the
    // whole of it is the text.
    const QByteArray text = "first\n\nsecond\n\n\xE2\x80\x94 PeterNeumann AAAAAAAA\n\n";
    auto signedNote = signNote(text, peter());
    QVERIFY(signedNote.ok());
    auto opened = openNote(*signedNote, {verifierOf(kPeterVerifier)});
    QVERIFY(opened.ok());
    QCOMPARE(opened->text, text);
    auto minimal = signNote("\n", peter());
    QVERIFY(minimal.ok());
    QCOMPARE(openNote(*minimal, {verifierOf(kPeterVerifier)})->text, QByteArray("\n"));
}

void TestSignedNote::malformedNotes_data()
{
    QTest::addColumn<QByteArray>("note");
    QTest::addColumn<QString>("message");
    const QByteArray sig = kPeterNote.mid(kPeterText.size() + 1);
    QTest::newRow("empty") << QByteArray() << QStringLiteral("no blank line before the signatures");
    QTest::newRow("text only") << kPeterText << QStringLiteral("no blank line before the signatures");
    QTest::newRow("no signatures") << kPeterText + "\n" << QStringLiteral("no signature lines after the blank line");
    QTest::newRow("truncated") << kPeterNote.chopped(1)
                               << QStringLiteral("the last signature line does not end with a newline");
    QTest::newRow("hyphen") << kPeterText + "\n- PeterNeumann x08go/ZJ\n"
                            << QStringLiteral("line 4: signature line does not start with an em dash and a space");
    QTest::newRow("no space") << kPeterText + "\n\xE2\x80\x94 PeterNeumann\n"
                              << QStringLiteral("line 4: signature line has no space after the key name");
    QTest::newRow("bad base64") << kPeterText + "\n\xE2\x80\x94 PeterNeumann x08go/ZJ!uBS9UG==\n"
                                << QStringLiteral("line 4: signature is not valid base64");
    QTest::newRow("short signature") << kPeterText + "\n\xE2\x80\x94 PeterNeumann AAAAAA==\n"
                                     << QStringLiteral("line 4: signature is too short");
    QTest::newRow("plus in name") << kPeterText + "\n\xE2\x80\x94 Peter+Neumann AAAAAAAA\n"
                                  << QStringLiteral("line 4: invalid key name");
    QTest::newRow("second line bad") << kPeterNote + "garbage\n"
                                     << QStringLiteral(
                                            "line 5: signature line does not start with an em dash and a space");
    QTest::newRow("invalid utf-8") << "caf\xC3\n" + sig.mid(0) << QStringLiteral("not valid UTF-8");
    QTest::newRow("overlong utf-8") << "\xC0\xAF\n\n" + sig << QStringLiteral("not valid UTF-8");
    QTest::newRow("control char") << "tab\there\n\n" + sig << QStringLiteral("line 1: control character 0x09");
    QTest::newRow("carriage return") << QByteArray(kPeterNote).replace("problem,\n", "problem,\r\n")
                                     << QStringLiteral("line 1: control character 0x0d");
    QTest::newRow("long signature line")
        << kPeterNote + "\xE2\x80\x94 pq " + QByteArray(kNoteMaxSignatureLine, 'A') + "\n"
        << QStringLiteral("line 5: signature line longer than %1 bytes").arg(kNoteMaxSignatureLine);
    QTest::newRow("huge") << QByteArray(kNoteMaxSize, 'a') + "\n\n" + sig
                          << QStringLiteral("note of %1 bytes exceeds the limit of %2")
                                 .arg(kNoteMaxSize + 2 + sig.size())
                                 .arg(kNoteMaxSize);
}

void TestSignedNote::malformedNotes()
{
    QFETCH(QByteArray, note);
    QFETCH(QString, message);
    const auto r = openNote(note, {verifierOf(kPeterVerifier)});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("note.malformed"));
    QCOMPARE(r.error().message, message);
}

void TestSignedNote::signRefusesBadText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("no newline") << QByteArray("hello") << QStringLiteral("note text does not end with a newline");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("note text does not end with a newline");
    QTest::newRow("control") << QByteArray("a\x01\n") << QStringLiteral("line 1: control character 0x01");
    QTest::newRow("invalid utf-8") << QByteArray("\xFF\n") << QStringLiteral("not valid UTF-8");
    QTest::newRow("huge")
        << QByteArray(kNoteMaxSize + 1, '\n')
        << QStringLiteral("note text of %1 bytes exceeds the limit of %2").arg(kNoteMaxSize + 1).arg(kNoteMaxSize);
}

void TestSignedNote::signRefusesBadText()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const auto r = signNote(text, peter());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("note.malformed"));
    QCOMPARE(r.error().message, message);
}

void TestSignedNote::signatureLimit()
{
    QByteArray note = kPeterNote;
    QList<NoteVerifier> known{verifierOf(kPeterVerifier)};
    // 99 distinct unknown signatures plus Peter's: exactly at the limit, accepted.
    for (int i = 1; i < kNoteMaxSignatures; ++i)
        note += "\xE2\x80\x94 other" + QByteArray::number(i) + " AAAAAAAA\n";
    auto atLimit = openNote(note, known);
    QVERIFY(atLimit.ok());
    QCOMPARE(atLimit->unverified.size(), kNoteMaxSignatures - 1);
    note += "\xE2\x80\x94 onemore AAAAAAAA\n";
    const auto over = openNote(note, known);
    QCOMPARE(over.error().code, QStringLiteral("note.malformed"));
    QCOMPARE(over.error().message, QStringLiteral("more than %1 signatures").arg(kNoteMaxSignatures));
}

void TestSignedNote::invalidNames()
{
    QVERIFY(isValidNoteKeyName(QStringLiteral("example.com/foo")));
    QVERIFY(isValidNoteKeyName(QStringLiteral("caf\u00e9")));
    QVERIFY(!isValidNoteKeyName(QString()));
    QVERIFY(!isValidNoteKeyName(QStringLiteral("a b")));
    QVERIFY(!isValidNoteKeyName(QStringLiteral("a+b")));
    QVERIFY(!isValidNoteKeyName(QStringLiteral("a\u00a0b")));
    QVERIFY(!isValidNoteKeyName(QStringLiteral("a\u3000b")));
    QVERIFY(!isValidNoteKeyName(QString(kNoteMaxKeyNameSize + 1, QLatin1Char('n'))));
    const NoteSigner bad(QStringLiteral("has space"), Ed25519KeyPair::generate());
    QVERIFY(!bad.isValid());
    QCOMPARE(signNote("x\n", bad).error().code, QStringLiteral("note.bad-key"));
}

QTEST_GUILESS_MAIN(TestSignedNote)
#include "TestSignedNote.moc"
