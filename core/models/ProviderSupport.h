// SPDX-License-Identifier: Apache-2.0
// Internal helpers of the HTTP providers: the text sent for a request, labels read back
// from a classification answer, credentials fetched from the secret store, usage when an
// API leaves it out. Not part of the module's public surface.
#pragma once

#include "ModelProvider.h"
#include "SecretStore.h"
#include "catalog/ModelCatalog.h"

#include <QJsonObject>

namespace corral::models::detail {

// The user turn: the filled prompt; without one, the documents (each under its source)
// followed by the question. A classification (labels given, task Auto or Classify) asks
// for exactly one label.
QString userContent(const ModelRequest& request);

// For a classification: the first label named in the answer's first line (whole words,
// case-insensitive), else the request's fallback label.
void readLabel(const ModelRequest& request, ModelResponse& response);

// The model's credential: empty when the catalog names none; model.credential-missing
// when the store has no such secret or cannot be read (the message names the credential
// and how to set it, never a value).
Result<crypto::SecureBytes> loadCredential(const SecretStore* secrets, const catalog::ModelInfo& model);

// Output budget: the request's, else the catalog default.
int maxTokens(const ModelRequest& request, const catalog::ModelInfo& model);

// Estimated usage for APIs that report none (so quotas never count a call as free).
Usage estimatedUsage(const QString& system, const QString& user, const QString& output);

Error malformed(const QString& message);
Error providerError(const QJsonObject& error);
// Parses one JSON object: model.malformed naming `what` otherwise.
Result<QJsonObject> parseObject(QByteArrayView bytes, const QString& what);

// The endpoint without a trailing slash plus `path`.
QUrl endpointUrl(const catalog::ModelInfo& model, const QString& path);

} // namespace corral::models::detail
