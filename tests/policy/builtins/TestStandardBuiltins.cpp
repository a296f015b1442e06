// SPDX-License-Identifier: Apache-2.0
// The standard built-ins called through the registry: exact results, undefined where OPA
// is undefined, and OPA's error codes and messages for bad operands.
#include "policy/Builtins.h"

#include <QRegularExpression>
#include <QTest>

using namespace corral;
using namespace corral::policy;

namespace {

Value json(const char* text)
{
    auto v = Value::fromJson(text);
    if (!v)
        qFatal("bad test JSON: %s", text);
    return *v;
}

Value setOf(std::initializer_list<const char*> members)
{
    ValueVector items;
    for (const char* m : members)
        items.push_back(json(m));
    return Value::set(std::move(items));
}

} // namespace

class TestStandardBuiltins : public QObject
{
    Q_OBJECT

    BuiltinRegistry m_registry;
    BuiltinContext m_ctx;

    BuiltinResult call(const char* name, const ValueVector& args)
    {
        const BuiltinDecl* decl = m_registry.find(name);
        if (!decl)
            qFatal("no built-in %s", name);
        if (decl->arity != int(args.size()))
            qFatal("%s takes %d operands", name, decl->arity);
        return decl->fn(args, m_ctx);
    }

    // The result as Rego text, "undefined", or "<code>: <message>".
    QString eval(const char* name, const ValueVector& args)
    {
        const BuiltinResult r = call(name, args);
        if (!r.ok())
            return r.error().code + QStringLiteral(": ") + r.error().message;
        if (!r.value())
            return QStringLiteral("undefined");
        return QString::fromStdString(r.value()->toString());
    }

    // Runs every row: built-in name, operands as a JSON array, expected text.
    void table(const char* name, std::initializer_list<std::pair<const char*, const char*>> rows)
    {
        for (const auto& [args, expected] : rows) {
            const Value a = json(args);
            const QString got = eval(name, a.asArray());
            if (got != QString::fromUtf8(expected))
                QFAIL(qPrintable(
                    QStringLiteral("%1(%2): got %3, want %4")
                        .arg(QString::fromLatin1(name), QString::fromUtf8(args), got, QString::fromUtf8(expected))));
        }
    }

private slots:
    void initTestCase()
    {
        registerStandardBuiltins(m_registry);
        m_ctx.nowNs = 1700000000123456789;
    }

    void registryHasEveryFamily()
    {
        for (const char* name :
             {"count",         "sum",         "sprintf",           "regex.match",        "glob.match",
              "object.get",    "union",       "is_number",         "to_number",          "json.patch",
              "base64.encode", "hex.decode",  "net.cidr_contains", "time.now_ns",        "semver.compare",
              "numbers.range", "walk",        "crypto.sha256",     "crypto.hmac.sha256", "urlquery.encode",
              "abs",           "array.concat"})
            QVERIFY2(m_registry.contains(name), name);
        QVERIFY(m_registry.find("walk")->relation);
        QVERIFY(m_registry.find("time.now_ns")->nondeterministic);
    }

    void aggregates()
    {
        table("count", {{"[[1,2,3]]", "3"},
                        {"[\"åäö\"]", "3"},
                        {"[{\"a\":1}]", "1"},
                        {"[5]", "eval_type_error: count: operand 1 must be one of {array, object, set, string} "
                                "but got number"},
                        {"[null]", "eval_type_error: count: operand 1 must be one of {array, object, set, string} "
                                   "but got null"}});
        table("sum", {{"[[1,2,3.5]]", "6.5"},
                      {"[[49649733057,1]]", "49649733058"},
                      {"[[1,\"a\"]]", "eval_type_error: sum: operand 1 must be array of numbers but got array "
                                      "containing string"},
                      {"[\"x\"]", "eval_type_error: sum: operand 1 must be one of {set, array} but got string"}});
        table("product", {{"[[1,2,3,4]]", "24"}, {"[[]]", "1"}});
        table("max", {{"[[1,3,2]]", "3"}, {"[[]]", "undefined"}, {"[[1,\"a\"]]", "\"a\""}});
        table("min", {{"[[2,1,1]]", "1"}, {"[[]]", "undefined"}});
        table("sort", {{"[[3,\"a\",1,null]]", "[null, 1, 3, \"a\"]"}});
        QCOMPARE(eval("sum", {setOf({"1", "2", "3"})}), QStringLiteral("6"));
        QCOMPARE(eval("sort", {setOf({"3", "1"})}), QStringLiteral("[1, 3]"));
    }

