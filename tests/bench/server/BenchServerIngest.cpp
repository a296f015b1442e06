// SPDX-License-Identifier: Apache-2.0
// Audit ingest on the server with full verification: 8 devices upload their logs in
// batches of 1,000 records, interleaved, through the API (request signature, content
// digest, checkpoint signature, seq/prev chain, Merkle root, one transaction), on SQLite and
// on a throwaway PostgreSQL cluster on a unix socket (fsync off, as for tests). The figure
// to read is items_per_second (records per second).
#include "PostgresCluster.h"
#include "RequestSigner.h"
#include "ServerApi.h"
#include "ServerData.h"
#include "audit/AuditLog.h"
#include "audit/AuditStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>

using namespace corral;
using namespace corral::server;

namespace {

constexpr int kDevices = 8;
constexpr std::uint64_t kBatch = 1000;

struct Upload
{
    int device = 0;
    QByteArray body;
};

struct Fleet
{
    QTemporaryDir dir;
    ManualClock clock{1767225600000};
    std::vector<std::shared_ptr<crypto::Ed25519KeyPair>> keys;
    std::vector<QString> origins;
    std::vector<std::vector<QByteArray>> bodies; // per device, in order

    explicit Fleet(std::uint64_t recordsPerDevice)
    {
        for (int d = 0; d < kDevices; ++d) {
            keys.push_back(std::make_shared<crypto::Ed25519KeyPair>(
                crypto::Ed25519KeyPair::fromSeed(QByteArray(32, char(d + 1)))));
            origins.push_back(QStringLiteral("corral.bench/desk-%1").arg(d));
            const QString db = dir.filePath(QStringLiteral("audit-%1.db").arg(d));
            audit::AuditLog::Options o;
            o.origin = origins.back();
            o.clock = &clock;
            o.timer = false;
            o.checkpointEvery = kBatch;
            o.fullSync = false;
            auto log = audit::AuditLog::open(db, *keys.back(), o);
            std::vector<audit::AuditEvent> events;
            for (std::uint64_t i = 0; i < recordsPerDevice; ++i) {
                audit::ModelCall call;
                call.timestampMs = clock.nowMs();
                call.appId = QStringLiteral("sales-summarizer");
                call.userId = QStringLiteral("user%1@example.com").arg(d);
                call.model = QStringLiteral("gpt-4o-plat-2026");
                call.prompt = "summarise the quarter " + QByteArray::number(qulonglong(i));
                call.response = "numbers went up";
                call.tokensUsed = 412;
                call.cost = 0.0212;
                events.push_back(i % 4 == 0
                                     ? audit::events::modelCalled(call)
                                     : audit::events::actionPerformed(QStringLiteral("sales-summarizer"), call.userId,
                                                                      QStringLiteral("files.read"),
                                                                      QStringLiteral("/srv/q3/report-%1.xlsx").arg(i),
                                                                      QStringLiteral("ok")));
            }
            (void)(*log)->appendBatch(events);
            (void)(*log)->close();
            auto store = audit::AuditStore::open(db);
            auto checkpoints = store->checkpoints();
            std::vector<QByteArray> perDevice;
            std::uint64_t from = 0;
            for (const audit::StoredCheckpoint& c : *checkpoints) {
                if (c.size <= from)
                    continue;
                QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("checkpoint"), QString::fromUtf8(c.note)}})
                                      .toJson(QJsonDocument::Compact);
                body += '\n';
                (void)store->forEachRecord(
                    [&](std::uint64_t seq, QByteArrayView record) {
                        if (seq >= c.size)
                            return false;
                        body += record;
                        body += '\n';
                        return true;
                    },
                    from);
                perDevice.push_back(body);
                from = c.size;
            }
            bodies.push_back(std::move(perDevice));
        }
    }
};

void ingestEightDevices(benchmark::State& state, server::test::PostgresCluster* postgres)
{
    const std::uint64_t perDevice = std::uint64_t(state.range(0));
    static Fleet* fleet = nullptr;
    if (!fleet || fleet->bodies.front().size() * kBatch < perDevice)
        fleet = new Fleet(perDevice);
    std::uint64_t records = 0;
    int round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir serverDir;
        InitOptions options;
        if (postgres) {
            Result<QString> url = postgres->createDatabase(QStringLiteral("bench_%1").arg(round));
            if (!url) {
                state.SkipWithError(qPrintable(url.error().toString()));
                return;
            }
            options.database = *url;
        }
        if (Result<InitResult> init =
                ServerData::init(serverDir.filePath(QStringLiteral("data")), options, fleet->clock);
            !init) {
            state.SkipWithError(qPrintable(init.error().toString()));
            return;
        }
        auto data = ServerData::open(serverDir.filePath(QStringLiteral("data")));
        ServerApi api(**data, ApiOptions{}, fleet->clock);
        std::vector<QString> ids;
        for (int d = 0; d < kDevices; ++d) {
            const QString token = newToken(QStringLiteral("cenr_"));
            (void)(*data)->store().addEnrollToken(tokenHash(token.toUtf8()), 0, INT64_MAX);
            Device dev;
            dev.id = QStringLiteral("dev-%1-%2").arg(round).arg(d);
            dev.publicKey = fleet->keys[std::size_t(d)]->publicKey();
            dev.user = QStringLiteral("u");
            dev.host = QStringLiteral("h");
            dev.origin = fleet->origins[std::size_t(d)];
            (void)(*data)->store().enroll(tokenHash(token.toUtf8()), dev, fleet->clock.nowMs());
            ids.push_back(dev.id);
        }
        // Signed requests, interleaved across devices as concurrent agents arrive.
        std::vector<ApiRequest> requests;
        const std::size_t batches = fleet->bodies.front().size();
        for (std::size_t b = 0; b < batches; ++b) {
            for (int d = 0; d < kDevices; ++d) {
                ApiRequest r;
                r.method = "POST";
                r.path = "/v1/audit/sync";
                r.body = fleet->bodies[std::size_t(d)][b];
                agent::sync::RequestSigner signer(ids[std::size_t(d)], fleet->keys[std::size_t(d)]);
                for (const auto& [n, v] : signer.sign(r.method, r.path, r.body, fleet->clock.nowMs() / 1000))
                    r.headers.insert(n.toLower(), v);
                requests.push_back(std::move(r));
            }
        }
        state.ResumeTiming();
        for (const ApiRequest& r : requests) {
            int status = 0;
            api.handle(r, [&](const ApiResponse& response) { status = response.status; });
            if (status != 200) {
                state.SkipWithError("an upload was refused");
                return;
            }
        }
        records += batches * kBatch * kDevices;
        ++round;
    }
    state.SetItemsProcessed(int64_t(records));
}
void BM_IngestEightDevices(benchmark::State& state)
{
    ingestEightDevices(state, nullptr);
}
BENCHMARK(BM_IngestEightDevices)->Arg(25000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_IngestEightDevicesPostgres(benchmark::State& state)
{
    Result<std::unique_ptr<server::test::PostgresCluster>> cluster = server::test::PostgresCluster::start();
    if (!cluster) {
        state.SkipWithError(qPrintable(cluster.error().toString()));
        return;
    }
    ingestEightDevices(state, cluster->get());
}
BENCHMARK(BM_IngestEightDevicesPostgres)->Arg(25000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

} // namespace
