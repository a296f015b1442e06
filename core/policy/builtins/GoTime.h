// SPDX-License-Identifier: Apache-2.0
// Time as OPA's time.* built-ins see it, which is Go's time package: layouts such as
// "2006-01-02T15:04:05Z07:00" for parsing and formatting, durations like "1h30m",
// calendar fields in a named IANA zone (through QTimeZone) and Go's normalisation rules.
#pragma once

#include "Result.h"

#include <QString>
#include <QTimeZone>
#include <array>
#include <cstdint>

namespace corral::policy::builtins {

// A point in time: whole seconds since 1970-01-01T00:00:00Z plus nanoseconds [0, 1e9).
// Wider than int64 nanoseconds so that parsing can report out-of-range times.
struct GoInstant
{
    std::int64_t seconds = 0;
    std::int32_t nanos = 0;

    static GoInstant fromUnixNanos(std::int64_t ns);
    // Nanoseconds since the epoch, or "time outside of valid range" past int64.
    Result<std::int64_t> toUnixNanos() const;
};

// A location: UTC, a fixed offset, or an IANA zone ("America/Los_Angeles").
class GoZone
{
public:
    static GoZone utc();
    static GoZone fixed(int offsetSeconds, QString abbreviation);
    // "" and "UTC" are UTC, "Local" the system zone; else an IANA name. Errors as Go words
    // them: "unknown time zone NAME".
    static Result<GoZone> load(const QString& name);

    int offsetAt(std::int64_t unixSeconds) const;
    QString abbreviationAt(std::int64_t unixSeconds) const;

private:
    enum class Kind { Utc, Fixed, Named };
    Kind m_kind = Kind::Utc;
    int m_offset = 0;
    QString m_name;
    QTimeZone m_zone;
};

// Calendar fields of an instant in a zone.
struct GoCivil
{
    std::int64_t year = 1970;
    int month = 1; // 1-12
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    std::int32_t nanos = 0;
    int weekday = 4; // 0 = Sunday
    int yearDay = 1; // 1-366
    int offset = 0;  // seconds east of UTC in force at that instant
    QString abbreviation;
};

GoCivil toCivil(const GoInstant& t, const GoZone& zone);

// Go's time.Date: normalises out-of-range fields (month 13 is January of the next year,
// day 0 the last day of the previous month) and resolves the wall time in `zone`.
GoInstant fromCivil(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t minute,
                    std::int64_t second, std::int64_t nanos, const GoZone& zone);

// English names, as Go's Weekday.String() and Month.String().
QString weekdayName(int weekday);
QString monthName(int month);

// Go layout names accepted by OPA ("RFC3339", "RFC1123Z", ...) to the layout they stand for;
// any other text is returned unchanged.
QString resolveLayoutName(const QString& layout);

// Go's time.Parse(layout, value): the instant; a value without zone information is UTC.
Result<GoInstant> goParseTime(const QString& layout, const QString& value);

// Go's Time.Format(layout) for the instant shown in `zone`.
QString goFormatTime(const GoInstant& t, const GoZone& zone, const QString& layout);

// Go's time.ParseDuration, in nanoseconds; errors as Go words them.
Result<std::int64_t> goParseDuration(const QString& text);

// Go's Time.AddDate(years, months, days) in the instant's zone.
GoInstant goAddDate(const GoInstant& t, const GoZone& zone, std::int64_t years, std::int64_t months, std::int64_t days);

// OPA's time.diff: [years, months, days, hours, minutes, seconds] between two instants,
// both read in `zone` (OPA converts the second operand to the first one's zone).
std::array<std::int64_t, 6> goTimeDiff(const GoInstant& a, const GoInstant& b, const GoZone& zone);

} // namespace corral::policy::builtins
