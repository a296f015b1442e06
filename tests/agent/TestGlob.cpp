// SPDX-License-Identifier: Apache-2.0
// Glob semantics for connector include/exclude settings.
#include "agent/Glob.h"

#include <QElapsedTimer>
#include <QTest>

using corral::agent::Glob;

class TestGlob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("expected");
        QTest::newRow("name star") << "*.txt"
                                   << "a.txt" << true;
        QTest::newRow("name star nested") << "*.txt"
                                          << "dir/sub/a.txt" << true;
        QTest::newRow("name star other ext") << "*.txt"
                                             << "a.txt.bak" << false;
        QTest::newRow("star no slash") << "reports/*.csv"
                                       << "reports/2024/q1.csv" << false;
        QTest::newRow("star one level") << "reports/*.csv"
                                        << "reports/q1.csv" << true;
        QTest::newRow("globstar") << "reports/**/*.csv"
                                  << "reports/2024/q1/x.csv" << true;
        QTest::newRow("globstar zero folders") << "reports/**/*.csv"
                                               << "reports/x.csv" << true;
        QTest::newRow("leading globstar") << "**/secret*"
                                          << "a/b/secret.key" << true;
        QTest::newRow("leading globstar top") << "**/secret*"
                                              << "secret.key" << true;
        QTest::newRow("trailing globstar") << "private/**"
                                           << "private/a/b" << true;
        QTest::newRow("trailing globstar other") << "private/**"
                                                 << "public/a" << false;
        QTest::newRow("question") << "q?.csv"
                                  << "q1.csv" << true;
        QTest::newRow("question not slash") << "a?b"
                                            << "a/b" << false;
        QTest::newRow("set") << "q[1-4].csv"
                             << "q3.csv" << true;
        QTest::newRow("set miss") << "q[1-4].csv"
                                  << "q5.csv" << false;
        QTest::newRow("negated set") << "[!.]*"
                                     << ".hidden" << false;
        QTest::newRow("negated set hit") << "[!.]*"
                                         << "visible" << true;
        QTest::newRow("unclosed bracket literal") << "a[b"
                                                  << "a[b" << true;
        QTest::newRow("literal dot") << "a.b"
                                     << "axb" << false;
        QTest::newRow("case sensitive") << "*.TXT"
                                        << "a.txt" << false;
        QTest::newRow("exact path") << "sub/deeper"
                                    << "sub/deeper" << true;
        QTest::newRow("exact path prefix only") << "sub/deeper"
                                                << "sub/deeper/x" << false;
        QTest::newRow("unicode") << "résumé*.pdf"
                                 << "cv/résumé-2024.pdf" << true;
    }
    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, expected);
        QCOMPARE(Glob(pattern).matches(path), expected);
    }

    void pathologicalPatternsStayFast()
    {
        // Backtracking matchers take exponential time on these.
        const Glob g(QStringLiteral("*a*a*a*a*a*a*a*a*a*a*a*a*b"));
        const QString text = QString(200, QLatin1Char('a'));
        QElapsedTimer t;
        t.start();
        QVERIFY(!g.matches(text));
        const Glob gs(QStringLiteral("**a**a**a**a**a**a**a**b"));
        QVERIFY(!gs.matches(QStringLiteral("a/").repeated(100)));
        QVERIFY(t.elapsed() < 500);
    }
};

QTEST_GUILESS_MAIN(TestGlob)
#include "TestGlob.moc"
