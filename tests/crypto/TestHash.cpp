// SPDX-License-Identifier: Apache-2.0
#include "crypto/Ed25519.h"
#include "crypto/Hash.h"

#include <QTest>

using namespace corral::crypto;

class TestHash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sha256KnownAnswers();
    void sha256PrefixedMatchesConcatenation();
    void blake2b512KnownAnswer();
    void incrementalMatchesOneShot();
    void hmacSha256Rfc4231();
    void ed25519SignVerify();
};

void TestHash::sha256KnownAnswers()
{
    QCOMPARE(sha256Bytes("").toHex(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sha256Bytes("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(sha256Tagged("abc"),
             QByteArray("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestHash::sha256PrefixedMatchesConcatenation()
{
    QCOMPARE(toBytes(sha256(0x00, QByteArrayView("leaf"))), sha256Bytes(QByteArray("\x00leaf", 5)));
    const Sha256Digest l = sha256("l");
    const Sha256Digest r = sha256("r");
    QCOMPARE(toBytes(sha256(0x01, l, r)), sha256Bytes(QByteArray("\x01", 1) + toBytes(l) + toBytes(r)));
}

void TestHash::blake2b512KnownAnswer()
{
    // BLAKE2b-512("abc"), RFC 7693 appendix A.
    QCOMPARE(blake2b512("abc").toHex(), QByteArray("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                                                   "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
}

void TestHash::incrementalMatchesOneShot()
{
    const QByteArray data = QByteArray(100000, 'x') + "tail";
    Blake2b512 b;
    Sha256 s;
    for (qsizetype i = 0; i < data.size(); i += 4096) {
        b.update(QByteArrayView(data).sliced(i, std::min<qsizetype>(4096, data.size() - i)));
        s.update(QByteArrayView(data).sliced(i, std::min<qsizetype>(4096, data.size() - i)));
    }
    QCOMPARE(b.finish(), blake2b512(data));
    QCOMPARE(toBytes(s.finish()), sha256Bytes(data));
}

void TestHash::hmacSha256Rfc4231()
{
    // RFC 4231 test case 2.
    QCOMPARE(hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
             QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

void TestHash::ed25519SignVerify()
{
    const Ed25519KeyPair pair = Ed25519KeyPair::generate();
    QVERIFY(pair.isValid());
    const QByteArray sig = pair.sign("message");
    QVERIFY(ed25519Verify(pair.publicKey(), "message", sig));
    QVERIFY(!ed25519Verify(pair.publicKey(), "messagf", sig));
    QVERIFY(!ed25519Verify(pair.publicKey().left(31), "message", sig));
    const Ed25519KeyPair again = Ed25519KeyPair::fromSecretKey(pair.secretKey().view());
    QVERIFY(again.isValid());
    QCOMPARE(again.publicKey(), pair.publicKey());
    QByteArray wrong = pair.secretKey().view().toByteArray();
    wrong[40] = char(wrong[40] ^ 1);
    QVERIFY(!Ed25519KeyPair::fromSecretKey(wrong).isValid());
}

QTEST_GUILESS_MAIN(TestHash)
#include "TestHash.moc"
