// SPDX-License-Identifier: Apache-2.0
#include "RetryPolicy.h"

#include <QLocale>
#include <QString>
#include <algorithm>

namespace corral::models {

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
}

std::optional<qint64> RetryPolicy::parseRetryAfter(QByteArrayView value, const QDateTime& now)
{
    const QString text = QString::fromLatin1(value).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(std::min<qlonglong>(seconds, 1LL << 40) * 1000);
    // RFC 9110 section 5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms. The
    // day name is dropped (Qt would check it against a two-digit year's century); month
    // names are English whatever the locale.
    static const QStringList formats{QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'"),
                                     QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'"), QStringLiteral("MMM d HH:mm:ss yyyy")};
    const qsizetype comma = text.indexOf(QLatin1Char(','));
    QString dateText = comma > 0 ? text.mid(comma + 1) : text.section(QLatin1Char(' '), 1);
    dateText = dateText.simplified(); // asctime pads one-digit days with a space
    for (const QString& format : formats) {
        const QDateTime parsed = QLocale::c().toDateTime(dateText, format);
        if (!parsed.isValid())
            continue;
        QDate date = parsed.date();
        if (format.contains(QStringLiteral("-yy ")) && date.year() < 1970) // RFC 850's two-digit years
            date = date.addYears(100);
        return std::max<qint64>(0, now.msecsTo(QDateTime(date, parsed.time(), Qt::UTC)));
    }
    return std::nullopt;
}

std::optional<qint64> RetryPolicy::delayMs(int retry, std::optional<qint64> retryAfterMs, double jitter) const
{
    if (retryAfterMs) {
        if (*retryAfterMs > m_settings.retryAfterMaxMs)
            return std::nullopt;
        return *retryAfterMs;
    }
    const qint64 exponential = qint64(m_settings.backoffBaseMs) << std::clamp(retry, 0, 30);
    const qint64 capped = std::min<qint64>(exponential, m_settings.backoffMaxMs);
    return qint64(double(capped) * (0.5 + std::clamp(jitter, 0.0, 1.0) / 2));
}

} // namespace corral::models
