// SPDX-License-Identifier: Apache-2.0
// Decoding and encoding of JSON-RPC 2.0 messages: every kind of malformed line gets the
// exact error code and, where it can be recovered, the request's id.
#include "ipc/Message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace corral::ipc;

class TestMessage : public QObject
{
    Q_OBJECT

private:
    static DecodeFailure failure(const QByteArray& line)
    {
        DecodeResult r = decode(line);
        if (!std::holds_alternative<DecodeFailure>(r))
            qWarning("decoded unexpectedly: %s", line.left(200).constData());
        return std::holds_alternative<DecodeFailure>(r) ? std::get<DecodeFailure>(r) : DecodeFailure{};
    }
    static Message message(const QByteArray& line)
    {
        DecodeResult r = decode(line);
        if (auto* f = std::get_if<DecodeFailure>(&r))
            qWarning("decode failed: %s", qPrintable(f->error.message));
        return std::holds_alternative<Message>(r) ? std::get<Message>(r)
                                                  : Message::notification(QStringLiteral("<failed>"));
    }

private Q_SLOTS:
    void decodesRequestWithNamedParams()
    {
        const Message m = message(R"({"jsonrpc":"2.0","id":7,"method":"files.read","params":{"path":"a.txt"}})");
        QVERIFY(m.isRequest());
        QCOMPARE(m.id(), QJsonValue(7));
        QCOMPARE(m.method(), QStringLiteral("files.read"));
        QCOMPARE(m.params().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("a.txt"));
    }

    void decodesNotificationAndPositionalParams()
    {
        const Message m = message(R"({"jsonrpc":"2.0","method":"run.progress","params":[1,2]})");
        QVERIFY(m.isNotification());
        QVERIFY(m.id().isUndefined());
        QCOMPARE(m.params().toArray().size(), 2);
        QVERIFY(message(R"({"jsonrpc":"2.0","method":"status"})").params().isUndefined());
    }

    void idsOfEveryValidTypeRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::newRow("string") << QByteArray("\"abc-1\"");
        QTest::newRow("empty string") << QByteArray("\"\"");
        QTest::newRow("unicode string") << QByteArray("\"é✓😀\"");
        QTest::newRow("zero") << QByteArray("0");
        QTest::newRow("negative") << QByteArray("-42");
        QTest::newRow("int64 max") << QByteArray("9223372036854775807");
        QTest::newRow("fraction") << QByteArray("1.5");
        QTest::newRow("null") << QByteArray("null");
    }
    void idsOfEveryValidTypeRoundTrip()
    {
        QFETCH(QByteArray, id);
        const Message m = message(R"({"jsonrpc":"2.0","id":)" + id + R"(,"method":"status"})");
        QVERIFY(m.isRequest());
        const QByteArray line = Message::result(m.id(), QJsonValue(true)).toLine();
        QVERIFY2(line.contains("\"id\":" + id), line.constData());
        const Message back = message(line.chopped(1));
        QCOMPARE(back.kind(), Message::Kind::Result);
        QCOMPARE(back.id(), m.id());
    }

    void malformedLinesGetExactCodes_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("code");
        QTest::addColumn<QJsonValue>("id");
        const QJsonValue null(QJsonValue::Null);
        QTest::newRow("truncated object") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"meth") << -32700 << null;
        QTest::newRow("truncated after colon") << QByteArray(R"({"jsonrpc":"2.0","id":)") << -32700 << null;
        QTest::newRow("only open brace") << QByteArray("{") << -32700 << null;
        QTest::newRow("garbage") << QByteArray("hello") << -32700 << null;
        QTest::newRow("trailing garbage") << QByteArray(R"({"jsonrpc":"2.0","method":"a"} x)") << -32700 << null;
        QTest::newRow("two objects") << QByteArray(R"({"jsonrpc":"2.0","method":"a"}{})") << -32700 << null;
        QTest::newRow("single quotes") << QByteArray("{'jsonrpc':'2.0'}") << -32700 << null;
        QTest::newRow("trailing comma") << QByteArray(R"({"jsonrpc":"2.0","method":"a",})") << -32700 << null;
        QTest::newRow("invalid utf8 byte")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"method\":\"a\xff\"}") << -32700 << null;
        QTest::newRow("overlong utf8") << QByteArray("{\"jsonrpc\":\"2.0\",\"method\":\"\xc0\xaf\"}") << -32700 << null;
        QTest::newRow("utf8 surrogate") << QByteArray("{\"jsonrpc\":\"2.0\",\"method\":\"\xed\xa0\x80\"}") << -32700
                                        << null;
        QTest::newRow("truncated utf8") << QByteArray("{\"jsonrpc\":\"2.0\",\"method\":\"\xe2\x82") << -32700 << null;
        QTest::newRow("above U+10FFFF") << QByteArray("{\"method\":\"\xf4\x90\x80\x80\"}") << -32700 << null;
        QTest::newRow("nul outside string")
            << QByteArray("{\"jsonrpc\":\"2.0\",\0\"method\":\"a\"}", 33) << -32700 << null;
        QTest::newRow("nul inside string")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"method\":\"a\0b\"}", 32) << -32700 << null;
        QTest::newRow("raw control in string")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"method\":\"a\x01\"}") << -32700 << null;
        QTest::newRow("raw control outside")
            << QByteArray("{\x07\"jsonrpc\":\"2.0\",\"method\":\"a\"}") << -32700 << null;
        QTest::newRow("deep nesting arrays")
            << (R"({"jsonrpc":"2.0","method":"a","params":)" + QByteArray(200, 0x5b) + QByteArray(200, 0x5d) + "}")
            << -32700 << null;
        QTest::newRow("deep nesting objects") << QByteArray(10000, 0x7b) << -32700 << null;
        QTest::newRow("batch") << QByteArray(R"([{"jsonrpc":"2.0","id":1,"method":"a"}])") << -32600 << null;
        QTest::newRow("empty batch") << QByteArray("[]") << -32600 << null;
        QTest::newRow("number") << QByteArray("42") << -32600 << null;
        QTest::newRow("string") << QByteArray("\"x\"") << -32600 << null;
        QTest::newRow("null") << QByteArray("null") << -32600 << null;
        QTest::newRow("empty object") << QByteArray("{}") << -32600 << null;
        QTest::newRow("missing jsonrpc") << QByteArray(R"({"id":3,"method":"a"})") << -32600 << QJsonValue(3);
        QTest::newRow("jsonrpc 1.0") << QByteArray(R"({"jsonrpc":"1.0","id":3,"method":"a"})") << -32600
                                     << QJsonValue(3);
        QTest::newRow("jsonrpc number") << QByteArray(R"({"jsonrpc":2.0,"id":"x","method":"a"})") << -32600
                                        << QJsonValue(QStringLiteral("x"));
        QTest::newRow("method number") << QByteArray(R"({"jsonrpc":"2.0","id":4,"method":1})") << -32600
                                       << QJsonValue(4);
        QTest::newRow("method null") << QByteArray(R"({"jsonrpc":"2.0","id":4,"method":null})") << -32600
                                     << QJsonValue(4);
        QTest::newRow("method missing") << QByteArray(R"({"jsonrpc":"2.0","id":4})") << -32600 << QJsonValue(4);
        QTest::newRow("params string") << QByteArray(R"({"jsonrpc":"2.0","id":5,"method":"a","params":"x"})") << -32600
                                       << QJsonValue(5);
        QTest::newRow("params number") << QByteArray(R"({"jsonrpc":"2.0","id":5,"method":"a","params":3})") << -32600
                                       << QJsonValue(5);
        QTest::newRow("params null") << QByteArray(R"({"jsonrpc":"2.0","id":5,"method":"a","params":null})") << -32600
                                     << QJsonValue(5);
        QTest::newRow("id object") << QByteArray(R"({"jsonrpc":"2.0","id":{},"method":"a"})") << -32600 << null;
        QTest::newRow("id array") << QByteArray(R"({"jsonrpc":"2.0","id":[1],"method":"a"})") << -32600 << null;
        QTest::newRow("id boolean") << QByteArray(R"({"jsonrpc":"2.0","id":true,"method":"a"})") << -32600 << null;
        QTest::newRow("unknown member") << QByteArray(R"({"jsonrpc":"2.0","id":6,"method":"a","extra":1})") << -32600
                                        << QJsonValue(6);
        QTest::newRow("method with result")
            << QByteArray(R"({"jsonrpc":"2.0","id":6,"method":"a","result":1})") << -32600 << QJsonValue(6);
    }
    void malformedLinesGetExactCodes()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, code);
        QFETCH(QJsonValue, id);
        const DecodeFailure f = failure(line);
        QCOMPARE(f.error.code, code);
        QCOMPARE(f.id, id);
        QVERIFY(f.replyable);
        // The answer is itself a valid single-line error response.
        const QByteArray reply = f.reply().toLine();
        QCOMPARE(reply.count('\n'), 1);
        const Message back = message(reply.chopped(1));
        QCOMPARE(back.kind(), Message::Kind::Error);
        QCOMPARE(back.errorValue().code, code);
        QCOMPARE(back.id(), id);
    }

    void malformedResponsesAreNotAnswered_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("result and error")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"x"}})");
        QTest::newRow("no id") << QByteArray(R"({"jsonrpc":"2.0","result":1})");
        QTest::newRow("id object") << QByteArray(R"({"jsonrpc":"2.0","id":{},"result":1})");
        QTest::newRow("error not object") << QByteArray(R"({"jsonrpc":"2.0","id":1,"error":"bad"})");
        QTest::newRow("error code string")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"error":{"code":"1","message":"x"}})");
        QTest::newRow("error code fraction")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"x"}})");
        QTest::newRow("error without message") << QByteArray(R"({"jsonrpc":"2.0","id":1,"error":{"code":1}})");
        QTest::newRow("error extra member")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"x","y":2}})");
        QTest::newRow("response extra member") << QByteArray(R"({"jsonrpc":"2.0","id":1,"result":1,"z":0})");
    }
    void malformedResponsesAreNotAnswered()
    {
        QFETCH(QByteArray, line);
        const DecodeFailure f = failure(line);
        QCOMPARE(f.error.code, ErrorCode::InvalidRequest);
        QVERIFY(!f.replyable);
    }

    void decodesResponses()
    {
        const Message ok = message(R"({"jsonrpc":"2.0","id":"c1","result":{"answer":"allow-once"}})");
        QCOMPARE(ok.kind(), Message::Kind::Result);
        QCOMPARE(ok.resultValue().toObject().value(QStringLiteral("answer")).toString(), QStringLiteral("allow-once"));
        const Message nullResult = message(R"({"jsonrpc":"2.0","id":1,"result":null})");
        QCOMPARE(nullResult.kind(), Message::Kind::Result);
        QVERIFY(nullResult.resultValue().isNull());
        const Message err =
            message(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":[1]}})");
        QCOMPARE(err.kind(), Message::Kind::Error);
        QCOMPARE(err.errorValue().code, -32700);
        QCOMPARE(err.errorValue().data.toArray().size(), 1);
    }

    void acceptsEscapedNulAndCarriageReturn()
    {
        // An escaped NUL is valid JSON (the method then simply does not exist).
        QCOMPARE(message(R"({"jsonrpc":"2.0","id":1,"method":"a\u0000b"})").method().size(), 3);
        QVERIFY(message("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}\r").isRequest());
        QVERIFY(message(R"(  {"jsonrpc":"2.0","id":1,"method":"a"}  )").isRequest());
    }

    void nestingUpToLimitIsAccepted()
    {
        const QByteArray params = QByteArray(100, 0x5b) + QByteArray(100, 0x5d);
        QVERIFY(message(R"({"jsonrpc":"2.0","id":1,"method":"a","params":)" + params + "}").isRequest());
    }

    void oversizedLineIsInvalidRequest()
    {
        QByteArray line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"params\":[\"";
        line += QByteArray(kMaxMessageBytes, 'x') + "\"]}";
        const DecodeFailure f = failure(line);
        QCOMPARE(f.error.code, ErrorCode::InvalidRequest);
        QVERIFY(f.error.message.contains(QStringLiteral("1048576")));
    }

    void encodesCompactSingleLines()
    {
        const QJsonObject params{{QStringLiteral("text"), QStringLiteral("line1\nline2\r\n\"quoted\"\t\x01")}};
        const QByteArray line = Message::request(QJsonValue(1), QStringLiteral("confirm.request"), params).toLine();
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QVERIFY(!line.contains(' ') || line.contains("\"quoted\""));
        const Message back = message(line.chopped(1));
        QCOMPARE(back.params().toObject(), params);

        QCOMPARE(Message::notification(QStringLiteral("run.finished")).toLine(),
                 QByteArray(R"({"jsonrpc":"2.0","method":"run.finished"})"
                            "\n"));
        QCOMPARE(Message::result(QJsonValue(2), QJsonValue(QJsonValue::Undefined)).toLine(),
                 QByteArray(R"({"id":2,"jsonrpc":"2.0","result":null})"
                            "\n"));
        const QByteArray err =
            Message::error(QJsonValue(QJsonValue::Null), RpcError::methodNotFound(QStringLiteral("x"))).toLine();
        QCOMPARE(err,
                 QByteArray(R"({"error":{"code":-32601,"message":"Method not found: x"},"id":null,"jsonrpc":"2.0"})"
                            "\n"));
    }

    void utf8Validator()
    {
        QVERIFY(isValidUtf8("plain ascii"));
        QVERIFY(isValidUtf8("\xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80"));
        QVERIFY(!isValidUtf8("\x80"));
        QVERIFY(!isValidUtf8("\xc3"));
        QVERIFY(!isValidUtf8("\xe0\x80\xaf"));
        QVERIFY(!isValidUtf8("\xf8\x88\x80\x80\x80"));
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "TestMessage.moc"
