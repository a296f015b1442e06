// SPDX-License-Identifier: Apache-2.0
#include "GoTime.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <limits>

namespace corral::policy::builtins {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

std::int64_t floorMod(std::int64_t a, std::int64_t b)
{
    return a - floorDiv(a, b) * b;
}

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
std::int64_t daysFromCivil(std::int64_t y, int m, int d)
{
    y -= m <= 2;
    const std::int64_t era = floorDiv(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, int& m, int& d)
{
    z += 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = yoe + era * 400 + (m <= 2);
}

bool isLeap(std::int64_t y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int daysIn(int month, std::int64_t year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeap(year) ? 29 : days[month - 1];
}

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// Layout elements, as Go's nextStdChunk recognises them.
enum class Std {
    None,
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    TZ,
    ISO8601TZ,
    ISO8601SecondsTZ,
    ISO8601ShortTZ,
    ISO8601ColonTZ,
    ISO8601ColonSecondsTZ,
    NumTZ,
    NumSecondsTz,
    NumShortTZ,
    NumColonTZ,
    NumColonSecondsTZ,
    FracSecond0,
    FracSecond9,
};

struct Chunk
{
    qsizetype prefixEnd = 0; // literal text is [from, prefixEnd)
    Std std = Std::None;
    qsizetype stdEnd = 0; // next chunk starts here
    int fracDigits = 0;
    QChar fracSeparator;
};

bool startsWithLower(QStringView s)
{
    return !s.isEmpty() && s[0] >= QLatin1Char('a') && s[0] <= QLatin1Char('z');
}

bool isDigitAt(QStringView s, qsizetype i)
{
    return i < s.size() && s[i] >= QLatin1Char('0') && s[i] <= QLatin1Char('9');
}

Chunk nextChunk(QStringView layout, qsizetype from)
{
    const auto at = [&](qsizetype i, QStringView lit) { return layout.mid(i).startsWith(lit); };
    for (qsizetype i = from; i < layout.size(); ++i) {
        const auto hit = [&](Std s, qsizetype len) { return Chunk{i, s, i + len, 0, {}}; };
        switch (layout[i].unicode()) {
        case 'J':
            if (at(i, u"Jan")) {
                if (at(i, u"January"))
                    return hit(Std::LongMonth, 7);
                if (!startsWithLower(layout.mid(i + 3)))
                    return hit(Std::Month, 3);
            }
            break;
        case 'M':
            if (at(i, u"Mon")) {
                if (at(i, u"Monday"))
                    return hit(Std::LongWeekDay, 6);
                if (!startsWithLower(layout.mid(i + 3)))
                    return hit(Std::WeekDay, 3);
            }
            if (at(i, u"MST"))
                return hit(Std::TZ, 3);
            break;
        case '0':
            if (i + 1 < layout.size() && layout[i + 1] >= QLatin1Char('1') && layout[i + 1] <= QLatin1Char('6')) {
                static const Std zeros[] = {Std::ZeroMonth,  Std::ZeroDay,    Std::ZeroHour12,
                                            Std::ZeroMinute, Std::ZeroSecond, Std::Year};
                return hit(zeros[layout[i + 1].unicode() - '1'], 2);
            }
            if (at(i, u"002"))
                return hit(Std::ZeroYearDay, 3);
            break;
        case '1':
            if (at(i, u"15"))
                return hit(Std::Hour, 2);
            return hit(Std::NumMonth, 1);
        case '2':
            if (at(i, u"2006"))
                return hit(Std::LongYear, 4);
            return hit(Std::Day, 1);
        case '_':
            if (at(i, u"_2")) {
                if (at(i, u"_2006")) // a literal '_' followed by the year
                    return Chunk{i + 1, Std::LongYear, i + 5, 0, {}};
                return hit(Std::UnderDay, 2);
            }
            if (at(i, u"__2"))
                return hit(Std::UnderYearDay, 3);
            break;
        case '3':
            return hit(Std::Hour12, 1);
        case '4':
            return hit(Std::Minute, 1);
        case '5':
            return hit(Std::Second, 1);
        case 'P':
            if (at(i, u"PM"))
                return hit(Std::PM, 2);
            break;
        case 'p':
            if (at(i, u"pm"))
                return hit(Std::Pm, 2);
            break;
        case '-':
            if (at(i, u"-070000"))
                return hit(Std::NumSecondsTz, 7);
            if (at(i, u"-07:00:00"))
                return hit(Std::NumColonSecondsTZ, 9);
            if (at(i, u"-0700"))
                return hit(Std::NumTZ, 5);
            if (at(i, u"-07:00"))
                return hit(Std::NumColonTZ, 6);
            if (at(i, u"-07"))
                return hit(Std::NumShortTZ, 3);
            break;
        case 'Z':
            if (at(i, u"Z070000"))
                return hit(Std::ISO8601SecondsTZ, 7);
            if (at(i, u"Z07:00:00"))
                return hit(Std::ISO8601ColonSecondsTZ, 9);
            if (at(i, u"Z0700"))
                return hit(Std::ISO8601TZ, 5);
            if (at(i, u"Z07:00"))
                return hit(Std::ISO8601ColonTZ, 6);
            if (at(i, u"Z07"))
                return hit(Std::ISO8601ShortTZ, 3);
            break;
        case '.':
        case ',':
            if (i + 1 < layout.size() && (layout[i + 1] == QLatin1Char('0') || layout[i + 1] == QLatin1Char('9'))) {
                const QChar ch = layout[i + 1];
                qsizetype j = i + 1;
                while (j < layout.size() && layout[j] == ch)
                    ++j;
                if (!isDigitAt(layout, j))
                    return Chunk{i, ch == QLatin1Char('0') ? Std::FracSecond0 : Std::FracSecond9, j, int(j - (i + 1)),
                                 layout[i]};
            }
            break;
        default:
            break;
        }
    }
    return Chunk{layout.size(), Std::None, layout.size(), 0, {}};
}

QString padInt(std::int64_t v, int width)
{
    QString digits = QString::number(v < 0 ? -v : v);
    if (digits.size() < width)
        digits.prepend(QString(width - digits.size(), QLatin1Char('0')));
    return v < 0 ? QLatin1Char('-') + digits : digits;
}

// Go's getnum: one or two digits; exactly two when `fixed`.
bool getNum(QStringView& value, bool fixed, int& out)
{
    if (!isDigitAt(value, 0))
        return false;
    if (!isDigitAt(value, 1)) {
        if (fixed)
            return false;
        out = value[0].unicode() - '0';
        value = value.mid(1);
        return true;
    }
    out = (value[0].unicode() - '0') * 10 + (value[1].unicode() - '0');
    value = value.mid(2);
    return true;
}

bool getNum3(QStringView& value, bool fixed, int& out)
{
    int n = 0, i = 0;
    for (; i < 3 && isDigitAt(value, i); ++i)
        n = n * 10 + (value[i].unicode() - '0');
    if (i == 0 || (fixed && i != 3))
        return false;
    out = n;
    value = value.mid(i);
    return true;
}

// Case-insensitive (ASCII) prefix lookup of a name table, as Go's lookup().
int lookupName(const char* const* names, int count, int length, QStringView& value)
{
    for (int k = 0; k < count; ++k) {
        const QString name = length > 0 ? QString::fromLatin1(names[k]).left(length) : QString::fromLatin1(names[k]);
        if (value.size() >= name.size() && value.left(name.size()).compare(name, Qt::CaseInsensitive) == 0) {
            value = value.mid(name.size());
            return k;
        }
    }
    return -1;
}

std::int32_t parseNanos(QStringView digits)
{
    // Go keeps nine digits and drops the rest.
    std::int64_t ns = 0;
    int i = 0;
    for (; i < digits.size() && i < 9; ++i)
        ns = ns * 10 + (digits[i].unicode() - '0');
    for (; i < 9; ++i)
        ns *= 10;
    return std::int32_t(ns);
}

int zoneAbbreviationLength(QStringView value)
{
    if (value.size() < 3)
        return 0;
    if (value.startsWith(u"ChST") || value.startsWith(u"MeST"))
        return 4;
    int n = 0;
    while (n < value.size() && value[n] >= QLatin1Char('A') && value[n] <= QLatin1Char('Z'))
        ++n;
    if (n == 3)
        return 3;
    if ((n == 4 || n == 5) && value[n - 1] == QLatin1Char('T'))
        return n;
    return 0;
}

} // namespace

GoInstant GoInstant::fromUnixNanos(std::int64_t ns)
{
    return GoInstant{floorDiv(ns, 1000000000), std::int32_t(floorMod(ns, 1000000000))};
}

Result<std::int64_t> GoInstant::toUnixNanos() const
{
    const __int128 total = __int128(seconds) * 1000000000 + nanos;
    if (total < std::numeric_limits<std::int64_t>::min() || total > std::numeric_limits<std::int64_t>::max())
        return makeError(QStringLiteral("time.range"), QStringLiteral("time outside of valid range"));
    return std::int64_t(total);
}

GoZone GoZone::utc()
{
    return GoZone();
}

GoZone GoZone::fixed(int offsetSeconds, QString abbreviation)
{
    GoZone z;
    z.m_kind = Kind::Fixed;
    z.m_offset = offsetSeconds;
    z.m_name = std::move(abbreviation);
    return z;
}

Result<GoZone> GoZone::load(const QString& name)
{
    if (name.isEmpty() || name == QLatin1String("UTC"))
        return utc();
    GoZone z;
    z.m_kind = Kind::Named;
    z.m_name = name;
    if (name == QLatin1String("Local")) {
        z.m_zone = QTimeZone::systemTimeZone();
        return z;
    }
    // QTimeZone construction scans tzdata; cache the zones evaluations ask for.
    static QMutex mutex;
    static QHash<QString, QTimeZone> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.find(name);
    if (it == cache.end()) {
        QTimeZone tz(name.toUtf8());
        if (!tz.isValid())
            return makeError(QStringLiteral("time.zone"), QStringLiteral("unknown time zone %1").arg(name));
        it = cache.insert(name, tz);
    }
    z.m_zone = *it;
    return z;
}

int GoZone::offsetAt(std::int64_t unixSeconds) const
{
    switch (m_kind) {
    case Kind::Utc:
        return 0;
    case Kind::Fixed:
        return m_offset;
    case Kind::Named:
        return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC));
    }
    return 0;
}

