// SPDX-License-Identifier: Apache-2.0
// The check-digit and checksum functions against published examples.
#include "dlp/Checksums.h"

#include <QTest>

using namespace corral::dlp;

class TestChecksums : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void luhn();
    void iban();
    void nhs();
    void bitcoin();
    void keccak();
    void ethereum();
    void entropy();
};

void TestChecksums::luhn()
{
    QVERIFY(luhnValid("4111111111111111"));
    QVERIFY(luhnValid("378282246310005"));
    QVERIFY(luhnValid("79927398713"));
    QVERIFY(!luhnValid("79927398710"));
    QVERIFY(!luhnValid("4111111111111112"));
    QVERIFY(!luhnValid(""));
    QVERIFY(!luhnValid("4111-1111"));
}

void TestChecksums::iban()
{
    QVERIFY(ibanValid("DE89370400440532013000"));
    QVERIFY(ibanValid("GB82WEST12345698765432"));
    QVERIFY(ibanValid("FR1420041010050500013M02606"));
    QVERIFY(ibanValid("NO9386011117947"));
    QVERIFY(!ibanValid("DE89370400440532013001")); // check digits
    QVERIFY(!ibanValid("DE8937040044053201300"));  // length for DE is 22
    QVERIFY(!ibanValid("XX89370400440532013000")); // no such country
    QVERIFY(!ibanValid("de89370400440532013000")); // lower case
    QCOMPARE(ibanLength('D', 'E'), 22);
    QCOMPARE(ibanLength('U', 'S'), 0);
}

void TestChecksums::nhs()
{
    QVERIFY(nhsValid("9434765919"));
    QVERIFY(nhsValid("4010232137"));
    QVERIFY(!nhsValid("9434765918"));
    QVERIFY(!nhsValid("943476591"));
    // A check digit of 10 means the number is never issued.
    QVERIFY(!nhsValid("1000000010"));
}

void TestChecksums::bitcoin()
{
    QVERIFY(bitcoinBase58Valid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
    QVERIFY(bitcoinBase58Valid("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
    QVERIFY(bitcoinBase58Valid("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")); // the genesis address
    QVERIFY(!bitcoinBase58Valid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"));
    QVERIFY(!bitcoinBase58Valid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNV0I")); // 0 and I are not Base58
    QVERIFY(bitcoinBech32Valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
    QVERIFY(bitcoinBech32Valid("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"));
    // Taproot (witness v1) uses Bech32m.
    QVERIFY(bitcoinBech32Valid("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"));
    QVERIFY(!bitcoinBech32Valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp"));
    QVERIFY(!bitcoinBech32Valid("bc1Qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")); // mixed case
}

void TestChecksums::keccak()
{
    // Keccak-256 of the empty string (differs from SHA3-256's a7ffc6f8...).
    const auto empty = keccak256("");
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(empty.data()), 32).toHex(),
             QByteArray("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
    const auto abc = keccak256("abc");
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(abc.data()), 32).toHex(),
             QByteArray("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
    // Longer than one 136-byte block.
    const auto longer = keccak256(QByteArray(200, 'a'));
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(longer.data()), 32).size(), 32);
}

void TestChecksums::ethereum()
{
    bool checksummed = false;
    // EIP-55's own examples.
    for (const char* a : {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
        QVERIFY2(ethereumAddressValid(a, &checksummed), a);
        QVERIFY(checksummed);
    }
    QVERIFY(ethereumAddressValid("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", &checksummed));
    QVERIFY(!checksummed);
    QVERIFY(!ethereumAddressValid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    QVERIFY(!ethereumAddressValid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"));
    QVERIFY(!ethereumAddressValid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg"));
}

void TestChecksums::entropy()
{
    QCOMPARE(shannonEntropy("aaaa"), 0.0);
    QCOMPARE(shannonEntropy("abab"), 1.0);
    QCOMPARE(shannonEntropy("abcdefgh"), 3.0);
    QCOMPARE(shannonEntropy(""), 0.0);
}

QTEST_GUILESS_MAIN(TestChecksums)
#include "TestChecksums.moc"
