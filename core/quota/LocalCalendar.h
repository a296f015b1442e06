// SPDX-License-Identifier: Apache-2.0
// Local calendar days and months for quota resets: daily limits reset at local midnight,
// monthly ones on the first of the month, in the person's time zone (injectable for tests).
#pragma once

#include <QDate>
#include <QTimeZone>
#include <QtGlobal>

namespace corral::quota {

// A local day as the integer yyyymmdd (20260115), the form the store keys usage by.
using DayKey = int;
inline int monthOf(DayKey day)
{
    return day / 100; // yyyymm
}
DayKey dayKey(const QDate& date);
QDate dateOf(DayKey day);

class LocalCalendar
{
public:
    // The system's time zone.
    LocalCalendar();
    explicit LocalCalendar(const QTimeZone& zone);

    const QTimeZone& zone() const { return m_zone; }

    // The local day and month containing `utcMs`, and where they start and end (UTC ms,
    // end exclusive). A day that starts inside a daylight-saving gap starts at the first
    // valid local time.
    struct Period
    {
        DayKey day = 0;
        qint64 dayStartMs = 0;
        qint64 dayEndMs = 0;
        qint64 monthStartMs = 0;
        qint64 monthEndMs = 0;
        DayKey firstDayOfMonth() const { return monthOf(day) * 100 + 1; }
    };
    Period periodAt(qint64 utcMs) const;
    QDate dateAt(qint64 utcMs) const;

private:
    qint64 startOf(const QDate& date) const;
    QTimeZone m_zone;
};

} // namespace corral::quota
