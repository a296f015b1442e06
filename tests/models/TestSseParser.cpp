// SPDX-License-Identifier: Apache-2.0
// Server-sent events: any chunking, LF/CRLF/CR line ends, comments, multi-line data,
// event names, events without data, and a cut-off event.
#include "models/SseParser.h"

#include <QTest>

using namespace corral::models;

namespace {

QList<SseEvent> feedInPieces(const QByteArray& stream, qsizetype piece)
{
    SseParser parser;
    QList<SseEvent> events;
    for (qsizetype i = 0; i < stream.size(); i += piece)
        events += parser.feed(QByteArrayView(stream).sliced(i, std::min(piece, stream.size() - i)));
    return events;
}

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anyChunking()
    {
        const QByteArray stream = "event: message_start\ndata: {\"a\":1}\n\n: keep-alive\n\n"
                                  "data: first\r\ndata:second\r\n\r\nid: 7\nretry: 100\ndata: [DONE]\r\r";
        for (qsizetype piece : {qsizetype(1), qsizetype(2), qsizetype(7), stream.size()}) {
            const QList<SseEvent> events = feedInPieces(stream, piece);
            QCOMPARE(events.size(), 3);
            QCOMPARE(events[0].event, QByteArray("message_start"));
            QCOMPARE(events[0].data, QByteArray("{\"a\":1}"));
            QCOMPARE(events[1].event, QByteArray());
            QCOMPARE(events[1].data, QByteArray("first\nsecond"));
            QCOMPARE(events[2].data, QByteArray("[DONE]"));
        }
    }

    void eventWithoutDataIsDropped()
    {
        SseParser parser;
        const QList<SseEvent> events = parser.feed("event: ping\n\ndata: x\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].event, QByteArray()); // the name of the dropped event does not leak on
        QCOMPARE(events[0].data, QByteArray("x"));
    }

    void valueKeepsInnerSpaces()
    {
        SseParser parser;
        const QList<SseEvent> events = parser.feed("data:  two spaces\ndata\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].data, QByteArray(" two spaces\n"));
    }

    void partialEvent()
    {
        SseParser parser;
        QVERIFY(!parser.hasPartialEvent());
        QVERIFY(parser.feed("data: {\"cho").isEmpty());
        QVERIFY(parser.hasPartialEvent());
        QVERIFY(parser.feed("ices\":[]}\n").isEmpty());
        QVERIFY(parser.hasPartialEvent());
        QCOMPARE(parser.feed("\n").size(), 1);
        QVERIFY(!parser.hasPartialEvent());
        parser.feed("data: x");
        parser.reset();
        QVERIFY(!parser.hasPartialEvent());
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "TestSseParser.moc"
