// SPDX-License-Identifier: Apache-2.0
#include "TestCli.h"
#include "crypto/Minisign.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using corral::test::CliOutput;
using corral::test::readFile;
using corral::test::runCli;
using corral::test::runProgram;
using corral::test::writeFile;

namespace ms = corral::crypto::minisign;

namespace {

const QString kMinisign = QStringLiteral("/usr/bin/minisign");

mode_t modeOf(const QString& path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 0777) : mode_t(0);
}

} // namespace

class TestCryptoVerbs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void helpOnEveryVerb_data();
    void helpOnEveryVerb();
    void usageErrors_data();
    void usageErrors();
    void unencryptedKeySignVerify();
    void passwordProtectedKey();
    void signWithEncryptedKey();
    void passwordMismatchWritesNothing();
    void refusesToOverwrite();
    void verifyFailures();
    void verifiesMinisignSignatures();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestCryptoVerbs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(writeFile(path(QStringLiteral("doc.txt")), "quarterly numbers\n"));
    const CliOutput g = runCli({QStringLiteral("keygen"), QStringLiteral("-o"), path(QStringLiteral("plain")),
                                QStringLiteral("--no-password")});
    QVERIFY2(g.exitCode == 0, qPrintable(g.err));
}

void TestCryptoVerbs::helpOnEveryVerb_data()
{
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("option");
    QTest::newRow("keygen") << QStringLiteral("keygen") << QStringLiteral("--no-password");
    QTest::newRow("sign") << QStringLiteral("sign") << QStringLiteral("--trusted-comment");
    QTest::newRow("verify") << QStringLiteral("verify") << QStringLiteral("--public-key");
}

void TestCryptoVerbs::helpOnEveryVerb()
{
    QFETCH(QString, verb);
    QFETCH(QString, option);
    const CliOutput r = runCli({verb, QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("Usage: corral ") + verb));
    QVERIFY(r.out.contains(option));
    QVERIFY(r.err.isEmpty());
}

void TestCryptoVerbs::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString doc = path(QStringLiteral("doc.txt"));
    const QString key = path(QStringLiteral("plain.key"));
    const QString pub = path(QStringLiteral("plain.pub"));
    const QString missing = path(QStringLiteral("missing.txt"));
    QTest::newRow("keygen unknown option") << QStringList{QStringLiteral("keygen"), QStringLiteral("--bogus")}
                                           << QStringLiteral("corral keygen: Unknown option 'bogus'.");
    QTest::newRow("keygen no prefix") << QStringList{QStringLiteral("keygen"), QStringLiteral("--no-password")}
                                      << QStringLiteral("corral keygen: missing -o PREFIX");
    QTest::newRow("sign no key") << QStringList{QStringLiteral("sign"), doc}
                                 << QStringLiteral("corral sign: missing -s KEY");
    QTest::newRow("sign no file") << QStringList{QStringLiteral("sign"), QStringLiteral("-s"), key}
                                  << QStringLiteral("corral sign: missing argument (usage: corral sign FILE)");
    QTest::newRow("sign missing file") << QStringList{QStringLiteral("sign"), QStringLiteral("-s"), key, missing}
                                       << QStringLiteral("corral sign: cannot read %1: no such file").arg(missing);
    QTest::newRow("sign missing key") << QStringList{QStringLiteral("sign"), QStringLiteral("-s"), missing, doc}
                                      << QStringLiteral("corral sign: cannot read %1: ").arg(missing);
    QTest::newRow("sign unknown option") << QStringList{QStringLiteral("sign"), QStringLiteral("-s"), key,
                                                        QStringLiteral("-q"), doc}
                                         << QStringLiteral("corral sign: Unknown option 'q'.");
    QTest::newRow("verify no key") << QStringList{QStringLiteral("verify"), doc}
                                   << QStringLiteral("corral verify: missing -p PUB");
    QTest::newRow("verify missing file") << QStringList{QStringLiteral("verify"), QStringLiteral("-p"), pub, missing}
                                         << QStringLiteral("corral verify: cannot read %1: no such file").arg(missing);
    QTest::newRow("verify missing signature")
        << QStringList{QStringLiteral("verify"), QStringLiteral("-p"), pub, doc, QStringLiteral("-x"), missing}
        << QStringLiteral("corral verify: cannot read %1: ").arg(missing);
    QTest::newRow("verify two files") << QStringList{QStringLiteral("verify"), QStringLiteral("-p"), pub, doc, doc}
                                      << QStringLiteral("corral verify: unexpected argument '%1'").arg(doc);
}

