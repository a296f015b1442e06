// SPDX-License-Identifier: Apache-2.0
// DlpScanner: every recognizer with valid examples (reported) and look-alikes that fail
// their checksum or range rules (not reported), context words, overlaps, offsets.
#include "dlp/DlpScanner.h"

#include <QTest>

using namespace corral::dlp;

namespace {

// "TYPE:text" for each finding, sliced by byte offsets.
QStringList found(const QByteArray& text, const DlpSettings& settings = DlpSettings::allEnabled())
{
    QStringList out;
    for (const Finding& f : DlpScanner(settings).scan(QByteArrayView(text)))
        out << entityTypeName(f.type) + QLatin1Char(':') +
                   QString::fromUtf8(text.mid(f.byteStart, f.byteEnd - f.byteStart));
    return out;
}

} // namespace

class TestDlpScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recognizers_data();
    void recognizers();
    void contextRaisesScore();
    void thresholdsAndEnabledTypes();
    void overlapsKeepTheBetterFinding();
    void codePointOffsets();
    void qstringScan();
    void noFindingsInPlainProse();
};

void TestDlpScanner::recognizers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char* name, const char* text, QStringList expected) {
        QTest::newRow(name) << QByteArray(text) << expected;
    };
    // Email
    row("email", "Write to alice.smith+tag@mail.example.co.uk today.", {"EMAIL:alice.smith+tag@mail.example.co.uk"});
    row("email no tld", "user@localhost and a@b and x@example.c0m", {});
    row("email trailing dot", "Mail bob@example.org.", {"EMAIL:bob@example.org"});
    row("email utf8", "Schreib an jürgen.müller@bücher.example.de!", {"EMAIL:jürgen.müller@bücher.example.de"});
    row("email in quotes", "«ana@example.pt» or “li@example.cn”", {"EMAIL:ana@example.pt", "EMAIL:li@example.cn"});
    // Phone (libphonenumber)
    row("phone intl", "Call +44 20 7946 0958 tomorrow", {"PHONE:+44 20 7946 0958"});
    row("phone us", "Office: (212) 555-0123.", {"PHONE:(212) 555-0123"});
    row("phone us dashes", "phone 650-253-0000", {"PHONE:650-253-0000"});
    row("phone invalid area", "Call +1 123 456 7890", {});
    row("date is not a phone", "Due 2024-01-15 and 15/01/2024", {});
    // Credit cards (Luhn + IIN)
    row("visa", "Card 4111 1111 1111 1111 expires", {"CREDIT_CARD:4111 1111 1111 1111"});
    row("mastercard", "5500-0000-0000-0004", {"CREDIT_CARD:5500-0000-0000-0004"});
    row("amex", "amex 3782 822463 10005", {"CREDIT_CARD:3782 822463 10005"});
    row("visa compact", "pan=4012888888881881;", {"CREDIT_CARD:4012888888881881"});
    row("luhn failure", "Card 4111 1111 1111 1112 expires", {});
    // IBAN (length + mod 97)
    row("iban grouped", "IBAN DE89 3704 0044 0532 0130 00 please", {"IBAN:DE89 3704 0044 0532 0130 00"});
    row("iban compact", "to GB82WEST12345698765432.", {"IBAN:GB82WEST12345698765432"});
    row("iban bad check", "IBAN DE89 3704 0044 0532 0130 01", {});
    row("iban bad length", "IBAN DE89 3704 0044 0532 0130", {});
    // US SSN and ITIN
    row("ssn", "SSN 123-45-6789.", {"US_SSN:123-45-6789"});
    row("ssn area 000", "SSN 000-12-3456", {});
    row("ssn area 666", "SSN 666-12-3456", {});
    row("ssn group 00", "SSN 123-00-4567", {});
    row("ssn serial 0000", "SSN 123-45-0000", {});
    row("ssn area 9xx", "SSN 900-12-3456", {});
    row("itin", "ITIN 912-70-1234", {"US_ITIN:912-70-1234"});
    row("itin bad group", "ITIN 912-40-1234", {});
    // IP and MAC
    row("ipv4", "host 192.168.1.20 is up", {"IP_ADDRESS:192.168.1.20"});
    row("ipv4 out of range", "version 256.1.1.1 and 1.2.3", {});
    row("ipv6", "addr 2001:db8::8a2e:370:7334 and fe80::1",
        {"IP_ADDRESS:2001:db8::8a2e:370:7334", "IP_ADDRESS:fe80::1"});
    row("ipv6 full", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", {"IP_ADDRESS:2001:0db8:85a3:0000:0000:8a2e:0370:7334"});
    row("ipv6 double gap", "2001:db8:::1 and 10:30:45", {});
    row("mac", "mac 00:1A:2B:3C:4D:5E and 00-1a-2b-3c-4d-5f",
        {"MAC_ADDRESS:00:1A:2B:3C:4D:5E", "MAC_ADDRESS:00-1a-2b-3c-4d-5f"});
    row("mac short", "00:1A:2B:3C:4D", {});
    // URL
    row("url", "See https://intranet.example.com/a?b=1, then www.example.org.",
        {"URL:https://intranet.example.com/a?b=1", "URL:www.example.org"});
    // Crypto wallets
    row("bitcoin p2pkh", "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 now",
        {"CRYPTO_WALLET:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"});
    row("bitcoin p2sh", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", {"CRYPTO_WALLET:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"});
    row("bitcoin bad checksum", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", {});
    row("bech32", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        {"CRYPTO_WALLET:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"});
    row("bech32 bad", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp", {});
    row("ethereum eip55", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        {"CRYPTO_WALLET:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"});
    row("ethereum lower", "wallet 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        {"CRYPTO_WALLET:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"});
    row("ethereum bad case", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", {});
    // UK NHS (mod 11)
    row("nhs spaced", "NHS number 943 476 5919", {"UK_NHS:943 476 5919"});
    row("nhs", "NHS number 401 023 2137", {"UK_NHS:401 023 2137"});
    row("nhs bad check", "NHS number 401 023 2138", {});
    // Secrets
    row("pem", "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----\nend",
        {"PRIVATE_KEY:-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----"});
    row("pem public",
        "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKj34GkxFhD9\n-----END PUBLIC KEY-----", {});
    row("jwt",
        "Authorization: Bearer "
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        {"JWT:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
         "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
         "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"});
    row("jwt header not json", "eyJub3Rqc29u.eyJ4IjoxfQ.abcdefghijkl", {});
    row("aws", "aws_access_key_id=AKIAIOSFODNN7EXAMPLE", {"API_KEY:AKIAIOSFODNN7EXAMPLE"});
    row("github", "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", {"API_KEY: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"});
    row("github short", "ghp_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0", {});
    row("slack", "xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1",
        {"API_KEY:xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"});
    row("stripe", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", {"API_KEY:sk_live_4eC39HqLyjWDarjtT1zdp7dc"});
    row("google", "key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI&x", {"API_KEY:AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"});
    row("openai", "OPENAI_API_KEY sk-proj-Abc123def456GHI789jkl012", {"API_KEY:sk-proj-Abc123def456GHI789jkl012"});
    row("sk word", "a sk-style prefix and sk-notakeyatallreallyjustwords", {});
    row("entropy token", "api_key = 'a8f5f167f44f4964e6c998dee827110c'", {"SECRET:a8f5f167f44f4964e6c998dee827110c"});
    row("password", "password: Tr0ub4dor&3x", {"SECRET:Tr0ub4dor&3x"});
    row("password words", "password: changeme and token: aaaaaaaaaaaaaaaaaaaaaa", {});
    row("token without keyword", "reference a8f5f167f44f4964e6c998dee827110c", {});
}

void TestDlpScanner::recognizers()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    QCOMPARE(found(text), expected);
}

void TestDlpScanner::contextRaisesScore()
{
    // A bare nine-digit number is too weak alone; "SSN" nearby makes it a finding.
    QCOMPARE(found("ref 123456789 filed"), QStringList{});
    QCOMPARE(found("SSN: 123456789"), QStringList{"US_SSN:123456789"});
    const QList<Finding> plain = DlpScanner(DlpSettings::allEnabled()).scan(QByteArrayView("card 4111 1111 1111 1111"));
    const QList<Finding> bare = DlpScanner(DlpSettings::allEnabled()).scan(QByteArrayView("ref 4111 1111 1111 1111"));
    QCOMPARE(plain.size(), 1);
    QCOMPARE(bare.size(), 1);
    QVERIFY(plain[0].score > bare[0].score);
    QVERIFY(plain[0].score <= 1.0);
    // "ip" is a whole word only: "ship" does not raise it.
    QCOMPARE(found("NHS 9434765919"), QStringList{"UK_NHS:9434765919"});
    QCOMPARE(found("ship 9434765919"), QStringList{});
}

void TestDlpScanner::thresholdsAndEnabledTypes()
{
    const QByteArray text = "mail a@example.com, ip 10.0.0.1";
    DlpSettings s = DlpSettings::allEnabled();
    s.enabled[std::size_t(EntityType::Email)] = false;
    QCOMPARE(found(text, s), QStringList{"IP_ADDRESS:10.0.0.1"});
    s = DlpSettings::allEnabled();
    s.threshold[std::size_t(EntityType::IpAddress)] = 1.0;
    QCOMPARE(found(text, s), QStringList{"EMAIL:a@example.com"});
    // URLs are off by default.
    QCOMPARE(found("see https://example.com", DlpSettings()), QStringList{});
}

void TestDlpScanner::overlapsKeepTheBetterFinding()
{
    // The email inside a URL scores higher than the URL around it.
    QCOMPARE(found("https://example.com/?u=bob@example.com x"), QStringList{"EMAIL:bob@example.com"});
    // A GitHub token after "token:" is an API key, not a generic secret.
    QCOMPARE(found("token: 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"),
             QStringList{"API_KEY: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"});
}

void TestDlpScanner::codePointOffsets()
{
    // Offsets count code points as Python does: "ü", "ß", "é" are one each, "😀" is one.
    const QByteArray text = QStringLiteral("Grüße an José: jose@example.com 😀 card 4111 1111 1111 1111.").toUtf8();
    const QList<Finding> f = DlpScanner().scan(QByteArrayView(text));
    QCOMPARE(f.size(), 2);
    QCOMPARE(f[0].type, EntityType::Email);
    QCOMPARE(f[0].start, qsizetype(15));
    QCOMPARE(f[0].end, qsizetype(31));
    QCOMPARE(f[0].byteStart, qsizetype(18));
    QCOMPARE(f[1].type, EntityType::CreditCard);
    QCOMPARE(f[1].start, qsizetype(39));
    QCOMPARE(f[1].end, qsizetype(58));
    QCOMPARE(text.mid(f[1].byteStart, f[1].byteEnd - f[1].byteStart), QByteArray("4111 1111 1111 1111"));
}

void TestDlpScanner::qstringScan()
{
    const QList<Finding> f = DlpScanner().scan(QStringLiteral("😀😀 a@example.com"));
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].start, qsizetype(3));
    QCOMPARE(f[0].end, qsizetype(16));
}

void TestDlpScanner::noFindingsInPlainProse()
{
    const QByteArray prose =
        "The Q3 review is on 2024-10-15 at 10:30 in room 4.12. Revenue grew 12.5% to $1,234,567 "
        "(see section 3.2.1). Version 2.0 ships in 6 weeks; 15 of 20 tickets are done. Order #12345 "
        "was shipped on 03/04/2024. The key takeaway: monkey business is over. Our password policy "
        "requires rotation every 90 days.";
    QCOMPARE(found(prose), QStringList{});
}

QTEST_GUILESS_MAIN(TestDlpScanner)
#include "TestDlpScanner.moc"
