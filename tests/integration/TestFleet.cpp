// SPDX-License-Identifier: Apache-2.0
// The fleet end to end, every part a real process on loopback: one corral-server and two
// corral-agent processes, each agent with its own home and XDG folders, driven through the
// `corral` and `corral-server` command lines (and the HTTP API for the admin actions that
// have no verb). Enrollment, runs and audit sync with cosignatures, a bundle push active on
// both agents within 2 s, a pause order and its lifting, a production approval, and the
// server killed with SIGKILL during uploads and restarted: nothing lost or duplicated.
// The same scenario runs on SQLite (test_fleet) and on a throwaway PostgreSQL cluster
// (test_fleet_postgres, CORRAL_TEST_DB=postgres), where a second server on the same
// database serves a third desktop as well.
#include "Cosigner.h"
#include "PostgresCluster.h"
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <functional>
#include <memory>
#include <sys/prctl.h>

using corral::server::test::TestDatabase;

namespace {

const QString kApp = QStringLiteral("sales-summarizer");
const QString kPeriod = QStringLiteral("period_name=2026-W48");
// Every command gets this long before it is killed and the step fails.
constexpr int kCommandTimeoutMs = 30000;
// Audit upload interval of the agents (the product default is a minute).
constexpr int kSyncIntervalMs = 300;
// Records each agent appends while the server is killed and restarted.
constexpr int kLoadRecords = 4000;
// How long the server runs on the agents' retried uploads of their backlogs before it is
// killed again: the backlogs take it a few tens of milliseconds.
constexpr int kCatchUpKillDelayMs = 30;

const QByteArray kSalesNotes =
    "Call with Acme Corp: they signed the renewal, a win for the quarter. Next step: send the invoice by Friday.\n"
    "Globex put the rollout on hold because of a budget cut; risk of churn. Follow up with their CFO.\n"
    "Initech asked for a demo of the reporting module. Schedule it for next week.\n";

struct Output
{
    int exitCode = -1;
    QString out;
    QString err;
    QString describe() const { return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(exitCode).arg(out, err); }
};

// Runs a command to its end within kCommandTimeoutMs (then kills it and reports the timeout).
Output runCommand(const QString& program, const QStringList& args, const QProcessEnvironment& env,
                  int timeoutMs = kCommandTimeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Output o;
    if (!p.waitForStarted(10000)) {
        o.err = QStringLiteral("cannot start %1: %2").arg(program, p.errorString());
        return o;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        o.err = QStringLiteral("%1 %2 did not finish within %3 s")
                    .arg(QFileInfo(program).fileName(), args.join(QLatin1Char(' ')))
                    .arg(timeoutMs / 1000);
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
}

// Polls `condition` until it holds or `timeoutMs` passes; events are processed meanwhile.
bool waitFor(const std::function<bool()>& condition, int timeoutMs, int stepMs = 50)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QTest::qWait(stepMs);
    }
    return true;
}

