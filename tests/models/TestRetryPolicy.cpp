// SPDX-License-Identifier: Apache-2.0
// Retry decisions: which statuses are retried, Retry-After in seconds and as HTTP dates,
// exponential backoff with jitter and its caps.
#include "models/RetryPolicy.h"

#include <QTest>

using namespace corral::models;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryableStatuses()
    {
        for (int status : {408, 429, 500, 502, 503, 504, 529})
            QVERIFY2(RetryPolicy::isRetryableStatus(status), qPrintable(QString::number(status)));
        for (int status : {200, 301, 400, 401, 403, 404, 413, 422, 501, 505})
            QVERIFY2(!RetryPolicy::isRetryableStatus(status), qPrintable(QString::number(status)));
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected"); // -1: not understood
        QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray(" 7 ") << qint64(7000);
        QTest::newRow("imf-fixdate") << QByteArray("Wed, 25 Nov 2026 21:00:30 GMT") << qint64(30000);
        QTest::newRow("rfc850") << QByteArray("Wednesday, 25-Nov-26 21:01:00 GMT") << qint64(60000);
        QTest::newRow("asctime") << QByteArray("Wed Nov 25 21:00:05 2026") << qint64(5000);
        QTest::newRow("asctime padded day") << QByteArray("Sun Nov  1 21:00:00 2026") << qint64(0);
        QTest::newRow("past date") << QByteArray("Wed, 25 Nov 2026 20:59:00 GMT") << qint64(0);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("empty") << QByteArray("") << qint64(-1);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        const QDateTime now(QDate(2026, 11, 25), QTime(21, 0, 0), Qt::UTC);
        const auto parsed = RetryPolicy::parseRetryAfter(value, now);
        QCOMPARE(parsed.value_or(-1), expected);
    }

    void backoff()
    {
        HttpSettings s;
        s.backoffBaseMs = 500;
        s.backoffMaxMs = 20000;
        s.retryAfterMaxMs = 60000;
        const RetryPolicy policy(s);
        // Jitter scales the exponential delay into [half, whole).
        QCOMPARE(policy.delayMs(0, std::nullopt, 0.0).value(), qint64(250));
        QCOMPARE(policy.delayMs(0, std::nullopt, 0.999).value(), qint64(499));
        QCOMPARE(policy.delayMs(1, std::nullopt, 0.0).value(), qint64(500));
        QCOMPARE(policy.delayMs(3, std::nullopt, 0.0).value(), qint64(2000));
        QCOMPARE(policy.delayMs(10, std::nullopt, 0.0).value(), qint64(10000)); // capped at backoffMax
        QCOMPARE(policy.delayMs(100, std::nullopt, 0.999).value(), qint64(19990));
        // The server's Retry-After is taken as it is, up to the limit.
        QCOMPARE(policy.delayMs(0, qint64(3000), 0.5).value(), qint64(3000));
        QCOMPARE(policy.delayMs(2, qint64(60000), 0.5).value(), qint64(60000));
        QVERIFY(!policy.delayMs(0, qint64(60001), 0.5).has_value());
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "TestRetryPolicy.moc"