QString GoZone::abbreviationAt(std::int64_t unixSeconds) const
{
    switch (m_kind) {
    case Kind::Utc:
        return QStringLiteral("UTC");
    case Kind::Fixed:
        return m_name;
    case Kind::Named:
        return m_zone.abbreviation(QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC));
    }
    return {};
}

GoCivil toCivil(const GoInstant& t, const GoZone& zone)
{
    GoCivil c;
    c.offset = zone.offsetAt(t.seconds);
    c.abbreviation = zone.abbreviationAt(t.seconds);
    const std::int64_t local = t.seconds + c.offset;
    const std::int64_t days = floorDiv(local, kSecondsPerDay);
    const std::int64_t secs = local - days * kSecondsPerDay;
    civilFromDays(days, c.year, c.month, c.day);
    c.hour = int(secs / 3600);
    c.minute = int(secs / 60 % 60);
    c.second = int(secs % 60);
    c.nanos = t.nanos;
    c.weekday = int(floorMod(days + 4, 7));
    c.yearDay = int(days - daysFromCivil(c.year, 1, 1) + 1);
    return c;
}

GoInstant fromCivil(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t minute,
                    std::int64_t second, std::int64_t nanos, const GoZone& zone)
{
    // Normalise month into [1, 12], nanoseconds into seconds, the clock into days.
    const std::int64_t m0 = month - 1;
    year += floorDiv(m0, 12);
    const int m = int(floorMod(m0, 12)) + 1;
    second += floorDiv(nanos, 1000000000);
    const std::int32_t ns = std::int32_t(floorMod(nanos, 1000000000));
    const std::int64_t clock = hour * 3600 + minute * 60 + second;
    const std::int64_t days = daysFromCivil(year, m, 1) + (day - 1) + floorDiv(clock, kSecondsPerDay);
    std::int64_t unix = days * kSecondsPerDay + floorMod(clock, kSecondsPerDay);
    // The wall time is local: find the offset in force at the resulting instant (Go's rule
    // for times that fall into a transition).
    if (const int guess = zone.offsetAt(unix); guess != 0)
        unix -= zone.offsetAt(unix - guess);
    return GoInstant{unix, ns};
}

