// SPDX-License-Identifier: Apache-2.0
// Agent-protocol connections over a real local socket: same-user peers talk both ways,
// other users are refused by their kernel-reported uid, and a disconnect completes the
// requests still waiting for an answer.
#include "agent/LocalConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace corral;
using namespace corral::agent;

class TestLocalConnection : public QObject
{
    Q_OBJECT

private:
    ipc::Dispatcher m_dispatcher;

private Q_SLOTS:
    void initTestCase()
    {
        m_dispatcher.add(QStringLiteral("status"), [](const QJsonValue&) -> ipc::HandlerResult {
            return QJsonValue(QJsonObject{{QStringLiteral("state"), QStringLiteral("ready")}});
        });
    }

    void sameUserTalksBothWays()
    {
        QTemporaryDir dir;
        QLocalServer server;
        QVERIFY(server.listen(dir.filePath(QStringLiteral("agent.sock"))));
        QLocalSocket client;
        client.connectToServer(server.fullServerName());
        QVERIFY(client.waitForConnected(5000));
        QVERIFY(server.waitForNewConnection(5000));
        auto accepted = LocalConnection::accept(server.nextPendingConnection(), m_dispatcher, currentUserId());
        QVERIFY(accepted.ok());
        LocalConnection& connection = *accepted.value();
        QCOMPARE(connection.credentials().pid, qint64(::getpid()));

        QByteArray fromAgent;
        connect(&client, &QLocalSocket::readyRead, this, [&] { fromAgent += client.readAll(); });
        client.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"}\n{broken\n");
        QTRY_COMPARE_WITH_TIMEOUT(fromAgent.count('\n'), 2, 5000);
        QVERIFY(fromAgent.startsWith("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"state\":\"ready\"}}\n"));
        QVERIFY(fromAgent.contains("-32700"));

        // The agent asks the studio for a confirmation; the studio answers.
        fromAgent.clear();
        QString answer;
        const qint64 id = connection.peer().request(
            QStringLiteral("confirm.request"), QJsonObject{{QStringLiteral("action"), QStringLiteral("files.write")}},
            [&](const ipc::Message& m) {
                answer = m.resultValue().toObject().value(QStringLiteral("answer")).toString();
            });
        QTRY_VERIFY_WITH_TIMEOUT(fromAgent.endsWith('\n'), 5000);
        const QJsonObject request = QJsonDocument::fromJson(fromAgent).object();
        QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("confirm.request"));
        QCOMPARE(request.value(QStringLiteral("id")).toInteger(), id);
        client.write(QByteArray("{\"jsonrpc\":\"2.0\",\"id\":") + QByteArray::number(id) +
                     ",\"result\":{\"answer\":\"allow-once\"}}\n");
        QTRY_COMPARE_WITH_TIMEOUT(answer, QStringLiteral("allow-once"), 5000);

        // A confirmation still pending when the studio goes away is answered locally.
        int code = 0;
        connection.peer().request(QStringLiteral("confirm.request"), QJsonObject{},
                                  [&](const ipc::Message& m) { code = m.errorValue().code; });
        QSignalSpy closed(&connection, &LocalConnection::closed);
        client.disconnectFromServer();
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 5000);
        QCOMPARE(code, ipc::ErrorCode::InternalError);
        QCOMPARE(connection.peer().pendingCount(), 0);
    }

    void refusesAnotherUid()
    {
        QTemporaryDir dir;
        QLocalServer server;
        QVERIFY(server.listen(dir.filePath(QStringLiteral("agent.sock"))));
        QLocalSocket client;
        client.connectToServer(server.fullServerName());
        QVERIFY(client.waitForConnected(5000));
        QVERIFY(server.waitForNewConnection(5000));
        const auto refused = LocalConnection::accept(server.nextPendingConnection(), m_dispatcher, currentUserId() + 1);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("peer.other-user"));
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QLocalSocket::UnconnectedState, 5000);
    }

    void refusesAProcessRunningAsAnotherUser()
    {
        if (::getuid() != 0)
            QSKIP("switching users needs root");
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ReadOther | QFile::ExeOther));
        QLocalServer server;
        server.setSocketOptions(QLocalServer::WorldAccessOption);
        QVERIFY(server.listen(dir.filePath(QStringLiteral("agent.sock"))));
        const QByteArray path = server.fullServerName().toUtf8();
        const pid_t child = ::fork();
        if (child == 0) {
            // As "nobody": connect, send a request, and expect the agent to hang up
            // without an answer (exit 0), within five seconds.
            if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(2);
            const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un addr{};
            addr.sun_family = AF_UNIX;
            std::memcpy(addr.sun_path, path.constData(), std::min<size_t>(path.size(), sizeof addr.sun_path - 1));
            if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
                ::_exit(3);
            const char request[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"}\n";
            (void)!::write(fd, request, sizeof request - 1);
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 5000) != 1)
                ::_exit(4);
            // The agent closes the connection unread: the child sees end of file, or a
            // reset when its own request was still unread on the agent's side.
            char c;
            const ssize_t n = ::read(fd, &c, 1);
            ::_exit(n == 0 || (n < 0 && errno == ECONNRESET) ? 0 : 5);
        }
        QVERIFY(child > 0);
        QVERIFY(server.waitForNewConnection(5000));
        const auto refused = LocalConnection::accept(server.nextPendingConnection(), m_dispatcher, currentUserId());
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("peer.other-user"));
        QVERIFY(refused.error().message.startsWith(QStringLiteral("refused a connection from uid 65534")));
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }
};

QTEST_GUILESS_MAIN(TestLocalConnection)
#include "TestLocalConnection.moc"
