// SPDX-License-Identifier: Apache-2.0
// Small helpers the studio's pages share: headings, wrapping labels, badges, times and
// amounts formatted for people.
#pragma once

#include <QString>

class QFont;
class QLabel;
class QWidget;

namespace corral::ui {

QFont scaledFont(const QFont& base, qreal factor, bool bold);
// A page's title in a larger bold font.
QLabel* pageHeading(const QString& text, QWidget* parent);
// A label that wraps and whose text can be selected (for messages people may copy).
QLabel* wrappingLabel(const QString& objectName, QWidget* parent);
// "2026-11-25T19:21:37.218Z" -> the local date and time in the locale's short format.
QString localTime(const QString& isoTime);
// 0.01234 -> "$0.0123" (cost figures are small; four decimals under a cent).
QString formatCost(double usd);

} // namespace corral::ui
