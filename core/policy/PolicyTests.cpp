// SPDX-License-Identifier: Apache-2.0
#include "PolicyTests.h"

#include "Evaluator.h"

#include <chrono>

namespace corral::policy {

std::vector<PolicyTestResult> runPolicyTests(const CompiledPolicy& policy)
{
    std::vector<PolicyTestResult> out;
    for (const auto& [name, rs] : policy.ruleSets) {
        if (rs->kind != RuleKind::Complete || rs->path.empty() || rs->path.back().rfind("test_", 0) != 0)
            continue;
        PolicyTestResult r;
        r.name = name;
        const auto start = std::chrono::steady_clock::now();
        auto v = evalDocument(policy, rs->path, nullptr);
        r.durationNs =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
        if (!v) {
            r.outcome = PolicyTestResult::Outcome::Error;
            r.error = v.error().toString().toStdString();
        } else if (v->has_value() && (*v)->isBoolean() && (*v)->asBool()) {
            r.outcome = PolicyTestResult::Outcome::Pass;
        }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace corral::policy
