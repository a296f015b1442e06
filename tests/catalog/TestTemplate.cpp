// SPDX-License-Identifier: Apache-2.0
// Filling a template's {{answer}} slots in the parsed tree, answer checks, and the
// manifest formatting.
#include "catalog/Template.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace corral::catalog;

namespace {

Template makeTemplate()
{
    Template t;
    t.id = "demo";
    t.version = "2.1.0";
    t.questions = {
        Question{"topic", "Topic", {}, QuestionKind::Text, QJsonValue("sales"), {}, true},
        Question{"notes", "Notes", {}, QuestionKind::Multiline, QJsonValue("none"), {}, false},
        Question{"tone", "Tone", {}, QuestionKind::Choice, QJsonValue("formal"), {"formal", "friendly"}, false},
        Question{"folder", "Folder", {}, QuestionKind::Folder, QJsonValue("Sales"), {}, false},
        Question{"sources", "Sources", {}, QuestionKind::Connectors, QJsonValue(QJsonArray{"documents"}), {}, false},
        Question{"model", "Model", {}, QuestionKind::Model, QJsonValue("local-extractive"), {}, false},
    };
    for (const Question& q : t.questions)
        t.defaults.insert(q.id, q.defaultValue);
    t.manifestSkeleton = R"({
        "name": "demo",
        "purpose": "About {{topic}} in a {{ tone }} tone. {{notes}}",
        "model": "{{model}}",
        "connectors": "{{sources}}",
        "prompt": {"template": "Use {{inputs.period}} and {{steps.read}} and {{input}}"},
        "steps": [{"id": "list", "path": "{{folder}}/in", "glob": ["{{folder}}"]}]
    })";
    return t;
}

QJsonObject instantiateOk(const Template& t, const QJsonObject& answers)
{
    auto result = instantiate(t, answers);
    if (!result)
        qFatal("%s", qPrintable(result.error().toString()));
    return result.value();
}

} // namespace

class TestTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enumNames()
    {
        QCOMPARE(toString(Maturity::Beta), QStringLiteral("beta"));
        QCOMPARE(toString(Compliance::Certified), QStringLiteral("certified"));
        QCOMPARE(toString(QuestionKind::Connectors), QStringLiteral("connectors"));
        QVERIFY(maturityFromString("stable") == Maturity::Stable);
        QVERIFY(complianceFromString("unreviewed") == Compliance::Unreviewed);
        QVERIFY(questionKindFromString("folder") == QuestionKind::Folder);
        QVERIFY(!maturityFromString("Stable"));
        QVERIFY(!questionKindFromString("number"));
    }

    void defaultsFillEverySlot()
    {
        const Template t = makeTemplate();
        const QJsonObject m = instantiateOk(t, {});
        QCOMPARE(m.value("purpose").toString(), QStringLiteral("About sales in a formal tone. none"));
        QCOMPARE(m.value("model").toString(), QStringLiteral("local-extractive"));
        // A whole-value slot takes the answer's JSON type: the list stays a list.
        QCOMPARE(m.value("connectors").toArray(), (QJsonArray{"documents"}));
        QCOMPARE(m.value("template").toString(), QStringLiteral("demo@2.1.0"));
        const QJsonObject step = m.value("steps").toArray().at(0).toObject();
        QCOMPARE(step.value("path").toString(), QStringLiteral("Sales/in"));
        QCOMPARE(step.value("glob").toArray().at(0).toString(), QStringLiteral("Sales"));
        // Run-time placeholders are left for the run.
        QCOMPARE(m.value("prompt").toObject().value("template").toString(),
                 QStringLiteral("Use {{inputs.period}} and {{steps.read}} and {{input}}"));
        QCOMPARE(previewManifest(t).value(), m);
    }

    void oddAnswersStayData()
    {
        const Template t = makeTemplate();
        const QString odd =
            QStringLiteral("\"}, \"model\": \"unsafe-2025\", \"x\": {\"\nline two\t\\ {model} ünïcödé 🦆");
        const QJsonObject m = instantiateOk(t, {{"notes", odd}, {"topic", "\"quoted\" ünï"}});
        QCOMPARE(m.value("purpose").toString(), QStringLiteral("About \"quoted\" ünï in a formal tone. ") + odd);
        QCOMPARE(m.value("model").toString(), QStringLiteral("local-extractive")); // not injected
        QVERIFY(!m.contains("x"));
        // The text survives a round trip through the formatted manifest.
        const QJsonDocument back = QJsonDocument::fromJson(formatManifest(m));
        QCOMPARE(back.object(), m);
        const QString longText(16 * 1024, QLatin1Char('a'));
        QCOMPARE(instantiateOk(t, {{"notes", longText}}).value("purpose").toString().size(), 16 * 1024 + 30);
        QVERIFY(formatManifest(m).contains("\\n"));
    }

    void answerErrors_data()
    {
        QTest::addColumn<QJsonObject>("answers");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << QJsonObject{{"colour", "red"}} << "template.unknown-answer"
                                 << "template 'demo' asks no question 'colour'";
        QTest::newRow("cleared required") << QJsonObject{{"topic", "  "}} << "template.answer-missing"
                                          << "question 'topic' (Topic) needs an answer";
        QTest::newRow("number for text") << QJsonObject{{"topic", 5}} << "template.answer-type"
                                         << "question 'topic' takes text";
        QTest::newRow("newline in text") << QJsonObject{{"topic", "a\nb"}} << "template.answer-type"
                                         << "question 'topic' takes one line of text";
        QTest::newRow("choice") << QJsonObject{{"tone", "rude"}} << "template.answer-choice"
                                << "question 'tone' takes one of: formal, friendly (got 'rude')";
        QTest::newRow("connectors not list") << QJsonObject{{"sources", "documents"}} << "template.answer-type"
                                             << "question 'sources' takes a list of connector ids";
        QTest::newRow("connectors bad item")
            << QJsonObject{{"sources", QJsonArray{"documents", 3}}} << "template.answer-type"
            << "question 'sources' takes a list of connector ids";
        const QString folderMessage = "question 'folder' takes a folder path relative to the connector's root, "
                                      "without '..' or control characters";
        QTest::newRow("folder escapes") << QJsonObject{{"folder", "Sales/../../etc"}} << "template.answer-folder"
                                        << folderMessage;
        QTest::newRow("folder absolute") << QJsonObject{{"folder", "/etc"}} << "template.answer-folder"
                                         << folderMessage;
        QTest::newRow("folder control") << QJsonObject{{"folder", "a\nb"}} << "template.answer-folder" << folderMessage;
        QTest::newRow("placeholder") << QJsonObject{{"notes", "see {{steps.read}}"}} << "template.answer-placeholder"
                                     << "question 'notes' cannot contain '{{' or '}}'";
        QTest::newRow("closing braces") << QJsonObject{{"topic", "a }} b"}} << "template.answer-placeholder"
                                        << "question 'topic' cannot contain '{{' or '}}'";
        QTest::newRow("too long") << QJsonObject{{"notes", QString(16 * 1024 + 1, QLatin1Char('a'))}}
                                  << "template.answer-too-long"
                                  << "question 'notes' takes at most 16384 characters, got 16385";
    }

    void answerErrors()
    {
        QFETCH(QJsonObject, answers);
        QFETCH(QString, code);
        QFETCH(QString, message);
        auto result = instantiate(makeTemplate(), answers);
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QCOMPARE(result.error().message, message);
    }

    void unknownSlot()
    {
        Template t = makeTemplate();
        t.manifestSkeleton = R"({"purpose": "{{topic}} for {{audience}}"})";
        auto result = instantiate(t, {});
        QVERIFY(!result);
        QCOMPARE(result.error().code, QStringLiteral("template.unknown-slot"));
        QCOMPARE(
            result.error().message,
            QStringLiteral("manifest skeleton of 'demo' at /purpose uses {{audience}}, which no question answers"));
    }

    void formattingOrder()
    {
        const QJsonObject m{{"steps", QJsonArray{QJsonObject{{"action", "files.list"}, {"id", "a"}}}},
                            {"name", "x"},
                            {"zeta", 1},
                            {"alpha", true},
                            {"version", "1.0.0"},
                            {"connectors", QJsonArray{"a", "b"}},
                            {"empty", QJsonObject{}}};
        QCOMPARE(formatManifest(m), QByteArray("{\n"
                                               "  \"name\": \"x\",\n"
                                               "  \"version\": \"1.0.0\",\n"
                                               "  \"connectors\": [\"a\", \"b\"],\n"
                                               "  \"steps\": [\n"
                                               "    {\n"
                                               "      \"id\": \"a\",\n"
                                               "      \"action\": \"files.list\"\n"
                                               "    }\n"
                                               "  ],\n"
                                               "  \"alpha\": true,\n"
                                               "  \"empty\": {},\n"
                                               "  \"zeta\": 1\n"
                                               "}\n"));
    }
};

QTEST_GUILESS_MAIN(TestTemplate)
#include "TestTemplate.moc"
