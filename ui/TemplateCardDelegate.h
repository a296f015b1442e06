// SPDX-License-Identifier: Apache-2.0
// Paints one template of the gallery as a card: icon, title, category, a description
// wrapped to a few lines and elided, and the maturity and compliance badges in colours
// from the palette. Elided text and badges explain themselves in tooltips.
#pragma once

#include <QStyledItemDelegate>

namespace corral::ui {

class TemplateCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit TemplateCardDelegate(QObject* parent = nullptr);

    // The width every card takes; the gallery sets it so cards fill each row.
    void setCardWidth(int width);
    int cardWidth() const { return m_cardWidth; }
    static constexpr int kMinimumCardWidth = 280;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    // Where everything on a card goes, and whether title or description had to be cut.
    struct Layout
    {
        QRect card;
        QRect icon;
        QRect title;
        QRect category;
        QRect description;
        QRect maturityBadge;
        QRect complianceBadge;
        QString titleText;
        QStringList descriptionLines;
        bool titleElided = false;
        bool descriptionElided = false;
    };
    Layout layout(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    // The tooltip at `pos` (view coordinates): a badge's explanation, or the full title and
    // description when either is cut; empty when everything is visible.
    QString toolTipAt(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) const;

private:
    int m_cardWidth = kMinimumCardWidth;
};

} // namespace corral::ui
