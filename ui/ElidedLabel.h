// SPDX-License-Identifier: Apache-2.0
// A one-line label that elides its text to the available width and then shows the full
// text as its tooltip, so long titles never clip or stretch the layout.
#pragma once

#include <QFrame>

namespace corral::ui {

class ElidedLabel : public QFrame
{
    Q_OBJECT
    Q_PROPERTY(QString text READ text WRITE setText)
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return m_text; }
    // True when the text did not fit at the current width.
    bool isElided() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateToolTip();

    QString m_text;
};

} // namespace corral::ui
