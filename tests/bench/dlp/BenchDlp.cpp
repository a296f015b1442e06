// SPDX-License-Identifier: Apache-2.0
// DLP budgets: a scan with the default recognizers >= 100 MB/s per core and the prompt
// sanitizer >= 200 MB/s, on generated mixed office text (OfficeCorpus.h). Also redaction,
// pseudonymization and the response sanitizer, for reference.
#include "OfficeCorpus.h"
#include "dlp/DlpScanner.h"
#include "dlp/PromptSanitizer.h"
#include "dlp/Pseudonymizer.h"
#include "dlp/Redactor.h"
#include "dlp/ResponseSanitizer.h"

#include <benchmark/benchmark.h>

using namespace corral;
using namespace corral::dlp;

namespace {

const QByteArray& corpus()
{
    static const QByteArray text = bench::officeCorpus(4 * 1024 * 1024);
    return text;
}

void BM_DlpScan(benchmark::State& state)
{
    const QByteArray& text = corpus();
    const DlpScanner scanner;
    qsizetype findings = 0;
    for (auto _ : state) {
        const QList<Finding> f = scanner.scan(QByteArrayView(text));
        findings = f.size();
        benchmark::DoNotOptimize(f.data());
    }
    state.SetBytesProcessed(state.iterations() * text.size());
    state.counters["findings"] = double(findings);
}
BENCHMARK(BM_DlpScan)->Unit(benchmark::kMillisecond);

void BM_DlpScanAllTypes(benchmark::State& state)
{
    const QByteArray& text = corpus();
    const DlpScanner scanner(DlpSettings::allEnabled());
    for (auto _ : state)
        benchmark::DoNotOptimize(scanner.scan(QByteArrayView(text)).size());
    state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_DlpScanAllTypes)->Unit(benchmark::kMillisecond);

void BM_DlpScanAndRedact(benchmark::State& state)
{
    const QByteArray& text = corpus();
    const DlpScanner scanner;
    const Redactor redactor(Operator::Replace);
    for (auto _ : state)
        benchmark::DoNotOptimize(redactor.apply(text, scanner.scan(QByteArrayView(text))).size());
    state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_DlpScanAndRedact)->Unit(benchmark::kMillisecond);

void BM_DlpPseudonymize(benchmark::State& state)
{
    const QByteArray& text = corpus();
    const DlpScanner scanner;
    const QList<Finding> findings = scanner.scan(QByteArrayView(text));
    for (auto _ : state) {
        Pseudonymizer p;
        const QByteArray masked = p.apply(text, findings);
        benchmark::DoNotOptimize(p.restore(masked).size());
    }
    state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_DlpPseudonymize)->Unit(benchmark::kMillisecond);

void BM_PromptSanitize(benchmark::State& state)
{
    const QByteArray& text = corpus();
    SanitizerSettings settings;
    settings.blockedPhrases = {"project nightingale", "internal use only", "confidential draft"};
    const PromptSanitizer sanitizer(settings);
    const auto source =
        state.range(0) ? PromptSanitizer::Source::ConnectorContent : PromptSanitizer::Source::Instructions;
    for (auto _ : state)
        benchmark::DoNotOptimize(sanitizer.sanitize(QByteArrayView(text), source).text.size());
    state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_PromptSanitize)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ResponseSanitize(benchmark::State& state)
{
    const QByteArray& text = corpus();
    SanitizerSettings settings;
    settings.allowedHosts = {"*.example.com"};
    const ResponseSanitizer sanitizer(settings, DlpScanner());
    for (auto _ : state)
        benchmark::DoNotOptimize(sanitizer.sanitize(QByteArrayView(text)).text.size());
    state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_ResponseSanitize)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
