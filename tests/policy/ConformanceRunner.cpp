// SPDX-License-Identifier: Apache-2.0
// corral-rego-conformance: runs OPA's compliance cases (JSON, see shared conformance/rego/README.md)
// against the policy engine, prints a line per topic and "N passed, N failed, N skipped".
// With --baseline FILE it exits 1 when any topic passes fewer cases than the baseline says.
#include "policy/Compiler.h"
#include "policy/Evaluator.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

using namespace corral::policy;

namespace {

enum class Outcome { Pass, Fail, Skip };

struct CaseResult
{
    Outcome outcome = Outcome::Fail;
    std::string detail;  // why it failed
    std::string skipped; // the missing built-in
};

Value sortArrays(const Value& v)
{
    switch (v.type()) {
    case ValueType::Array: {
        ValueVector items;
        for (const auto& i : v.asArray())
            items.push_back(sortArrays(i));
        std::sort(items.begin(), items.end());
        return Value::array(std::move(items));
    }
    case ValueType::Object: {
        ObjectItems items;
        for (const auto& [k, x] : v.asObject())
            items.emplace_back(k, sortArrays(x));
        return Value::objectSorted(std::move(items));
    }
    default:
        return v;
    }
}

std::string missingBuiltin(const std::vector<Diagnostic>& errors)
{
    for (const auto& e : errors) {
        const std::string prefix = "undefined function ";
        if (e.code == "rego_type_error" && e.message.rfind(prefix, 0) == 0) {
            std::string name = e.message.substr(prefix.size());
            if (name.rfind("data.", 0) != 0)
                return name;
        }
    }
    return {};
}

bool errorMatches(const Value& tc, const std::string& code, const std::string& message, std::string& detail)
{
    const Value* wantCode = tc.get("want_error_code");
    const Value* wantMsg = tc.get("want_error");
    if (!wantCode && !wantMsg) {
        detail = "unexpected error: " + code + ": " + message;
        return false;
    }
    if (wantCode && wantCode->asString() != code) {
        detail = "want error code " + wantCode->asString() + ", got " + code + ": " + message;
        return false;
    }
    // OPA prints "LOCATION: code: message"; messages here are "LOCATION: message".
    std::string full = code + ": " + message;
    if (auto pos = message.find(": "); pos != std::string::npos && message.compare(0, 5, "test-") == 0)
        full = message.substr(0, pos + 2) + code + ": " + message.substr(pos + 2);
    if (wantMsg && full.find(wantMsg->asString()) == std::string::npos) {
        detail = "want error containing \"" + wantMsg->asString() + "\", got " + code + ": " + message;
        return false;
    }
    return true;
}

CaseResult runCase(const Value& tc)
{
    CaseResult res;
    std::vector<ModuleSource> sources;
    if (const Value* mods = tc.get("modules")) {
        int i = 0;
        for (const auto& m : mods->asArray())
            sources.push_back(ModuleSource{"test-" + std::to_string(i++) + ".rego", m.asString(), RegoVersion::V1});
    }
    const Value* data = tc.get("data");
    auto compiled = compilePolicy(sources, data ? *data : Value::emptyObject());
    auto compileFailure = [&](const std::vector<Diagnostic>& errors) {
        std::string missing = missingBuiltin(errors);
        if (!missing.empty()) {
            res.outcome = Outcome::Skip;
            res.skipped = missing;
            return res;
        }
        if (errorMatches(tc, errors[0].code, errors[0].message, res.detail))
            res.outcome = Outcome::Pass;
        return res;
    };
    if (!compiled.policy)
        return compileFailure(compiled.errors);
    const CompiledPolicy& policy = *compiled.policy;

    std::optional<Value> input;
    if (const Value* in = tc.get("input")) {
        input = *in;
    } else if (const Value* term = tc.get("input_term")) {
        auto empty = compilePolicy({}, Value::emptyObject());
        auto q = compileQuery(*empty.policy, term->asString());
        if (!q.query)
            return compileFailure(q.errors);
        auto r = evalQuery(*empty.policy, *q.query, nullptr);
        if (!r || r->empty()) {
            res.detail = "input_term did not evaluate";
            return res;
        }
        input = r->front().expressions.front();
    }

    auto query = compileQuery(policy, tc.get("query")->asString());
    if (!query.query)
        return compileFailure(query.errors);
    EvalOptions options;
    const Value* strict = tc.get("strict_error");
    options.strictBuiltinErrors = strict && strict->isBoolean() && strict->asBool();
    options.maxSteps = 5'000'000;
    auto results = evalQuery(policy, *query.query, input ? &*input : nullptr, options);
    if (!results) {
        if (errorMatches(tc, results.error().code.toStdString(), results.error().message.toStdString(), res.detail))
            res.outcome = Outcome::Pass;
        return res;
    }
    if (tc.get("want_error_code") || tc.get("want_error")) {
        res.detail = "want error, got " + std::to_string(results->size()) + " result(s)";
        return res;
    }
    const Value* sortB = tc.get("sort_bindings");
    const bool sortBindings = sortB && sortB->isBoolean() && sortB->asBool();
    ValueVector got;
    for (const auto& r : *results) {
        ObjectItems b;
        for (const auto& [name, v] : r.bindings) {
            // Results are compared in their JSON form (sets become arrays), as OPA reports them.
            Value json = *Value::fromJson(v.toJson());
            b.emplace_back(Value::string(name), sortBindings ? sortArrays(json) : json);
        }
        got.push_back(Value::object(std::move(b)));
    }
    ValueVector want;
    if (const Value* w = tc.get("want_result"))
        for (const auto& r : w->asArray())
            want.push_back(sortBindings ? sortArrays(r) : r);
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    if (got == want) {
        res.outcome = Outcome::Pass;
    } else {
        res.detail = "want " + Value::array(want).toString() + "\n      got  " + Value::array(got).toString();
    }
    return res;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString baselinePath, writeBaseline, only;
    bool verbose = false;
    QStringList dirs;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--baseline") && i + 1 < args.size())
            baselinePath = args[++i];
        else if (args[i] == QLatin1String("--write-baseline") && i + 1 < args.size())
            writeBaseline = args[++i];
        else if (args[i] == QLatin1String("--only") && i + 1 < args.size())
            only = args[++i];
        else if (args[i] == QLatin1String("-v") || args[i] == QLatin1String("--verbose"))
            verbose = true;
        else
            dirs << args[i];
    }
    if (dirs.isEmpty()) {
        std::fprintf(stderr, "usage: corral-rego-conformance [-v] [--only NOTE] [--baseline FILE] "
                             "[--write-baseline FILE] CASE_DIR...\n");
        return 2;
    }
    struct Tally
    {
        int passed = 0, failed = 0, skipped = 0;
    };
    std::map<std::string, Tally> topics;
    std::map<std::string, int> skippedBuiltins;
    for (const QString& dir : dirs) {
        QStringList files;
        QDirIterator it(dir, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        files.sort();
        for (const QString& file : files) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(file));
                return 2;
            }
            const QByteArray bytes = f.readAll();
            auto doc = Value::fromJson(std::string_view(bytes.constData(), std::size_t(bytes.size())));
            if (!doc || !doc->get("cases")) {
                std::fprintf(stderr, "%s: not a case file\n", qPrintable(file));
                return 2;
            }
            const std::string topic = QFileInfo(file).dir().dirName().toStdString();
            for (const auto& tc : doc->get("cases")->asArray()) {
                const std::string note = tc.get("note") ? tc.get("note")->asString() : std::string();
                if (!only.isEmpty() && note.find(only.toStdString()) == std::string::npos)
                    continue;
                CaseResult r = runCase(tc);
                Tally& t = topics[topic];
                switch (r.outcome) {
                case Outcome::Pass:
                    ++t.passed;
                    break;
                case Outcome::Skip:
                    ++t.skipped;
                    ++skippedBuiltins[r.skipped];
                    break;
                case Outcome::Fail:
                    ++t.failed;
                    if (verbose)
                        std::printf("FAIL %s\n      %s\n", note.c_str(), r.detail.c_str());
                    break;
                }
            }
        }
    }
    QJsonObject baseline;
    if (!baselinePath.isEmpty()) {
        QFile f(baselinePath);
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read baseline %s\n", qPrintable(baselinePath));
            return 2;
        }
        baseline = QJsonDocument::fromJson(f.readAll()).object();
    }
    Tally total;
    bool regressed = false;
    QJsonObject newBaseline;
    for (const auto& [topic, t] : topics) {
        const int cases = t.passed + t.failed + t.skipped;
        std::printf("%-28s %4d/%-4d passed%s", topic.c_str(), t.passed, cases,
                    t.skipped ? (" (" + std::to_string(t.skipped) + " skipped)").c_str() : "");
        const QString key = QString::fromStdString(topic);
        if (baseline.contains(key) && t.passed < baseline.value(key).toInt()) {
            std::printf("  BELOW BASELINE %d", baseline.value(key).toInt());
            regressed = true;
        }
        std::printf("\n");
        total.passed += t.passed;
        total.failed += t.failed;
        total.skipped += t.skipped;
        newBaseline.insert(key, t.passed);
    }
    if (!skippedBuiltins.empty()) {
        std::printf("skipped (unimplemented built-ins):");
        for (const auto& [name, n] : skippedBuiltins)
            std::printf(" %s(%d)", name.c_str(), n);
        std::printf("\n");
    }
    std::printf("%d passed, %d failed, %d skipped\n", total.passed, total.failed, total.skipped);
    if (!writeBaseline.isEmpty()) {
        QFile f(writeBaseline);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 2;
        f.write(QJsonDocument(newBaseline).toJson(QJsonDocument::Indented));
    }
    return regressed ? 1 : 0;
}