// A long-running child (the server, an agent) whose output goes to a log file, so a full
// pipe never blocks it. Killed with SIGKILL when the object goes: a failing test leaves no
// process behind.
class Child
{
public:
    explicit Child(QString logPath) : m_logPath(std::move(logPath)) {}
    ~Child() { kill(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    bool start(const QString& program, const QStringList& args, const QProcessEnvironment& env)
    {
        kill();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(env);
        m_process->setStandardOutputFile(m_logPath, QIODevice::Append);
        m_process->setStandardErrorFile(m_logPath, QIODevice::Append);
        // Should the test itself be killed (a ctest timeout), the child goes with it.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process->start(program, args);
        return m_process->waitForStarted(10000);
    }
    bool running() const { return m_process && m_process->state() != QProcess::NotRunning; }
    void signal(int sig) const
    {
        if (running())
            ::kill(pid_t(m_process->processId()), sig);
    }
    void kill()
    {
        if (!running())
            return;
        // A stopped process dies of SIGKILL too.
        m_process->kill();
        m_process->waitForFinished(10000);
    }
    // Waits for the process to end by itself; its exit code, or -1.
    int waitForExit(int timeoutMs)
    {
        if (!m_process || !m_process->waitForFinished(timeoutMs) || m_process->exitStatus() != QProcess::NormalExit)
            return -1;
        return m_process->exitCode();
    }
    QString log() const { return QString::fromUtf8(corral::test::readFile(m_logPath)); }
    QString logTail() const { return log().right(3000); }

private:
    QString m_logPath;
    std::unique_ptr<QProcess> m_process;
};

// One desktop: its folders and environment, its agent process and, once enrolled, its
// device id.
struct Agent
{
    QString name;
    QString root;
    QProcessEnvironment env;
    std::unique_ptr<Child> process;
    QString deviceId;

    QString dataDir() const { return root + QStringLiteral("/data/corral"); }
    QString auditDb() const { return dataDir() + QStringLiteral("/audit.db"); }
};

QJsonObject parseObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// seq -> leaf hash of a JSON Lines export; `duplicates` counts seqs seen more than once.
QMap<qint64, QString> exportedLeaves(const QString& jsonl, int* duplicates)
{
    QMap<qint64, QString> leaves;
    *duplicates = 0;
    for (const QString& line : jsonl.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject o = parseObject(line);
        const qint64 seq = o.value(QStringLiteral("seq")).toInteger(-1);
        if (leaves.contains(seq))
            ++*duplicates;
        leaves.insert(seq, o.value(QStringLiteral("leaf")).toString());
    }
    return leaves;
}

} // namespace

class TestFleet : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_serverData;
    QString m_database; // PostgreSQL URL, empty on SQLite
    QString m_adminToken;
    QString m_organisationKey; // the minisign secret key init generated
    QString m_witnessKey;      // the cosignature verifier key init printed
    quint16 m_port = 0;
    std::unique_ptr<Child> m_server;
    Agent m_agents[2];
    qint64 m_serial = 100;
    bool m_enrolled = false;
    bool m_anyFailed = false;
    QString m_lastAnswer; // of the last adminCall
    QElapsedTimer m_elapsed;

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    QProcessEnvironment baseEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CORRAL_MANAGED_CONFIG"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return env;
    }

    Output serverCli(QStringList args)
    {
        args << QStringLiteral("--data") << m_serverData;
        return runCommand(QStringLiteral(CORRAL_SERVER_EXE), args, baseEnvironment());
    }

    Output corral(const Agent& agent, const QStringList& args, int timeoutMs = kCommandTimeoutMs)
    {
        return runCommand(QStringLiteral(CORRAL_CLI_EXE), args, agent.env, timeoutMs);
    }

    // Starts `corral-server serve` as `child` and waits for its "listening on" line: the
    // port, or 0 when it did not start.
    quint16 serve(Child& child, const QString& data, quint16 port, const QString& database = {})
    {
        QStringList args{QStringLiteral("serve"), QStringLiteral("--data"), data, QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1:%1").arg(port)};
        if (!database.isEmpty())
            args << QStringLiteral("--db") << database;
        const qsizetype logged = child.log().size();
        if (!child.start(QStringLiteral(CORRAL_SERVER_EXE), args, baseEnvironment()))
            return 0;
        static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
        QRegularExpressionMatch m;
        const bool up = waitFor(
            [&] {
                m = listening.match(child.log().mid(logged));
                return m.hasMatch() || !child.running();
            },
            20000);
        if (!up || !m.hasMatch()) {
            qWarning().noquote() << "corral-server did not start:" << child.logTail();
            return 0;
        }
        return quint16(m.captured(1).toUInt());
    }

    // The test's server on `port` (0: any).
    bool startServer(quint16 port)
    {
        if (!m_server)
            m_server = std::make_unique<Child>(m_dir.filePath(QStringLiteral("server.log")));
        m_port = serve(*m_server, m_serverData, port);
        return m_port != 0;
    }

    // A desktop's folders (a home with sales notes, its own XDG folders) and environment.
    // The command line may not start agents of its own (CORRAL_AGENT_PROGRAM): the test
    // owns every process.
    void prepareDesk(Agent& a, int number)
    {
        a.name = QStringLiteral("agent %1").arg(number);
        a.root = m_dir.filePath(QStringLiteral("desk%1").arg(number));
        QVERIFY(QDir().mkpath(a.root + QStringLiteral("/home/Documents/Sales")));
        QVERIFY(QDir().mkpath(a.root + QStringLiteral("/run")));
        QVERIFY(corral::test::writeFile(a.root + QStringLiteral("/home/Documents/Sales/week48.txt"), kSalesNotes));
        a.env = baseEnvironment();
        a.env.insert(QStringLiteral("HOME"), a.root + QStringLiteral("/home"));
        a.env.insert(QStringLiteral("XDG_DATA_HOME"), a.root + QStringLiteral("/data"));
        a.env.insert(QStringLiteral("XDG_CONFIG_HOME"), a.root + QStringLiteral("/config"));
        a.env.insert(QStringLiteral("XDG_RUNTIME_DIR"), a.root + QStringLiteral("/run"));
        a.env.insert(QStringLiteral("CORRAL_AGENT_PROGRAM"), QStringLiteral("/bin/false"));
    }

    QString newEnrollToken()
    {
        const Output token = serverCli({QStringLiteral("token"), QStringLiteral("create")});
        if (token.exitCode != 0 || !token.out.startsWith(QStringLiteral("cenr_"))) {
            qWarning().noquote() << "token create:" << token.describe();
            return {};
        }
        return token.out.trimmed();
    }

    // `corral enroll`, the agent's restart into managed mode (it quits; the test starts it
    // again) and its status afterwards.
    void enroll(Agent& a, const QString& serverUrl, const QString& token)
    {
        static const QRegularExpression enrolledAs(QStringLiteral("as device (dev-\\S+)"));
        const Output enrolled = corral(
            a, {QStringLiteral("enroll"), QStringLiteral("--server"), serverUrl, QStringLiteral("--token"), token});
        QVERIFY2(enrolled.exitCode == 0, qPrintable(enrolled.describe()));
        const QRegularExpressionMatch m = enrolledAs.match(enrolled.out);
        QVERIFY2(m.hasMatch(), qPrintable(enrolled.out));
        a.deviceId = m.captured(1);
        QVERIFY2(enrolled.out.contains(QStringLiteral("the agent restarts in managed mode")), qPrintable(enrolled.out));
        QCOMPARE(a.process->waitForExit(15000), 75); // the code the systemd unit restarts on
        QVERIFY(startAgent(a));
        const QJsonObject s = status(a);
        QCOMPARE(s.value(QStringLiteral("policy")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("managed"));
        const QJsonObject sync = s.value(QStringLiteral("sync")).toObject();
        QCOMPARE(sync.value(QStringLiteral("enrolled")).toBool(), true);
        QCOMPARE(sync.value(QStringLiteral("device_id")).toString(), a.deviceId);
        QCOMPARE(sync.value(QStringLiteral("server")).toString(), serverUrl);
    }

    // Starts the agent and waits until it answers on its socket.
    bool startAgent(Agent& agent)
    {
        if (!agent.process)
            agent.process = std::make_unique<Child>(agent.root + QStringLiteral("/agent.log"));
        if (!agent.process->start(QStringLiteral(CORRAL_AGENT_EXE),
                                  {QStringLiteral("--sync-interval"), QString::number(kSyncIntervalMs)}, agent.env))
            return false;
        const bool up = waitFor(
            [&] {
                return !agent.process->running() ||
                       corral(agent, {QStringLiteral("agent"), QStringLiteral("status")}).exitCode == 0;
            },
            20000, 100);
        if (!up || !agent.process->running()) {
            qWarning().noquote() << agent.name << "did not start:" << agent.process->logTail();
            return false;
        }
        return true;
    }

    QJsonObject status(const Agent& agent)
    {
        const Output o = corral(agent, {QStringLiteral("agent"), QStringLiteral("status"), QStringLiteral("--json")});
        return o.exitCode == 0 ? parseObject(o.out) : QJsonObject();
    }

    QJsonObject sync(const Agent& agent) { return status(agent).value(QStringLiteral("sync")).toObject(); }

    // The agent's whole log as JSON Lines, read from its database.
    QString agentExport(const Agent& agent)
    {
        const Output o = corral(agent, {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                                        QStringLiteral("jsonl")});
        return o.exitCode == 0 ? o.out : QString();
    }

    QString serverExport(const Agent& agent)
    {
        const Output o = serverCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--device"),
                                    agent.deviceId, QStringLiteral("--format"), QStringLiteral("jsonl")});
        return o.exitCode == 0 ? o.out : QString();
    }

    // Waits until the agent reports "synced" with every record of its log witnessed.
    bool waitSynced(const Agent& agent, int timeoutMs, QString* why)
    {
        qint64 local = -1;
        QJsonObject s;
        const bool done = waitFor(
            [&] {
                s = sync(agent);
                local = agentExport(agent).count(QLatin1Char('\n'));
                return s.value(QStringLiteral("state")).toString() == QLatin1String("synced") &&
                       s.value(QStringLiteral("witnessed_size")).toInteger() == local;
            },
            timeoutMs, 100);
        if (!done)
            *why = QStringLiteral("%1 not synced within %2 s: %3 records in its log, sync status %4")
                       .arg(agent.name)
                       .arg(timeoutMs / 1000)
                       .arg(local)
                       .arg(QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact)));
        return done;
    }

    // The server holds exactly the agent's log: same seqs, same leaf hashes, no duplicates,
    // and the server's export verifies against the device's key.
    void compareLogs(const Agent& agent)
    {
        const QString local = agentExport(agent);
        const QString witnessed = serverExport(agent);
        QVERIFY2(!local.isEmpty(), qPrintable(agent.name + QStringLiteral(": empty local export")));
        QVERIFY2(!witnessed.isEmpty(), qPrintable(agent.name + QStringLiteral(": empty server export")));
        int localDuplicates = 0;
        int serverDuplicates = 0;
        const QMap<qint64, QString> mine = exportedLeaves(local, &localDuplicates);
        const QMap<qint64, QString> theirs = exportedLeaves(witnessed, &serverDuplicates);
        QCOMPARE(serverDuplicates, 0);
        QCOMPARE(localDuplicates, 0);
        QCOMPARE(theirs.size(), mine.size());
        QCOMPARE(theirs.firstKey(), qint64(0));
        QCOMPARE(theirs.lastKey(), qint64(theirs.size() - 1));
        QVERIFY2(theirs == mine, qPrintable(agent.name + QStringLiteral(": the server's records differ")));
        QCOMPARE(serverRecords(agent), qint64(mine.size()));

        const QString file = agent.root + QStringLiteral("/server-export.jsonl");
        QVERIFY(corral::test::writeFile(file, witnessed.toUtf8()));
        const Output verified =
            corral(agent, {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--export"), file,
                           QStringLiteral("--pub"), agent.dataDir() + QStringLiteral("/device.pub")});
        QVERIFY2(verified.exitCode == 0 && verified.out.startsWith(QStringLiteral("ok: %1 records").arg(mine.size())),
                 qPrintable(verified.describe()));
    }

    // `corral audit verify` through the agent, and the witness's cosignature on its latest
    // checkpoint, which covers the whole log.
    void verifyAgentLog(const Agent& agent, qint64 size)
    {
        const Output verified = corral(agent, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0 && verified.out.startsWith(QStringLiteral("ok: ")),
                 qPrintable(verified.describe()));
        const QByteArray cosigned = corral::test::readFile(agent.auditDb() + QStringLiteral(".cosigned"));
        QVERIFY2(!cosigned.isEmpty(), qPrintable(agent.name + QStringLiteral(": no cosigned checkpoint")));
        QCOMPARE(cosigned.split('\n').value(1).toLongLong(), size);
        // The verifier key is "name+keyid+base64(0x04 || public key)" (base64 may hold '+').
        const QString name = m_witnessKey.section(QLatin1Char('+'), 0, 0);
        const QByteArray key = QByteArray::fromBase64(m_witnessKey.section(QLatin1Char('+'), 2).toLatin1());
        QCOMPARE(key.size(), 33);
        const corral::Result<quint64> checked = corral::server::verifyCosignature(cosigned, name, key.mid(1));
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().toString()));
    }

    // An admin call to the server's API; the HTTP status (0 when it cannot be reached). The
    // answer's body is kept in m_lastAnswer for failure messages.
    int adminCall(const QByteArray& method, const QString& path, const QByteArray& body = {})
    {
        QNetworkAccessManager manager;
        QNetworkRequest request(QUrl(url() + path));
        request.setRawHeader("Authorization", "Bearer " + m_adminToken.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setTransferTimeout(kCommandTimeoutMs);
        QNetworkReply* reply = manager.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_lastAnswer = QStringLiteral("%1 %2: HTTP %3 %4")
                           .arg(QString::fromLatin1(method), path)
                           .arg(httpStatus)
                           .arg(QString::fromUtf8(reply->readAll()));
        reply->deleteLater();
        return httpStatus;
    }

    // Builds the shipped policy bundle with `serial`, signed with the organisation's key.
    QString bundlePath(qint64 serial) const { return m_dir.filePath(QStringLiteral("bundle-%1.tar.gz").arg(serial)); }

    QString buildBundle(qint64 serial)
    {
        const QString file = bundlePath(serial);
        const Output built = corral(m_agents[0], {QStringLiteral("bundle"), QStringLiteral("build"),
                                                  corral::test::sourceDir() + QStringLiteral("/resources/bundle"),
                                                  QStringLiteral("--catalogs"), QStringLiteral("--serial"),
                                                  QString::number(serial), QStringLiteral("--revision"),
                                                  QStringLiteral("fleet-%1").arg(serial), QStringLiteral("-o"), file});
        if (built.exitCode != 0) {
            qWarning().noquote() << "bundle build:" << built.describe();
            return {};
        }
        const Output signedBundle = corral(m_agents[0], {QStringLiteral("bundle"), QStringLiteral("sign"), file,
                                                         QStringLiteral("-s"), m_organisationKey});
        if (signedBundle.exitCode != 0) {
            qWarning().noquote() << "bundle sign:" << signedBundle.describe();
            return {};
        }
        return file;
    }

    // POST /v1/bundles with the bundle and its signature.
    // `corral bundle push FILE` to the first server with the admin token.
    Output pushBundle(const QString& file)
    {
        return runCommand(QStringLiteral(CORRAL_CLI_EXE),
                          {QStringLiteral("bundle"), QStringLiteral("push"), file, QStringLiteral("--server"), url(),
                           QStringLiteral("--token"), m_adminToken},
                          baseEnvironment());
    }

    // Builds and pushes the next serial, then waits up to `timeoutMs` for `agents` to
    // activate it: `activeAfter[i]` is the time from the push, or -1.
    void pushNewBundle(const QList<const Agent*>& agents, int timeoutMs, QList<qint64>& activeAfter)
    {
        const QString bundle = buildBundle(++m_serial);
        QVERIFY(!bundle.isEmpty());
        QElapsedTimer pushed;
        pushed.start();
        const Output published = pushBundle(bundle);
        QVERIFY2(published.exitCode == 0 &&
                     published.out.startsWith(QStringLiteral("Published serial %1 ").arg(m_serial)),
                 qPrintable(published.describe()));
        activeAfter = QList<qint64>(agents.size(), -1);
        waitFor(
            [&] {
                for (qsizetype i = 0; i < agents.size(); ++i) {
                    if (activeAfter[i] < 0 && policySerial(*agents[i]) == m_serial)
                        activeAfter[i] = pushed.elapsed();
                }
                return !activeAfter.contains(-1);
            },
            timeoutMs, 20);
    }

    qint64 policySerial(const Agent& agent)
    {
        return status(agent).value(QStringLiteral("policy")).toObject().value(QStringLiteral("serial")).toInteger(-1);
    }

    Output runApp(const Agent& agent)
    {
        return corral(agent,
                      {QStringLiteral("run"), kApp, QStringLiteral("--input"), kPeriod, QStringLiteral("--json")});
    }

    // The last event `corral run --json` printed.
    static QJsonObject finishedEvent(const Output& run)
    {
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return lines.isEmpty() ? QJsonObject() : parseObject(lines.last());
    }

    QJsonObject appEntry(const Agent& agent)
    {
        const Output o = corral(agent, {QStringLiteral("apps"), QStringLiteral("list"), QStringLiteral("--json")});
        for (const QJsonValue& v : QJsonDocument::fromJson(o.out.toUtf8()).array()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == kApp)
                return v.toObject();
        }
        return {};
    }

    // The number of records `corral-server devices` lists for the device, -1 when absent.
    qint64 serverRecords(const Agent& agent)
    {
        const Output o = serverCli({QStringLiteral("devices")});
        for (const QString& line : o.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QStringList fields = line.split(QLatin1Char('\t'));
            if (fields.value(0) == agent.deviceId)
                return fields.value(3).section(QLatin1Char(' '), 0, 0).toLongLong();
        }
        return -1;
    }

    // Agents first (they would retry a missing server), then the server, then PostgreSQL.
    void stopAll()
    {
        for (Agent& a : m_agents)
            a.process.reset();
        m_server.reset();
        TestDatabase::stop();
    }