QString weekdayName(int weekday)
{
    return QString::fromLatin1(kDays[((weekday % 7) + 7) % 7]);
}

QString monthName(int month)
{
    return QString::fromLatin1(kMonths[(month - 1) % 12]);
}

QString resolveLayoutName(const QString& layout)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("ANSIC"), QStringLiteral("Mon Jan _2 15:04:05 2006")},
        {QStringLiteral("UnixDate"), QStringLiteral("Mon Jan _2 15:04:05 MST 2006")},
        {QStringLiteral("RubyDate"), QStringLiteral("Mon Jan 02 15:04:05 -0700 2006")},
        {QStringLiteral("RFC822"), QStringLiteral("02 Jan 06 15:04 MST")},
        {QStringLiteral("RFC822Z"), QStringLiteral("02 Jan 06 15:04 -0700")},
        {QStringLiteral("RFC850"), QStringLiteral("Monday, 02-Jan-06 15:04:05 MST")},
        {QStringLiteral("RFC1123"), QStringLiteral("Mon, 02 Jan 2006 15:04:05 MST")},
        {QStringLiteral("RFC1123Z"), QStringLiteral("Mon, 02 Jan 2006 15:04:05 -0700")},
        {QStringLiteral("RFC3339"), QStringLiteral("2006-01-02T15:04:05Z07:00")},
        {QStringLiteral("RFC3339Nano"), QStringLiteral("2006-01-02T15:04:05.999999999Z07:00")},
    };
    return names.value(layout, layout);
}

