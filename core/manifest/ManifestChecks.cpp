// SPDX-License-Identifier: Apache-2.0
#include "ManifestChecks.h"

#include "catalog/JsonText.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace corral::manifest {

using catalog::ConnectorInfo;
using catalog::ConnectorType;

namespace {

QString member(const QString& pointer, const QString& key)
{
    return pointer + QLatin1Char('/') + catalog::escapePointerToken(key);
}

QString item(const QString& pointer, qsizetype index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

// Members a step may have besides id, action and label, per action.
const QHash<QString, QStringList>& stepMembers()
{
    static const QHash<QString, QStringList> members{
        {QStringLiteral("files.list"),
         {QStringLiteral("connector"), QStringLiteral("path"), QStringLiteral("glob"), QStringLiteral("recursive"),
          QStringLiteral("max_files")}},
        {QStringLiteral("files.read"),
         {QStringLiteral("connector"), QStringLiteral("path"), QStringLiteral("from"), QStringLiteral("glob"),
          QStringLiteral("max_files"), QStringLiteral("max_bytes")}},
        {QStringLiteral("files.write"),
         {QStringLiteral("connector"), QStringLiteral("path"), QStringLiteral("content"), QStringLiteral("if_exists")}},
        {QStringLiteral("http.request"),
         {QStringLiteral("connector"), QStringLiteral("method"), QStringLiteral("path"), QStringLiteral("query"),
          QStringLiteral("headers"), QStringLiteral("body"), QStringLiteral("max_bytes")}},
        {QStringLiteral("model.generate"),
         {QStringLiteral("task"), QStringLiteral("input"), QStringLiteral("prompt"), QStringLiteral("question"),
          QStringLiteral("labels"), QStringLiteral("fields"), QStringLiteral("max_sentences"),
          QStringLiteral("max_tokens"), QStringLiteral("temperature")}},
        {QStringLiteral("text.template"), {QStringLiteral("template")}},
    };
    return members;
}

// Fields of a step's result that placeholders may name: {{steps.ID.FIELD}}.
const QStringList& resultFields()
{
    static const QStringList fields{QStringLiteral("text"),   QStringLiteral("files"), QStringLiteral("path"),
                                    QStringLiteral("status"), QStringLiteral("label"), QStringLiteral("score")};
    return fields;
}

const QRegularExpression& placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([^{}]*?)\\s*\\}\\}"));
    return pattern;
}

} // namespace

void ManifestChecks::add(const QString& code, const QString& pointer, const QString& message)
{
    ManifestIssue issue;
    issue.code = code;
    issue.pointer = pointer;
    issue.message = pointer.isEmpty() ? message : pointer + QStringLiteral(": ") + message;
    m_issues.push_back(issue);
}

void ManifestChecks::checkRange(const QJsonValue& value, const QString& pointer, const QString& what, double min,
                                double max)
{
    if (!value.isDouble())
        return; // absent, or a type error the schema reports
    const double v = value.toDouble();
    if (v < min || v > max)
        add(QStringLiteral("manifest.limit"), pointer,
            QStringLiteral("%1 %2 is out of range (%3 to %4)")
                .arg(what, QString::number(v, 'g', 17), QString::number(min, 'g', 17), QString::number(max, 'g', 17)));
}

