// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "crypto/Minisign.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace corral::crypto;
using namespace corral::crypto::minisign;

namespace {

const QString kMinisign = QStringLiteral("/usr/bin/minisign");
const QByteArray kTrusted = "timestamp:1767225600\tfile:doc.txt\thashed";

// Replaces line `index` (0-based) of a key or signature file.
QByteArray withLine(const QByteArray& file, int index, const QByteArray& line)
{
    QList<QByteArray> lines = file.split('\n');
    lines[index] = line;
    return lines.join('\n');
}

// Decodes the base64 line `index`, lets `edit` change the bytes, encodes it again.
template <typename F> QByteArray editBinary(const QByteArray& file, int index, F edit)
{
    QByteArray raw = QByteArray::fromBase64(file.split('\n').at(index));
    edit(raw);
    return withLine(file, index, raw.toBase64());
}

} // namespace

class TestMinisign : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void publicKeyRoundTrip();
    void corralUnencryptedKeyInteroperates();
    void corralEncryptedKeySignsWithMinisign();
    void minisignUnencryptedKeyWorksWithCorral();
    void minisignEncryptedKeyWorksWithCorral();
    void minisignSignaturesVerify();
    void legacySignatureVerifies();
    void largeFileIsStreamed();
    void tamperingIsDetected();
    void publicKeyBadInput_data();
    void publicKeyBadInput();
    void secretKeyBadInput_data();
    void secretKeyBadInput();
    void signatureBadInput_data();
    void signatureBadInput();
    void corruptedSecretKeys();
    void signRefusesBadComments();
    void keyFilesArePrivateAndAtomic();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    void requireMinisign();
    QTemporaryDir m_dir;
    SecretKey m_key;
    QByteArray m_pubFile;
    QByteArray m_sigFile;
};

void TestMinisign::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_key = SecretKey::generate();
    m_pubFile = m_key.publicKey().toFile();
    auto sig = sign(m_key, "document\n", kTrusted);
    QVERIFY(sig.ok());
    m_sigFile = sig->toFile();
    QVERIFY(corral::test::writeFile(path(QStringLiteral("doc.txt")), "document\n"));
}

void TestMinisign::requireMinisign()
{
    if (!QFileInfo::exists(kMinisign))
        QSKIP("the minisign tool is not installed (Debian package minisign)");
}

void TestMinisign::publicKeyRoundTrip()
{
    const PublicKey pk = m_key.publicKey();
    QCOMPARE(pk.keyId.size(), 8);
    QVERIFY(m_pubFile.startsWith("untrusted comment: minisign public key " + pk.keyIdHex().toLatin1() + "\n"));
    auto parsed = PublicKey::parse(m_pubFile, QStringLiteral("k.pub"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->keyId, pk.keyId);
    QCOMPARE(parsed->publicKey, pk.publicKey);
    auto fromLine = PublicKey::fromBase64(pk.toBase64(), QStringLiteral("-P"));
    QVERIFY(fromLine.ok());
    QCOMPARE(fromLine->publicKey, pk.publicKey);
    // The key id is printed as minisign does: the little-endian 64-bit number in hex.
    PublicKey fixed{QByteArray::fromHex("e4c4144ceb4ef294"), pk.publicKey};
    QCOMPARE(fixed.keyIdHex(), QStringLiteral("94F24EEB4C14C4E4"));
}

void TestMinisign::corralUnencryptedKeyInteroperates()
{
    requireMinisign();
    auto secret = encodeSecretKey(m_key, {});
    QVERIFY(secret.ok());
    QVERIFY(writeKeyFile(path(QStringLiteral("c.key")), secret->view(), true).ok());
    QVERIFY(writeKeyFile(path(QStringLiteral("c.pub")), m_pubFile, false).ok());
    QVERIFY(corral::test::writeFile(path(QStringLiteral("doc.txt.minisig")), m_sigFile));

    // Corral's signature verifies with minisign, which shows the trusted comment.
    auto v = corral::test::runProgram(kMinisign, {QStringLiteral("-Vm"), path(QStringLiteral("doc.txt")),
                                                  QStringLiteral("-p"), path(QStringLiteral("c.pub"))});
    QVERIFY2(v.exitCode == 0, qPrintable(v.err));
    QVERIFY(v.out.contains(QStringLiteral("Trusted comment: ") + QString::fromUtf8(kTrusted)));

    // minisign signs with Corral's unencrypted secret key; both verify the result.
    auto s = corral::test::runProgram(
        kMinisign, {QStringLiteral("-S"), QStringLiteral("-s"), path(QStringLiteral("c.key")), QStringLiteral("-m"),
                    path(QStringLiteral("doc.txt")), QStringLiteral("-x"), path(QStringLiteral("m.minisig")),
                    QStringLiteral("-t"), QStringLiteral("from minisign")});
    QVERIFY2(s.exitCode == 0, qPrintable(s.err + s.out));
    auto sig = Signature::parse(corral::test::readFile(path(QStringLiteral("m.minisig"))), QStringLiteral("m.minisig"));
    QVERIFY(sig.ok());
    QVERIFY(sig->isPrehashed());
    QCOMPARE(sig->trustedComment, QByteArray("from minisign"));
    const auto ok = verifyFile(m_key.publicKey(), *sig, path(QStringLiteral("doc.txt")));
    QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().toString()));
}

