// SPDX-License-Identifier: Apache-2.0
#include "CostCalculator.h"

#include <cmath>

namespace corral::quota {

namespace {

// USD per 1,000 tokens -> nano-dollars per token.
constexpr double kNanosPerTokenPerUsdPer1k = 1e9 / 1000.0;

} // namespace

Result<CostCalculator> CostCalculator::fromCatalog(const catalog::ModelCatalog& catalog)
{
    CostCalculator calculator;
    for (const catalog::ModelInfo& model : catalog.models()) {
        if (model.costPer1kInput < 0 || model.costPer1kOutput < 0)
            return makeError(QStringLiteral("quota.price"),
                             QStringLiteral("model %1 has a negative price").arg(model.id));
        const bool free = model.costPer1kInput == 0 && model.costPer1kOutput == 0;
        if (!free && model.currency != QLatin1String("USD"))
            return makeError(
                QStringLiteral("quota.price"),
                QStringLiteral("model %1 is priced in \"%2\"; cost limits are in USD").arg(model.id, model.currency));
        calculator.setPrice(model.id, {model.costPer1kInput, model.costPer1kOutput});
    }
    return calculator;
}

void CostCalculator::setPrice(const QString& model, Price price)
{
    m_prices.insert(
        model, Rate{price.inputUsdPer1k * kNanosPerTokenPerUsdPer1k, price.outputUsdPer1k * kNanosPerTokenPerUsdPer1k});
}

std::optional<Nanos> CostCalculator::estimate(const QString& model, std::int64_t inputTokens,
                                              std::int64_t outputTokens) const
{
    auto it = m_prices.constFind(model);
    if (it == m_prices.constEnd())
        return std::nullopt;
    // The slack absorbs binary rounding of decimal prices (1000 * 0.0025 is not exactly 2.5).
    return Nanos(std::ceil(double(inputTokens) * it->input + double(outputTokens) * it->output - 1e-6));
}

std::optional<Nanos> CostCalculator::cost(const QString& model, std::int64_t inputTokens,
                                          std::int64_t outputTokens) const
{
    auto it = m_prices.constFind(model);
    if (it == m_prices.constEnd())
        return std::nullopt;
    return Nanos(std::llround(double(inputTokens) * it->input + double(outputTokens) * it->output));
}

} // namespace corral::quota
