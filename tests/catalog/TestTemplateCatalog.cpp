// SPDX-License-Identifier: Apache-2.0
// Loading template folders: a good one, and every kind of bad folder or file named in the
// error.
#include "TestSupport.h"
#include "catalog/TemplateCatalog.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace corral::catalog;
using corral::test::writeFile;

namespace {

QJsonObject goodTemplateJson(const QString& id)
{
    return QJsonObject{
        {"id", id},
        {"version", "1.2.3"},
        {"title", "Demo"},
        {"description", "A demo template."},
        {"category", "Testing"},
        {"icon", "icon.svg"},
        {"maturity", "beta"},
        {"compliance", "reviewed"},
        {"questions",
         QJsonArray{QJsonObject{{"id", "topic"}, {"label", "Topic"}, {"kind", "text"}, {"default", "sales"}},
                    QJsonObject{{"id", "tone"},
                                {"label", "Tone"},
                                {"kind", "choice"},
                                {"choices", QJsonArray{"formal", "friendly"}},
                                {"default", "formal"},
                                {"required", true}}}},
    };
}

const QByteArray kSkeleton = R"({"name": "demo", "purpose": "{{topic}} in a {{tone}} tone"})";

// Writes templates/<id>/ with the given files; a null QByteArray leaves a file out.
void writeTemplate(const QString& root, const QString& id, const QByteArray& templateJson,
                   const QByteArray& manifest = kSkeleton, const QByteArray& icon = "<svg/>")
{
    QDir().mkpath(root + "/" + id);
    if (!templateJson.isNull())
        QVERIFY(writeFile(root + "/" + id + "/template.json", templateJson));
    if (!manifest.isNull())
        QVERIFY(writeFile(root + "/" + id + "/manifest.json", manifest));
    if (!icon.isNull())
        QVERIFY(writeFile(root + "/" + id + "/icon.svg", icon));
}

QByteArray toText(const QJsonObject& o)
{
    return QJsonDocument(o).toJson();
}

} // namespace

class TestTemplateCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsGoodFolder()
    {
        QTemporaryDir dir;
        writeTemplate(dir.path(), "beta-demo", toText(goodTemplateJson("beta-demo")));
        writeTemplate(dir.path(), "alpha-demo", toText(goodTemplateJson("alpha-demo")));
        auto catalog = TemplateCatalog::load(dir.path());
        QVERIFY2(catalog, qPrintable(catalog.ok() ? QString() : catalog.error().toString()));
        QCOMPARE(catalog->templates().size(), std::size_t(2));
        QCOMPARE(catalog->templates().at(0).id, QStringLiteral("alpha-demo")); // sorted
        const Template* t = catalog->find("beta-demo");
        QVERIFY(t);
        QCOMPARE(t->reference(), QStringLiteral("beta-demo@1.2.3"));
        QVERIFY(t->maturity == Maturity::Beta);
        QVERIFY(t->compliance == Compliance::Reviewed);
        QCOMPARE(t->icon, QDir(dir.path()).absoluteFilePath("beta-demo/icon.svg"));
        QCOMPARE(t->questions.size(), std::size_t(2));
        QCOMPARE(t->questions.at(1).choices, (QStringList{"formal", "friendly"}));
        QVERIFY(t->questions.at(1).required);
        QVERIFY(!t->questions.at(0).required);
        QCOMPARE(t->defaults.value("tone").toString(), QStringLiteral("formal"));
        QCOMPARE(t->manifestSkeleton, kSkeleton);
        QCOMPARE(catalog->categories(), QStringList{"Testing"});
        QVERIFY(!catalog->find("gamma"));
        QCOMPARE(previewManifest(*t)->value("purpose").toString(), QStringLiteral("sales in a formal tone"));
    }

    void defaultsObjectOverridesQuestionDefault()
    {
        QTemporaryDir dir;
        QJsonObject json = goodTemplateJson("demo");
        json.insert("defaults", QJsonObject{{"topic", "research"}});
        writeTemplate(dir.path(), "demo", toText(json));
        auto t = TemplateCatalog::loadTemplate(dir.path() + "/demo");
        QVERIFY(t);
        QCOMPARE(t->defaults.value("topic").toString(), QStringLiteral("research"));
    }

    void badTemplates_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("message"); // after "<folder>/demo/template.json: "
        auto with = [](const QString& key, const QJsonValue& value) {
            QJsonObject o = goodTemplateJson("demo");
            if (value.isUndefined())
                o.remove(key);
            else
                o.insert(key, value);
            return o;
        };
        auto withQuestion = [&](const QJsonObject& question) {
            QJsonArray questions = goodTemplateJson("demo").value("questions").toArray();
            questions.append(question);
            return with("questions", questions);
        };
        QTest::newRow("missing title") << with("title", QJsonValue::Undefined) << "/title: missing";
        QTest::newRow("empty title") << with("title", "  ") << "/title: expected a non-empty string";
        QTest::newRow("title not string") << with("title", 3) << "/title: expected a non-empty string";
        QTest::newRow("unknown member") << with("colour", "red") << "/colour: unknown member";
        QTest::newRow("id differs") << with("id", "other") << "/id: 'other' differs from the folder name 'demo'";
        QTest::newRow("bad version") << with("version", "1.0")
                                     << "/version: '1.0' is not a version (MAJOR.MINOR.PATCH)";
        QTest::newRow("bad maturity") << with("maturity", "alpha")
                                      << "/maturity: unknown maturity 'alpha' (expected experimental, beta or stable)";
        QTest::newRow("bad compliance")
            << with("compliance", "approved")
            << "/compliance: unknown compliance status 'approved' (expected unreviewed, reviewed or certified)";
        QTest::newRow("icon path") << with("icon", "../x.svg")
                                   << "/icon: '../x.svg' must be the name of an .svg file in the template folder";
        QTest::newRow("icon png") << with("icon", "icon.png")
                                  << "/icon: 'icon.png' must be the name of an .svg file in the template folder";
        QTest::newRow("questions not list") << with("questions", "x") << "/questions: expected a list";
        QTest::newRow("question not object") << with("questions", QJsonArray{1}) << "/questions/0: expected an object";
        QTest::newRow("question kind") << withQuestion(
                                              {{"id", "x"}, {"label", "X"}, {"kind", "number"}, {"default", "1"}})
                                       << "/questions/2/kind: unknown kind 'number' (expected text, multiline, choice, "
                                          "folder, connectors or model)";
        QTest::newRow("question id")
            << withQuestion({{"id", "Bad-Id"}, {"label", "X"}, {"kind", "text"}, {"default", "1"}})
            << "/questions/2/id: 'Bad-Id' is not a question id (lower case letters, digits, '_')";
        QTest::newRow("reserved id") << withQuestion(
                                            {{"id", "input"}, {"label", "X"}, {"kind", "text"}, {"default", "1"}})
                                     << "/questions/2/id: 'input' is reserved for runs";
        QTest::newRow("duplicate question")
            << withQuestion({{"id", "topic"}, {"label", "X"}, {"kind", "text"}, {"default", "1"}})
            << "/questions/2/id: question 'topic' appears twice";
        QTest::newRow("choice without choices")
            << withQuestion({{"id", "x"}, {"label", "X"}, {"kind", "choice"}, {"default", "1"}})
            << "/questions/2/choices: a choice question needs choices";
        QTest::newRow("choices on text")
            << withQuestion(
                   {{"id", "x"}, {"label", "X"}, {"kind", "text"}, {"choices", QJsonArray{"a"}}, {"default", "a"}})
            << "/questions/2/choices: only choice questions have choices";
        QTest::newRow("default not a choice")
            << withQuestion(
                   {{"id", "x"}, {"label", "X"}, {"kind", "choice"}, {"choices", QJsonArray{"a"}}, {"default", "b"}})
            << "/questions/2/default: does not fit a choice question";
        QTest::newRow("connectors default")
            << withQuestion({{"id", "x"}, {"label", "X"}, {"kind", "connectors"}, {"default", "documents"}})
            << "/questions/2/default: does not fit a connectors question";
        QTest::newRow("no default") << withQuestion({{"id", "x"}, {"label", "X"}, {"kind", "text"}})
                                    << "/questions: question 'x' needs a default";
        QTest::newRow("defaults unknown")
            << with("defaults", QJsonObject{{"nope", "1"}}) << "/defaults/nope: no question has this id";
        QTest::newRow("defaults type") << with("defaults", QJsonObject{{"topic", 1}})
                                       << "/defaults/topic: does not fit a text question";
        QTest::newRow("required not bool")
            << withQuestion({{"id", "x"}, {"label", "X"}, {"kind", "text"}, {"default", "1"}, {"required", "yes"}})
            << "/questions/2/required: expected true or false";
    }

    void badTemplates()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeTemplate(dir.path(), "demo", toText(json));
        auto catalog = TemplateCatalog::load(dir.path());
        QVERIFY(!catalog);
        QCOMPARE(catalog.error().code, QStringLiteral("catalog.template"));
        QCOMPARE(catalog.error().message, dir.path() + "/demo/template.json: " + message);
    }

    void badFiles()
    {
        QTemporaryDir dir;
        const QString folder = dir.path() + "/demo";
        // template.json is not JSON: the error has line and column.
        writeTemplate(dir.path(), "demo", "{\n  \"id\": \"demo\",\n  \"id\": \"x\"\n}");
        auto t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().code, QStringLiteral("catalog.json"));
        QCOMPARE(t.error().message, folder + "/template.json:3:3: duplicate member name \"id\"");

        writeTemplate(dir.path(), "demo", "{\"id\": \"demo\"\xff}");
        t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().code, QStringLiteral("catalog.json"));
        QCOMPARE(t.error().message, folder + "/template.json:1:14: invalid UTF-8 at byte 13");

        writeTemplate(dir.path(), "demo", "[1, 2]");
        t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().message, folder + "/template.json: expected a JSON object");

        writeTemplate(dir.path(), "demo", QByteArray(300 * 1024, ' '));
        t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().message,
                 folder + "/template.json:1:1: file is 262145 bytes, more than the limit of 262144 bytes");

        // manifest.json truncated.
        writeTemplate(dir.path(), "demo", toText(goodTemplateJson("demo")), "{\"name\": \"demo\",");
        t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().code, QStringLiteral("catalog.json"));
        QCOMPARE(
            t.error().message,
            folder +
                "/manifest.json:1:17: unexpected end of file (truncated?), expected a member name in double quotes");

        // A slot no question answers.
        writeTemplate(dir.path(), "demo", toText(goodTemplateJson("demo")), R"({"purpose": "{{audience}}"})");
        t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().code, QStringLiteral("catalog.template"));
        QCOMPARE(t.error().message, folder + "/manifest.json: manifest skeleton of 'demo' at /purpose uses "
                                             "{{audience}}, which no question answers");

        // Missing files.
        QVERIFY(QFile::remove(folder + "/manifest.json"));
        t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().code, QStringLiteral("catalog.io"));
        QVERIFY(t.error().message.startsWith(folder + "/manifest.json: cannot read: "));
        writeTemplate(dir.path(), "demo", toText(goodTemplateJson("demo")));
        QVERIFY(QFile::remove(folder + "/icon.svg"));
        t = TemplateCatalog::loadTemplate(folder);
        QCOMPARE(t.error().message, folder + "/template.json: /icon: file '" + folder + "/icon.svg' does not exist");
    }

    void missingFolder()
    {
        auto catalog = TemplateCatalog::load("/nonexistent/templates");
        QCOMPARE(catalog.error().code, QStringLiteral("catalog.io"));
        QCOMPARE(catalog.error().message, QStringLiteral("/nonexistent/templates: template folder does not exist"));
    }
};

QTEST_GUILESS_MAIN(TestTemplateCatalog)
#include "TestTemplateCatalog.moc"
