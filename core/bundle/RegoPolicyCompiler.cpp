// SPDX-License-Identifier: Apache-2.0
// PolicyCompiler on core/policy's PolicyEngine: every module compiled with the syntax its
// manifest entry names, over the bundle's data, deciding for the manifest's decision
// packages.
#include "BundleErrors.h"
#include "PolicyCompiler.h"
#include "policy/PolicyEngine.h"

namespace corral::bundle {

namespace {

class EngineBundlePolicy final : public BundlePolicy
{
public:
    explicit EngineBundlePolicy(std::shared_ptr<const policy::PolicyEngine> engine) : m_engine(std::move(engine)) {}

    PolicyDecision decide(const policy::Value& input) const override
    {
        const policy::Decision decided = m_engine->decide(input);
        PolicyDecision decision;
        switch (decided.verdict) {
        case policy::Verdict::Allow:
            decision.outcome = PolicyDecision::Outcome::Allow;
            break;
        case policy::Verdict::Ask:
            decision.outcome = PolicyDecision::Outcome::Ask;
            break;
        case policy::Verdict::Deny:
            decision.outcome = PolicyDecision::Outcome::Deny;
            break;
        }
        for (const std::string& reason : decided.reasons)
            decision.reasons.append(QString::fromStdString(reason));
        decision.obligations = decided.obligations;
        return decision;
    }

private:
    std::shared_ptr<const policy::PolicyEngine> m_engine;
};

class RegoPolicyCompiler final : public PolicyCompiler
{
public:
    Result<std::shared_ptr<const BundlePolicy>> compile(const Bundle& bundle) const override
    {
        std::vector<policy::ModuleSource> sources;
        sources.reserve(bundle.modules().size());
        for (const BundleModule& module : bundle.modules()) {
            sources.push_back(
                policy::ModuleSource{module.path.toStdString(), module.source.toStdString(),
                                     module.regoVersion == 0 ? policy::RegoVersion::V0 : policy::RegoVersion::V1});
        }
        policy::PolicyConfig config;
        config.packages.clear();
        for (const QString& package : bundle.manifest().decisionPackages)
            config.packages.push_back(package.toStdString());
        Result<std::shared_ptr<const policy::PolicyEngine>> engine =
            policy::PolicyEngine::create(sources, bundle.data(), std::move(config));
        if (!engine)
            return makeError(errc::kRegoCompile, engine.error().message);
        return std::shared_ptr<const BundlePolicy>(std::make_shared<EngineBundlePolicy>(std::move(*engine)));
    }
};

} // namespace

std::shared_ptr<const PolicyCompiler> regoPolicyCompiler()
{
    static const std::shared_ptr<const PolicyCompiler> compiler = std::make_shared<RegoPolicyCompiler>();
    return compiler;
}

} // namespace corral::bundle
