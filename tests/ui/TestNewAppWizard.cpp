// SPDX-License-Identifier: Apache-2.0
#include "ErrorBanner.h"
#include "ManifestEditor.h"
#include "ManifestWorkbench.h"
#include "NewAppWizard.h"
#include "Paths.h"
#include "StudioAgentFixture.h"
#include "catalog/TemplateCatalog.h"
#include "manifest/ManifestValidator.h"

#include <QAbstractButton>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

using namespace corral;
using namespace corral::ui;

namespace {

catalog::Template salesTemplate()
{
    return catalog::TemplateCatalog::loadTemplate(
               QDir(paths::templatesDir()).filePath(QStringLiteral("sales-summarizer")))
        .value();
}

QListWidgetItem* itemWithId(QListWidget* list, const QString& id)
{
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(Qt::UserRole + 1).toString() == id)
            return list->item(row);
    }
    return nullptr;
}

} // namespace

class TestNewAppWizard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void walksThroughTheStepsAndSaves();
    void blockedConnectorsAndModelsAreDisabledWithTheReason();
    void invalidManifestIsNotSaved();
    void agentRefusalIsShownInPlainWords();
};

void TestNewAppWizard::walksThroughTheStepsAndSaves()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    NewAppWizard wizard(&fixture.connection, salesTemplate());
    QSignalSpy saved(&wizard, &NewAppWizard::appSaved);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QTRY_VERIFY(fixture.agent.callCount(QStringLiteral("policy.status")) == 1);

    QCOMPARE(wizard.currentId(), int(NewAppWizard::TemplatePage));
    QVERIFY(wizard.findChild<QLabel*>(QStringLiteral("templateSteps"))
                ->text()
                .contains(QStringLiteral("Save to the outbox")));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::PurposePage));
    wizard.setAppName(QStringLiteral("weekly-sales"));
    wizard.setAnswer(QStringLiteral("period"), QStringLiteral("month"));
    QVERIFY(wizard.findChild<QLabel*>(QStringLiteral("purposePreview"))->text().contains(QStringLiteral("month")));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::ConnectorsPage));
    auto* connectors = wizard.findChild<QListWidget*>(QStringLiteral("connectorList"));
    QVERIFY(itemWithId(connectors, QStringLiteral("documents"))->checkState() == Qt::Checked);
    QVERIFY(itemWithId(connectors, QStringLiteral("outbox"))->checkState() == Qt::Checked);
    QVERIFY(itemWithId(connectors, QStringLiteral("documents"))->text().contains(QStringLiteral("Business data")));
    wizard.setAnswer(QStringLiteral("notes_folder"), QStringLiteral("Sales/2026"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::ModelPage));
    wizard.setAnswer(QStringLiteral("model"), QStringLiteral("local-extractive"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::DataPage));
    wizard.findChild<QRadioButton*>(QStringLiteral("data-redact-pii"))->setChecked(true);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::ReviewPage));

    // The review shows the generated manifest with every check passing.
    const QString text = wizard.workbench()->manifestText();
    const QJsonObject manifest = QJsonDocument::fromJson(text.toUtf8()).object();
    QCOMPARE(manifest.value(QStringLiteral("name")).toString(), QStringLiteral("weekly-sales"));
    QCOMPARE(manifest.value(QStringLiteral("data_handling")).toString(), QStringLiteral("redact-pii"));
    QCOMPARE(manifest.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
    QCOMPARE(manifest.value(QStringLiteral("template")).toString(), QStringLiteral("sales-summarizer@1.0.0"));
    QVERIFY(manifest.value(QStringLiteral("purpose")).toString().contains(QStringLiteral("month")));
    QVERIFY(text.contains(QStringLiteral("Sales/2026")));
    QVERIFY(wizard.workbench()->isValid());
    QTRY_COMPARE(wizard.workbench()->decision(), QStringLiteral("ask"));
    QCOMPARE(fixture.agent.lastParams(QStringLiteral("apps.check")).value(QStringLiteral("manifest")).toString(), text);

    wizard.button(QWizard::FinishButton)->click();
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("weekly-sales"));
    QVERIFY(!wizard.isVisible());
    const QString sent =
        fixture.agent.lastParams(QStringLiteral("apps.save")).value(QStringLiteral("manifest")).toString();
    QCOMPARE(sent, text);
    const manifest::ValidationReport report =
        manifest::ManifestValidator::createDefault().value().validate(sent.toUtf8());
    QVERIFY2(report.ok(), qPrintable(report.issues.empty() ? QString() : report.issues.front().message));
}

