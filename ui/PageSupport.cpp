// SPDX-License-Identifier: Apache-2.0
#include "PageSupport.h"

#include <QDateTime>
#include <QFont>
#include <QLabel>
#include <QLocale>

namespace corral::ui {

QFont scaledFont(const QFont& base, qreal factor, bool bold)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

QLabel* pageHeading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("pageHeading"));
    label->setFont(scaledFont(label->font(), 1.5, true));
    label->setAccessibleName(text);
    return label;
}

QLabel* wrappingLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString localTime(const QString& isoTime)
{
    const QDateTime time = QDateTime::fromString(isoTime, Qt::ISODateWithMs);
    if (!time.isValid())
        return isoTime;
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString formatCost(double usd)
{
    const int decimals = (usd != 0 && usd < 0.01) ? 4 : 2;
    return QStringLiteral("$") + QLocale().toString(usd, 'f', decimals);
}

} // namespace corral::ui
