// SPDX-License-Identifier: Apache-2.0
// The Rego value model: OPA's ordering, equality across number forms, JSON with big numbers,
// Rego printing, and the operator built-ins.
#include "policy/Builtins.h"
#include "policy/Value.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace corral::policy;

class TestPolicyValue : public QObject
{
    Q_OBJECT

private:
    static Value json(const char* text) { return *Value::fromJson(text); }

private Q_SLOTS:
    void typeOrderFollowsOpa()
    {
        const ValueVector ordered{Value::null(),      Value::boolean(false), Value::boolean(true), Value::integer(-1),
                                  Value::number(0.5), Value::string(""),     Value::string("a"),   Value::emptyArray(),
                                  json("[1]"),        Value::emptyObject(),  json("{\"a\":1}"),    Value::emptySet()};
        for (std::size_t i = 0; i + 1 < ordered.size(); ++i)
            QVERIFY2(ordered[i] < ordered[i + 1], (ordered[i].toString() + " < " + ordered[i + 1].toString()).c_str());
    }

    void numbersCompareByValue()
    {
        QCOMPARE(Value::integer(2), Value::number(2.0));
        QCOMPARE(Value::integer(2).hash(), Value::number(2.0).hash());
        QCOMPARE(*Value::numberFromText("1.0"), Value::integer(1));
        QVERIFY(Value::integer(1) < Value::number(1.5));
        const Value big = *Value::numberFromText("123456789012345678901234567890");
        QVERIFY(Value::integer(INT64_MAX) < big);
        QVERIFY(big < *Value::numberFromText("123456789012345678901234567891"));
        QCOMPARE(big.toJson(), std::string("123456789012345678901234567890"));
    }

    void jsonRoundTripPreservesBigNumbersAndEscapes()
    {
        const char* text =
            "{\"a\":[1,2.5,-3e+100],\"big\":18446744073709551616,\"s\":\"\\u00e9\\n\\\"x\\\"\",\"t\":true,\"z\":null}";
        auto v = Value::fromJson(text);
        QVERIFY(v.ok());
        QCOMPARE(QString::fromStdString(v->toJson()),
                 QString::fromUtf8("{\"a\":[1,2.5,-3e+100],\"big\":18446744073709551616,\"s\":\"\u00e9\\n\\\"x\\\"\","
                                   "\"t\":true,\"z\":null}"));
    }

    void jsonErrorsAreReported()
    {
        for (const char* bad : {"{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "tru", "[1] 2"}) {
            auto v = Value::fromJson(bad);
            QVERIFY2(!v.ok(), bad);
            QCOMPARE(v.error().code, QStringLiteral("json.parse"));
        }
        std::string deep(1000, '[');
        deep += std::string(1000, ']');
        auto v = Value::fromJson(deep);
        QVERIFY(!v.ok());
        QVERIFY(v.error().message.contains(QStringLiteral("nesting too deep")));
    }

    void regoPrinting()
    {
        QCOMPARE(Value::set({Value::integer(2), Value::integer(1), Value::integer(2)}).toString(),
                 std::string("{1, 2}"));
        QCOMPARE(Value::emptySet().toString(), std::string("set()"));
        QCOMPARE(json(R"({"b":[1,"x"],"a":null})").toString(), std::string(R"({"a": null, "b": [1, "x"]})"));
        // Non-string keys print as JSON text in JSON output.
        QCOMPARE(Value::object({{Value::integer(1), Value::integer(2)}}).toJson(), std::string(R"({"1":2})"));
    }

    void objectsAndSets()
    {
        const Value o = Value::object({{Value::string("b"), Value::integer(1)},
                                       {Value::string("a"), Value::integer(2)},
                                       {Value::string("b"), Value::integer(3)}});
        QCOMPARE(o.size(), std::size_t(2));
        QCOMPARE(*o.get("b"), Value::integer(3));
        QVERIFY(!o.get("c"));
        const Value s = Value::set({Value::string("x"), Value::string("y")});
        QVERIFY(s.contains(Value::string("x")));
        QVERIFY(!s.contains(Value::string("z")));
        QCOMPARE(*json("[10,20]").find(Value::integer(1)), Value::integer(20));
        QVERIFY(!json("[10,20]").find(Value::number(0.5)));
    }

    void qjsonConversion()
    {
        const Value v = json(R"({"a":[1,true,null,"s"],"n":1.5})");
        QCOMPARE(Value::fromQJson(v.toQJson()), v);
        QCOMPARE(QJsonDocument(v.toQJson().toObject()).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"a":[1,true,null,"s"],"n":1.5})"));
    }

    void arithmetic()
    {
        QCOMPARE(*numberAdd(Value::integer(INT64_MAX), Value::integer(1)), Value::number(9223372036854775808.0));
        QCOMPARE(*numberDiv(Value::integer(4), Value::integer(2)), Value::integer(2));
        QCOMPARE(*numberDiv(Value::integer(3), Value::integer(2)), Value::number(1.5));
        auto zero = numberDiv(Value::integer(1), Value::integer(0));
        QVERIFY(!zero.ok());
        QCOMPARE(zero.error().code, QStringLiteral("eval_builtin_error"));
        QCOMPARE(zero.error().message, QStringLiteral("divide by zero"));
        QCOMPARE(numberRem(Value::number(1.5), Value::integer(1)).error().message,
                 QStringLiteral("modulo on floating-point number"));
        QCOMPARE(*numberRem(Value::integer(-7), Value::integer(3)), Value::integer(-1));
    }

    void operatorBuiltinsReportOpaTypeErrors()
    {
        const BuiltinRegistry& r = BuiltinRegistry::standard();
        BuiltinContext ctx;
        const ValueVector args{Value::string("a"), Value::integer(1)};
        auto res = r.find("plus")->fn(args, ctx);
        QVERIFY(!res.ok());
        QCOMPARE(res.error().code, QStringLiteral("eval_type_error"));
        QCOMPARE(res.error().message, QStringLiteral("plus: operand 1 must be number but got string"));
        const ValueVector sets{Value::set({Value::integer(1), Value::integer(2)}), Value::set({Value::integer(2)})};
        QCOMPARE(**r.find("minus")->fn(sets, ctx), Value::set({Value::integer(1)}));
        QCOMPARE(**r.find("and")->fn(sets, ctx), Value::set({Value::integer(2)}));
    }
};

QTEST_GUILESS_MAIN(TestPolicyValue)
#include "TestPolicyValue.moc"