void TestMinisign::corralEncryptedKeySignsWithMinisign()
{
    requireMinisign();
    // Interactive scrypt limits keep the test fast; minisign reads the limits from the file.
    auto secret = encodeSecretKey(m_key, "correct horse", ScryptParams::interactive());
    QVERIFY(secret.ok());
    QVERIFY(writeKeyFile(path(QStringLiteral("enc.key")), secret->view(), true).ok());
    auto s = corral::test::runProgram(kMinisign,
                                      {QStringLiteral("-S"), QStringLiteral("-s"), path(QStringLiteral("enc.key")),
                                       QStringLiteral("-m"), path(QStringLiteral("doc.txt")), QStringLiteral("-x"),
                                       path(QStringLiteral("enc.minisig"))},
                                      "correct horse\n");
    QVERIFY2(s.exitCode == 0, qPrintable(s.err + s.out));
    auto sig =
        Signature::parse(corral::test::readFile(path(QStringLiteral("enc.minisig"))), QStringLiteral("enc.minisig"));
    QVERIFY(sig.ok());
    QVERIFY(verifyFile(m_key.publicKey(), *sig, path(QStringLiteral("doc.txt"))).ok());

    // minisign refuses the wrong password, and so does Corral.
    auto wrong = corral::test::runProgram(kMinisign,
                                          {QStringLiteral("-S"), QStringLiteral("-s"), path(QStringLiteral("enc.key")),
                                           QStringLiteral("-m"), path(QStringLiteral("doc.txt")), QStringLiteral("-x"),
                                           path(QStringLiteral("wrong.minisig"))},
                                          "battery staple\n");
    QVERIFY(wrong.exitCode != 0);
    auto file = SecretKeyFile::parse(secret->view(), QStringLiteral("enc.key"));
    QVERIFY(file.ok());
    QVERIFY(file->isEncrypted());
    QCOMPARE(file->scryptParams().opsLimit, ScryptParams::interactive().opsLimit);
    const auto bad = file->open("battery staple");
    QCOMPARE(bad.error().code, QStringLiteral("minisign.wrong-password"));
    QCOMPARE(bad.error().message, QStringLiteral("enc.key: wrong password for that key"));
    QCOMPARE(file->open().error().code, QStringLiteral("minisign.password-required"));
    auto good = file->open("correct horse");
    QVERIFY(good.ok());
    QCOMPARE(good->keyId, m_key.keyId);
    QCOMPARE(good->keyPair.publicKey(), m_key.keyPair.publicKey());
}

