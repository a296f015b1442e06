// SPDX-License-Identifier: Apache-2.0
// policy eval, policy check, policy test, policy decide: the Rego engine from the command
// line, with the output forms of `opa eval --format json`, `opa check` and `opa test`.
#include "Verbs.h"
#include "policy/Compiler.h"
#include "policy/Evaluator.h"
#include "policy/PolicyEngine.h"
#include "policy/PolicyTests.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <algorithm>

namespace corral::cli {

namespace {

using namespace corral::policy;

QCommandLineOption dataOption()
{
    return QCommandLineOption(
        {QStringLiteral("d"), QStringLiteral("data")},
        QStringLiteral("A data file (.json) or a module (.rego), or a folder of them; repeatable."),
        QStringLiteral("PATH"));
}

QCommandLineOption moduleOption()
{
    return QCommandLineOption({QStringLiteral("m"), QStringLiteral("module")},
                              QStringLiteral("A Rego module, or a folder of them; repeatable."),
                              QStringLiteral("PATH"));
}

QCommandLineOption inputOption()
{
    return QCommandLineOption({QStringLiteral("i"), QStringLiteral("input")},
                              QStringLiteral("The input document (JSON; '-' for standard input)."),
                              QStringLiteral("FILE"));
}

// Deep merge of data documents (later files add to earlier ones; objects merge).
Value mergeData(const Value& a, const Value& b)
{
    if (!a.isObject() || !b.isObject())
        return b;
    ObjectItems items = a.asObject();
    for (const auto& [k, v] : b.asObject()) {
        auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.first == k; });
        if (it != items.end())
            it->second = mergeData(it->second, v);
        else
            items.emplace_back(k, v);
    }
    return Value::object(std::move(items));
}

// Policy files named on the command line: modules and data documents.
struct Sources
{
    std::vector<ModuleSource> modules;
    Value data = Value::emptyObject();
};

