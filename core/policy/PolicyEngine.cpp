// SPDX-License-Identifier: Apache-2.0
#include "PolicyEngine.h"

#include <QJsonArray>

namespace corral::policy {

namespace {

constexpr const char* kObligations[] = {"redact", "route_model", "max_tokens"};

std::vector<std::string> splitPackage(const std::string& dotted)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto dot = dotted.find('.', start);
        out.push_back(dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            return out;
        start = dot + 1;
    }
}

// Messages of a deny/ask document: a set or array of messages, an object (its keys), or a
// boolean (true: the rule's name stands as message).
void collectMessages(const Value& doc, const std::string& name, std::vector<std::string>& out)
{
    auto text = [](const Value& v) { return v.isString() ? v.asString() : v.toJson(); };
    switch (doc.type()) {
    case ValueType::Set:
    case ValueType::Array:
        for (const auto& m : doc.asArray())
            out.push_back(text(m));
        break;
    case ValueType::Object:
        for (const auto& [k, v] : doc.asObject())
            out.push_back(text(k));
        break;
    case ValueType::Boolean:
        if (doc.asBool())
            out.push_back(name);
        break;
    case ValueType::Null:
        break;
    default:
        out.push_back(text(doc));
        break;
    }
}

} // namespace

const char* verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Allow:
        return "allow";
    case Verdict::Ask:
        return "ask";
    case Verdict::Deny:
        return "deny";
    }
    return "deny";
}

QJsonObject Decision::toJson() const
{
    QJsonArray r;
    for (const auto& m : reasons)
        r.append(QString::fromStdString(m));
    QJsonObject o{{QStringLiteral("decision"), QString::fromLatin1(verdictName(verdict))},
                  {QStringLiteral("reasons"), r},
                  {QStringLiteral("obligations"), obligations.toQJson()}};
    if (error)
        o.insert(QStringLiteral("error"), error->toString());
    return o;
}

Result<std::shared_ptr<const PolicyEngine>> PolicyEngine::create(const std::vector<ModuleSource>& modules,
                                                                 const Value& data, PolicyConfig config)
{
    auto compiled = compilePolicy(modules, data);
    if (!compiled.policy) {
        QString message;
        for (const auto& d : compiled.errors)
            message += (message.isEmpty() ? QString() : QStringLiteral("\n")) + QString::fromStdString(d.toString());
        return makeError(QString::fromStdString(compiled.errors.front().code), message);
    }
    auto engine = std::shared_ptr<PolicyEngine>(new PolicyEngine());
    engine->m_policy = compiled.policy;
    engine->m_config = std::move(config);
    for (const auto& pkg : engine->m_config.packages) {
        const auto path = splitPackage(pkg);
        if (!engine->m_policy->node(path))
            continue;
        const char* names[] = {"deny", "ask", kObligations[0], kObligations[1], kObligations[2]};
        for (int i = 0; i < 5; ++i) {
            auto p = path;
            p.push_back(names[i]);
            const DataNode* node = engine->m_policy->node(p);
            if (!node)
                continue; // only rules feed the decision, never a base document alone
            std::string name = "data";
            for (const auto& part : p)
                name += "." + part;
            engine->m_nodes.push_back(node);
            engine->m_names.push_back(std::move(name));
            engine->m_kinds.push_back(i);
        }
    }
    return std::shared_ptr<const PolicyEngine>(std::move(engine));
}

Decision PolicyEngine::decide(const Value& input) const
{
    EvalOptions options;
    options.strictBuiltinErrors = m_config.strictBuiltinErrors;
    options.maxSteps = m_config.maxSteps;
    return evaluate(input, options);
}

Decision PolicyEngine::decide(const Value& input, std::int64_t nowNs) const
{
    EvalOptions options;
    options.strictBuiltinErrors = m_config.strictBuiltinErrors;
    options.maxSteps = m_config.maxSteps;
    options.nowNs = nowNs;
    return evaluate(input, options);
}

Decision PolicyEngine::decide(const QJsonObject& input) const
{
    return decide(Value::fromQJson(input));
}

Decision PolicyEngine::evaluate(const Value& input, const EvalOptions& options) const
{
    static const Value obligationKeys[] = {Value::string(kObligations[0]), Value::string(kObligations[1]),
                                           Value::string(kObligations[2])};
    Decision d;
    auto docs = evalNodes(*m_policy, m_nodes, &input, options);
    if (!docs) {
        d.verdict = Verdict::Deny;
        d.error = docs.error();
        d.reasons.push_back("policy evaluation failed: " + docs.error().toString().toStdString());
        return d;
    }
    std::vector<std::string> denies, asks;
    ObjectItems obligations;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const auto& doc = (*docs)[i];
        if (!doc)
            continue;
        switch (m_kinds[i]) {
        case 0:
            collectMessages(*doc, m_names[i], denies);
            break;
        case 1:
            collectMessages(*doc, m_names[i], asks);
            break;
        default: {
            // The first package that defines an obligation sets it.
            const Value& key = obligationKeys[m_kinds[i] - 2];
            bool present = false;
            for (const auto& [k, v] : obligations)
                present = present || k == key;
            if (!present)
                obligations.emplace_back(key, *doc);
        }
        }
    }
    if (!obligations.empty())
        d.obligations = Value::object(std::move(obligations));
    if (!denies.empty()) {
        d.verdict = Verdict::Deny;
        d.reasons = std::move(denies);
    } else if (!asks.empty()) {
        d.verdict = Verdict::Ask;
        d.reasons = std::move(asks);
    } else {
        d.verdict = Verdict::Allow;
    }
    return d;
}

} // namespace corral::policy
