// SPDX-License-Identifier: Apache-2.0
#include "Template.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>
#include <array>

namespace corral::catalog {

namespace {

constexpr std::array kMaturity{"experimental", "beta", "stable"};
constexpr std::array kCompliance{"unreviewed", "reviewed", "certified"};
constexpr std::array kKinds{"text", "multiline", "choice", "folder", "connectors", "model"};

// Longest answer a creator can give to one question; longer text belongs in a file.
constexpr qsizetype kMaxAnswerLength = 16 * 1024;

template <typename Enum, std::size_t N>
std::optional<Enum> fromNames(const std::array<const char*, N>& names, const QString& text)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (text == QLatin1String(names[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

const QRegularExpression& slotPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*\\}\\}"));
    return pattern;
}

} // namespace

bool isRunTimePlaceholder(const QString& name)
{
    return name.contains(QLatin1Char('.')) || name == QLatin1String("input");
}

namespace {

QString answerText(const QJsonValue& value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& item : value.toArray())
            parts << item.toString();
        return parts.join(QStringLiteral(", "));
    }
    return value.toString();
}

// Checks one answer against its question; returns an empty error code when it fits.
std::optional<Error> checkAnswer(const Question& question, const QJsonValue& value)
{
    const QString name = QStringLiteral("question '%1'").arg(question.id);
    if (question.kind == QuestionKind::Connectors) {
        if (!value.isArray())
            return makeError(QStringLiteral("template.answer-type"),
                             name + QStringLiteral(" takes a list of connector ids"));
        for (const QJsonValue& item : value.toArray()) {
            if (!item.isString() || item.toString().isEmpty())
                return makeError(QStringLiteral("template.answer-type"),
                                 name + QStringLiteral(" takes a list of connector ids"));
        }
        return std::nullopt;
    }
    if (!value.isString())
        return makeError(QStringLiteral("template.answer-type"), name + QStringLiteral(" takes text"));
    const QString text = value.toString();
    // An answer is data: braces in it would become placeholders the run expands.
    if (text.contains(QLatin1String("{{")) || text.contains(QLatin1String("}}")))
        return makeError(QStringLiteral("template.answer-placeholder"),
                         name + QStringLiteral(" cannot contain '{{' or '}}'"));
    if (text.size() > kMaxAnswerLength)
        return makeError(
            QStringLiteral("template.answer-too-long"),
            name + QStringLiteral(" takes at most %1 characters, got %2").arg(kMaxAnswerLength).arg(text.size()));
    switch (question.kind) {
    case QuestionKind::Text:
    case QuestionKind::Model:
        if (text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')))
            return makeError(QStringLiteral("template.answer-type"), name + QStringLiteral(" takes one line of text"));
        break;
    case QuestionKind::Choice:
        if (!question.choices.contains(text))
            return makeError(QStringLiteral("template.answer-choice"),
                             name + QStringLiteral(" takes one of: %1 (got '%2')")
                                        .arg(question.choices.join(QStringLiteral(", ")), text));
        break;
    case QuestionKind::Folder: {
        // A folder is relative to a files connector's root; the agent resolves it beneath
        // the root, but a path that tries to leave it is refused here already.
        const bool escapes = text.startsWith(QLatin1Char('/')) || text.contains(QLatin1Char('\\')) ||
                             text.split(QLatin1Char('/')).contains(QStringLiteral(".."));
        const bool control = std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x20; });
        if (escapes || control)
            return makeError(QStringLiteral("template.answer-folder"),
                             name + QStringLiteral(" takes a folder path relative to the connector's root, "
                                                   "without '..' or control characters"));
        break;
    }
    case QuestionKind::Multiline:
    case QuestionKind::Connectors:
        break;
    }
    return std::nullopt;
}

bool isEmptyAnswer(const QJsonValue& value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().trimmed().isEmpty()) ||
           (value.isArray() && value.toArray().isEmpty());
}

class SlotFiller
{
public:
    SlotFiller(const Template& tmpl, const QJsonObject& answers) : m_template(tmpl), m_answers(answers) {}

    std::optional<Error> error;

    QJsonValue fill(const QJsonValue& value, const QString& pointer)
    {
        if (error)
            return value;
        if (value.isObject()) {
            QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                it.value() = fill(it.value(), pointer + QLatin1Char('/') + it.key());
            return object;
        }
        if (value.isArray()) {
            QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                array[i] = fill(array.at(i), pointer + QLatin1Char('/') + QString::number(i));
            return array;
        }
        if (!value.isString())
            return value;
        return fillString(value.toString(), pointer);
    }

private:
    QJsonValue fillString(const QString& text, const QString& pointer)
    {
        QString result;
        qsizetype last = 0;
        auto it = slotPattern().globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const QString slot = match.captured(1);
            if (isRunTimePlaceholder(slot))
                continue;
            if (!m_template.question(slot)) {
                error =
                    makeError(QStringLiteral("template.unknown-slot"),
                              QStringLiteral("manifest skeleton of '%1' at %2 uses {{%3}}, which no question answers")
                                  .arg(m_template.id, pointer, slot));
                return text;
            }
            const QJsonValue answer = m_answers.value(slot);
            if (match.capturedStart() == 0 && match.capturedEnd() == text.size())
                return answer; // the whole value is the slot: keep the answer's JSON type
            result += QStringView(text).mid(last, match.capturedStart() - last);
            result += answerText(answer);
            last = match.capturedEnd();
        }
        result += QStringView(text).mid(last);
        return result;
    }

    const Template& m_template;
    const QJsonObject& m_answers;
};

