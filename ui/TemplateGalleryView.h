// SPDX-License-Identifier: Apache-2.0
// The gallery of template cards: a wrapping list whose cards stretch to fill each row,
// navigable with the arrow keys, Home/End and Page Up/Down.
#pragma once

#include <QListView>

namespace corral::ui {

class TemplateCardDelegate;

class TemplateGalleryView : public QListView
{
    Q_OBJECT
public:
    explicit TemplateGalleryView(QWidget* parent = nullptr);

    TemplateCardDelegate* cardDelegate() const { return m_delegate; }
    static constexpr int kSpacing = 8;

protected:
    bool viewportEvent(QEvent* event) override;

private:
    void fitCardsToWidth();

    TemplateCardDelegate* m_delegate;
};

} // namespace corral::ui