    void numbers()
    {
        table("abs", {{"[-10]", "10"},
                      {"[-1.5]", "1.5"},
                      {"[\"1\"]", "eval_type_error: abs: operand 1 must be "
                                  "number but got string"}});
        table("round", {{"[1.5]", "2"}, {"[-1.5]", "-2"}, {"[2.4]", "2"}});
        table("ceil", {{"[1.01]", "2"}, {"[-1.99999]", "-1"}, {"[1]", "1"}});
        table("floor", {{"[-1.001]", "-2"}, {"[99.99999]", "99"}});
        table("numbers.range", {{"[-2,2]", "[-2, -1, 0, 1, 2]"},
                                {"[2,-1]", "[2, 1, 0, -1]"},
                                {"[3.14,4]", "eval_type_error: numbers.range: operand 1 must be integer number but "
                                             "got floating-point number"}});
        table("numbers.range",
              {{"[0,2000000]", "eval_builtin_error: numbers.range: range of 2000001 items is too large"}});
        table("numbers.range_step", {{"[0,10,4]", "[0, 4, 8]"},
                                     {"[0,1,0]", "eval_builtin_error: numbers.range_step: step must be a positive "
                                                 "integer"}});
        table("to_number", {{"[\"-42.0\"]", "-42"},
                            {"[true]", "1"},
                            {"[null]", "0"},
                            {"[\"broken\"]", "eval_builtin_error: to_number: strconv.ParseFloat: parsing \"broken\": "
                                             "invalid syntax"},
                            {"[\"inf\"]", "eval_type_error: to_number: operand 1 must be valid number string but got "
                                          "string"},
                            {"[[1]]", "eval_type_error: to_number: operand 1 must be one of {null, boolean, number, "
                                      "string} but got array"}});
        table("units.parse_bytes",
              {{"[\"1KB\"]", "1000"},
               {"[\"2KiB\"]", "2048"},
               {"[\"1.5mb\"]", "1500000"},
               {"[\"foo\"]", "eval_builtin_error: units.parse_bytes: no byte amount provided"},
               {"[\"1 kb\"]", "eval_builtin_error: units.parse_bytes: spaces not allowed in "
                              "resource strings"},
               {"[\"1xb\"]", "eval_builtin_error: units.parse_bytes: byte unit xb not recognized"}});
        table("units.parse", {{"[\"10m\"]", "0.01"}, {"[\"2Ki\"]", "2048"}, {"[\"3M\"]", "3000000"}});
        table("bits.and", {{"[12,10]", "8"}});
        table("bits.lsh", {{"[1,4]", "16"}});
    }

    void types()
    {
        table("type_name", {{"[null]", "\"null\""}, {"[1]", "\"number\""}, {"[{\"a\":1}]", "\"object\""}});
        table("is_number", {{"[1.5]", "true"}, {"[\"1\"]", "false"}});
        table("is_null", {{"[null]", "true"}, {"[false]", "false"}});
        QCOMPARE(eval("is_set", {Value::emptySet()}), QStringLiteral("true"));
        QCOMPARE(eval("type_name", {Value::emptySet()}), QStringLiteral("\"set\""));
    }

