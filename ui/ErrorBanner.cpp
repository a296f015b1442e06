// SPDX-License-Identifier: Apache-2.0
#include "ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace corral::ui {

QString plainErrorText(const Error& error)
{
    const QString& code = error.code;
    if (code == QLatin1String("agent.unreachable") || code == QLatin1String("agent.start"))
        return ErrorBanner::tr("The Corral agent is not running and could not be started. Your apps cannot run "
                               "until it is back.");
    if (code == QLatin1String("agent.disconnected"))
        return ErrorBanner::tr("The connection to the Corral agent was lost. Restart the studio to reconnect.");
    if (code == QLatin1String("agent.timeout"))
        return ErrorBanner::tr("The Corral agent took too long to answer. Try again in a moment.");
    if (code == QLatin1String("app.not-found"))
        return ErrorBanner::tr("This app no longer exists. It may have been deleted.");
    if (code == QLatin1String("app.paused"))
        return ErrorBanner::tr("This app is paused because it went over a limit or an administrator paused it.");
    if (code == QLatin1String("run.inputs"))
        return ErrorBanner::tr("Some of the run's inputs are missing or have the wrong form.");
    if (code.startsWith(QLatin1String("manifest.")))
        return ErrorBanner::tr("The app's settings have a problem that must be fixed before it can be saved.");
    if (code.startsWith(QLatin1String("bundle.")))
        return ErrorBanner::tr("The policy file was refused. The previous policy stays active.");
    if (code.startsWith(QLatin1String("grant.")))
        return ErrorBanner::tr("This permission no longer exists.");
    if (code == QLatin1String("audit.export-path"))
        return ErrorBanner::tr("The export could not be saved there. Choose a file in a folder you can write "
                               "to. Nothing was saved.");
    if (code.startsWith(QLatin1String("audit.")))
        return ErrorBanner::tr("The activity log could not be read or exported. Nothing was saved.");
    if (code == QLatin1String("sync.not-enrolled"))
        return ErrorBanner::tr("This computer is not connected to an organisation server, so there is nobody to "
                               "approve the request. Ask your administrator to connect it (corral enroll).");
    if (code == QLatin1String("approval.pending"))
        return ErrorBanner::tr("A request for this app is already waiting for a reviewer.");
    if (code == QLatin1String("app.stage"))
        return ErrorBanner::tr("This app is already approved for production.");
    if (code.startsWith(QLatin1String("sync.")))
        return ErrorBanner::tr("The organisation server could not be reached. Try again later.");
    if (code == QLatin1String("rpc.-32601"))
        return ErrorBanner::tr("The Corral agent is older than the studio and cannot do this yet.");
    return ErrorBanner::tr("Something went wrong in the Corral agent.");
}

ErrorBanner::ErrorBanner(QWidget* parent)
    : QFrame(parent), m_text(new QLabel(this)), m_details(new QLabel(this)),
      m_toggle(new QPushButton(tr("Details"), this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_text->setObjectName(QStringLiteral("errorText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(QStringLiteral("errorDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_details->hide();
    m_toggle->setObjectName(QStringLiteral("errorDetailsButton"));
    m_toggle->setCheckable(true);
    m_toggle->setToolTip(tr("Show the technical details"));
    connect(m_toggle, &QPushButton::toggled, m_details, &QLabel::setVisible);

    auto* row = new QHBoxLayout;
    row->addWidget(m_text, 1);
    row->addWidget(m_toggle, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_details);
    hide();
}

void ErrorBanner::showError(const Error& error)
{
    showMessage(plainErrorText(error), error.toString());
}

void ErrorBanner::showMessage(const QString& text, const QString& details)
{
    m_text->setText(text);
    m_details->setText(details);
    m_toggle->setChecked(false);
    m_toggle->setVisible(!details.isEmpty());
    show();
}

QString ErrorBanner::text() const
{
    return m_text->text();
}

QString ErrorBanner::details() const
{
    return m_details->text();
}

} // namespace corral::ui
