// SPDX-License-Identifier: Apache-2.0
#include "crypto/SelfTest.h"

#include <QTest>

using namespace corral::crypto;

class TestSelfTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtInVectorsPass();
    void coversTheRequiredVectors();
    void corruptedSignatureIsDetected();
    void corruptedPublicKeyIsDetected();
    void corruptedSeedIsDetected();
    void corruptedDigestIsDetected_data();
    void corruptedDigestIsDetected();
};

void TestSelfTest::builtInVectorsPass()
{
    const corral::Result<void> r = selfTest();
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
}

void TestSelfTest::coversTheRequiredVectors()
{
    const detail::SelfTestVectors& v = detail::builtInVectors();
    QStringList names;
    for (const auto& t : v.ed25519)
        names << t.name;
    for (const auto& t : v.hashes)
        names << t.name;
    for (const char* required :
         {"TEST 1", "TEST 2", "TEST 3", "TEST SHA(abc)", "SHA-256", "BLAKE2b-512", "HMAC-SHA-256"})
        QVERIFY2(names.join(QLatin1Char('|')).contains(QLatin1String(required)), required);
}

void TestSelfTest::corruptedSignatureIsDetected()
{
    detail::SelfTestVectors v = detail::builtInVectors();
    v.ed25519[2].signature[10] = char(v.ed25519[2].signature[10] ^ 0x40);
    const corral::Result<void> r = detail::runSelfTest(v);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("crypto.self-test"));
    QCOMPARE(r.error().message, QStringLiteral("known-answer test RFC 8032 Ed25519 TEST 3 failed: signature differs"));
}

void TestSelfTest::corruptedPublicKeyIsDetected()
{
    detail::SelfTestVectors v = detail::builtInVectors();
    v.ed25519[0].publicKey[31] = char(v.ed25519[0].publicKey[31] ^ 0x01);
    const corral::Result<void> r = detail::runSelfTest(v);
    QVERIFY(!r.ok());
    QCOMPARE(
        r.error().message,
        QStringLiteral("known-answer test RFC 8032 Ed25519 TEST 1 failed: public key derived from the seed differs"));
}

void TestSelfTest::corruptedSeedIsDetected()
{
    detail::SelfTestVectors v = detail::builtInVectors();
    v.ed25519[3].seed.chop(1);
    const corral::Result<void> r = detail::runSelfTest(v);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message,
             QStringLiteral("known-answer test RFC 8032 Ed25519 TEST SHA(abc) failed: the seed is not 32 bytes"));
}

void TestSelfTest::corruptedDigestIsDetected_data()
{
    QTest::addColumn<int>("index");
    const detail::SelfTestVectors& v = detail::builtInVectors();
    for (int i = 0; i < v.hashes.size(); ++i)
        QTest::newRow(qPrintable(v.hashes[i].name)) << i;
}

void TestSelfTest::corruptedDigestIsDetected()
{
    QFETCH(int, index);
    detail::SelfTestVectors v = detail::builtInVectors();
    v.hashes[index].digest[0] = char(v.hashes[index].digest[0] ^ 0x80);
    const corral::Result<void> r = detail::runSelfTest(v);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message,
             QStringLiteral("known-answer test %1 failed: digest differs").arg(v.hashes[index].name));
}

QTEST_GUILESS_MAIN(TestSelfTest)
#include "TestSelfTest.moc"
