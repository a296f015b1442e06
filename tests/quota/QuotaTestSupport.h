// SPDX-License-Identifier: Apache-2.0
// Helpers for the quota tests: a crash image of an open database, UTC instants.
#pragma once

#include <QDateTime>
#include <QFile>
#include <QString>

namespace corral::quota::test {

// Copies the database and its WAL while a connection still has them open: the copy is what
// a crash at this moment would leave on disk (no clean close, no checkpoint).
inline bool copyCrashImage(const QString& from, const QString& to)
{
    for (const char* suffix : {"", "-wal"}) {
        const QString source = from + QLatin1String(suffix);
        QFile::remove(to + QLatin1String(suffix));
        if (QFile::exists(source) && !QFile::copy(source, to + QLatin1String(suffix)))
            return false;
    }
    return true;
}

inline qint64 utcMs(const char* iso)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch();
}

} // namespace corral::quota::test
