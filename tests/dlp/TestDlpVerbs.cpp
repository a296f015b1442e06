// SPDX-License-Identifier: Apache-2.0
// `corral dlp scan` and `corral dlp redact` end to end: output formats, code-point offsets,
// every operator, settings files, and the usage errors.
#include "TestCli.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using corral::test::runCli;

namespace {

const QByteArray kText = QStringLiteral("Grüße, José: jose@example.com 😀 card 4111 1111 1111 1111.\n"
                                        "IBAN DE89 3704 0044 0532 0130 00, again jose@example.com\n")
                             .toUtf8();

} // namespace

class TestDlpVerbs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scanText();
    void scanJson();
    void scanWithSettings();
    void redactOperators_data();
    void redactOperators();
    void redactHashKeyFile();
    void redactToFile();
    void usageErrors_data();
    void usageErrors();
    void badSettingsFile();
    void notUtf8();

private:
    QTemporaryDir m_dir;
    QString m_file;
};

void TestDlpVerbs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("text.txt"));
    QVERIFY(test::writeFile(m_file, kText));
}

void TestDlpVerbs::scanText()
{
    const test::CliOutput r = runCli({QStringLiteral("dlp"), QStringLiteral("scan"), m_file});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("EMAIL 13 29 0.90 jose@example.com\n"
                                   "CREDIT_CARD 37 56 1.00 4111 1111 1111 1111\n"
                                   "IBAN 63 90 1.00 DE89 3704 0044 0532 0130 00\n"
                                   "EMAIL 98 114 0.90 jose@example.com\n"));
    // The offsets are Python's: the text sliced by code points is the finding.
    const QString text = QString::fromUtf8(kText);
    QCOMPARE(QString::fromUcs4(text.toUcs4().mid(37, 56 - 37).constData(), 19), QStringLiteral("4111 1111 1111 1111"));
}

void TestDlpVerbs::scanJson()
{
    const test::CliOutput r =
        runCli({QStringLiteral("dlp"), QStringLiteral("scan"), QStringLiteral("-"), QStringLiteral("--json")}, kText);
    QCOMPARE(r.exitCode, 0);
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray findings = doc.value(QLatin1String("findings")).toArray();
    QCOMPARE(findings.size(), 4);
    const QJsonObject first = findings[0].toObject();
    QCOMPARE(first.value(QLatin1String("type")).toString(), QStringLiteral("EMAIL"));
    QCOMPARE(first.value(QLatin1String("start")).toInt(), 13);
    QCOMPARE(first.value(QLatin1String("end")).toInt(), 29);
    QCOMPARE(first.value(QLatin1String("text")).toString(), QStringLiteral("jose@example.com"));
    QVERIFY(first.value(QLatin1String("score")).toDouble() > 0.5);
    const QJsonArray summary = doc.value(QLatin1String("summary")).toArray();
    QCOMPARE(summary.size(), 3);
    QCOMPARE(summary[1].toObject().value(QLatin1String("type")).toString(), QStringLiteral("EMAIL"));
    QCOMPARE(summary[1].toObject().value(QLatin1String("count")).toInt(), 2);
}

void TestDlpVerbs::scanWithSettings()
{
    const QString settings = m_dir.filePath(QStringLiteral("settings.json"));
    QVERIFY(test::writeFile(settings, R"({"enabled": ["IBAN"]})"));
    const test::CliOutput r =
        runCli({QStringLiteral("dlp"), QStringLiteral("scan"), m_file, QStringLiteral("--settings"), settings});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("IBAN 63 90 1.00 DE89 3704 0044 0532 0130 00\n"));
    // A private key block is printed on one line.
    const test::CliOutput pem = runCli({QStringLiteral("dlp"), QStringLiteral("scan"), QStringLiteral("-")},
                                       "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
    QCOMPARE(pem.out,
             QStringLiteral("PRIVATE_KEY 0 58 1.00 -----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----\n"));
}

void TestDlpVerbs::redactOperators_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << QString()
                             << QStringLiteral(
                                    "Grüße, José: <EMAIL> 😀 card <CREDIT_CARD>.\nIBAN <IBAN>, again <EMAIL>\n");
    QTest::newRow("replace") << QStringLiteral("replace")
                             << QStringLiteral(
                                    "Grüße, José: <EMAIL> 😀 card <CREDIT_CARD>.\nIBAN <IBAN>, again <EMAIL>\n");
    QTest::newRow("mask") << QStringLiteral("mask")
                          << QStringLiteral("Grüße, José: j***@example.com 😀 card **** **** **** 1111.\n"
                                            "IBAN **** **** **** **** **30 00, again j***@example.com\n");
    QTest::newRow("remove") << QStringLiteral("remove") << QStringLiteral("Grüße, José:  😀 card .\nIBAN , again \n");
    QTest::newRow("pseudonymize")
        << QStringLiteral("pseudonymize")
        << QStringLiteral("Grüße, José: <EMAIL_1> 😀 card <CREDIT_CARD_1>.\nIBAN <IBAN_1>, again <EMAIL_1>\n");
}

