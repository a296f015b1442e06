// SPDX-License-Identifier: Apache-2.0
// The manifest validator: the product brief's manifest is valid, and every kind of problem
// is reported with its exact code, JSON pointer, message, line and column.
#include "TestSupport.h"
#include "catalog/Template.h"
#include "manifest/ManifestValidator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <functional>

using namespace corral;
using namespace corral::manifest;

namespace {

QJsonObject baseManifest()
{
    return QJsonObject{
        {"name", "demo-app"},
        {"version", "1.0.0"},
        {"purpose", "Summarize the week's notes."},
        {"template", "demo@1.0.0"},
        {"owner", "alex@example.com"},
        {"stage", "development"},
        {"model", "local-extractive"},
        {"max_tokens", 800},
        {"max_requests_per_minute", 30},
        {"data_handling", "no-pii"},
        {"approval_required", false},
        {"connectors", QJsonArray{"documents", QJsonObject{{"id", "outbox"}, {"mode", "read-write"}}, "sales-crm"}},
        {"inputs", QJsonArray{QJsonObject{{"id", "folder"},
                                          {"label", "Folder"},
                                          {"type", "folder"},
                                          {"connector", "documents"},
                                          {"default", "Sales"}},
                              QJsonObject{{"id", "period"},
                                          {"label", "Period"},
                                          {"type", "choice"},
                                          {"choices", QJsonArray{"week", "month"}},
                                          {"default", "week"}}}},
        {"prompt", QJsonObject{{"system", "Be brief."}, {"template", "Summarize {{inputs.period}}: {{input}}"}}},
        {"steps",
         QJsonArray{QJsonObject{{"id", "list"},
                                {"action", "files.list"},
                                {"connector", "documents"},
                                {"path", "{{inputs.folder}}"},
                                {"glob", QJsonArray{"*.txt"}},
                                {"max_files", 50}},
                    QJsonObject{{"id", "read"}, {"action", "files.read"}, {"connector", "documents"}, {"from", "list"}},
                    QJsonObject{{"id", "crm"},
                                {"action", "http.request"},
                                {"connector", "sales-crm"},
                                {"method", "GET"},
                                {"path", "opportunities"},
                                {"query", QJsonObject{{"period", "{{inputs.period}}"}}}},
                    QJsonObject{{"id", "sum"},
                                {"action", "model.generate"},
                                {"task", "summarize"},
                                {"input", "read"},
                                {"max_sentences", 5},
                                {"max_tokens", 400}},
                    QJsonObject{{"id", "kind"},
                                {"action", "model.generate"},
                                {"task", "classify"},
                                {"input", "read"},
                                {"labels", QJsonArray{QJsonObject{{"id", "good"}},
                                                      QJsonObject{{"id", "bad"}, {"keywords", QJsonArray{"late"}}}}}},
                    QJsonObject{{"id", "report"},
                                {"action", "text.template"},
                                {"template", "{{steps.sum}} {{steps.kind.label}} {{run.date}}"}},
                    QJsonObject{{"id", "save"},
                                {"action", "files.write"},
                                {"connector", "outbox"},
                                {"path", "out-{{run.date}}.md"},
                                {"content", "{{steps.report}}"},
                                {"if_exists", "rename"}}}},
        {"outputs", QJsonArray{QJsonObject{{"id", "summary"}, {"from", "report"}, {"format", "markdown"}}}},
    };
}

// Line and column of the first occurrence of `marker` in `text`, counted independently of
// the code under test.
// A '|' in the marker stands for the position ("\"max_tokens\": |800"); without one the
// position is the marker's start.
std::pair<int, int> positionOf(const QByteArray& text, QByteArray marker)
{
    const qsizetype bar = marker.indexOf('|');
    if (bar >= 0)
        marker.remove(bar, 1);
    qsizetype at = text.indexOf(marker);
    if (at < 0 || text.indexOf(marker, at + 1) >= 0)
        qFatal("marker %s is not unique in the manifest", marker.constData());
    if (bar >= 0)
        at += bar;
    const QByteArray before = text.left(at);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    return {int(before.count('\n')) + 1, int(QString::fromUtf8(before.mid(lineStart)).size()) + 1};
}

// Sets the value at a path of member names and array indexes ("steps/1/from").
void setAt(QJsonObject& root, const QString& path, const QJsonValue& value)
{
    std::function<QJsonValue(const QJsonValue&, QStringList)> set = [&](const QJsonValue& node, QStringList parts) {
        const QString head = parts.takeFirst();
        if (node.isArray()) {
            QJsonArray array = node.toArray();
            const int index = head.toInt();
            if (parts.isEmpty())
                array[index] = value;
            else
                array[index] = set(array.at(index), parts);
            return QJsonValue(array);
        }
        QJsonObject object = node.toObject();
        if (parts.isEmpty()) {
            if (value.isUndefined())
                object.remove(head);
            else
                object.insert(head, value);
        } else {
            object.insert(head, set(object.value(head), parts));
        }
        return QJsonValue(object);
    };
    root = set(root, path.split('/')).toObject();
}

} // namespace

