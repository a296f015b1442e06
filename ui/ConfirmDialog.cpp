// SPDX-License-Identifier: Apache-2.0
#include "ConfirmDialog.h"

#include "ElidedLabel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

namespace corral::ui {

namespace {

constexpr int kTickMs = 100;

// The UTF-16 index of code point `codePoint` in `text` (findings count code points).
int utf16Index(const QString& text, qint64 codePoint)
{
    int index = 0;
    for (qint64 seen = 0; seen < codePoint && index < text.size(); ++seen)
        index += (text.at(index).isHighSurrogate() && index + 1 < text.size()) ? 2 : 1;
    return index;
}

} // namespace

// Marks the personal data DLP found in the preview, with its type as a tooltip.
void ConfirmDialog::highlightFindings(QPlainTextEdit* preview, const QString& text, const QJsonArray& findings)
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    for (const QJsonValue& value : findings) {
        const QJsonObject finding = value.toObject();
        const int start = utf16Index(text, finding.value(QStringLiteral("start")).toInteger());
        const int end = utf16Index(text, finding.value(QStringLiteral("end")).toInteger());
        if (end <= start)
            continue;
        QTextCursor cursor(preview->document());
        cursor.setPosition(start);
        cursor.setPosition(end, QTextCursor::KeepAnchor);
        QTextCharFormat format;
        format.setBackground(dark ? QColor(0x8a, 0x5a, 0x00) : QColor(0xff, 0xd5, 0x80));
        format.setFontUnderline(true);
        format.setToolTip(tr("Personal data: %1").arg(finding.value(QStringLiteral("type")).toString()));
        cursor.mergeCharFormat(format);
    }
}

