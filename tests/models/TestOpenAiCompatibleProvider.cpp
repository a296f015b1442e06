// SPDX-License-Identifier: Apache-2.0
// The OpenAI-compatible provider against a scripted server on loopback: recorded answers
// (streamed and not), Azure's header and query, retries on 429 with Retry-After and on
// 5xx, malformed JSON, dropped connections, a stalled stream, cancellation mid-stream,
// a missing credential, and credentials kept out of error messages.
#include "FakeHttpServer.h"
#include "TestSupport.h"
#include "models/FileSecretStore.h"
#include "models/OpenAiCompatibleProvider.h"
#include "models/TokenEstimator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace corral;
using namespace corral::models;
using corral::test::FakeHttpServer;
using corral::test::FakeResponse;

namespace {

const QByteArray kKey = "sk-test-7f3a9c2e1b5d4f6a8c0e2b4d6f8a0c2e";

QString dataPath(const QString& name)
{
    return test::sourceDir() + QStringLiteral("/tests/models/data/http/") + name;
}

HttpSettings fastSettings()
{
    HttpSettings s;
    s.connectTimeoutMs = 2000;
    s.idleTimeoutMs = 2000;
    s.totalTimeoutMs = 15000;
    s.maxRetries = 2;
    s.backoffBaseMs = 20;
    s.backoffMaxMs = 100;
    s.retryAfterMaxMs = 5000;
    return s;
}

ModelRequest summaryRequest()
{
    ModelRequest request;
    request.system = QStringLiteral("You summarize sales reports in one sentence.");
    request.prompt = QStringLiteral("Summarize: Q3 revenue grew 12% to $4.2M ...");
    request.maxTokens = 200;
    return request;
}

QJsonObject bodyOf(const test::RecordedRequest& request)
{
    return QJsonDocument::fromJson(request.body).object();
}

} // namespace

