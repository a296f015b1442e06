// SPDX-License-Identifier: Apache-2.0
// Policy unit tests as `opa test` runs them: every rule whose name starts with "test_" is a
// test that passes when it evaluates to true.
#pragma once

#include "Compiler.h"

#include <string>
#include <vector>

namespace corral::policy {

struct PolicyTestResult
{
    std::string name; // "data.pkg.test_x"
    enum class Outcome { Pass, Fail, Error } outcome = Outcome::Fail;
    std::string error; // for Error
    std::int64_t durationNs = 0;
};

// Runs every test rule of the policy, in name order.
std::vector<PolicyTestResult> runPolicyTests(const CompiledPolicy& policy);

} // namespace corral::policy
