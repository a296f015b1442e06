// SPDX-License-Identifier: Apache-2.0
// A throwaway PostgreSQL cluster for tests and benchmarks: initdb and pg_ctl in a
// temporary folder, listening only on a unix socket in that folder, fsync off. Stopped and
// removed when the object goes. Header-only, so every test that includes the server test
// support gets it without another source file.
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <unistd.h>

namespace corral::server::test {

class PostgresCluster
{
public:
    // A role that must log in with a password (scram-sha-256), to test authentication.
    static constexpr char kPasswordUser[] = "corral_pw";
    static constexpr char kPassword[] = "s3cret-pw";

    // The folder of initdb and pg_ctl: $CORRAL_PG_BIN, else /usr/lib/postgresql/15/bin.
    static QString binDir();
    // Empty when initdb and pg_ctl are there, else what is missing.
    static QString missing();

    // Error "test.postgres" with the tool's output when the cluster does not start.
    static Result<std::unique_ptr<PostgresCluster>> start();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // The unix socket folder.
    QString socketDir() const { return m_dir.path(); }
    // postgres://postgres@/NAME?host=<socket folder> (the superuser, no password).
    QString url(const QString& database) const;
    // Creates an empty database; returns its URL.
    Result<QString> createDatabase(const QString& name);
    // Stops the server (clients lose their connections; a fast shutdown, as commits are
    // not synchronous) and starts it again.
    Result<void> restart();

private:
    PostgresCluster() = default;
    Result<QString> run(const QString& tool, const QStringList& args);
    Result<void> psql(const QString& sql);

    QTemporaryDir m_dir;
    bool m_running = false;
};

// The backend the server tests run on: SQLite, or PostgreSQL when CORRAL_TEST_DB=postgres.
// With PostgreSQL one cluster serves the whole test executable and each server gets a
// fresh database; newDatabase() returns its URL (empty: SQLite in the server's folder).
class TestDatabase
{
public:
    static bool postgres();
    // Starts the cluster on first use. On failure: the reason, and skip() tells whether to
    // skip (no PostgreSQL installed, not in CI) rather than fail.
    static Result<QString> newDatabase();
    static bool shouldSkip(const Error& e);
    // Stops the cluster (at the end of the test executable).
    static void stop();
    // The running cluster, or nullptr.
    static PostgresCluster* cluster();
};

namespace detail {

inline constexpr char kAdminConnection[] = "corral-test-postgres-admin";

inline Error failure(const QString& what)
{
    return makeError(QStringLiteral("test.postgres"), what);
}

inline bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace detail

inline QString PostgresCluster::binDir()
{
    const QString env = qEnvironmentVariable("CORRAL_PG_BIN");
    return env.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : env;
}

inline QString PostgresCluster::missing()
{
    QStringList absent;
    for (const char* tool : {"initdb", "pg_ctl", "postgres"}) {
        if (!QFileInfo(binDir() + QLatin1Char('/') + QLatin1String(tool)).isExecutable())
            absent << QLatin1String(tool);
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        absent << QStringLiteral("the Qt Sql QPSQL driver (libqt6sql6-psql)");
    if (absent.isEmpty())
        return {};
    return QStringLiteral("PostgreSQL is not installed: no %1 in %2 (package postgresql; or set CORRAL_PG_BIN)")
        .arg(absent.join(QStringLiteral(", ")), binDir());
}

inline Result<QString> PostgresCluster::run(const QString& tool, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    // initdb and postgres refuse to run as root: run them as the postgres user, which owns
    // the folder.
    if (detail::runningAsRoot())
        p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                                       QStringLiteral("--"), binDir() + QLatin1Char('/') + tool} +
                                               args);
    else
        p.start(binDir() + QLatin1Char('/') + tool, args);
    if (!p.waitForStarted(10000))
        return detail::failure(QStringLiteral("cannot run %1: %2").arg(tool, p.errorString()));
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        return detail::failure(QStringLiteral("%1 did not finish in 120 s").arg(tool));
    }
    const QString output = QString::fromLocal8Bit(p.readAll());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return detail::failure(QStringLiteral("%1 failed (exit %2): %3").arg(tool).arg(p.exitCode()).arg(output));
    return output;
}

