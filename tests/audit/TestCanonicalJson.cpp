// SPDX-License-Identifier: Apache-2.0
#include "audit/CanonicalJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <bit>
#include <cstdint>

using namespace corral;
using namespace corral::audit;

class TestCanonicalJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc8785MainExample();
    void rfc8785PropertySorting();
    void rfc8785Numbers_data();
    void rfc8785Numbers();
    void rejectsNanAndInfinity();
    void rejectsLoneSurrogate();
    void rejectsNonJson();
    void escapesControlCharacters();
    void nestedStructures();
};

void TestCanonicalJson::rfc8785MainExample()
{
    // RFC 8785 section 3.2.2 (input) and 3.2.3 (output).
    const QByteArray input = R"({
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})";
    Result<QByteArray> out = canonicalizeJson(input);
    QVERIFY(out.ok());
    QCOMPARE(*out, QByteArray("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                              "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"));
}

void TestCanonicalJson::rfc8785PropertySorting()
{
    // RFC 8785 section 3.2.3: UTF-16 code unit order, so the emoji (D83D DE00) sorts
    // before U+FB33 although its code point is larger.
    const QByteArray input = R"({
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
})";
    Result<QByteArray> out = canonicalizeJson(input);
    QVERIFY(out.ok());
    const QString text = QString::fromUtf8(*out);
    const QStringList expectedOrder = {QStringLiteral("Carriage Return"),
                                       QStringLiteral("One"),
                                       QStringLiteral("Control"),
                                       QStringLiteral("Latin Small Letter O With Diaeresis"),
                                       QStringLiteral("Euro Sign"),
                                       QStringLiteral("Emoji: Grinning Face"),
                                       QStringLiteral("Hebrew Letter Dalet With Dagesh")};
    qsizetype last = -1;
    for (const QString& value : expectedOrder) {
        const qsizetype at = text.indexOf(value);
        QVERIFY2(at > last, qPrintable(value));
        last = at;
    }
    QVERIFY(out->startsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\""));
}

void TestCanonicalJson::rfc8785Numbers_data()
{
    QTest::addColumn<quint64>("bits");
    QTest::addColumn<QByteArray>("expected");
    // RFC 8785 appendix B.
    const struct
    {
        quint64 bits;
        const char* text;
    } cases[] = {
        {0x0000000000000000, "0"},
        {0x8000000000000000, "0"},
        {0x0000000000000001, "5e-324"},
        {0x8000000000000001, "-5e-324"},
        {0x7fefffffffffffff, "1.7976931348623157e+308"},
        {0xffefffffffffffff, "-1.7976931348623157e+308"},
        {0x4340000000000000, "9007199254740992"},
        {0xc340000000000000, "-9007199254740992"},
        {0x4430000000000000, "295147905179352830000"},
        {0x44b52d02c7e14af5, "9.999999999999997e+22"},
        {0x44b52d02c7e14af6, "1e+23"},
        {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
        {0x444b1ae4d6e2ef4e, "999999999999999700000"},
        {0x444b1ae4d6e2ef4f, "999999999999999900000"},
        {0x444b1ae4d6e2ef50, "1e+21"},
        {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
        {0x3eb0c6f7a0b5ed8d, "0.000001"},
        {0x41b3de4355555553, "333333333.3333332"},
        {0x41b3de4355555554, "333333333.33333325"},
        {0x41b3de4355555555, "333333333.3333333"},
        {0x41b3de4355555556, "333333333.3333334"},
        {0x41b3de4355555557, "333333333.33333343"},
        {0xbecbf647612f3696, "-0.0000033333333333333333"},
        {0x43143ff3c1cb0959, "1424953923781206.2"},
    };
    for (const auto& c : cases)
        QTest::addRow("%016llx", static_cast<unsigned long long>(c.bits)) << quint64(c.bits) << QByteArray(c.text);
}

void TestCanonicalJson::rfc8785Numbers()
{
    QFETCH(quint64, bits);
    QFETCH(QByteArray, expected);
    Result<QByteArray> out = canonicalNumber(std::bit_cast<double>(bits));
    QVERIFY(out.ok());
    QCOMPARE(*out, expected);
}

void TestCanonicalJson::rejectsNanAndInfinity()
{
    for (quint64 bits : {quint64(0x7fffffffffffffff), quint64(0x7ff0000000000000), quint64(0xfff0000000000000)}) {
        Result<QByteArray> out = canonicalNumber(std::bit_cast<double>(bits));
        QVERIFY(!out.ok());
        QCOMPARE(out.error().code, QStringLiteral("jcs.number"));
    }
}

void TestCanonicalJson::rejectsLoneSurrogate()
{
    QJsonObject object;
    object.insert(QStringLiteral("k"), QString(QChar(0xd800)));
    Result<QByteArray> out = canonicalJson(object);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().code, QStringLiteral("jcs.string"));
    QCOMPARE(out.error().message, QStringLiteral("lone UTF-16 surrogate U+D800 at index 0"));
}

void TestCanonicalJson::rejectsNonJson()
{
    for (const char* bad : {"", "{", "[1,]", "1 2", "{\"a\":1}x"}) {
        Result<QByteArray> out = canonicalizeJson(QByteArray(bad));
        QVERIFY2(!out.ok(), bad);
        QCOMPARE(out.error().code, QStringLiteral("jcs.parse"));
    }
}

void TestCanonicalJson::escapesControlCharacters()
{
    Result<QByteArray> out = canonicalJson(QJsonValue(QString::fromUtf8("a\x01\x1f\b\f\n\r\t\x7f/\xc3\xa9")));
    QVERIFY(out.ok());
    QCOMPARE(*out, QByteArray("\"a\\u0001\\u001f\\b\\f\\n\\r\\t\x7f/\xc3\xa9\""));
}

void TestCanonicalJson::nestedStructures()
{
    Result<QByteArray> out = canonicalizeJson(R"( { "b" : [ {"z":1,"a":[]} , {} ], "a" : { "y":-0.0, "x":1.5e3 } } )");
    QVERIFY(out.ok());
    QCOMPARE(*out, QByteArray(R"({"a":{"x":1500,"y":0},"b":[{"a":[],"z":1},{}]})"));
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "TestCanonicalJson.moc"
