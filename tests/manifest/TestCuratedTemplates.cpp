// SPDX-License-Identifier: Apache-2.0
// The shipped templates: all load, all generate valid manifests with their defaults and with
// every choice, and use only models and connectors the catalogs know.
#include "catalog/TemplateCatalog.h"
#include "manifest/ManifestGenerator.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace corral;
using namespace corral::manifest;

class TestCuratedTemplates : public QObject
{
    Q_OBJECT

private:
    std::optional<ManifestGenerator> m_generator;
    std::optional<catalog::TemplateCatalog> m_templates;

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

    void catalogContents()
    {
        QVERIFY(m_templates->templates().size() >= 8);
        for (const char* id : {"sales-summarizer", "research-summarizer", "incident-triage", "policy-qa"})
            QVERIFY2(m_templates->find(id), id);
        for (const catalog::Template& t : m_templates->templates()) {
            QVERIFY(!t.title.isEmpty());
            QVERIFY(t.description.size() > 40);
            QVERIFY(!t.category.isEmpty());
            QFile icon(t.icon);
            QVERIFY2(icon.open(QIODevice::ReadOnly), qPrintable(t.icon));
            QVERIFY(icon.readAll().contains("<svg"));
            QVERIFY(!t.questions.empty());
        }
    }

    void generateWithDefaults()
    {
        for (const catalog::Template& t : m_templates->templates()) {
            auto generated = m_generator->generate(t, {});
            QVERIFY2(generated, qPrintable(t.id + ": " + (generated.ok() ? QString() : generated.error().toString())));
            const QJsonObject& m = generated->manifest;
            QCOMPARE(m.value("name").toString(), t.id);
            QCOMPARE(m.value("template").toString(), t.reference());
            // Offline by default: the built-in on-premises model.
            QCOMPARE(m.value("model").toString(), QStringLiteral("local-extractive"));
            QVERIFY2(m.value("steps").toArray().size() >= 3, qPrintable(t.id));
            QVERIFY(!m.value("prompt").toObject().value("system").toString().isEmpty());
            QVERIFY(!m.value("outputs").toArray().isEmpty());
            // Catalog ids are known (the validator checks it; asserted here directly too).
            for (const QJsonValue& c : m.value("connectors").toArray())
                QVERIFY2(m_generator->validator().connectors().find(c.toString()), qPrintable(c.toString()));
            QVERIFY(m_generator->validator().models().find(m.value("model").toString()));
            // The preview shown by the gallery is the same manifest.
            QCOMPARE(catalog::previewManifest(t).value(), m);
        }
    }

    void generateWithEveryChoice()
    {
        for (const catalog::Template& t : m_templates->templates()) {
            for (const catalog::Question& q : t.questions) {
                for (const QString& choice : q.choices) {
                    auto generated = m_generator->generate(t, QJsonObject{{q.id, choice}});
                    QVERIFY2(generated, qPrintable(t.id + "/" + q.id + "=" + choice));
                }
            }
        }
    }

    void generateWithOddAnswers()
    {
        const QString oneLine =
            QStringLiteral("\"quoted\" {model} \\ Zürich 東京 🦆 ") + QString(3000, QLatin1Char('y'));
        const QString multi = oneLine + QStringLiteral("\nsecond line\n\t}\n");
        for (const catalog::Template& t : m_templates->templates()) {
            QJsonObject answers;
            for (const catalog::Question& q : t.questions) {
                if (q.kind == catalog::QuestionKind::Text)
                    answers.insert(q.id, oneLine);
                else if (q.kind == catalog::QuestionKind::Multiline)
                    answers.insert(q.id, multi);
                else if (q.kind == catalog::QuestionKind::Folder)
                    answers.insert(q.id, QStringLiteral("Team \"A\"/Zürich 🦆"));
            }
            auto generated = m_generator->generate(t, answers);
            QVERIFY2(generated, qPrintable(t.id + ": " + (generated.ok() ? QString() : generated.error().toString())));
        }
    }

    void modelsAnsweredFromCatalog()
    {
        // Every template also validates with an allowed on-premises generative model only if it
        // uses no extractive-only task; with local-extractive it always does (checked above).
        // Here: each template accepts any catalog model that can do all its tasks.
        for (const catalog::Template& t : m_templates->templates()) {
            auto generated = m_generator->generate(t, QJsonObject{{"model", "claude-sonnet-plat-2026"}});
            const bool pii = generated.ok() ? false : generated.error().message.contains("manifest.data-handling");
            QVERIFY2(generated || pii,
                     qPrintable(t.id + ": " + (generated.ok() ? QString() : generated.error().toString())));
        }
    }
};

QTEST_GUILESS_MAIN(TestCuratedTemplates)
#include "TestCuratedTemplates.moc"
