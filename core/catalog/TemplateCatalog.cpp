// SPDX-License-Identifier: Apache-2.0
#include "TemplateCatalog.h"

#include "CatalogJson.h"
#include "JsonText.h"
#include "Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>

namespace corral::catalog {

namespace {

// Template files are small; a larger one is a mistake, not a template.
constexpr qsizetype kMaxTemplateFileBytes = 256 * 1024;

Error templateError(const QString& file, const QString& message)
{
    return makeError(QStringLiteral("catalog.template"), file + QStringLiteral(": ") + message);
}

Result<Question> readQuestion(FieldReader& r, const QString& file)
{
    Question q;
    q.id = r.requiredString(QStringLiteral("id"));
    q.label = r.requiredString(QStringLiteral("label"));
    q.help = r.optionalString(QStringLiteral("help"));
    const QString kind = r.requiredString(QStringLiteral("kind"));
    q.required = r.optionalBool(QStringLiteral("required"), false);
    q.choices = r.optionalStringList(QStringLiteral("choices"));
    q.defaultValue = r.object().value(QStringLiteral("default"));
    if (q.defaultValue.isUndefined())
        q.defaultValue = QJsonValue(QJsonValue::Null);
    if (r.failed())
        return templateError(file, r.errorMessage());
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9_]{0,63}$"));
    if (!idPattern.match(q.id).hasMatch())
        return templateError(file, QStringLiteral("%1/id: '%2' is not a question id (lower case letters, digits, '_')")
                                       .arg(r.pointer(), q.id));
    if (isRunTimePlaceholder(q.id))
        return templateError(file, QStringLiteral("%1/id: '%2' is reserved for runs").arg(r.pointer(), q.id));
    const auto parsedKind = questionKindFromString(kind);
    if (!parsedKind)
        return templateError(file, QStringLiteral("%1/kind: unknown kind '%2' (expected text, multiline, choice, "
                                                  "folder, connectors or model)")
                                       .arg(r.pointer(), kind));
    q.kind = *parsedKind;
    if (q.kind == QuestionKind::Choice && q.choices.isEmpty())
        return templateError(file, QStringLiteral("%1/choices: a choice question needs choices").arg(r.pointer()));
    if (q.kind != QuestionKind::Choice && !q.choices.isEmpty())
        return templateError(file, QStringLiteral("%1/choices: only choice questions have choices").arg(r.pointer()));
    return q;
}

bool defaultFits(const Question& q, const QJsonValue& value)
{
    if (q.kind == QuestionKind::Connectors) {
        if (!value.isArray())
            return false;
        const QJsonArray list = value.toArray();
        return std::all_of(list.begin(), list.end(), [](const QJsonValue& v) { return v.isString(); });
    }
    if (!value.isString())
        return false;
    return q.kind != QuestionKind::Choice || q.choices.contains(value.toString());
}

} // namespace

