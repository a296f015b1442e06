// SPDX-License-Identifier: Apache-2.0
// `corral secrets set|list|rm` with the file store: values from standard input (trailing
// newline removed), names only in listings, bad names and missing secrets with their exit
// codes, and values never printed.
#include "TestCli.h"
#include "models/FileSecretStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace corral;
using corral::test::runCli;

namespace {

const QByteArray kValue = "sk-proj-Zx8Qw2Lm4Np6Rs8Tu0Vw2Xy4Za6Bc8De";

} // namespace

class TestSecretsVerbs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString storePath() const { return m_dir.filePath(QStringLiteral("corral/secrets")); }

    QByteArray stored(const QString& name) const
    {
        auto value = models::FileSecretStore(storePath()).get(name);
        return value.ok() ? value->view().toByteArray() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.path().toUtf8());
        qputenv("CORRAL_SECRET_STORE", "file");
    }

    void setListRemove()
    {
        auto r = runCli({"secrets", "set", "ai-gateway"}, kValue + "\n");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("Stored secret 'ai-gateway' in %1\n").arg(storePath()));
        QCOMPARE(r.err, QString());
        QCOMPARE(stored(QStringLiteral("ai-gateway")), kValue);
        struct stat st
        {};
        QCOMPARE(::stat(QFile::encodeName(storePath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));

        r = runCli({"secrets", "set", "azure"}, "key-with-crlf\r\n");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(stored(QStringLiteral("azure")), QByteArray("key-with-crlf"));
        r = runCli({"secrets", "set", "ai-gateway"}, "rotated"); // no newline at all
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(stored(QStringLiteral("ai-gateway")), QByteArray("rotated"));

        r = runCli({"secrets", "list"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("ai-gateway\nazure\n"));

        r = runCli({"secrets", "rm", "azure"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("Removed secret 'azure' from %1\n").arg(storePath()));
        QCOMPARE(runCli({"secrets", "list"}).out, QStringLiteral("ai-gateway\n"));
    }

    void valuesNeverPrinted()
    {
        QCOMPARE(runCli({"secrets", "set", "printed"}, kValue).exitCode, 0);
        for (const QStringList& args : {QStringList{"secrets", "list"}, QStringList{"secrets", "set", "printed"},
                                        QStringList{"secrets", "rm", "printed"}}) {
            const auto r = runCli(args, kValue);
            QVERIFY(!r.out.contains(QString::fromLatin1(kValue)));
            QVERIFY(!r.err.contains(QString::fromLatin1(kValue)));
        }
    }

    void errors()
    {
        auto r = runCli({"secrets", "set", "../etc/passwd"}, kValue);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("corral secrets set: '../etc/passwd' is not a secret name (letters, digits, "
                                       "'.', '_', '-'; at most 128)\n"
                                       "Try 'corral secrets set --help'.\n"));
        r = runCli({"secrets", "set"});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"secrets", "set", "empty"}, "\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QStringLiteral("corral secrets set: no value given (standard input is empty)\n"));
        QVERIFY(stored(QStringLiteral("empty")).isEmpty());

        r = runCli({"secrets", "rm", "never-set"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(
            r.err,
            QStringLiteral("corral secrets rm: no secret 'never-set' in %1 (secrets.not-found)\n").arg(storePath()));

        QVERIFY(::chmod(QFile::encodeName(storePath()).constData(), 0640) == 0);
        r = runCli({"secrets", "list"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.endsWith(QStringLiteral("fix it with: chmod 600 %1 (secrets.insecure-file)\n").arg(storePath())));
        QVERIFY(::chmod(QFile::encodeName(storePath()).constData(), 0600) == 0);

        qputenv("CORRAL_SECRET_STORE", "vault");
        r = runCli({"secrets", "list"});
        QCOMPARE(r.exitCode, 1);
        qputenv("CORRAL_SECRET_STORE", "file");
    }

    void help()
    {
        const auto r = runCli({"secrets", "set", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("CORRAL_SECRET_STORE")));
    }
};

QTEST_GUILESS_MAIN(TestSecretsVerbs)
#include "TestSecretsVerbs.moc"
