// SPDX-License-Identifier: Apache-2.0
// Errors from the agent in words a non-developer understands, with the technical detail
// (code and message) one click away. Pages show one ErrorBanner above their content.
#pragma once

#include "Result.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace corral::ui {

// A sentence that says what went wrong and what to do, for an agent or Corral error code.
QString plainErrorText(const Error& error);

class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget* parent = nullptr);

    // Shows the banner with plainErrorText(error) and the details hidden.
    void showError(const Error& error);
    // Shows `text` with optional technical `details`.
    void showMessage(const QString& text, const QString& details = QString());
    QString text() const;
    QString details() const;

private:
    QLabel* m_text;
    QLabel* m_details;
    QPushButton* m_toggle;
};

} // namespace corral::ui
