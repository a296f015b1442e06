// SPDX-License-Identifier: Apache-2.0
#include "Theme.h"

#include <cmath>

namespace corral::ui::theme {

namespace {

double relativeLuminance(const QColor& color)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

// One hue per badge value; the lightness differs between schemes so the badge is a soft
// tint on a light window and a deep tone on a dark one.
BadgeColors badgeForHue(int hue, int saturation, const QPalette& palette)
{
    if (isDark(palette)) {
        return {QColor::fromHsl(hue, saturation * 6 / 10, 58), QColor::fromHsl(hue, saturation, 218),
                QColor::fromHsl(hue, saturation * 6 / 10, 105)};
    }
    return {QColor::fromHsl(hue, saturation, 232), QColor::fromHsl(hue, saturation, 62),
            QColor::fromHsl(hue, saturation * 8 / 10, 170)};
}

constexpr int kNeutralSaturation = 12;

} // namespace

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

BadgeColors maturityBadge(const QString& maturity, const QPalette& palette)
{
    if (maturity == QLatin1String("experimental"))
        return badgeForHue(28, 200, palette); // amber: try with care
    if (maturity == QLatin1String("beta"))
        return badgeForHue(212, 170, palette); // blue
    if (maturity == QLatin1String("stable"))
        return badgeForHue(130, 150, palette); // green
    return badgeForHue(0, kNeutralSaturation, palette);
}

BadgeColors complianceBadge(const QString& compliance, const QPalette& palette)
{
    if (compliance == QLatin1String("unreviewed"))
        return badgeForHue(350, 170, palette); // rose: nobody has checked it yet
    if (compliance == QLatin1String("reviewed"))
        return badgeForHue(268, 140, palette); // violet
    if (compliance == QLatin1String("certified"))
        return badgeForHue(178, 170, palette); // teal
    return badgeForHue(0, kNeutralSaturation, palette);
}

SyntaxColors syntaxColors(const QPalette& palette)
{
    if (isDark(palette)) {
        return {QColor(0x9c, 0xdc, 0xfe), QColor(0xce, 0x91, 0x78),      QColor(0xb5, 0xce, 0xa8),
                QColor(0x56, 0x9c, 0xd6), palette.color(QPalette::Text), QColor(0xf4, 0x87, 0x71)};
    }
    return {QColor(0x0b, 0x4f, 0x8a), QColor(0xa3, 0x15, 0x15),      QColor(0x09, 0x86, 0x58),
            QColor(0x00, 0x00, 0xc8), palette.color(QPalette::Text), QColor(0xcd, 0x31, 0x31)};
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::WindowText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    p.setColor(QPalette::Text, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Button, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::ButtonText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::ToolTipBase, QColor(0xf7, 0xf7, 0xf7));
    p.setColor(QPalette::ToolTipText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::PlaceholderText, QColor(0x70, 0x75, 0x7a));
    p.setColor(QPalette::Link, QColor(0x29, 0x80, 0xb9));
    p.setColor(QPalette::Light, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Midlight, QColor(0xf6, 0xf7, 0xf7));
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc9, 0xcd));
    p.setColor(QPalette::Dark, QColor(0x88, 0x8e, 0x93));
    p.setColor(QPalette::Shadow, QColor(0x47, 0x4a, 0x4c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa4, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0xa0, 0xa4, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xa0, 0xa4, 0xa8));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x20, 0x23, 0x26));
    p.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Base, QColor(0x14, 0x16, 0x18));
    p.setColor(QPalette::AlternateBase, QColor(0x1d, 0x1f, 0x22));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Button, QColor(0x29, 0x2c, 0x30));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::ToolTipBase, QColor(0x29, 0x2c, 0x30));
    p.setColor(QPalette::ToolTipText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    p.setColor(QPalette::Light, QColor(0x40, 0x45, 0x4b));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3c));
    p.setColor(QPalette::Mid, QColor(0x4d, 0x53, 0x59));
    p.setColor(QPalette::Dark, QColor(0x10, 0x11, 0x13));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0b, 0x0c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6e, 0x73, 0x78));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6e, 0x73, 0x78));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6e, 0x73, 0x78));
    return p;
}

} // namespace corral::ui::theme
