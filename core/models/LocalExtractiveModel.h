// SPDX-License-Identifier: Apache-2.0
// local-extractive: the offline default model. It writes nothing new: summaries are the
// most central sentences of the input, answers the passages that best match the
// question (BM25), classifications the label whose lexicon the input matches best, each
// with the sentences it rests on. Deterministic; docs/local-model.md explains the maths.
#pragma once

#include "ModelProvider.h"

namespace corral::models {

class LocalExtractiveModel final : public ModelProvider
{
public:
    static QString modelId() { return QStringLiteral("local-extractive"); }

    QString id() const override { return modelId(); }
    Result<ModelResponse> generate(const ModelRequest& request, const GenerateOptions& options = {}) override;

    // The lexicon used for a label given without keywords, or empty when the label is
    // not one of the built-in ones (security, outage, performance, data-loss, access,
    // hardware, network, billing, critical, high, medium, low, positive, negative, ...).
    static QStringList builtInKeywords(const QString& label);
};

} // namespace corral::models