void TestDlpVerbs::redactOperators()
{
    QFETCH(QString, op);
    QFETCH(QString, expected);
    QStringList args{QStringLiteral("dlp"), QStringLiteral("redact"), m_file};
    if (!op.isEmpty())
        args << QStringLiteral("--operator") << op;
    const test::CliOutput r = runCli(args);
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, expected);
}

void TestDlpVerbs::redactHashKeyFile()
{
    const QString key = m_dir.filePath(QStringLiteral("hmac.key"));
    QVERIFY(test::writeFile(key, QByteArray(32, 'k')));
    const QStringList args{QStringLiteral("dlp"),  QStringLiteral("redact"),     m_file, QStringLiteral("--operator"),
                           QStringLiteral("hash"), QStringLiteral("--key-file"), key};
    const test::CliOutput a = runCli(args);
    const test::CliOutput b = runCli(args);
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, b.out); // the same key gives the same hashes
    const QStringList lines = a.out.split(QLatin1Char('\n'));
    const QString hashed = lines[0].section(QLatin1Char(' '), 2, 2);
    QVERIFY2(hashed.startsWith(QStringLiteral("<EMAIL:")) && hashed.size() == 7 + 16 + 1, qPrintable(hashed));
    QVERIFY(lines[1].endsWith(hashed)); // the same address, the same hash
}

void TestDlpVerbs::redactToFile()
{
    const QString out = m_dir.filePath(QStringLiteral("redacted.txt"));
    const test::CliOutput r =
        runCli({QStringLiteral("dlp"), QStringLiteral("redact"), m_file, QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QString());
    QVERIFY(test::readFile(out).startsWith(QStringLiteral("Grüße, José: <EMAIL>").toUtf8()));
}

void TestDlpVerbs::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no file") << QStringList{"dlp", "scan"} << QString();
    QTest::newRow("missing file") << QStringList{"dlp", "scan", "/nonexistent/x.txt"}
                                  << QStringLiteral("corral dlp scan: cannot read /nonexistent/x.txt");
    QTest::newRow("bad operator") << QStringList{"dlp", "redact", "-", "--operator", "scramble"}
                                  << QStringLiteral(
                                         "corral dlp redact: --operator must be replace, mask, hash, remove or "
                                         "pseudonymize");
    QTest::newRow("key without hash") << QStringList{"dlp", "redact", "-", "--key-file", "k"}
                                      << QStringLiteral("corral dlp redact: --key-file goes with --operator hash");
    QTest::newRow("unknown option") << QStringList{"dlp", "scan", "-", "--yaml"} << QString();
}

void TestDlpVerbs::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const test::CliOutput r = runCli(args, "x");
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.out, QString());
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
}

void TestDlpVerbs::badSettingsFile()
{
    // A settings file with an unknown type is a usage error naming the file and the type.
    const QString settings = m_dir.filePath(QStringLiteral("bad.json"));
    QVERIFY(test::writeFile(settings, R"({"enabled": ["PASSPORT"]})"));
    const test::CliOutput bad = runCli({"dlp", "scan", "-", "--settings", settings}, "x");
    QCOMPARE(bad.exitCode, 2);
    QCOMPARE(bad.out, QString());
    QVERIFY2(
        bad.err.startsWith(QStringLiteral("corral dlp scan: %1: \"enabled\": unknown type PASSPORT\n").arg(settings)),
        qPrintable(bad.err));
    QVERIFY(test::writeFile(settings, "[1, 2]"));
    const test::CliOutput notObject = runCli({"dlp", "redact", "-", "--settings", settings}, "x");
    QCOMPARE(notObject.exitCode, 2);
    QVERIFY2(notObject.err.startsWith(QStringLiteral("corral dlp redact: %1: not a JSON object\n").arg(settings)),
             qPrintable(notObject.err));
}

void TestDlpVerbs::notUtf8()
{
    const test::CliOutput r =
        runCli({QStringLiteral("dlp"), QStringLiteral("scan"), QStringLiteral("-")}, QByteArray("ok \xff no"));
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.err, QStringLiteral("corral dlp scan: standard input: not UTF-8 text (invalid byte at offset 3)\n"));
}

QTEST_GUILESS_MAIN(TestDlpVerbs)
#include "TestDlpVerbs.moc"
