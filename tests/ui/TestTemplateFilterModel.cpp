// SPDX-License-Identifier: Apache-2.0
#include "TemplateFilterModel.h"
#include "TemplateListModel.h"
#include "UiTestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::ui;

class TestTemplateFilterModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sortsByTitle();
    void searchNarrowsTheList_data();
    void searchNarrowsTheList();
    void categoryNarrowsTheList_data();
    void categoryNarrowsTheList();
    void searchAndCategoryCombine();
    void clearingRestoresEverything();
    void signalsOnlyRealChanges();

private:
    QStringList visibleIds() const;

    QTemporaryDir m_dir;
    TemplateListModel m_model;
    TemplateFilterModel m_filter;
};

void TestTemplateFilterModel::initTestCase()
{
    QVERIFY(test::writeTemplates(m_dir.path(), test::fixtureTemplates()));
    QVERIFY(m_model.load(m_dir.path()).ok());
    m_filter.setSourceModel(&m_model);
    new QAbstractItemModelTester(&m_filter, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

QStringList TestTemplateFilterModel::visibleIds() const
{
    QStringList ids;
    for (int row = 0; row < m_filter.rowCount(); ++row)
        ids << m_filter.index(row, 0).data(TemplateListModel::IdRole).toString();
    return ids;
}

void TestTemplateFilterModel::sortsByTitle()
{
    QCOMPARE(visibleIds(), QStringList({QStringLiteral("expense-report"), QStringLiteral("invoice-digest"),
                                        QStringLiteral("meeting-notes"), QStringLiteral("policy-qa"),
                                        QStringLiteral("travel-planner"), QStringLiteral("sales-digest")}));
}

void TestTemplateFilterModel::searchNarrowsTheList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("description word") << QStringLiteral("summarises")
                                      << QStringList{QStringLiteral("invoice-digest"), QStringLiteral("sales-digest")};
    QTest::newRow("case-insensitive") << QStringLiteral("SALES") << QStringList{QStringLiteral("sales-digest")};
    QTest::newRow("title and description")
        << QStringLiteral("report") << QStringList{QStringLiteral("expense-report"), QStringLiteral("sales-digest")};
    QTest::newRow("category") << QStringLiteral("finance")
                              << QStringList{QStringLiteral("expense-report"), QStringLiteral("invoice-digest")};
    QTest::newRow("id") << QStringLiteral("policy-qa") << QStringList{QStringLiteral("policy-qa")};
    QTest::newRow("all words must match")
        << QStringLiteral("travel request") << QStringList{QStringLiteral("travel-planner")};
    QTest::newRow("extra spaces") << QStringLiteral("  travel   policy ")
                                  << QStringList{QStringLiteral("expense-report")};
    QTest::newRow("no match") << QStringLiteral("xyz") << QStringList{};
    QTest::newRow("blank") << QStringLiteral("   ")
                           << QStringList{QStringLiteral("expense-report"), QStringLiteral("invoice-digest"),
                                          QStringLiteral("meeting-notes"),  QStringLiteral("policy-qa"),
                                          QStringLiteral("travel-planner"), QStringLiteral("sales-digest")};
}

void TestTemplateFilterModel::searchNarrowsTheList()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    m_filter.setSearchText(text);
    QCOMPARE(m_filter.rowCount(), ids.size());
    QCOMPARE(visibleIds(), ids);
    m_filter.setSearchText(QString());
}

void TestTemplateFilterModel::categoryNarrowsTheList_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("count");
    QTest::newRow("Finance") << QStringLiteral("Finance") << 2;
    QTest::newRow("HR") << QStringLiteral("HR") << 2;
    QTest::newRow("Productivity") << QStringLiteral("Productivity") << 1;
    QTest::newRow("Sales") << QStringLiteral("Sales") << 1;
    QTest::newRow("exact match only") << QStringLiteral("finance") << 0;
    QTest::newRow("all") << QString() << 6;
}

void TestTemplateFilterModel::categoryNarrowsTheList()
{
    QFETCH(QString, category);
    QFETCH(int, count);
    m_filter.setCategory(category);
    QCOMPARE(m_filter.rowCount(), count);
    for (int row = 0; row < m_filter.rowCount(); ++row)
        QCOMPARE(m_filter.index(row, 0).data(TemplateListModel::CategoryRole).toString(),
                 category.isEmpty() ? m_filter.index(row, 0).data(TemplateListModel::CategoryRole).toString()
                                    : category);
    m_filter.setCategory(QString());
}

void TestTemplateFilterModel::searchAndCategoryCombine()
{
    m_filter.setSearchText(QStringLiteral("policy"));
    QCOMPARE(visibleIds(), QStringList({QStringLiteral("expense-report"), QStringLiteral("policy-qa")}));
    m_filter.setCategory(QStringLiteral("HR"));
    QCOMPARE(visibleIds(), QStringList{QStringLiteral("policy-qa")});
    m_filter.setCategory(QStringLiteral("Sales"));
    QCOMPARE(m_filter.rowCount(), 0);
    m_filter.setSearchText(QString());
    m_filter.setCategory(QString());
}

void TestTemplateFilterModel::clearingRestoresEverything()
{
    m_filter.setSearchText(QStringLiteral("xyz"));
    m_filter.setCategory(QStringLiteral("HR"));
    QCOMPARE(m_filter.rowCount(), 0);
    m_filter.setSearchText(QString());
    m_filter.setCategory(QString());
    QCOMPARE(m_filter.rowCount(), 6);
}

void TestTemplateFilterModel::signalsOnlyRealChanges()
{
    QSignalSpy changed(&m_filter, &TemplateFilterModel::filterChanged);
    m_filter.setSearchText(QStringLiteral("digest"));
    m_filter.setSearchText(QStringLiteral("digest"));
    m_filter.setCategory(QStringLiteral("Sales"));
    m_filter.setCategory(QStringLiteral("Sales"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(m_filter.searchText(), QStringLiteral("digest"));
    QCOMPARE(m_filter.category(), QStringLiteral("Sales"));
    m_filter.setSearchText(QString());
    m_filter.setCategory(QString());
}

QTEST_MAIN(TestTemplateFilterModel)
#include "TestTemplateFilterModel.moc"
