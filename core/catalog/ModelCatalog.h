// SPDX-License-Identifier: Apache-2.0
// The models an organisation lets apps use, with their model cards, default parameters,
// prices and approval status. Shipped as resources/catalog/models.json; a policy bundle
// carries the same shape as data.
#pragma once

#include "Result.h"

#include <QStringList>
#include <optional>
#include <vector>

namespace corral::catalog {

enum class ModelProvider { LocalExtractive, OpenAiCompatible, Anthropic };
// allowed: any app may use it; restricted: policy decides (e.g. needs approval or no PII);
// prohibited: no app may use it.
enum class ModelApproval { Allowed, Restricted, Prohibited };
// How an openai-compatible endpoint takes its key: "Authorization: Bearer KEY" (OpenAI,
// vLLM, llama.cpp, LM Studio, Ollama, most gateways) or "api-key: KEY" (Azure OpenAI).
enum class ModelAuth { Bearer, ApiKey };

QString toString(ModelProvider provider); // "local-extractive" | "openai-compatible" | "anthropic"
QString toString(ModelApproval approval); // "allowed" | "restricted" | "prohibited"
QString toString(ModelAuth auth);         // "bearer" | "api-key"

struct ModelInfo
{
    QString id;
    ModelProvider provider = ModelProvider::LocalExtractive;
    ModelApproval approval = ModelApproval::Restricted;
    bool onPrem = false;
    QString endpoint; // base URL for HTTP providers (http or https, no user info or query); empty for local ones

    // Connection of HTTP providers.
    QString apiModel;                   // the model name sent to the API ("api_model"); the id when absent
    QString credential;                 // name of the secret holding the API key; empty: no key is sent
    ModelAuth auth = ModelAuth::Bearer; // openai-compatible only
    QString apiVersion;                 // Azure OpenAI: the api-version query; anthropic: the anthropic-version header

    // Model card.
    QString description;
    QString vendor;
    int contextWindow = 0; // tokens
    QString trainingDataCutoff;
    QString intendedUse;
    QStringList limitations;

    // Defaults an app gets unless its manifest says otherwise.
    double temperature = 0;
    int maxTokens = 0;
    double topP = 1;

    // Price per 1,000 tokens in `currency`.
    double costPer1kInput = 0;
    double costPer1kOutput = 0;
    QString currency;

    // The tasks of a model.generate step the model can do ("summarize", "answer",
    // "classify", "extract", "generate"); local models do not write free text.
    QStringList tasks;
};

class ModelCatalog
{
public:
    // Parses catalog JSON; `source` names it in errors. Errors: "catalog.json" (not strict
    // JSON, with line:column), "catalog.models" (a member missing, of the wrong type, out of
    // range, a duplicate id, an endpoint that is not a plain http(s) URL, a credential name
    // that is not a secret name; the message names source and JSON pointer).
    static Result<ModelCatalog> parse(const QByteArray& text, const QString& source);
    // Reads a file (at most 1 MiB); errors as parse() plus "catalog.io".
    static Result<ModelCatalog> load(const QString& path);
    // resources/catalog/models.json.
    static Result<ModelCatalog> loadDefault();

    const std::vector<ModelInfo>& models() const { return m_models; }
    const ModelInfo* find(const QString& id) const;
    QStringList ids() const;

private:
    std::vector<ModelInfo> m_models;
};

} // namespace corral::catalog
