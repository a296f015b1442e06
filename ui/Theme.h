// SPDX-License-Identifier: Apache-2.0
// Colours the studio derives from the current palette, so every page follows the system's
// light or dark scheme: badge colours for maturity and compliance, editor syntax colours,
// and the explicit light/dark palettes behind the --color-scheme option.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace corral::ui::theme {

// True when the palette's window colour is dark (text is lighter than the background).
bool isDark(const QPalette& palette);

// A badge: a tinted background with a readable foreground and a border of the same hue.
struct BadgeColors
{
    QColor background;
    QColor foreground;
    QColor border;
};

// Colours for a maturity value (experimental|beta|stable) or a compliance value
// (unreviewed|reviewed|certified). Each of the six values has its own hue; unknown values
// get a neutral grey. The foreground keeps a contrast of at least 4.5:1 in both schemes.
BadgeColors maturityBadge(const QString& maturity, const QPalette& palette);
BadgeColors complianceBadge(const QString& compliance, const QPalette& palette);

// Syntax colours for JSON in the manifest editor, chosen to read on palette.base().
struct SyntaxColors
{
    QColor property;
    QColor string;
    QColor number;
    QColor keyword;
    QColor operatorColor;
    QColor error;
};
SyntaxColors syntaxColors(const QPalette& palette);

// WCAG 2 contrast ratio between two colours (1.0 .. 21.0).
double contrastRatio(const QColor& a, const QColor& b);

// Complete palettes for an explicit scheme, used when the person (or the screenshot tool)
// asks for light or dark instead of the system's.
QPalette lightPalette();
QPalette darkPalette();

} // namespace corral::ui::theme
