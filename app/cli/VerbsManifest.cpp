// SPDX-License-Identifier: Apache-2.0
// templates list, manifest new, manifest validate: the template catalog and the manifest
// format from the command line.
#include "Paths.h"
#include "Verbs.h"
#include "catalog/JsonText.h"
#include "catalog/TemplateCatalog.h"
#include "manifest/ManifestGenerator.h"
#include "manifest/ManifestValidator.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace corral::cli {

namespace {

using catalog::Template;
using catalog::TemplateCatalog;
using manifest::ManifestValidator;

QCommandLineOption templatesDirOption()
{
    return QCommandLineOption(QStringLiteral("templates-dir"),
                              QStringLiteral("Read templates from DIR instead of the shipped ones."),
                              QStringLiteral("DIR"));
}

QCommandLineOption modelsOption()
{
    return QCommandLineOption(QStringLiteral("models"),
                              QStringLiteral("Check model ids against this model catalog instead of the shipped one."),
                              QStringLiteral("FILE"));
}

QCommandLineOption connectorsOption()
{
    return QCommandLineOption(
        QStringLiteral("connectors"),
        QStringLiteral("Check connector ids against this connector catalog instead of the shipped one."),
        QStringLiteral("FILE"));
}

std::optional<TemplateCatalog> loadTemplates(VerbParser& verb, Io& io)
{
    const QString dir = verb.isSet(QStringLiteral("templates-dir")) ? verb.value(QStringLiteral("templates-dir"))
                                                                    : paths::templatesDir();
    auto catalog = TemplateCatalog::load(dir);
    if (!catalog) {
        verb.failure(io, catalog.error().toString());
        return std::nullopt;
    }
    return std::move(catalog.value());
}

// The validator for the shipped schema with the shipped or the given catalogs; on failure
// `exit` says why (kExitUsage: a catalog file given on the command line is missing).
std::optional<ManifestValidator> makeValidator(VerbParser& verb, Io& io, int& exit)
{
    exit = kExitFailure;
    const QString modelsPath = verb.isSet(QStringLiteral("models"))
                                   ? verb.value(QStringLiteral("models"))
                                   : paths::resourcesDir() + QStringLiteral("/catalog/models.json");
    const QString connectorsPath = verb.isSet(QStringLiteral("connectors"))
                                       ? verb.value(QStringLiteral("connectors"))
                                       : paths::resourcesDir() + QStringLiteral("/catalog/connectors.json");
    for (const QString& path : {modelsPath, connectorsPath}) {
        if (!QFileInfo(path).isFile()) {
            exit = verb.usageError(io, QStringLiteral("cannot read %1: no such file").arg(path));
            return std::nullopt;
        }
    }
    auto models = catalog::ModelCatalog::load(modelsPath);
    if (!models) {
        verb.failure(io, models.error().toString());
        return std::nullopt;
    }
    auto connectors = catalog::ConnectorCatalog::load(connectorsPath);
    if (!connectors) {
        verb.failure(io, connectors.error().toString());
        return std::nullopt;
    }
    const QString schemaPath = paths::schemaPath(QStringLiteral("manifest.schema.json"));
    QFile schemaFile(schemaPath);
    if (!schemaFile.open(QIODevice::ReadOnly)) {
        verb.failure(
            io, QStringLiteral("cannot read the manifest schema %1: %2").arg(schemaPath, schemaFile.errorString()));
        return std::nullopt;
    }
    auto validator =
        ManifestValidator::create(schemaFile.readAll(), std::move(models.value()), std::move(connectors.value()));
    if (!validator) {
        verb.failure(io, validator.error().toString());
        return std::nullopt;
    }
    exit = kExitOk;
    return std::move(validator.value());
}

QJsonObject templateJson(const Template& t)
{
    QJsonArray questions;
    for (const catalog::Question& q : t.questions) {
        QJsonObject question{{QStringLiteral("id"), q.id},
                             {QStringLiteral("label"), q.label},
                             {QStringLiteral("kind"), catalog::toString(q.kind)},
                             {QStringLiteral("required"), q.required},
                             {QStringLiteral("default"), t.defaults.value(q.id)}};
        if (!q.help.isEmpty())
            question.insert(QStringLiteral("help"), q.help);
        if (!q.choices.isEmpty())
            question.insert(QStringLiteral("choices"), QJsonArray::fromStringList(q.choices));
        questions.append(question);
    }
    return QJsonObject{{QStringLiteral("id"), t.id},
                       {QStringLiteral("version"), t.version},
                       {QStringLiteral("title"), t.title},
                       {QStringLiteral("description"), t.description},
                       {QStringLiteral("category"), t.category},
                       {QStringLiteral("icon"), t.icon},
                       {QStringLiteral("maturity"), catalog::toString(t.maturity)},
                       {QStringLiteral("compliance"), catalog::toString(t.compliance)},
                       {QStringLiteral("questions"), questions}};
}

int templatesList(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("templates list"), QStringLiteral("List the curated templates."));
    verb.addOption(QCommandLineOption(QStringLiteral("json"),
                                      QStringLiteral("Print the templates as a JSON array (with their questions).")));
    verb.addOption(templatesDirOption());
    if (auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    auto catalog = loadTemplates(verb, io);
    if (!catalog)
        return kExitFailure;
    if (verb.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const Template& t : catalog->templates())
            list.append(templateJson(t));
        io.out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    qsizetype width = 0;
    for (const Template& t : catalog->templates())
        width = std::max(width, t.reference().size());
    for (const Template& t : catalog->templates()) {
        io.out << t.reference().leftJustified(width + 2) << catalog::toString(t.maturity).leftJustified(14)
               << catalog::toString(t.compliance).leftJustified(12) << t.title << '\n';
    }
    return kExitOk;
}

int manifestNew(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("manifest new"),
                    QStringLiteral("Create a manifest from a template and a creator's answers, and check that it is "
                                   "valid. The answers file is a JSON object keyed by question id (see "
                                   "'corral templates list --json'); questions left out take their defaults."));
    verb.addOption(
        QCommandLineOption(QStringLiteral("template"), QStringLiteral("The template id."), QStringLiteral("ID")));
    verb.addOption(QCommandLineOption(QStringLiteral("answers"),
                                      QStringLiteral("JSON file with the answers ('-' for standard input)."),
                                      QStringLiteral("FILE")));
    verb.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                      QStringLiteral("Write the manifest to OUT instead of standard output."),
                                      QStringLiteral("OUT")));
    verb.addOption(templatesDirOption());
    verb.addOption(modelsOption());
    verb.addOption(connectorsOption());
    if (auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    if (!verb.isSet(QStringLiteral("template")))
        return verb.usageError(io, QStringLiteral("--template ID is required"));

    QJsonObject answers;
    if (verb.isSet(QStringLiteral("answers"))) {
        const QString path = verb.value(QStringLiteral("answers"));
        const auto bytes = readInputFile(verb, io, path);
        if (!bytes)
            return kExitUsage;
        auto parsed = catalog::JsonText::parse(*bytes);
        if (auto* problem = std::get_if<catalog::JsonProblem>(&parsed)) {
            const catalog::TextPosition pos = catalog::positionAt(*bytes, problem->offset);
            io.out << QStringLiteral("%1:%2:%3: error: %4\n")
                          .arg(path)
                          .arg(pos.line)
                          .arg(pos.column)
                          .arg(problem->message);
            return kExitFailure;
        }
        const QJsonValue root = std::get<catalog::JsonText>(parsed).root();
        if (!root.isObject()) {
            io.out
                << QStringLiteral("%1:1:1: error: the answers must be a JSON object keyed by question id\n").arg(path);
            return kExitFailure;
        }
        answers = root.toObject();
    }

    auto catalog = loadTemplates(verb, io);
    if (!catalog)
        return kExitFailure;
    const QString id = verb.value(QStringLiteral("template"));
    const Template* tmpl = catalog->find(id);
    if (!tmpl) {
        QStringList ids;
        for (const Template& t : catalog->templates())
            ids << t.id;
        return verb.usageError(
            io, QStringLiteral("unknown template '%1' (templates: %2)").arg(id, ids.join(QStringLiteral(", "))));
    }
    int exit = kExitOk;
    auto validator = makeValidator(verb, io, exit);
    if (!validator)
        return exit;
    const manifest::ManifestGenerator generator(std::move(*validator));
    auto generated = generator.generate(*tmpl, answers);
    if (!generated)
        return verb.failure(io, generated.error().toString());
    if (!verb.isSet(QStringLiteral("output"))) {
        io.out << QString::fromUtf8(generated->text);
        return kExitOk;
    }
    return writeOutputFile(verb, io, verb.value(QStringLiteral("output")), generated->text) ? kExitOk : kExitFailure;
}