    void strings()
    {
        table("concat", {{"[\"/\",[\"\",\"a\",\"b\"]]", "\"/a/b\""},
                         {"[\"/\",[\"a\",1]]", "eval_type_error: concat: operand 2 must be array of strings but got "
                                               "array containing number"},
                         {"[\"/\",\"x\"]", "eval_type_error: concat: operand 2 must be one of {set, array} but got "
                                           "string"}});
        table("contains", {{"[\"abc\",\"bc\"]", "true"},
                           {"[\"abc\",1]", "eval_type_error: contains: operand 2 must "
                                           "be string but got number"}});
        table("upper", {{"[\"åbc\"]", "\"ÅBC\""}});
        table("split", {{"[\"a.b.c\",\".\"]", "[\"a\", \"b\", \"c\"]"},
                        {"[\"\",\",\"]", "[\"\"]"},
                        {"[\"åb\",\"\"]", "[\"å\", \"b\"]"}});
        table("replace", {{"[\"foo...bar\",\"..\",\",,\"]", "\"foo,,.bar\""}, {"[\"ab\",\"\",\"-\"]", "\"-a-b-\""}});
        table("trim", {{"[\"¡¡¡foo, bar!!!\",\"!¡\"]", "\"foo, bar\""}});
        table("trim_left", {{"[\"xxaxx\",\"x\"]", "\"axx\""}});
        table("trim_right", {{"[\"xxaxx\",\"x\"]", "\"xxa\""}});
        table("trim_prefix", {{"[\"foobar\",\"foo\"]", "\"bar\""}, {"[\"foobar\",\"bar\"]", "\"foobar\""}});
        table("trim_suffix", {{"[\"foobar\",\"bar\"]", "\"foo\""}});
        table("trim_space", {{"[\" \\t\\n foo \\u00a0\"]", "\"foo\""}});
        table("substring", {{"[\"abcdefgh\",2,3]", "\"cde\""},
                            {"[\"aåäö\",2,-1]", "\"äö\""},
                            {"[\"aaa\",3,-1]", "\"\""},
                            {"[\"abc\",-1,1]", "eval_builtin_error: substring: negative offset"},
                            {"[\"abc\",1.5,1]", "eval_type_error: substring: operand 2 must be integer number but "
                                                "got floating-point number"}});
        table("indexof", {{"[\"skön var våren\",\"vår\"]", "9"},
                          {"[\"μ\",\"μμ\"]", "-1"},
                          {"[\"a\",\"\"]", "eval_builtin_error: indexof: empty search character"}});
        table("indexof_n", {{"[\"dogcatdogcat\",\"cat\"]", "[3, 9]"}, {"[\"aaa\",\"aa\"]", "[0, 1]"}});
        table("format_int", {{"[15.5,16]", "\"f\""},
                             {"[-3.9,10]", "\"-3\""},
                             {"[10,2]", "\"1010\""},
                             {"[1,3]", "eval_type_error: format_int: operand 2 must be one of {2, 8, 10, 16}"}});
        table("strings.reverse", {{"[\"1😀𝛾\"]", "\"𝛾😀1\""},
                                  {"[123]", "eval_type_error: strings.reverse: operand 1 must be string but got "
                                            "number"}});
        table("strings.count", {{"[\"cheese\",\"e\"]", "3"}, {"[\"five\",\"\"]", "5"}});
        table("strings.replace_n",
              {{"[{\"f\":\"x\",\"foo\":\"xxx\"},\"foobar\"]", "\"xoobar\""},
               {"[{\"<\":\"&lt;\",\">\":\"&gt;\"},\"<b>\"]", "\"&lt;b&gt;\""},
               {"[{\"f\":1},\"foo\"]", "eval_type_error: strings.replace_n: operand 1 non-string "
                                       "value found in pattern object"},
               {"[{\"f\":\"x\"},1]", "eval_type_error: strings.replace_n: operand 2 must be string "
                                     "but got number"}});
        table("strings.any_prefix_match", {{"[[\"a/b\",\"c\"],\"c\"]", "true"},
                                           {"[\"a/b\",[\"x\",\"a/\"]]", "true"},
                                           {"[[1],\"a\"]", "eval_type_error: strings.any_prefix_match: operand 1 must "
                                                           "be array of strings but got array containing number"},
                                           {"[1,\"a\"]", "eval_type_error: strings.any_prefix_match: operand 1 must "
                                                         "be one of {string, set, array} but got number"}});
        table("strings.any_suffix_match", {{"[[\"a/b\"],[\"/b\"]]", "true"}, {"[[],[]]", "false"}});
    }

