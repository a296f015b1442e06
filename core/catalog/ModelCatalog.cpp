// SPDX-License-Identifier: Apache-2.0
#include "ModelCatalog.h"

#include "CatalogJson.h"
#include "Paths.h"

#include <QRegularExpression>

namespace corral::catalog {

namespace {

constexpr qsizetype kMaxCatalogBytes = 1024 * 1024;

const QStringList& providerNames()
{
    static const QStringList names{QStringLiteral("local-extractive"), QStringLiteral("openai-compatible"),
                                   QStringLiteral("anthropic")};
    return names;
}

const QStringList& approvalNames()
{
    static const QStringList names{QStringLiteral("allowed"), QStringLiteral("restricted"),
                                   QStringLiteral("prohibited")};
    return names;
}

const QStringList& taskNames()
{
    static const QStringList names{QStringLiteral("summarize"), QStringLiteral("answer"), QStringLiteral("classify"),
                                   QStringLiteral("extract"), QStringLiteral("generate")};
    return names;
}

Error modelsError(const QString& source, const QString& message)
{
    return makeError(QStringLiteral("catalog.models"), source + QStringLiteral(": ") + message);
}

} // namespace

QString toString(ModelProvider provider)
{
    return providerNames().at(static_cast<qsizetype>(provider));
}

QString toString(ModelApproval approval)
{
    return approvalNames().at(static_cast<qsizetype>(approval));
}

Result<ModelCatalog> ModelCatalog::parse(const QByteArray& text, const QString& source)
{
    auto json = parseCatalogText(text, source, kMaxCatalogBytes);
    if (!json)
        return json.error();
    if (!json->root().isObject())
        return modelsError(source, QStringLiteral("expected a JSON object with \"models\""));
    FieldReader top(json->root().toObject(), QString());
    top.optionalNumber(QStringLiteral("version"), 1, 1, 1);
    const QJsonArray list = top.requiredArray(QStringLiteral("models"));
    top.rejectUnknown({QStringLiteral("version"), QStringLiteral("models")});
    if (top.failed())
        return modelsError(source, top.errorMessage());

    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    ModelCatalog catalog;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString pointer = QStringLiteral("/models/%1").arg(i);
        if (!list.at(i).isObject())
            return modelsError(source, pointer + QStringLiteral(": expected an object"));
        FieldReader r(list.at(i).toObject(), pointer);
        ModelInfo m;
        m.id = r.requiredString(QStringLiteral("id"));
        m.provider = static_cast<ModelProvider>(
            providerNames().indexOf(r.requiredChoice(QStringLiteral("provider"), providerNames())));
        m.approval = static_cast<ModelApproval>(
            approvalNames().indexOf(r.requiredChoice(QStringLiteral("approval"), approvalNames())));
        m.onPrem = r.optionalBool(QStringLiteral("on_prem"), false);
        m.endpoint = r.optionalString(QStringLiteral("endpoint"));
        m.tasks = r.optionalStringList(QStringLiteral("tasks"));
        const QJsonObject card = r.optionalObject(QStringLiteral("card"));
        const QJsonObject defaults = r.optionalObject(QStringLiteral("defaults"));
        const QJsonObject cost = r.optionalObject(QStringLiteral("cost"));
        r.rejectUnknown({QStringLiteral("id"), QStringLiteral("provider"), QStringLiteral("approval"),
                         QStringLiteral("on_prem"), QStringLiteral("endpoint"), QStringLiteral("tasks"),
                         QStringLiteral("card"), QStringLiteral("defaults"), QStringLiteral("cost")});
        if (r.failed())
            return modelsError(source, r.errorMessage());
        if (!idPattern.match(m.id).hasMatch())
            return modelsError(source, QStringLiteral("%1/id: '%2' is not a model id").arg(pointer, m.id));
        if (catalog.find(m.id))
            return modelsError(source, QStringLiteral("%1/id: model '%2' appears twice").arg(pointer, m.id));
        for (const QString& task : m.tasks) {
            if (!taskNames().contains(task))
                return modelsError(source, QStringLiteral("%1/tasks: unknown task '%2'").arg(pointer, task));
        }
        if (m.tasks.isEmpty())
            m.tasks = taskNames();
        if (m.provider != ModelProvider::LocalExtractive && m.endpoint.isEmpty() && !m.onPrem)
            return modelsError(source, QStringLiteral("%1/endpoint: a remote model needs an endpoint").arg(pointer));

        FieldReader c(card, pointer + QStringLiteral("/card"));
        m.description = c.requiredString(QStringLiteral("description"));
        m.vendor = c.requiredString(QStringLiteral("vendor"));
        m.contextWindow = int(c.requiredNumber(QStringLiteral("context_window"), 1, 10'000'000));
        m.trainingDataCutoff = c.requiredString(QStringLiteral("training_data_cutoff"));
        m.intendedUse = c.requiredString(QStringLiteral("intended_use"));
        m.limitations = c.optionalStringList(QStringLiteral("limitations"));
        c.rejectUnknown({QStringLiteral("description"), QStringLiteral("vendor"), QStringLiteral("context_window"),
                         QStringLiteral("training_data_cutoff"), QStringLiteral("intended_use"),
                         QStringLiteral("limitations")});
        if (c.failed())
            return modelsError(source, c.errorMessage());

        FieldReader d(defaults, pointer + QStringLiteral("/defaults"));
        m.temperature = d.optionalNumber(QStringLiteral("temperature"), 0, 0, 2);
        m.maxTokens = int(d.optionalNumber(QStringLiteral("max_tokens"), 1024, 1, m.contextWindow));
        m.topP = d.optionalNumber(QStringLiteral("top_p"), 1, 0, 1);
        d.rejectUnknown({QStringLiteral("temperature"), QStringLiteral("max_tokens"), QStringLiteral("top_p")});
        if (d.failed())
            return modelsError(source, d.errorMessage());

        FieldReader p(cost, pointer + QStringLiteral("/cost"));
        m.costPer1kInput = p.requiredNumber(QStringLiteral("input_per_1k"), 0, 1000);
        m.costPer1kOutput = p.requiredNumber(QStringLiteral("output_per_1k"), 0, 1000);
        m.currency = p.optionalString(QStringLiteral("currency"), QStringLiteral("USD"));
        p.rejectUnknown({QStringLiteral("input_per_1k"), QStringLiteral("output_per_1k"), QStringLiteral("currency")});
        if (p.failed())
            return modelsError(source, p.errorMessage());
        catalog.m_models.push_back(std::move(m));
    }
    return catalog;
}

Result<ModelCatalog> ModelCatalog::load(const QString& path)
{
    auto bytes = readCatalogBytes(path, kMaxCatalogBytes);
    if (!bytes)
        return bytes.error();
    return parse(*bytes, path);
}

Result<ModelCatalog> ModelCatalog::loadDefault()
{
    return load(paths::resourcesDir() + QStringLiteral("/catalog/models.json"));
}

const ModelInfo* ModelCatalog::find(const QString& id) const
{
    for (const ModelInfo& m : m_models) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

QStringList ModelCatalog::ids() const
{
    QStringList list;
    for (const ModelInfo& m : m_models)
        list << m.id;
    return list;
}

} // namespace corral::catalog
