// SPDX-License-Identifier: Apache-2.0
// SO_PEERCRED on a connected QLocalSocket: the kernel reports the peer's real uid, even
// for a process that switched to another user before connecting.
#include "agent/PeerCredentials.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace corral::agent;

class TestPeerCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsOwnProcess()
    {
        QTemporaryDir dir;
        QLocalServer server;
        QVERIFY(server.listen(dir.filePath(QStringLiteral("s.sock"))));
        QLocalSocket client;
        client.connectToServer(server.fullServerName());
        QVERIFY(client.waitForConnected(5000));
        QVERIFY(server.waitForNewConnection(5000));
        QLocalSocket* accepted = server.nextPendingConnection();
        const auto cred = peerCredentials(accepted->socketDescriptor());
        QVERIFY(cred.ok());
        QCOMPARE(cred->uid, currentUserId());
        QCOMPARE(cred->pid, qint64(::getpid()));
        QCOMPARE(cred->gid, quint32(::getgid()));
    }

    void reportsAnotherUser()
    {
        if (::getuid() != 0)
            QSKIP("switching users needs root");
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ExeOther | QFile::ReadOther | QFile::ExeGroup |
                                                      QFile::ReadGroup));
        QLocalServer server;
        server.setSocketOptions(QLocalServer::WorldAccessOption);
        QVERIFY(server.listen(dir.filePath(QStringLiteral("s.sock"))));
        const QByteArray path = server.fullServerName().toUtf8();
        const pid_t child = ::fork();
        if (child == 0) {
            // Become "nobody", connect, wait for the parent to look, exit.
            if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(2);
            const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un addr{};
            addr.sun_family = AF_UNIX;
            std::memcpy(addr.sun_path, path.constData(), std::min<size_t>(path.size(), sizeof addr.sun_path - 1));
            if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
                ::_exit(3);
            char c;
            (void)::read(fd, &c, 1);
            ::_exit(0);
        }
        QVERIFY(child > 0);
        QVERIFY(server.waitForNewConnection(5000));
        QLocalSocket* accepted = server.nextPendingConnection();
        const auto cred = peerCredentials(accepted->socketDescriptor());
        accepted->write("x");
        accepted->flush();
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(cred.ok());
        QCOMPARE(cred->uid, quint32(65534));
        QCOMPARE(cred->gid, quint32(65534));
        QCOMPARE(cred->pid, qint64(child));
        QVERIFY(cred->uid != currentUserId());
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    void refusesABadDescriptor()
    {
        QCOMPARE(peerCredentials(-1).error().code, QStringLiteral("peer.unavailable"));
        QCOMPARE(peerCredentials(0x7ffffff).error().code, QStringLiteral("peer.unavailable"));
    }
};

QTEST_GUILESS_MAIN(TestPeerCredentials)
#include "TestPeerCredentials.moc"