namespace {

QLabel* wrapping(const QString& text, const QString& name, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

QString ConfirmDialog::describeAction(const QString& action)
{
    if (action == QLatin1String("files.write"))
        return tr("write a file");
    if (action == QLatin1String("files.read"))
        return tr("read files");
    if (action == QLatin1String("files.list"))
        return tr("list the files of a folder");
    if (action == QLatin1String("http.request"))
        return tr("contact a web service");
    if (action == QLatin1String("model.generate"))
        return tr("send text to an AI model");
    return action;
}

ConfirmDialog::ConfirmDialog(const QJsonObject& request, QWidget* parent)
    : QDialog(parent), m_timeoutMs(request.value(QStringLiteral("timeout_ms")).toInt(kDefaultTimeoutMs))
{
    setObjectName(QStringLiteral("confirmDialog"));
    const QString app = request.value(QStringLiteral("app")).toString();
    const QString action = request.value(QStringLiteral("action")).toString();
    setWindowTitle(tr("Allow %1?").arg(app));

    auto* title =
        wrapping(tr("<b>%1</b> wants to %2.").arg(app.toHtmlEscaped(), describeAction(action).toHtmlEscaped()),
                 QStringLiteral("confirmTitle"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    title->setFont(big);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addElided = [&](const QString& label, const QString& text, const QString& name) {
        auto* value = new ElidedLabel(this);
        value->setObjectName(name);
        value->setText(text);
        value->setAccessibleName(label);
        form->addRow(label, value);
    };
    addElided(tr("App:"), app, QStringLiteral("confirmApp"));
    addElided(tr("Step:"), request.value(QStringLiteral("step")).toString(), QStringLiteral("confirmStep"));
    addElided(tr("Action:"), action, QStringLiteral("confirmAction"));
    const QString target = request.value(QStringLiteral("target")).toString();
    addElided(tr("Target:"), target.isEmpty() ? tr("(none)") : target, QStringLiteral("confirmTarget"));
    form->addRow(tr("Why you are asked:"),
                 wrapping(request.value(QStringLiteral("reason")).toString(), QStringLiteral("confirmReason"), this));

    auto* previewLabel = new QLabel(tr("&Preview of the data:"), this);
    auto* preview = new QPlainTextEdit(this);
    preview->setObjectName(QStringLiteral("confirmPreview"));
    preview->setAccessibleName(tr("Preview of the data"));
    preview->setReadOnly(true);
    preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QString previewText = request.value(QStringLiteral("preview")).toString();
    preview->setPlainText(previewText);
    highlightFindings(preview, previewText, request.value(QStringLiteral("findings")).toArray());
    preview->setMinimumHeight(fontMetrics().height() * 6);
    previewLabel->setBuddy(preview);

    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("confirmCountdown"));
    m_countdownBar = new QProgressBar(this);
    m_countdownBar->setObjectName(QStringLiteral("confirmCountdownBar"));
    m_countdownBar->setAccessibleName(tr("Time left to answer"));
    m_countdownBar->setRange(0, qMax(1, m_timeoutMs));
    m_countdownBar->setTextVisible(false);
    m_countdownBar->setMaximumHeight(fontMetrics().height() / 2);

    // In the protocol's order; "always" only appears when the policy offers it.
    const QJsonArray choices = request.value(QStringLiteral("choices")).toArray();
    auto* buttons = new QHBoxLayout;
    const struct
    {
        QString choice;
        QString text;
        QString tip;
    } known[] = {
        {QStringLiteral("always"), tr("Al&ways for this app"),
         tr("Remember the answer: this app may do this again without asking. You can revoke it on the Grants page.")},
        {QStringLiteral("allow-run"), tr("Allow for this &run"),
         tr("Allow this and the same action until the run ends.")},
        {QStringLiteral("allow-once"), tr("&Allow once"), tr("Allow only this one action.")},
        {QStringLiteral("deny"), tr("&Deny"), tr("Refuse: the run stops.")},
    };
    buttons->addStretch(1);
    for (const auto& entry : known) {
        if (!choices.contains(entry.choice) && entry.choice != QLatin1String("deny"))
            continue;
        auto* button = new QPushButton(entry.text, this);
        button->setObjectName(QStringLiteral("confirm-") + entry.choice);
        button->setToolTip(entry.tip);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this, [this, choice = entry.choice] { choose(choice); });
        buttons->addWidget(button);
        m_buttons.insert(entry.choice, button);
    }
    QPushButton* deny = m_buttons.value(QStringLiteral("deny"));
    deny->setDefault(true);
    deny->setAutoDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(previewLabel);
    layout->addWidget(preview, 1);
    layout->addWidget(m_countdown);
    layout->addWidget(m_countdownBar);
    layout->addLayout(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);

    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &ConfirmDialog::tick);
    // Closing the window (Escape, the title bar) is a deny, like the default.
    connect(this, &QDialog::rejected, this, [this] { m_ticker.stop(); });
    m_shown.start();
    tick();
}

QString ConfirmDialog::ask(const QJsonObject& request, QWidget* parent)
{
    ConfirmDialog dialog(request, parent);
    dialog.exec();
    return dialog.answer();
}

QPushButton* ConfirmDialog::button(const QString& choice) const
{
    return m_buttons.value(choice);
}

int ConfirmDialog::remainingMs() const
{
    return int(qMax<qint64>(0, m_timeoutMs - m_shown.elapsed()));
}

void ConfirmDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    // The guard and the countdown start when the person can see the question.
    m_shown.restart();
    qApp->installEventFilter(this);
    m_ticker.start();
    m_buttons.value(QStringLiteral("deny"))->setFocus();
    tick();
}

bool ConfirmDialog::eventFilter(QObject* watched, QEvent* event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::KeyPress && type != QEvent::KeyRelease && type != QEvent::ShortcutOverride &&
        type != QEvent::Shortcut)
        return QDialog::eventFilter(watched, event);
    auto* widget = qobject_cast<QWidget*>(watched);
    if (m_shown.elapsed() < kKeyGuardMs && widget && (widget == this || isAncestorOf(widget)))
        return true;
    return QDialog::eventFilter(watched, event);
}

void ConfirmDialog::choose(const QString& choice)
{
    m_answer = choice;
    m_ticker.stop();
    qApp->removeEventFilter(this);
    if (choice == QLatin1String("deny"))
        reject();
    else
        accept();
}

void ConfirmDialog::tick()
{
    const int left = remainingMs();
    m_countdownBar->setValue(left);
    const int seconds = (left + 999) / 1000;
    m_countdown->setText(tr("If you do not answer, Corral denies in %n second(s).", nullptr, seconds));
    if (m_shown.elapsed() >= kKeyGuardMs)
        qApp->removeEventFilter(this);
    if (left == 0 && isVisible())
        choose(QStringLiteral("deny"));
}

} // namespace corral::ui
