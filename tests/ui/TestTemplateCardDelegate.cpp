// SPDX-License-Identifier: Apache-2.0
#include "TemplateCardDelegate.h"
#include "TemplateGalleryView.h"
#include "TemplateListModel.h"
#include "UiTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::ui;

class TestTemplateCardDelegate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void longDescriptionIsElidedWithTooltip();
    void shortDescriptionFitsWithoutTooltip();
    void badgesExplainThemselves();
    void badgesSitSideBySideInsideTheCard();

private:
    QStyleOptionViewItem optionFor(const QModelIndex& index) const;
    QString tooltipAt(const QModelIndex& index, const QPoint& pos);

    QTemporaryDir m_dir;
    TemplateListModel m_model;
    TemplateGalleryView* m_view = nullptr;
};

void TestTemplateCardDelegate::initTestCase()
{
    QList<test::FixtureTemplate> templates = test::fixtureTemplates();
    templates[0].description = QStringLiteral("Checks expense reports against the travel policy, the per-diem "
                                              "rates of every country, the receipt rules and the approval limits, "
                                              "then lists what is missing, what is too high and who must sign.");
    QVERIFY(test::writeTemplates(m_dir.path(), templates));
    QVERIFY(m_model.load(m_dir.path()).ok());
    m_view = new TemplateGalleryView;
    m_view->setModel(&m_model);
    m_view->resize(700, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

QStyleOptionViewItem TestTemplateCardDelegate::optionFor(const QModelIndex& index) const
{
    QStyleOptionViewItem option;
    option.initFrom(m_view);
    option.font = m_view->font();
    option.rect = m_view->visualRect(index);
    return option;
}

QString TestTemplateCardDelegate::tooltipAt(const QModelIndex& index, const QPoint& pos)
{
    return m_view->cardDelegate()->toolTipAt(optionFor(index), index, pos);
}

void TestTemplateCardDelegate::longDescriptionIsElidedWithTooltip()
{
    const QModelIndex index = m_model.index(m_model.rowOf(QStringLiteral("expense-report")));
    const TemplateCardDelegate::Layout layout = m_view->cardDelegate()->layout(optionFor(index), index);
    QVERIFY(layout.descriptionElided);
    QCOMPARE(layout.descriptionLines.size(), 3);
    QVERIFY(layout.descriptionLines.last().endsWith(QChar(0x2026)));
    const QString tip = tooltipAt(index, layout.description.center());
    QVERIFY2(tip.contains(index.data(TemplateListModel::DescriptionRole).toString().toHtmlEscaped()), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("Expense report checker")));
}

void TestTemplateCardDelegate::shortDescriptionFitsWithoutTooltip()
{
    const QModelIndex index = m_model.index(m_model.rowOf(QStringLiteral("travel-planner")));
    const TemplateCardDelegate::Layout layout = m_view->cardDelegate()->layout(optionFor(index), index);
    QVERIFY(!layout.descriptionElided);
    QVERIFY(!layout.titleElided);
    QCOMPARE(layout.descriptionLines, QStringList{QStringLiteral("Drafts a travel request from an itinerary.")});
    QCOMPARE(tooltipAt(index, layout.description.center()), QString());
}

void TestTemplateCardDelegate::badgesExplainThemselves()
{
    const QModelIndex index = m_model.index(m_model.rowOf(QStringLiteral("policy-qa")));
    const TemplateCardDelegate::Layout layout = m_view->cardDelegate()->layout(optionFor(index), index);
    QCOMPARE(tooltipAt(index, layout.maturityBadge.center()),
             QStringLiteral("Experimental: new and still changing. Try it, but check its results carefully."));
    QCOMPARE(tooltipAt(index, layout.complianceBadge.center()),
             QStringLiteral("Not reviewed: compliance has not checked this template yet."));
}

void TestTemplateCardDelegate::badgesSitSideBySideInsideTheCard()
{
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const QModelIndex index = m_model.index(row);
        const TemplateCardDelegate::Layout layout = m_view->cardDelegate()->layout(optionFor(index), index);
        QVERIFY(layout.card.contains(layout.maturityBadge));
        QVERIFY(layout.card.contains(layout.complianceBadge));
        QVERIFY(layout.maturityBadge.right() < layout.complianceBadge.left());
        QVERIFY(layout.description.bottom() < layout.maturityBadge.top());
        QVERIFY(layout.card.contains(layout.icon));
        QVERIFY(!layout.title.intersects(layout.icon));
    }
}

QTEST_MAIN(TestTemplateCardDelegate)
#include "TestTemplateCardDelegate.moc"