void TestCryptoVerbs::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliOutput r = runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("doc.txt.minisig"))) || args.first() != QLatin1String("sign"));
}

void TestCryptoVerbs::unencryptedKeySignVerify()
{
    const QString key = path(QStringLiteral("plain.key"));
    const QString pub = path(QStringLiteral("plain.pub"));
    const QString doc = path(QStringLiteral("doc.txt"));
    QCOMPARE(modeOf(key), mode_t(0600));
    QVERIFY(readFile(key).startsWith("untrusted comment: "));
    QVERIFY(readFile(pub).startsWith("untrusted comment: minisign public key "));

    const CliOutput s = runCli({QStringLiteral("sign"), QStringLiteral("-s"), key, doc, QStringLiteral("-t"),
                                QStringLiteral("approved by finance")});
    QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    QCOMPARE(s.out, QStringLiteral("Signature written to %1.minisig\n").arg(doc));
    const CliOutput v = runCli({QStringLiteral("verify"), QStringLiteral("-p"), pub, doc});
    QCOMPARE(v.exitCode, 0);
    QCOMPARE(v.out, QStringLiteral("Signature and comment signature verified\nTrusted comment: approved by finance\n"));

    // The default trusted comment is minisign's, and minisign accepts the result.
    const CliOutput d = runCli({QStringLiteral("sign"), QStringLiteral("-s"), key, doc, QStringLiteral("-x"),
                                path(QStringLiteral("default.minisig"))});
    QCOMPARE(d.exitCode, 0);
    const QByteArray trusted = readFile(path(QStringLiteral("default.minisig"))).split('\n').at(2);
    QVERIFY(trusted.startsWith("trusted comment: timestamp:"));
    QVERIFY(trusted.endsWith("\tfile:doc.txt\thashed"));
    if (!QFileInfo::exists(kMinisign))
        QSKIP("the minisign tool is not installed");
    const CliOutput m = runProgram(kMinisign, {QStringLiteral("-Vm"), doc, QStringLiteral("-p"), pub});
    QVERIFY2(m.exitCode == 0, qPrintable(m.err));
    QVERIFY(m.out.contains(QStringLiteral("Trusted comment: approved by finance")));
}

void TestCryptoVerbs::passwordProtectedKey()
{
    const QString prefix = path(QStringLiteral("enc"));
    // Password and confirmation on standard input (not a terminal). The key gets minisign's
    // own scrypt limits, so this is the one slow key derivation of this test.
    const CliOutput g = runCli({QStringLiteral("keygen"), QStringLiteral("-o"), prefix}, "tr0ub4dor\ntr0ub4dor\n");
    QVERIFY2(g.exitCode == 0, qPrintable(g.err));
    QVERIFY(g.out.contains(QStringLiteral("(encrypted)")));
    QCOMPARE(modeOf(prefix + QStringLiteral(".key")), mode_t(0600));
    auto file = ms::SecretKeyFile::parse(readFile(prefix + QStringLiteral(".key")), prefix + QStringLiteral(".key"));
    QVERIFY(file.ok());
    QVERIFY(file->isEncrypted());
    QCOMPARE(file->scryptParams().opsLimit, ms::ScryptParams::sensitive().opsLimit);
    QCOMPARE(file->scryptParams().memLimit, ms::ScryptParams::sensitive().memLimit);
    auto pub = ms::PublicKey::parse(readFile(prefix + QStringLiteral(".pub")), prefix + QStringLiteral(".pub"));
    QVERIFY(pub.ok());
}

