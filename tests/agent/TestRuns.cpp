// SPDX-License-Identifier: Apache-2.0
// Runs end to end through a real agent (in this process, on a temporary socket): every
// default template runs offline and its audit log verifies; confirmations (no studio,
// timeout, allow once, always + revoke), hostile file paths, cancellation, and the
// `corral run` exit codes.
#include "TestCli.h"
#include "agent/AgentClient.h"
#include "agent/AgentDaemon.h"
#include "bundle/BundleBuilder.h"
#include "catalog/TemplateCatalog.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <sys/stat.h>

using namespace corral;
using namespace corral::agent;
using corral::test::writeFileCreatingFolders;

namespace {

const QByteArray kNotes =
    "Call with Acme Corp on Monday. Acme signed the renewal for 120 seats, a win worth 84,000 EUR.\n\n"
    "Globex put the expansion on hold because of a budget cut; the risk is that they churn in Q1.\n\n"
    "Next step: send the revised proposal to Initech by Friday and schedule a demo for their IT team.\n\n"
    "Umbrella lost to a competitor on price. We agreed to follow up in six months.\n";

// A client of the agent that records the events of its runs.
class RunClient
{
public:
    explicit RunClient(const QString& socket, const QString& answer = {})
    {
        QVERIFY2(m_client.connectTo(socket).ok(), "connect");
        for (const char* m :
             {"run.started", "run.step", "run.decision", "run.progress", "run.output", "run.finished"}) {
            const QString method = QString::fromLatin1(m);
            m_client.setHandler(method, [this, method](const QJsonValue& params) -> ipc::HandlerResult {
                QJsonObject p = params.toObject();
                p.insert(QStringLiteral("event"), method);
                m_events.append(p);
                if (method == QLatin1String("run.finished"))
                    m_finished.insert(p.value(QStringLiteral("run_id")).toString(), p);
                return QJsonValue();
            });
        }
        if (!answer.isEmpty()) {
            m_client.setHandler(
                QStringLiteral("confirm.request"), [this, answer](const QJsonValue& params) -> ipc::HandlerResult {
                    m_confirmations.append(params.toObject());
                    if (onConfirm)
                        onConfirm(params.toObject());
                    if (answer == QLatin1String("never")) {
                        // A person who does not answer while the run goes on
                        // (until it times out or is cancelled).
                        const QString runId = params.toObject().value(QStringLiteral("run_id")).toString();
                        QTest::qWaitFor([&] { return m_finished.contains(runId); }, 15000);
                    }
                    return QJsonObject{{QStringLiteral("answer"), answer}};
                });
        }
        const Result<QJsonValue> hello = m_client.call(
            QStringLiteral("client.hello"), QJsonObject{{QStringLiteral("name"), QStringLiteral("test")},
                                                        {QStringLiteral("confirmations"), !answer.isEmpty()}});
        QVERIFY(hello.ok());
    }

    Result<QJsonValue> call(const QString& method, const QJsonObject& params = {})
    {
        return m_client.call(method, params);
    }

    // Starts a run and waits for its run.finished.
    QJsonObject run(const QString& app, const QJsonObject& inputs = {})
    {
        const Result<QJsonValue> started =
            m_client.call(QStringLiteral("runs.start"),
                          QJsonObject{{QStringLiteral("app"), app}, {QStringLiteral("inputs"), inputs}});
        if (!started.ok())
            return QJsonObject{{QStringLiteral("start_error"), started.error().code}};
        const QString runId = started->toObject().value(QStringLiteral("run_id")).toString();
        if (!QTest::qWaitFor([&] { return m_finished.contains(runId); }, 30000))
            return QJsonObject{{QStringLiteral("start_error"), QStringLiteral("no run.finished within 30 s")}};
        return m_finished.value(runId);
    }

    QList<QJsonObject> events(const QString& method) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject& e : m_events) {
            if (e.value(QStringLiteral("event")).toString() == method)
                out.append(e);
        }
        return out;
    }

    std::function<void(const QJsonObject&)> onConfirm;
    AgentClient m_client;
    QList<QJsonObject> m_events;
    QHash<QString, QJsonObject> m_finished;
    QList<QJsonObject> m_confirmations;
};

} // namespace

