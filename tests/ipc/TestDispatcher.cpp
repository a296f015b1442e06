// SPDX-License-Identifier: Apache-2.0
// Method routing: -32601 for unknown methods, -32602 from ParamReader, -32603 for a
// throwing handler, and no answer to notifications.
#include "ipc/Dispatcher.h"

#include <QTest>
#include <stdexcept>

using namespace corral::ipc;

class TestDispatcher : public QObject
{
    Q_OBJECT

private:
    Dispatcher m_dispatcher;
    int m_notified = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_dispatcher.add(QStringLiteral("files.read"), [](const QJsonValue& params) -> HandlerResult {
            ParamReader p(params);
            const QString path = p.string(QStringLiteral("path"));
            const qint64 limit = p.integer(QStringLiteral("limit"), 4096);
            const bool follow = p.boolean(QStringLiteral("preview"), false);
            p.rejectUnknown();
            if (p.failed())
                return p.error();
            return QJsonValue(QJsonObject{
                {QStringLiteral("path"), path}, {QStringLiteral("limit"), limit}, {QStringLiteral("preview"), follow}});
        });
        m_dispatcher.add(QStringLiteral("boom"),
                         [](const QJsonValue&) -> HandlerResult { throw std::runtime_error("exploded"); });
        m_dispatcher.add(QStringLiteral("ping"), [this](const QJsonValue&) -> HandlerResult {
            ++m_notified;
            return QJsonValue(QStringLiteral("pong"));
        });
    }

    void answersARequest()
    {
        const auto reply = m_dispatcher.handle(Message::request(
            QJsonValue(QStringLiteral("r1")), QStringLiteral("files.read"),
            QJsonObject{{QStringLiteral("path"), QStringLiteral("a")}, {QStringLiteral("limit"), 10}}));
        QVERIFY(reply);
        QCOMPARE(reply->kind(), Message::Kind::Result);
        QCOMPARE(reply->id(), QJsonValue(QStringLiteral("r1")));
        QCOMPARE(reply->resultValue().toObject().value(QStringLiteral("limit")).toInteger(), 10);
    }

    void invalidParams_data()
    {
        QTest::addColumn<QJsonValue>("params");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QJsonValue(QJsonObject{}) << QStringLiteral("Invalid params: \"path\" is required");
        QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined)
                                << QStringLiteral("Invalid params: \"path\" is required");
        QTest::newRow("wrong type") << QJsonValue(QJsonObject{{QStringLiteral("path"), 3}})
                                    << QStringLiteral("Invalid params: \"path\" has the wrong type");
        QTest::newRow("fraction") << QJsonValue(QJsonObject{{QStringLiteral("path"), QStringLiteral("a")},
                                                            {QStringLiteral("limit"), 1.5}})
                                  << QStringLiteral("Invalid params: \"limit\" must be an integer");
        QTest::newRow("unknown") << QJsonValue(QJsonObject{{QStringLiteral("path"), QStringLiteral("a")},
                                                           {QStringLiteral("pth"), 1}})
                                 << QStringLiteral("Invalid params: unknown parameter \"pth\"");
        QTest::newRow("positional") << QJsonValue(QJsonArray{QStringLiteral("a")})
                                    << QStringLiteral("Invalid params: params must be an object with named members");
    }
    void invalidParams()
    {
        QFETCH(QJsonValue, params);
        QFETCH(QString, message);
        const auto reply = m_dispatcher.handle(Message::request(QJsonValue(9), QStringLiteral("files.read"), params));
        QVERIFY(reply);
        QCOMPARE(reply->kind(), Message::Kind::Error);
        QCOMPARE(reply->errorValue().code, ErrorCode::InvalidParams);
        QCOMPARE(reply->errorValue().message, message);
        QCOMPARE(reply->id(), QJsonValue(9));
    }

    void unknownMethod()
    {
        const auto reply = m_dispatcher.handle(Message::request(QJsonValue(1), QStringLiteral("rpc.discover")));
        QCOMPARE(reply->errorValue().code, ErrorCode::MethodNotFound);
        QCOMPARE(reply->errorValue().message, QStringLiteral("Method not found: rpc.discover"));
    }

    void throwingHandlerIsInternalError()
    {
        const auto reply = m_dispatcher.handle(Message::request(QJsonValue(2), QStringLiteral("boom")));
        QCOMPARE(reply->errorValue().code, ErrorCode::InternalError);
        QCOMPARE(reply->errorValue().message, QStringLiteral("Internal error: exploded"));
    }

    void notificationsAreNeverAnswered()
    {
        const int before = m_notified;
        QVERIFY(!m_dispatcher.handle(Message::notification(QStringLiteral("ping"))));
        QCOMPARE(m_notified, before + 1);
        QVERIFY(!m_dispatcher.handle(Message::notification(QStringLiteral("unknown"))));
        QVERIFY(!m_dispatcher.handle(Message::notification(QStringLiteral("boom"))));
    }
};

QTEST_GUILESS_MAIN(TestDispatcher)
#include "TestDispatcher.moc"
