// SPDX-License-Identifier: Apache-2.0
// The cost of a model call from the catalog's prices (USD per 1,000 input and output
// tokens), in nano-dollars: an upper estimate before the call, the exact figure after it.
#pragma once

#include "QuotaTypes.h"
#include "Result.h"
#include "catalog/ModelCatalog.h"

#include <QHash>
#include <QString>

namespace corral::quota {

class CostCalculator
{
public:
    struct Price
    {
        double inputUsdPer1k = 0;
        double outputUsdPer1k = 0;
    };

    CostCalculator() = default;
    // Error code "quota.price": a model priced in a currency other than USD (limits are in
    // USD), or a negative price.
    static Result<CostCalculator> fromCatalog(const catalog::ModelCatalog& catalog);

    void setPrice(const QString& model, Price price);
    bool knows(const QString& model) const { return m_prices.contains(model); }

    // Rounded up, so a reservation never under-counts. nullopt for a model without a price.
    std::optional<Nanos> estimate(const QString& model, std::int64_t inputTokens, std::int64_t outputTokens) const;
    // Rounded to the nearest nano-dollar.
    std::optional<Nanos> cost(const QString& model, std::int64_t inputTokens, std::int64_t outputTokens) const;

private:
    // Nano-dollars per token.
    struct Rate
    {
        double input = 0;
        double output = 0;
    };
    QHash<QString, Rate> m_prices;
};

} // namespace corral::quota