void ManifestChecks::checkLimits(const QJsonObject& manifest)
{
    m_model = m_models.find(manifest.value(QStringLiteral("model")).toString());
    const int tokenCeiling = m_model ? std::min(m_model->contextWindow, m_limits.maxTokens) : m_limits.maxTokens;
    checkRange(manifest.value(QStringLiteral("max_tokens")), QStringLiteral("/max_tokens"),
               QStringLiteral("max_tokens"), 1, tokenCeiling);
    checkRange(manifest.value(QStringLiteral("max_requests_per_minute")), QStringLiteral("/max_requests_per_minute"),
               QStringLiteral("max_requests_per_minute"), 1, m_limits.maxRequestsPerMinute);

    const QJsonValue appTokens = manifest.value(QStringLiteral("max_tokens"));
    // Steps stay within the app's own limit, when that limit is itself valid.
    const bool appTokensValid =
        appTokens.isDouble() && appTokens.toDouble() >= 1 && appTokens.toDouble() <= tokenCeiling;
    const double stepTokenCeiling = appTokensValid ? appTokens.toDouble() : tokenCeiling;
    const QJsonArray steps = manifest.value(QStringLiteral("steps")).toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject step = steps.at(i).toObject();
        const QString p = item(QStringLiteral("/steps"), i);
        checkRange(step.value(QStringLiteral("max_tokens")), member(p, QStringLiteral("max_tokens")),
                   QStringLiteral("max_tokens (at most the app's max_tokens)"), 1, stepTokenCeiling);
        checkRange(step.value(QStringLiteral("max_sentences")), member(p, QStringLiteral("max_sentences")),
                   QStringLiteral("max_sentences"), 1, m_limits.maxSentences);
        checkRange(step.value(QStringLiteral("max_bytes")), member(p, QStringLiteral("max_bytes")),
                   QStringLiteral("max_bytes"), 1, double(m_limits.maxReadBytes));
        checkRange(step.value(QStringLiteral("temperature")), member(p, QStringLiteral("temperature")),
                   QStringLiteral("temperature"), 0, 2);
        const ConnectorInfo* connector = m_connectors.find(step.value(QStringLiteral("connector")).toString());
        const int maxFiles = connector && connector->type == ConnectorType::Files ? connector->files.maxFiles : 100000;
        checkRange(step.value(QStringLiteral("max_files")), member(p, QStringLiteral("max_files")),
                   QStringLiteral("max_files (the connector's limit)"), 1, maxFiles);
    }
    const QJsonArray connectors = manifest.value(QStringLiteral("connectors")).toArray();
    for (qsizetype i = 0; i < connectors.size(); ++i) {
        const QJsonObject use = connectors.at(i).toObject();
        const ConnectorInfo* connector = m_connectors.find(use.value(QStringLiteral("id")).toString());
        const int maxFiles = connector && connector->type == ConnectorType::Files ? connector->files.maxFiles : 100000;
        checkRange(use.value(QStringLiteral("max_files")),
                   member(item(QStringLiteral("/connectors"), i), QStringLiteral("max_files")),
                   QStringLiteral("max_files (the connector's limit)"), 1, maxFiles);
    }
}

void ManifestChecks::checkReferences(const QJsonObject& manifest)
{
    checkModel(manifest);
    checkConnectors(manifest);
    checkInputs(manifest);
    const QJsonObject prompt = manifest.value(QStringLiteral("prompt")).toObject();
    checkSteps(manifest);
    for (const QString& key : {QStringLiteral("system"), QStringLiteral("template")}) {
        if (prompt.contains(key))
            checkPlaceholders(prompt.value(key).toString(), member(QStringLiteral("/prompt"), key), -1, true);
    }
    checkOutputs(manifest);
}

void ManifestChecks::checkModel(const QJsonObject& manifest)
{
    const QString id = manifest.value(QStringLiteral("model")).toString();
    if (!m_model) {
        add(QStringLiteral("manifest.unknown-model"), QStringLiteral("/model"),
            QStringLiteral("unknown model '%1' (the catalog has: %2)")
                .arg(id, m_models.ids().join(QStringLiteral(", "))));
        return;
    }
    if (m_model->approval == catalog::ModelApproval::Prohibited)
        add(QStringLiteral("manifest.model-prohibited"), QStringLiteral("/model"),
            QStringLiteral("model '%1' is prohibited by the catalog").arg(id));
    if (manifest.value(QStringLiteral("data_handling")).toString() == QLatin1String("pii-allowed-onprem") &&
        !m_model->onPrem)
        add(QStringLiteral("manifest.data-handling"), QStringLiteral("/data_handling"),
            QStringLiteral("'pii-allowed-onprem' needs an on-premises model, and '%1' is not one").arg(id));
}