void TestMinisign::minisignUnencryptedKeyWorksWithCorral()
{
    requireMinisign();
    const QString pub = path(QStringLiteral("mw.pub"));
    const QString key = path(QStringLiteral("mw.key"));
    auto g = corral::test::runProgram(
        kMinisign, {QStringLiteral("-G"), QStringLiteral("-W"), QStringLiteral("-p"), pub, QStringLiteral("-s"), key});
    QVERIFY2(g.exitCode == 0, qPrintable(g.err));
    auto pk = PublicKey::parse(corral::test::readFile(pub), pub);
    QVERIFY(pk.ok());
    auto file = SecretKeyFile::parse(corral::test::readFile(key), key);
    QVERIFY2(file.ok(), file.ok() ? "" : qPrintable(file.error().toString()));
    QVERIFY(!file->isEncrypted());
    auto sk = file->open();
    QVERIFY2(sk.ok(), sk.ok() ? "" : qPrintable(sk.error().toString()));
    QCOMPARE(sk->keyId, pk->keyId);
    QCOMPARE(sk->keyPair.publicKey(), pk->publicKey);

    // Corral signs with minisign's key; minisign verifies.
    auto sig = signFile(*sk, path(QStringLiteral("doc.txt")), "signed by corral");
    QVERIFY(sig.ok());
    QVERIFY(corral::test::writeFile(path(QStringLiteral("mw.minisig")), sig->toFile()));
    auto v = corral::test::runProgram(kMinisign,
                                      {QStringLiteral("-Vm"), path(QStringLiteral("doc.txt")), QStringLiteral("-p"),
                                       pub, QStringLiteral("-x"), path(QStringLiteral("mw.minisig"))});
    QVERIFY2(v.exitCode == 0, qPrintable(v.err));
    QVERIFY(v.out.contains(QStringLiteral("Trusted comment: signed by corral")));

    // Re-encoding minisign's unencrypted key gives a file minisign still reads.
    auto again = encodeSecretKey(*sk, {});
    QVERIFY(again.ok());
    QCOMPARE(again->view().toByteArray().split('\n').at(1), corral::test::readFile(key).split('\n').at(1));
}

void TestMinisign::minisignEncryptedKeyWorksWithCorral()
{
    requireMinisign();
    const QString pub = path(QStringLiteral("me.pub"));
    const QString key = path(QStringLiteral("me.key"));
    // minisign uses its sensitive scrypt limits here (1 GiB); this is the slow test.
    auto g = corral::test::runProgram(kMinisign,
                                      {QStringLiteral("-G"), QStringLiteral("-p"), pub, QStringLiteral("-s"), key},
                                      "s3cret pass\ns3cret pass\n");
    QVERIFY2(g.exitCode == 0, qPrintable(g.err));
    auto pk = PublicKey::parse(corral::test::readFile(pub), pub);
    QVERIFY(pk.ok());
    auto file = SecretKeyFile::parse(corral::test::readFile(key), key);
    QVERIFY(file.ok());
    QVERIFY(file->isEncrypted());
    QCOMPARE(file->scryptParams().opsLimit, ScryptParams::sensitive().opsLimit);
    QCOMPARE(file->scryptParams().memLimit, ScryptParams::sensitive().memLimit);
    auto sk = file->open("s3cret pass");
    QVERIFY2(sk.ok(), sk.ok() ? "" : qPrintable(sk.error().toString()));
    QCOMPARE(sk->keyId, pk->keyId);
    QCOMPARE(sk->keyPair.publicKey(), pk->publicKey);

    auto sig = signFile(*sk, path(QStringLiteral("doc.txt")), "encrypted minisign key, corral signature");
    QVERIFY(sig.ok());
    QVERIFY(corral::test::writeFile(path(QStringLiteral("me.minisig")), sig->toFile()));
    auto v = corral::test::runProgram(kMinisign,
                                      {QStringLiteral("-Vm"), path(QStringLiteral("doc.txt")), QStringLiteral("-p"),
                                       pub, QStringLiteral("-x"), path(QStringLiteral("me.minisig"))});
    QVERIFY2(v.exitCode == 0, qPrintable(v.err));
}

