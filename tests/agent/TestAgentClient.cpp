// SPDX-License-Identifier: Apache-2.0
// AgentClient against a scripted server on a real local socket: calls time out with
// agent.timeout and a late answer is dropped, agent errors carry their Corral code, and
// requests and notifications from the agent reach the registered handlers.
#include "agent/AgentClient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::agent;

class TestAgentClient : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QLocalServer m_server;
    QLocalSocket* m_agentSide = nullptr;
    AgentClient m_client;

    // The next line the client sent, as JSON.
    QJsonObject readFromClient()
    {
        // Empty when nothing arrives in time; the caller's comparisons then fail.
        QDeadlineTimer deadline(5000);
        while (!m_agentSide->canReadLine() && !deadline.hasExpired())
            QTest::qWait(10);
        return QJsonDocument::fromJson(m_agentSide->readLine()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen(m_dir.filePath(QStringLiteral("agent.sock"))));
        QVERIFY(m_client.connectTo(m_server.fullServerName()).ok());
        QVERIFY(m_server.waitForNewConnection(5000));
        m_agentSide = m_server.nextPendingConnection();
        QVERIFY(m_agentSide);
    }

    void timeoutThenLateAnswerIsDropped()
    {
        Result<QJsonValue> result = m_client.call(QStringLiteral("agent.status"), QJsonObject(), 200);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, QStringLiteral("agent.timeout"));
        QCOMPARE(result.error().message, QStringLiteral("the agent did not answer agent.status within 200 ms"));
        const QJsonObject request = readFromClient();
        QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("agent.status"));

        // The late answer must not complete the next call.
        m_agentSide->write(QByteArray("{\"jsonrpc\":\"2.0\",\"id\":") +
                           QByteArray::number(request.value(QStringLiteral("id")).toInteger()) +
                           ",\"result\":{\"late\":true}}\n");
        bool done = false;
        Result<QJsonValue> next = makeError(QString(), QString());
        m_client.callAsync(QStringLiteral("apps.list"), QJsonObject(), 5000, [&](Result<QJsonValue> r) {
            next = std::move(r);
            done = true;
        });
        const QJsonObject second = readFromClient();
        QCOMPARE(second.value(QStringLiteral("method")).toString(), QStringLiteral("apps.list"));
        QVERIFY(!done);
        m_agentSide->write(QByteArray("{\"jsonrpc\":\"2.0\",\"id\":") +
                           QByteArray::number(second.value(QStringLiteral("id")).toInteger()) +
                           ",\"error\":{\"code\":-32000,\"message\":\"no app named \\\"x\\\"\",\"data\":{\"code\":"
                           "\"app.not-found\"}}}\n");
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QCOMPARE(next.error().code, QStringLiteral("app.not-found"));
        QCOMPARE(next.error().message, QStringLiteral("no app named \"x\""));
    }

    void agentRequestsAndNotificationsReachHandlers()
    {
        QString notified;
        m_client.setHandler(QStringLiteral("run.output"), [&](const QJsonValue& params) -> ipc::HandlerResult {
            notified = params.toObject().value(QStringLiteral("text")).toString();
            return QJsonValue();
        });
        m_client.setHandler(QStringLiteral("confirm.request"), [](const QJsonValue&) -> ipc::HandlerResult {
            return QJsonValue(QJsonObject{{QStringLiteral("answer"), QStringLiteral("deny")}});
        });
        m_agentSide->write("{\"jsonrpc\":\"2.0\",\"method\":\"run.output\",\"params\":{\"text\":\"hello\"}}\n"
                           "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"confirm.request\",\"params\":{}}\n");
        const QJsonObject answer = readFromClient();
        QCOMPARE(answer.value(QStringLiteral("id")).toInt(), 9);
        QCOMPARE(answer.value(QStringLiteral("result")).toObject().value(QStringLiteral("answer")).toString(),
                 QStringLiteral("deny"));
        QCOMPARE(notified, QStringLiteral("hello"));
    }

    void disconnectCompletesPendingCalls()
    {
        bool done = false;
        Result<QJsonValue> outcome = QJsonValue();
        m_client.callAsync(QStringLiteral("agent.status"), QJsonObject(), 10000, [&](Result<QJsonValue> r) {
            outcome = std::move(r);
            done = true;
        });
        readFromClient();
        m_agentSide->disconnectFromServer();
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QCOMPARE(outcome.error().code, QStringLiteral("agent.disconnected"));
        QVERIFY(!m_client.isConnected());
    }
};

QTEST_GUILESS_MAIN(TestAgentClient)
#include "TestAgentClient.moc"