void TestNewAppWizard::blockedConnectorsAndModelsAreDisabledWithTheReason()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    NewAppWizard wizard(&fixture.connection, salesTemplate());
    wizard.applyPolicy(QJsonObject{
        {QStringLiteral("connectors"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("documents")},
                                {QStringLiteral("title"), QStringLiteral("My documents")},
                                {QStringLiteral("classification"), QStringLiteral("business")},
                                {QStringLiteral("allowed"), true}},
                    QJsonObject{{QStringLiteral("id"), QStringLiteral("outbox")},
                                {QStringLiteral("title"), QStringLiteral("Outbox")},
                                {QStringLiteral("classification"), QStringLiteral("business")},
                                {QStringLiteral("allowed"), true}},
                    QJsonObject{{QStringLiteral("id"), QStringLiteral("web")},
                                {QStringLiteral("title"), QStringLiteral("Public web")},
                                {QStringLiteral("classification"), QStringLiteral("non-business")},
                                {QStringLiteral("allowed"), false},
                                {QStringLiteral("reason"), QStringLiteral("web access is off for this team")}}}},
        {QStringLiteral("models"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("gpt-4o-plat-2026")},
                                {QStringLiteral("allowed"), false},
                                {QStringLiteral("reason"), QStringLiteral("hosted models need approval")}},
                    QJsonObject{{QStringLiteral("id"), QStringLiteral("local-extractive")},
                                {QStringLiteral("allowed"), true}}}}});
    auto* connectors = wizard.findChild<QListWidget*>(QStringLiteral("connectorList"));
    QListWidgetItem* web = itemWithId(connectors, QStringLiteral("web"));
    QVERIFY(web);
    QVERIFY(!(web->flags() & Qt::ItemIsEnabled));
    QVERIFY(web->text().contains(QStringLiteral("web access is off for this team")));
    QVERIFY(web->text().contains(QStringLiteral("Non-business data")));
    auto* models = wizard.findChild<QListWidget*>(QStringLiteral("modelList"));
    QListWidgetItem* hosted = itemWithId(models, QStringLiteral("gpt-4o-plat-2026"));
    QVERIFY(!(hosted->flags() & Qt::ItemIsEnabled));
    QVERIFY(hosted->text().contains(QStringLiteral("hosted models need approval")));
    QVERIFY(hosted->text().contains(QStringLiteral("$0.0025")));
    QCOMPARE(models->currentItem()->data(Qt::UserRole + 1).toString(), QStringLiteral("local-extractive"));
    QVERIFY(wizard.findChild<QTextBrowser*>(QStringLiteral("modelCard"))
                ->toPlainText()
                .contains(QStringLiteral("Limitations")));

    // A connector the template needs and the policy blocks stops the wizard with the reason.
    wizard.applyPolicy(
        QJsonObject{{QStringLiteral("connectors"),
                     QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("documents")},
                                            {QStringLiteral("title"), QStringLiteral("My documents")},
                                            {QStringLiteral("allowed"), false},
                                            {QStringLiteral("reason"), QStringLiteral("documents are off limits")}}}}});
    wizard.show();
    wizard.next();
    wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::ConnectorsPage));
    QVERIFY(wizard.findChild<QLabel*>(QStringLiteral("connectorsProblem"))->isVisible());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::ConnectorsPage));
}

void TestNewAppWizard::invalidManifestIsNotSaved()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    NewAppWizard wizard(&fixture.connection, salesTemplate());
    wizard.show();
    for (int i = 0; i < 5; ++i)
        wizard.next();
    QCOMPARE(wizard.currentId(), int(NewAppWizard::ReviewPage));
    // Typing a bad model id marks its line and lists the problem with a fix.
    ManifestEditor* editor = wizard.workbench()->editor();
    QString text = editor->text();
    text.replace(QStringLiteral("\"local-extractive\""), QStringLiteral("\"no-such-model\""));
    editor->setText(text);
    wizard.workbench()->checkNow();
    QVERIFY(!wizard.workbench()->isValid());
    QCOMPARE(wizard.workbench()->issues().front().code, QStringLiteral("manifest.unknown-model"));
    const int line = wizard.workbench()->issues().front().line;
    QVERIFY(editor->markedLines().contains(line));
    QVERIFY(editor->text(line - 1).contains(QStringLiteral("no-such-model")));
    QVERIFY(wizard.workbench()->checksList()->item(0)->text().contains(QStringLiteral("How to fix")));

    wizard.button(QWizard::FinishButton)->click();
    QTest::qWait(50);
    QCOMPARE(fixture.agent.callCount(QStringLiteral("apps.save")), 0);
    QVERIFY(wizard.errorBanner()->isVisible());
    QVERIFY(wizard.isVisible());
}

void TestNewAppWizard::agentRefusalIsShownInPlainWords()
{
    test::StudioAgentFixture fixture;
    QVERIFY(fixture.start());
    fixture.agent.setError(QStringLiteral("apps.save"), QStringLiteral("storage.sqlite"),
                           QStringLiteral("disk I/O error"));
    NewAppWizard wizard(&fixture.connection, salesTemplate());
    wizard.show();
    for (int i = 0; i < 5; ++i)
        wizard.next();
    wizard.button(QWizard::FinishButton)->click();
    QTRY_VERIFY(wizard.errorBanner()->isVisible());
    QCOMPARE(wizard.errorBanner()->text(), QStringLiteral("Something went wrong in the Corral agent."));
    QCOMPARE(wizard.errorBanner()->details(), QStringLiteral("storage.sqlite: disk I/O error"));
    QVERIFY(wizard.isVisible());
}

QTEST_MAIN(TestNewAppWizard)
#include "TestNewAppWizard.moc"
