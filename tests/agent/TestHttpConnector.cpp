// SPDX-License-Identifier: Apache-2.0
// The http connector against a scripted server on loopback: only allowed hosts, methods
// and paths beneath the base URL, HTTPS except on loopback, redirects only to allowed
// places, and responses cut off by size, time and cancellation.
#include "FakeHttpServer.h"
#include "agent/HttpConnector.h"

#include <QElapsedTimer>
#include <QTest>
#include <thread>

using namespace corral;
using namespace corral::agent;
using corral::test::FakeHttpServer;
using corral::test::FakeResponse;

class TestHttpConnector : public QObject
{
    Q_OBJECT

    static HttpConnectorSettings loopback(const FakeHttpServer& server)
    {
        HttpConnectorSettings s;
        s.baseUrl = server.baseUrl() + QStringLiteral("/api");
        s.hosts = {QStringLiteral("127.0.0.1")};
        s.methods = {QStringLiteral("GET"), QStringLiteral("POST")};
        s.maxResponseBytes = 1000;
        s.timeoutMs = 2000;
        return s;
    }

    static HttpRequest get(const QString& path)
    {
        HttpRequest r;
        r.method = QStringLiteral("GET");
        r.path = path;
        return r;
    }

private Q_SLOTS:
    void getOnLoopback()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, R"({"ok":true})"));
        HttpConnector connector(loopback(server));
        HttpRequest request = get(QStringLiteral("tickets/42"));
        request.query = {{QStringLiteral("q"), QStringLiteral("a b")}};
        request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json")}};
        Result<HttpResponse> response = connector.perform(request, {});
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, QByteArray(R"({"ok":true})"));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().first().target, QByteArray("/api/tickets/42?q=a%20b"));
        QCOMPARE(server.requests().first().headers.value("accept"), QByteArray("application/json"));
    }

    void pathsStayBeneathTheBaseUrl_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("absolute URL") << QStringLiteral("http://evil.example/x");
        QTest::newRow("scheme-relative") << QStringLiteral("//evil.example/x");
        QTest::newRow("traversal") << QStringLiteral("../admin");
        QTest::newRow("inner traversal") << QStringLiteral("a/../../admin");
        QTest::newRow("encoded dot") << QStringLiteral("%2e%2e/admin");
        QTest::newRow("encoded slash") << QStringLiteral("a%2f..%2fadmin");
        QTest::newRow("backslash") << QStringLiteral("a\\..\\admin");
    }

    void pathsStayBeneathTheBaseUrl()
    {
        QFETCH(QString, path);
        FakeHttpServer server;
        HttpConnector connector(loopback(server));
        Result<HttpResponse> response = connector.perform(get(path), {});
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("http.url"));
        QVERIFY(server.requests().isEmpty());
    }

    void refusals()
    {
        FakeHttpServer server;
        HttpConnectorSettings settings = loopback(server);
        HttpRequest put = get(QStringLiteral("x"));
        put.method = QStringLiteral("PUT");
        QCOMPARE(HttpConnector(settings).perform(put, {}).error().code, QStringLiteral("http.method"));
        HttpRequest reserved = get(QStringLiteral("x"));
        reserved.headers = {{QStringLiteral("Host"), QStringLiteral("evil.example")}};
        QCOMPARE(HttpConnector(settings).perform(reserved, {}).error().code, QStringLiteral("http.header"));
        settings.hosts = {QStringLiteral("api.example.com")};
        QCOMPARE(HttpConnector(settings).perform(get(QStringLiteral("x")), {}).error().code,
                 QStringLiteral("http.host"));
        // Plain HTTP only to this computer.
        HttpConnectorSettings remote;
        remote.baseUrl = QStringLiteral("http://api.example.com");
        remote.hosts = {QStringLiteral("api.example.com")};
        remote.methods = {QStringLiteral("GET")};
        const Result<QUrl> url = HttpConnector(remote).resolve(get(QStringLiteral("x")));
        QCOMPARE(url.error().code, QStringLiteral("http.scheme"));
        QVERIFY(server.requests().isEmpty());
    }

    void redirectsOnlyToAllowedPlaces()
    {
        FakeHttpServer server;
        const QByteArray inside = server.baseUrl().toUtf8() + "/api/moved";
        server.enqueue(FakeResponse::json(302, "", {{"Location", inside}}));
        server.enqueue(FakeResponse::json(200, "here"));
        HttpConnector connector(loopback(server));
        Result<HttpResponse> followed = connector.perform(get(QStringLiteral("old")), {});
        QVERIFY(followed.ok());
        QCOMPARE(followed->body, QByteArray("here"));
        QCOMPARE(server.requests().size(), 2);

        const QByteArray outside = "http://localhost:" + QByteArray::number(QUrl(server.baseUrl()).port()) + "/steal";
        server.enqueue(FakeResponse::json(301, "", {{"Location", outside}}));
        Result<HttpResponse> refused = connector.perform(get(QStringLiteral("old")), {});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("http.redirect"));
        QCOMPARE(server.requests().size(), 3); // the redirect target was never asked
    }

    void responsesAreLimited()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, QByteArray(5000, 'x')));
        HttpConnector connector(loopback(server));
        Result<HttpResponse> large = connector.perform(get(QStringLiteral("big")), {});
        QCOMPARE(large.error().code, QStringLiteral("http.too-large"));

        FakeResponse stalled;
        stalled.parts = {{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", 0}};
        stalled.hang = true;
        server.enqueue(stalled);
        HttpConnectorSettings quick = loopback(server);
        quick.timeoutMs = 300;
        QElapsedTimer timer;
        timer.start();
        Result<HttpResponse> slow = HttpConnector(quick).perform(get(QStringLiteral("slow")), {});
        QCOMPARE(slow.error().code, QStringLiteral("http.timeout"));
        QVERIFY(timer.elapsed() < 2000);
    }

    void cancelAbortsTheRequest()
    {
        FakeHttpServer server;
        FakeResponse stalled;
        stalled.parts = {{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", 0}};
        stalled.hang = true;
        server.enqueue(stalled);
        HttpConnector connector(loopback(server));
        models::CancellationToken cancel;
        std::thread canceller([cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            cancel.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        Result<HttpResponse> response = connector.perform(get(QStringLiteral("slow")), cancel);
        canceller.join();
        QCOMPARE(response.error().code, QStringLiteral("http.cancelled"));
        QVERIFY(timer.elapsed() < 1500);
    }
};

QTEST_GUILESS_MAIN(TestHttpConnector)
#include "TestHttpConnector.moc"
