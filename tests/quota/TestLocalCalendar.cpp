// SPDX-License-Identifier: Apache-2.0
// Local days and months: boundaries at local midnight for fixed offsets on both sides of
// UTC, month ends, and a day shortened by daylight saving time.
#include "quota/LocalCalendar.h"

#include <QDateTime>
#include <QTest>

using namespace corral::quota;

namespace {

qint64 utc(const char* iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch();
}

} // namespace

class TestLocalCalendar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dayKeys();
    void eastOfUtc();
    void westOfUtc();
    void monthAndYearEnds();
    void daylightSavingDay();
};

void TestLocalCalendar::dayKeys()
{
    QCOMPARE(dayKey(QDate(2026, 1, 15)), 20260115);
    QCOMPARE(dateOf(20261231), QDate(2026, 12, 31));
    QCOMPARE(monthOf(20260215), 202602);
}

void TestLocalCalendar::eastOfUtc()
{
    const LocalCalendar cal{QTimeZone(2 * 3600)};
    // 21:59:59Z is 23:59:59 local: still the 1st.
    LocalCalendar::Period p = cal.periodAt(utc("2026-01-01T21:59:59"));
    QCOMPARE(p.day, 20260101);
    QCOMPARE(p.dayStartMs, utc("2025-12-31T22:00:00"));
    QCOMPARE(p.dayEndMs, utc("2026-01-01T22:00:00"));
    QCOMPARE(p.monthStartMs, utc("2025-12-31T22:00:00"));
    QCOMPARE(p.monthEndMs, utc("2026-01-31T22:00:00"));
    // One second later it is the 2nd locally, while UTC is still on the 1st.
    p = cal.periodAt(utc("2026-01-01T22:00:00"));
    QCOMPARE(p.day, 20260102);
    QCOMPARE(p.firstDayOfMonth(), 20260101);
}

void TestLocalCalendar::westOfUtc()
{
    const LocalCalendar cal{QTimeZone(-5 * 3600)};
    // 03:00Z on the 2nd is 22:00 on the 1st in UTC-5.
    const LocalCalendar::Period p = cal.periodAt(utc("2026-01-02T03:00:00"));
    QCOMPARE(p.day, 20260101);
    QCOMPARE(p.dayEndMs, utc("2026-01-02T05:00:00"));
}

void TestLocalCalendar::monthAndYearEnds()
{
    const LocalCalendar cal{QTimeZone(3600)};
    LocalCalendar::Period p = cal.periodAt(utc("2026-02-28T22:59:59"));
    QCOMPARE(p.day, 20260228);
    QCOMPARE(p.monthEndMs, utc("2026-02-28T23:00:00"));
    p = cal.periodAt(utc("2026-02-28T23:00:00"));
    QCOMPARE(p.day, 20260301);
    QCOMPARE(p.firstDayOfMonth(), 20260301);
    p = cal.periodAt(utc("2026-12-31T23:30:00"));
    QCOMPARE(p.day, 20270101);
    QCOMPARE(p.monthEndMs, utc("2027-01-31T23:00:00"));
}

void TestLocalCalendar::daylightSavingDay()
{
    if (!QTimeZone::isTimeZoneIdAvailable("Europe/Berlin"))
        QSKIP("no time zone data for Europe/Berlin");
    const LocalCalendar cal{QTimeZone("Europe/Berlin")};
    // Clocks go forward on 2026-03-29: that local day has 23 hours.
    const LocalCalendar::Period p = cal.periodAt(utc("2026-03-29T12:00:00"));
    QCOMPARE(p.day, 20260329);
    QCOMPARE(p.dayStartMs, utc("2026-03-28T23:00:00"));
    QCOMPARE(p.dayEndMs, utc("2026-03-29T22:00:00"));
    QCOMPARE(p.dayEndMs - p.dayStartMs, qint64(23) * 3600 * 1000);
}

QTEST_GUILESS_MAIN(TestLocalCalendar)
#include "TestLocalCalendar.moc"
