// SPDX-License-Identifier: Apache-2.0
// The Rego compiler: parses modules, groups rules by path into the data tree, resolves names
// (rules, imports, input, data, locals, built-ins), orders body expressions so every variable
// is bound before use, and reports OPA's compile errors (unsafe variables, recursion, type
// errors, conflicting rule kinds). The result is immutable and shared by evaluations.
#pragma once

#include "Ast.h"
#include "Builtins.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace corral::policy {

// Index guards per rule set at most (the evaluator keeps their values on its stack).
constexpr std::size_t kMaxRuleGuards = 8;

// All rules that define one path below data (e.g. data.corral.deny), incl. else chains
// (through Rule::elseRule) and the default rule.
struct RuleSet
{
    std::vector<std::string> path; // below data
    std::string name;              // "data.corral.deny"
    RuleKind kind = RuleKind::Complete;
    int arity = 0; // functions
    std::vector<std::shared_ptr<Rule>> rules;
    std::shared_ptr<Rule> defaultRule;
    std::vector<const RuleSet*> deps; // rule sets its bodies refer to (recursion check)
    const DataNode* node = nullptr;   // where the rules sit in the data tree
    int index = 0;                    // dense, 0 .. ruleSets.size() - 1 (per-evaluation caches)
    // The distinct references the rules' index guards test (see Rule::guard).
    std::vector<TermPtr> guards;
};

// A node of the data tree: the base document below this path and the rules defined at or
// beneath it.
struct DataNode
{
    std::vector<std::string> path;
    std::map<std::string, std::unique_ptr<DataNode>, std::less<>> children;
    const RuleSet* rules = nullptr;
};

struct ModuleSource
{
    std::string file;
    std::string text;
    RegoVersion version = RegoVersion::Auto;
};

class CompiledPolicy
{
public:
    const BuiltinRegistry* builtins = nullptr;
    std::vector<std::shared_ptr<Module>> modules;
    std::map<std::string, std::unique_ptr<RuleSet>, std::less<>> ruleSets; // by name
    DataNode root;
    Value data; // base documents (an object)

    const RuleSet* findRuleSet(std::string_view name) const;
    // The node at path (below data), or nullptr.
    const DataNode* node(const std::vector<std::string>& path) const;
};

struct CompileResult
{
    std::shared_ptr<const CompiledPolicy> policy; // null when errors is not empty
    std::vector<Diagnostic> errors;
};

// Compiles modules over the base document `data` (an object; null for none).
CompileResult compilePolicy(const std::vector<ModuleSource>& sources, const Value& data,
                            const BuiltinRegistry& builtins = BuiltinRegistry::standard());

// A query compiled against a policy: the body plus the variables it binds, in order of
// first appearance (bindings to report).
struct CompiledQuery
{
    std::shared_ptr<Body> body;
    int numSlots = 0;
    std::vector<std::pair<std::string, int>> vars;
    std::string text;
};

struct QueryCompileResult
{
    std::shared_ptr<const CompiledQuery> query;
    std::vector<Diagnostic> errors;
};

// Compiles a query; `package` (dotted, without "data.") resolves rule names as if the query
// were written in that package (empty: none).
QueryCompileResult compileQuery(const CompiledPolicy& policy, std::string_view text, const std::string& package = {});

} // namespace corral::policy
