// SPDX-License-Identifier: Apache-2.0
#include "Paths.h"
#include "TemplateListModel.h"
#include "UiTestSupport.h"
#include "catalog/TemplateCatalog.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::ui;

class TestTemplateListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsEveryShippedTemplate();
    void exposesTheCardFields();
    void previewFillsDefaultAnswers();
    void categoriesAreSortedAndUnique();
    void findsRowsById();
    void missingFolderFailsAndEmptiesTheModel();
    void brokenTemplateFailsWithTheCatalogError();
};

void TestTemplateListModel::listsEveryShippedTemplate()
{
    TemplateListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Result<void> loaded = model.load(paths::templatesDir());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().toString()));
    QVERIFY(!model.loadError());

    const QStringList expected = test::shippedTemplateIds();
    QVERIFY(expected.size() >= 8);
    QCOMPARE(model.rowCount(), expected.size());
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        ids << index.data(TemplateListModel::IdRole).toString();
        QVERIFY(!index.data(TemplateListModel::TitleRole).toString().isEmpty());
        QVERIFY(!index.data(TemplateListModel::DescriptionRole).toString().isEmpty());
        QVERIFY(!index.data(TemplateListModel::CategoryRole).toString().isEmpty());
        QVERIFY(QStringList({QStringLiteral("experimental"), QStringLiteral("beta"), QStringLiteral("stable")})
                    .contains(index.data(TemplateListModel::MaturityRole).toString()));
        QVERIFY(QStringList({QStringLiteral("unreviewed"), QStringLiteral("reviewed"), QStringLiteral("certified")})
                    .contains(index.data(TemplateListModel::ComplianceRole).toString()));
        QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());
        const QJsonDocument preview =
            QJsonDocument::fromJson(index.data(TemplateListModel::ManifestPreviewRole).toString().toUtf8());
        QVERIFY2(preview.isObject(), qPrintable(ids.last()));
        QVERIFY(preview.object().contains(QStringLiteral("name")));
    }
    ids.sort();
    QCOMPARE(ids, expected);
    for (const char* id : {"sales-summarizer", "research-summarizer", "incident-triage"})
        QVERIFY2(ids.contains(QLatin1String(id)), id);
}

void TestTemplateListModel::exposesTheCardFields()
{
    QTemporaryDir dir;
    QVERIFY(test::writeTemplates(dir.path(), test::fixtureTemplates()));
    TemplateListModel model;
    QVERIFY(model.load(dir.path()).ok());
    QCOMPARE(model.rowCount(), 6);
    const QModelIndex index = model.index(model.rowOf(QStringLiteral("expense-report")));
    QCOMPARE(index.data(Qt::DisplayRole).toString(), QStringLiteral("Expense report checker"));
    QCOMPARE(index.data(TemplateListModel::TitleRole).toString(), QStringLiteral("Expense report checker"));
    QCOMPARE(index.data(TemplateListModel::VersionRole).toString(), QStringLiteral("1.2.0"));
    QCOMPARE(index.data(TemplateListModel::CategoryRole).toString(), QStringLiteral("Finance"));
    QCOMPARE(index.data(TemplateListModel::DescriptionRole).toString(),
             QStringLiteral("Checks expense reports against the travel policy and lists what is missing."));
    QCOMPARE(index.data(TemplateListModel::MaturityRole).toString(), QStringLiteral("stable"));
    QCOMPARE(index.data(TemplateListModel::MaturityLabelRole).toString(), QStringLiteral("Stable"));
    QCOMPARE(index.data(TemplateListModel::ComplianceRole).toString(), QStringLiteral("certified"));
    QCOMPARE(index.data(TemplateListModel::ComplianceLabelRole).toString(), QStringLiteral("Certified"));
    QVERIFY(
        index.data(TemplateListModel::ComplianceExplanationRole).toString().startsWith(QStringLiteral("Certified:")));
    QCOMPARE(index.data(Qt::AccessibleDescriptionRole).toString(),
             QStringLiteral("Checks expense reports against the travel policy and lists what is missing. "
                            "Category: Finance. Maturity: Stable. Compliance: Certified."));
    QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());

    const QModelIndex policy = model.index(model.rowOf(QStringLiteral("policy-qa")));
    QCOMPARE(policy.data(TemplateListModel::MaturityLabelRole).toString(), QStringLiteral("Experimental"));
    QCOMPARE(policy.data(TemplateListModel::ComplianceLabelRole).toString(), QStringLiteral("Not reviewed"));
}