class TestManifestValidator : public QObject
{
    Q_OBJECT

private:
    std::optional<ManifestValidator> m_validator;

    ValidationReport check(const QByteArray& text) { return m_validator->validate(text); }

    // Expects exactly one issue.
    void expectOne(const QByteArray& text, const QString& code, const QString& pointer, const QString& message,
                   int line, int column)
    {
        const ValidationReport report = check(text);
        QStringList all;
        for (const ManifestIssue& i : report.issues)
            all << i.code + " " + i.message;
        QVERIFY2(report.issues.size() == 1, qPrintable(all.join(" | ")));
        const ManifestIssue& issue = report.issues.front();
        QCOMPARE(issue.code, code);
        QCOMPARE(issue.pointer, pointer);
        QCOMPARE(issue.message, message);
        QCOMPARE(issue.line, line);
        QCOMPARE(issue.column, column);
    }

    // Mutates the base manifest, then expects one issue at the value that `marker` starts.
    void expectSemantic(const std::function<void(QJsonObject&)>& mutate, const QByteArray& marker, const QString& code,
                        const QString& pointer, const QString& message)
    {
        QJsonObject m = baseManifest();
        mutate(m);
        const QByteArray text = catalog::formatManifest(m);
        const auto [line, column] = positionOf(text, marker);
        expectOne(text, code, pointer, message, line, column);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto validator = ManifestValidator::createDefault();
        QVERIFY2(validator, qPrintable(validator.ok() ? QString() : validator.error().toString()));
        m_validator = std::move(validator.value());
    }

    void seedManifestIsValid()
    {
        const ValidationReport report = check(test::readFile(test::fixturePath("seed-manifest.json")));
        QVERIFY(report.ok());
        QCOMPARE(report.manifest.value("model").toString(), QStringLiteral("gpt-4o-plat-2026"));
    }

    void fullManifestIsValid()
    {
        const ValidationReport report = check(catalog::formatManifest(baseManifest()));
        QStringList all;
        for (const ManifestIssue& i : report.issues)
            all << i.message;
        QVERIFY2(report.ok(), qPrintable(all.join(" | ")));
    }

    void notJson()
    {
        expectOne("{\n  \"name\": \"x\",\n  \"version\" \"1.0.0\"\n}", "manifest.json", "",
                  "expected ':' after the member name, found '\"'", 3, 13);
        expectOne("{\n  \"name\": \"x\",\n  \"version\": \"1.0", "manifest.truncated", "",
                  "unexpected end of file (truncated?) in a string", 3, 14);
        expectOne("", "manifest.truncated", "", "file is empty", 1, 1);
        expectOne("{\n  \"name\": \"caf\xc3\xa9 \xff\"\n}", "manifest.utf8", "", "invalid UTF-8 at byte 19", 2, 17);
        expectOne("{\n  \"name\": \"a\",\n  \"model\": \"b\",\n  \"name\": \"c\"\n}", "manifest.duplicate-key", "",
                  "duplicate member name \"name\"", 4, 3);
        expectOne("{\"max_tokens\": 1e999}", "manifest.number", "", "number 1e999 is out of range", 1, 16);
        const QByteArray deep = "{\"steps\": " + QByteArray(40, '[') + QByteArray(40, ']') + "}";
        expectOne(deep, "manifest.depth", "", "nested more than 32 levels deep", 1, 42);
        QByteArray huge = catalog::formatManifest(baseManifest());
        huge.insert(1, QByteArray(1024 * 1024, ' '));
        expectOne(huge, "manifest.size", "",
                  QString("file is %1 bytes, more than the limit of 1048576 bytes").arg(huge.size()), 1, 1);
    }

