// SPDX-License-Identifier: Apache-2.0
// The question the agent asks before a sensitive action (confirm.request): which app, which
// step, what it wants to do and where, the policy's reason and a preview of the data. Deny
// is the default; keys do nothing for the first half second (so typing elsewhere cannot
// allow by accident); when the countdown to the request's timeout ends, it denies.
#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

class QLabel;
class QProgressBar;
class QPlainTextEdit;
class QPushButton;

namespace corral::ui {

class ConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    // How long keys are ignored after the dialog appears.
    static constexpr int kKeyGuardMs = 500;
    static constexpr int kDefaultTimeoutMs = 60000;

    explicit ConfirmDialog(const QJsonObject& request, QWidget* parent = nullptr);

    // Shows the dialog modally and returns the answer: one of the request's choices.
    static QString ask(const QJsonObject& request, QWidget* parent = nullptr);

    // "deny" until the person picks something else.
    QString answer() const { return m_answer; }
    int remainingMs() const;
    QPushButton* button(const QString& choice) const;

    // A verb phrase for an action ("write a file"), for the dialog's title and the run page.
    static QString describeAction(const QString& action);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void highlightFindings(QPlainTextEdit* preview, const QString& text, const QJsonArray& findings);
    void choose(const QString& choice);
    void tick();

    QString m_answer = QStringLiteral("deny");
    int m_timeoutMs;
    QElapsedTimer m_shown;
    QTimer m_ticker;
    QLabel* m_countdown = nullptr;
    QProgressBar* m_countdownBar = nullptr;
    QHash<QString, QPushButton*> m_buttons;
};

} // namespace corral::ui
