// SPDX-License-Identifier: Apache-2.0
// The Go-compatible helpers behind the built-ins, tested on their own with edge cases:
// semver, CIDR, time layouts and durations, sprintf, glob, RE2 translation, JSON patch.
#include "policy/builtins/Cidr.h"
#include "policy/builtins/Glob.h"
#include "policy/builtins/GoFormat.h"
#include "policy/builtins/GoRegex.h"
#include "policy/builtins/GoTime.h"
#include "policy/builtins/JsonPatch.h"
#include "policy/builtins/Semver.h"
#include "policy/builtins/Yaml.h"

#include <QTest>

using namespace corral;
using namespace corral::policy;
using namespace corral::policy::builtins;

namespace {

Value json(const char* text)
{
    auto v = Value::fromJson(text);
    if (!v)
        qFatal("bad test JSON: %s", text);
    return *v;
}

std::int64_t parseNs(const char* layout, const char* value)
{
    auto t = goParseTime(resolveLayoutName(QString::fromLatin1(layout)), QString::fromUtf8(value));
    if (!t)
        qFatal("parse failed: %s", qPrintable(t.error().message));
    return *t->toUnixNanos();
}

} // namespace

class TestBuiltinHelpers : public QObject
{
    Q_OBJECT

private slots:
    void semverParseAndCompare()
    {
        auto v = parseSemver(QStringLiteral("v1.2.3-rc.1+build.5"));
        QVERIFY(v.ok());
        QCOMPARE(v->major, 1);
        QCOMPARE(v->patch, 3);
        QCOMPARE(v->preRelease, QStringLiteral("rc.1"));
        QCOMPARE(v->metadata, QStringLiteral("build.5"));
        QCOMPARE(parseSemver(QStringLiteral("1.2")).error().message,
                 QStringLiteral("1.2 should contain major, minor, and patch versions"));
        QCOMPARE(parseSemver(QStringLiteral("1.2.3-")).ok(), true); // an empty pre-release is no pre-release
        QCOMPARE(parseSemver(QStringLiteral("1.2.3-a..b")).error().message,
                 QStringLiteral("invalid pre-release identifier: a..b"));
        QVERIFY(!parseSemver(QStringLiteral("1.x.3")).ok());
        const auto cmp = [](const char* a, const char* b) {
            return compareSemver(*parseSemver(QString::fromLatin1(a)), *parseSemver(QString::fromLatin1(b)));
        };
        // SemVer 2.0 section 11 ordering.
        const char* ordered[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                 "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                 "1.0.0-rc.1",  "1.0.0",         "1.0.1",
                                 "1.1.0",       "2.0.0"};
        for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
            QCOMPARE(cmp(ordered[i], ordered[i + 1]), -1);
            QCOMPARE(cmp(ordered[i + 1], ordered[i]), 1);
        }
        QCOMPARE(cmp("1.0.0+a", "1.0.0+b"), 0);
    }

    void cidr()
    {
        auto n = parseCidr(QStringLiteral("192.168.1.77/26"));
        QVERIFY(n.ok());
        QCOMPARE(n->base.toString(), QStringLiteral("192.168.1.64"));
        QCOMPARE(n->last().toString(), QStringLiteral("192.168.1.127"));
        QCOMPARE(parseCidr(QStringLiteral("10.0.0.0/33")).error().message,
                 QStringLiteral("invalid CIDR address: 10.0.0.0/33"));
        QVERIFY(!parseCidr(QStringLiteral("010.0.0.0/8")).ok()); // leading zeros are rejected
        QVERIFY(!parseCidr(QStringLiteral("10.0.0.0")).ok());
        IpAddress ip;
        QVERIFY(parseIpAddress(QStringLiteral("2001:db8::1"), ip));
        QCOMPARE(ip.toString(), QStringLiteral("2001:db8::1"));
        QVERIFY(parseIpAddress(QStringLiteral("::ffff:10.1.2.3"), ip));
        QCOMPARE(ip.toString(), QStringLiteral("10.1.2.3"));
        QVERIFY(parseIpAddress(QStringLiteral("1:0:0:1:0:0:0:1"), ip));
        QCOMPARE(ip.toString(), QStringLiteral("1:0:0:1::1")); // the longest zero run is compressed
        QVERIFY(!parseIpAddress(QStringLiteral("1::2::3"), ip));
        QVERIFY(!parseIpAddress(QStringLiteral("1:2:3:4:5:6:7:8:9"), ip));
        QVERIFY(!parseIpAddress(QStringLiteral("256.1.1.1"), ip));

        const auto v6 = *parseCidr(QStringLiteral("fd1e:5bfe:8af3:9ddc::/64"));
        QVERIFY(cidrIntersects(v6, *parseCidr(QStringLiteral("fd1e:5bfe:8af3:9ddc:1111::/72"))));
        QVERIFY(!cidrIntersects(v6, *parseCidr(QStringLiteral("10.0.0.0/8"))));
        QVERIFY(
            cidrContainsNetwork(*parseCidr(QStringLiteral("10.0.0.0/8")), *parseCidr(QStringLiteral("10.1.0.0/24"))));
        QVERIFY(
            !cidrContainsNetwork(*parseCidr(QStringLiteral("10.1.0.0/24")), *parseCidr(QStringLiteral("10.0.0.0/8"))));

        auto all = cidrExpand(*parseCidr(QStringLiteral("2001:db8::/127")), 16);
        QCOMPARE(*all, QStringList({QStringLiteral("2001:db8::"), QStringLiteral("2001:db8::1")}));
        QVERIFY(!cidrExpand(*parseCidr(QStringLiteral("10.0.0.0/8")), 1000).ok());
    }

    void timeParsing()
    {
        QCOMPARE(parseNs("RFC3339", "1970-01-01T00:00:00Z"), 0);
        QCOMPARE(parseNs("RFC3339", "2017-06-02T19:00:00.5+02:00"), 1496422800500000000);
        QCOMPARE(parseNs("2006-01-02 15:04:05.000", "2020-01-01 00:00:00.123"), 1577836800123000000);
        QCOMPARE(parseNs("Jan _2 2006", "Feb  3 2021"), 1612310400000000000);
        QCOMPARE(parseNs("Monday, 02-Jan-06 15:04:05 MST", "Friday, 02-Jun-17 19:00:00 UTC"), 1496430000000000000);
        QCOMPARE(parseNs("3:04PM 2006-01-02", "12:30AM 2020-01-01"), 1577838600000000000);
        auto bad = goParseTime(resolveLayoutName(QStringLiteral("RFC3339")), QStringLiteral("2017-06-02"));
        QCOMPARE(bad.error().message, QStringLiteral("parsing time \"2017-06-02\" as \"2006-01-02T15:04:05Z07:00\": "
                                                     "cannot parse \"\" as \"T\""));
        QCOMPARE(goParseTime(QStringLiteral("2006-01-02"), QStringLiteral("2020-13-01")).error().message,
                 QStringLiteral("parsing time \"2020-13-01\": month out of range"));
        QCOMPARE(goParseTime(QStringLiteral("2006"), QStringLiteral("2020x")).error().message,
                 QStringLiteral("parsing time \"2020x\": extra text: \"x\""));
        // Out of int64 range: parsed, but not representable in nanoseconds.
        auto far =
            goParseTime(resolveLayoutName(QStringLiteral("RFC3339")), QStringLiteral("2262-04-11T23:47:16.854775808Z"));
        QVERIFY(far.ok());
        QCOMPARE(far->toUnixNanos().error().message, QStringLiteral("time outside of valid range"));
    }

    void timeFormattingAndZones()
    {
        const GoInstant t = GoInstant::fromUnixNanos(1670006453141828752);
        QCOMPARE(goFormatTime(t, GoZone::utc(), resolveLayoutName(QStringLiteral("RFC3339Nano"))),
                 QStringLiteral("2022-12-02T18:40:53.141828752Z"));
        const GoZone kolkata = *GoZone::load(QStringLiteral("Asia/Kolkata"));
        QCOMPARE(goFormatTime(t, kolkata, QStringLiteral("Mon Jan 02 15:04:05 -0700 2006")),
                 QStringLiteral("Sat Dec 03 00:10:53 +0530 2022"));
        QCOMPARE(goFormatTime(t, kolkata, resolveLayoutName(QStringLiteral("RFC3339Nano"))),
                 QStringLiteral("2022-12-03T00:10:53.141828752+05:30"));
        QCOMPARE(goFormatTime(t, GoZone::utc(), QStringLiteral("3:04:05.000pm Jan _2 '06 002")),
                 QStringLiteral("6:40:53.141pm Dec  2 '22 336"));
        QCOMPARE(GoZone::load(QStringLiteral("Mars/Olympus")).error().message,
                 QStringLiteral("unknown time zone Mars/Olympus"));

        // Civil fields in a zone with daylight saving time.
        const GoZone la = *GoZone::load(QStringLiteral("America/Los_Angeles"));
        const GoCivil c = toCivil(GoInstant::fromUnixNanos(1517814000000000000), la);
        QCOMPARE(c.year, 2018);
        QCOMPARE(c.day, 4);
        QCOMPARE(c.hour, 23);
        QCOMPARE(c.offset, -8 * 3600);
        QCOMPARE(weekdayName(toCivil(GoInstant::fromUnixNanos(0), GoZone::utc()).weekday), QStringLiteral("Thursday"));
        // Negative instants and dates before 1970.
        const GoCivil old = toCivil(GoInstant::fromUnixNanos(-1), GoZone::utc());
        QCOMPARE(old.year, 1969);
        QCOMPARE(old.second, 59);
        QCOMPARE(old.nanos, 999999999);
    }

    void timeArithmetic()
    {
        // Go normalises Jan 31 + 1 month to March 2 (2021 is not a leap year).
        const GoInstant jan31 = GoInstant::fromUnixNanos(parseNs("2006-01-02", "2021-01-31"));
        QCOMPARE(*goAddDate(jan31, GoZone::utc(), 0, 1, 0).toUnixNanos(), parseNs("2006-01-02", "2021-03-03"));
        QCOMPARE(*goAddDate(jan31, GoZone::utc(), -1, 0, -31).toUnixNanos(), parseNs("2006-01-02", "2019-12-31"));
        // Across the spring-forward transition a calendar day is 23 hours long.
        const GoZone la = *GoZone::load(QStringLiteral("America/Los_Angeles"));
        const GoInstant noon = GoInstant::fromUnixNanos(1615665600LL * 1000000000);
        QCOMPARE(goAddDate(noon, la, 0, 0, 1).seconds, 1615748400LL);
        QCOMPARE(goFormatTime(goAddDate(noon, la, 0, 0, 1), la, QStringLiteral("2006-01-02 15:04 MST")),
                 QStringLiteral("2021-03-14 12:00 PDT"));
        const auto diff = goTimeDiff(GoInstant::fromUnixNanos(parseNs("2006-01-02", "2004-02-29")),
                                     GoInstant::fromUnixNanos(parseNs("2006-01-02", "2005-03-01")), GoZone::utc());
        QCOMPARE(diff, (std::array<std::int64_t, 6>{1, 0, 1, 0, 0, 0}));

        QCOMPARE(*goParseDuration(QStringLiteral("-1.5h")), -5400000000000);
        QCOMPARE(*goParseDuration(QStringLiteral("0")), 0);
        QCOMPARE(*goParseDuration(QStringLiteral("1h2m3s4ms5us6ns")), 3723004005006);
        QCOMPARE(*goParseDuration(QString::fromUtf8("3\u00b5s")), 3000);
        QCOMPARE(goParseDuration(QStringLiteral("")).error().message, QStringLiteral("time: invalid duration \"\""));
        QCOMPARE(goParseDuration(QStringLiteral("3x")).error().message,
                 QStringLiteral("time: unknown unit \"x\" in duration \"3x\""));
        QCOMPARE(goParseDuration(QStringLiteral("9999999999h")).error().message,
                 QStringLiteral("time: invalid duration \"9999999999h\""));
    }

    void sprintfVerbs()
    {
        const auto f = [](const char* format, const char* args) {
            return QString::fromStdString(goSprintf(format, json(args).asArray()));
        };
        QCOMPARE(f("%5d|%-5d|%+d|% d|%05d", "[42,42,42,42,-42]"), QStringLiteral("   42|42   |+42| 42|-0042"));
        QCOMPARE(f("%.2f|%8.3f|%e|%g|%G", "[3.14159,2.5,1234.5,0.00001,1e-7]"),
                 QStringLiteral("3.14|   2.500|1.234500e+03|1e-05|1E-07"));
        QCOMPARE(f("%v|%v|%v", "[0.1,100000.5,1e21]"), QStringLiteral("0.1|100000.5|1e+21"));
        QCOMPARE(f("%#x|%#o|%x", "[255,8,\"hi\"]"), QStringLiteral("0xff|010|6869"));
        QCOMPARE(f("%.3s|%5s|%-5s|%05s", "[\"abcdef\",\"ab\",\"ab\",\"ab\"]"), QStringLiteral("abc|   ab|ab   |000ab"));
        QCOMPARE(f("%t|%f", "[true,1]"), QStringLiteral("%!t(string=true)|%!f(int=1)"));
        QCOMPARE(f("%v %v", "[null,{\"a\":[1]}]"), QStringLiteral("null {\"a\": [1]}"));
        QCOMPARE(f("%c%c|%U", "[72,105,9731]"), QStringLiteral("Hi|U+2603"));
        QCOMPARE(f("end%", "[]"), QStringLiteral("end%!(NOVERB)"));
        QCOMPARE(f("%0-4d|%T %T %T", "[7,1,1.5,\"s\"]"), QStringLiteral("7   |int float64 string"));
        QCOMPARE(f("%[2]s %[1]s|%[3]d", "[\"a\",\"b\"]"), QStringLiteral("b a|%!d(BADINDEX)"));
        QCOMPARE(QString::fromStdString(goQuote("tab\there\x01")), QStringLiteral("\"tab\\there\\x01\""));
        QCOMPARE(QString::fromStdString(goFormatFloatShortest(123456789.0)), QStringLiteral("1.23456789e+08"));
        QCOMPARE(QString::fromStdString(goFormatFloatShortest(-0.0001)), QStringLiteral("-0.0001"));
    }

    void globs()
    {
        const QList<char32_t> dot{U'.'};
        const auto m = [&](const char* p, const char* s, const QList<char32_t>& d) {
            auto r = globMatch(QString::fromUtf8(p), d, QString::fromUtf8(s));
            if (!r)
                qFatal("glob error: %s", qPrintable(r.error().message));
            return *r;
        };
        QVERIFY(m("*.github.com", "api.github.com", dot));
        QVERIFY(!m("*.github.com", "a.b.github.com", dot));
        QVERIFY(m("**.github.com", "a.b.github.com", dot));
        QVERIFY(m("a?c", "abc", dot));
        QVERIFY(!m("a?c", "a.c", dot));
        QVERIFY(m("a?c", "a.c", {}));
        QVERIFY(m("{a,b{c,d}}x", "bdx", dot));
        QVERIFY(!m("{a,b{c,d}}x", "bx", dot));
        QVERIFY(m("[a-c][!x]", "bz", dot));
        QVERIFY(m("\\*lit\\?", "*lit?", dot));
        QVERIFY(!m("\\*lit", "xlit", dot));
        QVERIFY(m("a+b(c)", "a+b(c)", dot)); // regex metacharacters are literal in globs
        QVERIFY(m("é*", "éß", dot));
        QVERIFY(!globMatch(QStringLiteral("[abc"), dot, QStringLiteral("a")).ok());
        QVERIFY(!globMatch(QStringLiteral("{a,b"), dot, QStringLiteral("a")).ok());
        QCOMPARE(globMatch(QString(100000, QLatin1Char('{')), dot, QStringLiteral("a")).error().message.left(30),
                 QStringLiteral("alternatives nested too deeply"));
        QCOMPARE(globQuoteMeta(QStringLiteral("{a}*[b]?\\")), QStringLiteral("\\{a\\}\\*\\[b\\]\\?\\\\"));
    }

    void regexTranslation()
    {
        QCOMPARE(*translateGoRegex(QStringLiteral("a$")), QStringLiteral("a\\z"));
        QCOMPARE(*translateGoRegex(QStringLiteral("(?m)a$")), QStringLiteral("(?m)a$"));
        QCOMPARE(*translateGoRegex(QStringLiteral("[$]\\s\\v")), QStringLiteral("[$][\\t\\n\\f\\r ]\\x0B"));
        QCOMPARE(*translateGoRegex(QStringLiteral("[]a]")), QStringLiteral("[\\]a]"));
        QCOMPARE(*translateGoRegex(QStringLiteral("(?P<x>a)(?i:b)")), QStringLiteral("(?P<x>a)(?i:b)"));
        QCOMPARE(translateGoRegex(QStringLiteral("(a)\\1")).error().message,
                 QStringLiteral("error parsing regexp: invalid escape sequence: `\\1`"));
        QCOMPARE(translateGoRegex(QStringLiteral("(?<=a)b")).error().message,
                 QStringLiteral("error parsing regexp: invalid or unsupported Perl syntax: `(?<`"));
        QVERIFY(!translateGoRegex(QStringLiteral("a{1001}")).ok());
        QVERIFY(!translateGoRegex(QStringLiteral("a++")).ok());
        QVERIFY(!translateGoRegex(QStringLiteral("\\Z")).ok());
        QVERIFY(!compileGoRegex(QStringLiteral("(")).ok());

        const auto re = *compileGoRegex(QStringLiteral("a*"));
        // Go drops the empty match that abuts the previous match.
        QCOMPARE(goSplit(re, QStringLiteral("baaac"), -1), QStringList({QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(goReplaceAll(re, QStringLiteral("baaac"), QStringLiteral("<$0>")), QStringLiteral("<>b<aaa>c<>"));
        const auto named = *compileGoRegex(QStringLiteral("(?P<first>\\w+) (?P<last>\\w+)"));
        QCOMPARE(goReplaceAll(named, QStringLiteral("ada lovelace"), QStringLiteral("${last}, $first $$ $9 $")),
                 QStringLiteral("lovelace, ada $  $"));
        const auto emoji = *compileGoRegex(QStringLiteral(""));
        QCOMPARE(goFindAll(emoji, QString::fromUtf8("😀a"), -1).size(), std::size_t(3));
    }

    void yaml()
    {
        const auto y = [](const char* text) -> QString {
            auto r = parseYaml(text);
            return r ? QString::fromStdString(r->toString()) : QStringLiteral("error: ") + r.error().message;
        };
        QCOMPARE(y("foo:\n   - qux: bar\n   - baz: 2\n"), QStringLiteral(R"x({"foo": [{"qux": "bar"}, {"baz": 2}]})x"));
        QCOMPARE(y("{\"json\": \"ok\"}"), QStringLiteral(R"x({"json": "ok"})x"));
        QCOMPARE(y("foo:\n   - qux: bar\n   - baz: {"),
                 QStringLiteral("error: yaml: line 3: did not find expected ',' or '}'"));
        QCOMPARE(y("[1,2,3"), QStringLiteral("error: yaml: line 1: did not find expected ',' or ']'"));
        QCOMPARE(y("# config\n---\na: 1 # one\nb: [x, 'y z', \"q\\n\"]\nc:\n- true\n- ~\n- 1.5\nd: yes\n"),
                 QStringLiteral(R"x({"a": 1, "b": ["x", "y z", "q\n"], "c": [true, null, 1.5], "d": true})x"));
        QCOMPARE(y("text: |\n  line one\n  line two\nfold: >-\n  a\n  b\nafter: 1\n"),
                 QStringLiteral(R"x({"after": 1, "fold": "a b", "text": "line one\nline two\n"})x"));
        QCOMPARE(y("outer:\n  inner:\n    - a\n    - b\n  other: x\n"),
                 QStringLiteral(R"x({"outer": {"inner": ["a", "b"], "other": "x"}})x"));
        QCOMPARE(y("- - 1\n  - 2\n- k: v\n  j: w\n"), QStringLiteral(R"x([[1, 2], {"j": "w", "k": "v"}])x"));
        QCOMPARE(y("a: *ref"), QStringLiteral("error: yaml: line 1: anchors, aliases and tags are not supported"));
        QCOMPARE(y(""), QStringLiteral("null"));
        QCOMPARE(y(std::string(100000, '[').c_str()), QStringLiteral("error: yaml: line 1: exceeded max depth"));
    }

    void jsonPatch()
    {
        const auto patch = [](const char* doc, const char* ops) -> QString {
            auto r = applyJsonPatch(json(doc), json(ops).asArray());
            return r ? QString::fromStdString(r->toJson()) : QStringLiteral("error: ") + r.error().message;
        };
        QCOMPARE(
            patch(R"j({"foo":["all","grass","cows","eat"]})j", R"j([{"op":"move","from":"/foo/1","path":"/foo/3"}])j"),
            QStringLiteral(R"j({"foo":["all","cows","eat","grass"]})j"));
        QCOMPARE(patch(R"j([1,2])j", R"j([{"op":"add","path":"/-","value":3}])j"), QStringLiteral("[1,2,3]"));
        QCOMPARE(
            patch(
                R"j({"":1,"a/b":2,"m~n":3})j",
                R"j([{"op":"test","path":"/","value":1},{"op":"remove","path":"/a~1b"},{"op":"replace","path":"/m~0n","value":4}])j"),
            QStringLiteral(R"j({"":1,"m~n":4})j"));
        QCOMPARE(patch(R"j({"a":1})j", R"j([{"op":"copy","from":"/a","path":"/b"}])j"),
                 QStringLiteral(R"j({"a":1,"b":1})j"));
        QCOMPARE(patch(R"j({})j", R"j([{"op":"add","path":"","value":[]}])j"), QStringLiteral("[]"));
        QCOMPARE(patch(R"j(["a","b"])j", R"j([{"op":"test","path":"/01","value":"b"}])j"),
                 QStringLiteral("error: test failed")); // "01" is not an array index
        QCOMPARE(patch(R"j({"q":{}})j", R"j([{"op":"add","path":"/a/b","value":1}])j"),
                 QStringLiteral("error: path does not exist"));
        QCOMPARE(patch(R"j({"baz":"qux"})j", R"j([{"op":"test","path":"/baz","value":"bar"}])j"),
                 QStringLiteral("error: test failed"));
        QCOMPARE(patch(R"j({"a":1})j", R"j([{"op":"spam","path":"/a"}])j"),
                 QStringLiteral("error: unrecognized op 'spam'"));
        QCOMPARE(patch(R"j([1])j", R"j([{"op":"add","path":"/-"}])j"),
                 QStringLiteral("error: missing 'value' parameter"));
        QCOMPARE(patch(R"j({"a":{"b":1}})j", R"j([{"op":"move","from":"/a","path":"/a/c"}])j"),
                 QStringLiteral("error: cannot move a value into one of its children"));

        // Set members are addressed by themselves.
        ValueVector members{Value::string("a"), Value::string("b")};
        const Value doc = Value::object({{Value::string("s"), Value::set(members)}});
        auto added = applyJsonPatch(doc, json(R"j([{"op":"add","path":"/s/c","value":"c"}])j").asArray());
        QCOMPARE(QString::fromStdString(added->toString()), QStringLiteral(R"j({"s": {"a", "b", "c"}})j"));
        QVERIFY(!applyJsonPatch(doc, json(R"j([{"op":"add","path":"/s/c","value":"d"}])j").asArray()).ok());
        auto removed = applyJsonPatch(doc, json(R"j([{"op":"remove","path":"s/a"}])j").asArray());
        QCOMPARE(QString::fromStdString(removed->toString()), QStringLiteral(R"j({"s": {"b"}})j"));
    }
};

QTEST_GUILESS_MAIN(TestBuiltinHelpers)
#include "TestBuiltinHelpers.moc"
