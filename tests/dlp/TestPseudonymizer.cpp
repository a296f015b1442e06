// SPDX-License-Identifier: Apache-2.0
// Pseudonymizer: stable tokens within a session, the round trip through a model's answer,
// unknown tokens left alone, and clearing.
#include "dlp/DlpScanner.h"
#include "dlp/Pseudonymizer.h"

#include <QTest>
#include <type_traits>

using namespace corral::dlp;

class TestPseudonymizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameValueSameToken();
    void roundTrip();
    void tokensAcrossCalls();
    void unknownTokensStay();
    void clearForgets();
    void notCopyable();
};

void TestPseudonymizer::sameValueSameToken()
{
    const QByteArray text = "From ann@example.com to bob@example.com, cc ann@example.com; call +44 20 7946 0958.";
    Pseudonymizer p;
    const QByteArray masked = p.apply(text, DlpScanner().scan(QByteArrayView(text)));
    QCOMPARE(masked, QByteArray("From <EMAIL_1> to <EMAIL_2>, cc <EMAIL_1>; call <PHONE_1>."));
    QCOMPARE(p.size(), 3);
}

void TestPseudonymizer::roundTrip()
{
    const QByteArray prompt =
        QStringLiteral("Résumé for Zoë: zoë@example.fr, IBAN DE89 3704 0044 0532 0130 00.").toUtf8();
    Pseudonymizer p;
    const QByteArray masked = p.apply(prompt, DlpScanner().scan(QByteArrayView(prompt)));
    QCOMPARE(QString::fromUtf8(masked), QStringLiteral("Résumé for Zoë: <EMAIL_1>, IBAN <IBAN_1>."));
    // The model answers with the tokens, in another order and more than once.
    const QByteArray answer = "Payment to <IBAN_1> confirmed; I wrote to <EMAIL_1> (<EMAIL_1>).";
    QCOMPARE(QString::fromUtf8(p.restore(answer)),
             QStringLiteral("Payment to DE89 3704 0044 0532 0130 00 confirmed; I wrote to zoë@example.fr "
                            "(zoë@example.fr)."));
    // Restoring the masked prompt gives the prompt back.
    QCOMPARE(p.restore(masked), prompt);
}

void TestPseudonymizer::tokensAcrossCalls()
{
    Pseudonymizer p;
    QCOMPARE(p.tokenFor(EntityType::Email, "a@example.com"), QByteArray("<EMAIL_1>"));
    QCOMPARE(p.tokenFor(EntityType::Phone, "+1 650 253 0000"), QByteArray("<PHONE_1>"));
    QCOMPARE(p.tokenFor(EntityType::Email, "b@example.com"), QByteArray("<EMAIL_2>"));
    QCOMPARE(p.tokenFor(EntityType::Email, "a@example.com"), QByteArray("<EMAIL_1>"));
    // The same characters as another type are another value.
    QCOMPARE(p.tokenFor(EntityType::UkNhs, "9434765919"), QByteArray("<UK_NHS_1>"));
    QCOMPARE(p.tokenFor(EntityType::Phone, "9434765919"), QByteArray("<PHONE_2>"));
}

void TestPseudonymizer::unknownTokensStay()
{
    Pseudonymizer p;
    p.tokenFor(EntityType::Email, "a@example.com");
    QCOMPARE(p.restore("<EMAIL_1> <EMAIL_7> <email_1> <EMAIL_1 <> <<EMAIL_1>>"),
             QByteArray("a@example.com <EMAIL_7> <email_1> <EMAIL_1 <> <a@example.com>"));
    QCOMPARE(Pseudonymizer().restore("<EMAIL_1>"), QByteArray("<EMAIL_1>"));
}

void TestPseudonymizer::clearForgets()
{
    Pseudonymizer p;
    p.tokenFor(EntityType::Email, "a@example.com");
    p.clear();
    QCOMPARE(p.size(), 0);
    QCOMPARE(p.restore("<EMAIL_1>"), QByteArray("<EMAIL_1>"));
    QCOMPARE(p.tokenFor(EntityType::Email, "c@example.com"), QByteArray("<EMAIL_1>"));
    // Moving keeps the mapping usable.
    Pseudonymizer moved = std::move(p);
    QCOMPARE(moved.restore("<EMAIL_1>"), QByteArray("c@example.com"));
}

void TestPseudonymizer::notCopyable()
{
    // The mapping must not be duplicated by accident (into a log record, a queued event).
    QVERIFY(!std::is_copy_constructible_v<Pseudonymizer>);
    QVERIFY(!std::is_copy_assignable_v<Pseudonymizer>);
}

QTEST_GUILESS_MAIN(TestPseudonymizer)
#include "TestPseudonymizer.moc"