void ManifestChecks::checkConnectors(const QJsonObject& manifest)
{
    const QJsonArray list = manifest.value(QStringLiteral("connectors")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString p = item(QStringLiteral("/connectors"), i);
        const QJsonObject use = list.at(i).isObject() ? list.at(i).toObject() : QJsonObject();
        const QString id = list.at(i).isString() ? list.at(i).toString() : use.value(QStringLiteral("id")).toString();
        const QString idPointer = list.at(i).isString() ? p : member(p, QStringLiteral("id"));
        if (m_declared.contains(id)) {
            add(QStringLiteral("manifest.duplicate-id"), idPointer,
                QStringLiteral("connector '%1' is listed twice").arg(id));
            continue;
        }
        m_declared.insert(id, use);
        const ConnectorInfo* c = m_connectors.find(id);
        if (!c) {
            add(QStringLiteral("manifest.unknown-connector"), idPointer,
                QStringLiteral("unknown connector '%1' (the catalog has: %2)")
                    .arg(id, m_connectors.ids().join(QStringLiteral(", "))));
            continue;
        }
        if (c->classification == catalog::Classification::Blocked)
            add(QStringLiteral("manifest.connector-blocked"), idPointer,
                QStringLiteral("connector '%1' is blocked by the catalog").arg(id));
        // An app may narrow a connector's settings, never widen them.
        const bool files = c->type == ConnectorType::Files;
        for (const QString& key : {QStringLiteral("mode"), QStringLiteral("folder"), QStringLiteral("include"),
                                   QStringLiteral("exclude"), QStringLiteral("max_files")}) {
            if (!files && use.contains(key))
                add(QStringLiteral("manifest.connector-type"), member(p, key),
                    QStringLiteral("'%1' applies to folder connectors; '%2' is a web connector").arg(key, id));
        }
        if (files && use.contains(QStringLiteral("methods")))
            add(QStringLiteral("manifest.connector-type"), member(p, QStringLiteral("methods")),
                QStringLiteral("'methods' applies to web connectors; '%1' is a folder connector").arg(id));
        if (files && use.value(QStringLiteral("mode")).toString() == QLatin1String("read-write") &&
            c->files.mode == catalog::FolderMode::Read)
            add(QStringLiteral("manifest.connector-mode"), member(p, QStringLiteral("mode")),
                QStringLiteral("connector '%1' is read-only in the catalog").arg(id));
        if (use.contains(QStringLiteral("folder"))) {
            const QString folder = use.value(QStringLiteral("folder")).toString();
            if (folder.startsWith(QLatin1Char('/')) || folder.split(QLatin1Char('/')).contains(QStringLiteral("..")))
                add(QStringLiteral("manifest.path"), member(p, QStringLiteral("folder")),
                    QStringLiteral("'%1' must stay beneath the connector's root (no leading '/', no '..')")
                        .arg(folder));
        }
        if (!files) {
            const QJsonArray methods = use.value(QStringLiteral("methods")).toArray();
            for (qsizetype m = 0; m < methods.size(); ++m) {
                if (!c->http.methods.contains(methods.at(m).toString()))
                    add(QStringLiteral("manifest.connector-method"), item(member(p, QStringLiteral("methods")), m),
                        QStringLiteral("connector '%1' does not allow %2 (allowed: %3)")
                            .arg(id, methods.at(m).toString(), c->http.methods.join(QStringLiteral(", "))));
            }
        }
    }
}

void ManifestChecks::checkInputs(const QJsonObject& manifest)
{
    const QJsonArray inputs = manifest.value(QStringLiteral("inputs")).toArray();
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QJsonObject input = inputs.at(i).toObject();
        const QString p = item(QStringLiteral("/inputs"), i);
        const QString id = input.value(QStringLiteral("id")).toString();
        if (m_inputIds.contains(id))
            add(QStringLiteral("manifest.duplicate-id"), member(p, QStringLiteral("id")),
                QStringLiteral("input '%1' is defined twice").arg(id));
        m_inputIds << id;
        const QString type = input.value(QStringLiteral("type")).toString();
        const bool hasChoices = input.contains(QStringLiteral("choices"));
        if (type == QLatin1String("choice") && !hasChoices)
            add(QStringLiteral("manifest.input"), p, QStringLiteral("a choice input needs \"choices\""));
        if (type != QLatin1String("choice") && hasChoices)
            add(QStringLiteral("manifest.input"), member(p, QStringLiteral("choices")),
                QStringLiteral("only choice inputs have choices"));
        const QJsonValue def = input.value(QStringLiteral("default"));
        if (type == QLatin1String("choice") && def.isString()) {
            QStringList choices;
            for (const QJsonValue& c : input.value(QStringLiteral("choices")).toArray())
                choices << c.toString();
            if (!choices.contains(def.toString()))
                add(QStringLiteral("manifest.input"), member(p, QStringLiteral("default")),
                    QStringLiteral("default '%1' is not one of the choices").arg(def.toString()));
        }
        if (!def.isUndefined() && (type == QLatin1String("number")) != def.isDouble())
            add(QStringLiteral("manifest.input"), member(p, QStringLiteral("default")),
                QStringLiteral("default does not fit a %1 input").arg(type));
        const bool pathInput = type == QLatin1String("file") || type == QLatin1String("folder");
        if (pathInput && !input.contains(QStringLiteral("connector")))
            add(QStringLiteral("manifest.input"), p,
                QStringLiteral("a %1 input needs the \"connector\" it lives in").arg(type));
        if (!pathInput && input.contains(QStringLiteral("connector")))
            add(QStringLiteral("manifest.input"), member(p, QStringLiteral("connector")),
                QStringLiteral("only file and folder inputs name a connector"));
        if (input.contains(QStringLiteral("connector"))) {
            const QString connector = input.value(QStringLiteral("connector")).toString();
            if (!m_declared.contains(connector))
                add(QStringLiteral("manifest.undeclared-connector"), member(p, QStringLiteral("connector")),
                    QStringLiteral("connector '%1' is not in the app's \"connectors\"").arg(connector));
            else if (const ConnectorInfo* c = m_connectors.find(connector); c && c->type != ConnectorType::Files)
                add(QStringLiteral("manifest.connector-type"), member(p, QStringLiteral("connector")),
                    QStringLiteral("'%1' is a web connector; a %2 input needs a folder connector")
                        .arg(connector, type));
        }
    }
}