Result<Template> TemplateCatalog::loadTemplate(const QString& folder)
{
    const QDir dir(folder);
    const QString templateFile = dir.absoluteFilePath(QStringLiteral("template.json"));
    const QString manifestFile = dir.absoluteFilePath(QStringLiteral("manifest.json"));

    auto templateJson = readCatalogFile(templateFile, kMaxTemplateFileBytes);
    if (!templateJson)
        return templateJson.error();
    if (!templateJson->root().isObject())
        return templateError(templateFile, QStringLiteral("expected a JSON object"));

    FieldReader r(templateJson->root().toObject(), QString());
    Template t;
    t.directory = dir.absolutePath();
    t.id = r.requiredString(QStringLiteral("id"));
    t.version = r.requiredString(QStringLiteral("version"));
    t.title = r.requiredString(QStringLiteral("title"));
    t.description = r.requiredString(QStringLiteral("description"));
    t.category = r.requiredString(QStringLiteral("category"));
    const QString icon = r.requiredString(QStringLiteral("icon"));
    const QString maturity = r.requiredString(QStringLiteral("maturity"));
    const QString compliance = r.requiredString(QStringLiteral("compliance"));
    const QJsonArray questions = r.requiredArray(QStringLiteral("questions"));
    const QJsonObject defaults = r.optionalObject(QStringLiteral("defaults"));
    r.rejectUnknown({QStringLiteral("id"), QStringLiteral("version"), QStringLiteral("title"),
                     QStringLiteral("description"), QStringLiteral("category"), QStringLiteral("icon"),
                     QStringLiteral("maturity"), QStringLiteral("compliance"), QStringLiteral("questions"),
                     QStringLiteral("defaults")});
    if (r.failed())
        return templateError(templateFile, r.errorMessage());

    if (t.id != dir.dirName())
        return templateError(templateFile,
                             QStringLiteral("/id: '%1' differs from the folder name '%2'").arg(t.id, dir.dirName()));
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
    if (!idPattern.match(t.id).hasMatch())
        return templateError(templateFile, QStringLiteral("/id: '%1' is not a template id (lower case letters, "
                                                          "digits, '-')")
                                               .arg(t.id));
    static const QRegularExpression versionPattern(QStringLiteral("^[0-9]+\\.[0-9]+\\.[0-9]+$"));
    if (!versionPattern.match(t.version).hasMatch())
        return templateError(templateFile,
                             QStringLiteral("/version: '%1' is not a version (MAJOR.MINOR.PATCH)").arg(t.version));
    const auto m = maturityFromString(maturity);
    if (!m)
        return templateError(templateFile, QStringLiteral("/maturity: unknown maturity '%1' (expected experimental, "
                                                          "beta or stable)")
                                               .arg(maturity));
    t.maturity = *m;
    const auto c = complianceFromString(compliance);
    if (!c)
        return templateError(templateFile, QStringLiteral("/compliance: unknown compliance status '%1' (expected "
                                                          "unreviewed, reviewed or certified)")
                                               .arg(compliance));
    t.compliance = *c;

    // The icon is a file of the template's own folder: no path may lead out of it.
    if (icon.contains(QLatin1Char('/')) || icon.contains(QLatin1Char('\\')) || icon.startsWith(QLatin1Char('.')) ||
        !icon.endsWith(QLatin1String(".svg")))
        return templateError(
            templateFile,
            QStringLiteral("/icon: '%1' must be the name of an .svg file in the template folder").arg(icon));
    t.icon = dir.absoluteFilePath(icon);
    if (!QFileInfo(t.icon).isFile())
        return templateError(templateFile, QStringLiteral("/icon: file '%1' does not exist").arg(t.icon));

    for (qsizetype i = 0; i < questions.size(); ++i) {
        const QString pointer = QStringLiteral("/questions/%1").arg(i);
        if (!questions.at(i).isObject())
            return templateError(templateFile, pointer + QStringLiteral(": expected an object"));
        FieldReader qr(questions.at(i).toObject(), pointer);
        auto question = readQuestion(qr, templateFile);
        if (!question)
            return question.error();
        if (t.question(question->id))
            return templateError(templateFile,
                                 QStringLiteral("%1/id: question '%2' appears twice").arg(pointer, question->id));
        if (!question->defaultValue.isNull()) {
            if (!defaultFits(*question, question->defaultValue))
                return templateError(
                    templateFile,
                    QStringLiteral("%1/default: does not fit a %2 question").arg(pointer, toString(question->kind)));
            t.defaults.insert(question->id, question->defaultValue);
        }
        t.questions.push_back(*question);
    }
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        const Question* q = t.question(it.key());
        if (!q)
            return templateError(templateFile, QStringLiteral("/defaults/%1: no question has this id").arg(it.key()));
        if (!defaultFits(*q, it.value()))
            return templateError(
                templateFile,
                QStringLiteral("/defaults/%1: does not fit a %2 question").arg(it.key(), toString(q->kind)));
        t.defaults.insert(it.key(), it.value());
    }
    // Every question has a default, so every template generates (and previews) as shipped.
    for (const Question& q : t.questions) {
        if (!t.defaults.contains(q.id))
            return templateError(templateFile, QStringLiteral("/questions: question '%1' needs a default").arg(q.id));
    }

    auto manifestJson = readCatalogFile(manifestFile, kMaxTemplateFileBytes);
    if (!manifestJson)
        return manifestJson.error();
    if (!manifestJson->root().isObject())
        return templateError(manifestFile, QStringLiteral("expected a JSON object"));
    t.manifestSkeleton = manifestJson->text();

    // Every slot must name a question: filling the skeleton with the defaults proves it.
    auto filled = instantiate(t, {});
    if (!filled)
        return templateError(manifestFile, filled.error().message);
    return t;
}

Result<TemplateCatalog> TemplateCatalog::load(const QString& dir)
{
    const QDir root(dir);
    if (!root.exists())
        return makeError(QStringLiteral("catalog.io"), QStringLiteral("%1: template folder does not exist").arg(dir));
    TemplateCatalog catalog;
    const QStringList folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& folder : folders) {
        auto t = loadTemplate(root.absoluteFilePath(folder));
        if (!t)
            return t.error();
        catalog.m_templates.push_back(std::move(t.value()));
    }
    return catalog;
}

Result<TemplateCatalog> TemplateCatalog::loadDefault()
{
    return load(paths::templatesDir());
}

const Template* TemplateCatalog::find(const QString& id) const
{
    for (const Template& t : m_templates) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

QStringList TemplateCatalog::categories() const
{
    QStringList list;
    for (const Template& t : m_templates)
        list << t.category;
    list.sort();
    list.removeDuplicates();
    return list;
}

} // namespace corral::catalog
