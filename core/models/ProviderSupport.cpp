// SPDX-License-Identifier: Apache-2.0
#include "ProviderSupport.h"

#include "TokenEstimator.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUrl>

namespace corral::models::detail {

QString userContent(const ModelRequest& request)
{
    QString text = request.prompt;
    if (text.trimmed().isEmpty()) {
        QStringList parts;
        for (const Document& document : request.documents) {
            parts << (document.source.isEmpty()
                          ? document.text
                          : QStringLiteral("Source: %1\n\n%2").arg(document.source, document.text));
        }
        text = parts.join(QStringLiteral("\n\n---\n\n"));
        if (!request.question.isEmpty())
            text +=
                (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + QStringLiteral("Question: ") + request.question;
    }
    const bool classify = !request.labels.isEmpty() && (request.task == Task::Auto || request.task == Task::Classify);
    if (classify) {
        QStringList names;
        for (const Label& label : request.labels)
            names << label.name;
        text += QStringLiteral("\n\nAnswer with exactly one of these labels and nothing else: %1.")
                    .arg(names.join(QStringLiteral(", ")));
    }
    return text;
}

void readLabel(const ModelRequest& request, ModelResponse& response)
{
    if (request.labels.isEmpty() || (request.task != Task::Auto && request.task != Task::Classify))
        return;
    const QString firstLine = response.text.trimmed().section(QLatin1Char('\n'), 0, 0);
    response.label = request.fallbackLabel;
    response.confidence = 0;
    for (const Label& label : request.labels) {
        const QRegularExpression word(QStringLiteral("(^|\\W)%1($|\\W)").arg(QRegularExpression::escape(label.name)),
                                      QRegularExpression::CaseInsensitiveOption);
        const bool named = word.match(firstLine).hasMatch();
        response.labelScores.append({label.name, named ? 1.0 : 0.0});
        if (named && response.confidence == 0) {
            response.label = label.name;
            response.confidence = 1;
        }
    }
}

Result<crypto::SecureBytes> loadCredential(const SecretStore* secrets, const catalog::ModelInfo& model)
{
    if (model.credential.isEmpty())
        return crypto::SecureBytes();
    const QString hint = QStringLiteral("set it with: corral secrets set %1").arg(model.credential);
    if (!secrets) {
        return makeError(QStringLiteral("model.credential-missing"),
                         QStringLiteral("model '%1' needs the credential '%2' and no secret store is open; %3")
                             .arg(model.id, model.credential, hint));
    }
    auto value = secrets->get(model.credential);
    if (!value) {
        const QString why = value.error().code == QLatin1String("secrets.not-found")
                                ? QStringLiteral("is not in %1").arg(secrets->location())
                                : QStringLiteral("cannot be read (%1)").arg(value.error().message);
        return makeError(
            QStringLiteral("model.credential-missing"),
            QStringLiteral("the credential '%1' of model '%2' %3; %4").arg(model.credential, model.id, why, hint));
    }
    return std::move(value).value();
}

int maxTokens(const ModelRequest& request, const catalog::ModelInfo& model)
{
    if (request.maxTokens > 0)
        return request.maxTokens;
    return model.maxTokens > 0 ? model.maxTokens : 1024;
}

Usage estimatedUsage(const QString& system, const QString& user, const QString& output)
{
    return Usage{estimateTokens(system) + estimateTokens(user), estimateTokens(output)};
}

Error malformed(const QString& message)
{
    return makeError(QStringLiteral("model.malformed"), message);
}

Error providerError(const QJsonObject& error)
{
    const QString type = error.value(QStringLiteral("type")).toString();
    const QString message = error.value(QStringLiteral("message")).toString().left(300);
    return makeError(QStringLiteral("model.provider-error"),
                     QStringLiteral("the API reported %1%2")
                         .arg(type.isEmpty() ? QStringLiteral("an error") : type,
                              message.isEmpty() ? QString() : QStringLiteral(": ") + message));
}

Result<QJsonObject> parseObject(QByteArrayView bytes, const QString& what)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return malformed(
            QStringLiteral("%1 is not JSON (%2 at offset %3)").arg(what, error.errorString()).arg(error.offset));
    if (!document.isObject())
        return malformed(QStringLiteral("%1 is not a JSON object").arg(what));
    return document.object();
}

QUrl endpointUrl(const catalog::ModelInfo& model, const QString& path)
{
    QString base = model.endpoint;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + path);
}

} // namespace corral::models::detail