    void sprintfFormats()
    {
        table("sprintf", {{"[\"hi %s\",[\"there\"]]", "\"hi there\""},
                          {"[\"%02d|%5.2f|%-4s|\",[5,3.14159,\"ab\"]]", "\"05| 3.14|ab  |\""},
                          {"[\"%v\",[[\"there\",5,3.14]]]", "\"[\\\"there\\\", 5, 3.14]\""},
                          {"[\"%s\",[true]]", "\"true\""},
                          {"[\"%d\",[\"x\"]]", "\"%!d(string=x)\""},
                          {"[\"%s\",[5]]", "\"%!s(int=5)\""},
                          {"[\"%x %X %o %b\",[255,255,8,5]]", "\"ff FF 10 101\""},
                          {"[\"%d %d\",[1]]", "\"1 %!d(MISSING)\""},
                          {"[\"%d\",[1,2]]", "\"1%!(EXTRA int=2)\""},
                          {"[\"%q\",[\"a\\\"b\"]]", "\"\\\"a\\\\\\\"b\\\"\""},
                          {"[\"%v\",[1234567.5]]", "\"1.2345675e+06\""},
                          {"[\"100%%\",[]]", "\"100%\""},
                          {"[\"%s\",123456789123456789123]", "eval_type_error: sprintf: operand 2 must be array but "
                                                             "got number"}});
        table("sprintf",
              {{"[\"%s\",[123456789123456789123]]", "\"123456789123456789123\""}, {"[\"%v\",[2e308]]", "\"2e308\""}});
    }

    void regex()
    {
        table("regex.match",
              {{"[\"^[a-z]+\\\\[[0-9]+\\\\]$\",\"foo[1]\"]", "true"},
               {"[\"^a$\",\"a\\n\"]", "false"},
               {"[\"[\",\"a\"]", "eval_builtin_error: regex.match: error parsing regexp: missing closing ]: `[`"}});
        table("regex.is_valid", {{"[\"++\"]", "false"},
                                 {"[\".+\"]", "true"},
                                 {"[10]", "false"},
                                 {"[\"(a)\\\\1\"]", "false"},
                                 {"[\"(?=a)\"]", "false"},
                                 {"[\"a*+\"]", "false"}});
        table("regex.split", {{"[\"a\",\"banana\"]", "[\"b\", \"n\", \"n\", \"\"]"},
                              {"[\"z+\",\"pizza\"]", "[\"pi\", \"a\"]"},
                              {"[\"x\",\"\"]", "[\"\"]"}});
        table("regex.find_n", {{"[\"a.\",\"paranormal\",-1]", "[\"ar\", \"an\", \"al\"]"},
                               {"[\"a.\",\"paranormal\",2]", "[\"ar\", \"an\"]"},
                               {"[\"a*\",\"baaac\",-1]", "[\"\", \"aaa\", \"\"]"}});
        table("regex.find_all_string_submatch_n",
              {{"[\"a(x*)b\",\"-ab-axb-\",-1]", "[[\"ab\", \"\"], [\"axb\", \"x\"]]"},
               {"[\"[^aouiye]([aouiye])([^aouiye])?\",\"somestri\",1]", "[[\"som\", \"o\", \"m\"]]"}});
        table("regex.replace", {{"[\"-wy-wxxy-\",\"w(x*)y\",\"0\"]", "\"-0-0-\""},
                                {"[\"foo\",\"(foo)\",\"$1$1\"]", "\"foofoo\""},
                                {"[\"foo\",\"(fo)(o)\",\"${2}x$1x\"]", "\"ox\""},
                                {"[\"abc\",\"\",\"-\"]", "\"-a-b-c-\""},
                                {"[\"foo\",\"[\",\"$1\"]",
                                 "eval_builtin_error: regex.replace: error parsing regexp: missing closing ]: `[`"}});
    }

    void glob()
    {
        table("glob.match", {{"[\"*.github.com\",[\".\"],\"api.github.com\"]", "true"},
                             {"[\"*.github.com\",[\".\"],\"api.cdn.github.com\"]", "false"},
                             {"[\"api.**.com\",[\".\"],\"api.cdn.github.com\"]", "true"},
                             {"[\"*\",[],\"foo.bar\"]", "false"},
                             {"[\"*\",null,\"foo.bar\"]", "true"},
                             {"[\"[!a-c]at\",[],\"bat\"]", "false"},
                             {"[\"{cat,bat,[fr]at}\",[],\"rat\"]", "true"},
                             {"[\"?at\",[\"f\"],\"fat\"]", "false"},
                             {"[\"a\",1,\"a\"]", "eval_type_error: glob.match: operand 2 must be one of {array, null} "
                                                 "but got number"}});
        table("glob.quote_meta", {{"[\"*.github.com\"]", "\"\\\\*.github.com\""}});
    }

