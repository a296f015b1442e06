// SPDX-License-Identifier: Apache-2.0
// Agent protocol and scoped file access costs: framing + decoding + dispatch + encoding
// of a typical request line; a request/response round trip between two threads over a
// Unix socket pair and over QLocalServer/QLocalSocket with LocalConnection (the agent's
// real path, peer check included); and reading a 4 KiB file through ScopedDirectory
// against a plain open/read/close of the same file.
#include "agent/LocalConnection.h"
#include "agent/platform/linux/ScopedDirectory.h"
#include "ipc/Peer.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QThread>
#include <atomic>
#include <benchmark/benchmark.h>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace corral;

namespace {

const QByteArray kRequestLine =
    R"({"jsonrpc":"2.0","id":42,"method":"run.start","params":{"app":"sales-summarizer","inputs":{"folder":"Reports/2024","question":"What is the forecast for Q4 revenue?"},"interactive":false}})"
    "\n";

ipc::Dispatcher makeDispatcher()
{
    ipc::Dispatcher d;
    d.add(QStringLiteral("run.start"), [](const QJsonValue& params) -> ipc::HandlerResult {
        ipc::ParamReader p(params);
        const QString app = p.string(QStringLiteral("app"));
        p.object(QStringLiteral("inputs"));
        p.boolean(QStringLiteral("interactive"), false);
        p.rejectUnknown();
        if (p.failed())
            return p.error();
        return QJsonValue(QJsonObject{{QStringLiteral("run"), 1234}, {QStringLiteral("app"), app}});
    });
    return d;
}

void BM_FrameDecodeDispatchEncode(benchmark::State& state)
{
    const ipc::Dispatcher dispatcher = makeDispatcher();
    qsizetype bytes = 0;
    ipc::Peer peer(dispatcher, [&](const QByteArray& line) { bytes += line.size(); });
    for (auto _ : state)
        peer.receive(kRequestLine);
    benchmark::DoNotOptimize(bytes);
    state.SetBytesProcessed(state.iterations() * kRequestLine.size());
}
BENCHMARK(BM_FrameDecodeDispatchEncode);

void BM_DecodeOnly(benchmark::State& state)
{
    const QByteArray line = kRequestLine.chopped(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(ipc::decode(line));
}
BENCHMARK(BM_DecodeOnly);

// The agent end runs in its own thread and answers through a Peer; the client end
// writes a request line and blocks until the whole response line is back.
void BM_SocketPairRoundTrip(benchmark::State& state)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        state.SkipWithError("socketpair failed");
        return;
    }
    std::thread agent([fd = fds[1]] {
        const ipc::Dispatcher dispatcher = makeDispatcher();
        ipc::Peer peer(dispatcher, [fd](const QByteArray& line) { (void)!::write(fd, line.constData(), line.size()); });
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n <= 0)
                break;
            peer.receive(QByteArrayView(buffer, n));
        }
        ::close(fd);
    });
    char buffer[4096];
    for (auto _ : state) {
        (void)!::write(fds[0], kRequestLine.constData(), kRequestLine.size());
        for (;;) {
            const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n <= 0 || buffer[n - 1] == '\n')
                break;
        }
    }
    ::shutdown(fds[0], SHUT_WR);
    agent.join();
    ::close(fds[0]);
}
BENCHMARK(BM_SocketPairRoundTrip)->UseRealTime();

// The agent side: a QLocalServer in its own thread, each connection wrapped in a
// LocalConnection as the daemon does.
class AgentThread : public QThread
{
public:
    explicit AgentThread(QString name) : m_name(std::move(name)) {}
    std::atomic<bool> listening{false};

protected:
    void run() override
    {
        const ipc::Dispatcher dispatcher = makeDispatcher();
        QLocalServer server;
        if (!server.listen(m_name))
            return;
        std::vector<std::unique_ptr<agent::LocalConnection>> connections;
        QObject::connect(&server, &QLocalServer::newConnection, [&] {
            while (QLocalSocket* s = server.nextPendingConnection()) {
                auto c = agent::LocalConnection::accept(s, dispatcher, agent::currentUserId());
                if (c.ok())
                    connections.push_back(std::move(c).value());
            }
        });
        listening = true;
        exec();
    }

private:
    QString m_name;
};

void BM_LocalSocketRoundTrip(benchmark::State& state)
{
    QTemporaryDir dir;
    AgentThread agentThread(dir.filePath(QStringLiteral("agent.sock")));
    agentThread.start();
    while (!agentThread.listening)
        QThread::msleep(1);
    QLocalSocket client;
    client.connectToServer(dir.filePath(QStringLiteral("agent.sock")));
    if (!client.waitForConnected(5000)) {
        state.SkipWithError("cannot connect");
    } else {
        for (auto _ : state) {
            client.write(kRequestLine);
            client.flush();
            while (!client.canReadLine())
                client.waitForReadyRead(5000);
            benchmark::DoNotOptimize(client.readLine());
        }
    }
    client.disconnectFromServer();
    agentThread.quit();
    agentThread.wait();
}
BENCHMARK(BM_LocalSocketRoundTrip)->UseRealTime();

struct FileFixture
{
    std::string dir;
    std::string file;
    FileFixture()
    {
        char tmpl[] = "/tmp/corral-bench-XXXXXX";
        dir = ::mkdtemp(tmpl);
        ::mkdir((dir + "/docs").c_str(), 0700);
        file = dir + "/docs/report.txt";
        const std::string content(4096, 'r');
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        (void)!::write(fd, content.data(), content.size());
        ::close(fd);
    }
    ~FileFixture()
    {
        ::unlink(file.c_str());
        ::rmdir((dir + "/docs").c_str());
        ::rmdir(dir.c_str());
    }
};

void BM_PlainRead4KiB(benchmark::State& state)
{
    FileFixture f;
    char buffer[8192];
    for (auto _ : state) {
        const int fd = ::open(f.file.c_str(), O_RDONLY | O_CLOEXEC);
        ssize_t total = 0;
        for (ssize_t n; (n = ::read(fd, buffer + total, sizeof buffer - total)) > 0;)
            total += n;
        ::close(fd);
        benchmark::DoNotOptimize(total);
    }
}
BENCHMARK(BM_PlainRead4KiB);

void BM_ScopedRead4KiB(benchmark::State& state)
{
    FileFixture f;
    auto dir = agent::platform::ScopedDirectory::open(QString::fromStdString(f.dir), agent::ScopeLimits{});
    if (!dir.ok()) {
        state.SkipWithError("cannot open the root");
        return;
    }
    const QString path = QStringLiteral("docs/report.txt");
    for (auto _ : state) {
        Result<QByteArray> r = dir.value()->readFile(path);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ScopedRead4KiB);

} // namespace

int main(int argc, char** argv)
{
    // QLocalServer needs an application object for its event loop.
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