const ConnectorInfo* ManifestChecks::stepConnector(const QJsonObject& step, const QString& pointer)
{
    if (!step.contains(QStringLiteral("connector")))
        return nullptr;
    const QString id = step.value(QStringLiteral("connector")).toString();
    const QString p = member(pointer, QStringLiteral("connector"));
    if (!m_declared.contains(id)) {
        add(QStringLiteral("manifest.undeclared-connector"), p,
            QStringLiteral("connector '%1' is not in the app's \"connectors\"").arg(id));
        return nullptr;
    }
    return m_connectors.find(id); // unknown ids were reported where they are declared
}

void ManifestChecks::checkSteps(const QJsonObject& manifest)
{
    const QJsonArray steps = manifest.value(QStringLiteral("steps")).toArray();
    // Ids first, so a reference to a later step says "later", not "unknown".
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject step = steps.at(i).toObject();
        const QString id = step.value(QStringLiteral("id")).toString();
        if (m_stepIds.contains(id))
            add(QStringLiteral("manifest.duplicate-id"),
                member(item(QStringLiteral("/steps"), i), QStringLiteral("id")),
                QStringLiteral("step '%1' is defined twice").arg(id));
        m_stepIds << id;
        m_stepActions << step.value(QStringLiteral("action")).toString();
    }
    for (qsizetype i = 0; i < steps.size(); ++i)
        checkStep(steps.at(i).toObject(), item(QStringLiteral("/steps"), i), int(i));
}