// The order in which manifest members read best; members not listed follow alphabetically.
const QStringList& memberOrder()
{
    static const QStringList order = {
        QStringLiteral("id"),
        QStringLiteral("name"),
        QStringLiteral("version"),
        QStringLiteral("label"),
        QStringLiteral("purpose"),
        QStringLiteral("system"),
        QStringLiteral("template"),
        QStringLiteral("owner"),
        QStringLiteral("stage"),
        QStringLiteral("model"),
        QStringLiteral("max_tokens"),
        QStringLiteral("max_requests_per_minute"),
        QStringLiteral("data_handling"),
        QStringLiteral("approval_required"),
        QStringLiteral("connectors"),
        QStringLiteral("inputs"),
        QStringLiteral("prompt"),
        QStringLiteral("steps"),
        QStringLiteral("outputs"),
        QStringLiteral("action"),
        QStringLiteral("type"),
        QStringLiteral("task"),
        QStringLiteral("connector"),
        QStringLiteral("method"),
        QStringLiteral("path"),
        QStringLiteral("glob"),
        QStringLiteral("from"),
        QStringLiteral("input"),
        QStringLiteral("question"),
        QStringLiteral("labels"),
        QStringLiteral("fields"),
        QStringLiteral("content"),
        QStringLiteral("required"),
        QStringLiteral("default"),
        QStringLiteral("choices"),
        QStringLiteral("description"),
        QStringLiteral("keywords"),
    };
    return order;
}

void writeValue(QByteArray& out, const QJsonValue& value, int indent)
{
    const QByteArray pad(indent * 2, ' ');
    const QByteArray innerPad((indent + 1) * 2, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        QStringList keys = object.keys();
        const QStringList& order = memberOrder();
        std::stable_sort(keys.begin(), keys.end(), [&](const QString& a, const QString& b) {
            const qsizetype ia = order.indexOf(a);
            const qsizetype ib = order.indexOf(b);
            if (ia >= 0 || ib >= 0)
                return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
            return a < b;
        });
        out += "{\n";
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += innerPad;
            writeValue(out, keys.at(i), indent + 1);
            out += ": ";
            writeValue(out, object.value(keys.at(i)), indent + 1);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += pad + '}';
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += "[]";
            return;
        }
        const bool scalars =
            std::none_of(array.begin(), array.end(), [](const QJsonValue& v) { return v.isObject() || v.isArray(); });
        if (scalars) {
            // Short lists of ids read best on one line: ["documents", "outbox"].
            out += QJsonDocument(array).toJson(QJsonDocument::Compact).replace(",", ", ");
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += innerPad;
            writeValue(out, array.at(i), indent + 1);
            out += i + 1 < array.size() ? ",\n" : "\n";
        }
        out += pad + ']';
        return;
    }
    // Scalars: let Qt escape them, then drop the array brackets around the single value.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out += wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

QString toString(Maturity maturity)
{
    return QLatin1String(kMaturity.at(static_cast<std::size_t>(maturity)));
}

QString toString(Compliance compliance)
{
    return QLatin1String(kCompliance.at(static_cast<std::size_t>(compliance)));
}

QString toString(QuestionKind kind)
{
    return QLatin1String(kKinds.at(static_cast<std::size_t>(kind)));
}

std::optional<Maturity> maturityFromString(const QString& text)
{
    return fromNames<Maturity>(kMaturity, text);
}

std::optional<Compliance> complianceFromString(const QString& text)
{
    return fromNames<Compliance>(kCompliance, text);
}

std::optional<QuestionKind> questionKindFromString(const QString& text)
{
    return fromNames<QuestionKind>(kKinds, text);
}

const Question* Template::question(const QString& questionId) const
{
    for (const Question& q : questions) {
        if (q.id == questionId)
            return &q;
    }
    return nullptr;
}

Result<QJsonObject> instantiate(const Template& tmpl, const QJsonObject& answers)
{
    QJsonObject merged = tmpl.defaults;
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const Question* question = tmpl.question(it.key());
        if (!question)
            return makeError(QStringLiteral("template.unknown-answer"),
                             QStringLiteral("template '%1' asks no question '%2'").arg(tmpl.id, it.key()));
        if (auto problem = checkAnswer(*question, it.value()))
            return *problem;
        merged.insert(it.key(), it.value());
    }
    for (const Question& question : tmpl.questions) {
        if (question.required && isEmptyAnswer(merged.value(question.id)))
            return makeError(QStringLiteral("template.answer-missing"),
                             QStringLiteral("question '%1' (%2) needs an answer").arg(question.id, question.label));
        if (!merged.contains(question.id))
            merged.insert(question.id,
                          question.kind == QuestionKind::Connectors ? QJsonValue(QJsonArray()) : QJsonValue(QString()));
    }

    const QJsonDocument skeleton = QJsonDocument::fromJson(tmpl.manifestSkeleton);
    if (!skeleton.isObject())
        return makeError(QStringLiteral("template.skeleton"),
                         QStringLiteral("manifest skeleton of '%1' is not a JSON object").arg(tmpl.id));
    SlotFiller filler(tmpl, merged);
    QJsonObject manifest = filler.fill(skeleton.object(), QString()).toObject();
    if (filler.error)
        return *filler.error;
    manifest.insert(QStringLiteral("template"), tmpl.reference());
    return manifest;
}

Result<QJsonObject> previewManifest(const Template& tmpl)
{
    return instantiate(tmpl, {});
}

QByteArray formatManifest(const QJsonObject& manifest)
{
    QByteArray out;
    writeValue(out, manifest, 0);
    out += '\n';
    return out;
}

} // namespace corral::catalog
