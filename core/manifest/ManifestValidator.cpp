// SPDX-License-Identifier: Apache-2.0
#include "ManifestValidator.h"

#include "ManifestChecks.h"
#include "Paths.h"
#include "catalog/JsonText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

// valijson reports a broken schema by throwing; without this it would abort the process.
#define VALIJSON_USE_EXCEPTIONS 1
#include <algorithm>
#include <exception>
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace corral::manifest {

using catalog::JsonText;

struct ManifestValidator::Private
{
    QJsonObject schemaJson;
    valijson::Schema schema;
    catalog::ModelCatalog models;
    catalog::ConnectorCatalog connectors;
    ManifestLimits limits;
};

namespace {

// Walks the schema along a document pointer, following "properties", "items",
// "additionalProperties", local "$ref"s and if/then/else on a type test, to phrase schema
// errors with what the schema expects there.
class SchemaWalker
{
public:
    explicit SchemaWalker(const QJsonObject& root) : m_root(root) {}

    QJsonObject at(const QJsonValue& document, const QStringList& tokens) const
    {
        QJsonObject schema = resolve(m_root, document);
        QJsonValue value = document;
        for (const QString& token : tokens) {
            if (value.isObject()) {
                value = value.toObject().value(token);
                const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
                if (properties.contains(token))
                    schema = properties.value(token).toObject();
                else
                    schema = schema.value(QStringLiteral("additionalProperties")).toObject();
            } else if (value.isArray()) {
                value = value.toArray().at(token.toInt());
                schema = schema.value(QStringLiteral("items")).toObject();
            } else {
                return {};
            }
            schema = resolve(schema, value);
        }
        return schema;
    }

private:
    QJsonObject resolve(QJsonObject schema, const QJsonValue& value) const
    {
        for (int hops = 0; hops < 8; ++hops) {
            const QString ref = schema.value(QStringLiteral("$ref")).toString();
            if (ref.startsWith(QLatin1String("#/"))) {
                QJsonValue target = m_root;
                for (const QString& part : ref.mid(2).split(QLatin1Char('/')))
                    target = target.toObject().value(part);
                schema = target.toObject();
                continue;
            }
            const QString testType =
                schema.value(QStringLiteral("if")).toObject().value(QStringLiteral("type")).toString();
            if (!testType.isEmpty()) {
                // A value of one type or another: a wrong type is best described by the union.
                const QString description = schema.value(QStringLiteral("description")).toString();
                const bool matches = typeName(value) == testType;
                schema = schema.value(matches ? QStringLiteral("then") : QStringLiteral("else")).toObject();
                if (!description.isEmpty())
                    schema.insert(QStringLiteral("x-union"), description);
                continue;
            }
            break;
        }
        return schema;
    }

    static QString typeName(const QJsonValue& v)
    {
        switch (v.type()) {
        case QJsonValue::String:
            return QStringLiteral("string");
        case QJsonValue::Object:
            return QStringLiteral("object");
        case QJsonValue::Array:
            return QStringLiteral("array");
        case QJsonValue::Bool:
            return QStringLiteral("boolean");
        case QJsonValue::Double:
            return QStringLiteral("number");
        default:
            return QStringLiteral("null");
        }
    }

    const QJsonObject& m_root;
};

QString describeType(const QString& type)
{
    if (type == QLatin1String("string"))
        return QStringLiteral("a string");
    if (type == QLatin1String("integer"))
        return QStringLiteral("a whole number");
    if (type == QLatin1String("number"))
        return QStringLiteral("a number");
    if (type == QLatin1String("boolean"))
        return QStringLiteral("true or false");
    if (type == QLatin1String("object"))
        return QStringLiteral("an object");
    if (type == QLatin1String("array"))
        return QStringLiteral("a list");
    return type;
}

QString shortJson(const QJsonValue& value)
{
    if (value.isString()) {
        const QString s = value.toString();
        return QLatin1Char('\'') + (s.size() > 60 ? s.left(57) + QStringLiteral("...") : s) + QLatin1Char('\'');
    }
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    const QString text = QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
    return text.size() > 60 ? text.left(57) + QStringLiteral("...") : text;
}

QJsonValue valueAt(const QJsonValue& document, const QStringList& tokens)
{
    QJsonValue value = document;
    for (const QString& token : tokens)
        value = value.isArray() ? value.toArray().at(token.toInt()) : value.toObject().value(token);
    return value;
}

// Converts valijson's context ("<root>", "[steps]", "[0]") into pointer tokens.
QStringList contextTokens(const std::vector<std::string>& context)
{
    QStringList tokens;
    for (std::size_t i = 1; i < context.size(); ++i) {
        QString part = QString::fromStdString(context[i]);
        if (part.startsWith(QLatin1Char('[')) && part.endsWith(QLatin1Char(']')))
            part = part.mid(1, part.size() - 2);
        tokens << part;
    }
    return tokens;
}

QString toPointer(const QStringList& tokens)
{
    QString pointer;
    for (const QString& token : tokens)
        pointer += QLatin1Char('/') + catalog::escapePointerToken(token);
    return pointer;
}

// valijson also reports each failure once more at every enclosing level ("Failed to
// validate item #0 in array."); only the innermost report says what is wrong.
bool isWrapper(const std::string& description)
{
    return description.rfind("Failed to validate", 0) == 0 || description.rfind("Cannot validate item", 0) == 0;
}

// Phrases one valijson error; may move the pointer (an unknown member points at itself).
void phrase(const SchemaWalker& walker, const QJsonValue& document, const std::string& description, QStringList& tokens,
            QString& message)
{
    const QString text = QString::fromStdString(description);
    const QJsonValue value = valueAt(document, tokens);
    const QJsonObject schema = walker.at(document, tokens);
    if (text.startsWith(QLatin1String("Value type not permitted"))) {
        const QJsonValue type = schema.value(QStringLiteral("type"));
        QStringList names;
        if (type.isArray()) {
            for (const QJsonValue& t : type.toArray())
                names << describeType(t.toString());
        } else {
            names << describeType(type.toString());
        }
        const QString expected = schema.contains(QStringLiteral("x-union"))
                                     ? schema.value(QStringLiteral("x-union")).toString()
                                     : names.join(QStringLiteral(" or "));
        message = QStringLiteral("expected %1, found %2").arg(expected, shortJson(value));
        return;
    }
    if (text.startsWith(QLatin1String("Failed to match against any enum values"))) {
        QStringList allowed;
        for (const QJsonValue& v : schema.value(QStringLiteral("enum")).toArray())
            allowed << v.toString();
        message = QStringLiteral("%1 is not one of: %2").arg(shortJson(value), allowed.join(QStringLiteral(", ")));
        return;
    }
    if (text.startsWith(QLatin1String("Failed to match regex"))) {
        const QString hint = schema.value(QStringLiteral("description")).toString();
        message = QStringLiteral("%1 is not valid%2")
                      .arg(shortJson(value), hint.isEmpty() ? QString() : QStringLiteral(": expected ") + hint);
        return;
    }
    if (text.startsWith(QLatin1String("Missing required property '"))) {
        const QString name = text.section(QLatin1Char('\''), 1, 1);
        message = QStringLiteral("missing required member \"%1\"").arg(name);
        return;
    }
    if (text.startsWith(QLatin1String("Object contains a property that could not be validated"))) {
        const QString name = text.section(QLatin1Char('\''), -2, -2);
        tokens << name;
        message = QStringLiteral("unknown member \"%1\"").arg(name);
        return;
    }
    message = text;
    if (message.endsWith(QLatin1Char('.')))
        message.chop(1);
    if (!message.isEmpty())
        message[0] = message[0].toLower();
}

} // namespace

Result<ManifestValidator> ManifestValidator::create(const QByteArray& schemaText, catalog::ModelCatalog models,
                                                    catalog::ConnectorCatalog connectors, ManifestLimits limits)
{
    auto parsed = JsonText::parse(schemaText);
    if (auto* problem = std::get_if<catalog::JsonProblem>(&parsed)) {
        const catalog::TextPosition pos = catalog::positionAt(schemaText, problem->offset);
        return makeError(QStringLiteral("manifest.schema-file"),
                         QStringLiteral("schema %1:%2: %3").arg(pos.line).arg(pos.column).arg(problem->message));
    }
    const QJsonValue root = std::get<JsonText>(parsed).root();
    if (!root.isObject())
        return makeError(QStringLiteral("manifest.schema-file"), QStringLiteral("schema is not a JSON object"));

    auto d = std::make_shared<Private>();
    d->schemaJson = root.toObject();
    d->models = std::move(models);
    d->connectors = std::move(connectors);
    d->limits = limits;
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::QtJsonAdapter adapter(root);
        parser.populateSchema(adapter, d->schema);
    } catch (const std::exception& e) {
        return makeError(QStringLiteral("manifest.schema-file"),
                         QStringLiteral("schema is not usable: %1").arg(QString::fromStdString(e.what())));
    }
    ManifestValidator validator;
    validator.d = std::move(d);
    return validator;
}