void TestMinisign::minisignSignaturesVerify()
{
    requireMinisign();
    const QString pub = path(QStringLiteral("ms.pub"));
    const QString key = path(QStringLiteral("ms.key"));
    QCOMPARE(corral::test::runProgram(kMinisign, {QStringLiteral("-G"), QStringLiteral("-W"), QStringLiteral("-p"), pub,
                                                  QStringLiteral("-s"), key})
                 .exitCode,
             0);
    const QString doc = path(QStringLiteral("ms.txt"));
    QVERIFY(corral::test::writeFile(doc, "signed by minisign\n"));
    auto s =
        corral::test::runProgram(kMinisign, {QStringLiteral("-S"), QStringLiteral("-s"), key, QStringLiteral("-m"), doc,
                                             QStringLiteral("-t"), QStringLiteral("caf\u00e9 \u2014 trusted")});
    QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    auto pk = PublicKey::parse(corral::test::readFile(pub), pub);
    auto sig =
        Signature::parse(corral::test::readFile(doc + QStringLiteral(".minisig")), doc + QStringLiteral(".minisig"));
    QVERIFY(pk.ok() && sig.ok());
    QCOMPARE(sig->trustedComment, QStringLiteral("caf\u00e9 \u2014 trusted").toUtf8());
    QVERIFY(verifyFile(*pk, *sig, doc).ok());
    QVERIFY(verify(*pk, *sig, "signed by minisign\n").ok());
    const auto other = verify(*pk, *sig, "signed by minisign!\n");
    QCOMPARE(other.error().code, QStringLiteral("minisign.bad-signature"));
    const auto wrongKey = verifyFile(m_key.publicKey(), *sig, doc);
    QCOMPARE(wrongKey.error().code, QStringLiteral("minisign.key-id-mismatch"));
    QCOMPARE(wrongKey.error().message, QStringLiteral("the signature was made with key %1, not with key %2")
                                           .arg(pk->keyIdHex(), m_key.publicKey().keyIdHex()));
}

void TestMinisign::legacySignatureVerifies()
{
    requireMinisign();
    const QString pub = path(QStringLiteral("lg.pub"));
    const QString key = path(QStringLiteral("lg.key"));
    QCOMPARE(corral::test::runProgram(kMinisign, {QStringLiteral("-G"), QStringLiteral("-W"), QStringLiteral("-p"), pub,
                                                  QStringLiteral("-s"), key})
                 .exitCode,
             0);
    const QString doc = path(QStringLiteral("legacy.txt"));
    QVERIFY(corral::test::writeFile(doc, "legacy\n"));
    auto s = corral::test::runProgram(
        kMinisign, {QStringLiteral("-S"), QStringLiteral("-l"), QStringLiteral("-s"), key, QStringLiteral("-m"), doc});
    QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    auto pk = PublicKey::parse(corral::test::readFile(pub), pub);
    auto sig =
        Signature::parse(corral::test::readFile(doc + QStringLiteral(".minisig")), QStringLiteral("legacy.minisig"));
    QVERIFY(pk.ok() && sig.ok());
    QCOMPARE(sig->algorithm, QByteArray("Ed"));
    QVERIFY(!sig->isPrehashed());
    QVERIFY(verifyFile(*pk, *sig, doc).ok());
    QVERIFY(corral::test::writeFile(doc, "legacY\n"));
    QCOMPARE(verifyFile(*pk, *sig, doc).error().code, QStringLiteral("minisign.bad-signature"));
}

void TestMinisign::largeFileIsStreamed()
{
    const QString big = path(QStringLiteral("big.bin"));
    QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char((i * 131) & 0xFF);
    QVERIFY(corral::test::writeFile(big, data));
    auto streamed = signFile(m_key, big, "big");
    auto inMemory = sign(m_key, data, "big");
    QVERIFY(streamed.ok() && inMemory.ok());
    QCOMPARE(streamed->signature, inMemory->signature); // Ed25519 is deterministic
    QVERIFY(verifyFile(m_key.publicKey(), *streamed, big).ok());
    if (QFileInfo::exists(kMinisign)) {
        QVERIFY(corral::test::writeFile(big + QStringLiteral(".minisig"), streamed->toFile()));
        QVERIFY(writeKeyFile(path(QStringLiteral("big.pub")), m_pubFile, false).ok());
        auto v = corral::test::runProgram(
            kMinisign, {QStringLiteral("-Vm"), big, QStringLiteral("-p"), path(QStringLiteral("big.pub"))});
        QVERIFY2(v.exitCode == 0, qPrintable(v.err));
    }
    QCOMPARE(signFile(m_key, path(QStringLiteral("missing")), "x").error().code, QStringLiteral("minisign.io"));
}