class TestRuns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_home;
    std::unique_ptr<AgentDaemon> m_daemon;
    QString m_socket;

    void startAgent(int confirmTimeoutMs)
    {
        m_daemon.reset();
        // The variables the command line reads, so `corral` finds this agent.
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_dir.filePath(QStringLiteral("run")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        const AgentPaths paths = AgentPaths::fromEnvironment();
        AgentDaemon::Options options;
        options.confirmTimeoutMs = confirmTimeoutMs;
        options.homeDir = m_home;
        Result<std::unique_ptr<AgentDaemon>> daemon = AgentDaemon::start(paths, options);
        QVERIFY2(daemon.ok(), qPrintable(daemon.ok() ? QString() : daemon.error().toString()));
        m_daemon = std::move(daemon.value());
        m_socket = paths.socketPath;
    }

    void saveApp(RunClient& client, const QJsonObject& manifest)
    {
        const Result<QJsonValue> saved =
            client.call(QStringLiteral("apps.save"),
                        QJsonObject{{QStringLiteral("manifest"), QString::fromUtf8(QJsonDocument(manifest).toJson())}});
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    }

    QJsonObject templateManifest(const QString& id)
    {
        Result<catalog::TemplateCatalog> templates = catalog::TemplateCatalog::loadDefault();
        const catalog::Template* t = templates->find(id);
        if (!t)
            return {};
        return catalog::previewManifest(*t).value();
    }

    QStringList outbox(const QString& sub = {})
    {
        return QDir(m_home + QStringLiteral("/Corral/Outbox/") + sub).entryList(QDir::Files);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_home = m_dir.filePath(QStringLiteral("home"));
        const QString docs = m_home + QStringLiteral("/Documents/");
        writeFileCreatingFolders(docs + QStringLiteral("Sales/week48.txt"), kNotes);
        writeFileCreatingFolders(
            docs + QStringLiteral("Sales/pipeline.md"),
            "# Pipeline\n\nThe Initech deal moved to negotiation. Risk: their budget review in January.\n");
        writeFileCreatingFolders(docs + QStringLiteral("Research/paper.txt"), kNotes);
        writeFileCreatingFolders(
            docs + QStringLiteral("Contracts/msa.txt"),
            "The agreement renews automatically for one year unless terminated with 90 days notice. Liability is "
            "capped at the fees paid in the last twelve months. Either party may terminate for material breach.\n");
        writeFileCreatingFolders(
            docs + QStringLiteral("Expenses/nov.txt"),
            "Hotel Berlin 3 nights 540 EUR, receipt attached. Taxi 45 EUR, no receipt. Dinner with client 180 EUR.\n");
        writeFileCreatingFolders(
            docs + QStringLiteral("Hiring/role.txt"),
            "We need a senior backend engineer. Requirements: five years of C++ and SQL. Benefits: remote work, "
            "training budget. Responsibilities: own the billing service.\n");
        writeFileCreatingFolders(
            docs + QStringLiteral("Meetings/standup.txt"),
            "Anna will send the release notes by Friday. Decision: we ship version 2.3 on Monday. Ben to follow up "
            "with the customer about the outage report.\n");
        QDir().mkpath(m_home + QStringLiteral("/Corral/Outbox"));
        QDir().mkpath(m_home + QStringLiteral("/Reports"));
        startAgent(2000);
    }

    void cleanupTestCase() { m_daemon.reset(); }

    // Every default template whose folders live in the home folder runs end to end.
    void templatesRunEndToEnd_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QJsonObject>("inputs");
        QTest::addColumn<QString>("written");
        QTest::newRow("sales-summarizer") << QStringLiteral("sales-summarizer")
                                          << QJsonObject{{QStringLiteral("period_name"), QStringLiteral("2026-W48")}}
                                          << QStringLiteral("Corral/Outbox");
        QTest::newRow("research-summarizer")
            << QStringLiteral("research-summarizer") << QJsonObject{} << QStringLiteral("Reports/briefings");
        QTest::newRow("contract-clause-finder")
            << QStringLiteral("contract-clause-finder")
            << QJsonObject{{QStringLiteral("contract"), QStringLiteral("Contracts/msa.txt")}}
            << QStringLiteral("Corral/Outbox");
        QTest::newRow("expense-report-checker")
            << QStringLiteral("expense-report-checker")
            << QJsonObject{{QStringLiteral("report"), QStringLiteral("Expenses/nov.txt")}}
            << QStringLiteral("Corral/Outbox");
        QTest::newRow("job-posting-writer") << QStringLiteral("job-posting-writer")
                                            << QJsonObject{{QStringLiteral("role"), QStringLiteral("Backend engineer")},
                                                           {QStringLiteral("notes"), QStringLiteral("Hiring/role.txt")}}
                                            << QStringLiteral("Corral/Outbox");
        QTest::newRow("meeting-notes-actions")
            << QStringLiteral("meeting-notes-actions")
            << QJsonObject{{QStringLiteral("notes"), QStringLiteral("Meetings/standup.txt")},
                           {QStringLiteral("meeting_title"), QStringLiteral("Stand-up")}}
            << QStringLiteral("Corral/Outbox");
        QTest::newRow("customer-reply-drafter")
            << QStringLiteral("customer-reply-drafter")
            << QJsonObject{{QStringLiteral("message"),
                            QStringLiteral("Hello, my invoice shows the wrong amount. Please "
                                           "refund the difference. Order 4711.")},
                           {QStringLiteral("customer_name"), QStringLiteral("Dana")}}
            << QStringLiteral("Corral/Outbox/replies");
    }

    void templatesRunEndToEnd()
    {
        QFETCH(QString, id);
        QFETCH(QJsonObject, inputs);
        QFETCH(QString, written);
        RunClient client(m_socket, QStringLiteral("allow-once"));
        saveApp(client, templateManifest(id));
        const QStringList before = QDir(m_home + QLatin1Char('/') + written).entryList(QDir::Files);
        const QJsonObject finished = client.run(id, inputs);
        QVERIFY2(finished.value(QStringLiteral("status")).toString() == QLatin1String("done"),
                 QJsonDocument(finished).toJson().constData());
        QCOMPARE(finished.value(QStringLiteral("exit_code")).toInt(), 0);
        QVERIFY(!finished.value(QStringLiteral("outputs")).toObject().isEmpty());
        // The write was confirmed once, by this client.
        QCOMPARE(client.m_confirmations.size(), 1);
        QCOMPARE(client.m_confirmations.first().value(QStringLiteral("action")).toString(),
                 QStringLiteral("files.write"));
        QVERIFY(!client.m_confirmations.first().value(QStringLiteral("preview")).toString().isEmpty());
        const QStringList after = QDir(m_home + QLatin1Char('/') + written).entryList(QDir::Files);
        QCOMPARE(after.size(), before.size() + 1);
        // The audit log holds the run and verifies.
        const Result<QJsonValue> verified = client.call(QStringLiteral("audit.verify"));
        QVERIFY(verified.ok());
        QVERIFY2(verified->toObject().value(QStringLiteral("ok")).toBool(),
                 QJsonDocument(verified->toObject()).toJson().constData());
        const Result<QJsonValue> records = client.call(
            QStringLiteral("audit.query"),
            QJsonObject{{QStringLiteral("app"), id}, {QStringLiteral("type"), QStringLiteral("run.finished")}});
        QVERIFY(records.ok());
        QVERIFY(!records->toObject().value(QStringLiteral("records")).toArray().isEmpty());
    }

    // Model calls are counted against the quotas and priced; usage.summary reports them.
    void usageIsCountedPerApp()
    {
        RunClient client(m_socket);
        const Result<QJsonValue> summary =
            client.call(QStringLiteral("usage.summary"), QJsonObject{{QStringLiteral("days"), 7}});
        QVERIFY(summary.ok());
        qint64 tokens = 0;
        for (const QJsonValue& app : summary->toObject().value(QStringLiteral("apps")).toArray()) {
            if (app.toObject().value(QStringLiteral("app")).toString() != QLatin1String("sales-summarizer"))
                continue;
            QCOMPARE(app.toObject().value(QStringLiteral("daily")).toArray().size(), 7);
            for (const QJsonValue& day : app.toObject().value(QStringLiteral("daily")).toArray())
                tokens += day.toObject().value(QStringLiteral("input_tokens")).toInteger();
        }
        QVERIFY(tokens > 0);
        const Result<QJsonValue> calls = client.call(
            QStringLiteral("audit.query"), QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                                       {QStringLiteral("type"), QStringLiteral("model.called")}});
        const QJsonArray records = calls->toObject().value(QStringLiteral("records")).toArray();
        QVERIFY(!records.isEmpty());
        const QJsonObject call = records.first().toObject();
        QVERIFY(call.value(QStringLiteral("tokens_used")).toInteger() > 0);
        QVERIFY(call.value(QStringLiteral("prompt_hash")).toString().startsWith(QLatin1String("sha256:")));
        QVERIFY(!summary->toObject().value(QStringLiteral("limits")).toArray().isEmpty());
        const Result<QJsonValue> bad =
            client.call(QStringLiteral("usage.summary"), QJsonObject{{QStringLiteral("days"), 0}});
        QCOMPARE(bad.error().code, QStringLiteral("rpc.-32602"));
    }

    // The two templates that read the organisation's shared folders run once the admin
    // installs a bundle whose connector catalog points at them: built here, signed with the
    // standalone admin key (`corral bundle sign --local`), installed through the agent.
    void organisationFoldersComeFromTheInstalledBundle()
    {
        const QString srv = m_dir.filePath(QStringLiteral("srv"));
        writeFileCreatingFolders(
            srv + QStringLiteral("/incidents/new/INC-7.txt"),
            "Production down for all users since 09:12. Customers cannot log in and payment failed. The VPN "
            "gateway reports errors. Next step: fail over to the second site.\n");
        writeFileCreatingFolders(
            srv + QStringLiteral("/policies/travel.md"),
            "# Travel\n\nEmployees may book economy class for flights under six hours. Hotel costs are "
            "reimbursed up to 150 EUR per night. Receipts must be submitted within 30 days.\n");
        QFile shipped(QStringLiteral(CORRAL_SOURCE_DIR "/resources/catalog/connectors.json"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QJsonObject catalog = QJsonDocument::fromJson(shipped.readAll()).object();
        QJsonArray connectors = catalog.value(QStringLiteral("connectors")).toArray();
        for (qsizetype i = 0; i < connectors.size(); ++i) {
            QJsonObject c = connectors.at(i).toObject();
            const QString id = c.value(QStringLiteral("id")).toString();
            if (id == QLatin1String("incidents") || id == QLatin1String("policies")) {
                QJsonObject files = c.value(QStringLiteral("files")).toObject();
                files.insert(QStringLiteral("roots"), QJsonArray{srv + QLatin1Char('/') + id});
                c.insert(QStringLiteral("files"), files);
                connectors.replace(i, c);
            }
        }
        catalog.insert(QStringLiteral("connectors"), connectors);
        const QString catalogFile = m_dir.filePath(QStringLiteral("connectors.json"));
        writeFileCreatingFolders(catalogFile, QJsonDocument(catalog).toJson());
        bundle::BuildOptions options;
        options.serial = 1000;
        options.revision = QStringLiteral("org-folders");
        options.mounts = bundle::defaultBundleMounts();
        options.mounts[1].file = catalogFile;
        Result<QByteArray> archive = bundle::buildBundle(bundle::defaultBundleSourceDir(), options);
        QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().toString()));
        const QString bundleFile = m_dir.filePath(QStringLiteral("org.tar.gz"));
        writeFileCreatingFolders(bundleFile, *archive);

        const corral::test::CliOutput signedBundle = corral::test::runCli(
            {QStringLiteral("bundle"), QStringLiteral("sign"), bundleFile, QStringLiteral("--local")});
        QVERIFY2(signedBundle.exitCode == 0, qPrintable(signedBundle.err));
        const corral::test::CliOutput installed =
            corral::test::runCli({QStringLiteral("bundle"), QStringLiteral("install"), bundleFile});
        QVERIFY2(installed.exitCode == 0, qPrintable(installed.err));
        QCOMPARE(installed.out, QStringLiteral("Active: revision org-folders, serial 1000\n"));
        // A bundle that is not newer is refused and the active one stays.
        const corral::test::CliOutput again =
            corral::test::runCli({QStringLiteral("bundle"), QStringLiteral("install"), bundleFile});
        QCOMPARE(again.exitCode, 1);
        RunClient client(m_socket, QStringLiteral("allow-once"));
        const Result<QJsonValue> status = client.call(QStringLiteral("policy.status"));
        QCOMPARE(status->toObject().value(QStringLiteral("serial")).toInt(), 1000);
        QVERIFY(status->toObject().contains(QStringLiteral("last_rejected")));

        saveApp(client, templateManifest(QStringLiteral("incident-triage")));
        const QJsonObject triage = client.run(QStringLiteral("incident-triage"),
                                              QJsonObject{{QStringLiteral("report"), QStringLiteral("new/INC-7.txt")}});
        QVERIFY2(triage.value(QStringLiteral("status")).toString() == QLatin1String("done"),
                 QJsonDocument(triage).toJson().constData());
        QVERIFY(!outbox(QStringLiteral("triage")).isEmpty());

        saveApp(client, templateManifest(QStringLiteral("policy-qa")));
        const QJsonObject answer = client.run(
            QStringLiteral("policy-qa"),
            QJsonObject{{QStringLiteral("question"), QStringLiteral("How much may a hotel cost per night?")}});
        QVERIFY2(answer.value(QStringLiteral("status")).toString() == QLatin1String("done"),
                 QJsonDocument(answer).toJson().constData());
        const QJsonObject outputs = answer.value(QStringLiteral("outputs")).toObject();
        QVERIFY2(QJsonDocument(outputs).toJson().contains("150 EUR"), QJsonDocument(outputs).toJson().constData());
        const Result<QJsonValue> verified = client.call(QStringLiteral("audit.verify"));
        QVERIFY(verified->toObject().value(QStringLiteral("ok")).toBool());
    }

    // Personal data in what a model step would read: policy asks first (data_handling
    // no-pii), and the model call's audit record names what DLP found. With redact-pii the
    // model sees pseudonyms and the person the real values.
    void personalDataIsFoundAskedAboutAndPseudonymized()
    {
        const QString folder = m_home + QStringLiteral("/Documents/Customers/");
        writeFileCreatingFolders(folder + QStringLiteral("call.txt"),
                                 "Call with Dana Whitfield on Monday. Dana asked us to send the revised offer to "
                                 "dana.whitfield@contoso.example by Friday. She confirmed the renewal for 40 seats.\n");
        QJsonObject manifest = templateManifest(QStringLiteral("sales-summarizer"));
        manifest.insert(QStringLiteral("name"), QStringLiteral("customer-notes"));
        QJsonArray steps = manifest.value(QStringLiteral("steps")).toArray();
        QJsonObject list = steps.at(0).toObject();
        list.insert(QStringLiteral("path"), QStringLiteral("Customers"));
        steps.replace(0, list);
        manifest.insert(QStringLiteral("steps"), steps);

        RunClient client(m_socket, QStringLiteral("allow-run"));
        saveApp(client, manifest);
        const QJsonObject asked = client.run(QStringLiteral("customer-notes"));
        QVERIFY2(asked.value(QStringLiteral("status")).toString() == QLatin1String("done"),
                 QJsonDocument(asked).toJson().constData());
        bool modelAsked = false;
        for (const QJsonObject& c : client.m_confirmations)
            modelAsked =
                modelAsked || (c.value(QStringLiteral("action")).toString() == QLatin1String("model.generate") &&
                               c.value(QStringLiteral("reason")).toString().contains(QStringLiteral("EMAIL")));
        QVERIFY(modelAsked);
        // The dialog gets what DLP found in the preview, to highlight it.
        bool highlighted = false;
        for (const QJsonObject& c : client.m_confirmations) {
            for (const QJsonValue& f : c.value(QStringLiteral("findings")).toArray()) {
                const QJsonObject finding = f.toObject();
                const QString preview = c.value(QStringLiteral("preview")).toString();
                highlighted =
                    highlighted || (finding.value(QStringLiteral("type")).toString() == QLatin1String("EMAIL") &&
                                    preview.mid(finding.value(QStringLiteral("start")).toInt(),
                                                finding.value(QStringLiteral("end")).toInt() -
                                                    finding.value(QStringLiteral("start")).toInt()) ==
                                        QLatin1String("dana.whitfield@contoso.example"));
            }
        }
        QVERIFY(highlighted);
        const auto lastModelCall = [&] {
            const Result<QJsonValue> calls = client.call(
                QStringLiteral("audit.query"), QJsonObject{{QStringLiteral("app"), QStringLiteral("customer-notes")},
                                                           {QStringLiteral("type"), QStringLiteral("model.called")}});
            return calls->toObject().value(QStringLiteral("records")).toArray().last().toObject();
        };
        QJsonObject call = lastModelCall();
        QVERIFY(QJsonDocument(call.value(QStringLiteral("dlp_findings")).toArray()).toJson().contains("EMAIL"));
        QCOMPARE(call.value(QStringLiteral("redacted")).toBool(), false);

        manifest.insert(QStringLiteral("data_handling"), QStringLiteral("redact-pii"));
        saveApp(client, manifest);
        client.m_confirmations.clear();
        const QJsonObject redacted = client.run(QStringLiteral("customer-notes"));
        QCOMPARE(redacted.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        for (const QJsonObject& c : client.m_confirmations)
            QCOMPARE(c.value(QStringLiteral("action")).toString(), QStringLiteral("files.write"));
        call = lastModelCall();
        QCOMPARE(call.value(QStringLiteral("redacted")).toBool(), true);
        // The person sees the real address again in the output.
        QVERIFY(redacted.value(QStringLiteral("outputs"))
                    .toObject()
                    .value(QStringLiteral("summary"))
                    .toString()
                    .contains(QStringLiteral("dana.whitfield@contoso.example")));
    }

    void withoutStudioAskBecomesDeny()
    {
        RunClient client(m_socket); // not a confirmer, and no other client is attached
        saveApp(client, templateManifest(QStringLiteral("sales-summarizer")));
        const QStringList before = outbox();
        const QJsonObject finished = client.run(QStringLiteral("sales-summarizer"));
        QCOMPARE(finished.value(QStringLiteral("status")).toString(), QStringLiteral("refused"));
        QCOMPARE(finished.value(QStringLiteral("exit_code")).toInt(), 4);
        QCOMPARE(finished.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("confirmation.refused"));
        QVERIFY(finished.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("no studio is attached")));
        QCOMPARE(outbox(), before);
        const Result<QJsonValue> confirmed = client.call(
            QStringLiteral("audit.query"), QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                                       {QStringLiteral("type"), QStringLiteral("action.confirmed")}});
        const QJsonArray records = confirmed->toObject().value(QStringLiteral("records")).toArray();
        QVERIFY(!records.isEmpty());
        QCOMPARE(records.last().toObject().value(QStringLiteral("approved")).toBool(), false);
    }

    void unansweredConfirmationTimesOutAsDeny()
    {
        RunClient client(m_socket, QStringLiteral("never"));
        saveApp(client, templateManifest(QStringLiteral("sales-summarizer")));
        const QStringList before = outbox();
        QElapsedTimer timer;
        timer.start();
        const QJsonObject finished = client.run(QStringLiteral("sales-summarizer"));
        QCOMPARE(finished.value(QStringLiteral("status")).toString(), QStringLiteral("refused"));
        QVERIFY(finished.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("nobody answered")));
        QCOMPARE(outbox(), before);
    }

    void alwaysIsRememberedUntilRevoked()
    {
        {
            RunClient studio(m_socket, QStringLiteral("always"));
            saveApp(studio, templateManifest(QStringLiteral("sales-summarizer")));
            QCOMPARE(studio.run(QStringLiteral("sales-summarizer")).value(QStringLiteral("status")).toString(),
                     QStringLiteral("done"));
        }
        RunClient cli(m_socket);
        const Result<QJsonValue> grants = cli.call(QStringLiteral("grants.list"));
        const QJsonArray list = grants->toObject().value(QStringLiteral("grants")).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject grant = list.first().toObject();
        QCOMPARE(grant.value(QStringLiteral("action")).toString(), QStringLiteral("files.write"));
        QCOMPARE(grant.value(QStringLiteral("target")).toString(), QStringLiteral("outbox"));
        // Without anyone to ask, the grant allows the write.
        const QJsonObject granted = cli.run(QStringLiteral("sales-summarizer"));
        QCOMPARE(granted.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        bool fromGrant = false;
        for (const QJsonObject& d : cli.events(QStringLiteral("run.decision")))
            fromGrant = fromGrant || d.value(QStringLiteral("source")).toString() == QLatin1String("grant");
        QVERIFY(fromGrant);
        QVERIFY(cli.call(QStringLiteral("grants.revoke"),
                         QJsonObject{{QStringLiteral("id"), grant.value(QStringLiteral("id"))}})
                    .ok());
        QCOMPARE(cli.run(QStringLiteral("sales-summarizer")).value(QStringLiteral("status")).toString(),
                 QStringLiteral("refused"));
        const Result<QJsonValue> again = cli.call(
            QStringLiteral("grants.revoke"), QJsonObject{{QStringLiteral("id"), grant.value(QStringLiteral("id"))}});
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("grant.not-found"));
    }

    void hostilePathsAreDeniedAndAudited_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        QTest::newRow("traversal") << QStringLiteral("../../../etc/passwd") << QStringLiteral("scope.escape");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("scope.escape");
        QTest::newRow("inner traversal") << QStringLiteral("Contracts/../../../etc/passwd")
                                         << QStringLiteral("scope.escape");
        QTest::newRow("symlink out") << QStringLiteral("Contracts/link.txt") << QStringLiteral("scope.symlink");
        QTest::newRow("proc magic link") << QStringLiteral("Contracts/proc/self/cwd/notes.txt")
                                         << QStringLiteral("scope.symlink");
        QTest::newRow("fifo") << QStringLiteral("Contracts/pipe.txt") << QStringLiteral("scope.not-regular");
        QTest::newRow("missing") << QStringLiteral("Contracts/none.txt") << QStringLiteral("scope.not-found");
        QTest::newRow("excluded key") << QStringLiteral("Contracts/id.key") << QStringLiteral("scope.excluded");
    }

    void hostilePathsAreDeniedAndAudited()
    {
        QFETCH(QString, path);
        QFETCH(QString, code);
        const QString docs = m_home + QStringLiteral("/Documents/Contracts/");
        QFile::link(QStringLiteral("/etc/passwd"), docs + QStringLiteral("link.txt"));
        QFile::link(QStringLiteral("/proc"), docs + QStringLiteral("proc"));
        if (!QFileInfo::exists(docs + QStringLiteral("pipe.txt")))
            QCOMPARE(::mkfifo(QFile::encodeName(docs + QStringLiteral("pipe.txt")).constData(), 0600), 0);
        writeFileCreatingFolders(docs + QStringLiteral("id.key"), "secret");
        RunClient client(m_socket, QStringLiteral("allow-once"));
        saveApp(client, templateManifest(QStringLiteral("contract-clause-finder")));
        const QJsonObject finished =
            client.run(QStringLiteral("contract-clause-finder"), QJsonObject{{QStringLiteral("contract"), path}});
        QCOMPARE(finished.value(QStringLiteral("status")).toString(), QStringLiteral("denied"));
        QCOMPARE(finished.value(QStringLiteral("exit_code")).toInt(), 3);
        QCOMPARE(finished.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), code);
        // The refused read is in the audit log.
        const Result<QJsonValue> performed =
            client.call(QStringLiteral("audit.query"),
                        QJsonObject{{QStringLiteral("app"), QStringLiteral("contract-clause-finder")},
                                    {QStringLiteral("type"), QStringLiteral("action.performed")}});
        const QJsonArray records = performed->toObject().value(QStringLiteral("records")).toArray();
        QVERIFY(!records.isEmpty());
        const QJsonObject last = records.last().toObject();
        QCOMPARE(last.value(QStringLiteral("result")).toString(), QStringLiteral("error"));
        QVERIFY(last.value(QStringLiteral("detail")).toString().startsWith(code));
    }

    void badInputsAreRefusedBeforeTheRun()
    {
        RunClient client(m_socket);
        saveApp(client, templateManifest(QStringLiteral("contract-clause-finder")));
        const QJsonObject unknown = client.run(QStringLiteral("contract-clause-finder"),
                                               QJsonObject{{QStringLiteral("contract"), QStringLiteral("a.txt")},
                                                           {QStringLiteral("extra"), QStringLiteral("x")}});
        QCOMPARE(unknown.value(QStringLiteral("start_error")).toString(), QStringLiteral("run.inputs"));
        QCOMPARE(client.run(QStringLiteral("no-such-app")).value(QStringLiteral("start_error")).toString(),
                 QStringLiteral("app.not-found"));
    }

    void cancelWhileWaitingForConfirmation()
    {
        RunClient studio(m_socket, QStringLiteral("never"));
        RunClient other(m_socket);
        saveApp(studio, templateManifest(QStringLiteral("sales-summarizer")));
        QString runId;
        bool cancelled = false;
        // Cancelled from another client while the person has not answered yet.
        studio.onConfirm = [&](const QJsonObject& request) {
            const Result<QJsonValue> answer =
                other.call(QStringLiteral("runs.cancel"),
                           QJsonObject{{QStringLiteral("run_id"), request.value(QStringLiteral("run_id"))}});
            cancelled = answer.ok() && answer->toObject().value(QStringLiteral("cancelled")).toBool();
        };
        const Result<QJsonValue> started = studio.call(
            QStringLiteral("runs.start"), QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")}});
        QVERIFY(started.ok());
        runId = started->toObject().value(QStringLiteral("run_id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(studio.m_finished.contains(runId), 15000);
        QVERIFY2(studio.m_finished.value(runId).value(QStringLiteral("status")).toString() ==
                     QLatin1String("cancelled"),
                 QJsonDocument(studio.m_finished.value(runId)).toJson().constData());
        QCOMPARE(studio.m_finished.value(runId).value(QStringLiteral("exit_code")).toInt(), 130);
        QVERIFY(cancelled);
        const Result<QJsonValue> history = other.call(
            QStringLiteral("runs.list"), QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")}});
        QCOMPARE(history->toObject()
                     .value(QStringLiteral("runs"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("cancelled"));
        const Result<QJsonValue> unknown = other.call(
            QStringLiteral("runs.cancel"), QJsonObject{{QStringLiteral("run_id"), QStringLiteral("r-none")}});
        QCOMPARE(unknown.error().code, QStringLiteral("run.not-found"));
    }

    void cliRunExitCodes()
    {
        const corral::test::CliOutput denied =
            corral::test::runCli({QStringLiteral("run"), QStringLiteral("contract-clause-finder"),
                                  QStringLiteral("--input"), QStringLiteral("contract=../../etc/passwd")});
        QCOMPARE(denied.exitCode, 3);
        QVERIFY2(denied.err.contains(QStringLiteral("scope.escape")), qPrintable(denied.err));
        const corral::test::CliOutput refused =
            corral::test::runCli({QStringLiteral("run"), QStringLiteral("sales-summarizer")});
        QCOMPARE(refused.exitCode, 4);
        const corral::test::CliOutput missing =
            corral::test::runCli({QStringLiteral("run"), QStringLiteral("nothing-here")});
        QCOMPARE(missing.exitCode, 2);
        const corral::test::CliOutput usage = corral::test::runCli(
            {QStringLiteral("run"), QStringLiteral("x"), QStringLiteral("--input"), QStringLiteral("novalue")});
        QCOMPARE(usage.exitCode, 2);
        const corral::test::CliOutput json =
            corral::test::runCli({QStringLiteral("run"), QStringLiteral("sales-summarizer"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 4);
        const QStringList lines = json.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 3);
        QCOMPARE(QJsonDocument::fromJson(lines.first().toUtf8()).object().value(QStringLiteral("event")).toString(),
                 QStringLiteral("run.started"));
        QCOMPARE(QJsonDocument::fromJson(lines.last().toUtf8()).object().value(QStringLiteral("event")).toString(),
                 QStringLiteral("run.finished"));
        // At a terminal the person answers there: "o" allows the write once.
        const corral::test::CliOutput interactive = corral::test::runCli(
            {QStringLiteral("run"), QStringLiteral("sales-summarizer"), QStringLiteral("--interactive")}, "o\n", true);
        QVERIFY2(interactive.exitCode == 0, qPrintable(interactive.err));
        QVERIFY(interactive.err.contains(QStringLiteral("Confirm: sales-summarizer wants to files.write")));
        QVERIFY(interactive.out.contains(QStringLiteral("# Sales summary")));
        const corral::test::CliOutput notTerminal = corral::test::runCli(
            {QStringLiteral("run"), QStringLiteral("sales-summarizer"), QStringLiteral("--interactive")}, "o\n", false);
        QCOMPARE(notTerminal.exitCode, 2);
        // The audit verbs go through the running agent.
        const corral::test::CliOutput verified =
            corral::test::runCli({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
        QVERIFY2(verified.out.startsWith(QStringLiteral("ok: ")), qPrintable(verified.out));
        const corral::test::CliOutput note =
            corral::test::runCli({QStringLiteral("audit"), QStringLiteral("note"), QStringLiteral("checked the runs")});
        QCOMPARE(note.exitCode, 0);
        QVERIFY(note.out.startsWith(QStringLiteral("seq ")));
        const corral::test::CliOutput status =
            corral::test::runCli({QStringLiteral("agent"), QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.startsWith(QStringLiteral("agent: running (pid ")));
        const corral::test::CliOutput list = corral::test::runCli({QStringLiteral("apps"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains(QStringLiteral("sales-summarizer")));
    }

    // Runs last: a bundle allowing one model request per minute lets the first model step
    // through and refuses the second (policy does not see request rates, the quota does);
    // the run ends with status quota (exit 5) and the refusal is audited.
    void hardQuotaStopsTheRun()
    {
        const QString source = m_dir.filePath(QStringLiteral("bundle-src"));
        QVERIFY(QDir().mkpath(source + QStringLiteral("/corral/settings")));
        const QString shipped = bundle::defaultBundleSourceDir();
        for (const QString& file : QDir(shipped + QStringLiteral("/corral")).entryList(QDir::Files))
            QVERIFY(
                QFile::copy(shipped + QStringLiteral("/corral/") + file, source + QStringLiteral("/corral/") + file));
        QDir().mkpath(source + QStringLiteral("/platform/safe"));
        for (const QString& file : QDir(shipped + QStringLiteral("/platform/safe")).entryList(QDir::Files))
            QVERIFY(QFile::copy(shipped + QStringLiteral("/platform/safe/") + file,
                                source + QStringLiteral("/platform/safe/") + file));
        QFile::copy(shipped + QStringLiteral("/.manifest"), source + QStringLiteral("/.manifest"));
        QFile settingsFile(shipped + QStringLiteral("/corral/settings/data.json"));
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        QJsonObject settings = QJsonDocument::fromJson(settingsFile.readAll()).object();
        settings.insert(
            QStringLiteral("quotas"),
            QJsonObject{{QStringLiteral("development"), QJsonObject{{QStringLiteral("requests_per_minute"), 1}}}});
        writeFileCreatingFolders(source + QStringLiteral("/corral/settings/data.json"),
                                 QJsonDocument(settings).toJson());
        bundle::BuildOptions options;
        options.serial = 2000;
        options.revision = QStringLiteral("tiny-quota");
        options.mounts = bundle::defaultBundleMounts();
        Result<QByteArray> archive = bundle::buildBundle(source, options);
        QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().toString()));
        const QString bundleFile = m_dir.filePath(QStringLiteral("tiny.tar.gz"));
        writeFileCreatingFolders(bundleFile, *archive);
        QCOMPARE(corral::test::runCli(
                     {QStringLiteral("bundle"), QStringLiteral("sign"), bundleFile, QStringLiteral("--local")})
                     .exitCode,
                 0);
        QCOMPARE(corral::test::runCli({QStringLiteral("bundle"), QStringLiteral("install"), bundleFile}).exitCode, 0);

        RunClient client(m_socket, QStringLiteral("allow-once"));
        saveApp(client, templateManifest(QStringLiteral("sales-summarizer")));
        const QJsonObject finished = client.run(QStringLiteral("sales-summarizer"));
        QVERIFY2(finished.value(QStringLiteral("status")).toString() == QLatin1String("quota"),
                 QJsonDocument(finished).toJson().constData());
        QCOMPARE(finished.value(QStringLiteral("exit_code")).toInt(), 5);
        QCOMPARE(finished.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("quota.exceeded"));
        const Result<QJsonValue> refused = client.call(
            QStringLiteral("audit.query"), QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                                       {QStringLiteral("type"), QStringLiteral("quota.exceeded")}});
        QVERIFY(!refused->toObject().value(QStringLiteral("records")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRuns)
#include "TestRuns.moc"