void TestCryptoVerbs::signWithEncryptedKey()
{
    // A key encrypted with cheap scrypt limits keeps the password round trips fast.
    const ms::SecretKey key = ms::SecretKey::generate();
    const QString keyPath = path(QStringLiteral("fast.key"));
    const QString pubPath = path(QStringLiteral("fast.pub"));
    auto encoded = ms::encodeSecretKey(key, "tr0ub4dor", ms::ScryptParams::interactive());
    QVERIFY(encoded.ok());
    QVERIFY(ms::writeKeyFile(keyPath, encoded->view(), true).ok());
    QVERIFY(ms::writeKeyFile(pubPath, key.publicKey().toFile(), false).ok());
    const QString doc = path(QStringLiteral("doc.txt"));

    const CliOutput wrong = runCli({QStringLiteral("sign"), QStringLiteral("-s"), keyPath, doc, QStringLiteral("-x"),
                                    path(QStringLiteral("wrong.minisig"))},
                                   "tr0ub4dor&3\n");
    QCOMPARE(wrong.exitCode, 1);
    QCOMPARE(wrong.err,
             QStringLiteral("corral sign: %1: wrong password for that key (minisign.wrong-password)\n").arg(keyPath));
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("wrong.minisig"))));

    const CliOutput s = runCli({QStringLiteral("sign"), QStringLiteral("-s"), keyPath, doc, QStringLiteral("-x"),
                                path(QStringLiteral("enc.minisig"))},
                               "tr0ub4dor\r\n");
    QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    const CliOutput v = runCli({QStringLiteral("verify"), QStringLiteral("-p"), pubPath, doc, QStringLiteral("-x"),
                                path(QStringLiteral("enc.minisig"))});
    QCOMPARE(v.exitCode, 0);
    if (QFileInfo::exists(kMinisign)) {
        // minisign signs with the Corral-encrypted key given the same password.
        const CliOutput m = runProgram(kMinisign,
                                       {QStringLiteral("-S"), QStringLiteral("-s"), keyPath, QStringLiteral("-m"), doc,
                                        QStringLiteral("-x"), path(QStringLiteral("m.minisig"))},
                                       "tr0ub4dor\n");
        QVERIFY2(m.exitCode == 0, qPrintable(m.err));
        QCOMPARE(runCli({QStringLiteral("verify"), QStringLiteral("-p"), pubPath, doc, QStringLiteral("-x"),
                         path(QStringLiteral("m.minisig"))})
                     .exitCode,
                 0);
    }
    const CliOutput none = runCli({QStringLiteral("sign"), QStringLiteral("-s"), keyPath, doc});
    QCOMPARE(none.exitCode, 1);
    QCOMPARE(none.err, QStringLiteral("corral sign: no password given (standard input is empty)\n"));
}

void TestCryptoVerbs::passwordMismatchWritesNothing()
{
    const QString prefix = path(QStringLiteral("mismatch"));
    const CliOutput r = runCli({QStringLiteral("keygen"), QStringLiteral("-o"), prefix}, "one\ntwo\n");
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QStringLiteral("corral keygen: the passwords do not match\n"));
    const CliOutput empty = runCli({QStringLiteral("keygen"), QStringLiteral("-o"), prefix}, "\n\n");
    QCOMPARE(empty.exitCode, 1);
    QCOMPARE(empty.err, QStringLiteral("corral keygen: empty password; use --no-password for an unencrypted key\n"));
    QVERIFY(!QFileInfo::exists(prefix + QStringLiteral(".key")));
    QVERIFY(!QFileInfo::exists(prefix + QStringLiteral(".pub")));
}