    void schemaProblems()
    {
        const QByteArray seed = test::readFile(test::fixturePath("seed-manifest.json"));
        QByteArray text = seed;
        text.replace("\"max_requests_per_minute\": 30", "\"max_requests_per_minute\": \"30\"");
        expectOne(text, "manifest.schema", "/max_requests_per_minute",
                  "/max_requests_per_minute: expected a whole number, found '30'", 6, 28);
        text = seed;
        text.replace("\"no-pii\"", "\"maybe\"");
        expectOne(text, "manifest.schema", "/data_handling",
                  "/data_handling: 'maybe' is not one of: no-pii, redact-pii, pii-allowed-onprem, pii-allowed", 7, 18);
        text = seed;
        text.replace("\"sales-summarizer\"", "\"Sales Summary\"");
        expectOne(text, "manifest.schema", "/name",
                  "/name: 'Sales Summary' is not valid: expected lower case letters, digits and '-', at most 64 "
                  "characters, starting with a letter or digit",
                  2, 9);
        text = seed;
        text.replace("\"approval_required\": true", "\"colour\": \"red\"");
        const ValidationReport report = check(text);
        QCOMPARE(report.issues.size(), std::size_t(2));
        QCOMPARE(report.issues.at(0).code, QStringLiteral("manifest.schema"));
        QCOMPARE(report.issues.at(0).message, QStringLiteral("missing required member \"approval_required\""));
        QCOMPARE(report.issues.at(0).pointer, QString());
        QCOMPARE(report.issues.at(0).line, 1);
        QCOMPARE(report.issues.at(0).column, 1);
        // An unknown member is marked at its name.
        QCOMPARE(report.issues.at(1).message, QStringLiteral("/colour: unknown member \"colour\""));
        QCOMPARE(report.issues.at(1).pointer, QStringLiteral("/colour"));
        QCOMPARE(report.issues.at(1).line, 9);
        QCOMPARE(report.issues.at(1).column, 1);
        text = seed;
        text.replace("[\"sales-crm\", \"s3\"]", "[\"sales-crm\", 5]");
        expectOne(text, "manifest.schema", "/connectors/1",
                  "/connectors/1: expected a connector id from the catalog, or an object narrowing its settings "
                  "for this app, found 5",
                  8, 29);
        expectOne("[1]", "manifest.schema", "", "expected an object, found [1]", 1, 1);
    }