    void objects()
    {
        table("object.get", {{"[{\"a\":\"b\"},\"a\",\"c\"]", "\"b\""},
                             {"[{\"a\":{\"b\":[{\"c\":1}]}},[\"a\",\"b\",0,\"c\"],2]", "1"},
                             {"[{\"a\":1},[],2]", "{\"a\": 1}"},
                             {"[\"x\",[\"a\"],2]", "eval_type_error: object.get: operand 1 must be object but got "
                                                   "string"}});
        table("object.keys", {{"[{\"a\":1,\"b\":2}]", "{\"a\", \"b\"}"}});
        table("object.union",
              {{"[{\"a\":{\"b\":{\"c\":1}},\"e\":1},{\"a\":{\"b\":\"foo\",\"b1\":\"bar\"},\"d\":7,\"e\":17}]",
                "{\"a\": {\"b\": \"foo\", \"b1\": \"bar\"}, \"d\": 7, \"e\": 17}"},
               {"[[1],{}]", "eval_type_error: object.union: operand 1 must be object but got "
                            "array"}});
        table("object.union_n", {{"[[{\"a\":1},{\"a\":{\"x\":1}},{\"a\":{\"y\":2}}]]", "{\"a\": {\"x\": 1, \"y\": 2}}"},
                                 {"[[{},\"x\"]]", "eval_type_error: object.union_n: operand 1 must be array of objects "
                                                  "but got array containing string"}});
        table("object.remove",
              {{"[{\"a\":1,\"b\":2,\"d\":4},[\"d\",\"b\"]]", "{\"a\": 1}"},
               {"[{\"a\":1},\"x\"]", "eval_type_error: object.remove: operand 2 must be one of {object, "
                                     "set, array} but got string"}});
        table("object.filter", {{"[{\"a\":1,\"b\":2,\"e\":9},{\"a\":\"x\",\"e\":\"\"}]", "{\"a\": 1, \"e\": 9}"}});
        table("object.subset", {{"[[1,2,3,4],[2,3]]", "true"},
                                {"[[1,2,3,4],[2,4]]", "false"},
                                {"[{\"a\":{\"x\":1,\"y\":2}},{\"a\":{\"x\":1}}]", "true"}});
        QCOMPARE(eval("object.subset", {json("[1,2,3]"), setOf({"3", "1"})}), QStringLiteral("true"));
        QCOMPARE(eval("object.subset", {setOf({"1"}), json("[1]")}),
                 QStringLiteral("eval_type_error: object.subset: both arguments object.subset must be of the same "
                                "type or array and set"));
    }

    void sets()
    {
        QCOMPARE(eval("union", {Value::set({setOf({"1", "2"}), setOf({"2", "3"})})}), QStringLiteral("{1, 2, 3}"));
        QCOMPARE(eval("intersection", {Value::set({setOf({"1", "2"}), setOf({"2", "3"})})}), QStringLiteral("{2}"));
        QCOMPARE(eval("union", {Value::emptySet()}), QStringLiteral("set()"));
        QCOMPARE(eval("union", {json("[1]")}),
                 QStringLiteral("eval_type_error: union: operand 1 must be set but got array"));
    }

    void arrays()
    {
        table("array.concat", {{"[[1],[2]]", "[1, 2]"},
                               {"[{},[]]", "eval_type_error: array.concat: operand 1 must be array but got object"}});
        table("array.slice",
              {{"[[1,2,3,4,5],1,3]", "[2, 3]"}, {"[[1,2,3,4,5],-1,2]", "[1, 2]"}, {"[[1,2,3],3,1]", "[]"}});
        table("array.reverse", {{"[[1,2,3]]", "[3, 2, 1]"}});
    }