Result<GoInstant> goParseTime(const QString& layoutText, const QString& valueText)
{
    const QStringView layout(layoutText);
    QStringView value(valueText);
    const auto cannotParse = [&](QStringView valueElem, QStringView layoutElem) {
        return makeError(QStringLiteral("time.parse"),
                         QStringLiteral("parsing time \"%1\" as \"%2\": cannot parse \"%3\" as \"%4\"")
                             .arg(valueText, layoutText, valueElem.toString(), layoutElem.toString()));
    };
    const auto outOfRange = [&](const QString& what) {
        return makeError(QStringLiteral("time.parse"),
                         QStringLiteral("parsing time \"%1\": %2 out of range").arg(valueText, what));
    };

    std::int64_t year = 0;
    int month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0;
    std::int32_t nanos = 0;
    bool pmSet = false, amSet = false, utcSet = false, offsetSet = false;
    int zoneOffset = 0;

    qsizetype pos = 0;
    while (true) {
        const Chunk c = nextChunk(layout, pos);
        // The literal text before the element must match (a space matches a run of spaces).
        QStringView prefix = layout.mid(pos, c.prefixEnd - pos);
        while (!prefix.isEmpty()) {
            if (prefix[0] == QLatin1Char(' ')) {
                if (!value.isEmpty() && value[0] != QLatin1Char(' '))
                    return cannotParse(value, prefix);
                while (!prefix.isEmpty() && prefix[0] == QLatin1Char(' '))
                    prefix = prefix.mid(1);
                while (!value.isEmpty() && value[0] == QLatin1Char(' '))
                    value = value.mid(1);
                continue;
            }
            if (value.isEmpty() || value[0] != prefix[0])
                return cannotParse(value, prefix);
            prefix = prefix.mid(1);
            value = value.mid(1);
        }
        if (c.std == Std::None) {
            if (!value.isEmpty())
                return makeError(
                    QStringLiteral("time.parse"),
                    QStringLiteral("parsing time \"%1\": extra text: \"%2\"").arg(valueText, value.toString()));
            break;
        }
        const QStringView stdText = layout.mid(c.prefixEnd, c.stdEnd - c.prefixEnd);
        pos = c.stdEnd;
        const QStringView before = value;
        bool ok = true;
        QString range;
        switch (c.std) {
        case Std::Year:
            if (value.size() < 2 || !isDigitAt(value, 0) || !isDigitAt(value, 1)) {
                ok = false;
                break;
            }
            year = (value[0].unicode() - '0') * 10 + (value[1].unicode() - '0');
            year += year >= 69 ? 1900 : 2000;
            value = value.mid(2);
            break;
        case Std::LongYear:
            if (value.size() < 4 || !isDigitAt(value, 0) || !isDigitAt(value, 1) || !isDigitAt(value, 2) ||
                !isDigitAt(value, 3)) {
                ok = false;
                break;
            }
            year = value.left(4).toInt();
            value = value.mid(4);
            break;
        case Std::Month:
        case Std::LongMonth: {
            const int k = lookupName(kMonths, 12, c.std == Std::Month ? 3 : 0, value);
            ok = k >= 0;
            month = k + 1;
            break;
        }
        case Std::NumMonth:
        case Std::ZeroMonth:
            ok = getNum(value, c.std == Std::ZeroMonth, month);
            if (ok && (month <= 0 || month > 12))
                range = QStringLiteral("month");
            break;
        case Std::WeekDay:
        case Std::LongWeekDay:
            ok = lookupName(kDays, 7, c.std == Std::WeekDay ? 3 : 0, value) >= 0;
            break;
        case Std::Day:
        case Std::UnderDay:
        case Std::ZeroDay:
            if (c.std == Std::UnderDay && !value.isEmpty() && value[0] == QLatin1Char(' '))
                value = value.mid(1);
            ok = getNum(value, c.std == Std::ZeroDay, day);
            break;
        case Std::UnderYearDay:
        case Std::ZeroYearDay:
            for (int k = 0; k < 2 && c.std == Std::UnderYearDay && !value.isEmpty() && value[0] == QLatin1Char(' ');
                 ++k)
                value = value.mid(1);
            ok = getNum3(value, c.std == Std::ZeroYearDay, yday);
            if (ok && (yday < 1 || yday > 366))
                range = QStringLiteral("day-of-year");
            break;
        case Std::Hour:
            ok = getNum(value, false, hour);
            if (ok && (hour < 0 || hour >= 24))
                range = QStringLiteral("hour");
            break;
        case Std::Hour12:
        case Std::ZeroHour12:
            ok = getNum(value, c.std == Std::ZeroHour12, hour);
            if (ok && (hour < 0 || hour > 12))
                range = QStringLiteral("hour");
            break;
        case Std::Minute:
        case Std::ZeroMinute:
            ok = getNum(value, c.std == Std::ZeroMinute, minute);
            if (ok && (minute < 0 || minute >= 60))
                range = QStringLiteral("minute");
            break;
        case Std::Second:
        case Std::ZeroSecond: {
            ok = getNum(value, c.std == Std::ZeroSecond, second);
            if (!ok)
                break;
            if (second < 0 || second >= 60) {
                range = QStringLiteral("second");
                break;
            }
            // A fractional second may follow even when the layout has none.
            if (value.size() >= 2 && (value[0] == QLatin1Char('.') || value[0] == QLatin1Char(',')) &&
                isDigitAt(value, 1)) {
                const Chunk next = nextChunk(layout, pos);
                if (next.prefixEnd == pos && (next.std == Std::FracSecond0 || next.std == Std::FracSecond9))
                    break;
                qsizetype n = 1;
                while (isDigitAt(value, n))
                    ++n;
                nanos = parseNanos(value.mid(1, n - 1));
                value = value.mid(n);
            }
            break;
        }
        case Std::PM:
        case Std::Pm: {
            if (value.size() < 2) {
                ok = false;
                break;
            }
            const QString p = value.left(2).toString();
            if (p == (c.std == Std::PM ? QLatin1String("PM") : QLatin1String("pm")))
                pmSet = true;
            else if (p == (c.std == Std::PM ? QLatin1String("AM") : QLatin1String("am")))
                amSet = true;
            else
                ok = false;
            if (ok)
                value = value.mid(2);
            break;
        }
        case Std::ISO8601TZ:
        case Std::ISO8601ColonTZ:
        case Std::ISO8601SecondsTZ:
        case Std::ISO8601ShortTZ:
        case Std::ISO8601ColonSecondsTZ:
        case Std::NumTZ:
        case Std::NumShortTZ:
        case Std::NumColonTZ:
        case Std::NumSecondsTz:
        case Std::NumColonSecondsTZ: {
            const bool iso = c.std == Std::ISO8601TZ || c.std == Std::ISO8601ColonTZ ||
                             c.std == Std::ISO8601SecondsTZ || c.std == Std::ISO8601ShortTZ ||
                             c.std == Std::ISO8601ColonSecondsTZ;
            if (iso && !value.isEmpty() && value[0] == QLatin1Char('Z')) {
                value = value.mid(1);
                utcSet = true;
                break;
            }
            QStringView sign, hh, mm = u"00", ss = u"00";
            if (c.std == Std::ISO8601ColonTZ || c.std == Std::NumColonTZ) {
                if (value.size() < 6 || value[3] != QLatin1Char(':')) {
                    ok = false;
                    break;
                }
                sign = value.left(1), hh = value.mid(1, 2), mm = value.mid(4, 2);
                value = value.mid(6);
            } else if (c.std == Std::NumShortTZ || c.std == Std::ISO8601ShortTZ) {
                if (value.size() < 3) {
                    ok = false;
                    break;
                }
                sign = value.left(1), hh = value.mid(1, 2);
                value = value.mid(3);
            } else if (c.std == Std::ISO8601ColonSecondsTZ || c.std == Std::NumColonSecondsTZ) {
                if (value.size() < 9 || value[3] != QLatin1Char(':') || value[6] != QLatin1Char(':')) {
                    ok = false;
                    break;
                }
                sign = value.left(1), hh = value.mid(1, 2), mm = value.mid(4, 2), ss = value.mid(7, 2);
                value = value.mid(9);
            } else if (c.std == Std::ISO8601SecondsTZ || c.std == Std::NumSecondsTz) {
                if (value.size() < 7) {
                    ok = false;
                    break;
                }
                sign = value.left(1), hh = value.mid(1, 2), mm = value.mid(3, 2), ss = value.mid(5, 2);
                value = value.mid(7);
            } else {
                if (value.size() < 5) {
                    ok = false;
                    break;
                }
                sign = value.left(1), hh = value.mid(1, 2), mm = value.mid(3, 2);
                value = value.mid(5);
            }
            int h = 0, m = 0, s = 0;
            QStringView hv = hh, mv = mm, sv = ss;
            ok = getNum(hv, true, h) && getNum(mv, true, m) && getNum(sv, true, s);
            if (!ok)
                break;
            if (h > 24)
                range = QStringLiteral("time zone offset hour");
            else if (m > 60)
                range = QStringLiteral("time zone offset minute");
            else if (s > 60)
                range = QStringLiteral("time zone offset second");
            zoneOffset = (h * 60 + m) * 60 + s;
            if (sign == u"-")
                zoneOffset = -zoneOffset;
            else if (sign != u"+")
                ok = false;
            offsetSet = true;
            break;
        }
        case Std::TZ: {
            if (value.startsWith(u"UTC")) {
                value = value.mid(3);
                utcSet = true;
                break;
            }
            if (value.startsWith(u"GMT")) {
                // GMT, optionally followed by a signed hour offset.
                value = value.mid(3);
                if (!value.isEmpty() && (value[0] == QLatin1Char('+') || value[0] == QLatin1Char('-'))) {
                    const bool neg = value[0] == QLatin1Char('-');
                    qsizetype n = 1;
                    int h = 0;
                    while (isDigitAt(value, n) && n < 3)
                        h = h * 10 + (value[n++].unicode() - '0');
                    if (n == 1) {
                        ok = false;
                        break;
                    }
                    value = value.mid(n);
                    zoneOffset = (neg ? -h : h) * 3600;
                    offsetSet = true;
                } else {
                    utcSet = true;
                }
                break;
            }
            // An unknown abbreviation is recorded with a zero offset, as Go does.
            const int n = zoneAbbreviationLength(value);
            ok = n > 0;
            value = value.mid(n);
            break;
        }
        case Std::FracSecond0: {
            const int ndigit = 1 + c.fracDigits;
            if (value.size() < ndigit || value[0] != c.fracSeparator) {
                ok = false;
                break;
            }
            for (int k = 1; k < ndigit; ++k)
                if (!isDigitAt(value, k))
                    ok = false;
            if (!ok)
                break;
            nanos = parseNanos(value.mid(1, ndigit - 1));
            value = value.mid(ndigit);
            break;
        }
        case Std::FracSecond9: {
            if (value.size() < 2 || (value[0] != QLatin1Char('.') && value[0] != QLatin1Char(',')) ||
                !isDigitAt(value, 1))
                break; // the fraction may be omitted
            qsizetype n = 1;
            while (isDigitAt(value, n))
                ++n;
            nanos = parseNanos(value.mid(1, n - 1));
            value = value.mid(n);
            break;
        }
        case Std::None:
            break;
        }
        if (!range.isEmpty())
            return outOfRange(range);
        if (!ok)
            return cannotParse(before, stdText);
    }

    if (pmSet && hour < 12)
        hour += 12;
    else if (amSet && hour == 12)
        hour = 0;
    if (yday >= 0) {
        if (month < 0 && day < 0) {
            std::int64_t y = 0;
            civilFromDays(daysFromCivil(year, 1, 1) + yday - 1, y, month, day);
            if (y != year)
                return outOfRange(QStringLiteral("day-of-year"));
        }
    }
    if (month < 0)
        month = 1;
    if (day < 0)
        day = 1;
    if (day < 1 || day > daysIn(month, year))
        return makeError(QStringLiteral("time.parse"),
                         QStringLiteral("parsing time \"%1\": day out of range").arg(valueText));

    GoInstant t = fromCivil(year, month, day, hour, minute, second, nanos, GoZone::utc());
    if (offsetSet && !utcSet)
        t.seconds -= zoneOffset;
    return t;
}

