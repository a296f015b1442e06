// SPDX-License-Identifier: Apache-2.0
// Top-down evaluation of compiled Rego with backtracking, as OPA's topdown: queries, rule
// values (cached per evaluation), functions, `with`, `every`, comprehensions, strict built-in
// errors and conflict errors; bounded by a step limit and a nesting limit.
#pragma once

#include "Compiler.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace corral::policy {

struct EvalOptions
{
    bool strictBuiltinErrors = false;
    // time.now_ns for this evaluation; the wall clock when unset.
    std::optional<std::int64_t> nowNs;
    std::uint64_t randomSeed = 0;
    // Expressions evaluated before the evaluation fails with "evaluation step limit exceeded".
    std::uint64_t maxSteps = 20'000'000;
    // Nesting of expressions, rules and calls before "evaluation depth limit exceeded".
    int maxDepth = 2000;
    // Output of print(); discarded when unset.
    std::function<void(const std::string&)> print;
    std::function<bool()> cancelled;
};

struct QueryResult
{
    std::vector<Value> expressions; // one per query expression (true for =, :=, some, ...)
    std::vector<std::pair<std::string, Value>> bindings;
};

// Errors carry OPA's codes: eval_conflict_error, eval_type_error, eval_builtin_error,
// eval_undefined_error (not used), and "eval_limit_error" for the step and depth limits.
// The message is "FILE:ROW:COL: message" when the location is known.
Result<std::vector<QueryResult>> evalQuery(const CompiledPolicy& policy, const CompiledQuery& query, const Value* input,
                                           const EvalOptions& options = {});

// The value of the document at `path` below data (rules evaluated), or nullopt when undefined.
Result<std::optional<Value>> evalDocument(const CompiledPolicy& policy, const std::vector<std::string>& path,
                                          const Value* input, const EvalOptions& options = {});

// Several documents in one evaluation (one time.now_ns, rule values computed once).
Result<std::vector<std::optional<Value>>> evalDocuments(const CompiledPolicy& policy,
                                                        const std::vector<std::vector<std::string>>& paths,
                                                        const Value* input, const EvalOptions& options = {});

// The values of data-tree nodes of the policy (as evalDocuments() for their paths) in one
// evaluation; for callers that resolved their paths once, at compile time.
Result<std::vector<std::optional<Value>>> evalNodes(const CompiledPolicy& policy,
                                                    const std::vector<const DataNode*>& nodes, const Value* input,
                                                    const EvalOptions& options = {});

} // namespace corral::policy
