// SPDX-License-Identifier: Apache-2.0
// The per-type summary for the policy input, type names, and code-point offset conversion.
#include "dlp/DlpScanner.h"
#include "dlp/Finding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace corral::dlp;

class TestFindingSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names();
    void summary();
    void codePointOffsets();
};

void TestFindingSummary::names()
{
    for (int i = 0; i < kEntityTypeCount; ++i)
        QCOMPARE(entityTypeFromName(entityTypeName(EntityType(i))), std::optional<EntityType>(EntityType(i)));
    QCOMPARE(entityTypeName(EntityType::UsSsn), QStringLiteral("US_SSN"));
    QCOMPARE(entityTypeFromName(u"email"), std::nullopt);
    QVERIFY(isSecretType(EntityType::ApiKey));
    QVERIFY(!isSecretType(EntityType::Email));
}

void TestFindingSummary::summary()
{
    const QByteArray text = "a@example.com, b@example.com, SSN 123-45-6789, card 4111 1111 1111 1111";
    const QList<Finding> findings = DlpScanner().scan(QByteArrayView(text));
    QCOMPARE(findings.size(), 4);
    const QJsonArray json = summaryJson(findings);
    QCOMPARE(json.size(), 3);
    // Ordered by type name; score is the highest of the type.
    QCOMPARE(json[0].toObject().value(QLatin1String("type")).toString(), QStringLiteral("CREDIT_CARD"));
    QCOMPARE(json[1].toObject().value(QLatin1String("type")).toString(), QStringLiteral("EMAIL"));
    QCOMPARE(json[1].toObject().value(QLatin1String("count")).toInt(), 2);
    QCOMPARE(json[1].toObject().value(QLatin1String("score")).toDouble(), findings[0].score);
    QCOMPARE(json[2].toObject().value(QLatin1String("type")).toString(), QStringLiteral("US_SSN"));
    QCOMPARE(json[2].toObject().keys(), (QStringList{"count", "score", "type"}));
    QCOMPARE(summaryJson({}), QJsonArray());
}

void TestFindingSummary::codePointOffsets()
{
    // "aé😀b": a=1 byte, é=2, 😀=4, b=1.
    const QByteArray text = QStringLiteral("aé😀b").toUtf8();
    QList<Finding> f(4);
    f[0].byteStart = 0;
    f[0].byteEnd = 1; // a
    f[1].byteStart = 1;
    f[1].byteEnd = 3; // é
    f[2].byteStart = 3;
    f[2].byteEnd = 8; // 😀b
    f[3].byteStart = 2;
    f[3].byteEnd = 5; // inside é .. inside 😀
    setCodePointOffsets(text, f);
    QCOMPARE(f[0].start, qsizetype(0));
    QCOMPARE(f[0].end, qsizetype(1));
    QCOMPARE(f[1].start, qsizetype(1));
    QCOMPARE(f[1].end, qsizetype(2));
    QCOMPARE(f[2].start, qsizetype(2));
    QCOMPARE(f[2].end, qsizetype(4));
    QCOMPARE(f[3].start, qsizetype(1));
    QCOMPARE(f[3].end, qsizetype(2));
}

QTEST_GUILESS_MAIN(TestFindingSummary)
#include "TestFindingSummary.moc"