QString goFormatTime(const GoInstant& t, const GoZone& zone, const QString& layoutText)
{
    const QStringView layout(layoutText);
    const GoCivil c = toCivil(t, zone);
    QString out;
    qsizetype pos = 0;
    while (pos < layout.size()) {
        const Chunk ch = nextChunk(layout, pos);
        out += layout.mid(pos, ch.prefixEnd - pos);
        if (ch.std == Std::None)
            break;
        pos = ch.stdEnd;
        switch (ch.std) {
        case Std::Year:
            out += padInt(floorMod(c.year, 100), 2);
            break;
        case Std::LongYear:
            out += padInt(c.year, 4);
            break;
        case Std::Month:
            out += monthName(c.month).left(3);
            break;
        case Std::LongMonth:
            out += monthName(c.month);
            break;
        case Std::NumMonth:
            out += QString::number(c.month);
            break;
        case Std::ZeroMonth:
            out += padInt(c.month, 2);
            break;
        case Std::WeekDay:
            out += weekdayName(c.weekday).left(3);
            break;
        case Std::LongWeekDay:
            out += weekdayName(c.weekday);
            break;
        case Std::Day:
            out += QString::number(c.day);
            break;
        case Std::UnderDay:
            out += (c.day < 10 ? QStringLiteral(" ") : QString()) + QString::number(c.day);
            break;
        case Std::ZeroDay:
            out += padInt(c.day, 2);
            break;
        case Std::UnderYearDay:
            out += QString::number(c.yearDay).rightJustified(3, QLatin1Char(' '));
            break;
        case Std::ZeroYearDay:
            out += padInt(c.yearDay, 3);
            break;
        case Std::Hour:
            out += padInt(c.hour, 2);
            break;
        case Std::Hour12:
        case Std::ZeroHour12: {
            const int h = c.hour % 12 == 0 ? 12 : c.hour % 12;
            out += ch.std == Std::Hour12 ? QString::number(h) : padInt(h, 2);
            break;
        }
        case Std::Minute:
            out += QString::number(c.minute);
            break;
        case Std::ZeroMinute:
            out += padInt(c.minute, 2);
            break;
        case Std::Second:
            out += QString::number(c.second);
            break;
        case Std::ZeroSecond:
            out += padInt(c.second, 2);
            break;
        case Std::PM:
            out += c.hour >= 12 ? QStringLiteral("PM") : QStringLiteral("AM");
            break;
        case Std::Pm:
            out += c.hour >= 12 ? QStringLiteral("pm") : QStringLiteral("am");
            break;
        case Std::TZ:
            if (!c.abbreviation.isEmpty()) {
                out += c.abbreviation;
                break;
            }
            [[fallthrough]];
        case Std::ISO8601TZ:
        case Std::ISO8601ColonTZ:
        case Std::ISO8601SecondsTZ:
        case Std::ISO8601ShortTZ:
        case Std::ISO8601ColonSecondsTZ:
        case Std::NumTZ:
        case Std::NumShortTZ:
        case Std::NumColonTZ:
        case Std::NumSecondsTz:
        case Std::NumColonSecondsTZ: {
            const bool iso = ch.std == Std::ISO8601TZ || ch.std == Std::ISO8601ColonTZ ||
                             ch.std == Std::ISO8601SecondsTZ || ch.std == Std::ISO8601ShortTZ ||
                             ch.std == Std::ISO8601ColonSecondsTZ;
            if (iso && c.offset == 0) {
                out += QLatin1Char('Z');
                break;
            }
            const int abs = c.offset < 0 ? -c.offset : c.offset;
            out += c.offset < 0 ? QLatin1Char('-') : QLatin1Char('+');
            out += padInt(abs / 3600, 2);
            const bool colon = ch.std == Std::ISO8601ColonTZ || ch.std == Std::NumColonTZ ||
                               ch.std == Std::ISO8601ColonSecondsTZ || ch.std == Std::NumColonSecondsTZ;
            if (colon)
                out += QLatin1Char(':');
            if (ch.std != Std::NumShortTZ && ch.std != Std::ISO8601ShortTZ)
                out += padInt(abs / 60 % 60, 2);
            if (ch.std == Std::ISO8601SecondsTZ || ch.std == Std::NumSecondsTz || ch.std == Std::NumColonSecondsTZ ||
                ch.std == Std::ISO8601ColonSecondsTZ) {
                if (colon)
                    out += QLatin1Char(':');
                out += padInt(abs % 60, 2);
            }
            break;
        }
        case Std::FracSecond0:
        case Std::FracSecond9: {
            const bool trim = ch.std == Std::FracSecond9;
            if (trim && (ch.fracDigits == 0 || c.nanos == 0))
                break;
            QString digits = padInt(c.nanos, 9).left(std::min(ch.fracDigits, 9));
            if (trim)
                while (digits.endsWith(QLatin1Char('0')))
                    digits.chop(1);
            if (!digits.isEmpty() || !trim)
                out += ch.fracSeparator + digits;
            break;
        }
        case Std::None:
            break;
        }
    }
    return out;
}

