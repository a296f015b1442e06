// SPDX-License-Identifier: Apache-2.0
#include "AnthropicProvider.h"

#include "ProviderSupport.h"
#include "SseParser.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace corral::models {

namespace {

int inputTokens(const QJsonObject& usage)
{
    // Cached prompt tokens are still prompt tokens for quotas and cost.
    return usage.value(QStringLiteral("input_tokens")).toInt() +
           usage.value(QStringLiteral("cache_creation_input_tokens")).toInt() +
           usage.value(QStringLiteral("cache_read_input_tokens")).toInt();
}

class MessagesSink final : public ResponseSink
{
public:
    MessagesSink(bool stream, std::function<void(const QString&)> onChunk)
        : m_stream(stream), m_onChunk(std::move(onChunk))
    {}

    void reset() override
    {
        m_body.clear();
        m_sse.reset();
        m_text.clear();
        m_usage.reset();
        m_stopReason.clear();
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
            auto data = detail::parseObject(event.data, QStringLiteral("a streamed event"));
            if (!data)
                return data.error();
            if (auto read = readEvent(*data); !read)
                return read;
        }
        return {};
    }

    Result<void> finish() override
    {
        if (m_stream) {
            if (!m_done)
                return makeError(QStringLiteral("model.connection"),
                                 QStringLiteral("the stream ended before its message_stop event"));
            return {};
        }
        auto root = detail::parseObject(m_body, QStringLiteral("the response"));
        if (!root)
            return root.error();
        if (root->value(QStringLiteral("type")).toString() == QLatin1String("error"))
            return detail::providerError(root->value(QStringLiteral("error")).toObject());
        if (!root->value(QStringLiteral("content")).isArray())
            return detail::malformed(QStringLiteral("the response has no content array"));
        for (const QJsonValue& block : root->value(QStringLiteral("content")).toArray()) {
            if (block.toObject().value(QStringLiteral("type")).toString() == QLatin1String("text"))
                m_text += block.toObject().value(QStringLiteral("text")).toString();
        }
        m_stopReason = root->value(QStringLiteral("stop_reason")).toString();
        const QJsonObject usage = root->value(QStringLiteral("usage")).toObject();
        if (!usage.isEmpty())
            m_usage = Usage{inputTokens(usage), usage.value(QStringLiteral("output_tokens")).toInt()};
        return {};
    }

    bool hasDelivered() const override { return m_delivered; }

    const QString& text() const { return m_text; }
    const std::optional<Usage>& usage() const { return m_usage; }
    const QString& stopReason() const { return m_stopReason; }

private:
    Result<void> readEvent(const QJsonObject& data)
    {
        const QString type = data.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("message_start")) {
            const QJsonObject usage =
                data.value(QStringLiteral("message")).toObject().value(QStringLiteral("usage")).toObject();
            m_usage = Usage{inputTokens(usage), usage.value(QStringLiteral("output_tokens")).toInt()};
        } else if (type == QLatin1String("content_block_delta")) {
            const QJsonObject delta = data.value(QStringLiteral("delta")).toObject();
            if (delta.value(QStringLiteral("type")).toString() != QLatin1String("text_delta"))
                return {};
            const QString piece = delta.value(QStringLiteral("text")).toString();
            if (piece.isEmpty())
                return {};
            m_text += piece;
            m_delivered = true;
            if (m_onChunk)
                m_onChunk(piece);
        } else if (type == QLatin1String("message_delta")) {
            const QString stop =
                data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString();
            if (!stop.isEmpty())
                m_stopReason = stop;
            // message_delta's usage is cumulative: it replaces what message_start said.
            const QJsonObject usage = data.value(QStringLiteral("usage")).toObject();
            Usage total = m_usage.value_or(Usage{});
            if (usage.contains(QStringLiteral("output_tokens")))
                total.outputTokens = usage.value(QStringLiteral("output_tokens")).toInt();
            if (usage.contains(QStringLiteral("input_tokens")))
                total.inputTokens = inputTokens(usage);
            m_usage = total;
        } else if (type == QLatin1String("message_stop")) {
            m_done = true;
        } else if (type == QLatin1String("error")) {
            return detail::providerError(data.value(QStringLiteral("error")).toObject());
        }
        // ping, content_block_start and content_block_stop carry nothing we need.
        return {};
    }

    const bool m_stream;
    const std::function<void(const QString&)> m_onChunk;
    QByteArray m_body;
    SseParser m_sse;
    QString m_text;
    std::optional<Usage> m_usage;
    QString m_stopReason;
    bool m_done = false;
    bool m_delivered = false;
};

} // namespace

AnthropicProvider::AnthropicProvider(catalog::ModelInfo model, std::shared_ptr<const SecretStore> secrets,
                                     HttpSettings settings)
    : m_model(std::move(model)), m_secrets(std::move(secrets)), m_settings(settings)
{}

QUrl AnthropicProvider::url() const
{
    QString endpoint = m_model.endpoint;
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    return detail::endpointUrl(m_model, endpoint.endsWith(QLatin1String("/v1")) ? QStringLiteral("/messages")
                                                                                : QStringLiteral("/v1/messages"));
}

QByteArray AnthropicProvider::requestBody(const ModelRequest& request, bool stream) const
{
    QJsonObject body{
        {QStringLiteral("model"), m_model.apiModel.isEmpty() ? m_model.id : m_model.apiModel},
        {QStringLiteral("max_tokens"), detail::maxTokens(request, m_model)},
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), detail::userContent(request)}}}},
        {QStringLiteral("temperature"), m_model.temperature},
    };
    if (!request.system.isEmpty())
        body.insert(QStringLiteral("system"), request.system);
    // Recent models refuse temperature and top_p together: top_p only when it matters.
    if (m_model.topP < 1)
        body.insert(QStringLiteral("top_p"), m_model.topP);
    if (stream)
        body.insert(QStringLiteral("stream"), true);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<ModelResponse> AnthropicProvider::generate(const ModelRequest& request, const GenerateOptions& options)
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
    call.request.setRawHeader("anthropic-version",
                              (m_model.apiVersion.isEmpty() ? defaultApiVersion() : m_model.apiVersion).toLatin1());
    if (!key->isEmpty()) {
        const QByteArray secret = key->view().toByteArray();
        call.request.setRawHeader("x-api-key", secret);
        call.secrets << secret;
    }
    call.body = requestBody(request, stream);
    call.streaming = stream;

    MessagesSink sink(stream, options.onChunk);
    if (auto posted = HttpExchange(m_settings).post(call, options.cancellation, sink); !posted)
        return posted.error();

    ModelResponse response;
    response.model = m_model.id;
    response.text = sink.text();
    response.finish =
        sink.stopReason() == QLatin1String("max_tokens") ? ModelResponse::Finish::Length : ModelResponse::Finish::Stop;
    response.usage =
        sink.usage().value_or(detail::estimatedUsage(request.system, detail::userContent(request), response.text));
    detail::readLabel(request, response);
    return response;
}

} // namespace corral::models
