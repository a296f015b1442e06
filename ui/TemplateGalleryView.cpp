// SPDX-License-Identifier: Apache-2.0
#include "TemplateGalleryView.h"

#include "TemplateCardDelegate.h"

#include <QEvent>
#include <QScrollBar>
#include <QStyle>

namespace corral::ui {

TemplateGalleryView::TemplateGalleryView(QWidget* parent)
    : QListView(parent), m_delegate(new TemplateCardDelegate(this))
{
    setObjectName(QStringLiteral("templateGallery"));
    setAccessibleName(tr("Templates"));
    setItemDelegate(m_delegate);
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setSpacing(kSpacing);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionRectVisible(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    // Cards paint their own background; the view shows the window colour between them.
    setAutoFillBackground(false);
    viewport()->setAutoFillBackground(false);
}

bool TemplateGalleryView::viewportEvent(QEvent* event)
{
    // The viewport also changes width when the scroll bar appears, without the view resizing.
    if (event->type() == QEvent::Resize)
        fitCardsToWidth();
    return QListView::viewportEvent(event);
}

void TemplateGalleryView::fitCardsToWidth()
{
    // Mirrors QListView's own layout: in a left-to-right flow it always keeps room for a
    // vertical scroll bar, puts `spacing` before the first card and twice `spacing` between
    // cards, and wraps unless n * (width + 2 * spacing) stays below the layout width.
    int bounds = maximumViewportSize().width();
    if (verticalScrollBarPolicy() == Qt::ScrollBarAsNeeded)
        bounds -= style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, verticalScrollBar());
    const int available = bounds - 1;
    const int columns = std::max(1, available / (TemplateCardDelegate::kMinimumCardWidth + 2 * kSpacing));
    const int width = available / columns - 2 * kSpacing;
    if (width != m_delegate->cardWidth()) {
        m_delegate->setCardWidth(width);
        scheduleDelayedItemsLayout();
    }
}

} // namespace corral::ui