Result<std::int64_t> goParseDuration(const QString& orig)
{
    const auto invalid = [&] {
        return makeError(QStringLiteral("time.duration"), QStringLiteral("time: invalid duration \"%1\"").arg(orig));
    };
    QStringView s(orig);
    bool neg = false;
    if (!s.isEmpty() && (s[0] == QLatin1Char('-') || s[0] == QLatin1Char('+'))) {
        neg = s[0] == QLatin1Char('-');
        s = s.mid(1);
    }
    if (s == u"0")
        return std::int64_t(0);
    if (s.isEmpty())
        return invalid();
    constexpr std::uint64_t kLimit = std::uint64_t(1) << 63;
    std::uint64_t d = 0;
    while (!s.isEmpty()) {
        if (!(s[0] == QLatin1Char('.') || isDigitAt(s, 0)))
            return invalid();
        std::uint64_t v = 0;
        qsizetype i = 0;
        for (; isDigitAt(s, i); ++i) {
            if (v > kLimit / 10)
                return invalid();
            v = v * 10 + (s[i].unicode() - '0');
            if (v > kLimit)
                return invalid();
        }
        const bool pre = i > 0;
        s = s.mid(i);
        std::uint64_t f = 0;
        double scale = 1;
        bool post = false;
        if (!s.isEmpty() && s[0] == QLatin1Char('.')) {
            s = s.mid(1);
            qsizetype j = 0;
            bool overflow = false;
            for (; isDigitAt(s, j); ++j) {
                if (overflow)
                    continue;
                if (f > (kLimit - 1) / 10) {
                    overflow = true;
                    continue;
                }
                f = f * 10 + (s[j].unicode() - '0');
                scale *= 10;
            }
            post = j > 0;
            s = s.mid(j);
        }
        if (!pre && !post)
            return invalid();
        qsizetype u = 0;
        while (u < s.size() && s[u] != QLatin1Char('.') && !isDigitAt(s, u))
            ++u;
        if (u == 0)
            return makeError(QStringLiteral("time.duration"),
                             QStringLiteral("time: missing unit in duration \"%1\"").arg(orig));
        const QString unitText = s.left(u).toString();
        s = s.mid(u);
        static const QHash<QString, std::uint64_t> units = {
            {QStringLiteral("ns"), 1},
            {QStringLiteral("us"), 1000},
            {QString::fromUtf8("\u00b5s"), 1000},
            {QString::fromUtf8("\u03bcs"), 1000},
            {QStringLiteral("ms"), 1000000},
            {QStringLiteral("s"), 1000000000},
            {QStringLiteral("m"), 60ull * 1000000000},
            {QStringLiteral("h"), 3600ull * 1000000000},
        };
        const auto it = units.find(unitText);
        if (it == units.end())
            return makeError(QStringLiteral("time.duration"),
                             QStringLiteral("time: unknown unit \"%1\" in duration \"%2\"").arg(unitText, orig));
        const std::uint64_t unit = *it;
        if (v > kLimit / unit)
            return invalid();
        v *= unit;
        if (f > 0) {
            v += std::uint64_t(double(f) * (double(unit) / scale));
            if (v > kLimit)
                return invalid();
        }
        d += v;
        if (d > kLimit)
            return invalid();
    }
    if (neg)
        return d == kLimit ? std::numeric_limits<std::int64_t>::min() : -std::int64_t(d);
    if (d > kLimit - 1)
        return invalid();
    return std::int64_t(d);
}