void TestMinisign::tamperingIsDetected()
{
    const PublicKey pk = m_key.publicKey();
    // Trusted comment changed: the file signature still holds, the global one does not.
    auto changed = Signature::parse(
        withLine(m_sigFile, 2, "trusted comment: timestamp:1767225601\tfile:doc.txt\thashed"), QStringLiteral("s"));
    QVERIFY(changed.ok());
    const auto r1 = verify(pk, *changed, "document\n");
    QCOMPARE(r1.error().code, QStringLiteral("minisign.bad-global-signature"));
    QCOMPARE(r1.error().message, QStringLiteral("the trusted comment's signature does not verify"));
    // A flipped byte of the signature.
    auto flipped =
        Signature::parse(editBinary(m_sigFile, 1, [](QByteArray& b) { b[20] = char(b[20] ^ 1); }), QStringLiteral("s"));
    QVERIFY(flipped.ok());
    QCOMPARE(verify(pk, *flipped, "document\n").error().code, QStringLiteral("minisign.bad-signature"));
    // A flipped byte of the global signature.
    auto global =
        Signature::parse(editBinary(m_sigFile, 3, [](QByteArray& b) { b[5] = char(b[5] ^ 1); }), QStringLiteral("s"));
    QVERIFY(global.ok());
    QCOMPARE(verify(pk, *global, "document\n").error().code, QStringLiteral("minisign.bad-global-signature"));
    // Another key id.
    auto otherId =
        Signature::parse(editBinary(m_sigFile, 1, [](QByteArray& b) { b[2] = char(b[2] ^ 1); }), QStringLiteral("s"));
    QVERIFY(otherId.ok());
    QCOMPARE(verify(pk, *otherId, "document\n").error().code, QStringLiteral("minisign.key-id-mismatch"));
    // The same key id with another public key.
    PublicKey impostor{pk.keyId, SecretKey::generate().keyPair.publicKey()};
    auto sig = Signature::parse(m_sigFile, QStringLiteral("s"));
    QCOMPARE(verify(impostor, *sig, "document\n").error().code, QStringLiteral("minisign.bad-signature"));
    QVERIFY(verify(pk, *sig, "document\n").ok());
}

void TestMinisign::publicKeyBadInput_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QByteArray good = SecretKey::generate().publicKey().toFile();
    const QByteArray b64 = good.split('\n').at(1);
    QTest::newRow("empty") << QByteArray() << "minisign.malformed"
                           << "k.pub:1: file is truncated (2 lines expected)";
    QTest::newRow("truncated") << good.left(good.indexOf('\n') + 1) << "minisign.malformed"
                               << "k.pub:2: file is truncated (2 lines expected)";
    QTest::newRow("truncated base64") << withLine(good, 1, b64.left(40)) << "minisign.malformed"
                                      << "k.pub:2: public key has 30 bytes instead of 42";
    QTest::newRow("base64 without padding")
        << withLine(good, 1, QByteArray::fromBase64(b64).left(41).toBase64().chopped(1)) << "minisign.malformed"
        << "k.pub:2: public key is not valid base64";
    QTest::newRow("wrong base64") << withLine(good, 1, QByteArray(b64).replace(4, 1, "*")) << "minisign.malformed"
                                  << "k.pub:2: public key is not valid base64";
    QTest::newRow("wrong size") << withLine(good, 1, QByteArray::fromBase64(b64).left(41).toBase64())
                                << "minisign.malformed"
                                << "k.pub:2: public key has 41 bytes instead of 42";
    QTest::newRow("wrong algorithm") << editBinary(good, 1, [](QByteArray& b) { b[1] = 'X'; })
                                     << "minisign.unsupported-algorithm"
                                     << "k.pub:2: unsupported signature algorithm";
    QTest::newRow("no comment prefix") << withLine(good, 0, "comment: x") << "minisign.malformed"
                                       << "k.pub:1: line does not start with \"untrusted comment: \"";
    QTest::newRow("invalid utf-8 comment") << withLine(good, 0, "untrusted comment: caf\xC3") << "minisign.malformed"
                                           << "k.pub:1: comment is not valid UTF-8";
    QTest::newRow("long comment") << withLine(good, 0, "untrusted comment: " + QByteArray(1100, 'c'))
                                  << "minisign.malformed"
                                  << "k.pub:1: comment longer than 1022 bytes";
    QTest::newRow("extra lines") << good + "\nmore\n"
                                 << "minisign.malformed"
                                 << "k.pub:4: unexpected content after the last line";
    QTest::newRow("huge")
        << good + QByteArray(20000, '\n') << "minisign.malformed"
        << QStringLiteral("k.pub: file of %1 bytes is larger than 16384 bytes").arg(good.size() + 20000);
}

