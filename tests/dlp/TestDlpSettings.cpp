// SPDX-License-Identifier: Apache-2.0
// DlpSettings from bundle data: defaults, each member, and the exact errors for bad input.
#include "dlp/DlpSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace corral;
using namespace corral::dlp;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestDlpSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void members();
    void errors_data();
    void errors();
};

void TestDlpSettings::defaults()
{
    const DlpSettings s;
    for (int i = 0; i < kEntityTypeCount; ++i) {
        QCOMPARE(s.isEnabled(EntityType(i)), EntityType(i) != EntityType::Url);
        QCOMPARE(s.thresholdFor(EntityType(i)), DlpSettings::kDefaultThreshold);
    }
    const Result<DlpSettings> empty = DlpSettings::fromJson({});
    QVERIFY(empty.ok());
    QCOMPARE(empty->enabled, s.enabled);
    QCOMPARE(empty->phoneRegions, s.phoneRegions);
}

void TestDlpSettings::members()
{
    const Result<DlpSettings> s = DlpSettings::fromJson(
        json(R"({"enabled": ["EMAIL", "CREDIT_CARD", "URL"], "disabled": ["URL"], "default_threshold": 0.7,
                 "thresholds": {"CREDIT_CARD": 0.9}, "phone_regions": ["CH"], "context_window": 32,
                 "context_boost": 0.2})"));
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    QVERIFY(s->isEnabled(EntityType::Email));
    QVERIFY(s->isEnabled(EntityType::CreditCard));
    QVERIFY(!s->isEnabled(EntityType::Url));
    QVERIFY(!s->isEnabled(EntityType::Phone));
    QCOMPARE(s->thresholdFor(EntityType::Email), 0.7);
    QCOMPARE(s->thresholdFor(EntityType::CreditCard), 0.9);
    QCOMPARE(s->phoneRegions, QStringList{QStringLiteral("CH")});
    QCOMPARE(s->contextWindow, 32);
    QCOMPARE(s->contextBoost, 0.2);
}

void TestDlpSettings::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown type") << QByteArray(R"({"enabled": ["EMAIL", "PASSPORT"]})")
                                  << QStringLiteral("\"enabled\": unknown type PASSPORT");
    QTest::newRow("enabled not array") << QByteArray(R"({"enabled": "EMAIL"})")
                                       << QStringLiteral("\"enabled\" must be an array of type names");
    QTest::newRow("threshold range") << QByteArray(R"({"thresholds": {"EMAIL": 1.5}})")
                                     << QStringLiteral("\"thresholds\".EMAIL must be a number from 0 to 1");
    QTest::newRow("threshold type") << QByteArray(R"({"thresholds": {"IBAN_X": 0.5}})")
                                    << QStringLiteral("\"thresholds\": unknown type IBAN_X");
    QTest::newRow("default threshold") << QByteArray(R"({"default_threshold": "high"})")
                                       << QStringLiteral("\"default_threshold\" must be a number from 0 to 1");
    QTest::newRow("region") << QByteArray(R"({"phone_regions": ["usa"]})")
                            << QStringLiteral("\"phone_regions\": not a region code: usa");
    QTest::newRow("window") << QByteArray(R"({"context_window": 2.5})")
                            << QStringLiteral("\"context_window\" must be an integer from 0 to 1024");
}

void TestDlpSettings::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const Result<DlpSettings> s = DlpSettings::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, QStringLiteral("dlp.settings"));
    QCOMPARE(s.error().message, message);
}

QTEST_GUILESS_MAIN(TestDlpSettings)
#include "TestDlpSettings.moc"
