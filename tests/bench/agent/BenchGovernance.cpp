// SPDX-License-Identifier: Apache-2.0
// Governance overhead of a files.read step of a 4 KiB file, against a plain read of the
// same file: the policy decision (default bundle), the scoped read (openat2 beneath the
// connector's root) and the two audit records (action.decided, action.performed),
// durable as the agent writes them (synchronous=FULL) and crash-safe only (NORMAL).
#include "agent/FilesConnector.h"
#include "audit/AuditEvent.h"
#include "audit/AuditLog.h"
#include "bundle/BundleStore.h"
#include "policy/Value.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

using namespace corral;

namespace {

struct Fixture
{
    QTemporaryDir dir{QDir::currentPath() + QStringLiteral("/bench-governance-XXXXXX")};
    QString root;
    std::unique_ptr<bundle::BundleStore> policy;
    std::unique_ptr<agent::FilesConnector> files;
    QJsonObject app;

    Fixture()
    {
        root = dir.filePath(QStringLiteral("docs"));
        QDir().mkpath(root);
        QFile file(root + QStringLiteral("/note.txt"));
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray(4096, 'x'));
        file.close();
        bundle::BundleStoreOptions options;
        options.storeDir = dir.filePath(QStringLiteral("bundles"));
        options.keyDir = dir.filePath(QStringLiteral("keys"));
        policy = std::move(bundle::BundleStore::open(std::move(options)).value());
        agent::FilesConnectorSettings settings;
        settings.roots = {root};
        files = std::move(agent::FilesConnector::open(settings).value());
        app = QJsonObject{{QStringLiteral("name"), QStringLiteral("notes")},
                          {QStringLiteral("model"), QStringLiteral("local-extractive")},
                          {QStringLiteral("stage"), QStringLiteral("development")},
                          {QStringLiteral("data_handling"), QStringLiteral("no-pii")},
                          {QStringLiteral("connectors"), QJsonArray{QStringLiteral("documents")}}};
    }
};

Fixture& fixture()
{
    static Fixture f;
    return f;
}

void BM_PlainRead4KiB(benchmark::State& state)
{
    const QByteArray path = QFile::encodeName(fixture().root + QStringLiteral("/note.txt"));
    char buffer[8192];
    for (auto _ : state) {
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        ::close(fd);
        benchmark::DoNotOptimize(n);
    }
}
BENCHMARK(BM_PlainRead4KiB);

void BM_GovernedRead4KiB(benchmark::State& state)
{
    Fixture& f = fixture();
    static int run = 0;
    audit::AuditLog::Options options;
    options.origin = QStringLiteral("corral.local/bench/0123456789abcdef");
    options.timer = false;
    options.fullSync = state.range(0) != 0;
    auto log = std::move(audit::AuditLog::open(f.dir.filePath(QStringLiteral("audit%1.db").arg(++run)),
                                               crypto::Ed25519KeyPair::fromSeed(QByteArray(32, 5)), options)
                             .value());
    for (auto _ : state) {
        const QJsonObject input{
            {QStringLiteral("request"), QJsonObject{{QStringLiteral("action"), QStringLiteral("files.read")},
                                                    {QStringLiteral("connector"), QStringLiteral("documents")},
                                                    {QStringLiteral("path"), QStringLiteral("note.txt")}}},
            {QStringLiteral("app"), f.app},
            {QStringLiteral("user"), QJsonObject{{QStringLiteral("id"), QStringLiteral("alice")}}},
        };
        const bundle::PolicyDecision decision = f.policy->decide(policy::Value::fromQJson(input));
        (void)log->append(audit::events::actionDecided(
            QStringLiteral("notes"), QStringLiteral("alice"), QStringLiteral("files.read"),
            QStringLiteral("documents:note.txt"), audit::Decision::Allow, decision.reasons));
        Result<QByteArray> data = f.files->read(QStringLiteral("note.txt"));
        (void)log->append(audit::events::actionPerformed(QStringLiteral("notes"), QStringLiteral("alice"),
                                                         QStringLiteral("files.read"),
                                                         QStringLiteral("documents:note.txt"), QStringLiteral("ok")));
        benchmark::DoNotOptimize(data);
    }
}
BENCHMARK(BM_GovernedRead4KiB)->Arg(1)->Arg(0)->ArgName("fullsync");

} // namespace

BENCHMARK_MAIN();
