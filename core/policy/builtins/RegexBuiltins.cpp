// SPDX-License-Identifier: Apache-2.0
// regex.* (Go RE2 semantics over PCRE2) and glob.* built-ins.
#include "BuiltinSupport.h"
#include "Glob.h"
#include "GoRegex.h"

namespace corral::policy::builtins {

namespace {

using Args = std::span<const Value>;

std::optional<Error> requireStrings(std::string_view name, Args a, std::initializer_list<int> operands)
{
    for (int i : operands)
        if (!a[i].isString())
            return builtinTypeError(name, i + 1, "string", a[i]);
    return std::nullopt;
}

Result<QRegularExpression> compile(std::string_view name, const Value& pattern)
{
    auto re = compileGoRegex(qs(pattern.asString()));
    if (!re)
        return builtinError(name, re.error().message);
    return re;
}

Value stringArray(const QStringList& items)
{
    ValueVector out;
    out.reserve(std::size_t(items.size()));
    for (const QString& s : items)
        out.push_back(str(s));
    return Value::array(std::move(out));
}

} // namespace

void registerRegexBuiltins(BuiltinRegistry& r)
{
    r.add("regex.match", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("regex.match", a, {0, 1}))
            return *e;
        auto re = compile("regex.match", a[0]);
        if (!re)
            return re.error();
        return ok(Value::boolean(re->match(qs(a[1].asString())).hasMatch()));
    });
    r.add("regex.is_valid", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return ok(Value::boolean(false));
        return ok(Value::boolean(compileGoRegex(qs(a[0].asString())).ok()));
    });
    r.add("regex.split", 2, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("regex.split", a, {0, 1}))
            return *e;
        auto re = compile("regex.split", a[0]);
        if (!re)
            return re.error();
        return ok(stringArray(goSplit(*re, qs(a[1].asString()), -1)));
    });
    r.add("regex.find_n", 3, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("regex.find_n", a, {0, 1}))
            return *e;
        auto n = intOperand("regex.find_n", a[2], 3);
        if (!n)
            return n.error();
        auto re = compile("regex.find_n", a[0]);
        if (!re)
            return re.error();
        QStringList found;
        for (const QStringList& m : goFindAll(*re, qs(a[1].asString()), *n))
            found << m.front();
        return ok(stringArray(found));
    });
    r.add("regex.find_all_string_submatch_n", 3, [](Args a, BuiltinContext&) -> BuiltinResult {
        constexpr std::string_view name = "regex.find_all_string_submatch_n";
        if (auto e = requireStrings(name, a, {0, 1}))
            return *e;
        auto n = intOperand(name, a[2], 3);
        if (!n)
            return n.error();
        auto re = compile(name, a[0]);
        if (!re)
            return re.error();
        ValueVector out;
        for (const QStringList& m : goFindAll(*re, qs(a[1].asString()), *n))
            out.push_back(stringArray(m));
        return ok(Value::array(std::move(out)));
    });
    r.add("regex.replace", 3, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (auto e = requireStrings("regex.replace", a, {0, 1, 2}))
            return *e;
        auto re = compile("regex.replace", a[1]);
        if (!re)
            return re.error();
        return ok(str(goReplaceAll(*re, qs(a[0].asString()), qs(a[2].asString()))));
    });

    r.add("glob.match", 3, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("glob.match", 1, "string", a[0]);
        QList<char32_t> delimiters;
        if (a[1].isArray()) {
            for (const Value& d : a[1].asArray()) {
                if (!d.isString())
                    return elementTypeError("glob.match", 2, a[1], "string", d);
                const std::u32string runes = toRunes(d.asString());
                if (runes.size() != 1)
                    return elementTypeError("glob.match", 2, a[1], "rune", d);
                delimiters << runes.front();
            }
            if (delimiters.isEmpty())
                delimiters << U'.';
        } else if (!a[1].isNull()) {
            return typeError("glob.match", QStringLiteral("operand 2 must be one of {array, null} but got %1")
                                               .arg(QString::fromLatin1(a[1].typeName())));
        }
        if (!a[2].isString())
            return builtinTypeError("glob.match", 3, "string", a[2]);
        auto m = globMatch(qs(a[0].asString()), delimiters, qs(a[2].asString()));
        if (!m)
            return builtinError("glob.match", m.error().message);
        return ok(Value::boolean(*m));
    });
    r.add("glob.quote_meta", 1, [](Args a, BuiltinContext&) -> BuiltinResult {
        if (!a[0].isString())
            return builtinTypeError("glob.quote_meta", 1, "string", a[0]);
        return ok(str(globQuoteMeta(qs(a[0].asString()))));
    });
}

} // namespace corral::policy::builtins
