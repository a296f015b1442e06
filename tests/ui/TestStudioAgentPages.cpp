// SPDX-License-Identifier: Apache-2.0
// The Usage, Policy and Activity pages against a real agent in this process, on a temporary
// socket: after a run of sales-summarizer (its model step runs on the local offline model),
// Usage shows its tokens and the bundle's limits; Policy shows the active bundle and trust
// root and an installed bundle replaces it; Activity exports what its filters select, and a
// bad path is refused with no file left behind.
#include "ActivityPage.h"
#include "AgentConnection.h"
#include "AppsPage.h"
#include "ErrorBanner.h"
#include "PolicyPage.h"
#include "TestCli.h"
#include "UsagePage.h"
#include "agent/AgentClient.h"
#include "agent/AgentDaemon.h"
#include "bundle/BundleBuilder.h"
#include "catalog/TemplateCatalog.h"

#include <QBarSet>
#include <QChartView>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::ui;
using corral::test::writeFileCreatingFolders;

namespace {

QJsonObject withoutLeafHash(QJsonObject record)
{
    record.remove(QStringLiteral("leaf_hash"));
    return record;
}

} // namespace

class TestStudioAgentPages : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<agent::AgentDaemon> m_agent;
    std::unique_ptr<AgentConnection> m_connection;
    agent::AgentClient m_client; // what the pages should show, asked directly
    QString m_exports;

    QJsonValue call(const QString& method, const QJsonObject& params = {})
    {
        const Result<QJsonValue> result = m_client.call(method, params);
        if (!result.ok())
            qWarning("%s: %s", qPrintable(method), qPrintable(result.error().toString()));
        return result.ok() ? *result : QJsonValue();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString home = m_dir.filePath(QStringLiteral("home"));
        writeFileCreatingFolders(
            home + QStringLiteral("/Documents/Sales/week48.txt"),
            "Call with Acme Corp on Monday. Acme signed the renewal for 120 seats, a win worth 84,000 EUR.\n\n"
            "Globex put the expansion on hold because of a budget cut; the risk is that they churn in Q1.\n");
        QVERIFY(QDir().mkpath(home + QStringLiteral("/Corral/Outbox")));
        m_exports = m_dir.filePath(QStringLiteral("exports"));
        QVERIFY(QDir().mkpath(m_exports));
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_dir.filePath(QStringLiteral("run")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        const agent::AgentPaths paths = agent::AgentPaths::fromEnvironment();
        agent::AgentDaemon::Options options;
        options.homeDir = home;
        Result<std::unique_ptr<agent::AgentDaemon>> daemon = agent::AgentDaemon::start(paths, options);
        QVERIFY2(daemon.ok(), qPrintable(daemon.ok() ? QString() : daemon.error().toString()));
        m_agent = std::move(daemon.value());
        m_connection = std::make_unique<AgentConnection>();
        QVERIFY(m_connection->connectToAgent(paths.socketPath).ok());
        m_connection->setConfirmer([](const QJsonObject&) { return QStringLiteral("allow-once"); });
        QVERIFY(m_client.connectTo(paths.socketPath).ok());

        // sales-summarizer with its template's default answers, run once from My apps.
        Result<catalog::TemplateCatalog> templates = catalog::TemplateCatalog::loadDefault();
        QVERIFY(templates.ok());
        const catalog::Template* salesTemplate = templates->find(QStringLiteral("sales-summarizer"));
        QVERIFY(salesTemplate);
        const QJsonObject manifest = catalog::previewManifest(*salesTemplate).value();
        QVERIFY(!call(QStringLiteral("apps.save"),
                      {{QStringLiteral("manifest"), QString::fromUtf8(QJsonDocument(manifest).toJson())}})
                     .isUndefined());
        AppsPage apps(m_connection.get());
        QSignalSpy loaded(&apps, &AppsPage::appLoaded);
        QSignalSpy finished(&apps, &AppsPage::runFinished);
        apps.refresh();
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(apps.currentApp(), QStringLiteral("sales-summarizer"));
        apps.startRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("done"));
        // A record of no app, which an app filter leaves out.
        QVERIFY(!call(QStringLiteral("audit.note"), {{QStringLiteral("text"), QStringLiteral("quarter closed")}})
                     .isUndefined());
    }

    void cleanupTestCase()
    {
        m_client.disconnectFromAgent();
        m_connection.reset();
        m_agent.reset();
    }

    void usageShowsTheRunsTokensAndTheBundlesLimits()
    {
        const QJsonObject summary = call(QStringLiteral("usage.summary"), {{QStringLiteral("days"), 7}}).toObject();
        double tokens = 0;
        for (const QJsonValue& app : summary.value(QStringLiteral("apps")).toArray()) {
            if (app.toObject().value(QStringLiteral("app")).toString() != QLatin1String("sales-summarizer"))
                continue;
            for (const QJsonValue& day : app.toObject().value(QStringLiteral("daily")).toArray())
                tokens += day.toObject().value(QStringLiteral("input_tokens")).toDouble() +
                          day.toObject().value(QStringLiteral("output_tokens")).toDouble();
        }
        QVERIFY(tokens > 0);
        const QJsonArray limits = summary.value(QStringLiteral("limits")).toArray();
        QVERIFY(!limits.isEmpty());

        UsagePage page(m_connection.get());
        QSignalSpy loaded(&page, &UsagePage::summaryLoaded);
        page.refresh(); // the page's default period is 7 days
        QTRY_COMPARE(loaded.size(), 1);
        // The tokens chart: one bar set, sales-summarizer's, adding up to the agent's count.
        QCOMPARE(page.seriesCount(), 1);
        QChartView* view = page.findChildren<QChartView*>().value(0);
        QVERIFY(view && view->chart());
        auto* series = qobject_cast<QStackedBarSeries*>(view->chart()->series().value(0));
        QVERIFY(series);
        QBarSet* set = series->barSets().value(0);
        QCOMPARE(set->label(), QStringLiteral("sales-summarizer"));
        QCOMPARE(set->sum(), tokens);
        // One quota bar per limit of the bundle, each "used of hard" with its soft limit.
        QCOMPARE(page.quotaRowCount(), int(limits.size()));
        const QList<QProgressBar*> bars = page.findChildren<QProgressBar*>(QStringLiteral("quotaBar"));
        QCOMPARE(bars.size(), limits.size());
        for (int i = 0; i < bars.size(); ++i) {
            const QJsonObject limit = limits.at(i).toObject();
            if (limit.value(QStringLiteral("limit")).toString() == QLatin1String("cost_per_month"))
                continue;
            QCOMPARE(bars.at(i)->format(),
                     QStringLiteral("%1 of %2")
                         .arg(QLocale().toString(qint64(limit.value(QStringLiteral("used")).toDouble())),
                              QLocale().toString(qint64(limit.value(QStringLiteral("hard")).toDouble()))));
        }
    }

    void policyShowsTheActiveBundleAndAnInstalledOneReplacesIt()
    {
        const QJsonObject status = call(QStringLiteral("policy.status")).toObject();
        const qint64 serial = status.value(QStringLiteral("serial")).toInteger();
        const QString revision = status.value(QStringLiteral("revision")).toString();
        const QString trustKey = status.value(QStringLiteral("trust_key_ids")).toArray().first().toString();
        QVERIFY(!revision.isEmpty());
        QVERIFY(!trustKey.isEmpty());

        PolicyPage page(m_connection.get());
        QSignalSpy loaded(&page, &PolicyPage::statusLoaded);
        QSignalSpy synced(&page, &PolicyPage::syncLoaded);
        page.refresh();
        QTRY_COMPARE(loaded.size(), 1);
        QTRY_COMPARE(synced.size(), 1);
        const QString summary = page.summary()->text();
        QVERIFY2(summary.contains(QStringLiteral("revision %1, serial %2").arg(revision).arg(serial)),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("trusted key %1").arg(trustKey)), qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("standalone")));
        QCOMPARE(page.syncLabel()->text(), QStringLiteral("Standalone (not connected to an organisation server)"));

        // A newer bundle signed with this computer's admin key, installed from the page.
        bundle::BuildOptions options;
        options.serial = serial + 100;
        options.revision = QStringLiteral("studio-installed");
        options.mounts = bundle::defaultBundleMounts();
        Result<QByteArray> archive = bundle::buildBundle(bundle::defaultBundleSourceDir(), options);
        QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().toString()));
        const QString bundleFile = m_dir.filePath(QStringLiteral("studio.tar.gz"));
        writeFileCreatingFolders(bundleFile, *archive);
        const test::CliOutput signedBundle =
            test::runCli({QStringLiteral("bundle"), QStringLiteral("sign"), bundleFile, QStringLiteral("--local")});
        QVERIFY2(signedBundle.exitCode == 0, qPrintable(signedBundle.err));
        page.installBundle(bundleFile);
        QTRY_COMPARE(loaded.size(), 2);
        QVERIFY2(
            page.summary()->text().contains(QStringLiteral("revision studio-installed, serial %1").arg(serial + 100)),
            qPrintable(page.summary()->text()));
        QVERIFY(!page.errorBanner()->isVisibleTo(&page));
        QCOMPARE(call(QStringLiteral("policy.status")).toObject().value(QStringLiteral("serial")).toInteger(),
                 serial + 100);

        // The same file again is not newer: refused, shown, and the installed one stays.
        page.installBundle(bundleFile);
        QTRY_VERIFY(page.errorBanner()->isVisibleTo(&page));
        QCOMPARE(page.errorBanner()->text(),
                 QStringLiteral("The policy file was refused. The previous policy stays active."));
        QTRY_VERIFY(page.rejected()->isVisibleTo(&page));
        QVERIFY(page.summary()->text().contains(QStringLiteral("revision studio-installed")));
    }

    void exportWithAnAppFilterHoldsExactlyTheMatchingRecords()
    {
        ActivityPage page(m_connection.get());
        page.setAppFilter(QStringLiteral("sales-summarizer"));
        QSignalSpy exported(&page, &ActivityPage::exportFinished);
        const QString path = m_exports + QStringLiteral("/sales.jsonl");
        page.exportTo(path, QStringLiteral("jsonl"));
        QVERIFY(page.isExporting());
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 30000);
        QVERIFY(exported.at(0).at(0).toBool());
        QVERIFY(!page.isExporting());

        const QJsonArray expected =
            call(QStringLiteral("audit.query"),
                 {{QStringLiteral("app"), QStringLiteral("sales-summarizer")}, {QStringLiteral("limit"), 1000}})
                .toObject()
                .value(QStringLiteral("records"))
                .toArray();
        QVERIFY(expected.size() > 3);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.takeLast(), QByteArray()); // each line ends with a newline
        QCOMPARE(lines.size(), expected.size());
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject line = QJsonDocument::fromJson(lines.at(i)).object();
            const QJsonObject record = expected.at(i).toObject();
            QCOMPARE(line.value(QStringLiteral("seq")).toInteger(), record.value(QStringLiteral("seq")).toInteger());
            QCOMPARE(line.value(QStringLiteral("leaf")).toString(),
                     record.value(QStringLiteral("leaf_hash")).toString());
            QCOMPARE(QJsonDocument::fromJson(line.value(QStringLiteral("record")).toString().toUtf8()).object(),
                     withoutLeafHash(record));
        }
        QCOMPARE(page.exportResult()->text(),
                 QStringLiteral("Saved %1 record(s) to sales.jsonl (%2). The log was verified and is intact.")
                     .arg(expected.size())
                     .arg(QLocale().formattedDataSize(QFileInfo(path).size())));
        QVERIFY(!page.errorBanner()->isVisibleTo(&page));
        // Nothing but the export in the folder: the temporary file was renamed.
        QCOMPARE(QDir(m_exports).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("sales.jsonl")});
    }

    void everyFormatExports()
    {
        const qint64 size = call(QStringLiteral("audit.query"), {{QStringLiteral("limit"), 1}})
                                .toObject()
                                .value(QStringLiteral("size"))
                                .toInteger();
        // records stops at the latest checkpoint (possibly none yet on a young log).
        const qint64 checkpoint = call(QStringLiteral("audit.verify"))
                                      .toObject()
                                      .value(QStringLiteral("checkpoint"))
                                      .toObject()
                                      .value(QStringLiteral("size"))
                                      .toInteger();
        for (const QString& format : ActivityPage::exportFormats()) {
            const QJsonObject answer = call(QStringLiteral("audit.export"),
                                            {{QStringLiteral("format"), format},
                                             {QStringLiteral("path"), m_exports + QStringLiteral("/all.") + format}})
                                           .toObject();
            QCOMPARE(answer.value(QStringLiteral("records")).toInteger(),
                     format == QLatin1String("records") ? checkpoint : size);
            QVERIFY(answer.value(QStringLiteral("verified")).toBool());
            QCOMPARE(answer.value(QStringLiteral("bytes")).toInteger(),
                     QFileInfo(m_exports + QStringLiteral("/all.") + format).size());
        }
        // From the page, records ignores the filters (it is the whole log up to a checkpoint).
        ActivityPage page(m_connection.get());
        page.setAppFilter(QStringLiteral("sales-summarizer"));
        QSignalSpy exported(&page, &ActivityPage::exportFinished);
        page.exportTo(m_exports + QStringLiteral("/whole.records"), QStringLiteral("records"));
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 30000);
        QVERIFY(exported.at(0).at(0).toBool());
        QVERIFY2(page.exportResult()->text().contains(QStringLiteral("the filters were not applied")),
                 qPrintable(page.exportResult()->text()));
    }

    void aBadPathIsRefusedAndLeavesNoFile()
    {
        ActivityPage page(m_connection.get());
        QSignalSpy exported(&page, &ActivityPage::exportFinished);
        const QString missing = m_exports + QStringLiteral("/missing");
        page.exportTo(missing + QStringLiteral("/sales.jsonl"), QStringLiteral("jsonl"));
        QTRY_COMPARE(exported.size(), 1);
        QVERIFY(!exported.at(0).at(0).toBool());
        QVERIFY(page.errorBanner()->isVisibleTo(&page));
        QCOMPARE(page.errorBanner()->text(), QStringLiteral("The export could not be saved there. Choose a file in "
                                                            "a folder you can write to. Nothing was saved."));
        QCOMPARE(page.errorBanner()->details(),
                 QStringLiteral("audit.export-path: the folder %1 does not exist").arg(missing));
        QCOMPARE(page.exportResult()->text(), QStringLiteral("The export failed."));
        QVERIFY(!QFileInfo::exists(missing));

        const auto refused = [this](const QJsonObject& params) {
            const Result<QJsonValue> r = m_client.call(QStringLiteral("audit.export"), params);
            return r.ok() ? QString() : r.error().toString();
        };
        const QStringList before = QDir(m_exports).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(refused({{QStringLiteral("format"), QStringLiteral("jsonl")},
                          {QStringLiteral("path"), QStringLiteral("sales.jsonl")}}),
                 QStringLiteral("audit.export-path: the export path must be absolute, not \"sales.jsonl\""));
        QCOMPARE(refused({{QStringLiteral("format"), QStringLiteral("jsonl")}, {QStringLiteral("path"), m_exports}}),
                 QStringLiteral("audit.export-path: %1 is a folder: give the export a file name").arg(m_exports));
        QCOMPARE(refused({{QStringLiteral("format"), QStringLiteral("records")},
                          {QStringLiteral("path"), m_exports + QStringLiteral("/r.records")},
                          {QStringLiteral("filter"), QJsonObject{{QStringLiteral("app"), QStringLiteral("x")}}}}),
                 QStringLiteral("audit.export: the records format is the whole log; it takes no filter"));
        QCOMPARE(refused({{QStringLiteral("format"), QStringLiteral("xml")},
                          {QStringLiteral("path"), m_exports + QStringLiteral("/x.xml")}}),
                 QStringLiteral("rpc.-32602: Invalid params: \"format\" must be jsonl, ocsf, cef, syslog or records"));
        QCOMPARE(refused({{QStringLiteral("format"), QStringLiteral("jsonl")},
                          {QStringLiteral("path"), m_exports + QStringLiteral("/x.jsonl")},
                          {QStringLiteral("filter"), QJsonObject{{QStringLiteral("ap"), QStringLiteral("x")}}}}),
                 QStringLiteral("rpc.-32602: Invalid params: filter: unknown parameter \"ap\""));
        // The agent's own folder, where the log itself lives, is off limits.
        const QString data = QFileInfo(m_dir.filePath(QStringLiteral("data/corral"))).canonicalFilePath();
        QVERIFY(QFileInfo::exists(data + QStringLiteral("/audit.db")));
        QCOMPARE(refused({{QStringLiteral("format"), QStringLiteral("jsonl")},
                          {QStringLiteral("path"), data + QStringLiteral("/audit.db")}}),
                 QStringLiteral("audit.export-path: %1/audit.db is in the agent's own folder %1: choose another "
                                "folder")
                     .arg(data));
        const QString link = m_dir.filePath(QStringLiteral("looks-harmless.jsonl"));
        QVERIFY(QFile::link(data + QStringLiteral("/audit.db"), link));
        QCOMPARE(refused({{QStringLiteral("format"), QStringLiteral("jsonl")}, {QStringLiteral("path"), link}}),
                 QStringLiteral("audit.export-path: %1 is in the agent's own folder %2: choose another folder")
                     .arg(link, data));
        QVERIFY(m_client.call(QStringLiteral("audit.verify")).value().toObject().value(QStringLiteral("ok")).toBool());
        // A folder where no file can be created, whoever runs the test.
        const QString denied = refused({{QStringLiteral("format"), QStringLiteral("jsonl")},
                                        {QStringLiteral("path"), QStringLiteral("/proc/corral-export.jsonl")}});
        QVERIFY2(denied.startsWith(QStringLiteral("audit.export-path: cannot write /proc/corral-export.jsonl: ")),
                 qPrintable(denied));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/proc/corral-export.jsonl")));
        QCOMPARE(QDir(m_exports).entryList(QDir::Files | QDir::Hidden), before);
    }
};

QTEST_MAIN(TestStudioAgentPages)
#include "TestStudioAgentPages.moc"
