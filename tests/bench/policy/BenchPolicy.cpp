// SPDX-License-Identifier: Apache-2.0
// Policy decisions on a realistic bundle (the seed policy plus the rules and catalogs in
// bundle/), and compiling that bundle. Budgets: decision median <= 10 us, p99 <= 50 us;
// compile <= 20 ms.
#include "TestSupport.h"
#include "policy/PolicyEngine.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>

using namespace corral::policy;

namespace {

const QString kBundle = QStringLiteral(CORRAL_SOURCE_DIR "/tests/bench/policy/bundle");

std::vector<ModuleSource> bundleModules()
{
    return {ModuleSource{
                "seed-policy.rego",
                corral::test::readFile(corral::test::fixturePath(QStringLiteral("seed-policy.rego"))).toStdString(),
                RegoVersion::Auto},
            ModuleSource{"corral.rego", corral::test::readFile(kBundle + QStringLiteral("/corral.rego")).toStdString(),
                         RegoVersion::Auto}};
}

Value bundleData()
{
    const QByteArray bytes = corral::test::readFile(kBundle + QStringLiteral("/data.json"));
    return *Value::fromJson(std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

Value sampleInput()
{
    return *Value::fromJson(R"({
        "request": {"action": "model.generate", "model": "gpt-4o", "estimated_tokens": 1200,
                    "connector": "sales-folder"},
        "app": {"name": "sales-summarizer", "stage": "production", "quota_remaining": 50000, "max_tokens": 4000,
                "data_handling": "redact-pii", "connectors": ["sales-folder", "crm-api"], "trust_level": 2,
                "approval_required": true, "approved": true},
        "user": {"id": "u-17", "groups": ["sales", "emea"]},
        "dlp": {"findings": [{"type": "email", "count": 2, "score": 0.7}]},
        "time": {"now_ns": 1764000000000000000, "weekday": "Tuesday", "hour": 10}
    })");
}

std::shared_ptr<const PolicyEngine> makeEngine()
{
    auto e = PolicyEngine::create(bundleModules(), bundleData());
    if (!e)
        qFatal("%s", qPrintable(e.error().message));
    return *e;
}

void BM_PolicyDecision(benchmark::State& state)
{
    auto engine = makeEngine();
    const Value input = sampleInput();
    std::vector<double> samples;
    samples.reserve(1 << 20);
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        Decision d = engine->decide(input);
        const auto end = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(d);
        if (samples.size() < samples.capacity())
            samples.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    std::sort(samples.begin(), samples.end());
    if (!samples.empty()) {
        state.counters["median_us"] = samples[samples.size() / 2];
        state.counters["p99_us"] = samples[samples.size() * 99 / 100];
    }
    const Decision d = engine->decide(input);
    state.SetLabel(std::string(verdictName(d.verdict)) + ", " + std::to_string(d.reasons.size()) + " reasons");
}
BENCHMARK(BM_PolicyDecision)->UseRealTime();

void BM_PolicyCompile(benchmark::State& state)
{
    const auto modules = bundleModules();
    const Value data = bundleData();
    for (auto _ : state) {
        auto e = PolicyEngine::create(modules, data);
        benchmark::DoNotOptimize(e);
    }
}
BENCHMARK(BM_PolicyCompile)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
