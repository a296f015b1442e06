// SPDX-License-Identifier: Apache-2.0
// The corral-server verbs: init, token create, admin tokens, alerts, and their usage errors;
// --db on SQLite and PostgreSQL and its errors.
#include "PostgresCluster.h"
#include "ServerCli.h"
#include "ServerData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::server;
using namespace corral::server::test;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(const QStringList& args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = runServerCli(args, out, err);
    out.flush();
    err.flush();
    return r;
}

// `init --data DIR`, with a fresh PostgreSQL database when the tests run on PostgreSQL.
QStringList initArgs(const QString& data)
{
    QStringList args{QStringLiteral("init"), QStringLiteral("--data"), data};
    const Result<QString> database = TestDatabase::newDatabase();
    if (database.ok() && !database->isEmpty())
        args << QStringLiteral("--db") << *database;
    return args;
}
} // namespace

class TestServerCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { CORRAL_REQUIRE_TEST_DATABASE(); }

    void cleanupTestCase() { TestDatabase::stop(); }

    void initCreatesKeysAndAnAdminToken()
    {
        QTemporaryDir dir;
        const QString data = dir.path() + QStringLiteral("/srv");
        const QStringList init = initArgs(data);
        Run r = run(init);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("admin token (shown once): cadm_")));
        QVERIFY(r.out.contains(QLatin1String("witness key: corral-witness.")));
        const QFileDevice::Permissions others =
            QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeGroup | QFileDevice::ExeOther;
        QCOMPARE(QFile(data).permissions() & others, QFileDevice::Permissions());
        QCOMPARE(QFile(data + QStringLiteral("/org-bundle.key")).permissions() & others, QFileDevice::Permissions());
        if (TestDatabase::postgres()) {
            // The URL is recorded for the other verbs, readable by the owner only.
            QCOMPARE(QFile(data + QStringLiteral("/database")).permissions() & others, QFileDevice::Permissions());
            QVERIFY(r.out.contains(QLatin1String("database: postgres://postgres@")));
            QVERIFY(!QFile::exists(data + QStringLiteral("/server.db")));
        } else {
            QVERIFY(r.out.contains(QStringLiteral("database: %1/server.db").arg(data)));
        }
        Run again = run(init);
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains(QLatin1String("server.exists")));

        // The keys live in the database.
        Result<std::unique_ptr<ServerData>> opened = ServerData::open(data);
        QVERIFY(opened.ok());
        QVERIFY(r.out.contains(QLatin1String("witness key: ") + (*opened)->witnessKey().name()));
        const QString token = r.out.section(QStringLiteral("admin token (shown once): "), 1).trimmed();
        Result<std::optional<AdminToken>> found = (*opened)->store().findAdminToken(tokenHash(token.toUtf8()));
        QVERIFY(found.ok() && found->has_value());
        QCOMPARE((*found)->role, Role::Admin);
    }

    void tokens()
    {
        QTemporaryDir dir;
        const QString data = dir.path();
        Run uninitialised = run({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data});
        QCOMPARE(uninitialised.code, 1);
        QVERIFY(uninitialised.err.contains(QLatin1String("server.uninitialised")));
        QCOMPARE(run(initArgs(data)).code, 0);
        Run t = run({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data,
                     QStringLiteral("--expires"), QStringLiteral("30m")});
        QCOMPARE(t.code, 0);
        QVERIFY(t.out.startsWith(QLatin1String("cenr_")));
        Run bad = run({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data,
                       QStringLiteral("--expires"), QStringLiteral("soon")});
        QCOMPARE(bad.code, 2);

        Run created = run({QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("create"),
                           QStringLiteral("--data"), data, QStringLiteral("--role"), QStringLiteral("reviewer"),
                           QStringLiteral("--name"), QStringLiteral("rita")});
        QCOMPARE(created.code, 0);
        Run list = run({QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("list"),
                        QStringLiteral("--data"), data});
        QCOMPARE(list.code, 0);
        QVERIFY(list.out.contains(QLatin1String("2\treviewer\trita\t")));
        QVERIFY(!list.out.contains(created.out.trimmed()));
        QCOMPARE(run({QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("revoke"), QStringLiteral("2"),
                      QStringLiteral("--data"), data})
                     .code,
                 0);
        QVERIFY(run({QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("list"),
                     QStringLiteral("--data"), data})
                    .out.contains(QLatin1String("rita\t")));
        Run badRole = run({QStringLiteral("admin"), QStringLiteral("tokens"), QStringLiteral("create"),
                           QStringLiteral("--data"), data, QStringLiteral("--role"), QStringLiteral("root"),
                           QStringLiteral("--name"), QStringLiteral("x")});
        QCOMPARE(badRole.code, 2);
        QCOMPARE(run({QStringLiteral("frobnicate")}).code, 2);
        QCOMPARE(run({QStringLiteral("alerts"), QStringLiteral("--data"), data}).code, 0);
    }

    void approvalsAreDecidedWithTheReviewer()
    {
        QTemporaryDir dir;
        QCOMPARE(run(initArgs(dir.path())).code, 0);
        {
            Result<std::unique_ptr<ServerData>> data = ServerData::open(dir.path());
            QVERIFY(data.ok());
            Approval a;
            a.device = QStringLiteral("dev-1");
            a.app = QStringLiteral("sales-summarizer");
            a.user = QStringLiteral("alice");
            a.reason = QStringLiteral("quarterly numbers");
            QCOMPARE(*(*data)->store().addApproval(a), 1);
        }
        Run list = run({QStringLiteral("approvals"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(list.out, QStringLiteral("1\tpending\tsales-summarizer\talice\tdev-1\tquarterly numbers\n"));
        QCOMPARE(run({QStringLiteral("approvals"), QStringLiteral("approve"), QStringLiteral("1"),
                      QStringLiteral("--data"), dir.path()})
                     .code,
                 2);
        Run approved = run({QStringLiteral("approvals"), QStringLiteral("approve"), QStringLiteral("1"),
                            QStringLiteral("--as"), QStringLiteral("rita"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(approved.code, 0);
        QCOMPARE(approved.out, QStringLiteral("1\tapproved by rita\n"));
        Run again = run({QStringLiteral("approvals"), QStringLiteral("reject"), QStringLiteral("1"),
                         QStringLiteral("--as"), QStringLiteral("rita"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains(QLatin1String("approval.decided")));
        Run exported = run({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--device"),
                            QStringLiteral("dev-nope"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(exported.code, 1);
        QVERIFY(exported.err.contains(QLatin1String("server.not-found")));
        // Orders: every device, or one that must be enrolled.
        Run paused = run({QStringLiteral("apps"), QStringLiteral("pause"), QStringLiteral("sales-summarizer"),
                          QStringLiteral("--as"), QStringLiteral("ada"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(paused.code, 0);
        QVERIFY2(paused.out.endsWith(QStringLiteral("\tpause\tsales-summarizer\tevery device\n")),
                 qPrintable(paused.out));
        Run unknown = run({QStringLiteral("apps"), QStringLiteral("resume"), QStringLiteral("sales-summarizer"),
                           QStringLiteral("--device"), QStringLiteral("dev-nope"), QStringLiteral("--as"),
                           QStringLiteral("ada"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(unknown.code, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("no enrolled device dev-nope")), qPrintable(unknown.err));
        QCOMPARE(run({QStringLiteral("apps"), QStringLiteral("pause"), QStringLiteral("x"), QStringLiteral("--data"),
                      dir.path()})
                     .code,
                 2); // no --as
        {
            Result<std::unique_ptr<ServerData>> data = ServerData::open(dir.path());
            QVERIFY(data.ok());
            Result<QList<Order>> orders = (*data)->store().orders(QStringLiteral("dev-1"), 0);
            QVERIFY(orders.ok());
            QCOMPARE(orders->size(), 1); // the refused one stored nothing
            QCOMPARE(orders->first().issuer, QStringLiteral("ada"));
        }
        Run badTime =
            run({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--device"), QStringLiteral("dev-1"),
                 QStringLiteral("--from"), QStringLiteral("yesterday"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(badTime.code, 2);
        QCOMPARE(badTime.err, QStringLiteral("corral-server audit export: from: not an RFC 3339 time: yesterday\n"));
        Run recordsFiltered = run({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--device"),
                                   QStringLiteral("dev-1"), QStringLiteral("--format"), QStringLiteral("records"),
                                   QStringLiteral("--app"), QStringLiteral("x"), QStringLiteral("--data"), dir.path()});
        QCOMPARE(recordsFiltered.code, 2);
        QVERIFY(recordsFiltered.err.contains(QLatin1String("the records format is the whole log")));
    }

    void databaseErrorsNameWhatFailed()
    {
        QTemporaryDir dir;
        const QString data = dir.path() + QStringLiteral("/srv");
        const auto init = [&](const QString& db) {
            return run({QStringLiteral("init"), QStringLiteral("--data"), data, QStringLiteral("--db"), db});
        };
        Run r = init(QStringLiteral("postgres://alice:hunter2@db.example/"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("storage.url")) && r.err.contains(QLatin1String("no database name")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("hunter2")));
        r = init(QStringLiteral("postgresql://alice:hunter2@/corral"));
        QVERIFY2(r.err.contains(QLatin1String("storage.url")) && r.err.contains(QLatin1String("no host")),
                 qPrintable(r.err));
        r = init(QStringLiteral("postgres://alice@db.example/corral?colour=blue"));
        QVERIFY2(r.err.contains(QLatin1String("unknown parameter \"colour\"")), qPrintable(r.err));
        r = init(QStringLiteral("postgres://alice@db.example/corral?port=70000"));
        QVERIFY2(r.err.contains(QLatin1String("port out of range")), qPrintable(r.err));

        // No server on that socket: the error names the database, never the password.
        r = init(QStringLiteral("postgres://alice:hunter2@/corral?host=%1/nowhere").arg(dir.path()));
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.err.contains(QLatin1String("storage.open")) &&
                r.err.contains(QStringLiteral("cannot open postgres://alice@/corral?host=%1/nowhere").arg(dir.path())),
            qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("hunter2")));

        r = init(QStringLiteral("sqlite:%1/missing/server.db").arg(dir.path()));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("storage.open")) &&
                     r.err.contains(QLatin1String("its folder does not exist")),
                 qPrintable(r.err));
        // Nothing was created by the failed attempts.
        QVERIFY(!QFile::exists(data + QStringLiteral("/database")));

        Run serve = run({QStringLiteral("serve"), QStringLiteral("--data"), data, QStringLiteral("--db"),
                         QStringLiteral("postgres://alice@db.example")});
        QCOMPARE(serve.code, 1);
        QVERIFY2(serve.err.contains(QLatin1String("storage.url")), qPrintable(serve.err));
    }

    void sqlitePrefixAndRecordedDatabase()
    {
        QTemporaryDir dir;
        const QString data = dir.path() + QStringLiteral("/srv");
        const QString db = dir.path() + QStringLiteral("/elsewhere.db");
        QCOMPARE(run({QStringLiteral("init"), QStringLiteral("--data"), data, QStringLiteral("--db"),
                      QStringLiteral("sqlite:") + db})
                     .code,
                 0);
        QVERIFY(QFile::exists(db));
        QVERIFY(!QFile::exists(data + QStringLiteral("/server.db")));
        // The other verbs find the database init was given.
        Run t = run({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data});
        QCOMPARE(t.code, 0);
        Result<std::unique_ptr<ServerData>> opened = ServerData::open(QStringLiteral("/nonexistent"), db);
        QVERIFY(opened.ok());
        QCOMPARE((*opened)->store().path(), db);
    }

    void wrongPasswordIsRefused()
    {
        if (!TestDatabase::postgres())
            QSKIP("needs PostgreSQL (CORRAL_TEST_DB=postgres)");
        Result<QString> url = TestDatabase::newDatabase();
        QVERIFY(url.ok());
        const QString host = url->section(QStringLiteral("?host="), 1);
        const QString name = url->section(QLatin1Char('/'), 3).section(QLatin1Char('?'), 0, 0);
        QTemporaryDir dir;
        const QString data = dir.path() + QStringLiteral("/srv");
        Run r = run({QStringLiteral("init"), QStringLiteral("--data"), data, QStringLiteral("--db"),
                     QStringLiteral("postgres://%1:wrong-pw@/%2?host=%3")
                         .arg(QLatin1String(PostgresCluster::kPasswordUser), name, host)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("storage.open")) &&
                     r.err.contains(QLatin1String("password authentication failed")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("wrong-pw")));
        // The right password works; a second server needs no data folder of its own.
        const QString good = QStringLiteral("postgres://%1:%2@/%3?host=%4")
                                 .arg(QLatin1String(PostgresCluster::kPasswordUser),
                                      QLatin1String(PostgresCluster::kPassword), name, host);
        r = run({QStringLiteral("init"), QStringLiteral("--data"), data, QStringLiteral("--db"), good});
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains(QLatin1String(PostgresCluster::kPassword)));
        Result<std::unique_ptr<ServerData>> first = ServerData::open(data);
        Result<std::unique_ptr<ServerData>> second = ServerData::open(dir.path() + QStringLiteral("/none"), good);
        QVERIFY(first.ok() && second.ok());
        QCOMPARE((*second)->witnessKey().publicKey(), (*first)->witnessKey().publicKey());
        QCOMPARE((*second)->bundleKey().toBase64(), (*first)->bundleKey().toBase64());
        // init on an initialised database from another folder is refused.
        Run again = run({QStringLiteral("init"), QStringLiteral("--data"), dir.path() + QStringLiteral("/other"),
                         QStringLiteral("--db"), good});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains(QLatin1String("server.exists")), qPrintable(again.err));
    }

    void durations()
    {
        QCOMPARE(parseDuration(QStringLiteral("24h")), std::optional<qint64>(86400000));
        QCOMPARE(parseDuration(QStringLiteral("7d")), std::optional<qint64>(7 * 86400000LL));
        QCOMPARE(parseDuration(QStringLiteral("0m")), std::optional<qint64>());
        QCOMPARE(parseDuration(QStringLiteral("h")), std::optional<qint64>());
    }
};

QTEST_GUILESS_MAIN(TestServerCli)
#include "TestServerCli.moc"