    void jsonFunctions()
    {
        table("json.marshal", {{"[{\"b\":[1,2],\"a\":null}]", "\"{\\\"a\\\":null,\\\"b\\\":[1,2]}\""}});
        table("json.marshal_with_options",
              {{"[{\"foo\":\"bar\",\"bar\":\"baz\"},{\"prefix\":\"> \"}]",
                "\"> {\\n> \\t\\\"bar\\\": \\\"baz\\\",\\n> \\t\\\"foo\\\": \\\"bar\\\"\\n> }\""},
               {"[[],{\"indent\":\"  \",\"prefix\":\"-\"}]", "\"-[]\""},
               {"[[1],{\"pretty\":false,\"indent\":\"x\"}]", "\"[1]\""},
               {"[[1],{\"bad\":1}]", "eval_type_error: json.marshal_with_options: operand 2 object contained unknown "
                                     "key \"bad\""}});
        table("json.unmarshal", {{"[\"{\\\"a\\\":[1,2.5]}\"]", "{\"a\": [1, 2.5]}"},
                                 {"[1]", "eval_type_error: json.unmarshal: operand 1 must be string but got number"}});
        table("json.is_valid", {{"[\"{\"]", "false"}, {"[\"[1]\"]", "true"}, {"[1]", "false"}});
        table("json.remove",
              {{"[{\"a\":{\"b\":{\"c\":7,\"d\":8}},\"e\":9},[\"a/b/c\",\"e\"]]", "{\"a\": {\"b\": {\"d\": 8}}}"},
               {"[{\"a\":[{\"b\":7,\"c\":8},{\"d\":9}]},[\"a/0/b\",\"a/1\"]]", "{\"a\": [{\"c\": 8}]}"},
               {"[{\"a\":1},[1]]", "eval_type_error: json.remove: operand 2 must be one of {set, array} "
                                   "containing string paths or array of path segments but got number"},
               {"[\"x\",[]]", "eval_type_error: json.remove: operand 1 must be object but got string"}});
        table("json.filter",
              {{"[{\"a\":{\"b\":{\"c\":7,\"d\":8}},\"e\":9},[\"a/b/c\",\"e\"]]",
                "{\"a\": {\"b\": {\"c\": 7}}, \"e\": 9}"},
               {"[{\"a\":[{\"b\":7,\"c\":8},{\"d\":9}]},[\"a/0/b\",\"a/1\"]]", "{\"a\": [{\"b\": 7}, {\"d\": 9}]}"},
               {"[{\"a\":{\"b\":7}},[\"a\",\"a/b\"]]", "{\"a\": {\"b\": 7}}"}});
        table("yaml.unmarshal", {{"[\"a: [1, 2]\\nb: x\\n\"]", "{\"a\": [1, 2], \"b\": \"x\"}"},
                                 {"[\"[1,2,3\"]", "eval_builtin_error: yaml.unmarshal: yaml: line 1: did not find "
                                                  "expected ',' or ']'"}});
        table("yaml.is_valid", {{"[\"a: 1\"]", "true"}, {"[\"a: {\"]", "false"}, {"[1]", "false"}});
        table("json.patch",
              {{"[{\"foo\":\"bar\"},[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]]",
                "{\"baz\": \"qux\", \"foo\": \"bar\"}"},
               {"[[1,2,3],[{\"op\":\"add\",\"path\":\"1.2\",\"value\":\"foo\"}]]", "eval_builtin_error: json.patch: "
                                                                                   "invalid array index"}});
    }

    void walkRelation()
    {
        QCOMPARE(eval("walk", {json("{\"a\":[1]}")}),
                 QStringLiteral("[[[], {\"a\": [1]}], [[\"a\"], [1]], [[\"a\", 0], 1]]"));
    }

