// SPDX-License-Identifier: Apache-2.0
// The strict JSON reader and its locator: positions of values by JSON pointer, and the
// exact problem reported for each kind of bad input.
#include "catalog/JsonText.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace corral::catalog;

namespace {

JsonText parseOk(const QByteArray& text)
{
    auto parsed = JsonText::parse(text);
    if (auto* problem = std::get_if<JsonProblem>(&parsed))
        qFatal("unexpected problem: %s", qPrintable(problem->message));
    return std::get<JsonText>(std::move(parsed));
}

JsonProblem parseBad(const QByteArray& text, const JsonLimits& limits = {})
{
    auto parsed = JsonText::parse(text, limits);
    if (!std::holds_alternative<JsonProblem>(parsed))
        qFatal("expected a problem for %s", text.constData());
    return std::get<JsonProblem>(parsed);
}

} // namespace

class TestJsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valuesAndPointers()
    {
        const QByteArray text = "{\n  \"a\": [1, {\"b/c\": \"x\", \"d~e\": null}],\n  \"f\": true\n}";
        const JsonText json = parseOk(text);
        QCOMPARE(json.root().toObject().value("f").toBool(), true);
        QCOMPARE(json.valueOffset(""), 0);
        QCOMPARE(json.valueOffset("/a"), text.indexOf('['));
        QCOMPARE(json.valueOffset("/a/0"), text.indexOf('1'));
        QCOMPARE(json.valueOffset("/a/1/b~1c"), text.indexOf("\"x\""));
        QCOMPARE(json.valueOffset("/a/1/d~0e"), text.indexOf("null"));
        QCOMPARE(json.keyOffset("/f"), text.indexOf("\"f\""));
        QCOMPARE(json.valueOffset("/missing"), -1);

        const TextPosition f = json.position("/f");
        QCOMPARE(f.line, 3);
        QCOMPARE(f.column, 8);
        // A missing member points at its nearest existing ancestor.
        const TextPosition missing = json.position("/a/1/zz");
        QCOMPARE(missing.line, 2);
        QCOMPARE(missing.column, 12);
    }

    void columnsCountCharacters()
    {
        // "ä" is two bytes but one column; "€" three bytes, one column.
        const QByteArray text = "{\"ä€\": \"v\"}";
        const JsonText json = parseOk(text);
        const TextPosition pos = json.position(QStringLiteral("/ä€"));
        QCOMPARE(pos.line, 1);
        QCOMPARE(pos.column, 8);
        QCOMPARE(json.root().toObject().value(QStringLiteral("ä€")).toString(), QStringLiteral("v"));
    }

    void escapesAndNumbers()
    {
        const JsonText json = parseOk("{\"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", "
                                      "\"i\": -12, \"d\": 1.5e2, \"z\": 0}");
        const QJsonObject o = json.root().toObject();
        QCOMPARE(o.value("s").toString(), QStringLiteral("q\"\\/\b\f\n\r\té") + QString::fromUtf8("\xF0\x9F\x98\x80"));
        QCOMPARE(o.value("i").toInteger(), -12);
        QCOMPARE(o.value("d").toDouble(), 150.0);
        QCOMPARE(o.value("z").toInteger(), 0);
    }

    void problems_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("offset");

        QTest::newRow("empty") << QByteArray("  \n") << "truncated"
                               << "file is empty" << 0;
        QTest::newRow("truncated object") << QByteArray("{\"a\": 1") << "truncated"
                                          << "unexpected end of file (truncated?), expected ',' or '}'" << 7;
        QTest::newRow("truncated string") << QByteArray("{\"a\": \"xy") << "truncated"
                                          << "unexpected end of file (truncated?) in a string" << 6;
        QTest::newRow("truncated literal") << QByteArray("[tru") << "truncated"
                                           << "unexpected end of file (truncated?)" << 4;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << "json"
                                       << "expected ':' after the member name, found '1'" << 5;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << "json"
                                        << "expected a value, found ']'" << 3;
        QTest::newRow("single quotes") << QByteArray("{'a': 1}") << "json"
                                       << "expected a member name in double quotes, found '''" << 1;
        QTest::newRow("trailing text") << QByteArray("{} x") << "json"
                                       << "unexpected text after the JSON value" << 3;
        QTest::newRow("leading zero") << QByteArray("[01]") << "json"
                                      << "leading zeros are not allowed in numbers" << 1;
        QTest::newRow("control char") << QByteArray("[\"a\tb\"]") << "json"
                                      << "control character in a string (use an escape such as \\n)" << 3;
        QTest::newRow("bad escape") << QByteArray("[\"\\x\"]") << "json"
                                    << "invalid escape in a string" << 2;
        QTest::newRow("lone surrogate") << QByteArray("[\"\\ud800\"]") << "json"
                                        << "unpaired surrogate in a \\u escape" << 2;
        QTest::newRow("duplicate key") << QByteArray("{\"a\": 1,\n \"a\": 2}") << "duplicate-key"
                                       << "duplicate member name \"a\"" << 10;
        QTest::newRow("huge integer") << QByteArray("[99999999999999999999]") << "number"
                                      << "number 99999999999999999999 is too large" << 1;
        QTest::newRow("beyond 2^53") << QByteArray("[9007199254740993]") << "number"
                                     << "number 9007199254740993 is too large" << 1;
        QTest::newRow("infinite double") << QByteArray("[1e400]") << "number"
                                         << "number 1e400 is out of range" << 1;
        QTest::newRow("invalid utf8") << QByteArray("{\"a\": \"x\xff\"}") << "utf8"
                                      << "invalid UTF-8 at byte 8" << 8;
        QTest::newRow("overlong utf8") << QByteArray("[\"\xc0\xaf\"]") << "utf8"
                                       << "invalid UTF-8 at byte 2" << 2;
        QTest::newRow("utf8 surrogate") << QByteArray("[\"\xed\xa0\x80\"]") << "utf8"
                                        << "invalid UTF-8 at byte 2" << 2;
        QTest::newRow("cut utf8") << QByteArray("[\"\xe2\x82") << "utf8"
                                  << "invalid UTF-8 at byte 2" << 2;
    }

    void problems()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QFETCH(int, offset);
        const JsonProblem problem = parseBad(text);
        QCOMPARE(problem.kind, kind);
        QCOMPARE(problem.message, message);
        QCOMPARE(problem.offset, offset);
    }

    void depthLimit()
    {
        JsonLimits limits;
        limits.maxDepth = 3;
        QVERIFY(std::holds_alternative<JsonText>(JsonText::parse("[[[1]]]", limits)));
        const JsonProblem problem = parseBad("[[[[1]]]]", limits);
        QCOMPARE(problem.kind, QStringLiteral("depth"));
        QCOMPARE(problem.message, QStringLiteral("nested more than 3 levels deep"));
        QCOMPARE(problem.offset, 3);
        // Deep nesting far beyond the limit is refused without exhausting the stack.
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        QCOMPARE(parseBad(deep).kind, QStringLiteral("depth"));
    }

    void sizeLimit()
    {
        JsonLimits limits;
        limits.maxBytes = 10;
        const JsonProblem problem = parseBad("[1,2,3,4,5,6]", limits);
        QCOMPARE(problem.kind, QStringLiteral("size"));
        QCOMPARE(problem.message, QStringLiteral("file is 13 bytes, more than the limit of 10 bytes"));
    }

    void positionAtOffsets()
    {
        const QByteArray text = "ab\ncd\n\xc3\xa4x";
        QCOMPARE(positionAt(text, 0).line, 1);
        QCOMPARE(positionAt(text, 4).line, 2);
        QCOMPARE(positionAt(text, 4).column, 2);
        QCOMPARE(positionAt(text, 8).line, 3);
        QCOMPARE(positionAt(text, 8).column, 2); // after the two-byte "ä"
        QCOMPARE(positionAt(text, 1000).column, 3);
    }

    void pointerHelpers()
    {
        QCOMPARE(escapePointerToken("a/b~c"), QStringLiteral("a~1b~0c"));
        QCOMPARE(parentPointer("/a/b"), QStringLiteral("/a"));
        QCOMPARE(parentPointer("/a"), QString());
        QCOMPARE(parentPointer(""), QString());
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "TestJsonText.moc"
