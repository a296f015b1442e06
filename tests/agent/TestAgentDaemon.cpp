// SPDX-License-Identifier: Apache-2.0
// corral-agent as a real process, isolated by XDG_* variables pointing into a temporary
// folder, driven over its socket with AgentClient: status, a second instance refused,
// malformed and oversized messages answered without losing the connection, apps saved
// with validation, apps surviving SIGKILL, clean shutdown on SIGTERM, start on demand.
#include "agent/AgentClient.h"
#include "catalog/TemplateCatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <csignal>
#include <sys/stat.h>

using namespace corral;
using namespace corral::agent;

namespace {

const QString kAgent = QStringLiteral(CORRAL_AGENT_BINARY);

QByteArray validManifest(const QString& version)
{
    return QStringLiteral("{\n\"name\": \"sales-summarizer\",\n\"version\": \"%1\",\n\"model\": \"gpt-4o-plat-2026\",\n"
                          "\"max_tokens\": 800,\n\"max_requests_per_minute\": 30,\n\"data_handling\": \"no-pii\",\n"
                          "\"connectors\": [\"sales-crm\", \"s3\"],\n\"approval_required\": true\n}\n")
        .arg(version)
        .toUtf8();
}

} // namespace

class TestAgentDaemon : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env;

    QString socketPath() const { return m_home.filePath(QStringLiteral("runtime/corral/agent.sock")); }

    // Starts an agent and waits until it listens.
    std::unique_ptr<QProcess> startAgent()
    {
        auto agent = std::make_unique<QProcess>();
        agent->setProcessEnvironment(m_env);
        agent->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        agent->start(kAgent, {});
        if (!agent->waitForStarted(5000))
            return nullptr;
        for (int i = 0; i < 200; ++i) {
            QLocalSocket probe;
            probe.connectToServer(socketPath());
            if (probe.waitForConnected(100))
                return agent;
            QTest::qWait(25);
        }
        return nullptr;
    }

    // Stops the agent with SIGTERM (or `signalNumber`) and checks it exits cleanly.
    static void stopAgent(QProcess& agent, int signalNumber = SIGTERM)
    {
        ::kill(pid_t(agent.processId()), signalNumber);
        QVERIFY(agent.waitForFinished(10000));
        QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
        QCOMPARE(agent.exitCode(), 0);
    }

    // One raw exchange: writes `bytes` and returns the next line the agent sends.
    static QJsonObject exchange(QLocalSocket& socket, const QByteArray& bytes)
    {
        socket.write(bytes);
        socket.flush();
        while (!socket.canReadLine()) {
            if (!socket.waitForReadyRead(10000))
                return {};
        }
        return QJsonDocument::fromJson(socket.readLine()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo(kAgent).isExecutable());
        QVERIFY(m_home.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("runtime")));
        m_env.insert(QStringLiteral("CORRAL_DATA_DIR"), QStringLiteral(CORRAL_SOURCE_DIR));
    }

    void statusAndPrivateSocket()
    {
        auto agent = startAgent();
        QVERIFY(agent);
        AgentClient client;
        QVERIFY(client.connectTo(socketPath()).ok());
        Result<QJsonValue> status = client.call(QStringLiteral("agent.status"));
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().toString()));
        const QJsonObject s = status->toObject();
        QCOMPARE(s.value(QStringLiteral("pid")).toInteger(), agent->processId());
        QCOMPARE(s.value(QStringLiteral("version")).toString(), QStringLiteral(CORRAL_VERSION));
        QCOMPARE(s.value(QStringLiteral("socket")).toString(), socketPath());
        QVERIFY(s.value(QStringLiteral("uptime_ms")).toInteger() >= 0);
        // Standalone: the built-in bundle, signed with the local admin key, is active.
        const QJsonObject policy = s.value(QStringLiteral("policy")).toObject();
        QCOMPARE(policy.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
        QCOMPARE(policy.value(QStringLiteral("mode")).toString(), QStringLiteral("standalone"));
        QVERIFY(policy.value(QStringLiteral("serial")).toInteger() > 0);
        QCOMPARE(policy.value(QStringLiteral("sha256")).toString().size(), 64);
        QVERIFY(!policy.contains(QStringLiteral("error")));

        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(socketPath()).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_mode & 0077, 0u);
        QCOMPARE(::stat(QFile::encodeName(QFileInfo(socketPath()).path()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0700u);

        Result<QJsonValue> templates = client.call(QStringLiteral("templates.list"));
        QVERIFY(templates.ok());
        QStringList ids;
        for (const QJsonValue& t : templates->toObject().value(QStringLiteral("templates")).toArray())
            ids.append(t.toObject().value(QStringLiteral("id")).toString());
        QVERIFY(ids.contains(QStringLiteral("sales-summarizer")));
        QVERIFY(ids.contains(QStringLiteral("incident-triage")));

        // Unknown parameters are named.
        Result<QJsonValue> typo = client.call(QStringLiteral("agent.status"), QJsonObject{{QStringLiteral("x"), 1}});
        QCOMPARE(typo.error().code, QStringLiteral("rpc.-32602"));
        QCOMPARE(typo.error().message, QStringLiteral("Invalid params: unknown parameter \"x\""));
        stopAgent(*agent);
        QVERIFY(!QFileInfo::exists(socketPath()));
    }

    void secondInstanceIsRefused()
    {
        auto agent = startAgent();
        QVERIFY(agent);
        QProcess second;
        second.setProcessEnvironment(m_env);
        second.start(kAgent, {});
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 3);
        const QString err = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("agent.already-running: another Corral agent is already running for "
                                             "this user (pid %1")
                                  .arg(agent->processId())),
                 qPrintable(err));
        // An agent with another data folder but the same runtime folder must not take over
        // the live socket.
        QProcess other;
        QProcessEnvironment otherEnv = m_env;
        otherEnv.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("other-data")));
        other.setProcessEnvironment(otherEnv);
        other.start(kAgent, {});
        QVERIFY(other.waitForFinished(10000));
        QCOMPARE(other.exitCode(), 1);
        const QString otherErr = QString::fromUtf8(other.readAllStandardError());
        QVERIFY2(
            otherErr.contains(QStringLiteral("agent.socket: another process is listening on %1").arg(socketPath())),
            qPrintable(otherErr));

        // The first one still answers.
        AgentClient client;
        QVERIFY(client.connectTo(socketPath()).ok());
        QVERIFY(client.call(QStringLiteral("agent.status")).ok());
        stopAgent(*agent);
    }

    void malformedMessagesKeepTheConnection()
    {
        auto agent = startAgent();
        QVERIFY(agent);
        QLocalSocket socket;
        socket.connectToServer(socketPath());
        QVERIFY(socket.waitForConnected(5000));

        QJsonObject reply = exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":1,\"meth\n");
        QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32700);
        QVERIFY(reply.value(QStringLiteral("id")).isNull());

        QByteArray huge = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"agent.status\",\"params\":{\"pad\":\"";
        huge += QByteArray(1024 * 1024, 'a');
        huge += "\"}}\n";
        reply = exchange(socket, huge);
        QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32600);

        reply = exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no.such\"}\n");
        QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32601);
        QCOMPARE(reply.value(QStringLiteral("id")).toInt(), 3);

        reply = exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"apps.get\",\"params\":{\"name\":7}}\n");
        QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32602);
        QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Invalid params: \"name\" has the wrong type"));

        reply = exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"apps.get\",\"params\":[\"x\"]}\n");
        QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32602);

        reply =
            exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"apps.get\",\"params\":{\"name\":\"../x\"}}\n");
        QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Invalid params: \"name\" must be 1 to 64 letters, digits, '-', '_' or '.'"));

        reply = exchange(socket, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"agent.status\"}\n");
        QCOMPARE(reply.value(QStringLiteral("id")).toInt(), 7);
        QCOMPARE(reply.value(QStringLiteral("result")).toObject().value(QStringLiteral("pid")).toInteger(),
                 agent->processId());
        QCOMPARE(agent->state(), QProcess::Running);
        stopAgent(*agent);
    }

    void invalidManifestIsRefusedWithItsProblems()
    {
        auto agent = startAgent();
        QVERIFY(agent);
        AgentClient client;
        QVERIFY(client.connectTo(socketPath()).ok());
        QByteArray bad = validManifest(QStringLiteral("1.0.0"));
        bad.replace("\"max_tokens\": 800", "\"max_tokens\": \"many\"");
        Result<QJsonValue> saved =
            client.call(QStringLiteral("apps.save"), QJsonObject{{QStringLiteral("manifest"), QString::fromUtf8(bad)}});
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, QStringLiteral("manifest.schema"));
        QVERIFY2(saved.error().message.startsWith(QStringLiteral("invalid manifest: 5:15: ")),
                 qPrintable(saved.error().message));

        Result<QJsonValue> notJson = client.call(
            QStringLiteral("apps.save"), QJsonObject{{QStringLiteral("manifest"), QStringLiteral("{\"name\":")}});
        QVERIFY(!notJson.ok());
        QVERIFY2(notJson.error().code.startsWith(QStringLiteral("manifest.")), qPrintable(notJson.error().code));

        Result<QJsonValue> missing = client.call(QStringLiteral("apps.save"), QJsonObject{});
        QCOMPARE(missing.error().code, QStringLiteral("rpc.-32602"));
        QCOMPARE(missing.error().message, QStringLiteral("Invalid params: \"manifest\" is required"));

        // Nothing was stored.
        Result<QJsonValue> list = client.call(QStringLiteral("apps.list"));
        QVERIFY(list.ok());
        QCOMPARE(list->toObject().value(QStringLiteral("apps")).toArray().size(), 0);
        stopAgent(*agent, SIGINT);
        QVERIFY(!QFileInfo::exists(socketPath()));
    }

    void appsSurviveSigkill()
    {
        auto agent = startAgent();
        QVERIFY(agent);
        {
            AgentClient client;
            QVERIFY(client.connectTo(socketPath()).ok());
            for (const QString& version : {QStringLiteral("1.0.0"), QStringLiteral("1.1.0")}) {
                Result<QJsonValue> saved =
                    client.call(QStringLiteral("apps.save"),
                                QJsonObject{{QStringLiteral("manifest"), QString::fromUtf8(validManifest(version))}});
                QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
                QCOMPARE(saved->toObject().value(QStringLiteral("created")).toBool(), true);
            }
            // Saving the same text again adds no revision.
            Result<QJsonValue> again = client.call(
                QStringLiteral("apps.save"),
                QJsonObject{{QStringLiteral("manifest"), QString::fromUtf8(validManifest(QStringLiteral("1.1.0")))}});
            QVERIFY(again.ok());
            QCOMPARE(again->toObject().value(QStringLiteral("created")).toBool(), false);
            QCOMPARE(again->toObject().value(QStringLiteral("revision")).toInt(), 2);
        }
        agent->kill();
        QVERIFY(agent->waitForFinished(5000));
        QVERIFY(QFileInfo::exists(socketPath())); // left behind by the killed agent

        agent = startAgent();
        QVERIFY(agent);
        AgentClient client;
        QVERIFY(client.connectTo(socketPath()).ok());
        Result<QJsonValue> list = client.call(QStringLiteral("apps.list"));
        QVERIFY(list.ok());
        const QJsonArray apps = list->toObject().value(QStringLiteral("apps")).toArray();
        QCOMPARE(apps.size(), 1);
        QCOMPARE(apps.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("sales-summarizer"));
        QCOMPARE(apps.at(0).toObject().value(QStringLiteral("version")).toString(), QStringLiteral("1.1.0"));

        Result<QJsonValue> versions = client.call(
            QStringLiteral("apps.versions"), QJsonObject{{QStringLiteral("name"), QStringLiteral("sales-summarizer")}});
        QVERIFY(versions.ok());
        QCOMPARE(versions->toObject().value(QStringLiteral("revisions")).toArray().size(), 2);

        Result<QJsonValue> first = client.call(
            QStringLiteral("apps.get"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("sales-summarizer")}, {QStringLiteral("revision"), 1}});
        QVERIFY(first.ok());
        QCOMPARE(first->toObject().value(QStringLiteral("manifest")).toString().toUtf8(),
                 validManifest(QStringLiteral("1.0.0")));

        Result<QJsonValue> removed = client.call(
            QStringLiteral("apps.delete"), QJsonObject{{QStringLiteral("name"), QStringLiteral("sales-summarizer")}});
        QVERIFY(removed.ok());
        QCOMPARE(removed->toObject().value(QStringLiteral("revisions_removed")).toInt(), 2);
        Result<QJsonValue> gone = client.call(
            QStringLiteral("apps.get"), QJsonObject{{QStringLiteral("name"), QStringLiteral("sales-summarizer")}});
        QCOMPARE(gone.error().code, QStringLiteral("app.not-found"));
        QCOMPARE(gone.error().message, QStringLiteral("no app named \"sales-summarizer\""));
        stopAgent(*agent);
    }

    // A run waits for a confirmation with its first records acknowledged; the agent is
    // killed; the next agent repairs nothing it acknowledged and the log verifies.
    void killDuringRunLosesNoAcknowledgedAuditRecord()
    {
        const QString home = m_home.filePath(QStringLiteral("home"));
        QDir().mkpath(home + QStringLiteral("/Documents/Sales"));
        QDir().mkpath(home + QStringLiteral("/Corral/Outbox"));
        QFile notes(home + QStringLiteral("/Documents/Sales/notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write(
            "Acme signed the renewal. Globex is at risk because of a budget cut. Next step: send the proposal.\n");
        notes.close();
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("HOME"), home);
        const QProcessEnvironment saved = m_env;
        m_env = env;
        auto agent = startAgent();
        QVERIFY(agent);
        qint64 acknowledged = 0;
        {
            AgentClient client;
            QVERIFY(client.connectTo(socketPath()).ok());
            Result<catalog::TemplateCatalog> templates = catalog::TemplateCatalog::loadDefault();
            QVERIFY(templates.ok());
            const QJsonObject manifest =
                catalog::previewManifest(*templates->find(QStringLiteral("sales-summarizer"))).value();
            QVERIFY(client
                        .call(QStringLiteral("apps.save"),
                              QJsonObject{
                                  {QStringLiteral("manifest"), QString::fromUtf8(QJsonDocument(manifest).toJson())}})
                        .ok());
            AgentClient observer;
            QVERIFY(observer.connectTo(socketPath()).ok());
            // Asked to confirm the write: the records before it are acknowledged. Note how
            // many, then kill the agent while it waits for the answer.
            client.setHandler(QStringLiteral("confirm.request"), [&](const QJsonValue&) -> ipc::HandlerResult {
                const Result<QJsonValue> size =
                    observer.call(QStringLiteral("audit.query"), QJsonObject{{QStringLiteral("limit"), 1}});
                if (size.ok())
                    acknowledged = size->toObject().value(QStringLiteral("size")).toInteger();
                agent->kill();
                agent->waitForFinished(5000);
                return QJsonObject{{QStringLiteral("answer"), QStringLiteral("deny")}};
            });
            QVERIFY(client
                        .call(QStringLiteral("client.hello"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                                          {QStringLiteral("confirmations"), true}})
                        .ok());
            QVERIFY(client
                        .call(QStringLiteral("runs.start"),
                              QJsonObject{{QStringLiteral("app"), QStringLiteral("sales-summarizer")}})
                        .ok());
            QTRY_VERIFY_WITH_TIMEOUT(agent->state() == QProcess::NotRunning, 30000);
        }
        QVERIFY(acknowledged > 3);
        agent = startAgent();
        QVERIFY(agent);
        AgentClient client;
        QVERIFY(client.connectTo(socketPath()).ok());
        const Result<QJsonValue> verified = client.call(QStringLiteral("audit.verify"));
        QVERIFY(verified.ok());
        QVERIFY2(verified->toObject().value(QStringLiteral("ok")).toBool(),
                 QJsonDocument(verified->toObject()).toJson().constData());
        QVERIFY(verified->toObject().value(QStringLiteral("records")).toInteger() >= acknowledged);
        const Result<QJsonValue> runs = client.call(QStringLiteral("runs.list"));
        QCOMPARE(runs->toObject()
                     .value(QStringLiteral("runs"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("interrupted"));
        stopAgent(*agent);
        m_env = saved;
    }

    void clientStartsTheAgentOnDemand()
    {
        QVERIFY(!QFileInfo::exists(socketPath()));
        // The started agent inherits this process's environment.
        for (const QString& key : {QStringLiteral("XDG_DATA_HOME"), QStringLiteral("XDG_CONFIG_HOME"),
                                   QStringLiteral("XDG_RUNTIME_DIR"), QStringLiteral("CORRAL_DATA_DIR")})
            qputenv(key.toUtf8().constData(), m_env.value(key).toUtf8());
        AgentClient client;
        Result<void> connected = client.connectOrStart(socketPath(), kAgent, 15000);
        QVERIFY2(connected.ok(), qPrintable(connected.ok() ? QString() : connected.error().toString()));
        Result<QJsonValue> status = client.call(QStringLiteral("agent.status"));
        QVERIFY(status.ok());
        const qint64 pid = status->toObject().value(QStringLiteral("pid")).toInteger();
        QVERIFY(pid > 0);

        QSignalSpy closed(&client, &AgentClient::disconnected);
        QCOMPARE(::kill(pid_t(pid), SIGTERM), 0);
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(socketPath()), 10000);
        Result<QJsonValue> after = client.call(QStringLiteral("agent.status"), QJsonObject(), 1000);
        QCOMPARE(after.error().code, QStringLiteral("agent.disconnected"));
    }

    void unreachableAgentIsReported()
    {
        AgentClient client;
        Result<void> connected = client.connectTo(m_home.filePath(QStringLiteral("nowhere.sock")), 500);
        QVERIFY(!connected.ok());
        QCOMPARE(connected.error().code, QStringLiteral("agent.unreachable"));
        QVERIFY(connected.error().message.startsWith(
            QStringLiteral("no Corral agent answers on %1: ").arg(m_home.filePath(QStringLiteral("nowhere.sock")))));
    }
};

QTEST_GUILESS_MAIN(TestAgentDaemon)
#include "TestAgentDaemon.moc"
