// SPDX-License-Identifier: Apache-2.0
// Bundle publish to active on 100 agents holding the long-poll: the time from the admin's
// publish until every agent has fetched the bundle and verified its signature against the
// pinned organisation key (what the agent does before activating it). Real HTTP on
// loopback; server and agents share one event loop, as on a single 2-core machine.
#include "HttpServer.h"
#include "RequestSigner.h"
#include "ServerApi.h"
#include "ServerConnection.h"
#include "ServerData.h"
#include "UpdatePoller.h"
#include "bundle/Bundle.h"
#include "bundle/BundleArchive.h"
#include "bundle/BundleSignature.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>
#include <benchmark/benchmark.h>

using namespace corral;
using namespace corral::server;

namespace {

constexpr int kAgents = 100;

QByteArray archiveFor(qint64 serial)
{
    const QByteArray manifest =
        QStringLiteral(R"({"revision":"r%1","roots":["corral"],"metadata":{"serial":%1,"decision":["corral"]}})")
            .arg(serial)
            .toUtf8();
    return bundle::writeArchive(
        {bundle::ArchiveFile{QStringLiteral(".manifest"), manifest},
         bundle::ArchiveFile{QStringLiteral("corral/policy.rego"),
                             "package corral\n\nimport rego.v1\n\ndeny contains \"no\" if input.deny_me == true\n"}});
}

void BM_BundlePushToActive(benchmark::State& state)
{
    QTemporaryDir dir;
    Result<InitResult> init = ServerData::init(dir.filePath(QStringLiteral("data")), {}, Clock::system());
    auto data = ServerData::open(dir.filePath(QStringLiteral("data")));
    ApiOptions options;
    ServerApi api(**data, options);
    HttpServer http(api);
    const quint16 port = *http.start(ListenOptions{});
    QFile keyFile(init->bundleSecretKeyPath);
    keyFile.open(QIODevice::ReadOnly);
    Result<crypto::minisign::SecretKey> opened = crypto::minisign::SecretKeyFile::parse(keyFile.readAll(), {})->open();
    const crypto::minisign::SecretKey& orgKey = *opened;
    const crypto::minisign::PublicKey pinned = orgKey.publicKey();

    std::vector<std::unique_ptr<agent::sync::ServerConnection>> connections;
    std::vector<std::unique_ptr<agent::sync::UpdatePoller>> pollers;
    int active = 0;
    for (int i = 0; i < kAgents; ++i) {
        auto key = std::make_shared<crypto::Ed25519KeyPair>(crypto::Ed25519KeyPair::generate());
        const QString token = newToken(QStringLiteral("cenr_"));
        (void)(*data)->store().addEnrollToken(tokenHash(token.toUtf8()), 0, INT64_MAX);
        Device d;
        d.id = QStringLiteral("dev-%1").arg(i);
        d.publicKey = key->publicKey();
        d.user = QStringLiteral("u");
        d.host = QStringLiteral("h");
        d.origin = QStringLiteral("corral.bench/%1").arg(i);
        (void)(*data)->store().enroll(tokenHash(token.toUtf8()), d, Clock::system().nowMs());
        auto connection =
            std::make_unique<agent::sync::ServerConnection>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        connection->setSigner(agent::sync::RequestSigner(d.id, key));
        auto poller = std::make_unique<agent::sync::UpdatePoller>(*connection);
        agent::sync::UpdatePoller* raw = poller.get();
        QObject::connect(raw, &agent::sync::UpdatePoller::bundleAvailable,
                         [&active, raw, pinned](qint64 serial, const QByteArray& archive, const QByteArray& sig) {
                             if (bundle::verifyBundleSignature(archive, sig, {pinned}).ok() &&
                                 bundle::Bundle::fromArchive(archive).ok()) {
                                 raw->setActiveSerial(serial);
                                 ++active;
                             }
                         });
        poller->start(30);
        connections.push_back(std::move(connection));
        pollers.push_back(std::move(poller));
    }
    auto spinUntil = [](const std::function<bool()>& done, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        return done();
    };
    if (!spinUntil([&] { return api.pendingPolls() == kAgents; }, 30000)) {
        state.SkipWithError("the agents did not all reach the long-poll");
        return;
    }

    qint64 serial = 1;
    for (auto _ : state) {
        ++serial;
        state.PauseTiming();
        const QByteArray archive = archiveFor(serial);
        const QByteArray signature = *bundle::signBundle(orgKey, archive, serial, QStringLiteral("r"));
        ApiRequest publish;
        publish.method = "POST";
        publish.path = "/v1/bundles";
        publish.headers.insert("authorization", "Bearer " + init->adminToken.toUtf8());
        publish.body = QJsonDocument(QJsonObject{{QStringLiteral("archive"), QString::fromLatin1(archive.toBase64())},
                                                 {QStringLiteral("signature"), QString::fromUtf8(signature)}})
                           .toJson(QJsonDocument::Compact);
        active = 0;
        state.ResumeTiming();
        QElapsedTimer elapsed;
        elapsed.start();
        int status = 0;
        api.handle(publish, [&](const ApiResponse& r) { status = r.status; });
        if (status != 201 || !spinUntil([&] { return active == kAgents; }, 10000)) {
            state.SkipWithError("not every agent activated the bundle");
            return;
        }
        state.SetIterationTime(double(elapsed.nsecsElapsed()) / 1e9);
        state.PauseTiming();
        spinUntil([&] { return api.pendingPolls() == kAgents; }, 30000);
        state.ResumeTiming();
    }
    for (auto& p : pollers)
        p->stop();
}
BENCHMARK(BM_BundlePushToActive)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

} // namespace
