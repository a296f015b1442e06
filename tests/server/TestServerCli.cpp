// SPDX-License-Identifier: Apache-2.0
// The corral-server verbs: init, token create, admin tokens, alerts, and their usage errors.
#include "ServerCli.h"
#include "ServerData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::server;

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
} // namespace

class TestServerCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initCreatesKeysAndAnAdminToken()
    {
        QTemporaryDir dir;
        const QString data = dir.path() + QStringLiteral("/srv");
        Run r = run({QStringLiteral("init"), QStringLiteral("--data"), data});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("admin token (shown once): cadm_")));
        QVERIFY(QFile::exists(data + QStringLiteral("/witness.key")));
        QCOMPARE(QFile(data + QStringLiteral("/witness.key")).permissions() &
                     (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        Run again = run({QStringLiteral("init"), QStringLiteral("--data"), data});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains(QLatin1String("server.exists")));

        Result<std::unique_ptr<ServerData>> opened = ServerData::open(data);
        QVERIFY(opened.ok());
        const QString token = r.out.section(QStringLiteral("admin token (shown once): "), 1).trimmed();
        Result<std::optional<AdminToken>> found = (*opened)->store().findAdminToken(tokenHash(token.toUtf8()));
        QVERIFY(found.ok() && found->has_value());
        QCOMPARE((*found)->role, Role::Admin);
    }

    void tokens()
    {
        QTemporaryDir dir;
        const QString data = dir.path();
        QCOMPARE(run({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--data"), data}).code, 1);
        QCOMPARE(run({QStringLiteral("init"), QStringLiteral("--data"), data}).code, 0);
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
        QCOMPARE(run({QStringLiteral("init"), QStringLiteral("--data"), dir.path()}).code, 0);
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
