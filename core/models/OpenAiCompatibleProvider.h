// SPDX-License-Identifier: Apache-2.0
// The OpenAI chat completions API (POST {endpoint}/chat/completions), which OpenAI, Azure
// OpenAI, vLLM, llama.cpp's server, LM Studio and Ollama all speak: one JSON answer, or
// server-sent events when the caller streams, with token usage either way.
#pragma once

#include "HttpExchange.h"
#include "SecretStore.h"
#include "catalog/ModelCatalog.h"

#include <QUrl>

namespace corral::models {

class OpenAiCompatibleProvider final : public ModelProvider
{
public:
    // `model` is the catalog entry (endpoint, api_model, credential, auth, api_version,
    // defaults); `secrets` may be null when the model names no credential.
    OpenAiCompatibleProvider(catalog::ModelInfo model, std::shared_ptr<const SecretStore> secrets,
                             HttpSettings settings = {});

    QString id() const override { return m_model.id; }
    // Streams (stream: true, usage requested with stream_options) when options.onChunk is
    // set. Safe to call from several threads at once. Errors: model.credential-missing,
    // model.malformed (not the API's JSON, or no choices), model.provider-error (an error
    // inside the stream), model.connection (also a stream cut before "[DONE]"), and the
    // HttpExchange codes.
    Result<ModelResponse> generate(const ModelRequest& request, const GenerateOptions& options = {}) override;

    // {endpoint}/chat/completions, plus ?api-version= for Azure.
    QUrl url() const;
    // The JSON body sent for `request`.
    QByteArray requestBody(const ModelRequest& request, bool stream) const;

private:
    catalog::ModelInfo m_model;
    std::shared_ptr<const SecretStore> m_secrets;
    HttpSettings m_settings;
};

} // namespace corral::models