public:
    // Also when a step aborts the run: no process outlives the test.
    ~TestFleet() override { stopAll(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_elapsed.start();
        for (const char* exe : {CORRAL_CLI_EXE, CORRAL_AGENT_EXE, CORRAL_SERVER_EXE})
            QVERIFY2(QFileInfo(QString::fromUtf8(exe)).isExecutable(), exe);
        if (TestDatabase::postgres()) {
            const corral::Result<QString> database = TestDatabase::newDatabase();
            if (!database) {
                if (TestDatabase::shouldSkip(database.error()))
                    QSKIP(qPrintable(database.error().message));
                QFAIL(qPrintable(database.error().toString()));
            }
            m_database = *database;
        }

        // corral-server init, on the chosen database; it generates the organisation's key.
        m_serverData = m_dir.filePath(QStringLiteral("server"));
        QStringList init{QStringLiteral("init")};
        if (!m_database.isEmpty())
            init << QStringLiteral("--db") << m_database;
        const Output initialised = serverCli(init);
        QVERIFY2(initialised.exitCode == 0, qPrintable(initialised.describe()));
        const QRegularExpressionMatch admin =
            QRegularExpression(QStringLiteral("admin token \\(shown once\\): (\\S+)")).match(initialised.out);
        const QRegularExpressionMatch key =
            QRegularExpression(QStringLiteral("organisation bundle key \\(move it offline\\): (.+)\n"))
                .match(initialised.out);
        const QRegularExpressionMatch witness =
            QRegularExpression(QStringLiteral("witness key: (\\S+)")).match(initialised.out);
        QVERIFY2(admin.hasMatch() && key.hasMatch() && witness.hasMatch(), qPrintable(initialised.out));
        m_adminToken = admin.captured(1);
        m_organisationKey = key.captured(1);
        m_witnessKey = witness.captured(1);
        QVERIFY(startServer(0));

        for (int i = 0; i < 2; ++i) {
            prepareDesk(m_agents[i], i + 1);
            QVERIFY(startAgent(m_agents[i]));
        }
    }

    // Every step after the enrollment needs two enrolled agents and a running server.
    void init()
    {
        if (qstrcmp(QTest::currentTestFunction(), "enrollTwoAgents") == 0)
            return;
        if (!m_enrolled)
            QSKIP("the agents are not enrolled");
        if (!m_server || !m_server->running())
            QVERIFY(startServer(m_port));
    }

    void cleanup()
    {
        if (QTest::currentTestFailed()) {
            m_anyFailed = true;
            if (m_server) {
                // A step that failed while the server was frozen leaves it running for the next.
                m_server->signal(SIGCONT);
                qWarning().noquote() << "server log:" << m_server->logTail();
            }
            for (const Agent& a : m_agents) {
                if (a.process)
                    qWarning().noquote() << a.name << "log:" << a.process->logTail();
            }
        }
        qInfo("%s done at %.1f s", QTest::currentTestFunction(), double(m_elapsed.elapsed()) / 1000);
    }

    void cleanupTestCase()
    {
        stopAll();
        // The logs, databases and exports of a failed run stay for a look.
        if (m_anyFailed) {
            m_dir.setAutoRemove(false);
            qWarning("the fleet's folders are kept in %s", qPrintable(m_dir.path()));
        }
    }

    // Two enrollment tokens; each agent enrolls with one, restarts in managed mode, and the
    // server lists both devices. The organisation's first bundle makes their policy.
    void enrollTwoAgents()
    {
        const QString tokens[2] = {newEnrollToken(), newEnrollToken()};
        QVERIFY(!tokens[0].isEmpty() && !tokens[1].isEmpty());
        for (int i = 0; i < 2; ++i) {
            enroll(m_agents[i], url(), tokens[i]);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(m_agents[0].deviceId != m_agents[1].deviceId);
        const Output devices = serverCli({QStringLiteral("devices")});
        QVERIFY2(devices.exitCode == 0, qPrintable(devices.describe()));
        const QStringList lines = devices.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        for (const Agent& a : m_agents) {
            QVERIFY2(std::any_of(lines.begin(), lines.end(),
                                 [&](const QString& line) { return line.startsWith(a.deviceId + QLatin1Char('\t')); }),
                     qPrintable(devices.out));
        }

        // The organisation's first bundle.
        const QString bundle = buildBundle(m_serial);
        QVERIFY(!bundle.isEmpty());
        const Output published = pushBundle(bundle);
        QVERIFY2(published.exitCode == 0 &&
                     published.out.startsWith(QStringLiteral("Published serial %1 ").arg(m_serial)),
                 qPrintable(published.describe()));
        for (const Agent& a : m_agents)
            QVERIFY2(waitFor([&] { return policySerial(a) == m_serial; }, 10000, 100),
                     qPrintable(a.name + QStringLiteral(" did not activate the first bundle")));
        m_enrolled = true;
    }

    // Each agent saves and runs an app; the server then holds exactly each agent's log, cosigned.
    void runAndSync()
    {
        // sales-summarizer from its template, without its final write to the outbox (which
        // asks the person, and nobody is at these desktops).
        const QString generated = m_dir.filePath(QStringLiteral("generated.json"));
        const Output made = corral(m_agents[0], {QStringLiteral("manifest"), QStringLiteral("new"),
                                                 QStringLiteral("--template"), kApp, QStringLiteral("-o"), generated});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        QJsonObject manifest = QJsonDocument::fromJson(corral::test::readFile(generated)).object();
        QJsonArray steps;
        for (const QJsonValue& step : manifest.value(QStringLiteral("steps")).toArray()) {
            if (step.toObject().value(QStringLiteral("action")).toString() != QLatin1String("files.write"))
                steps.append(step);
        }
        QCOMPARE(steps.size(), manifest.value(QStringLiteral("steps")).toArray().size() - 1);
        manifest.insert(QStringLiteral("steps"), steps);
        const QString appFile = m_dir.filePath(QStringLiteral("app.json"));
        QVERIFY(corral::test::writeFile(appFile, QJsonDocument(manifest).toJson()));

        for (const Agent& a : m_agents) {
            const Output saved = corral(a, {QStringLiteral("apps"), QStringLiteral("save"), appFile});
            QVERIFY2(saved.exitCode == 0, qPrintable(saved.describe()));
            const Output run = runApp(a);
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            const QJsonObject finished = finishedEvent(run);
            QCOMPARE(finished.value(QStringLiteral("event")).toString(), QStringLiteral("run.finished"));
            QCOMPARE(finished.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
            QVERIFY(finished.value(QStringLiteral("outputs"))
                        .toObject()
                        .value(QStringLiteral("summary"))
                        .toString()
                        .contains(QStringLiteral("Acme")));
        }
        for (const Agent& a : m_agents) {
            QString why;
            QVERIFY2(waitSynced(a, 15000, &why), qPrintable(why));
            compareLogs(a);
            if (QTest::currentTestFailed())
                return;
            verifyAgentLog(a, serverRecords(a));
            if (QTest::currentTestFailed())
                return;
            // The run is in the witnessed log, which exports in the SIEM formats too, one
            // event per line.
            QVERIFY(serverExport(a).contains(QStringLiteral("\"type\":\"model.called\"")));
            for (const char* format : {"ocsf", "cef", "syslog"}) {
                const Output exported =
                    serverCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--device"),
                               a.deviceId, QStringLiteral("--format"), QString::fromLatin1(format)});
                QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
                QCOMPARE(exported.out.count(QLatin1Char('\n')), serverRecords(a));
            }
        }
    }

    // A bundle pushed to the server is active on both agents within 2 s.
    void bundlePushReachesEveryAgent()
    {
        QList<qint64> activeAfter;
        pushNewBundle({&m_agents[0], &m_agents[1]}, 10000, activeAfter);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(activeAfter[0] >= 0 && activeAfter[1] >= 0,
                 "the pushed bundle did not become active on both agents within 10 s");
        qInfo("serial %lld active on agent 1 after %lld ms, on agent 2 after %lld ms", m_serial, activeAfter[0],
              activeAfter[1]);
        QVERIFY2(activeAfter[0] <= 2000 && activeAfter[1] <= 2000, "not active on every agent within 2 s");
        for (const Agent& a : m_agents)
            QCOMPARE(sync(a).value(QStringLiteral("bundle_serial")).toInteger(), m_serial);
        QVERIFY2(adminCall("GET", QStringLiteral("/metrics")) == 200 &&
                     m_lastAnswer.contains(QStringLiteral("\ncorral_bundle_serial %1\n").arg(m_serial)),
                 qPrintable(m_lastAnswer));
        // Each agent reported the activation; the admin sees it per device.
        for (const Agent& a : m_agents) {
            const QString activated =
                QStringLiteral("\t%1\tbundle.activated\tserial %2\n").arg(a.deviceId).arg(m_serial);
            QVERIFY2(waitFor(
                         [&] {
                             return serverCli({QStringLiteral("reports"), QStringLiteral("--device"), a.deviceId})
                                 .out.contains(activated);
                         },
                         5000, 100),
                     qPrintable(a.name + QStringLiteral(" reported no activation of serial %1").arg(m_serial)));
        }
        // A bundle that is not newer is refused.
        const Output stale = pushBundle(bundlePath(m_serial)); // the one just published
        QVERIFY2(stale.exitCode == 1 && stale.err.contains(QStringLiteral("bundle.serial_not_newer")),
                 qPrintable(stale.describe()));
    }

    // A pause order for every device stops the app on both agents; lifting it resumes them.
    // An order for one device stops it there only.
    void pauseAndResume()
    {
        QVERIFY2(adminCall("POST", QStringLiteral("/v1/apps/%1/pause").arg(kApp)) == 201, qPrintable(m_lastAnswer));
        for (const Agent& a : m_agents) {
            QVERIFY2(waitFor([&] { return sync(a).value(QStringLiteral("paused_apps")).toArray() == QJsonArray{kApp}; },
                             5000),
                     qPrintable(a.name + QStringLiteral(" did not apply the pause order")));
            const Output paused = runApp(a);
            QVERIFY2(paused.exitCode == 6, qPrintable(paused.describe()));
            QVERIFY2(paused.err.contains(QStringLiteral("paused by the organisation's administrator")),
                     qPrintable(paused.err));
            // The person cannot lift the organisation's pause.
            const Output refused = corral(a, {QStringLiteral("apps"), QStringLiteral("resume"), kApp});
            QVERIFY2(refused.exitCode != 0 && refused.err.contains(QStringLiteral("app.paused-by-organisation")),
                     qPrintable(refused.describe()));
            const Output still = runApp(a);
            QVERIFY2(still.exitCode == 6, qPrintable(still.describe()));
        }
        QVERIFY2(adminCall("POST", QStringLiteral("/v1/apps/%1/resume").arg(kApp)) == 201, qPrintable(m_lastAnswer));
        for (const Agent& a : m_agents) {
            QVERIFY2(waitFor([&] { return sync(a).value(QStringLiteral("paused_apps")).toArray().isEmpty(); }, 5000),
                     qPrintable(a.name + QStringLiteral(" did not apply the resume order")));
            const Output run = runApp(a);
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        }

        // An order for one device, given with `corral-server apps pause` (another process
        // than the serving one), pauses the app there only.
        const QByteArray second =
            QJsonDocument(QJsonObject{{QStringLiteral("device"), m_agents[1].deviceId}}).toJson(QJsonDocument::Compact);
        const Output ordered =
            serverCli({QStringLiteral("apps"), QStringLiteral("pause"), kApp, QStringLiteral("--device"),
                       m_agents[1].deviceId, QStringLiteral("--as"), QStringLiteral("Ada Admin")});
        QVERIFY2(ordered.exitCode == 0 &&
                     ordered.out.endsWith(QStringLiteral("\tpause\t%1\t%2\n").arg(kApp, m_agents[1].deviceId)),
                 qPrintable(ordered.describe()));
        QVERIFY2(
            waitFor(
                [&] { return sync(m_agents[1]).value(QStringLiteral("paused_apps")).toArray() == QJsonArray{kApp}; },
                5000),
            "agent 2 did not apply the order addressed to it");
        QCOMPARE(runApp(m_agents[1]).exitCode, 6);
        QVERIFY(sync(m_agents[0]).value(QStringLiteral("paused_apps")).toArray().isEmpty());
        QCOMPARE(runApp(m_agents[0]).exitCode, 0);
        QVERIFY2(adminCall("POST", QStringLiteral("/v1/apps/%1/resume").arg(kApp), second) == 201,
                 qPrintable(m_lastAnswer));
        QVERIFY2(
            waitFor([&] { return sync(m_agents[1]).value(QStringLiteral("paused_apps")).toArray().isEmpty(); }, 5000),
            "agent 2 did not apply the resume order addressed to it");
        QCOMPARE(runApp(m_agents[1]).exitCode, 0);
    }

    // Both agents ask for production. A reviewer approves agent 1's request with the server's
    // command line and rejects agent 2's over the API; each signed decision reaches its
    // agent, which shows the app's new stage, and both sides audit every step.
    void productionApproval()
    {
        const QString reasons[2] = {QStringLiteral("The sales team uses it every Monday"),
                                    QStringLiteral("Trying it out for the regional office")};
        for (int i = 0; i < 2; ++i) {
            const Output requested = corral(m_agents[i], {QStringLiteral("apps"), QStringLiteral("request-production"),
                                                          kApp, QStringLiteral("--reason"), reasons[i]});
            QVERIFY2(requested.exitCode == 0, qPrintable(requested.describe()));
            const QJsonObject app = appEntry(m_agents[i]);
            QCOMPARE(app.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
            QCOMPARE(app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("state")).toString(),
                     QStringLiteral("pending"));
        }

        const Output pending =
            serverCli({QStringLiteral("approvals"), QStringLiteral("--state"), QStringLiteral("pending")});
        QVERIFY2(pending.exitCode == 0, qPrintable(pending.describe()));
        const QStringList lines = pending.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QString ids[2];
        for (const QString& line : lines) {
            const QStringList fields = line.split(QLatin1Char('\t'));
            QCOMPARE(fields.value(1), QStringLiteral("pending"));
            QCOMPARE(fields.value(2), kApp);
            const int i = fields.value(4) == m_agents[0].deviceId ? 0 : 1;
            QCOMPARE(fields.value(4), m_agents[i].deviceId);
            QCOMPARE(fields.value(5), reasons[i]);
            ids[i] = fields.value(0);
        }

        // Approved with `corral-server approvals approve`, another process than the serving
        // one: the serving server notices the commit (PostgreSQL notification, SQLite
        // data_version) and answers the agent's waiting long-poll within 2 s.
        const Output approved = serverCli({QStringLiteral("approvals"), QStringLiteral("approve"), ids[0],
                                           QStringLiteral("--as"), QStringLiteral("Rita Reviewer")});
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.describe()));
        QCOMPARE(approved.out, QStringLiteral("%1\tapproved by Rita Reviewer\n").arg(ids[0]));
        QElapsedTimer decided;
        decided.start();
        QVERIFY2(waitFor(
                     [&] {
                         return appEntry(m_agents[0]).value(QStringLiteral("stage")).toString() ==
                                QLatin1String("production");
                     },
                     2000, 50),
                 qPrintable(QStringLiteral("agent 1 does not show the app in production: %1\n%2")
                                .arg(QString::fromUtf8(QJsonDocument(appEntry(m_agents[0])).toJson()),
                                     m_agents[0].process->logTail())));
        qInfo("the approval made with the command line reached agent 1 after %lld ms", decided.elapsed());
        const QJsonObject approval = appEntry(m_agents[0]).value(QStringLiteral("approval")).toObject();
        QCOMPARE(approval.value(QStringLiteral("state")).toString(), QStringLiteral("approved"));
        QCOMPARE(approval.value(QStringLiteral("reviewer")).toString(), QStringLiteral("Rita Reviewer"));

        // Rejected over the API by a reviewer's token: the server wakes the agent's poll.
        const Output token = serverCli({QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("create"),
                                        QStringLiteral("--role"), QStringLiteral("reviewer"), QStringLiteral("--name"),
                                        QStringLiteral("Rex Reviewer")});
        QVERIFY2(token.exitCode == 0, qPrintable(token.describe()));
        const QString adminToken = m_adminToken;
        m_adminToken = token.out.trimmed();
        decided.restart();
        const int rejected = adminCall(
            "POST", QStringLiteral("/v1/approvals/%1/decision").arg(ids[1]),
            QJsonDocument(QJsonObject{{QStringLiteral("decision"), QStringLiteral("reject")},
                                      {QStringLiteral("note"), QStringLiteral("Use the shared sales app instead")}})
                .toJson(QJsonDocument::Compact));
        m_adminToken = adminToken;
        QVERIFY2(rejected == 200, qPrintable(m_lastAnswer));
        QVERIFY2(waitFor(
                     [&] {
                         return appEntry(m_agents[1])
                                    .value(QStringLiteral("approval"))
                                    .toObject()
                                    .value(QStringLiteral("state"))
                                    .toString() == QLatin1String("rejected");
                     },
                     2000, 50),
                 qPrintable(QStringLiteral("agent 2 did not get the rejection within 2 s: %1")
                                .arg(QString::fromUtf8(QJsonDocument(appEntry(m_agents[1])).toJson()))));
        qInfo("the rejection made over the API reached agent 2 after %lld ms", decided.elapsed());
        const QJsonObject rejection = appEntry(m_agents[1]);
        QCOMPARE(rejection.value(QStringLiteral("stage")).toString(), QStringLiteral("development"));
        QCOMPARE(rejection.value(QStringLiteral("approval")).toObject().value(QStringLiteral("reviewer")).toString(),
                 QStringLiteral("Rex Reviewer"));
        QCOMPARE(appEntry(m_agents[0]).value(QStringLiteral("stage")).toString(), QStringLiteral("production"));

        // The server recorded the reviewers; each agent's witnessed log holds its request
        // and the decision.
        const Output approvedList =
            serverCli({QStringLiteral("approvals"), QStringLiteral("--state"), QStringLiteral("approved")});
        QVERIFY2(approvedList.out.startsWith(ids[0] + QLatin1Char('\t')) &&
                     approvedList.out.trimmed().endsWith(QStringLiteral("\tRita Reviewer")),
                 qPrintable(approvedList.out));
        const Output rejectedList =
            serverCli({QStringLiteral("approvals"), QStringLiteral("--state"), QStringLiteral("rejected")});
        QVERIFY2(rejectedList.out.startsWith(ids[1] + QLatin1Char('\t')) &&
                     rejectedList.out.trimmed().endsWith(QStringLiteral("\tRex Reviewer")),
                 qPrintable(rejectedList.out));
        for (const Agent& a : m_agents) {
            QString why;
            QVERIFY2(waitSynced(a, 15000, &why), qPrintable(why));
            const QString witnessed = serverExport(a);
            QVERIFY(witnessed.contains(QStringLiteral("\"type\":\"approval.requested\"")));
            QVERIFY(witnessed.contains(QStringLiteral("\"type\":\"approval.decided\"")));
        }
    }

    // The server is killed (SIGKILL) twice while both agents upload a stream of records and
    // restarted on the same data and port each time: every record arrives exactly once.
    void serverKilledDuringUploads()
    {
        // Notes through the agent protocol, pipelined on one connection per agent, so the
        // logs grow fast while the agents upload every kSyncIntervalMs.
        int answered[2] = {0, 0};
        std::unique_ptr<QLocalSocket> sockets[2];
        for (int i = 0; i < 2; ++i) {
            sockets[i] = std::make_unique<QLocalSocket>();
            sockets[i]->connectToServer(m_agents[i].root + QStringLiteral("/run/corral/agent.sock"));
            QVERIFY2(sockets[i]->waitForConnected(5000), qPrintable(sockets[i]->errorString()));
            QObject::connect(sockets[i].get(), &QLocalSocket::readyRead, sockets[i].get(), [&, i] {
                while (sockets[i]->canReadLine()) {
                    const QJsonObject answer = QJsonDocument::fromJson(sockets[i]->readLine()).object();
                    if (answer.contains(QStringLiteral("result")))
                        ++answered[i];
                    else
                        qWarning().noquote()
                            << m_agents[i].name
                            << "refused a note:" << QJsonDocument(answer).toJson(QJsonDocument::Compact);
                }
            });
        }
        int sent = 0;
        const auto sendBatch = [&](int count) {
            for (int n = 0; n < count; ++n, ++sent) {
                for (auto& socket : sockets) {
                    socket->write(QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                                            {QStringLiteral("id"), sent + 1},
                                                            {QStringLiteral("method"), QStringLiteral("audit.note")},
                                                            {QStringLiteral("params"),
                                                             QJsonObject{{QStringLiteral("text"),
                                                                          QStringLiteral("load %1").arg(sent)}}}})
                                      .toJson(QJsonDocument::Compact) +
                                  '\n');
                }
            }
        };
        const auto state = [&](int i) { return sync(m_agents[i]).value(QStringLiteral("state")).toString(); };
        const qint64 before[2] = {serverRecords(m_agents[0]), serverRecords(m_agents[1])};

        // 1. Load until the server has taken part of it from both agents; freeze the server so
        // both agents have an upload in flight, and kill it.
        QElapsedTimer loading;
        loading.start();
        QVERIFY2(waitFor(
                     [&] {
                         if (sent < kLoadRecords / 4)
                             sendBatch(25);
                         return serverRecords(m_agents[0]) > before[0] + 20 &&
                                serverRecords(m_agents[1]) > before[1] + 20;
                     },
                     20000, 100),
                 "the server did not receive the agents' uploads");
        m_server->signal(SIGSTOP);
        sendBatch(100);
        QVERIFY2(
            waitFor([&] { return state(0) == QLatin1String("syncing") && state(1) == QLatin1String("syncing"); }, 5000),
            "the agents had no upload in flight when the server froze");
        const qint64 firstKill[2] = {serverRecords(m_agents[0]), serverRecords(m_agents[1])};
        m_server->kill();
        qInfo("killed a frozen server with uploads in flight after %lld ms of load: it held %lld and %lld records, "
              "%d notes sent",
              loading.elapsed(), firstKill[0], firstKill[1], sent);

        // The agents keep their records while the server is away.
        sendBatch(kLoadRecords - sent);
        QVERIFY2(waitFor([&] { return answered[0] == sent && answered[1] == sent; }, 60000),
                 qPrintable(QStringLiteral("the agents answered %1 and %2 of %3 notes")
                                .arg(answered[0])
                                .arg(answered[1])
                                .arg(sent)));
        QVERIFY2(waitFor([&] { return state(0) == QLatin1String("offline") && state(1) == QLatin1String("offline"); },
                         10000),
                 "the agents do not report the server offline");

        // 2. Restarted but frozen until both agents retry, the server is let go and killed
        // again while it takes their backlogs.
        const quint16 port = m_port;
        QVERIFY(startServer(port));
        QCOMPARE(m_port, port);
        m_server->signal(SIGSTOP);
        QVERIFY2(waitFor([&] { return state(0) == QLatin1String("syncing") && state(1) == QLatin1String("syncing"); },
                         20000),
                 "the agents did not retry their uploads after the restart");
        m_server->signal(SIGCONT);
        QTest::qWait(kCatchUpKillDelayMs);
        m_server->kill();
        qInfo("killed the server during the catch-up: it held %lld and %lld records, the agents had %lld and %lld "
              "cosigned",
              serverRecords(m_agents[0]), serverRecords(m_agents[1]),
              sync(m_agents[0]).value(QStringLiteral("witnessed_size")).toInteger(),
              sync(m_agents[1]).value(QStringLiteral("witnessed_size")).toInteger());

        // 3. Restarted for good: both logs arrive whole, once.
        QVERIFY(startServer(port));
        QElapsedTimer restarted;
        restarted.start();
        for (const Agent& a : m_agents) {
            QString why;
            QVERIFY2(waitSynced(a, 30000, &why), qPrintable(why));
            qInfo("%s synced %lld records %lld ms after the restart", qPrintable(a.name), serverRecords(a),
                  restarted.elapsed());
            compareLogs(a);
            if (QTest::currentTestFailed())
                return;
            verifyAgentLog(a, serverRecords(a));
            if (QTest::currentTestFailed())
                return;
        }
        // The restarted server's metrics count both logs whole.
        QVERIFY2(adminCall("GET", QStringLiteral("/metrics")) == 200, qPrintable(m_lastAnswer));
        for (const Agent& a : m_agents) {
            const QString gauge =
                QStringLiteral("corral_device_log_size{device=\"%1\"} %2\n").arg(a.deviceId).arg(serverRecords(a));
            QVERIFY2(m_lastAnswer.contains(gauge), qPrintable(m_lastAnswer));
        }
        // Nothing in the interruptions looked like tampering to the witness.
        const Output alerts = serverCli({QStringLiteral("alerts"), QStringLiteral("--all")});
        QVERIFY2(alerts.exitCode == 0, qPrintable(alerts.describe()));
        QVERIFY2(alerts.out.isEmpty(), qPrintable(alerts.out));
    }

    // PostgreSQL only: a second server on the same database serves a third desktop. A
    // bundle pushed to the first server is active on the agents of both within 2 s, a pause
    // order given to the first reaches the third desktop, and its log, witnessed by the
    // second server, is exported whole by the first.
    void twoServersShareOneDatabase()
    {
        if (m_database.isEmpty())
            QSKIP("servers share a database only on PostgreSQL");
        Child second(m_dir.filePath(QStringLiteral("server-b.log")));
        const quint16 secondPort = serve(second, m_dir.filePath(QStringLiteral("server-b")), 0, m_database);
        QVERIFY(secondPort != 0);
        const QString secondUrl = QStringLiteral("http://127.0.0.1:%1").arg(secondPort);
        Agent third;
        prepareDesk(third, 3);
        QVERIFY(startAgent(third));
        const QString token = newEnrollToken();
        QVERIFY(!token.isEmpty());
        enroll(third, secondUrl, token);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(waitFor([&] { return policySerial(third) == m_serial; }, 10000, 100),
                 "the third agent did not activate the organisation's bundle");
        const Output devices = serverCli({QStringLiteral("devices")});
        QCOMPARE(devices.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 3);

        QList<qint64> activeAfter;
        pushNewBundle({&m_agents[0], &third}, 40000, activeAfter);
        if (QTest::currentTestFailed())
            return;
        qInfo("serial %lld pushed to the first server: active on its agent after %lld ms, on the second server's "
              "after %lld ms",
              m_serial, activeAfter[0], activeAfter[1]);
        QVERIFY2(activeAfter[0] >= 0 && activeAfter[0] <= 2000, "not active on the first server's agent within 2 s");
        QVERIFY2(activeAfter[1] >= 0 && activeAfter[1] <= 2000, "not active on the second server's agent within 2 s");

        QElapsedTimer ordered;
        ordered.start();
        QVERIFY2(adminCall("POST", QStringLiteral("/v1/apps/%1/pause").arg(kApp)) == 201, qPrintable(m_lastAnswer));
        const bool paused = waitFor(
            [&] { return sync(third).value(QStringLiteral("paused_apps")).toArray() == QJsonArray{kApp}; }, 40000);
        qInfo("the pause order given to the first server reached the second server's agent after %lld ms",
              ordered.elapsed());
        QVERIFY2(adminCall("POST", QStringLiteral("/v1/apps/%1/resume").arg(kApp)) == 201, qPrintable(m_lastAnswer));
        QVERIFY2(paused && ordered.elapsed() <= 2000, "the pause order did not reach the second server's agent in 2 s");

        const Output note = corral(third, {QStringLiteral("audit"), QStringLiteral("note"), QStringLiteral("hello")});
        QVERIFY2(note.exitCode == 0, qPrintable(note.describe()));
        QString why;
        QVERIFY2(waitSynced(third, 15000, &why), qPrintable(why));
        compareLogs(third);
    }
};

QTEST_GUILESS_MAIN(TestFleet)
#include "TestFleet.moc"
