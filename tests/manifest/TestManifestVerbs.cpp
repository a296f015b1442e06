// SPDX-License-Identifier: Apache-2.0
// `corral templates list`, `corral manifest new` and `corral manifest validate`: exit codes
// and exact output.
#include "TestCli.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using corral::test::CliOutput;
using corral::test::fixturePath;
using corral::test::readFile;
using corral::test::runCli;
using corral::test::writeFile;

class TestManifestVerbs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void templatesList()
    {
        const CliOutput r = runCli({"templates", "list"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 8);
        QCOMPARE(lines.at(0),
                 QStringLiteral("contract-clause-finder@1.0.0  beta          unreviewed  Contract clause finder"));
        QVERIFY(lines.contains("sales-summarizer@1.0.0        stable        reviewed    Sales summarizer"));
        QVERIFY(lines.contains("policy-qa@1.0.0               stable        certified   Policy questions"));
    }

    void templatesListJson()
    {
        const CliOutput r = runCli({"templates", "list", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QVERIFY(list.size() >= 8);
        QJsonObject sales;
        for (const QJsonValue& v : list) {
            if (v.toObject().value("id") == QLatin1String("sales-summarizer"))
                sales = v.toObject();
        }
        QCOMPARE(sales.value("version").toString(), QStringLiteral("1.0.0"));
        QCOMPARE(sales.value("maturity").toString(), QStringLiteral("stable"));
        QCOMPARE(sales.value("compliance").toString(), QStringLiteral("reviewed"));
        QCOMPARE(sales.value("category").toString(), QStringLiteral("Sales"));
        QVERIFY(sales.value("icon").toString().endsWith("templates/sales-summarizer/icon.svg"));
        const QJsonObject period = sales.value("questions").toArray().at(0).toObject();
        QCOMPARE(period.value("id").toString(), QStringLiteral("period"));
        QCOMPARE(period.value("kind").toString(), QStringLiteral("choice"));
        QCOMPARE(period.value("default").toString(), QStringLiteral("week"));
        QCOMPARE(period.value("choices").toArray(), (QJsonArray{"week", "month", "quarter"}));
    }

    void templatesListUsage()
    {
        CliOutput r = runCli({"templates", "list", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Usage: corral templates list [options]\n"));
        QVERIFY(r.out.contains("--json"));
        r = runCli({"templates", "list", "extra"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("corral templates list: unexpected argument 'extra'\n"
                                       "Try 'corral templates list --help'.\n"));
        r = runCli({"templates", "list", "--templates-dir", path("none")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("corral templates list: catalog.io: %1: template folder does not exist\n")
                            .arg(path("none")));
    }

    void manifestNewToStdout()
    {
        const CliOutput r = runCli({"manifest", "new", "--template", "incident-triage"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const QJsonObject m = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(m.value("template").toString(), QStringLiteral("incident-triage@1.0.0"));
        QVERIFY(r.out.startsWith("{\n  \"name\": \"incident-triage\",\n"));
    }

    void manifestNewToFileValidates()
    {
        QVERIFY(writeFile(path("answers.json"), "{\"team\": \"Service desk \\\"Nord\\\"\", \"escalation\": "
                                                "\"Kim, on call\", \"incident_folder\": \"2026/Nov\"}"));
        CliOutput r = runCli({"manifest", "new", "--template", "incident-triage", "--answers", path("answers.json"),
                              "-o", path("triage.json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QString());
        const QJsonObject m = QJsonDocument::fromJson(readFile(path("triage.json"))).object();
        QCOMPARE(m.value("purpose").toString(),
                 QStringLiteral("Triage incident reports for Service desk \"Nord\": severity, category, affected "
                                "systems and a first triage note."));
        r = runCli({"manifest", "validate", path("triage.json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, path("triage.json") + ": valid\n");
        // Answers from standard input.
        r = runCli({"manifest", "new", "--template", "policy-qa", "--answers", "-"}, "{\"contact\": \"HR\"}");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("refer to HR."));
    }

    void manifestNewErrors()
    {
        CliOutput r = runCli({"manifest", "new"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err,
                 QStringLiteral("corral manifest new: --template ID is required\nTry 'corral manifest new --help'.\n"));
        r = runCli({"manifest", "new", "--template", "nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith("corral manifest new: unknown template 'nope' (templates: contract-clause-finder, "));
        r = runCli({"manifest", "new", "--template", "policy-qa", "--answers", path("missing.json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("corral manifest new: cannot read %1: No such file or directory\n"
                                       "Try 'corral manifest new --help'.\n")
                            .arg(path("missing.json")));
        r = runCli({"manifest", "new", "--bogus"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith("corral manifest new: Unknown option 'bogus'."));

        QVERIFY(writeFile(path("bad-answers.json"), "{\n  \"team\": \"x\",\n  \"team\": \"y\"\n}"));
        r = runCli({"manifest", "new", "--template", "incident-triage", "--answers", path("bad-answers.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, path("bad-answers.json") + ":3:3: error: duplicate member name \"team\"\n");

        QVERIFY(writeFile(path("empty-answer.json"), "{\"team\": \"\"}"));
        r = runCli({"manifest", "new", "--template", "incident-triage", "--answers", path("empty-answer.json"), "-o",
                    path("never.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("corral manifest new: template.answer-missing: question 'team' (Which team "
                                       "triages the incidents?) needs an answer\n"));
        QVERIFY(!QFile::exists(path("never.json")));

        r = runCli({"manifest", "new", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Usage: corral manifest new [options]\n"));
    }

    void validateValidAndInvalid()
    {
        const QString seed = fixturePath("seed-manifest.json");
        QByteArray bad = readFile(seed);
        bad.replace("\"gpt-4o-plat-2026\"", "\"gpt-5\"");
        bad.replace("\"s3\"", "\"ftp\"");
        QVERIFY(writeFile(path("bad.json"), bad));
        QVERIFY(writeFile(path("broken.json"), "{\n  \"name\": \"x\",\n  \"version\": 1.0.0\n}"));
        const CliOutput r = runCli({"manifest", "validate", seed, path("bad.json"), path("broken.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString());
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0), seed + ": valid");
        QVERIFY(lines.at(1).startsWith(path("bad.json") +
                                       ":4:10: error: /model: unknown model 'gpt-5' (the catalog has: "));
        QVERIFY(lines.at(2).startsWith(path("bad.json") + ":8:29: error: /connectors/1: unknown connector 'ftp' (the "
                                                          "catalog has: "));
        QCOMPARE(lines.at(3), path("broken.json") + ":3:17: error: expected ',' or '}', found '.'");
    }

    void validateUsage()
    {
        CliOutput r = runCli({"manifest", "validate"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("corral manifest validate: missing argument (usage: corral manifest validate "
                                       "FILE...)\nTry 'corral manifest validate --help'.\n"));
        r = runCli({"manifest", "validate", fixturePath("seed-manifest.json"), path("absent.json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, QStringLiteral("corral manifest validate: cannot read %1: No such file or directory\n"
                                       "Try 'corral manifest validate --help'.\n")
                            .arg(path("absent.json")));
        r = runCli({"manifest", "validate", "--models", path("absent.json"), fixturePath("seed-manifest.json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("corral manifest validate: cannot read %1: no such file\n"
                                       "Try 'corral manifest validate --help'.\n")
                            .arg(path("absent.json")));
        r = runCli({"manifest", "validate", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Usage: corral manifest validate [options] FILE...\n"));
        r = runCli({"manifest", "validate", "-"}, readFile(fixturePath("seed-manifest.json")));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("-: valid\n"));
    }

    void validateAgainstOtherCatalogs()
    {
        // A catalog without the brief's connectors makes the seed manifest invalid.
        QVERIFY(writeFile(path("connectors.json"),
                          "{\"connectors\": [{\"id\": \"sales-crm\", \"title\": \"CRM\", \"type\": \"http\", "
                          "\"classification\": \"business\", \"http\": {\"base_url\": \"https://crm.example.com\", "
                          "\"hosts\": [\"crm.example.com\"], "
                          "\"methods\": [\"GET\"]}}]}"));
        CliOutput r = runCli(
            {"manifest", "validate", "--connectors", path("connectors.json"), fixturePath("seed-manifest.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, fixturePath("seed-manifest.json") +
                            ":8:29: error: /connectors/1: unknown connector 's3' (the catalog has: sales-crm)\n");
        QVERIFY(writeFile(path("broken-models.json"), "{\"models\": [{\"id\": 1}]}"));
        r = runCli({"manifest", "validate", "--models", path("broken-models.json"), fixturePath("seed-manifest.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err,
                 QStringLiteral("corral manifest validate: catalog.models: %1: /models/0/id: expected a non-empty "
                                "string\n")
                     .arg(path("broken-models.json")));
    }
};

QTEST_GUILESS_MAIN(TestManifestVerbs)
#include "TestManifestVerbs.moc"