inline Result<std::unique_ptr<PostgresCluster>> PostgresCluster::start()
{
    if (const QString m = missing(); !m.isEmpty())
        return detail::failure(m);
    std::unique_ptr<PostgresCluster> c(new PostgresCluster);
    if (!c->m_dir.isValid())
        return detail::failure(QStringLiteral("cannot create a temporary folder"));
    const QString dir = c->m_dir.path();
    if (detail::runningAsRoot()) {
        QProcess chown;
        chown.start(QStringLiteral("chown"), {QStringLiteral("postgres:"), dir});
        if (!chown.waitForFinished(10000) || chown.exitCode() != 0)
            return detail::failure(QStringLiteral("cannot give %1 to the postgres user").arg(dir));
    }
    const QString data = dir + QStringLiteral("/data");
    if (Result<QString> r = c->run(QStringLiteral("initdb"),
                                   {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
                                    QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
                                    QStringLiteral("UTF8"), QStringLiteral("--no-sync")});
        !r)
        return r.error();
    // The password role must authenticate; everyone else is trusted on the private socket.
    QFile hba(data + QStringLiteral("/pg_hba.conf"));
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return detail::failure(QStringLiteral("cannot write %1").arg(hba.fileName()));
    hba.write(QByteArray("local all ") + kPasswordUser + " scram-sha-256\nlocal all all trust\n");
    hba.close();
    const QString options = QStringLiteral("-k %1 -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                                           "-c full_page_writes=off -c max_connections=100")
                                .arg(dir);
    if (Result<QString> r = c->run(QStringLiteral("pg_ctl"),
                                   {QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-l"),
                                    dir + QStringLiteral("/postgres.log"), QStringLiteral("-w"), QStringLiteral("-t"),
                                    QStringLiteral("60"), QStringLiteral("start")});
        !r) {
        QFile log(dir + QStringLiteral("/postgres.log"));
        log.open(QIODevice::ReadOnly);
        return detail::failure(r.error().message + QStringLiteral("\n") + QString::fromLocal8Bit(log.readAll()));
    }
    c->m_running = true;
    if (Result<void> r = c->psql(QStringLiteral("CREATE ROLE %1 LOGIN SUPERUSER PASSWORD '%2'")
                                     .arg(QLatin1String(kPasswordUser), QLatin1String(kPassword)));
        !r)
        return r.error();
    return c;
}

inline PostgresCluster::~PostgresCluster()
{
    if (QSqlDatabase::contains(QLatin1String(detail::kAdminConnection)))
        QSqlDatabase::removeDatabase(QLatin1String(detail::kAdminConnection));
    if (m_running)
        (void)run(QStringLiteral("pg_ctl"),
                  {QStringLiteral("-D"), m_dir.path() + QStringLiteral("/data"), QStringLiteral("-m"),
                   QStringLiteral("immediate"), QStringLiteral("stop")});
}

inline QString PostgresCluster::url(const QString& database) const
{
    return QStringLiteral("postgres://postgres@/%1?host=%2").arg(database, m_dir.path());
}

inline Result<void> PostgresCluster::psql(const QString& sql)
{
    {
        QSqlDatabase db =
            QSqlDatabase::contains(QLatin1String(detail::kAdminConnection))
                ? QSqlDatabase::database(QLatin1String(detail::kAdminConnection))
                : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QLatin1String(detail::kAdminConnection));
        db.setHostName(m_dir.path());
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.isOpen() && !db.open())
            return detail::failure(QStringLiteral("cannot connect to the test cluster: %1").arg(db.lastError().text()));
        QSqlQuery q(db);
        if (!q.exec(sql))
            return detail::failure(QStringLiteral("%1: %2").arg(sql, q.lastError().text()));
    }
    return {};
}

inline Result<void> PostgresCluster::restart()
{
    if (QSqlDatabase::contains(QLatin1String(detail::kAdminConnection)))
        QSqlDatabase::database(QLatin1String(detail::kAdminConnection)).close();
    const QString data = m_dir.path() + QStringLiteral("/data");
    if (Result<QString> r =
            run(QStringLiteral("pg_ctl"),
                {QStringLiteral("-D"), data, QStringLiteral("-l"), m_dir.path() + QStringLiteral("/postgres.log"),
                 QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("restart")});
        !r)
        return r.error();
    return {};
}

inline Result<QString> PostgresCluster::createDatabase(const QString& name)
{
    if (Result<void> r = psql(QStringLiteral("CREATE DATABASE %1 TEMPLATE template0").arg(name)); !r)
        return r.error();
    return url(name);
}

namespace detail {

inline std::unique_ptr<PostgresCluster>& sharedCluster()
{
    static std::unique_ptr<PostgresCluster> cluster;
    return cluster;
}

} // namespace detail

inline bool TestDatabase::postgres()
{
    return qEnvironmentVariable("CORRAL_TEST_DB") == QLatin1String("postgres");
}

inline Result<QString> TestDatabase::newDatabase()
{
    if (!postgres())
        return QString();
    std::unique_ptr<PostgresCluster>& cluster = detail::sharedCluster();
    if (!cluster) {
        Result<std::unique_ptr<PostgresCluster>> started = PostgresCluster::start();
        if (!started)
            return started.error();
        cluster = std::move(started.value());
        // Stopped at the latest when the application object goes, while QProcess still
        // works, whether or not the test calls stop().
        qAddPostRoutine([] { detail::sharedCluster().reset(); });
    }
    static int counter = 0;
    return cluster->createDatabase(QStringLiteral("corral_test_%1").arg(++counter));
}

inline bool TestDatabase::shouldSkip(const Error& e)
{
    return !PostgresCluster::missing().isEmpty() && !qEnvironmentVariableIsSet("CI") &&
           e.code == QLatin1String("test.postgres");
}

inline PostgresCluster* TestDatabase::cluster()
{
    return detail::sharedCluster().get();
}

inline void TestDatabase::stop()
{
    detail::sharedCluster().reset();
}

} // namespace corral::server::test

// In initTestCase of a server test: fails (in CI) or skips (elsewhere) when PostgreSQL is
// wanted but missing.
#define CORRAL_REQUIRE_TEST_DATABASE()                                                                                 \
    do {                                                                                                               \
        if (::corral::server::test::TestDatabase::postgres()) {                                                        \
            const Result<QString> probe = ::corral::server::test::TestDatabase::newDatabase();                         \
            if (!probe) {                                                                                              \
                if (::corral::server::test::TestDatabase::shouldSkip(probe.error()))                                   \
                    QSKIP(qPrintable(probe.error().message));                                                          \
                QFAIL(qPrintable(probe.error().toString()));                                                           \
            }                                                                                                          \
        }                                                                                                              \
    } while (false)
