// SPDX-License-Identifier: Apache-2.0
// Both directions of a connection: requests from either side, responses matched by id,
// malformed input answered with errors while the connection keeps working, and the same
// exchange over a real local socket.
#include "ipc/Peer.h"

#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace corral::ipc;

class TestPeer : public QObject
{
    Q_OBJECT

private:
    static QList<QJsonObject> parseLines(const QByteArray& out)
    {
        QList<QJsonObject> objs;
        for (const QByteArray& line : out.split('\n')) {
            if (!line.isEmpty())
                objs.append(QJsonDocument::fromJson(line).object());
        }
        return objs;
    }
    static int errorCode(const QJsonObject& o)
    {
        return o.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
    }

private Q_SLOTS:
    void malformedInputThenValidRequestStillWorks()
    {
        Dispatcher d;
        d.add(QStringLiteral("status"),
              [](const QJsonValue&) -> HandlerResult { return QJsonValue(QStringLiteral("up")); });
        QByteArray out;
        Peer peer(
            d, [&](const QByteArray& line) { out += line; }, 64);

        const QByteArray input = QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"meth\n")         // truncated
                                 + "\xff\xfe\n"                                               // invalid UTF-8
                                 + QByteArray("{\"a\0\":1}\n", 9)                             // NUL byte
                                 + "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"status\"}]\n" // batch
                                 + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\"}\n" +
                                 "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"status\",\"params\":\"x\"}\n" +
                                 QByteArray(500, 'x') + "\n"                     // oversized for this peer
                                 + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}\n" // unknown notification: silence
                                 + "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"status\"}\n";
        // Deliver in awkward chunks.
        for (qsizetype i = 0; i < input.size(); i += 7)
            peer.receive(QByteArrayView(input).sliced(i, std::min<qsizetype>(7, input.size() - i)));

        const QList<QJsonObject> replies = parseLines(out);
        QCOMPARE(replies.size(), 8);
        QCOMPARE(errorCode(replies[0]), -32700);
        QCOMPARE(errorCode(replies[1]), -32700);
        QCOMPARE(errorCode(replies[2]), -32700);
        QCOMPARE(errorCode(replies[3]), -32600);
        QCOMPARE(errorCode(replies[4]), -32601);
        QCOMPARE(replies[4].value(QStringLiteral("id")).toInt(), 3);
        QCOMPARE(errorCode(replies[5]), -32600);
        QCOMPARE(replies[5].value(QStringLiteral("id")).toInt(), 4);
        QCOMPARE(errorCode(replies[6]), -32600); // oversized
        QVERIFY(replies[6].value(QStringLiteral("id")).isNull());
        QCOMPARE(replies[7].value(QStringLiteral("result")).toString(), QStringLiteral("up"));
        // The connection survived everything: the last request is answered normally.
        out.clear();
        peer.receive("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"status\"}\n");
        QCOMPARE(out, QByteArray("{\"id\":6,\"jsonrpc\":\"2.0\",\"result\":\"up\"}\n"));
    }

    void requestsFlowBothWays()
    {
        // The agent asks the studio for a confirmation while answering the studio's own
        // requests on the same connection.
        Dispatcher agentMethods;
        Dispatcher studioMethods;
        Peer* agentPtr = nullptr;
        Peer* studioPtr = nullptr;
        Peer agent(agentMethods, [&](const QByteArray& line) { studioPtr->receive(line); });
        Peer studio(studioMethods, [&](const QByteArray& line) { agentPtr->receive(line); });
        agentPtr = &agent;
        studioPtr = &studio;

        studioMethods.add(QStringLiteral("confirm.request"), [](const QJsonValue& params) -> HandlerResult {
            ParamReader p(params);
            const QString action = p.string(QStringLiteral("action"));
            if (p.failed())
                return p.error();
            return QJsonValue(QJsonObject{{QStringLiteral("answer"), action == QStringLiteral("files.write")
                                                                         ? QStringLiteral("deny")
                                                                         : QStringLiteral("allow-once")}});
        });
        QList<QString> events;
        agentMethods.add(QStringLiteral("run.start"), [&](const QJsonValue&) -> HandlerResult {
            agent.notify(QStringLiteral("run.started"), QJsonObject{{QStringLiteral("run"), 1}});
            return QJsonValue(QJsonObject{{QStringLiteral("run"), 1}});
        });
        studioMethods.add(QStringLiteral("run.started"), [&](const QJsonValue&) -> HandlerResult {
            events.append(QStringLiteral("started"));
            return QJsonValue();
        });

        QList<Message> agentReplies;
        agent.request(QStringLiteral("confirm.request"),
                      QJsonObject{{QStringLiteral("action"), QStringLiteral("files.read")}},
                      [&](const Message& m) { agentReplies.append(m); });
        agent.request(QStringLiteral("confirm.request"),
                      QJsonObject{{QStringLiteral("action"), QStringLiteral("files.write")}},
                      [&](const Message& m) { agentReplies.append(m); });
        agent.request(QStringLiteral("confirm.request"), QJsonObject{},
                      [&](const Message& m) { agentReplies.append(m); });
        QCOMPARE(agentReplies.size(), 3);
        QCOMPARE(agentReplies[0].resultValue().toObject().value(QStringLiteral("answer")).toString(),
                 QStringLiteral("allow-once"));
        QCOMPARE(agentReplies[1].resultValue().toObject().value(QStringLiteral("answer")).toString(),
                 QStringLiteral("deny"));
        QCOMPARE(agentReplies[2].errorValue().code, ErrorCode::InvalidParams);
        QCOMPARE(agent.pendingCount(), 0);

        Message studioReply = Message::notification(QString());
        studio.request(QStringLiteral("run.start"), QJsonObject{}, [&](const Message& m) { studioReply = m; });
        QCOMPARE(events, QList<QString>{QStringLiteral("started")});
        QCOMPARE(studioReply.kind(), Message::Kind::Result);
    }

    void deferredHandlerAnswersLaterOnceAndNeverAfterThePeerIsGone()
    {
        // A confirmation waits for a person: its answer goes out after later requests'.
        Dispatcher d;
        QList<Dispatcher::Responder> waiting;
        d.addDeferred(QStringLiteral("confirm"), [&](const QJsonValue&, const Caller&, Dispatcher::Responder respond) {
            waiting.append(std::move(respond));
        });
        d.add(QStringLiteral("status"),
              [](const QJsonValue&) -> HandlerResult { return QJsonValue(QStringLiteral("up")); });
        QVERIFY(d.has(QStringLiteral("confirm")));
        QByteArray out;
        auto peer = std::make_unique<Peer>(d, [&](const QByteArray& line) { out += line; });
        peer->receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"confirm\"}\n"
                      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"confirm\"}\n"
                      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"status\"}\n"
                      "{\"jsonrpc\":\"2.0\",\"method\":\"confirm\"}\n");
        QCOMPARE(out, QByteArray("{\"id\":3,\"jsonrpc\":\"2.0\",\"result\":\"up\"}\n"));
        QCOMPARE(waiting.size(), 3);
        out.clear();
        waiting[1](QJsonValue(QStringLiteral("deny")));
        waiting[1](QJsonValue(QStringLiteral("allow-once"))); // a second answer is ignored
        waiting[0](RpcError{-32000, QStringLiteral("no"), QJsonValue()});
        waiting[2](QJsonValue(QStringLiteral("ignored"))); // the notification's: never answered
        const QList<QJsonObject> replies = parseLines(out);
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies[0].value(QStringLiteral("id")).toInt(), 2);
        QCOMPARE(replies[0].value(QStringLiteral("result")).toString(), QStringLiteral("deny"));
        QCOMPARE(replies[1].value(QStringLiteral("id")).toInt(), 1);
        QCOMPARE(errorCode(replies[1]), -32000);

        // The connection closed while a person was deciding: the late answer goes nowhere.
        waiting.clear();
        out.clear();
        peer->receive("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"confirm\"}\n");
        QCOMPARE(waiting.size(), 1);
        peer.reset();
        waiting[0](QJsonValue(QStringLiteral("deny")));
        QVERIFY(out.isEmpty());

        // Registering a method again replaces a deferred handler with an ordinary one.
        d.add(QStringLiteral("confirm"), [](const QJsonValue&) -> HandlerResult { return QJsonValue(1); });
        Peer again(d, [&](const QByteArray& line) { out += line; });
        again.receive("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"confirm\"}\n");
        QCOMPARE(out, QByteArray("{\"id\":5,\"jsonrpc\":\"2.0\",\"result\":1}\n"));
    }

    void abandonedAndUnknownResponses()
    {
        Dispatcher d;
        QByteArray out;
        Peer peer(d, [&](const QByteArray& line) { out += line; });
        Message got = Message::notification(QString());
        const qint64 id =
            peer.request(QStringLiteral("confirm.request"), QJsonObject{}, [&](const Message& m) { got = m; });
        QCOMPARE(peer.pendingCount(), 1);
        QVERIFY(peer.abandon(
            id, RpcError{-32000, QStringLiteral("confirmation timed out"), QJsonValue(QJsonValue::Undefined)}));
        QCOMPARE(got.errorValue().code, -32000);
        QVERIFY(!peer.abandon(id, RpcError::internalError(QString())));
        out.clear();
        // A late answer, an answer to an id never sent and a malformed response are dropped
        // without a reply.
        peer.receive(QByteArray("{\"jsonrpc\":\"2.0\",\"id\":") + QByteArray::number(id) +
                     ",\"result\":\"allow-once\"}\n");
        peer.receive("{\"jsonrpc\":\"2.0\",\"id\":\"zz\",\"result\":1}\n");
        peer.receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{\"code\":1,\"message\":\"\"}}\n");
        QCOMPARE(peer.droppedResponses(), 3);
        QVERIFY(out.isEmpty());

        int abandoned = 0;
        peer.request(QStringLiteral("a"), QJsonValue(QJsonValue::Undefined),
                     [&](const Message& m) { abandoned += m.errorValue().code == -32001; });
        peer.request(QStringLiteral("b"), QJsonValue(QJsonValue::Undefined),
                     [&](const Message& m) { abandoned += m.errorValue().code == -32001; });
        peer.abandonAll(RpcError{-32001, QStringLiteral("disconnected"), QJsonValue(QJsonValue::Undefined)});
        QCOMPARE(abandoned, 2);
        QCOMPARE(peer.pendingCount(), 0);
    }

    void overARealLocalSocket()
    {
        QTemporaryDir dir;
        QLocalServer server;
        QVERIFY(server.listen(dir.filePath(QStringLiteral("agent.sock"))));
        Dispatcher serverMethods;
        serverMethods.add(QStringLiteral("echo"), [](const QJsonValue& params) -> HandlerResult { return params; });
        std::unique_ptr<Peer> serverPeer;
        QLocalSocket* serverSide = nullptr;
        connect(&server, &QLocalServer::newConnection, this, [&] {
            serverSide = server.nextPendingConnection();
            serverPeer = std::make_unique<Peer>(serverMethods,
                                                [serverSide](const QByteArray& line) { serverSide->write(line); });
            connect(serverSide, &QLocalSocket::readyRead, this, [&] { serverPeer->receive(serverSide->readAll()); });
        });

        QLocalSocket client;
        client.connectToServer(server.fullServerName());
        QVERIFY(client.waitForConnected(5000));
        QByteArray received;
        connect(&client, &QLocalSocket::readyRead, this, [&] { received += client.readAll(); });
        // A 2 MiB line, garbage, 100,000 nested arrays, then a valid request, in one go.
        client.write(QByteArray(2 * 1024 * 1024, 'q') + "\nnot json\n" + QByteArray(100000, 0x5b) + "\n" +
                     R"({"jsonrpc":"2.0","id":"last","method":"echo","params":{"k":"v"}})"
                     "\n");
        QTRY_COMPARE_WITH_TIMEOUT(received.count('\n'), 4, 10000);
        const QList<QJsonObject> replies = parseLines(received);
        QCOMPARE(errorCode(replies[0]), -32600);
        QCOMPARE(errorCode(replies[1]), -32700);
        QCOMPARE(errorCode(replies[2]), -32700);
        QCOMPARE(replies[3].value(QStringLiteral("id")).toString(), QStringLiteral("last"));
        QCOMPARE(replies[3].value(QStringLiteral("result")).toObject().value(QStringLiteral("k")).toString(),
                 QStringLiteral("v"));
    }
};

QTEST_GUILESS_MAIN(TestPeer)
#include "TestPeer.moc"
