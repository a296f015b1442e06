// SPDX-License-Identifier: Apache-2.0
// Line framing under arbitrary chunking, with oversized lines skipped in bounded memory.
#include "ipc/LineFramer.h"

#include <QTest>

using namespace corral::ipc;
using Frame = LineFramer::Frame;

class TestLineFramer : public QObject
{
    Q_OBJECT

private:
    static QList<QByteArray> describe(const std::vector<Frame>& frames)
    {
        QList<QByteArray> out;
        for (const Frame& f : frames)
            out.append(f.kind == Frame::Kind::Oversized ? QByteArray("<oversized>") : f.line);
        return out;
    }

private Q_SLOTS:
    void splitsLinesInOneChunk()
    {
        LineFramer framer;
        std::vector<Frame> frames;
        framer.feed("a\nbb\nccc\n", frames);
        QCOMPARE(describe(frames), (QList<QByteArray>{"a", "bb", "ccc"}));
        QCOMPARE(framer.bufferedBytes(), 0);
    }

    void everyChunkingGivesTheSameLines()
    {
        const QByteArray stream =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}\n\n  \n{\"b\":\"\xc3\xa9\"}\r\nlast\n";
        const QList<QByteArray> expected{"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}", "{\"b\":\"\xc3\xa9\"}\r",
                                         "last"};
        for (int size = 1; size <= stream.size(); ++size) {
            LineFramer framer;
            std::vector<Frame> frames;
            for (qsizetype i = 0; i < stream.size(); i += size)
                framer.feed(QByteArrayView(stream).sliced(i, std::min<qsizetype>(size, stream.size() - i)), frames);
            QCOMPARE(describe(frames), expected);
        }
    }

    void keepsAnIncompleteLine()
    {
        LineFramer framer;
        std::vector<Frame> frames;
        framer.feed("abc", frames);
        QVERIFY(frames.empty());
        QCOMPARE(framer.bufferedBytes(), 3);
        framer.feed("def\ng", frames);
        QCOMPARE(describe(frames), (QList<QByteArray>{"abcdef"}));
        QCOMPARE(framer.bufferedBytes(), 1);
    }

    void lineAtTheLimitPasses()
    {
        LineFramer framer(8);
        std::vector<Frame> frames;
        framer.feed("12345678\n123456789\nok\n", frames);
        QCOMPARE(describe(frames), (QList<QByteArray>{"12345678", "<oversized>", "ok"}));
    }

    void oversizedLineIsReportedOnceAndSkippedAcrossChunks()
    {
        LineFramer framer(16);
        std::vector<Frame> frames;
        framer.feed("first\n0123456789", frames);
        framer.feed("0123456789", frames); // exceeds the limit here
        QCOMPARE(describe(frames), (QList<QByteArray>{"first", "<oversized>"}));
        QVERIFY(framer.isDiscarding());
        QCOMPARE(framer.bufferedBytes(), 0);
        for (int i = 0; i < 100; ++i)
            framer.feed(QByteArray(1000, 'z'), frames);
        QCOMPARE(frames.size(), size_t(2));
        QCOMPARE(framer.bufferedBytes(), 0);
        framer.feed("zzz\nnext\n", frames);
        QCOMPARE(describe(frames), (QList<QByteArray>{"first", "<oversized>", "next"}));
        QVERIFY(!framer.isDiscarding());
    }

    void hugeStreamNeverBuffersMoreThanTheLimit()
    {
        LineFramer framer; // 1 MiB
        std::vector<Frame> frames;
        const QByteArray chunk(64 * 1024, 'a');
        qsizetype maxBuffered = 0;
        for (int i = 0; i < 160; ++i) { // 10 MiB without a newline
            framer.feed(chunk, frames);
            maxBuffered = std::max(maxBuffered, framer.bufferedBytes());
        }
        QVERIFY(maxBuffered <= kMaxMessageBytes);
        QCOMPARE(frames.size(), size_t(1));
        framer.feed("\n{\"ok\":1}\n", frames);
        QCOMPARE(describe(frames), (QList<QByteArray>{"<oversized>", "{\"ok\":1}"}));
    }

    void oversizedInsideOneChunkThenValidLine()
    {
        LineFramer framer(4);
        std::vector<Frame> frames;
        framer.feed("toolong\nok\n", frames);
        QCOMPARE(describe(frames), (QList<QByteArray>{"<oversized>", "ok"}));
        QVERIFY(!framer.isDiscarding());
    }

    void nulBytesArePassedThroughForTheDecoder()
    {
        LineFramer framer;
        std::vector<Frame> frames;
        framer.feed(QByteArray("a\0b\n", 4), frames);
        QCOMPARE(frames.size(), size_t(1));
        QCOMPARE(frames[0].line, QByteArray("a\0b", 3));
    }
};

QTEST_GUILESS_MAIN(TestLineFramer)
#include "TestLineFramer.moc"
