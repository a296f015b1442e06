// SPDX-License-Identifier: Apache-2.0
#include "ProviderRegistry.h"

#include "AnthropicProvider.h"
#include "LocalExtractiveModel.h"
#include "OpenAiCompatibleProvider.h"

namespace corral::models {

ProviderRegistry::ProviderRegistry(std::shared_ptr<const SecretStore> secrets, HttpSettings settings)
    : m_secrets(std::move(secrets)), m_settings(settings)
{}

Result<std::shared_ptr<ModelProvider>> ProviderRegistry::create(const catalog::ModelInfo& model) const
{
    if (model.approval == catalog::ModelApproval::Prohibited)
        return makeError(QStringLiteral("model.prohibited"),
                         QStringLiteral("the catalog prohibits model '%1'").arg(model.id));
    if (model.provider == catalog::ModelProvider::LocalExtractive)
        return std::shared_ptr<ModelProvider>(std::make_shared<LocalExtractiveModel>());
    if (model.endpoint.isEmpty()) {
        return makeError(
            QStringLiteral("model.config"),
            QStringLiteral("model '%1' (%2) has no endpoint").arg(model.id, catalog::toString(model.provider)));
    }
    if (model.provider == catalog::ModelProvider::Anthropic)
        return std::shared_ptr<ModelProvider>(std::make_shared<AnthropicProvider>(model, m_secrets, m_settings));
    return std::shared_ptr<ModelProvider>(std::make_shared<OpenAiCompatibleProvider>(model, m_secrets, m_settings));
}

Result<std::shared_ptr<ModelProvider>> ProviderRegistry::create(const catalog::ModelCatalog& catalog,
                                                                const QString& modelId) const
{
    const catalog::ModelInfo* model = catalog.find(modelId);
    if (!model)
        return makeError(QStringLiteral("model.unknown"), QStringLiteral("no model '%1' in the catalog").arg(modelId));
    return create(*model);
}

} // namespace corral::models
