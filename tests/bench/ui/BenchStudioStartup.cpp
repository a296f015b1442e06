// SPDX-License-Identifier: Apache-2.0
// Studio cold start: the whole life of `corral-studio --screenshot` (process start, Qt and
// the studio set up, the first window painted and grabbed to a PNG, exit), an upper bound
// of "cold start to the first painted window"; and the peak resident memory of that
// process, the studio's memory with its first page shown and no agent attached.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <sys/resource.h>

namespace {

void BM_StudioColdStartToScreenshot(benchmark::State& state)
{
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.filePath(QStringLiteral("run")));
    // No extra wait before the picture (the screenshot tool's default waits 400 ms for
    // pages to fill): grab() paints the first window as soon as the event loop runs.
    const QStringList args{QStringLiteral("--socket"),           dir.filePath(QStringLiteral("none.sock")),
                           QStringLiteral("--screenshot"),       dir.filePath(QStringLiteral("first.png")),
                           QStringLiteral("--screenshot-delay"), QStringLiteral("0")};
    for (auto _ : state) {
        QProcess studio;
        studio.setProcessEnvironment(env);
        studio.start(QStringLiteral(CORRAL_STUDIO_BINARY), args);
        if (!studio.waitForFinished(30000) || studio.exitCode() != 0) {
            state.SkipWithError("corral-studio did not finish cleanly");
            break;
        }
    }
    struct rusage usage = {};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    state.counters["peak_rss_MiB"] = double(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_StudioColdStartToScreenshot)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