void TestMinisign::publicKeyBadInput()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto r = PublicKey::parse(file, QStringLiteral("k.pub"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().message, message);
}

void TestMinisign::secretKeyBadInput_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    auto encoded = encodeSecretKey(SecretKey::generate(), "pw", ScryptParams::interactive());
    const QByteArray good = encoded->view().toByteArray();
    const QByteArray b64 = good.split('\n').at(1);
    QTest::newRow("truncated") << good.left(good.indexOf('\n')) << "minisign.malformed"
                               << "k.key:2: file is truncated (2 lines expected)";
    QTest::newRow("truncated base64") << withLine(good, 1, b64.left(100)) << "minisign.malformed"
                                      << "k.key:2: secret key has 75 bytes instead of 158";
    QTest::newRow("base64 without padding") << withLine(good, 1, b64.left(99)) << "minisign.malformed"
                                            << "k.key:2: secret key is not valid base64 or has the wrong size";
    QTest::newRow("wrong base64") << withLine(good, 1, QByteArray(b64).replace(8, 1, "?")) << "minisign.malformed"
                                  << "k.key:2: secret key is not valid base64 or has the wrong size";
    QTest::newRow("short") << withLine(good, 1, QByteArray::fromBase64(b64).left(150).toBase64())
                           << "minisign.malformed"
                           << "k.key:2: secret key has 150 bytes instead of 158";
    QTest::newRow("wrong algorithm") << editBinary(good, 1, [](QByteArray& b) { b[0] = 'R'; })
                                     << "minisign.unsupported-algorithm"
                                     << "k.key:2: unsupported signature algorithm";
    QTest::newRow("wrong kdf") << editBinary(good, 1, [](QByteArray& b) { b[2] = 'A'; })
                               << "minisign.unsupported-algorithm"
                               << "k.key:2: unsupported key derivation function";
    QTest::newRow("wrong checksum alg") << editBinary(good, 1, [](QByteArray& b) { b[5] = '3'; })
                                        << "minisign.unsupported-algorithm"
                                        << "k.key:2: unsupported checksum function";
    QTest::newRow("huge memlimit") << editBinary(good, 1, [](QByteArray& b) { b[46 + 7] = char(0x7f); })
                                   << "minisign.malformed"
                                   << "k.key:2: scrypt limits out of range";
    QTest::newRow("invalid utf-8 comment") << withLine(good, 0, "untrusted comment: \xFF") << "minisign.malformed"
                                           << "k.key:1: comment is not valid UTF-8";
    QTest::newRow("huge") << QByteArray(40000, 'A') << "minisign.malformed"
                          << "k.key: file of 40000 bytes is larger than 16384 bytes";
}

void TestMinisign::secretKeyBadInput()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto r = SecretKeyFile::parse(file, QStringLiteral("k.key"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().message, message);
}

void TestMinisign::signatureBadInput_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QByteArray good = m_sigFile;
    QTest::newRow("truncated") << good.left(good.lastIndexOf('\n', good.size() - 2) + 1) << "minisign.malformed"
                               << "d.minisig:4: file is truncated (4 lines expected)";
    QTest::newRow("wrong base64") << withLine(good, 1, "RUT!!!!") << "minisign.malformed"
                                  << "d.minisig:2: signature is not valid base64";
    QTest::newRow("wrong size") << editBinary(good, 1, [](QByteArray& b) { b.chop(3); }) << "minisign.malformed"
                                << "d.minisig:2: signature has 71 bytes instead of 74";
    QTest::newRow("wrong algorithm") << editBinary(good, 1, [](QByteArray& b) { b[0] = 'e'; })
                                     << "minisign.unsupported-algorithm"
                                     << "d.minisig:2: unsupported signature algorithm";
    QTest::newRow("no trusted prefix") << withLine(good, 2, "comment: x") << "minisign.malformed"
                                       << "d.minisig:3: line does not start with \"trusted comment: \"";
    QTest::newRow("invalid utf-8 trusted") << withLine(good, 2, "trusted comment: \xE2\x80") << "minisign.malformed"
                                           << "d.minisig:3: comment is not valid UTF-8";
    QTest::newRow("trusted too long") << withLine(good, 2, "trusted comment: " + QByteArray(9000, 't'))
                                      << "minisign.malformed"
                                      << "d.minisig:3: comment longer than 8190 bytes";
    QTest::newRow("global truncated") << withLine(good, 3, good.split('\n').at(3).left(40)) << "minisign.malformed"
                                      << "d.minisig:4: global signature has 30 bytes instead of 64";
    QTest::newRow("extra line") << good + "x\n"
                                << "minisign.malformed"
                                << "d.minisig:5: unexpected content after the last line";
    QTest::newRow("huge") << QByteArray(1 << 20, 'x') << "minisign.malformed"
                          << "d.minisig: file of 1048576 bytes is larger than 16384 bytes";
}

