// SPDX-License-Identifier: Apache-2.0
#include "TemplateCardDelegate.h"

#include "TemplateListModel.h"
#include "Theme.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QToolTip>

namespace corral::ui {

namespace {

constexpr int kPadding = 14;
constexpr int kIconSize = 40;
constexpr int kGap = 10;
constexpr int kDescriptionLines = 3;
constexpr int kBadgePaddingX = 8;
constexpr int kBadgePaddingY = 3;
constexpr int kBadgeGap = 6;
constexpr qreal kCornerRadius = 8.0;

QFont titleFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 1.1);
    f.setBold(true);
    return f;
}

QFont smallFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.9);
    return f;
}

QFont badgeFont(const QFont& base)
{
    QFont f = smallFont(base);
    f.setBold(true);
    return f;
}

int badgeHeight(const QFont& base)
{
    return QFontMetrics(badgeFont(base)).height() + 2 * kBadgePaddingY;
}

// Wraps `text` into at most `maxLines` lines of `width`; the last line is elided when text
// remains. Returns the lines and whether anything was cut.
QStringList wrapAndElide(const QString& text, const QFont& font, int width, int maxLines, bool* elided)
{
    QStringList lines;
    *elided = false;
    QTextLayout textLayout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    textLayout.setTextOption(option);
    textLayout.beginLayout();
    const QFontMetrics metrics(font);
    while (true) {
        QTextLine line = textLayout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            const QString rest = text.mid(line.textStart()).simplified();
            const QString shown = metrics.elidedText(rest, Qt::ElideRight, width);
            *elided = shown != rest;
            lines.append(shown);
            break;
        }
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    textLayout.endLayout();
    return lines;
}

void paintBadge(QPainter* painter, const QRect& rect, const QString& text, const theme::BadgeColors& colors,
                const QFont& font)
{
    painter->setPen(QPen(colors.border, 1.0));
    painter->setBrush(colors.background);
    const qreal radius = rect.height() / 2.0;
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->setFont(font);
    painter->setPen(colors.foreground);
    painter->drawText(rect, Qt::AlignCenter, text);
}

} // namespace

TemplateCardDelegate::TemplateCardDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void TemplateCardDelegate::setCardWidth(int width)
{
    m_cardWidth = std::max(kMinimumCardWidth, width);
}

QSize TemplateCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFont base = option.font;
    const int height = kPadding + kIconSize + kGap + kDescriptionLines * QFontMetrics(base).lineSpacing() + kGap +
                       badgeHeight(base) + kPadding;
    return {m_cardWidth, height};
}

TemplateCardDelegate::Layout TemplateCardDelegate::layout(const QStyleOptionViewItem& option,
                                                          const QModelIndex& index) const
{
    Layout l;
    const QFont base = option.font;
    l.card = option.rect;
    const QRect content = l.card.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const bool rtl = option.direction == Qt::RightToLeft;

    l.icon = QStyle::alignedRect(option.direction, Qt::AlignLeft | Qt::AlignTop, QSize(kIconSize, kIconSize), content);
    const QFontMetrics titleMetrics(titleFont(base));
    const QFontMetrics smallMetrics(smallFont(base));
    const int textLeft = kIconSize + kGap;
    const QRect header(rtl ? content.left() : content.left() + textLeft, content.top(), content.width() - textLeft,
                       kIconSize);
    const int headerTextHeight = titleMetrics.height() + smallMetrics.height();
    const int headerTop = header.top() + std::max(0, (kIconSize - headerTextHeight) / 2);
    l.title = QRect(header.left(), headerTop, header.width(), titleMetrics.height());
    l.category = QRect(header.left(), l.title.bottom() + 1, header.width(), smallMetrics.height());
    const QString title = index.data(TemplateListModel::TitleRole).toString();
    l.titleText = titleMetrics.elidedText(title, Qt::ElideRight, l.title.width());
    l.titleElided = l.titleText != title;

    const int lineSpacing = QFontMetrics(base).lineSpacing();
    l.description =
        QRect(content.left(), content.top() + kIconSize + kGap, content.width(), kDescriptionLines * lineSpacing);
    l.descriptionLines = wrapAndElide(index.data(TemplateListModel::DescriptionRole).toString(), base,
                                      l.description.width(), kDescriptionLines, &l.descriptionElided);

    const QFontMetrics badgeMetrics(badgeFont(base));
    const int bh = badgeHeight(base);
    const int badgeTop = content.bottom() + 1 - bh;
    const auto badgeWidth = [&](int role) {
        return badgeMetrics.horizontalAdvance(index.data(role).toString()) + 2 * kBadgePaddingX;
    };
    const int mw = badgeWidth(TemplateListModel::MaturityLabelRole);
    const int cw = badgeWidth(TemplateListModel::ComplianceLabelRole);
    if (rtl) {
        l.maturityBadge = QRect(content.right() + 1 - mw, badgeTop, mw, bh);
        l.complianceBadge = QRect(l.maturityBadge.left() - kBadgeGap - cw, badgeTop, cw, bh);
    } else {
        l.maturityBadge = QRect(content.left(), badgeTop, mw, bh);
        l.complianceBadge = QRect(l.maturityBadge.right() + 1 + kBadgeGap, badgeTop, cw, bh);
    }
    return l;
}

void TemplateCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const Layout l = layout(option, index);
    const QPalette& pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool focused = option.state & QStyle::State_HasFocus;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    QColor fill = pal.color(QPalette::Base);
    QColor border = pal.color(QPalette::Mid);
    qreal borderWidth = 1.0;
    if (selected) {
        QColor tint = pal.color(QPalette::Highlight);
        tint.setAlphaF(theme::isDark(pal) ? 0.22 : 0.12);
        fill = QColor::fromRgbF(fill.redF() * (1 - tint.alphaF()) + tint.redF() * tint.alphaF(),
                                fill.greenF() * (1 - tint.alphaF()) + tint.greenF() * tint.alphaF(),
                                fill.blueF() * (1 - tint.alphaF()) + tint.blueF() * tint.alphaF());
        border = pal.color(QPalette::Highlight);
        borderWidth = 2.0;
    } else if (hovered || focused) {
        border = pal.color(QPalette::Highlight);
    }
    painter->setPen(QPen(border, borderWidth));
    painter->setBrush(fill);
    const qreal inset = borderWidth / 2.0;
    painter->drawRoundedRect(QRectF(l.card).adjusted(inset, inset, -inset, -inset), kCornerRadius, kCornerRadius);

    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    icon.paint(painter, l.icon);

    const QColor text = pal.color(QPalette::Text);
    QColor secondary = pal.color(QPalette::PlaceholderText);
    painter->setPen(text);
    painter->setFont(titleFont(option.font));
    painter->drawText(l.title, Qt::AlignLeading | Qt::AlignVCenter, l.titleText);
    painter->setPen(secondary);
    painter->setFont(smallFont(option.font));
    painter->drawText(
        l.category, Qt::AlignLeading | Qt::AlignVCenter,
        QFontMetrics(smallFont(option.font))
            .elidedText(index.data(TemplateListModel::CategoryRole).toString(), Qt::ElideRight, l.category.width()));

    painter->setPen(text);
    painter->setFont(option.font);
    const int lineSpacing = QFontMetrics(option.font).lineSpacing();
    QRect line(l.description.left(), l.description.top(), l.description.width(), lineSpacing);
    for (const QString& lineText : l.descriptionLines) {
        painter->drawText(line, Qt::AlignLeading | Qt::AlignVCenter, lineText);
        line.translate(0, lineSpacing);
    }

    const QFont bf = badgeFont(option.font);
    paintBadge(painter, l.maturityBadge, index.data(TemplateListModel::MaturityLabelRole).toString(),
               theme::maturityBadge(index.data(TemplateListModel::MaturityRole).toString(), pal), bf);
    paintBadge(painter, l.complianceBadge, index.data(TemplateListModel::ComplianceLabelRole).toString(),
               theme::complianceBadge(index.data(TemplateListModel::ComplianceRole).toString(), pal), bf);
    painter->restore();
}

QString TemplateCardDelegate::toolTipAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                                        const QPoint& pos) const
{
    const Layout l = layout(option, index);
    if (l.maturityBadge.contains(pos))
        return index.data(TemplateListModel::MaturityExplanationRole).toString();
    if (l.complianceBadge.contains(pos))
        return index.data(TemplateListModel::ComplianceExplanationRole).toString();
    if (l.titleElided || l.descriptionElided) {
        return QStringLiteral("<p><b>%1</b></p><p>%2</p>")
            .arg(index.data(TemplateListModel::TitleRole).toString().toHtmlEscaped(),
                 index.data(TemplateListModel::DescriptionRole).toString().toHtmlEscaped());
    }
    return {};
}

bool TemplateCardDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                                     const QModelIndex& index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString tip = toolTipAt(option, index, event->pos());
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPos(), tip, view, option.rect);
    return true;
}

} // namespace corral::ui