void ManifestChecks::checkStep(const QJsonObject& step, const QString& pointer, int index)
{
    const QString action = step.value(QStringLiteral("action")).toString();
    const QStringList allowed = stepMembers().value(action);
    for (auto it = step.begin(); it != step.end(); ++it) {
        const QString& key = it.key();
        if (key != QLatin1String("id") && key != QLatin1String("action") && key != QLatin1String("label") &&
            !allowed.contains(key))
            add(QStringLiteral("manifest.step-field"), member(pointer, key),
                QStringLiteral("'%1' does not apply to a %2 step").arg(key, action));
    }

    // A reference to another step's result: it must exist and run before this one.
    auto checkStepRef = [&](const QString& key, const QStringList& actions) {
        if (!step.contains(key))
            return;
        const QString ref = step.value(key).toString();
        const qsizetype at = m_stepIds.indexOf(ref);
        const QString p = member(pointer, key);
        if (at < 0)
            add(QStringLiteral("manifest.unknown-step"), p, QStringLiteral("no step has the id '%1'").arg(ref));
        else if (at >= index)
            add(QStringLiteral("manifest.unknown-step"), p,
                QStringLiteral("step '%1' runs after this one; only earlier steps can be used").arg(ref));
        else if (!actions.isEmpty() && !actions.contains(m_stepActions.at(at)))
            add(QStringLiteral("manifest.step-kind"), p,
                QStringLiteral("step '%1' is a %2 step; expected %3")
                    .arg(ref, m_stepActions.at(at), actions.join(QStringLiteral(" or "))));
    };

    const ConnectorInfo* connector = stepConnector(step, pointer);
    const QString connectorPointer = member(pointer, QStringLiteral("connector"));
    const bool filesAction = action.startsWith(QLatin1String("files."));
    if (connector) {
        if (filesAction && connector->type != ConnectorType::Files)
            add(QStringLiteral("manifest.connector-type"), connectorPointer,
                QStringLiteral("%1 needs a folder connector; '%2' is a web connector").arg(action, connector->id));
        if (action == QLatin1String("http.request") && connector->type != ConnectorType::Http)
            add(QStringLiteral("manifest.connector-type"), connectorPointer,
                QStringLiteral("http.request needs a web connector; '%1' is a folder connector").arg(connector->id));
    }

    if (action == QLatin1String("files.read")) {
        const bool hasPath = step.contains(QStringLiteral("path"));
        const bool hasFrom = step.contains(QStringLiteral("from"));
        if (hasPath == hasFrom)
            add(QStringLiteral("manifest.step-field"), pointer,
                QStringLiteral("a files.read step reads either \"path\" or the files of step \"from\""));
        checkStepRef(QStringLiteral("from"), {QStringLiteral("files.list")});
    }
    if (action == QLatin1String("files.write") && connector && connector->type == ConnectorType::Files) {
        const QJsonObject narrowed = m_declared.value(connector->id);
        if (connector->files.mode == catalog::FolderMode::Read ||
            narrowed.value(QStringLiteral("mode")).toString() == QLatin1String("read"))
            add(QStringLiteral("manifest.connector-mode"), connectorPointer,
                QStringLiteral("connector '%1' is read-only for this app; files.write needs read-write")
                    .arg(connector->id));
    }
    if (action == QLatin1String("http.request") && connector && connector->type == ConnectorType::Http) {
        const QString method = step.value(QStringLiteral("method")).toString();
        QStringList methods = connector->http.methods;
        const QJsonObject narrowed = m_declared.value(connector->id);
        if (narrowed.contains(QStringLiteral("methods"))) {
            QStringList own;
            for (const QJsonValue& m : narrowed.value(QStringLiteral("methods")).toArray())
                own << m.toString();
            methods = own;
        }
        if (!methods.contains(method))
            add(QStringLiteral("manifest.connector-method"), member(pointer, QStringLiteral("method")),
                QStringLiteral("connector '%1' does not allow %2 (allowed: %3)")
                    .arg(connector->id, method, methods.join(QStringLiteral(", "))));
    }
    if (step.contains(QStringLiteral("path"))) {
        const QString path = step.value(QStringLiteral("path")).toString();
        if (path.startsWith(QLatin1Char('/')) || path.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            add(QStringLiteral("manifest.path"), member(pointer, QStringLiteral("path")),
                QStringLiteral("'%1' must stay beneath the connector's root (no leading '/', no '..')").arg(path));
    }

    if (action == QLatin1String("model.generate")) {
        const QString task = step.value(QStringLiteral("task")).toString();
        if (m_model && !m_model->tasks.contains(task))
            add(QStringLiteral("manifest.model-task"), member(pointer, QStringLiteral("task")),
                QStringLiteral("model '%1' cannot do '%2' (it can: %3)")
                    .arg(m_model->id, task, m_model->tasks.join(QStringLiteral(", "))));
        if (task != QLatin1String("generate") && !step.contains(QStringLiteral("input")))
            add(QStringLiteral("manifest.step-field"), pointer,
                QStringLiteral("a %1 step needs the \"input\" step whose text it works on").arg(task));
        const auto needs = [&](const QString& key, const QString& forTask) {
            const bool has = step.contains(key);
            if (task == forTask && !has)
                add(QStringLiteral("manifest.step-field"), pointer,
                    QStringLiteral("a %1 step needs \"%2\"").arg(task, key));
            if (task != forTask && has)
                add(QStringLiteral("manifest.step-field"), member(pointer, key),
                    QStringLiteral("'%1' applies to %2 steps, not %3").arg(key, forTask, task));
        };
        needs(QStringLiteral("question"), QStringLiteral("answer"));
        needs(QStringLiteral("labels"), QStringLiteral("classify"));
        needs(QStringLiteral("fields"), QStringLiteral("extract"));
        // Sentence counts bound what an extractive model returns; labels and free text have none.
        if (step.contains(QStringLiteral("max_sentences")) &&
            (task == QLatin1String("classify") || task == QLatin1String("generate")))
            add(QStringLiteral("manifest.step-field"), member(pointer, QStringLiteral("max_sentences")),
                QStringLiteral("'max_sentences' applies to summarize, answer and extract steps, not %1").arg(task));
        checkStepRef(QStringLiteral("input"), {});
        for (const QString& listKey : {QStringLiteral("labels"), QStringLiteral("fields")}) {
            const QJsonArray list = step.value(listKey).toArray();
            QSet<QString> seen;
            for (qsizetype i = 0; i < list.size(); ++i) {
                const QString id = list.at(i).toObject().value(QStringLiteral("id")).toString();
                if (seen.contains(id))
                    add(QStringLiteral("manifest.duplicate-id"),
                        member(item(member(pointer, listKey), i), QStringLiteral("id")),
                        QStringLiteral("'%1' is listed twice").arg(id));
                seen.insert(id);
            }
        }
    }

    const bool modelStep = action == QLatin1String("model.generate");
    for (const QString& key : {QStringLiteral("path"), QStringLiteral("content"), QStringLiteral("body"),
                               QStringLiteral("prompt"), QStringLiteral("question"), QStringLiteral("template")}) {
        if (step.contains(key))
            checkPlaceholders(step.value(key).toString(), member(pointer, key), index, modelStep);
    }
    for (const QString& key : {QStringLiteral("query"), QStringLiteral("headers")}) {
        const QJsonObject map = step.value(key).toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            checkPlaceholders(it.value().toString(), member(member(pointer, key), it.key()), index, false);
    }
}

void ManifestChecks::checkOutputs(const QJsonObject& manifest)
{
    const QJsonArray outputs = manifest.value(QStringLiteral("outputs")).toArray();
    QStringList ids;
    for (qsizetype i = 0; i < outputs.size(); ++i) {
        const QJsonObject output = outputs.at(i).toObject();
        const QString p = item(QStringLiteral("/outputs"), i);
        const QString id = output.value(QStringLiteral("id")).toString();
        if (ids.contains(id))
            add(QStringLiteral("manifest.duplicate-id"), member(p, QStringLiteral("id")),
                QStringLiteral("output '%1' is defined twice").arg(id));
        ids << id;
        const QString from = output.value(QStringLiteral("from")).toString();
        if (!m_stepIds.contains(from))
            add(QStringLiteral("manifest.unknown-step"), member(p, QStringLiteral("from")),
                QStringLiteral("no step has the id '%1'").arg(from));
    }
}

void ManifestChecks::checkPlaceholders(const QString& text, const QString& pointer, int beforeStep, bool allowInput)
{
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1);
        const QStringList parts = name.split(QLatin1Char('.'));
        const QString shown = QStringLiteral("{{%1}}").arg(name);
        if (parts.size() == 2 && parts.at(0) == QLatin1String("inputs")) {
            if (!m_inputIds.contains(parts.at(1)))
                add(QStringLiteral("manifest.unknown-input"), pointer,
                    QStringLiteral("%1 names no input (inputs: %2)")
                        .arg(shown,
                             m_inputIds.isEmpty() ? QStringLiteral("none") : m_inputIds.join(QStringLiteral(", "))));
            continue;
        }
        if ((parts.size() == 2 || parts.size() == 3) && parts.at(0) == QLatin1String("steps")) {
            const qsizetype at = m_stepIds.indexOf(parts.at(1));
            if (at < 0)
                add(QStringLiteral("manifest.unknown-step"), pointer, QStringLiteral("%1 names no step").arg(shown));
            else if (beforeStep >= 0 && at >= beforeStep)
                add(QStringLiteral("manifest.unknown-step"), pointer,
                    QStringLiteral("%1 names a step that has not run yet at this point").arg(shown));
            else if (parts.size() == 3 && !resultFields().contains(parts.at(2)))
                add(QStringLiteral("manifest.placeholder"), pointer,
                    QStringLiteral("%1: a step result has no field '%2' (fields: %3)")
                        .arg(shown, parts.at(2), resultFields().join(QStringLiteral(", "))));
            continue;
        }
        if (name == QLatin1String("input")) {
            if (!allowInput)
                add(QStringLiteral("manifest.placeholder"), pointer,
                    QStringLiteral("{{input}} is only available in model prompts"));
            continue;
        }
        if (name == QLatin1String("run.date") || name == QLatin1String("run.time") || name == QLatin1String("run.id"))
            continue;
        add(QStringLiteral("manifest.placeholder"), pointer,
            QStringLiteral("%1 names nothing (use {{inputs.ID}}, {{steps.ID}}, {{steps.ID.FIELD}}, {{input}} or "
                           "{{run.date}})")
                .arg(shown));
    }
}

} // namespace corral::manifest
