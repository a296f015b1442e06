// SPDX-License-Identifier: Apache-2.0
// Builds the provider for a catalog model: local-extractive runs in-process; the HTTP
// providers get the model's endpoint, credential name and defaults, the secret store and
// the timeouts. Providers are cheap: build one per call or keep one per model.
#pragma once

#include "ModelProvider.h"
#include "RetryPolicy.h"
#include "SecretStore.h"
#include "catalog/ModelCatalog.h"

#include <memory>

namespace corral::models {

class ProviderRegistry
{
public:
    // `secrets` may be null: models that name a credential then fail with
    // model.credential-missing when called.
    explicit ProviderRegistry(std::shared_ptr<const SecretStore> secrets, HttpSettings settings = {});

    // Errors: model.prohibited (the catalog prohibits the model), model.config (an HTTP
    // model without an endpoint).
    Result<std::shared_ptr<ModelProvider>> create(const catalog::ModelInfo& model) const;
    // As above; model.unknown when the catalog has no such model.
    Result<std::shared_ptr<ModelProvider>> create(const catalog::ModelCatalog& catalog, const QString& modelId) const;

    const HttpSettings& settings() const { return m_settings; }

private:
    std::shared_ptr<const SecretStore> m_secrets;
    HttpSettings m_settings;
};

} // namespace corral::models
