// SPDX-License-Identifier: Apache-2.0
#include "OpenAiCompatibleProvider.h"

#include "ProviderSupport.h"
#include "SseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace corral::models {

namespace {

// Reads a chat completion: one JSON object, or chunks ("data: {...}") ending with
// "data: [DONE]", the usage in a last chunk with no choices.
class ChatCompletionSink final : public ResponseSink
{
public:
    ChatCompletionSink(bool stream, std::function<void(const QString&)> onChunk)
        : m_stream(stream), m_onChunk(std::move(onChunk))
    {}

    void reset() override
    {
        m_body.clear();
        m_sse.reset();
        m_text.clear();
        m_usage.reset();
        m_finish.clear();
        m_done = false;
    }

    Result<void> feed(QByteArrayView bytes) override
    {
        if (!m_stream) {
            m_body.append(bytes);
            return {};
        }
        for (const SseEvent& event : m_sse.feed(bytes)) {
            if (m_done)
                continue;
            if (event.data.trimmed() == "[DONE]") {
                m_done = true;
                continue;
            }
            auto chunk = detail::parseObject(event.data, QStringLiteral("a streamed chunk"));
            if (!chunk)
                return chunk.error();
            if (auto read = readChunk(*chunk); !read)
                return read;
        }
        return {};
    }

    Result<void> finish() override
    {
        if (m_stream) {
            if (!m_done)
                return makeError(QStringLiteral("model.connection"),
                                 QStringLiteral("the stream ended before its \"[DONE]\" line"));
            return {};
        }
        auto root = detail::parseObject(m_body, QStringLiteral("the response"));
        if (!root)
            return root.error();
        if (root->value(QStringLiteral("error")).isObject())
            return detail::providerError(root->value(QStringLiteral("error")).toObject());
        const QJsonArray choices = root->value(QStringLiteral("choices")).toArray();
        if (choices.isEmpty() || !choices.first().toObject().value(QStringLiteral("message")).isObject())
            return detail::malformed(QStringLiteral("the response has no choices[0].message"));
        const QJsonObject choice = choices.first().toObject();
        const QJsonValue content = choice.value(QStringLiteral("message")).toObject().value(QStringLiteral("content"));
        if (!content.isString() && !content.isNull())
            return detail::malformed(QStringLiteral("choices[0].message.content is not text"));
        m_text = content.toString();
        m_finish = choice.value(QStringLiteral("finish_reason")).toString();
        readUsage(root->value(QStringLiteral("usage")));
        return {};
    }

    bool hasDelivered() const override { return m_delivered; }

    const QString& text() const { return m_text; }
    const std::optional<Usage>& usage() const { return m_usage; }
    const QString& finishReason() const { return m_finish; }

private:
    Result<void> readChunk(const QJsonObject& chunk)
    {
        if (chunk.value(QStringLiteral("error")).isObject())
            return detail::providerError(chunk.value(QStringLiteral("error")).toObject());
        readUsage(chunk.value(QStringLiteral("usage")));
        // Azure sends a first chunk with prompt filter results and no choices.
        const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
        if (choices.isEmpty())
            return {};
        const QJsonObject choice = choices.first().toObject();
        const QJsonValue piece = choice.value(QStringLiteral("delta")).toObject().value(QStringLiteral("content"));
        if (piece.isString() && !piece.toString().isEmpty()) {
            m_text += piece.toString();
            m_delivered = true;
            if (m_onChunk)
                m_onChunk(piece.toString());
        }
        const QJsonValue finish = choice.value(QStringLiteral("finish_reason"));
        if (finish.isString())
            m_finish = finish.toString();
        return {};
    }

    void readUsage(const QJsonValue& value)
    {
        if (!value.isObject())
            return;
        const QJsonObject usage = value.toObject();
        m_usage = Usage{usage.value(QStringLiteral("prompt_tokens")).toInt(),
                        usage.value(QStringLiteral("completion_tokens")).toInt()};
    }

    const bool m_stream;
    const std::function<void(const QString&)> m_onChunk;
    QByteArray m_body;
    SseParser m_sse;
    QString m_text;
    std::optional<Usage> m_usage;
    QString m_finish;
    bool m_done = false;
    bool m_delivered = false;
};

} // namespace

OpenAiCompatibleProvider::OpenAiCompatibleProvider(catalog::ModelInfo model, std::shared_ptr<const SecretStore> secrets,
                                                   HttpSettings settings)
    : m_model(std::move(model)), m_secrets(std::move(secrets)), m_settings(settings)
{}

QUrl OpenAiCompatibleProvider::url() const
{
    QUrl url = detail::endpointUrl(m_model, QStringLiteral("/chat/completions"));
    if (!m_model.apiVersion.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("api-version"), m_model.apiVersion);
        url.setQuery(query);
    }
    return url;
}

QByteArray OpenAiCompatibleProvider::requestBody(const ModelRequest& request, bool stream) const
{
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), request.system}});
    messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), detail::userContent(request)}});
    QJsonObject body{
        {QStringLiteral("model"), m_model.apiModel.isEmpty() ? m_model.id : m_model.apiModel},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("max_tokens"), detail::maxTokens(request, m_model)},
        {QStringLiteral("temperature"), m_model.temperature},
    };
    if (m_model.topP < 1)
        body.insert(QStringLiteral("top_p"), m_model.topP);
    if (stream) {
        body.insert(QStringLiteral("stream"), true);
        body.insert(QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}});
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<ModelResponse> OpenAiCompatibleProvider::generate(const ModelRequest& request, const GenerateOptions& options)
{
    if (options.cancellation.isCancelled())
        return makeError(QStringLiteral("model.cancelled"), QStringLiteral("generation was cancelled"));
    auto key = detail::loadCredential(m_secrets.get(), m_model);
    if (!key)
        return key.error();

    const bool stream = bool(options.onChunk);
    HttpCall call;
    call.request.setUrl(url());
    call.request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    call.request.setRawHeader("Accept", stream ? "text/event-stream" : "application/json");
    if (!key->isEmpty()) {
        const QByteArray secret = key->view().toByteArray();
        if (m_model.auth == catalog::ModelAuth::ApiKey)
            call.request.setRawHeader("api-key", secret);
        else
            call.request.setRawHeader("Authorization", "Bearer " + secret);
        call.secrets << secret;
    }
    call.body = requestBody(request, stream);
    call.streaming = stream;

    ChatCompletionSink sink(stream, options.onChunk);
    if (auto posted = HttpExchange(m_settings).post(call, options.cancellation, sink); !posted)
        return posted.error();

    ModelResponse response;
    response.model = m_model.id;
    response.text = sink.text();
    response.finish =
        sink.finishReason() == QLatin1String("length") ? ModelResponse::Finish::Length : ModelResponse::Finish::Stop;
    response.usage =
        sink.usage().value_or(detail::estimatedUsage(request.system, detail::userContent(request), response.text));
    detail::readLabel(request, response);
    return response;
}

} // namespace corral::models