GoInstant goAddDate(const GoInstant& t, const GoZone& zone, std::int64_t years, std::int64_t months, std::int64_t days)
{
    const GoCivil c = toCivil(t, zone);
    return fromCivil(c.year + years, c.month + months, c.day + days, c.hour, c.minute, c.second, c.nanos, zone);
}

std::array<std::int64_t, 6> goTimeDiff(const GoInstant& a, const GoInstant& b, const GoZone& zone)
{
    GoInstant t1 = a, t2 = b;
    if (t1.seconds > t2.seconds || (t1.seconds == t2.seconds && t1.nanos > t2.nanos))
        std::swap(t1, t2);
    const GoCivil c1 = toCivil(t1, zone);
    const GoCivil c2 = toCivil(t2, zone);
    std::int64_t year = c2.year - c1.year;
    std::int64_t month = c2.month - c1.month;
    std::int64_t day = c2.day - c1.day;
    std::int64_t hour = c2.hour - c1.hour;
    std::int64_t min = c2.minute - c1.minute;
    std::int64_t sec = c2.second - c1.second;
    if (sec < 0) {
        sec += 60;
        --min;
    }
    if (min < 0) {
        min += 60;
        --hour;
    }
    if (hour < 0) {
        hour += 24;
        --day;
    }
    if (day < 0) {
        day += daysIn(c1.month, c1.year);
        --month;
    }
    if (month < 0) {
        month += 12;
        --year;
    }
    return {year, month, day, hour, min, sec};
}

} // namespace corral::policy::builtins