class TestOpenAiCompatibleProvider : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<FileSecretStore> m_secrets;

    catalog::ModelInfo model(const FakeHttpServer& server) const
    {
        catalog::ModelInfo m;
        m.id = QStringLiteral("gpt-4o-plat-2026");
        m.provider = catalog::ModelProvider::OpenAiCompatible;
        m.endpoint = server.baseUrl() + QStringLiteral("/v1/");
        m.apiModel = QStringLiteral("gpt-4o");
        m.credential = QStringLiteral("gateway");
        m.temperature = 0.3;
        m.topP = 1;
        m.maxTokens = 1024;
        return m;
    }

    OpenAiCompatibleProvider provider(const FakeHttpServer& server, HttpSettings settings = fastSettings()) const
    {
        return OpenAiCompatibleProvider(model(server), m_secrets, settings);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_secrets = std::make_shared<FileSecretStore>(m_dir.filePath(QStringLiteral("secrets")));
        QVERIFY(m_secrets->set(QStringLiteral("gateway"), kKey).ok());
    }

    void nonStreamed()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, test::readFile(dataPath(QStringLiteral("openai-chat.json")))));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(response->text,
                 QStringLiteral("Q3 revenue grew 12% to $4.2M, led by the Nordic region; churn fell to 3.1%."));
        QCOMPARE(response->model, QStringLiteral("gpt-4o-plat-2026"));
        QCOMPARE(response->usage.inputTokens, 57);
        QCOMPARE(response->usage.outputTokens, 24);
        QCOMPARE(response->finish, ModelResponse::Finish::Stop);

        const auto requests = server.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].method, QByteArray("POST"));
        QCOMPARE(requests[0].target, QByteArray("/v1/chat/completions"));
        QCOMPARE(requests[0].headers.value("authorization"), "Bearer " + kKey);
        QVERIFY(!requests[0].headers.contains("api-key"));
        QCOMPARE(requests[0].headers.value("content-type"), QByteArray("application/json"));
        const QJsonObject body = bodyOf(requests[0]);
        QCOMPARE(body.value("model").toString(), QStringLiteral("gpt-4o"));
        QCOMPARE(body.value("max_tokens").toInt(), 200);
        QCOMPARE(body.value("temperature").toDouble(), 0.3);
        QVERIFY(!body.contains("top_p"));
        QVERIFY(!body.contains("stream"));
        const QJsonArray messages = body.value("messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value("role").toString(), QStringLiteral("system"));
        QCOMPARE(messages[0].toObject().value("content").toString(), summaryRequest().system);
        QCOMPARE(messages[1].toObject().value("role").toString(), QStringLiteral("user"));
        QCOMPARE(messages[1].toObject().value("content").toString(), summaryRequest().prompt);
    }

    void streamed()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::sseFile(dataPath(QStringLiteral("openai-chat-stream.sse")), 5));
        QStringList chunks;
        GenerateOptions options;
        options.onChunk = [&](const QString& chunk) { chunks << chunk; };
        auto response = provider(server).generate(summaryRequest(), options);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(chunks, QStringList({"Q3 revenue", " grew 12%", " to $4.2M, led by the Nordic region;",
                                      " churn fell to 3.1%."}));
        QCOMPARE(response->text, chunks.join(QString()));
        QCOMPARE(response->usage.inputTokens, 57);
        QCOMPARE(response->usage.outputTokens, 24);
        QCOMPARE(response->finish, ModelResponse::Finish::Stop);
        const auto requests = server.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].headers.value("accept"), QByteArray("text/event-stream"));
        const QJsonObject body = bodyOf(requests[0]);
        QCOMPARE(body.value("stream").toBool(), true);
        QCOMPARE(body.value("stream_options").toObject().value("include_usage").toBool(), true);
    }

    void lengthAndEstimatedUsage()
    {
        // A server that reports no usage (some local servers): usage is estimated, never 0.
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(
            200, R"({"choices":[{"index":0,"message":{"role":"assistant","content":"Revenue grew strongly in"},)"
                 R"("finish_reason":"length"}]})"));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY(response.ok());
        QCOMPARE(response->finish, ModelResponse::Finish::Length);
        QVERIFY(response->usage.inputTokens > 10);
        QCOMPARE(response->usage.outputTokens, estimateTokens(u"Revenue grew strongly in"));
    }

    void azureAndTopP()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, test::readFile(dataPath(QStringLiteral("openai-chat.json")))));
        catalog::ModelInfo m = model(server);
        m.endpoint = server.baseUrl() + QStringLiteral("/openai/deployments/gpt4o-prod");
        m.auth = catalog::ModelAuth::ApiKey;
        m.apiVersion = QStringLiteral("2024-10-21");
        m.topP = 0.9;
        auto response = OpenAiCompatibleProvider(m, m_secrets, fastSettings()).generate(summaryRequest());
        QVERIFY(response.ok());
        const auto requests = server.requests();
        QCOMPARE(requests[0].target,
                 QByteArray("/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21"));
        QCOMPARE(requests[0].headers.value("api-key"), kKey);
        QVERIFY(!requests[0].headers.contains("authorization"));
        QCOMPARE(bodyOf(requests[0]).value("top_p").toDouble(), 0.9);
    }

    void noCredentialSendsNoKey()
    {
        // vLLM, llama.cpp or Ollama on the local network: no credential in the catalog.
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, test::readFile(dataPath(QStringLiteral("openai-chat.json")))));
        catalog::ModelInfo m = model(server);
        m.credential.clear();
        auto response = OpenAiCompatibleProvider(m, nullptr, fastSettings()).generate(summaryRequest());
        QVERIFY(response.ok());
        QVERIFY(!server.requests()[0].headers.contains("authorization"));
    }

    void classification()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200,
                                          R"({"choices":[{"message":{"content":"Outage\n"},"finish_reason":"stop"}],)"
                                          R"("usage":{"prompt_tokens":30,"completion_tokens":2}})"));
        ModelRequest request;
        request.prompt = QStringLiteral("VPN is down for the whole Berlin office since 9:00.");
        request.labels = {Label{QStringLiteral("security"), {}}, Label{QStringLiteral("outage"), {}}};
        auto response = provider(server).generate(request);
        QVERIFY(response.ok());
        QCOMPARE(response->label, QStringLiteral("outage"));
        QCOMPARE(response->confidence, 1.0);
        const QString sent =
            bodyOf(server.requests()[0]).value("messages").toArray()[0].toObject().value("content").toString();
        QVERIFY(sent.endsWith(
            QStringLiteral("Answer with exactly one of these labels and nothing else: security, outage.")));
    }

    void retryAfterThenSuccess()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(429, R"({"error":{"message":"Rate limit reached","type":"requests"}})",
                                          {{"Retry-After", "1"}}));
        server.enqueue(FakeResponse::json(200, test::readFile(dataPath(QStringLiteral("openai-chat.json")))));
        QElapsedTimer clock;
        clock.start();
        auto response = provider(server).generate(summaryRequest());
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QVERIFY2(clock.elapsed() >= 1000, "Retry-After: 1 was not honoured");
        QCOMPARE(server.requests().size(), 2);
    }

    void retryAfterBeyondLimitGivesUp()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(429, R"({"error":{"message":"Quota exceeded"}})", {{"Retry-After", "3600"}}));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.http-status"));
        QCOMPARE(httpStatusOf(response.error()), std::optional<int>(429));
        QCOMPARE(response.error().message, QStringLiteral("HTTP 429 Too Many Requests from %1: Quota exceeded")
                                               .arg(QUrl(server.baseUrl()).authority()));
        QCOMPARE(server.requests().size(), 1);
    }

    void serverErrorsExhaustRetries()
    {
        FakeHttpServer server;
        for (int i = 0; i < 3; ++i)
            server.enqueue(FakeResponse::json(500, R"({"error":{"message":"The server had an error"}})"));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.http-status"));
        QCOMPARE(httpStatusOf(response.error()), std::optional<int>(500));
        QVERIFY2(response.error().message.endsWith(QStringLiteral(": The server had an error (3 attempts)")),
                 qPrintable(response.error().message));
        QCOMPARE(server.requests().size(), 3);
    }

    void clientErrorIsNotRetried()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(400, R"({"error":{"message":"max_tokens is too large"}})"));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(httpStatusOf(response.error()), std::optional<int>(400));
        QCOMPARE(server.requests().size(), 1);
    }

    void malformedJson()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, R"({"choices": [{"message": )"));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.malformed"));
        QVERIFY(response.error().message.startsWith(QStringLiteral("the response is not JSON")));
        QCOMPARE(server.requests().size(), 1);

        FakeHttpServer streaming;
        streaming.enqueue(FakeResponse::sse({"data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}", "data: {oops"}));
        GenerateOptions options;
        options.onChunk = [](const QString&) {};
        response = provider(streaming).generate(summaryRequest(), options);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.malformed"));
        QVERIFY(response.error().message.startsWith(QStringLiteral("a streamed chunk is not JSON")));
    }

    void droppedConnectionBeforeOutputIsRetried()
    {
        FakeHttpServer server;
        const QByteArray cut =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"choi";
        server.enqueue(FakeResponse::raw(cut));
        server.enqueue(FakeResponse::json(200, test::readFile(dataPath(QStringLiteral("openai-chat.json")))));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(server.requests().size(), 2);

        FakeHttpServer always;
        for (int i = 0; i < 3; ++i)
            always.enqueue(FakeResponse::raw(cut));
        response = provider(always).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.connection"));
        QVERIFY2(response.error().message.contains(QStringLiteral("dropped in the middle of the response")),
                 qPrintable(response.error().message));
        QCOMPARE(always.requests().size(), 3);
    }

    void droppedStreamAfterOutputIsNotRetried()
    {
        FakeHttpServer server;
        FakeResponse stream = FakeResponse::sse({"data: {\"choices\":[{\"delta\":{\"content\":\"Q3 revenue\"}}]}",
                                                 "data: {\"choices\":[{\"delta\":{\"content\":\" grew\"}}]}"});
        stream.parts.removeLast(); // no final chunk, no [DONE]: the connection just closes
        server.enqueue(stream);
        server.enqueue(FakeResponse::json(200, test::readFile(dataPath(QStringLiteral("openai-chat.json")))));
        QString streamedText;
        GenerateOptions options;
        options.onChunk = [&](const QString& chunk) { streamedText += chunk; };
        auto response = provider(server).generate(summaryRequest(), options);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.connection"));
        QCOMPARE(streamedText, QStringLiteral("Q3 revenue grew"));
        QCOMPARE(server.requests().size(), 1);
    }

    void streamWithoutDoneIsIncomplete()
    {
        FakeHttpServer server;
        HttpSettings settings = fastSettings();
        settings.maxRetries = 0;
        server.enqueue(FakeResponse::sse({"data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3}}"}));
        GenerateOptions options;
        options.onChunk = [](const QString&) {};
        auto response = provider(server, settings).generate(summaryRequest(), options);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.connection"));
        QCOMPARE(response.error().message, QStringLiteral("the stream ended before its \"[DONE]\" line"));
    }

    void stalledStream()
    {
        FakeHttpServer server;
        FakeResponse stream = FakeResponse::sse({"data: {\"choices\":[{\"delta\":{\"content\":\"Q3\"}}]}"});
        stream.parts.removeLast();
        stream.hang = true;
        server.enqueue(stream);
        HttpSettings settings = fastSettings();
        settings.idleTimeoutMs = 300;
        QString streamedText;
        GenerateOptions options;
        options.onChunk = [&](const QString& chunk) { streamedText += chunk; };
        QElapsedTimer clock;
        clock.start();
        auto response = provider(server, settings).generate(summaryRequest(), options);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.stalled"));
        QCOMPARE(response.error().message,
                 QStringLiteral("%1 sent nothing for 300 ms").arg(QUrl(server.baseUrl()).authority()));
        QCOMPARE(streamedText, QStringLiteral("Q3"));
        QVERIFY(clock.elapsed() < 5000);
        QCOMPARE(server.requests().size(), 1); // output was delivered: no retry
    }

    void totalTimeout()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse{{}, true}); // reads the request, never answers
        HttpSettings settings = fastSettings();
        settings.totalTimeoutMs = 400;
        QElapsedTimer clock;
        clock.start();
        auto response = provider(server, settings).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.timeout"));
        QCOMPARE(response.error().message,
                 QStringLiteral("no complete answer from %1 within 400 ms").arg(QUrl(server.baseUrl()).authority()));
        QVERIFY(clock.elapsed() < 3000);
    }

    void cancelMidStream()
    {
        FakeHttpServer server;
        FakeResponse stream = FakeResponse::sse({"data: {\"choices\":[{\"delta\":{\"content\":\"Q3\"}}]}"});
        stream.parts.removeLast();
        stream.hang = true;
        server.enqueue(stream);
        HttpSettings settings = fastSettings();
        settings.idleTimeoutMs = 10000;
        GenerateOptions options;
        std::thread canceller;
        options.onChunk = [&](const QString&) {
            // Another thread presses Stop while the stream is open.
            canceller = std::thread([token = options.cancellation] {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                token.cancel();
            });
        };
        QElapsedTimer clock;
        clock.start();
        auto response = provider(server, settings).generate(summaryRequest(), options);
        canceller.join();
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.cancelled"));
        QVERIFY2(clock.elapsed() < 2000, "the reply was not aborted promptly");
        QTRY_COMPARE(server.clientDisconnects(), 1);
    }

    void missingCredential()
    {
        FakeHttpServer server;
        catalog::ModelInfo m = model(server);
        m.credential = QStringLiteral("not-set-yet");
        auto response = OpenAiCompatibleProvider(m, m_secrets, fastSettings()).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.credential-missing"));
        QCOMPARE(response.error().message,
                 QStringLiteral("the credential 'not-set-yet' of model 'gpt-4o-plat-2026' is not in %1; "
                                "set it with: corral secrets set not-set-yet")
                     .arg(m_secrets->location()));
        QCOMPARE(server.requests().size(), 0);

        response = OpenAiCompatibleProvider(m, nullptr, fastSettings()).generate(summaryRequest());
        QCOMPARE(response.error().code, QStringLiteral("model.credential-missing"));
    }

    void secretNeverInErrors()
    {
        // Nothing the call logs (Qt's message handler sees every qDebug/qWarning) names the key.
        static QStringList logged;
        logged.clear();
        const QtMessageHandler previous =
            qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString& text) { logged << text; });
        const auto restore = qScopeGuard([&] { qInstallMessageHandler(previous); });

        // A server that echoes the key it was sent in its error message.
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(401, R"({"error":{"message":"Incorrect API key provided: )" + kKey +
                                                   R"(","type":"invalid_request_error"}})"));
        auto response = provider(server).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(httpStatusOf(response.error()), std::optional<int>(401));
        QVERIFY(!response.error().toString().contains(QString::fromLatin1(kKey)));
        QVERIFY(response.error().message.endsWith(QStringLiteral("Incorrect API key provided: [redacted]")));

        // An error inside a stream, before any output, is retried like a 5xx.
        FakeHttpServer streaming;
        for (int i = 0; i < 3; ++i)
            streaming.enqueue(
                FakeResponse::sse({R"(data: {"error":{"message":"bad key )" + kKey + R"(","type":"auth"}})"}));
        GenerateOptions options;
        options.onChunk = [](const QString&) {};
        response = provider(streaming).generate(summaryRequest(), options);
        QCOMPARE(response.error().code, QStringLiteral("model.provider-error"));
        QCOMPARE(response.error().message, QStringLiteral("the API reported auth: bad key [redacted] (3 attempts)"));
        QCOMPARE(streaming.requests().size(), 3);
        for (const QString& line : logged)
            QVERIFY2(!line.contains(QString::fromLatin1(kKey)), qPrintable(line));
        QVERIFY(!response.error().toString().contains(QString::fromLatin1(kKey)));
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            FakeHttpServer server; // take a free port, then close it
            port = QUrl(server.baseUrl()).port();
        }
        catalog::ModelInfo m;
        m.id = QStringLiteral("llama");
        m.provider = catalog::ModelProvider::OpenAiCompatible;
        m.endpoint = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        HttpSettings settings = fastSettings();
        settings.maxRetries = 1;
        auto response = OpenAiCompatibleProvider(m, nullptr, settings).generate(summaryRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.connection"));
        QVERIFY2(response.error().message.startsWith(QStringLiteral("cannot reach 127.0.0.1:%1: ").arg(port)),
                 qPrintable(response.error().message));
        QVERIFY(response.error().message.endsWith(QStringLiteral("(2 attempts)")));
    }

    void fromWorkerThread()
    {
        // The agent calls generate() synchronously on a plain worker thread.
        FakeHttpServer server;
        server.enqueue(FakeResponse::sseFile(dataPath(QStringLiteral("openai-chat-stream.sse"))));
        std::optional<Result<ModelResponse>> result;
        int chunks = 0;
        OpenAiCompatibleProvider p = provider(server);
        std::thread worker([&] {
            GenerateOptions options;
            options.onChunk = [&](const QString&) { ++chunks; };
            result = p.generate(summaryRequest(), options);
        });
        worker.join();
        QVERIFY(result && result->ok());
        QCOMPARE(chunks, 4);
        QCOMPARE(result->value().usage.outputTokens, 24);
    }
};

QTEST_GUILESS_MAIN(TestOpenAiCompatibleProvider)
#include "TestOpenAiCompatibleProvider.moc"