    void stepSchemaProblems()
    {
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/2/action", "files.delete"); }, "\"files.delete\"",
                       "manifest.schema", "/steps/2/action",
                       "/steps/2/action: 'files.delete' is not one of: files.list, files.read, files.write, "
                       "http.request, model.generate, text.template");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/6/content", QJsonValue::Undefined); },
                       "{\n      \"id\": \"save\"", "manifest.schema", "/steps/6",
                       "/steps/6: missing required member \"content\"");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/0/recursive", "yes"); }, "\"yes\"", "manifest.schema",
                       "/steps/0/recursive", "/steps/0/recursive: expected true or false, found 'yes'");
    }

    void limits()
    {
        expectSemantic([](QJsonObject& m) { m.insert("max_tokens", 300000); }, "300000", "manifest.limit",
                       "/max_tokens", "/max_tokens: max_tokens 300000 is out of range (1 to 200000)");
        expectSemantic([](QJsonObject& m) { m.insert("max_tokens", 0); }, "\n  \"max_tokens\": |", "manifest.limit",
                       "/max_tokens", "/max_tokens: max_tokens 0 is out of range (1 to 200000)");
        expectSemantic([](QJsonObject& m) { m.insert("max_requests_per_minute", 5000); }, "5000", "manifest.limit",
                       "/max_requests_per_minute",
                       "/max_requests_per_minute: max_requests_per_minute 5000 is out of range (1 to 1000)");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/3/max_tokens", 900); }, "900", "manifest.limit",
                       "/steps/3/max_tokens",
                       "/steps/3/max_tokens: max_tokens (at most the app's max_tokens) 900 is out of range (1 to 800)");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/0/max_files", 5000); }, "5000", "manifest.limit",
                       "/steps/0/max_files",
                       "/steps/0/max_files: max_files (the connector's limit) 5000 is out of range (1 to 200)");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/3/max_sentences", 1000); }, "1000", "manifest.limit",
                       "/steps/3/max_sentences",
                       "/steps/3/max_sentences: max_sentences 1000 is out of range (1 to 100)");
        // A huge number is reported as a limit, not as "not an integer".
        QByteArray seed = test::readFile(test::fixturePath("seed-manifest.json"));
        seed.replace("\"max_tokens\": 800", "\"max_tokens\": 9007199254740992");
        expectOne(seed, "manifest.limit", "/max_tokens",
                  "/max_tokens: max_tokens 9007199254740992 is out of range (1 to 128000)", 5, 15);
    }

    void catalogIds()
    {
        expectSemantic([](QJsonObject& m) { m.insert("model", "gpt-5"); }, "\"gpt-5\"", "manifest.unknown-model",
                       "/model",
                       "/model: unknown model 'gpt-5' (the catalog has: local-extractive, gpt-4o-plat-2026, "
                       "claude-sonnet-plat-2026, llama-3-8b-onprem, gpt-4o-mini-plat-2026, unsafe-2025)");
        expectSemantic([](QJsonObject& m) { m.insert("model", "unsafe-2025"); }, "\"unsafe-2025\"",
                       "manifest.model-prohibited", "/model",
                       "/model: model 'unsafe-2025' is prohibited by the catalog");
        expectSemantic(
            [](QJsonObject& m) {
                m.insert("model", "gpt-4o-plat-2026");
                m.insert("data_handling", "pii-allowed-onprem");
            },
            "\"pii-allowed-onprem\"", "manifest.data-handling", "/data_handling",
            "/data_handling: 'pii-allowed-onprem' needs an on-premises model, and 'gpt-4o-plat-2026' is not one");
        expectSemantic(
            [](QJsonObject& m) {
                setAt(m, "steps/4/task", "generate");
                setAt(m, "steps/4/labels", QJsonValue::Undefined);
            },
            "\"generate\"", "manifest.model-task", "/steps/4/task",
            "/steps/4/task: model 'local-extractive' cannot do 'generate' (it can: summarize, answer, classify, "
            "extract)");
        // A generative model can.
        QJsonObject m = baseManifest();
        m.insert("model", "gpt-4o-plat-2026");
        setAt(m, "steps/4/task", "generate");
        setAt(m, "steps/4/labels", QJsonValue::Undefined);
        QVERIFY(check(catalog::formatManifest(m)).ok());
    }

    void connectors()
    {
        expectSemantic(
            [](QJsonObject& m) {
                setAt(m, "connectors/2", "crm-x");
                setAt(m, "steps/2/connector", "crm-x"); // the use of an unknown id is not reported twice
            },
            "\"crm-x\"\n  ]", "manifest.unknown-connector", "/connectors/2",
            "/connectors/2: unknown connector 'crm-x' (the catalog has: documents, reports, outbox, "
            "policies, incidents, downloads, ssh-keys, sales-crm, s3, ticketing, public-web)");
        expectSemantic(
            [](QJsonObject& m) {
                QJsonArray list = m.value("connectors").toArray();
                list.append("ssh-keys");
                m.insert("connectors", list);
            },
            "\"ssh-keys\"", "manifest.connector-blocked", "/connectors/3",
            "/connectors/3: connector 'ssh-keys' is blocked by the catalog");
        expectSemantic(
            [](QJsonObject& m) {
                QJsonArray list = m.value("connectors").toArray();
                list.append("documents");
                m.insert("connectors", list);
            },
            "\"documents\"\n  ]", "manifest.duplicate-id", "/connectors/3",
            "/connectors/3: connector 'documents' is listed twice");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/0/connector", "reports"); }, "\"reports\"",
                       "manifest.undeclared-connector", "/steps/0/connector",
                       "/steps/0/connector: connector 'reports' is not in the app's \"connectors\"");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/2/connector", "documents"); },
                       "\"documents\",\n      \"method\"", "manifest.connector-type", "/steps/2/connector",
                       "/steps/2/connector: http.request needs a web connector; 'documents' is a folder connector");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/0/connector", "sales-crm"); },
                       "\"sales-crm\",\n      \"path\"", "manifest.connector-type", "/steps/0/connector",
                       "/steps/0/connector: files.list needs a folder connector; 'sales-crm' is a web connector");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/6/connector", "documents"); },
                       "\"documents\",\n      \"path\": \"out", "manifest.connector-mode", "/steps/6/connector",
                       "/steps/6/connector: connector 'documents' is read-only for this app; files.write needs "
                       "read-write");
        expectSemantic(
            [](QJsonObject& m) { setAt(m, "connectors/1/mode", "read"); }, "\"outbox\",\n      \"path\"",
            "manifest.connector-mode", "/steps/6/connector",
            "/steps/6/connector: connector 'outbox' is read-only for this app; files.write needs read-write");
        expectSemantic(
            [](QJsonObject& m) {
                setAt(m, "connectors/0", QJsonObject{{"id", "documents"}, {"mode", "read-write"}});
            },
            "\"read-write\"\n    },\n    {", "manifest.connector-mode", "/connectors/0/mode",
            "/connectors/0/mode: connector 'documents' is read-only in the catalog");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/2/method", "POST"); }, "\"POST\"",
                       "manifest.connector-method", "/steps/2/method",
                       "/steps/2/method: connector 'sales-crm' does not allow POST (allowed: GET)");
        expectSemantic(
            [](QJsonObject& m) {
                setAt(m, "connectors/2", QJsonObject{{"id", "sales-crm"}, {"methods", QJsonArray{"GET", "DELETE"}}});
            },
            "\"DELETE\"", "manifest.connector-method", "/connectors/2/methods/1",
            "/connectors/2/methods/1: connector 'sales-crm' does not allow DELETE (allowed: GET)");
        expectSemantic(
            [](QJsonObject& m) {
                setAt(m, "connectors/2", QJsonObject{{"id", "sales-crm"}, {"folder", "x"}});
            },
            "\"x\"", "manifest.connector-type", "/connectors/2/folder",
            "/connectors/2/folder: 'folder' applies to folder connectors; 'sales-crm' is a web connector");
    }

    void references()
    {
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/1/from", "lost"); }, "\"lost\"", "manifest.unknown-step",
                       "/steps/1/from", "/steps/1/from: no step has the id 'lost'");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/3/input", "save"); }, "\"save\",\n      \"max_sentences\"",
                       "manifest.unknown-step", "/steps/3/input",
                       "/steps/3/input: step 'save' runs after this one; only earlier steps can be used");
        expectSemantic(
            [](QJsonObject& m) {
                QJsonArray steps = m.value("steps").toArray();
                steps.append(QJsonObject{
                    {"id", "again"}, {"action", "files.read"}, {"connector", "documents"}, {"from", "crm"}});
                m.insert("steps", steps);
            },
            "\"crm\"\n", "manifest.step-kind", "/steps/7/from",
            "/steps/7/from: step 'crm' is a http.request step; expected files.list");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/6/id", "list"); },
                       "\"list\",\n      \"action\": \"files.write\"", "manifest.duplicate-id", "/steps/6/id",
                       "/steps/6/id: step 'list' is defined twice");
        expectSemantic([](QJsonObject& m) { setAt(m, "outputs/0/from", "nowhere"); }, "\"nowhere\"",
                       "manifest.unknown-step", "/outputs/0/from", "/outputs/0/from: no step has the id 'nowhere'");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/5/template", "{{inputs.month}}"); }, "\"{{inputs.month}}\"",
                       "manifest.unknown-input", "/steps/5/template",
                       "/steps/5/template: {{inputs.month}} names no input (inputs: folder, period)");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/5/template", "{{steps.save}}"); }, "\"{{steps.save}}\"",
                       "manifest.unknown-step", "/steps/5/template",
                       "/steps/5/template: {{steps.save}} names a step that has not run yet at this point");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/5/template", "{{steps.sum.colour}}"); },
                       "\"{{steps.sum.colour}}\"", "manifest.placeholder", "/steps/5/template",
                       "/steps/5/template: {{steps.sum.colour}}: a step result has no field 'colour' (fields: text, "
                       "files, path, status, label, score)");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/6/path", "{{period}}.md"); }, "\"{{period}}.md\"",
                       "manifest.placeholder", "/steps/6/path",
                       "/steps/6/path: {{period}} names nothing (use {{inputs.ID}}, {{steps.ID}}, {{steps.ID.FIELD}}, "
                       "{{input}} or {{run.date}})");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/5/template", "{{input}}"); }, "\"{{input}}\"",
                       "manifest.placeholder", "/steps/5/template",
                       "/steps/5/template: {{input}} is only available in model prompts");
        expectSemantic([](QJsonObject& m) { setAt(m, "prompt/template", "{{steps.nope}}"); }, "\"{{steps.nope}}\"",
                       "manifest.unknown-step", "/prompt/template", "/prompt/template: {{steps.nope}} names no step");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/2/query/period", "{{inputs.x}}"); }, "\"{{inputs.x}}\"",
                       "manifest.unknown-input", "/steps/2/query/period",
                       "/steps/2/query/period: {{inputs.x}} names no input (inputs: folder, period)");
    }

    void stepFields()
    {
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/1/path", "a.txt"); }, "{\n      \"id\": \"read\"",
                       "manifest.step-field", "/steps/1",
                       "/steps/1: a files.read step reads either \"path\" or the files of step \"from\"");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/0/content", "x"); }, "\"x\"", "manifest.step-field",
                       "/steps/0/content", "/steps/0/content: 'content' does not apply to a files.list step");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/4/labels", QJsonValue::Undefined); },
                       "{\n      \"id\": \"kind\"", "manifest.step-field", "/steps/4",
                       "/steps/4: a classify step needs \"labels\"");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/3/input", QJsonValue::Undefined); },
                       "{\n      \"id\": \"sum\"", "manifest.step-field", "/steps/3",
                       "/steps/3: a summarize step needs the \"input\" step whose text it works on");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/4/labels/1/id", "good"); }, "\"good\",\n",
                       "manifest.duplicate-id", "/steps/4/labels/1/id", "/steps/4/labels/1/id: 'good' is listed twice");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/3/question", "Why?"); }, "\"Why?\"", "manifest.step-field",
                       "/steps/3/question", "/steps/3/question: 'question' applies to answer steps, not summarize");
        expectSemantic([](QJsonObject& m) { setAt(m, "steps/4/max_sentences", 3); }, "\"max_sentences\": |3",
                       "manifest.step-field", "/steps/4/max_sentences",
                       "/steps/4/max_sentences: 'max_sentences' applies to summarize, answer and extract steps, not "
                       "classify");
        expectSemantic(
            [](QJsonObject& m) { setAt(m, "steps/6/path", "../../etc/passwd"); }, "\"../../etc/passwd\"",
            "manifest.path", "/steps/6/path",
            "/steps/6/path: '../../etc/passwd' must stay beneath the connector's root (no leading '/', no '..')");
    }

    void inputs()
    {
        expectSemantic([](QJsonObject& m) { setAt(m, "inputs/1/default", "year"); }, "\"year\"", "manifest.input",
                       "/inputs/1/default", "/inputs/1/default: default 'year' is not one of the choices");
        expectSemantic([](QJsonObject& m) { setAt(m, "inputs/0/connector", QJsonValue::Undefined); },
                       "{\n      \"id\": \"folder\"", "manifest.input", "/inputs/0",
                       "/inputs/0: a folder input needs the \"connector\" it lives in");
        expectSemantic([](QJsonObject& m) { setAt(m, "inputs/0/connector", "sales-crm"); },
                       "\"sales-crm\",\n      \"default\"", "manifest.connector-type", "/inputs/0/connector",
                       "/inputs/0/connector: 'sales-crm' is a web connector; a folder input needs a folder connector");
        expectSemantic(
            [](QJsonObject& m) {
                QJsonArray inputs = m.value("inputs").toArray();
                inputs.append(QJsonObject{{"id", "period"}, {"label", "Again"}, {"type", "text"}});
                m.insert("inputs", inputs);
            },
            "\"period\",\n      \"label\": \"Again\"", "manifest.duplicate-id", "/inputs/2/id",
            "/inputs/2/id: input 'period' is defined twice");
    }

    void severalIssuesInDocumentOrder()
    {
        QJsonObject m = baseManifest();
        m.insert("model", "gpt-5");
        setAt(m, "steps/1/from", "lost");
        setAt(m, "outputs/0/from", "nowhere");
        const ValidationReport report = check(catalog::formatManifest(m));
        QCOMPARE(report.issues.size(), std::size_t(3));
        QCOMPARE(report.issues.at(0).code, QStringLiteral("manifest.unknown-model"));
        QCOMPARE(report.issues.at(1).pointer, QStringLiteral("/steps/1/from"));
        QCOMPARE(report.issues.at(2).pointer, QStringLiteral("/outputs/0/from"));
        QVERIFY(report.issues.at(0).line < report.issues.at(1).line);
        QVERIFY(report.issues.at(1).line < report.issues.at(2).line);
    }

    void badSchemaText()
    {
        auto v = ManifestValidator::create("{\"type\": ", {}, {});
        QCOMPARE(v.error().code, QStringLiteral("manifest.schema-file"));
        QCOMPARE(v.error().message,
                 QStringLiteral("schema 1:10: unexpected end of file (truncated?), expected a value"));
        v = ManifestValidator::create("{\"type\": 5}", {}, {});
        QCOMPARE(v.error().code, QStringLiteral("manifest.schema-file"));
        QVERIFY(v.error().message.startsWith("schema is not usable: "));
    }
};

QTEST_GUILESS_MAIN(TestManifestValidator)
#include "TestManifestValidator.moc"
