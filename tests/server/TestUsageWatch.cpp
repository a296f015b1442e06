// SPDX-License-Identifier: Apache-2.0
// The server's quota alert: usage recomputed from uploaded model.called records against the
// latest bundle's presets, through the real ingest endpoint. Over the limit raises exactly
// one "quota" alert per device and day; under it, none; an approved app gets production's.
#include "ServerTestSupport.h"
#include "UsageWatch.h"
#include "bundle/BundleArchive.h"
#include "bundle/BundleSignature.h"

#include <QTest>

using namespace corral;
using namespace corral::server;
using namespace corral::server::test;

namespace {

// A bundle whose presets allow 250 tokens a day per development app, 1000 in production.
QByteArray quotaBundleBody(const TestServer& server, qint64 serial)
{
    const QByteArray manifest =
        QStringLiteral(R"({"revision":"r%1","roots":["corral"],"metadata":{"serial":%1,"decision":["corral"]}})")
            .arg(serial)
            .toUtf8();
    const QByteArray policy = "package corral\n\nimport rego.v1\n\ndeny contains \"no\" if input.deny_me == true\n";
    const QByteArray data = R"({"quotas": {"development": {"tokens_per_day": 250},
                                           "production": {"tokens_per_day": 1000}}})";
    const QByteArray archive =
        bundle::writeArchive({bundle::ArchiveFile{QStringLiteral(".manifest"), manifest},
                              bundle::ArchiveFile{QStringLiteral("corral/policy.rego"), policy},
                              bundle::ArchiveFile{QStringLiteral("corral/settings/data.json"), data}});
    Result<QByteArray> sig = bundle::signBundle(organisationKey(server), archive, serial, QStringLiteral("r"));
    if (!sig)
        qFatal("%s", qPrintable(sig.error().toString()));
    return publishBody(archive, *sig);
}

QList<Alert> quotaAlerts(TestServer& server)
{
    QList<Alert> out;
    Result<QList<Alert>> all = server.data->store().alerts(true);
    if (all) {
        for (const Alert& a : *all) {
            if (a.kind == QLatin1String("quota"))
                out.append(a);
        }
    }
    return out;
}

} // namespace

class TestUsageWatch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Appends `calls` model calls of 100 tokens for `app` and uploads everything new.
    static int upload(TestServer& server, TestDevice& device, int calls, const QString& app)
    {
        const std::uint64_t from = device.log->size();
        const QByteArray cp = device.append(calls, app);
        return device
            .signedCall(server, "POST", "/v1/audit/sync",
                        TestDevice::uploadBody(cp, device.records(from, device.log->size())))
            .status;
    }

private Q_SLOTS:
    void cleanupTestCase() { TestDatabase::stop(); }

    void overLimitRaisesOneAlert()
    {
        TestServer server;
        TestDevice device(m_dir.path(), QStringLiteral("corral.test/usage-1"), 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        QCOMPARE(server.admin("POST", "/v1/bundles", quotaBundleBody(server, 3)).status, 201);

        // 200 tokens: under the limit.
        QCOMPARE(upload(server, device, 2, QStringLiteral("notes")), 200);
        QCOMPARE(quotaAlerts(server).size(), 0);
        // 300: over it.
        QCOMPARE(upload(server, device, 1, QStringLiteral("notes")), 200);
        QList<Alert> alerts = quotaAlerts(server);
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.at(0).device, device.id);
        QCOMPARE(alerts.at(0).detail,
                 QStringLiteral("the device exceeded its quota anyway: app notes (development, user alice) used 300 "
                                "tokens on 2026-01-01 (UTC), over the hard limit of 250 tokens_per_day"));
        // Further uploads the same day add no second alert, even once it is silenced.
        QCOMPARE(upload(server, device, 1, QStringLiteral("notes")), 200);
        QVERIFY(server.data->store().silenceAlert(alerts.at(0).id, server.clock.nowMs()).ok());
        QCOMPARE(upload(server, device, 1, QStringLiteral("notes")), 200);
        QCOMPARE(quotaAlerts(server).size(), 1);
        // The next day counts afresh.
        server.clock.advance(24 * 3600 * 1000);
        QCOMPARE(upload(server, device, 2, QStringLiteral("notes")), 200);
        QCOMPARE(quotaAlerts(server).size(), 1);
        QCOMPARE(upload(server, device, 1, QStringLiteral("notes")), 200);
        QCOMPARE(quotaAlerts(server).size(), 2);
    }

    // An app a reviewer approved for the device is held to the production preset.
    void approvedAppUsesProductionLimit()
    {
        TestServer server;
        TestDevice device(m_dir.path(), QStringLiteral("corral.test/usage-2"), 2, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        QCOMPARE(server.admin("POST", "/v1/bundles", quotaBundleBody(server, 3)).status, 201);
        const QByteArray request = R"({"app": "notes", "user": "alice", "reason": "team use"})";
        Reply requested = device.signedCall(server, "POST", "/v1/approvals", request);
        QCOMPARE(requested.status, 201);
        const QByteArray id = QByteArray::number(requested.json().value(QLatin1String("id")).toInteger());
        QCOMPARE(server.admin("POST", "/v1/approvals/" + id + "/decision", R"({"decision": "approve"})").status, 200);

        QCOMPARE(upload(server, device, 5, QStringLiteral("notes")), 200);
        QCOMPARE(quotaAlerts(server).size(), 0);
        QCOMPARE(upload(server, device, 6, QStringLiteral("notes")), 200);
        const QList<Alert> alerts = quotaAlerts(server);
        QCOMPARE(alerts.size(), 1);
        QVERIFY2(alerts.at(0).detail.contains(QStringLiteral("app notes (production, user alice) used 1100 tokens")),
                 qPrintable(alerts.at(0).detail));
    }

    // Without a bundle the built-in presets apply (200,000 tokens a day per development app).
    void builtInPresetsWithoutBundle()
    {
        TestServer server;
        TestDevice device(m_dir.path(), QStringLiteral("corral.test/usage-3"), 3, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);
        QCOMPARE(upload(server, device, 10, QStringLiteral("notes")), 200);
        QCOMPARE(quotaAlerts(server).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUsageWatch)
#include "TestUsageWatch.moc"