// Adds a file or the .rego/.json files under a folder. Returns an exit code on failure.
std::optional<int> addPath(VerbParser& verb, Io& io, const QString& path, Sources& sources, bool jsonAsData)
{
    QStringList files;
    if (QFileInfo(path).isDir()) {
        QDirIterator it(path, {QStringLiteral("*.rego"), QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        files.sort();
    } else {
        files << path;
    }
    for (const QString& file : files) {
        auto bytes = readInputFile(verb, io, file);
        if (!bytes)
            return kExitUsage;
        if (jsonAsData && file.endsWith(QLatin1String(".json"))) {
            auto v = Value::fromJson(std::string_view(bytes->constData(), std::size_t(bytes->size())));
            if (!v) {
                io.out << file << ": " << v.error().toString() << '\n';
                return kExitFailure;
            }
            sources.data = mergeData(sources.data, *v);
            continue;
        }
        sources.modules.push_back(ModuleSource{file.toStdString(), bytes->toStdString(), RegoVersion::Auto});
    }
    return std::nullopt;
}

std::optional<int> loadSources(VerbParser& verb, Io& io, Sources& sources)
{
    for (const QString& path : verb.values(QStringLiteral("data")))
        if (auto exit = addPath(verb, io, path, sources, true))
            return exit;
    for (const QString& path : verb.values(QStringLiteral("module")))
        if (auto exit = addPath(verb, io, path, sources, false))
            return exit;
    return std::nullopt;
}

// The PATH arguments of check and test: modules, and .json files as data.
std::optional<int> loadPositionalPaths(VerbParser& verb, Io& io, Sources& sources)
{
    for (const QString& path : verb.positional())
        if (auto exit = addPath(verb, io, path, sources, true))
            return exit;
    return std::nullopt;
}

// Reads -i; nullopt input when not given. Returns an exit code on failure.
std::optional<int> loadInput(VerbParser& verb, Io& io, std::optional<Value>& input)
{
    if (!verb.isSet(QStringLiteral("input")))
        return std::nullopt;
    const QString path = verb.value(QStringLiteral("input"));
    auto bytes = readInputFile(verb, io, path);
    if (!bytes)
        return kExitUsage;
    auto v = Value::fromJson(std::string_view(bytes->constData(), std::size_t(bytes->size())));
    if (!v) {
        io.out << path << ": " << v.error().toString() << '\n';
        return kExitFailure;
    }
    input = std::move(*v);
    return std::nullopt;
}

void printDiagnostics(Io& io, const std::vector<Diagnostic>& errors)
{
    for (const auto& d : errors)
        io.out << QString::fromStdString(d.toString()) << '\n';
}

// Compiles what was loaded; prints the diagnostics and returns null when that fails.
std::shared_ptr<const CompiledPolicy> compileSources(Io& io, const Sources& sources)
{
    CompileResult compiled = compilePolicy(sources.modules, sources.data);
    if (!compiled.policy)
        printDiagnostics(io, compiled.errors);
    return compiled.policy;
}

// The source text of each query expression, in source order (for eval's "text").
std::vector<std::pair<Location, std::string>> expressionTexts(const Body& body, const std::string& text)
{
    std::vector<Location> starts;
    for (const auto& e : body.exprs)
        starts.push_back(e.loc);
    std::sort(starts.begin(), starts.end(),
              [](const Location& a, const Location& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
    std::vector<std::size_t> lineStart{0};
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n')
            lineStart.push_back(i + 1);
    auto offset = [&](const Location& l) {
        return std::min(text.size(),
                        lineStart[std::size_t(std::max(1, l.row)) - 1] + std::size_t(std::max(1, l.col)) - 1);
    };
    std::vector<std::pair<Location, std::string>> out;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t from = offset(starts[i]);
        const std::size_t to = i + 1 < starts.size() ? offset(starts[i + 1]) : text.size();
        std::string s = text.substr(from, to - from);
        while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == ';'))
            s.pop_back();
        out.emplace_back(starts[i], s);
    }
    return out;
}

int policyEval(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("policy eval"),
                    QStringLiteral("Evaluate a Rego query and print the result set as JSON, as 'opa eval --format "
                                   "json' does."),
                    QStringLiteral("QUERY"));
    verb.addOption(dataOption());
    verb.addOption(moduleOption());
    verb.addOption(inputOption());
    verb.addOption(QCommandLineOption(QStringLiteral("strict-builtin-errors"),
                                      QStringLiteral("Make built-in errors abort the evaluation.")));
    verb.addPositional(QStringLiteral("QUERY"), QStringLiteral("The query, e.g. data.corral.deny."));
    if (auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    Sources sources;
    if (auto exit = loadSources(verb, io, sources))
        return *exit;
    std::optional<Value> input;
    if (auto exit = loadInput(verb, io, input))
        return *exit;
    const auto policy = compileSources(io, sources);
    if (!policy)
        return kExitFailure;
    const std::string text = verb.positional().first().toStdString();
    auto query = compileQuery(*policy, text);
    if (!query.query) {
        printDiagnostics(io, query.errors);
        return kExitFailure;
    }
    EvalOptions options;
    options.strictBuiltinErrors = verb.isSet(QStringLiteral("strict-builtin-errors"));
    options.print = [&io](const std::string& line) { io.err << QString::fromStdString(line) << '\n'; };
    auto results = evalQuery(*policy, *query.query, input ? &*input : nullptr, options);
    if (!results) {
        io.out << results.error().code << ": " << results.error().message << '\n';
        return kExitFailure;
    }
    // Expressions are reported in source order; the compiled body may have reordered them.
    const Body& body = *query.query->body;
    const auto texts = expressionTexts(body, text);
    ValueVector resultSet;
    for (const auto& r : *results) {
        ValueVector exprs;
        for (const auto& [loc, exprText] : texts) {
            std::size_t index = 0;
            for (std::size_t i = 0; i < body.exprs.size(); ++i)
                if (body.exprs[i].loc.row == loc.row && body.exprs[i].loc.col == loc.col)
                    index = i;
            exprs.push_back(Value::object({
                {Value::string("value"), r.expressions[index]},
                {Value::string("text"), Value::string(exprText)},
                {Value::string("location"), Value::object({{Value::string("row"), Value::integer(loc.row)},
                                                           {Value::string("col"), Value::integer(loc.col)}})},
            }));
        }
        ObjectItems entry{{Value::string("expressions"), Value::array(std::move(exprs))}};
        if (!r.bindings.empty()) {
            ObjectItems bindings;
            for (const auto& [name, v] : r.bindings)
                bindings.emplace_back(Value::string(name), v);
            entry.emplace_back(Value::string("bindings"), Value::object(std::move(bindings)));
        }
        resultSet.push_back(Value::object(std::move(entry)));
    }
    const Value out = resultSet.empty()
                          ? Value::emptyObject()
                          : Value::object({{Value::string("result"), Value::array(std::move(resultSet))}});
    io.out << QString::fromStdString(out.toJson()) << '\n';
    return kExitOk;
}

int policyCheck(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("policy check"),
                    QStringLiteral("Compile Rego modules and report errors as FILE:LINE:COL: code: message."),
                    QStringLiteral("PATH..."));
    verb.addPositional(QStringLiteral("PATH"), QStringLiteral("Module files or folders of them."));
    if (auto exit = verb.parse(args, io, 1))
        return *exit;
    Sources sources;
    if (auto exit = loadPositionalPaths(verb, io, sources))
        return *exit;
    const auto policy = compileSources(io, sources);
    if (!policy)
        return kExitFailure;
    io.out << "ok: " << sources.modules.size() << (sources.modules.size() == 1 ? " module\n" : " modules\n");
    return kExitOk;
}

