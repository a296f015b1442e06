// SPDX-License-Identifier: Apache-2.0
// What the bundle layer needs from the policy engine: compile a bundle's modules and data
// once, then answer decisions for many threads. BundleStore holds one BundlePolicy per
// active bundle; tests may substitute the compiler.
#pragma once

#include "Bundle.h"
#include "Result.h"
#include "policy/Value.h"

#include <QStringList>
#include <memory>

namespace corral::bundle {

struct PolicyDecision
{
    enum class Outcome { Allow, Ask, Deny };
    Outcome outcome = Outcome::Deny;
    QStringList reasons;                                      // the rule messages that caused it (deny or ask)
    policy::Value obligations = policy::Value::emptyObject(); // redact, route_model, max_tokens
};

QString toString(PolicyDecision::Outcome outcome); // "allow" | "ask" | "deny"

class BundlePolicy
{
public:
    virtual ~BundlePolicy() = default;
    // Thread-safe. An evaluation error is a deny naming the error (fail closed).
    virtual PolicyDecision decide(const policy::Value& input) const = 0;
};

class PolicyCompiler
{
public:
    virtual ~PolicyCompiler() = default;
    // Compiles every module of the bundle (each with its own rego_version) with its data,
    // for the bundle's decision packages. Errors: errc::kRegoCompile, the message listing
    // the engine's FILE:LINE:COL diagnostics.
    virtual Result<std::shared_ptr<const BundlePolicy>> compile(const Bundle& bundle) const = 0;
};

// The Rego engine of core/policy.
std::shared_ptr<const PolicyCompiler> regoPolicyCompiler();

} // namespace corral::bundle