void TestCryptoVerbs::refusesToOverwrite()
{
    const QString prefix = path(QStringLiteral("plain"));
    const QByteArray before = readFile(prefix + QStringLiteral(".key"));
    const CliOutput r =
        runCli({QStringLiteral("keygen"), QStringLiteral("-o"), prefix, QStringLiteral("--no-password")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QStringLiteral("corral keygen: %1.pub already exists; use --force to overwrite it\n").arg(prefix));
    QCOMPARE(readFile(prefix + QStringLiteral(".key")), before);

    const QString other = path(QStringLiteral("other"));
    QVERIFY(runCli({QStringLiteral("keygen"), QStringLiteral("-o"), other, QStringLiteral("--no-password")}).exitCode ==
            0);
    const QByteArray oldKey = readFile(other + QStringLiteral(".key"));
    const CliOutput f = runCli({QStringLiteral("keygen"), QStringLiteral("-o"), other, QStringLiteral("--no-password"),
                                QStringLiteral("--force")});
    QCOMPARE(f.exitCode, 0);
    QVERIFY(readFile(other + QStringLiteral(".key")) != oldKey);
    QCOMPARE(modeOf(other + QStringLiteral(".key")), mode_t(0600));
}

void TestCryptoVerbs::verifyFailures()
{
    const QString key = path(QStringLiteral("plain.key"));
    const QString pub = path(QStringLiteral("plain.pub"));
    const QString doc = path(QStringLiteral("tamper.txt"));
    QVERIFY(writeFile(doc, "pay 100\n"));
    QCOMPARE(runCli({QStringLiteral("sign"), QStringLiteral("-s"), key, doc}).exitCode, 0);
    QVERIFY(writeFile(doc, "pay 900\n"));
    const CliOutput bad = runCli({QStringLiteral("verify"), QStringLiteral("-p"), pub, doc});
    QCOMPARE(bad.exitCode, 1);
    QCOMPARE(bad.err, QStringLiteral("corral verify: signature verification failed (minisign.bad-signature)\n"));
    QVERIFY(bad.out.isEmpty());

    // Another key.
    QCOMPARE(runCli({QStringLiteral("keygen"), QStringLiteral("-o"), path(QStringLiteral("stranger")),
                     QStringLiteral("--no-password")})
                 .exitCode,
             0);
    QVERIFY(writeFile(doc, "pay 100\n"));
    const CliOutput other =
        runCli({QStringLiteral("verify"), QStringLiteral("-p"), path(QStringLiteral("stranger.pub")), doc});
    QCOMPARE(other.exitCode, 1);
    QVERIFY(other.err.endsWith(QStringLiteral("(minisign.key-id-mismatch)\n")));

    // A malformed signature file names the file and line.
    QVERIFY(writeFile(doc + QStringLiteral(".minisig"), "untrusted comment: x\nnot base64\n"));
    const CliOutput malformed = runCli({QStringLiteral("verify"), QStringLiteral("-p"), pub, doc});
    QCOMPARE(malformed.exitCode, 1);
    QCOMPARE(malformed.err,
             QStringLiteral("corral verify: %1.minisig:3: file is truncated (4 lines expected) (minisign.malformed)\n")
                 .arg(doc));
}

void TestCryptoVerbs::verifiesMinisignSignatures()
{
    if (!QFileInfo::exists(kMinisign))
        QSKIP("the minisign tool is not installed");
    const QString pub = path(QStringLiteral("m.pub"));
    const QString key = path(QStringLiteral("m.key"));
    QCOMPARE(runProgram(kMinisign, {QStringLiteral("-G"), QStringLiteral("-W"), QStringLiteral("-p"), pub,
                                    QStringLiteral("-s"), key})
                 .exitCode,
             0);
    const QString doc = path(QStringLiteral("doc.txt"));
    const CliOutput m = runProgram(kMinisign, {QStringLiteral("-S"), QStringLiteral("-s"), key, QStringLiteral("-m"),
                                               doc, QStringLiteral("-x"), path(QStringLiteral("mm.minisig")),
                                               QStringLiteral("-t"), QStringLiteral("made by minisign")});
    QVERIFY2(m.exitCode == 0, qPrintable(m.err));
    const CliOutput v = runCli({QStringLiteral("verify"), QStringLiteral("-p"), pub, doc, QStringLiteral("-x"),
                                path(QStringLiteral("mm.minisig"))});
    QCOMPARE(v.exitCode, 0);
    QCOMPARE(v.out, QStringLiteral("Signature and comment signature verified\nTrusted comment: made by minisign\n"));
    // And Corral signs with minisign's key.
    const CliOutput s = runCli({QStringLiteral("sign"), QStringLiteral("-s"), key, doc, QStringLiteral("-x"),
                                path(QStringLiteral("cm.minisig"))});
    QCOMPARE(s.exitCode, 0);
    const CliOutput mv = runProgram(kMinisign, {QStringLiteral("-Vm"), doc, QStringLiteral("-p"), pub,
                                                QStringLiteral("-x"), path(QStringLiteral("cm.minisig"))});
    QVERIFY2(mv.exitCode == 0, qPrintable(mv.err));
}

QTEST_GUILESS_MAIN(TestCryptoVerbs)
#include "TestCryptoVerbs.moc"