int policyTest(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("policy test"),
                    QStringLiteral("Run every test_* rule, as 'opa test' does: PASS or FAIL per test, then the "
                                   "totals. Exits 1 when any test fails."),
                    QStringLiteral("PATH..."));
    verb.addPositional(QStringLiteral("PATH"), QStringLiteral("Module and data files, or folders of them."));
    if (auto exit = verb.parse(args, io, 1))
        return *exit;
    Sources sources;
    if (auto exit = loadPositionalPaths(verb, io, sources))
        return *exit;
    const auto policy = compileSources(io, sources);
    if (!policy)
        return kExitFailure;
    int passed = 0, failed = 0;
    for (const auto& r : runPolicyTests(*policy)) {
        const QString name = QString::fromStdString(r.name);
        const QString time = QStringLiteral("%1ms").arg(double(r.durationNs) / 1e6, 0, 'f', 3);
        switch (r.outcome) {
        case PolicyTestResult::Outcome::Pass:
            ++passed;
            io.out << name << ": PASS (" << time << ")\n";
            break;
        case PolicyTestResult::Outcome::Fail:
            ++failed;
            io.out << name << ": FAIL (" << time << ")\n";
            break;
        case PolicyTestResult::Outcome::Error:
            ++failed;
            io.out << name << ": ERROR (" << time << ")\n  " << QString::fromStdString(r.error) << '\n';
            break;
        }
    }
    io.out << passed << " passed, " << failed << " failed\n";
    return failed ? kExitFailure : kExitOk;
}

int policyDecide(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("policy decide"),
                    QStringLiteral("Print Corral's decision for an input as JSON: allow, ask or deny, the messages "
                                   "that caused it and the obligations."));
    verb.addOption(dataOption());
    verb.addOption(moduleOption());
    verb.addOption(inputOption());
    verb.addOption(QCommandLineOption(
        QStringLiteral("package"),
        QStringLiteral("A package whose deny/ask/obligation rules decide (repeatable; default corral and "
                       "platform.safe)."),
        QStringLiteral("PKG")));
    if (auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    if (!verb.isSet(QStringLiteral("input")))
        return verb.usageError(io, QStringLiteral("-i INPUT.json is required"));
    Sources sources;
    if (auto exit = loadSources(verb, io, sources))
        return *exit;
    std::optional<Value> input;
    if (auto exit = loadInput(verb, io, input))
        return *exit;
    PolicyConfig config;
    if (verb.isSet(QStringLiteral("package"))) {
        config.packages.clear();
        for (const QString& p : verb.values(QStringLiteral("package")))
            config.packages.push_back(p.toStdString());
    }
    auto engine = PolicyEngine::create(sources.modules, sources.data, config);
    if (!engine) {
        io.out << engine.error().message << '\n';
        return kExitFailure;
    }
    const Decision d = (*engine)->decide(*input);
    io.out << QJsonDocument(d.toJson()).toJson(QJsonDocument::Indented);
    return kExitOk;
}

} // namespace

void registerPolicyVerbs(Cli& cli)
{
    cli.add(
        {QStringLiteral("policy eval"), QStringLiteral("Evaluate a Rego query (opa eval --format json)"), policyEval});
    cli.add({QStringLiteral("policy check"), QStringLiteral("Compile Rego modules and report errors"), policyCheck});
    cli.add({QStringLiteral("policy test"), QStringLiteral("Run the test_* rules of Rego modules"), policyTest});
    cli.add({QStringLiteral("policy decide"), QStringLiteral("Print Corral's decision for an input"), policyDecide});
}

} // namespace corral::cli