int manifestValidate(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("manifest validate"),
                    QStringLiteral("Check manifests against the manifest schema and the model and connector "
                                   "catalogs. Prints 'FILE: valid' for a valid file and one "
                                   "'FILE:LINE:COL: error: MESSAGE' line per problem otherwise; exits 0 when every "
                                   "file is valid, 1 when one is not."),
                    QStringLiteral("FILE..."));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("Manifest files ('-' for standard input)."),
                       QStringLiteral("FILE..."));
    verb.addOption(modelsOption());
    verb.addOption(connectorsOption());
    if (auto exit = verb.parse(args, io, 1))
        return *exit;
    // Every file is read before any is checked, so a typo in a name exits 2 at once.
    std::vector<QByteArray> texts;
    for (const QString& path : verb.positional()) {
        const auto bytes = readInputFile(verb, io, path);
        if (!bytes)
            return kExitUsage;
        texts.push_back(*bytes);
    }
    int exit = kExitOk;
    auto validator = makeValidator(verb, io, exit);
    if (!validator)
        return exit;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const QString path = verb.positional().at(qsizetype(i));
        const manifest::ValidationReport report = validator->validate(texts[i]);
        if (report.ok()) {
            io.out << path << ": valid\n";
            continue;
        }
        exit = kExitFailure;
        for (const manifest::ManifestIssue& issue : report.issues)
            io.out << issue.format(path) << '\n';
    }
    return exit;
}

} // namespace

void registerManifestVerbs(Cli& cli)
{
    cli.add({QStringLiteral("templates list"), QStringLiteral("List the curated templates"), templatesList});
    cli.add(
        {QStringLiteral("manifest new"), QStringLiteral("Create a manifest from a template and answers"), manifestNew});
    cli.add({QStringLiteral("manifest validate"), QStringLiteral("Check manifests against the schema and catalogs"),
             manifestValidate});
}

} // namespace corral::cli
