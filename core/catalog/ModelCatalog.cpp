// SPDX-License-Identifier: Apache-2.0
#include "ModelCatalog.h"

#include "CatalogJson.h"
#include "Paths.h"

#include <QRegularExpression>
#include <QUrl>

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

const QStringList& authNames()
{
    static const QStringList names{QStringLiteral("bearer"), QStringLiteral("api-key")};
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

// The connection members of a parsed model: "" when fine, else "/member: problem".
QString connectionProblem(const ModelInfo& m, const QString& auth)
{
    if (!m.endpoint.isEmpty()) {
        const QUrl url(m.endpoint, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return QStringLiteral("/endpoint: '%1' is not an http or https URL").arg(m.endpoint);
        // A key in the URL would end up in logs and audit records; keys belong in `credential`.
        if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
            return QStringLiteral("/endpoint: must not carry user info, a query or a fragment (name a credential)");
    }
    // The same rule as secret names in the agent's secret store.
    static const QRegularExpression secretName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"));
    if (!m.credential.isEmpty() && !secretName.match(m.credential).hasMatch())
        return QStringLiteral("/credential: '%1' is not a secret name").arg(m.credential);
    if (!authNames().contains(auth))
        return QStringLiteral("/auth: '%1' is not one of %2").arg(auth, authNames().join(QStringLiteral(", ")));
    if (auth != QLatin1String("bearer") && m.provider != ModelProvider::OpenAiCompatible)
        return QStringLiteral("/auth: only openai-compatible models choose how the key is sent");
    if (m.provider == ModelProvider::LocalExtractive &&
        (!m.credential.isEmpty() || !m.apiModel.isEmpty() || !m.apiVersion.isEmpty()))
        return QStringLiteral("/provider: a local model takes no api_model, credential or api_version");
    return {};
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

QString toString(ModelAuth auth)
{
    return authNames().at(static_cast<qsizetype>(auth));
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
        m.apiModel = r.optionalString(QStringLiteral("api_model"));
        m.credential = r.optionalString(QStringLiteral("credential"));
        const QString auth = r.optionalString(QStringLiteral("auth"), QStringLiteral("bearer"));
        m.apiVersion = r.optionalString(QStringLiteral("api_version"));
        const QJsonObject card = r.optionalObject(QStringLiteral("card"));
        const QJsonObject defaults = r.optionalObject(QStringLiteral("defaults"));
        const QJsonObject cost = r.optionalObject(QStringLiteral("cost"));
        r.rejectUnknown({QStringLiteral("id"), QStringLiteral("provider"), QStringLiteral("approval"),
                         QStringLiteral("on_prem"), QStringLiteral("endpoint"), QStringLiteral("tasks"),
                         QStringLiteral("card"), QStringLiteral("defaults"), QStringLiteral("cost"),
                         QStringLiteral("api_model"), QStringLiteral("credential"), QStringLiteral("auth"),
                         QStringLiteral("api_version")});
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
        if (auto problem = connectionProblem(m, auth); !problem.isEmpty())
            return modelsError(source, pointer + problem);
        m.auth = static_cast<ModelAuth>(authNames().indexOf(auth));
        if (m.apiModel.isEmpty())
            m.apiModel = m.id;

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
