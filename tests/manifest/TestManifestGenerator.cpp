// SPDX-License-Identifier: Apache-2.0
// Generating manifests from a template and answers: defaults, odd answers kept as data,
// clear errors, and a result that always validates.
#include "catalog/TemplateCatalog.h"
#include "manifest/ManifestGenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace corral;
using namespace corral::manifest;

class TestManifestGenerator : public QObject
{
    Q_OBJECT

private:
    std::optional<ManifestGenerator> m_generator;
    std::optional<catalog::TemplateCatalog> m_templates;

    const catalog::Template& tmpl(const QString& id) const
    {
        const catalog::Template* t = m_templates->find(id);
        if (!t)
            qFatal("no template %s", qPrintable(id));
        return *t;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto validator = ManifestValidator::createDefault();
        QVERIFY(validator);
        m_generator.emplace(std::move(validator.value()));
        auto templates = catalog::TemplateCatalog::loadDefault();
        QVERIFY2(templates, qPrintable(templates.ok() ? QString() : templates.error().toString()));
        m_templates = std::move(templates.value());
    }

    void defaults()
    {
        auto generated = m_generator->generate(tmpl("sales-summarizer"), {});
        QVERIFY2(generated, qPrintable(generated.ok() ? QString() : generated.error().toString()));
        const QJsonObject& m = generated->manifest;
        QCOMPARE(m.value("template").toString(), QStringLiteral("sales-summarizer@1.0.0"));
        QCOMPARE(m.value("model").toString(), QStringLiteral("local-extractive"));
        QCOMPARE(m.value("purpose").toString(),
                 QStringLiteral("Summarize the sales notes of the week. Focus: Deals won and lost, changes in the "
                                "pipeline, customer risks and agreed next steps."));
        QCOMPARE(m.value("steps").toArray().at(0).toObject().value("path").toString(), QStringLiteral("Sales"));
        // The text is the formatted manifest and parses back to the same tree.
        QCOMPARE(QJsonDocument::fromJson(generated->text).object(), m);
        QVERIFY(generated->text.startsWith("{\n  \"name\": \"sales-summarizer\",\n  \"version\": \"1.0.0\",\n"));
    }

    void answersFillSlots()
    {
        auto generated = m_generator->generate(
            tmpl("sales-summarizer"),
            QJsonObject{{"period", "quarter"}, {"notes_folder", "Team/Notes"}, {"model", "gpt-4o-plat-2026"}});
        QVERIFY(generated);
        QCOMPARE(generated->manifest.value("model").toString(), QStringLiteral("gpt-4o-plat-2026"));
        QCOMPARE(generated->manifest.value("inputs").toArray().at(0).toObject().value("default").toString(),
                 QStringLiteral("this quarter"));
        QCOMPARE(generated->manifest.value("steps").toArray().at(0).toObject().value("path").toString(),
                 QStringLiteral("Team/Notes"));
    }

    void oddAnswersStayText()
    {
        const QString quotes = QStringLiteral("He said \"stop\", then: {\"model\": \"unsafe-2025\"} \\ ");
        const QString lines = QStringLiteral("line one\nline two\r\n\ttabbed");
        const QString unicode = QStringLiteral("Zürich – 東京 – 🦆 – \u202Eright-to-left");
        const QString longText = QString(16000, QLatin1Char('x'));
        for (const QString& odd : {quotes, lines, unicode, longText}) {
            auto generated = m_generator->generate(tmpl("sales-summarizer"), QJsonObject{{"focus", odd}});
            QVERIFY2(generated, qPrintable(generated.ok() ? QString() : generated.error().toString()));
            QCOMPARE(generated->manifest.value("purpose").toString(),
                     QStringLiteral("Summarize the sales notes of the week. Focus: ") + odd);
            QCOMPARE(generated->manifest.value("model").toString(), QStringLiteral("local-extractive"));
            QCOMPARE(QJsonDocument::fromJson(generated->text).object(), generated->manifest);
        }
        // One-line questions take odd one-line text too.
        auto generated = m_generator->generate(tmpl("customer-reply-drafter"),
                                               QJsonObject{{"company_name", quotes}, {"signature", lines + unicode}});
        QVERIFY2(generated, qPrintable(generated.ok() ? QString() : generated.error().toString()));
        QVERIFY(generated->manifest.value("purpose").toString().contains(quotes));
    }

    void errors()
    {
        auto missing = m_generator->generate(tmpl("incident-triage"), QJsonObject{{"team", ""}});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, QStringLiteral("template.answer-missing"));
        QCOMPARE(missing.error().message,
                 QStringLiteral("question 'team' (Which team triages the incidents?) needs an answer"));

        auto unknown = m_generator->generate(tmpl("incident-triage"), QJsonObject{{"colour", "red"}});
        QCOMPARE(unknown.error().code, QStringLiteral("template.unknown-answer"));

        auto badModel = m_generator->generate(tmpl("incident-triage"), QJsonObject{{"model", "gpt-5"}});
        QVERIFY(!badModel);
        QCOMPARE(badModel.error().code, QStringLiteral("manifest.generated-invalid"));
        QVERIFY(badModel.error().message.startsWith(
            "template 'incident-triage' with these answers gives an invalid manifest (manifest.unknown-model): "
            "/model: unknown model 'gpt-5'"));

        // A model that cannot run the template's tasks is refused rather than handed out.
        auto generative = m_generator->generate(tmpl("policy-qa"), QJsonObject{{"model", "unsafe-2025"}});
        QCOMPARE(generative.error().code, QStringLiteral("manifest.generated-invalid"));
        QVERIFY(generative.error().message.contains("manifest.model-prohibited"));

        auto folder = m_generator->generate(tmpl("policy-qa"), QJsonObject{{"policies_folder", "../secrets"}});
        QCOMPARE(folder.error().code, QStringLiteral("template.answer-folder"));
    }
};

QTEST_GUILESS_MAIN(TestManifestGenerator)
#include "TestManifestGenerator.moc"
