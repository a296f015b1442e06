// SPDX-License-Identifier: Apache-2.0
// The Anthropic Messages provider against a scripted server on loopback: recorded answers
// (streamed and not) with their usage, the headers and body it sends, an overloaded error
// inside a stream (retried), a stream cut before message_stop, malformed events, 529 and
// a missing credential.
#include "FakeHttpServer.h"
#include "TestSupport.h"
#include "models/AnthropicProvider.h"
#include "models/FileSecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::models;
using corral::test::FakeHttpServer;
using corral::test::FakeResponse;

namespace {

const QByteArray kKey = "sk-ant-api03-test-Q2hhbmdlIG1lIHBsZWFzZQ-AbCdEf";
const QString kText =
    QStringLiteral("The contract renews automatically on 1 March unless either party gives 90 days' notice.");

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
    return s;
}

ModelRequest contractRequest()
{
    ModelRequest request;
    request.system = QStringLiteral("You answer questions about contracts.");
    request.documents = {Document{QStringLiteral("contract.txt"), QStringLiteral("Renewal: this agreement renews...")}};
    request.question = QStringLiteral("When does it renew?");
    request.maxTokens = 300;
    return request;
}

} // namespace

class TestAnthropicProvider : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<FileSecretStore> m_secrets;

    AnthropicProvider provider(const FakeHttpServer& server, const QString& credential = QStringLiteral("anthropic"))
    {
        catalog::ModelInfo m;
        m.id = QStringLiteral("claude-sonnet-plat-2026");
        m.provider = catalog::ModelProvider::Anthropic;
        m.endpoint = server.baseUrl() + QStringLiteral("/anthropic");
        m.apiModel = QStringLiteral("claude-sonnet-4-5");
        m.credential = credential;
        m.temperature = 0.2;
        return AnthropicProvider(m, m_secrets, fastSettings());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_secrets = std::make_shared<FileSecretStore>(m_dir.filePath(QStringLiteral("secrets")));
        QVERIFY(m_secrets->set(QStringLiteral("anthropic"), kKey).ok());
    }

    void nonStreamed()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, test::readFile(dataPath(QStringLiteral("anthropic-message.json")))));
        auto response = provider(server).generate(contractRequest());
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(response->text, kText);
        QCOMPARE(response->model, QStringLiteral("claude-sonnet-plat-2026"));
        QCOMPARE(response->usage.inputTokens, 412);
        QCOMPARE(response->usage.outputTokens, 21);
        QCOMPARE(response->finish, ModelResponse::Finish::Stop);

        const auto requests = server.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].target, QByteArray("/anthropic/v1/messages"));
        QCOMPARE(requests[0].headers.value("x-api-key"), kKey);
        QCOMPARE(requests[0].headers.value("anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(!requests[0].headers.contains("authorization"));
        const QJsonObject body = QJsonDocument::fromJson(requests[0].body).object();
        QCOMPARE(body.value("model").toString(), QStringLiteral("claude-sonnet-4-5"));
        QCOMPARE(body.value("max_tokens").toInt(), 300);
        QCOMPARE(body.value("system").toString(), contractRequest().system);
        QCOMPARE(body.value("temperature").toDouble(), 0.2);
        QVERIFY(!body.contains("top_p"));
        QVERIFY(!body.contains("stream"));
        const QJsonArray messages = body.value("messages").toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages[0].toObject().value("role").toString(), QStringLiteral("user"));
        QCOMPARE(messages[0].toObject().value("content").toString(),
                 QStringLiteral("Source: contract.txt\n\nRenewal: this agreement renews...\n\n"
                                "Question: When does it renew?"));
    }

    void streamed()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::sseFile(dataPath(QStringLiteral("anthropic-message-stream.sse")), 5));
        QStringList chunks;
        GenerateOptions options;
        options.onChunk = [&](const QString& chunk) { chunks << chunk; };
        auto response = provider(server).generate(contractRequest(), options);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(chunks, QStringList({"The contract renews", " automatically on 1 March",
                                      " unless either party gives 90 days' notice."}));
        QCOMPARE(response->text, kText);
        QCOMPARE(response->usage.inputTokens, 412);
        QCOMPARE(response->usage.outputTokens, 21); // message_delta's total, not message_start's 1
        QCOMPARE(QJsonDocument::fromJson(server.requests()[0].body).object().value("stream").toBool(), true);
    }

    void maxTokensStop()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(
            200, R"({"type":"message","content":[{"type":"text","text":"The contract"}],"stop_reason":"max_tokens",)"
                 R"("usage":{"input_tokens":10,"cache_read_input_tokens":90,"output_tokens":2}})"));
        auto response = provider(server).generate(contractRequest());
        QVERIFY(response.ok());
        QCOMPARE(response->finish, ModelResponse::Finish::Length);
        QCOMPARE(response->usage.inputTokens, 100); // cached prompt tokens count too
    }

    void overloadedInStreamIsRetried()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::sse(
            {"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":412}}}",
             "event: error\ndata: "
             "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"}));
        server.enqueue(FakeResponse::sseFile(dataPath(QStringLiteral("anthropic-message-stream.sse"))));
        QString text;
        GenerateOptions options;
        options.onChunk = [&](const QString& chunk) { text += chunk; };
        auto response = provider(server).generate(contractRequest(), options);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(text, kText);
        QCOMPARE(server.requests().size(), 2);
    }

    void overloadedStatusExhaustsRetries()
    {
        FakeHttpServer server;
        for (int i = 0; i < 3; ++i) {
            server.enqueue(FakeResponse::json(
                529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
        }
        auto response = provider(server).generate(contractRequest());
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.http-status"));
        QCOMPARE(httpStatusOf(response.error()), std::optional<int>(529));
        QVERIFY(response.error().message.endsWith(QStringLiteral(": Overloaded (3 attempts)")));
        QCOMPARE(server.requests().size(), 3);
    }

    void cutBeforeMessageStop()
    {
        FakeHttpServer server;
        server.enqueue(
            FakeResponse::sse({"event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                               "\"delta\":{\"type\":\"text_delta\",\"text\":\"The contract\"}}"}));
        GenerateOptions options;
        options.onChunk = [](const QString&) {};
        auto response = provider(server).generate(contractRequest(), options);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, QStringLiteral("model.connection"));
        QCOMPARE(response.error().message, QStringLiteral("the stream ended before its message_stop event"));
        QCOMPARE(server.requests().size(), 1); // text was delivered: no retry
    }

    void malformed()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(200, R"({"type":"message","content":"not an array"})"));
        auto response = provider(server).generate(contractRequest());
        QCOMPARE(response.error().code, QStringLiteral("model.malformed"));
        QCOMPARE(response.error().message, QStringLiteral("the response has no content array"));

        FakeHttpServer streaming;
        streaming.enqueue(FakeResponse::sse({"event: message_start\ndata: {\"type\":\"message_start\""}));
        GenerateOptions options;
        options.onChunk = [](const QString&) {};
        response = provider(streaming).generate(contractRequest(), options);
        QCOMPARE(response.error().code, QStringLiteral("model.malformed"));
        QVERIFY(response.error().message.startsWith(QStringLiteral("a streamed event is not JSON")));
        QCOMPARE(streaming.requests().size(), 1);
    }

    void missingCredential()
    {
        FakeHttpServer server;
        auto response = provider(server, QStringLiteral("anthropic-prod")).generate(contractRequest());
        QCOMPARE(response.error().code, QStringLiteral("model.credential-missing"));
        QVERIFY(response.error().message.contains(QStringLiteral("'anthropic-prod'")));
        QCOMPARE(server.requests().size(), 0);
    }

    void keyNeverInErrors()
    {
        FakeHttpServer server;
        server.enqueue(FakeResponse::json(
            401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key )" + kKey +
                     R"("}})"));
        auto response = provider(server).generate(contractRequest());
        QCOMPARE(httpStatusOf(response.error()), std::optional<int>(401));
        QVERIFY(!response.error().toString().contains(QString::fromLatin1(kKey)));
        QVERIFY(response.error().message.endsWith(QStringLiteral("invalid x-api-key [redacted]")));
    }

    void urls()
    {
        catalog::ModelInfo m;
        m.id = QStringLiteral("claude");
        m.provider = catalog::ModelProvider::Anthropic;
        m.endpoint = QStringLiteral("https://api.anthropic.com");
        QCOMPARE(AnthropicProvider(m, nullptr).url(), QUrl(QStringLiteral("https://api.anthropic.com/v1/messages")));
        m.endpoint = QStringLiteral("https://api.anthropic.com/v1/");
        QCOMPARE(AnthropicProvider(m, nullptr).url(), QUrl(QStringLiteral("https://api.anthropic.com/v1/messages")));
    }
};

QTEST_GUILESS_MAIN(TestAnthropicProvider)
#include "TestAnthropicProvider.moc"
