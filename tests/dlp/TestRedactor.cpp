// SPDX-License-Identifier: Apache-2.0
// Redactor: each operator on scanned text, non-ASCII text around findings, keyed hashes.
#include "crypto/Hash.h"
#include "dlp/DlpScanner.h"
#include "dlp/Redactor.h"

#include <QTest>

using namespace corral;
using namespace corral::dlp;

namespace {

const QByteArray kText = QStringLiteral("Café order: mail jürgen@example.de, card 4111 1111 1111 1111, "
                                        "IBAN DE89 3704 0044 0532 0130 00, key AKIAIOSFODNN7EXAMPLE.")
                             .toUtf8();

QByteArray redact(const Redactor& r, const QByteArray& text = kText)
{
    return r.apply(text, DlpScanner().scan(QByteArrayView(text)));
}

crypto::SecureBytes key(char fill)
{
    return crypto::SecureBytes::copyOf(QByteArray(32, fill));
}

} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void operatorNames();
    void replace();
    void mask();
    void remove();
    void keyedHash();
    void noFindings();
    void outOfRangeFindingsAreIgnored();
};

void TestRedactor::operatorNames()
{
    for (const Operator op :
         {Operator::Replace, Operator::Mask, Operator::Hash, Operator::Remove, Operator::Pseudonymize})
        QCOMPARE(operatorFromName(operatorName(op)), std::optional<Operator>(op));
    QCOMPARE(operatorFromName(u"scramble"), std::nullopt);
}

void TestRedactor::replace()
{
    // "jürgen@example.de" is an internationalised address: the whole of it is replaced.
    QCOMPARE(QString::fromUtf8(redact(Redactor(Operator::Replace))),
             QStringLiteral("Café order: mail <EMAIL>, card <CREDIT_CARD>, IBAN <IBAN>, key <API_KEY>."));
}

void TestRedactor::mask()
{
    QCOMPARE(QString::fromUtf8(redact(Redactor(Operator::Mask))),
             QStringLiteral("Café order: mail j***@example.de, card **** **** **** 1111, "
                            "IBAN **** **** **** **** **30 00, key AKIA********."));
    // The last four letters or digits may span groups.
    const QByteArray iban = "IBAN GB82 WEST 1234 5698 7654 32 ok";
    QCOMPARE(redact(Redactor(Operator::Mask), iban), QByteArray("IBAN **** **** **** **** **54 32 ok"));
}

void TestRedactor::remove()
{
    QCOMPARE(QString::fromUtf8(redact(Redactor(Operator::Remove))),
             QStringLiteral("Café order: mail , card , IBAN , key ."));
}

void TestRedactor::keyedHash()
{
    const QByteArray text = "a@example.com and a@example.com and b@example.com";
    const QByteArray one = redact(Redactor::hashing(key(1)), text);
    const QByteArray again = redact(Redactor::hashing(key(1)), text);
    const QByteArray otherKey = redact(Redactor::hashing(key(2)), text);
    QCOMPARE(one, again);
    QVERIFY(one != otherKey);
    const QList<QByteArray> parts = one.split(' ');
    QCOMPARE(parts.size(), 5);
    QCOMPARE(parts[0], parts[2]);  // same value, same hash
    QVERIFY(parts[0] != parts[4]); // different value
    QVERIFY(parts[0].startsWith("<EMAIL:"));
    QCOMPARE(parts[0].size(), qsizetype(7 + Redactor::kHashHexDigits + 1));
    // The hash is HMAC-SHA-256(key, TYPE NUL value), truncated.
    const QByteArray expected =
        crypto::hmacSha256(QByteArray(32, 1), QByteArray("EMAIL") + '\0' + "a@example.com").toHex().left(16);
    QCOMPARE(parts[0], "<EMAIL:" + expected + ">");
    // Without a key, a random one: two redactors disagree.
    QVERIFY(redact(Redactor::hashing({}), text) != redact(Redactor::hashing({}), text));
}

void TestRedactor::noFindings()
{
    QCOMPARE(Redactor(Operator::Replace).apply("nothing here", {}), QByteArray("nothing here"));
}

void TestRedactor::outOfRangeFindingsAreIgnored()
{
    Finding f;
    f.byteStart = 5;
    f.byteEnd = 50;
    QCOMPARE(Redactor(Operator::Replace).apply("short text", {f}), QByteArray("short text"));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "TestRedactor.moc"