void TestMinisign::signatureBadInput()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto r = Signature::parse(file, QStringLiteral("d.minisig"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().message, message);
}

void TestMinisign::corruptedSecretKeys()
{
    auto plain = encodeSecretKey(m_key, {});
    QVERIFY(plain.ok());
    const QByteArray plainFile = plain->view().toByteArray();
    // A flipped byte in the secret key (the seed or the public half) of an unencrypted key.
    for (int offset : {54 + 8 + 3, 54 + 8 + 40}) {
        auto file = SecretKeyFile::parse(
            editBinary(plainFile, 1, [&](QByteArray& b) { b[offset] = char(b[offset] ^ 4); }), QStringLiteral("p.key"));
        QVERIFY(file.ok());
        const auto r = file->open();
        QCOMPARE(r.error().code, QStringLiteral("minisign.corrupt-key"));
    }
    // A flipped byte in an encrypted key reads as a wrong password.
    auto enc = encodeSecretKey(m_key, "pw", ScryptParams::interactive());
    auto file =
        SecretKeyFile::parse(editBinary(enc->view().toByteArray(), 1, [](QByteArray& b) { b[100] = char(b[100] ^ 1); }),
                             QStringLiteral("e.key"));
    QVERIFY(file.ok());
    QCOMPARE(file->open("pw").error().code, QStringLiteral("minisign.wrong-password"));
    // scrypt limits below libsodium's minimum are refused when parsing.
    auto tooCheap = encodeSecretKey(m_key, "pw", ScryptParams{1, 1});
    QCOMPARE(tooCheap.error().code, QStringLiteral("minisign.malformed"));
}

void TestMinisign::signRefusesBadComments()
{
    QCOMPARE(sign(m_key, "x", "two\nlines").error().message,
             QStringLiteral("the trusted comment must be a single line"));
    QCOMPARE(sign(m_key, "x", "bad \xFF").error().message, QStringLiteral("the trusted comment is not valid UTF-8"));
    QCOMPARE(sign(m_key, "x", QByteArray(8200, 'a')).error().code, QStringLiteral("minisign.malformed"));
    QCOMPARE(sign(m_key, "x", "ok", QStringLiteral("a\nb")).error().message,
             QStringLiteral("the untrusted comment must be a single line"));
    QCOMPARE(defaultTrustedComment(1767225600, QStringLiteral("/tmp/dir/report.pdf")),
             QByteArray("timestamp:1767225600\tfile:report.pdf\thashed"));
}

void TestMinisign::keyFilesArePrivateAndAtomic()
{
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("k.key"));
    const QString pub = dir.filePath(QStringLiteral("k.pub"));
    QVERIFY(writeKeyFile(key, "secret\n", true).ok());
    QVERIFY(writeKeyFile(pub, "public\n", false).ok());
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(key).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    QCOMPARE(::stat(QFile::encodeName(pub).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0644));
    // Overwriting replaces the content in one step and leaves no temporary file behind.
    QVERIFY(writeKeyFile(key, "secret 2\n", true).ok());
    QCOMPARE(corral::test::readFile(key), QByteArray("secret 2\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
    const auto r = writeKeyFile(dir.filePath(QStringLiteral("missing/k.key")), "x", true);
    QCOMPARE(r.error().code, QStringLiteral("minisign.io"));
    QVERIFY(
        r.error().message.startsWith(QStringLiteral("cannot write ") + dir.filePath(QStringLiteral("missing/k.key"))));
}

QTEST_GUILESS_MAIN(TestMinisign)
#include "TestMinisign.moc"
