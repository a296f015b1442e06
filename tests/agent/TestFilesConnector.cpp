// SPDX-License-Identifier: Apache-2.0
// The files connector's settings on top of scoped access: modes, globs (which hostile
// paths cannot sidestep with ".."), limits and several roots.
#include "TestSupport.h"
#include "agent/FilesConnector.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::agent;

class TestFilesConnector : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_base;
    QString m_reports;
    QString m_notes;

    std::unique_ptr<FilesConnector> connector(const QJsonObject& json)
    {
        const auto settings = FilesConnectorSettings::fromJson(json);
        if (!settings.ok())
            qFatal("%s", qPrintable(settings.error().toString()));
        auto c = FilesConnector::open(*settings);
        if (!c.ok())
            qFatal("%s", qPrintable(c.error().toString()));
        return std::move(c).value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_reports = m_base.filePath(QStringLiteral("Reports"));
        m_notes = m_base.filePath(QStringLiteral("Notes"));
        QDir base(m_base.path());
        QVERIFY(base.mkpath(QStringLiteral("Reports/2024")));
        QVERIFY(base.mkpath(QStringLiteral("Reports/private")));
        QVERIFY(base.mkpath(QStringLiteral("Notes")));
        QVERIFY(test::writeFile(m_reports + QStringLiteral("/q1.csv"), "region,revenue\nnorth,10\n"));
        QVERIFY(test::writeFile(m_reports + QStringLiteral("/2024/q2.csv"), "region,revenue\nsouth,12\n"));
        QVERIFY(test::writeFile(m_reports + QStringLiteral("/private/salaries.csv"), "secret"));
        QVERIFY(test::writeFile(m_reports + QStringLiteral("/readme.md"), "# reports"));
        QVERIFY(test::writeFile(m_notes + QStringLiteral("/todo.md"), "- call"));
    }

    void settingsErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no roots") << QByteArray(R"({"mode":"read"})")
                                  << QStringLiteral("\"roots\" must name at least one folder");
        QTest::newRow("relative root") << QByteArray(R"({"roots":["docs"]})")
                                       << QStringLiteral("root \"docs\" must be an absolute path");
        QTest::newRow("bad mode") << QByteArray(R"({"roots":["/x"],"mode":"write"})")
                                  << QStringLiteral("\"mode\" must be \"read\" or \"read-write\"");
        QTest::newRow("bad limit") << QByteArray(R"({"roots":["/x"],"max_files":0})")
                                   << QStringLiteral("\"max_files\" must be a positive integer");
        QTest::newRow("bad globs") << QByteArray(R"({"roots":["/x"],"include":"*.txt"})")
                                   << QStringLiteral("\"include\" must be a list of strings");
        QTest::newRow("unknown") << QByteArray(R"({"roots":["/x"],"follow_symlinks":true})")
                                 << QStringLiteral("unknown setting \"follow_symlinks\"");
    }
    void settingsErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto s = FilesConnectorSettings::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("connector.settings"));
        QCOMPARE(s.error().message, message);
    }

    void globsCannotBeSidestepped_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        QTest::newRow("excluded folder") << QStringLiteral("private/salaries.csv") << QStringLiteral("scope.excluded");
        QTest::newRow("dot segments") << QStringLiteral("./private//salaries.csv") << QStringLiteral("scope.excluded");
        QTest::newRow("dotdot around") << QStringLiteral("2024/../private/salaries.csv") << QString(ScopeError::Escape);
        QTest::newRow("not included") << QStringLiteral("readme.md") << QStringLiteral("scope.excluded");
        QTest::newRow("absolute") << m_reports + QStringLiteral("/q1.csv") << QString(ScopeError::Escape);
        QTest::newRow("parent") << QStringLiteral("../Notes/todo.md") << QString(ScopeError::Escape);
        QTest::newRow("root itself") << QStringLiteral(".") << QString(ScopeError::InvalidPath);
    }
    void globsCannotBeSidestepped()
    {
        QFETCH(QString, path);
        QFETCH(QString, code);
        auto c = connector(QJsonObject{{QStringLiteral("roots"), QJsonArray{m_reports}},
                                       {QStringLiteral("include"), QJsonArray{QStringLiteral("*.csv")}},
                                       {QStringLiteral("exclude"), QJsonArray{QStringLiteral("private/**")}}});
        const auto r = c->read(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
    }

    void readsAndListsWithinSettings()
    {
        auto c = connector(QJsonObject{{QStringLiteral("roots"), QJsonArray{m_reports}},
                                       {QStringLiteral("include"), QJsonArray{QStringLiteral("*.csv")}},
                                       {QStringLiteral("exclude"), QJsonArray{QStringLiteral("private")}},
                                       {QStringLiteral("max_file_bytes"), 1000}});
        QCOMPARE(c->read(QStringLiteral("2024/q2.csv")).value(), QByteArray("region,revenue\nsouth,12\n"));
        const auto l = c->list(QString(), true);
        QVERIFY(l.ok());
        QStringList paths;
        for (const ScopedEntry& e : l->entries)
            paths.append(e.path);
        QCOMPARE(paths, (QStringList{QStringLiteral("2024/q2.csv"), QStringLiteral("q1.csv")}));
        const auto sub = c->list(QStringLiteral("2024"), false);
        QCOMPARE(sub->entries.size(), 1);
        QCOMPARE(sub->entries[0].path, QStringLiteral("2024/q2.csv"));
        QCOMPARE(c->write(QStringLiteral("q3.csv"), "x").error().code, QString(ScopeError::ReadOnly));
        QVERIFY(!QFile::exists(m_reports + QStringLiteral("/q3.csv")));
    }

    void limits()
    {
        auto c = connector(QJsonObject{{QStringLiteral("roots"), QJsonArray{m_reports}},
                                       {QStringLiteral("mode"), QStringLiteral("read-write")},
                                       {QStringLiteral("max_file_bytes"), 10},
                                       {QStringLiteral("max_files"), 2}});
        QCOMPARE(c->read(QStringLiteral("q1.csv")).error().code, QString(ScopeError::TooLarge));
        QCOMPARE(c->write(QStringLiteral("out.txt"), QByteArray(11, 'o')).error().code, QString(ScopeError::TooLarge));
        QVERIFY(c->write(QStringLiteral("out.txt"), "short").ok());
        QCOMPARE(test::readFile(m_reports + QStringLiteral("/out.txt")), QByteArray("short"));
        const auto l = c->list(QString(), true);
        QCOMPARE(l->entries.size(), 2);
        QVERIFY(l->truncated);
        QVERIFY(QFile::remove(m_reports + QStringLiteral("/out.txt")));
    }

    void severalRootsAreAddressedByName()
    {
        auto c = connector(QJsonObject{{QStringLiteral("roots"), QJsonArray{m_reports, m_notes}}});
        QCOMPARE(c->read(QStringLiteral("Notes/todo.md")).value(), QByteArray("- call"));
        QCOMPARE(c->read(QStringLiteral("Reports/q1.csv")).value(), QByteArray("region,revenue\nnorth,10\n"));
        QCOMPARE(c->read(QStringLiteral("Other/x")).error().code, QString(ScopeError::NotFound));
        QCOMPARE(c->read(QStringLiteral("Notes/../Reports/q1.csv")).error().code, QString(ScopeError::Escape));
        QCOMPARE(c->list(QStringLiteral("Notes"), false)->entries.first().path, QStringLiteral("todo.md"));
    }
};

QTEST_GUILESS_MAIN(TestFilesConnector)
#include "TestFilesConnector.moc"