Result<ManifestValidator> ManifestValidator::createDefault()
{
    const QString path = paths::schemaPath(QStringLiteral("manifest.schema.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("manifest.schema-file"),
                         QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    auto models = catalog::ModelCatalog::loadDefault();
    if (!models)
        return models.error();
    auto connectors = catalog::ConnectorCatalog::loadDefault();
    if (!connectors)
        return connectors.error();
    return create(file.readAll(), std::move(models.value()), std::move(connectors.value()));
}

const catalog::ModelCatalog& ManifestValidator::models() const
{
    return d->models;
}

const catalog::ConnectorCatalog& ManifestValidator::connectors() const
{
    return d->connectors;
}

ValidationReport ManifestValidator::validate(const QByteArray& text) const
{
    ValidationReport report;
    catalog::JsonLimits jsonLimits;
    jsonLimits.maxBytes = d->limits.maxBytes;
    jsonLimits.maxDepth = d->limits.maxDepth;
    auto parsed = JsonText::parse(text, jsonLimits);
    if (auto* problem = std::get_if<catalog::JsonProblem>(&parsed)) {
        const catalog::TextPosition pos = catalog::positionAt(text, problem->offset);
        report.issues.push_back(ManifestIssue{QStringLiteral("manifest.") + problem->kind, problem->message, QString(),
                                              pos.line, pos.column});
        return report;
    }
    const JsonText& json = std::get<JsonText>(parsed);
    const QJsonValue document = json.root();
    report.manifest = document.toObject();

    std::vector<ManifestIssue> issues;
    ManifestChecks checks(d->models, d->connectors, d->limits, issues);
    if (document.isObject())
        checks.checkLimits(report.manifest);
    QSet<QString> limitPointers;
    for (const ManifestIssue& issue : issues)
        limitPointers.insert(issue.pointer);

    valijson::ValidationResults results;
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    const valijson::adapters::QtJsonAdapter target(document);
    const bool schemaOk = validator.validate(d->schema, target, &results);
    bool schemaIssues = false;
    if (!schemaOk) {
        const SchemaWalker walker(d->schemaJson);
        QSet<QString> seen;
        for (const auto& error : results) {
            if (isWrapper(error.description))
                continue;
            QStringList tokens = contextTokens(error.context);
            QString message;
            phrase(walker, document, error.description, tokens, message);
            const QString pointer = toPointer(tokens);
            // A huge number is a limit problem first; the schema's "not an integer" adds nothing.
            if (limitPointers.contains(pointer) || seen.contains(pointer + message))
                continue;
            seen.insert(pointer + message);
            schemaIssues = true;
            issues.push_back(ManifestIssue{QStringLiteral("manifest.schema"),
                                           pointer.isEmpty() ? message : pointer + QStringLiteral(": ") + message,
                                           pointer});
        }
    }
    if (!schemaIssues && limitPointers.isEmpty())
        checks.checkReferences(report.manifest);

    for (ManifestIssue& issue : issues) {
        // An unknown member is marked at its name, everything else at its value.
        const qsizetype keyOffset = json.keyOffset(issue.pointer);
        const bool atKey = issue.message.contains(QLatin1String("unknown member")) && keyOffset >= 0;
        const catalog::TextPosition pos = atKey ? catalog::positionAt(text, keyOffset) : json.position(issue.pointer);
        issue.line = pos.line;
        issue.column = pos.column;
    }
    std::stable_sort(issues.begin(), issues.end(), [](const ManifestIssue& a, const ManifestIssue& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    report.issues = std::move(issues);
    return report;
}

} // namespace corral::manifest
