// SPDX-License-Identifier: Apache-2.0
#include "Theme.h"

#include <QTest>

using namespace corral::ui;

class TestTheme : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detectsDarkPalettes();
    void badgesAreDistinctAndReadable_data();
    void badgesAreDistinctAndReadable();
    void unknownValuesGetNeutralBadge();
    void syntaxColoursReadOnBase_data();
    void syntaxColoursReadOnBase();
};

void TestTheme::detectsDarkPalettes()
{
    QVERIFY(theme::isDark(theme::darkPalette()));
    QVERIFY(!theme::isDark(theme::lightPalette()));
}

void TestTheme::badgesAreDistinctAndReadable_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestTheme::badgesAreDistinctAndReadable()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? theme::darkPalette() : theme::lightPalette();
    const QList<theme::BadgeColors> badges = {
        theme::maturityBadge(QStringLiteral("experimental"), palette),
        theme::maturityBadge(QStringLiteral("beta"), palette),
        theme::maturityBadge(QStringLiteral("stable"), palette),
        theme::complianceBadge(QStringLiteral("unreviewed"), palette),
        theme::complianceBadge(QStringLiteral("reviewed"), palette),
        theme::complianceBadge(QStringLiteral("certified"), palette),
    };
    for (int i = 0; i < badges.size(); ++i) {
        // WCAG AA for small text.
        QVERIFY2(theme::contrastRatio(badges[i].foreground, badges[i].background) >= 4.5,
                 qPrintable(QStringLiteral("badge %1: %2")
                                .arg(i)
                                .arg(theme::contrastRatio(badges[i].foreground, badges[i].background))));
        // The badge stands out from the card it sits on.
        QVERIFY(badges[i].background != palette.color(QPalette::Base));
        for (int j = i + 1; j < badges.size(); ++j) {
            QVERIFY2(badges[i].background.hslHue() != badges[j].background.hslHue(),
                     qPrintable(QStringLiteral("badges %1 and %2 share a hue").arg(i).arg(j)));
        }
    }
    // Light badges are light tints, dark badges deep tones.
    QCOMPARE(badges[2].background.lightness() > 128, !dark);
}

void TestTheme::unknownValuesGetNeutralBadge()
{
    const QPalette palette = theme::lightPalette();
    const theme::BadgeColors unknown = theme::maturityBadge(QStringLiteral("alpha"), palette);
    QVERIFY(unknown.background.hslSaturation() < 20);
    QVERIFY(theme::contrastRatio(unknown.foreground, unknown.background) >= 4.5);
}

void TestTheme::syntaxColoursReadOnBase_data()
{
    badgesAreDistinctAndReadable_data();
}

void TestTheme::syntaxColoursReadOnBase()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? theme::darkPalette() : theme::lightPalette();
    const QColor base = palette.color(QPalette::Base);
    const theme::SyntaxColors colors = theme::syntaxColors(palette);
    for (const QColor& c : {colors.property, colors.string, colors.number, colors.keyword, colors.operatorColor})
        QVERIFY2(theme::contrastRatio(c, base) >= 4.5, qPrintable(c.name()));
}

QTEST_MAIN(TestTheme)
#include "TestTheme.moc"