    void encodings()
    {
        table("base64.encode", {{"[\"subjects?_d\"]", "\"c3ViamVjdHM/X2Q=\""}});
        table("base64.decode",
              {{"[\"aGVsbG8=\"]", "\"hello\""},
               {"[\"aGVsbG8\"]", "eval_builtin_error: base64.decode: illegal base64 data at input "
                                 "byte 7"},
               {"[\"a*\"]", "eval_builtin_error: base64.decode: illegal base64 data at input byte 1"}});
        table("base64.is_valid", {{"[\"{'not':'base64'}\"]", "false"}, {"[\"aGVsbG8=\"]", "true"}});
        table("base64url.encode", {{"[\"\\u00fb\\u00ff\"]", "\"w7vDvw==\""}});
        table("base64url.encode_no_pad", {{"[\"hello\"]", "\"aGVsbG8\""}});
        table("base64url.decode", {{"[\"aGVsbG8\"]", "\"hello\""}, {"[\"w7vDvw==\"]", "\"ûÿ\""}});
        table("hex.encode", {{"[\"lorem ipsum\"]", "\"6c6f72656d20697073756d\""}});
        table("hex.decode",
              {{"[\"6c6f\"]", "\"lo\""},
               {"[\"fghijkl\"]", "eval_builtin_error: hex.decode: encoding/hex: invalid byte: U+0067 'g'"},
               {"[\"abc\"]", "eval_builtin_error: hex.decode: encoding/hex: odd length hex string"}});
        table("urlquery.encode", {{"[\"a=b+1 c\"]", "\"a%3Db%2B1+c\""}});
        table("urlquery.decode", {{"[\"a%3Db%2B1+c\"]", "\"a=b+1 c\""},
                                  {"[\"%zz\"]", "eval_builtin_error: urlquery.decode: invalid URL escape \"%zz\""}});
        table("urlquery.encode_object", {{"[{\"a\":[\"b+1\",\"c+2\"],\"0\":\"x\"}]", "\"0=x&a=b%2B1&a=c%2B2\""}});
        table("urlquery.decode_object",
              {{"[\"a=1&b&a=2\"]", "{\"a\": [\"1\", \"2\"], \"b\": [\"\"]}"}, {"[\"\"]", "{}"}});
        table("crypto.sha256",
              {{"[\"lorem ipsum\"]", "\"5e2bf57d3f40c4b6df69daf1936cb766f832374b4fc0259a7cbff06e2f70f269\""}});
        table("crypto.hmac.sha256",
              {{"[\"foo\",\"bar\"]", "\"147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851\""}});
        table("crypto.md5", {{"[\"\"]", "\"d41d8cd98f00b204e9800998ecf8427e\""}});
    }