void TestTemplateListModel::previewFillsDefaultAnswers()
{
    QTemporaryDir dir;
    QVERIFY(test::writeTemplates(dir.path(), test::fixtureTemplates()));
    TemplateListModel model;
    QVERIFY(model.load(dir.path()).ok());
    const QString preview = model.index(model.rowOf(QStringLiteral("meeting-notes")))
                                .data(TemplateListModel::ManifestPreviewRole)
                                .toString();
    const QJsonObject manifest = QJsonDocument::fromJson(preview.toUtf8()).object();
    QCOMPARE(manifest.value(QStringLiteral("name")).toString(), QStringLiteral("meeting-notes"));
    QCOMPARE(manifest.value(QStringLiteral("purpose")).toString(),
             QStringLiteral("Turns a meeting transcript into decisions and action items."));
    QCOMPARE(manifest.value(QStringLiteral("template")).toString(), QStringLiteral("meeting-notes@1.2.0"));
    // Indented for reading, with the name first.
    QVERIFY(preview.startsWith(QStringLiteral("{\n  \"name\": \"meeting-notes\"")));
}

void TestTemplateListModel::categoriesAreSortedAndUnique()
{
    QTemporaryDir dir;
    QVERIFY(test::writeTemplates(dir.path(), test::fixtureTemplates()));
    TemplateListModel model;
    QVERIFY(model.load(dir.path()).ok());
    QCOMPARE(model.categories(), QStringList({QStringLiteral("Finance"), QStringLiteral("HR"),
                                              QStringLiteral("Productivity"), QStringLiteral("Sales")}));
}

void TestTemplateListModel::findsRowsById()
{
    QTemporaryDir dir;
    QVERIFY(test::writeTemplates(dir.path(), test::fixtureTemplates()));
    TemplateListModel model;
    QVERIFY(model.load(dir.path()).ok());
    const int row = model.rowOf(QStringLiteral("travel-planner"));
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row).data(TemplateListModel::IdRole).toString(), QStringLiteral("travel-planner"));
    QCOMPARE(model.rowOf(QStringLiteral("no-such-template")), -1);
}

void TestTemplateListModel::missingFolderFailsAndEmptiesTheModel()
{
    QTemporaryDir dir;
    QVERIFY(test::writeTemplates(dir.path(), test::fixtureTemplates()));
    TemplateListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.load(dir.path()).ok());
    QCOMPARE(model.rowCount(), 6);

    const QString missing = dir.path() + QStringLiteral("/missing");
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const Result<void> loaded = model.load(missing);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("catalog.io"));
    QCOMPARE(loaded.error().message, missing + QStringLiteral(": template folder does not exist"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.loadError().has_value());
    QCOMPARE(model.loadError()->code, QStringLiteral("catalog.io"));
    QCOMPARE(model.directory(), missing);
    QVERIFY(model.categories().isEmpty());

    // Loading a good folder again clears the error.
    QVERIFY(model.load(dir.path()).ok());
    QVERIFY(!model.loadError());
    QCOMPARE(model.rowCount(), 6);
}

void TestTemplateListModel::brokenTemplateFailsWithTheCatalogError()
{
    QTemporaryDir dir;
    QVERIFY(test::writeTemplates(dir.path(), test::fixtureTemplates()));
    const QString file = dir.path() + QStringLiteral("/meeting-notes/template.json");
    QFile broken(file);
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("{\n  \"id\": \"meeting-notes\",\n  \"title\": \n");
    broken.close();

    TemplateListModel model;
    const Result<void> loaded = model.load(dir.path());
    QVERIFY(!loaded.ok());
    // The model passes on the catalog's own error.
    const Result<catalog::TemplateCatalog> expected = catalog::TemplateCatalog::load(dir.path());
    QVERIFY(!expected.ok());
    QCOMPARE(loaded.error().code, expected.error().code);
    QCOMPARE(loaded.error().message, expected.error().message);
    QVERIFY2(loaded.error().message.startsWith(file + QStringLiteral(":")), qPrintable(loaded.error().message));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.loadError()->message, loaded.error().message);
}

QTEST_MAIN(TestTemplateListModel)
#include "TestTemplateListModel.moc"
