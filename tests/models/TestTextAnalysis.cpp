// SPDX-License-Identifier: Apache-2.0
// Sentence splitting on office text, word normalisation and the token estimator.
#include "models/TextAnalysis.h"
#include "models/TokenEstimator.h"

#include <QTest>

using namespace corral::models;

class TestTextAnalysis : public QObject
{
    Q_OBJECT

private:
    static QStringList texts(const QString& input)
    {
        QStringList out;
        for (const Sentence& s : splitSentences(input))
            out.append(s.text);
        return out;
    }

private Q_SLOTS:
    void splitsSentences_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("simple") << "Revenue rose. Costs fell! Why? Nobody knows."
                                << QStringList{"Revenue rose.", "Costs fell!", "Why?", "Nobody knows."};
        QTest::newRow("decimals") << "Margin was 71.5% in Q3. It was 70.2% before."
                                  << QStringList{"Margin was 71.5% in Q3.", "It was 70.2% before."};
        QTest::newRow("titles") << "Dr. Keller met Mr. Smith and Prof. Lee. They agreed."
                                << QStringList{"Dr. Keller met Mr. Smith and Prof. Lee.", "They agreed."};
        QTest::newRow("latin abbreviations")
            << "Use a tool, e.g. Excel, and check it, i.e. twice. Then send it."
            << QStringList{"Use a tool, e.g. Excel, and check it, i.e. twice.", "Then send it."};
        QTest::newRow("initials") << "The report by J. R. Morel was late. It is fixed."
                                  << QStringList{"The report by J. R. Morel was late.", "It is fixed."};
        QTest::newRow("months and numbers")
            << "Close before Oct. 15 and see No. 4 in Fig. 2 of the plan. Done."
            << QStringList{"Close before Oct. 15 and see No. 4 in Fig. 2 of the plan.", "Done."};
        QTest::newRow("country abbreviations")
            << "The U.K. budget froze. Deals slipped." << QStringList{"The U.K. budget froze.", "Deals slipped."};
        QTest::newRow("lower case after point")
            << "Version 2 vs. version 3 differ. ok fine." << QStringList{"Version 2 vs. version 3 differ. ok fine."};
        QTest::newRow("urls and versions")
            << "See example.com for v1.2.3 notes. Next." << QStringList{"See example.com for v1.2.3 notes.", "Next."};
        QTest::newRow("quotes") << "He said \"stop.\" Then we left."
                                << QStringList{"He said \"stop.\"", "Then we left."};
        QTest::newRow("ellipsis") << "We waited... Nothing came." << QStringList{"We waited...", "Nothing came."};
        QTest::newRow("sentence starting with a number")
            << "Sales grew. 2024 was a record." << QStringList{"Sales grew.", "2024 was a record."};
        QTest::newRow("wrapped lines join")
            << "The pipeline for Q4 stands at\nEUR 9.6 million. A second\nsentence follows."
            << QStringList{"The pipeline for Q4 stands at EUR 9.6 million.", "A second sentence follows."};
        QTest::newRow("bullets")
            << "Results:\n- North: up 5%\n* South: down 2%\n\u2022 East: flat\n1. Call Anna.\n2) Email Ben."
            << QStringList{"Results:", "North: up 5%", "South: down 2%", "East: flat", "Call Anna.", "Email Ben."};
        QTest::newRow("bullet continuation")
            << "- First item that wraps\n  onto a second line.\n- Second item."
            << QStringList{"First item that wraps onto a second line.", "Second item."};
        QTest::newRow("crlf") << "One.\r\nTwo.\r\n\r\nThree." << QStringList{"One.", "Two.", "Three."};
        QTest::newRow("empty") << "  \n\n " << QStringList{};
    }
    void splitsSentences()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, expected);
        QCOMPARE(texts(input), expected);
    }

    void marksHeadingsBulletsAndParagraphs()
    {
        const QList<Sentence> s =
            splitSentences(QStringLiteral("# Weekly report\n\nSales rose. Costs fell.\n\nNext steps\n\n- Hire two "
                                          "people.\n\nClosing remarks follow here."));
        QCOMPARE(s.size(), 6);
        QVERIFY(s[0].heading);
        QCOMPARE(s[0].text, QStringLiteral("Weekly report"));
        QVERIFY(!s[1].heading && s[1].firstInParagraph);
        QVERIFY(!s[2].firstInParagraph);
        QCOMPARE(s[1].paragraph, s[2].paragraph);
        QVERIFY(s[3].heading); // short line without final punctuation
        QVERIFY(s[4].bullet);
        QVERIFY(!s[5].heading); // ends with a point
    }

    void normalisesWords()
    {
        QCOMPARE(words(QStringLiteral("Outages, outage; OUTAGE!")), (QStringList{"outag", "outag", "outag"}));
        QCOMPARE(words(QStringLiteral("crashed crashing crashes")), (QStringList{"crash", "crash", "crash"}));
        QCOMPARE(words(QStringLiteral("Revenue of 1,200 rose 12.5% in Q3")),
                 (QStringList{"revenu", "of", "1,200", "rose", "12.5", "in", "q3"}));
        QCOMPARE(words(QStringLiteral("The customer's login didn't work")),
                 (QStringList{"the", "customer", "login", "not", "work"}));
        QCOMPARE(terms(QStringLiteral("The server was not responding to any of the users")),
                 (QStringList{"server", "respond", "user"}));
        QCOMPARE(stem(QStringLiteral("companies")), QStringLiteral("company"));
        QCOMPARE(stem(QStringLiteral("increased")), stem(QStringLiteral("increases")));
        QCOMPARE(stem(QStringLiteral("process")), QStringLiteral("process"));
        QCOMPARE(stem(QStringLiteral("data")), QStringLiteral("data"));
        QVERIFY(isNegation(QStringLiteral("without")));
        QVERIFY(!isNegation(QStringLiteral("not")));
    }

    void estimatesTokens_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("tokens");
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("blank") << QStringLiteral("   \n") << 0;
        QTest::newRow("one word") << QStringLiteral("hello") << 2;          // 5 chars -> 2
        QTest::newRow("short words") << QStringLiteral("a b c d e f") << 6; // 11 chars -> 3, but 6 words
        QTest::newRow("prose") << QStringLiteral("Revenue reached EUR 4.82 million in Q3.") << 10; // 39 chars
        QTest::newRow("emoji counts once") << QStringLiteral("\U0001F600\U0001F600\U0001F600\U0001F600") << 1;
    }
    void estimatesTokens()
    {
        QFETCH(QString, text);
        QFETCH(int, tokens);
        QCOMPARE(estimateTokens(text), tokens);
    }
};

QTEST_GUILESS_MAIN(TestTextAnalysis)
#include "TestTextAnalysis.moc"
