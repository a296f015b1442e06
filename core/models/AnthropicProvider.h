// SPDX-License-Identifier: Apache-2.0
// The Anthropic Messages API (POST {endpoint}/v1/messages with x-api-key and
// anthropic-version headers): one JSON message, or server-sent events (message_start,
// content_block_delta, message_delta, message_stop) when the caller streams.
#pragma once

#include "HttpExchange.h"
#include "SecretStore.h"
#include "catalog/ModelCatalog.h"

#include <QUrl>

namespace corral::models {

class AnthropicProvider final : public ModelProvider
{
public:
    // The anthropic-version header when the catalog gives no api_version.
    static QString defaultApiVersion() { return QStringLiteral("2023-06-01"); }

    AnthropicProvider(catalog::ModelInfo model, std::shared_ptr<const SecretStore> secrets, HttpSettings settings = {});

    QString id() const override { return m_model.id; }
    // Streams when options.onChunk is set. Safe to call from several threads at once.
    // Errors: model.credential-missing, model.malformed, model.provider-error (an "error"
    // event, e.g. overloaded_error, retried while nothing was delivered), model.connection
    // (also a stream cut before message_stop), and the HttpExchange codes.
    Result<ModelResponse> generate(const ModelRequest& request, const GenerateOptions& options = {}) override;

    // {endpoint}/v1/messages ({endpoint}/messages when the endpoint ends in /v1).
    QUrl url() const;
    QByteArray requestBody(const ModelRequest& request, bool stream) const;

private:
    catalog::ModelInfo m_model;
    std::shared_ptr<const SecretStore> m_secrets;
    HttpSettings m_settings;
};

} // namespace corral::models
