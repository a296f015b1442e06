// SPDX-License-Identifier: Apache-2.0
// Corral's decision API: compiles a set of Rego modules and data once, then answers
// decide(input) from any number of threads with allow | ask | deny, the rule messages that
// caused it and the obligations (redact, route_model, max_tokens) the policy attaches.
#pragma once

#include "Compiler.h"
#include "Evaluator.h"

#include <QJsonObject>
#include <memory>
#include <string>
#include <vector>

namespace corral::policy {

enum class Verdict { Allow, Ask, Deny };

// "allow", "ask", "deny".
const char* verdictName(Verdict v);

struct Decision
{
    Verdict verdict = Verdict::Deny;
    // The messages of the deny (or, for ask, the ask) rules that caused the verdict, each
    // prefixed by nothing: exactly the rule's message (non-string messages in JSON form).
    std::vector<std::string> reasons;
    // The obligations the policy defined: any of "redact", "route_model", "max_tokens"
    // (an object, empty when none).
    Value obligations = Value::emptyObject();
    // Set when evaluation failed (the verdict is then deny, with this as the reason).
    std::optional<Error> error;

    QJsonObject toJson() const;
};

struct PolicyConfig
{
    // Packages whose deny/ask/obligation rules feed the decision (dotted, without "data.").
    // Packages that no module defines are ignored.
    std::vector<std::string> packages{"corral", "platform.safe"};
    bool strictBuiltinErrors = false;
    std::uint64_t maxSteps = 1'000'000;
};

class PolicyEngine
{
public:
    // Compiles modules over data. Errors are the compiler's, one Error per diagnostic joined
    // in the message ("FILE:LINE:COL: code: message" lines), with the first one's code.
    static Result<std::shared_ptr<const PolicyEngine>> create(const std::vector<ModuleSource>& modules,
                                                              const Value& data, PolicyConfig config = {});

    // Thread-safe. Fail closed: any evaluation error is a deny with the error as reason.
    Decision decide(const Value& input) const;
    Decision decide(const QJsonObject& input) const;
    // As decide(), with time.now_ns fixed (tests, reproducible decisions).
    Decision decide(const Value& input, std::int64_t nowNs) const;

    const CompiledPolicy& policy() const { return *m_policy; }
    const PolicyConfig& config() const { return m_config; }

private:
    Decision evaluate(const Value& input, const EvalOptions& options) const;

    std::shared_ptr<const CompiledPolicy> m_policy;
    PolicyConfig m_config;
    // Per package (only those defined): the nodes of deny, ask and the obligations.
    std::vector<const DataNode*> m_nodes;
    std::vector<std::string> m_names; // per node: "data.corral.deny"
    std::vector<int> m_kinds;         // per node: 0 deny, 1 ask, 2.. obligations (index into kObligations + 2)
};

} // namespace corral::policy