    void randomValuesAreStablePerEvaluation()
    {
        const QString a = eval("uuid.rfc4122", {Value::string("k")});
        QVERIFY(QRegularExpression(
                    QStringLiteral("^\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"$"))
                    .match(a)
                    .hasMatch());
        QCOMPARE(eval("uuid.rfc4122", {Value::string("k")}), a);
        QVERIFY(eval("uuid.rfc4122", {Value::string("other")}) != a);
        const QString n = eval("rand.intn", {Value::string("k"), Value::integer(10)});
        QVERIFY(n.toInt() >= 0 && n.toInt() < 10);
        QCOMPARE(eval("rand.intn", {Value::string("k"), Value::integer(10)}), n);
        QCOMPARE(eval("rand.intn", {Value::string("k"), Value::integer(0)}), QStringLiteral("0"));
        QVERIFY(m_registry.find("uuid.rfc4122")->nondeterministic);
    }

    void net()
    {
        table("net.cidr_contains", {{"[\"10.0.0.0/8\",\"10.1.2.3\"]", "true"},
                                    {"[\"172.17.0.0/24\",\"172.17.0.0/16\"]", "false"},
                                    {"[\"2001:4860:4860::8888/32\",\"2001:4860:4860:1234::8888/40\"]", "true"},
                                    {"[\"10.0.0.0/8\",\"nope\"]", "eval_builtin_error: net.cidr_contains: not a valid "
                                                                  "textual representation of an IP address or CIDR: "
                                                                  "nope"}});
        table("net.cidr_intersects",
              {{"[\"192.168.1.0/24\",\"192.168.2.0/24\"]", "false"},
               {"[\"not-a-cidr\",\"192.168.1.0/24\"]", "eval_builtin_error: net.cidr_intersects: "
                                                       "invalid CIDR address: not-a-cidr"}});
        table("net.cidr_is_valid",
              {{"[\"192.168.1.2\"]", "false"}, {"[\"2002::1234:abcd:ffff:c0a8:101/64\"]", "true"}, {"[1]", "false"}});
        table("net.cidr_expand",
              {{"[\"192.168.1.1/30\"]", "{\"192.168.1.0\", \"192.168.1.1\", \"192.168.1.2\", \"192.168.1.3\"}"},
               {"[\"::/0\"]", "eval_builtin_error: net.cidr_expand: CIDR block holds more than "
                              "65536 addresses"}});
        table("net.cidr_contains_matches", {{"[[\"1.0.0.0/8\",\"2.0.0.0/8\"],{\"x\":\"1.2.3.4\"}]", "{[0, \"x\"]}"}});
    }

    void timeFunctions()
    {
        QCOMPARE(eval("time.now_ns", {}), QStringLiteral("1700000000123456789"));
        QCOMPARE(eval("opa.runtime", {}), QStringLiteral("{}"));
        table("time.parse_rfc3339_ns", {{"[\"2017-06-02T19:00:00-07:00\"]", "1496455200000000000"},
                                        {"[\"1677-09-21T00:12:43.145224192-00:00\"]", "-9223372036854775808"},
                                        {"[\"2262-04-11T23:47:16.854775808-00:00\"]",
                                         "eval_builtin_error: time.parse_rfc3339_ns: time outside of valid range"}});
        table("time.parse_ns",
              {{"[\"RFC822Z\",\"02 Jun 17 19:00 -0700\"]", "1496455200000000000"},
               {"[\"01/02 03:04:05PM '06 -0700\",\"06/02 07:00:00PM '17 -0700\"]", "1496455200000000000"},
               {"[\"2006-01-02\",\"2020-02-30\"]", "eval_builtin_error: time.parse_ns: parsing time "
                                                   "\"2020-02-30\": day out of range"}});
        table("time.parse_duration_ns",
              {{"[\"1h30m\"]", "5400000000000"},
               {"[\"100ms\"]", "100000000"},
               {"[\"1.5us\"]", "1500"},
               {"[\"1\"]", "eval_builtin_error: time.parse_duration_ns: time: missing unit in "
                           "duration \"1\""}});
        table("time.date",
              {{"[[1517814000000000000,\"America/Los_Angeles\"]]", "[2018, 2, 4]"},
               {"[1582977600000000000]", "[2020, 2, 29]"},
               {"[1.5829776e+21]", "eval_builtin_error: time.date: timestamp too big"},
               {"[[0,\"Nowhere/Land\"]]", "eval_builtin_error: time.date: unknown time zone Nowhere/Land"}});
        table("time.clock", {{"[1517832000000000000]", "[12, 0, 0]"}});
        table("time.weekday", {{"[1518350400000000000]", "\"Sunday\""}});
        table("time.add_date", {{"[1585852421593912000,-1,-1,-1]", "1551465221593912000"},
                                {"[-9223372036854775808,0,0,-1]", "eval_builtin_error: time.add_date: time outside of "
                                                                  "valid range"}});
        table("time.diff", {{"[1580601600000000000,1583020800000000000]", "[0, 0, 28, 0, 0, 0]"}});
        table("time.format",
              {{"[1670006453141828752]", "\"2022-12-02T18:40:53.141828752Z\""},
               {"[[1670006453141828752,\"Asia/Kolkata\",\"RFC1123Z\"]]", "\"Sat, 03 Dec 2022 00:10:53 +0530\""}});
    }

    void semver()
    {
        table("semver.is_valid", {{"[\"1.0.0\"]", "true"}, {"[\"1\"]", "false"}, {"[1]", "false"}});
        table("semver.compare", {{"[\"1.0.0\",\"2.0.0\"]", "-1"},
                                 {"[\"1.0.0-alpha\",\"1.0.0\"]", "-1"},
                                 {"[\"1\",\"1.0.0\"]", "eval_builtin_error: semver.compare: operand 1: string \"1\" is "
                                                       "not a valid SemVer"}});
    }
};

QTEST_GUILESS_MAIN(TestStandardBuiltins)
#include "TestStandardBuiltins.moc"
