// SPDX-License-Identifier: Apache-2.0
#include "LocalCalendar.h"

#include <QDateTime>

namespace corral::quota {

DayKey dayKey(const QDate& date)
{
    return date.year() * 10000 + date.month() * 100 + date.day();
}

QDate dateOf(DayKey day)
{
    return QDate(day / 10000, (day / 100) % 100, day % 100);
}

LocalCalendar::LocalCalendar() : m_zone(QTimeZone::systemTimeZone()) {}

LocalCalendar::LocalCalendar(const QTimeZone& zone) : m_zone(zone.isValid() ? zone : QTimeZone::systemTimeZone()) {}

QDate LocalCalendar::dateAt(qint64 utcMs) const
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, m_zone).date();
}

qint64 LocalCalendar::startOf(const QDate& date) const
{
    // QDateTime moves a time inside a daylight-saving gap forward to the first valid one.
    return QDateTime(date, QTime(0, 0), m_zone).toMSecsSinceEpoch();
}

LocalCalendar::Period LocalCalendar::periodAt(qint64 utcMs) const
{
    const QDate date = dateAt(utcMs);
    const QDate monthStart(date.year(), date.month(), 1);
    Period p;
    p.day = dayKey(date);
    p.dayStartMs = startOf(date);
    p.dayEndMs = startOf(date.addDays(1));
    p.monthStartMs = startOf(monthStart);
    p.monthEndMs = startOf(monthStart.addMonths(1));
    return p;
}

} // namespace corral::quota
