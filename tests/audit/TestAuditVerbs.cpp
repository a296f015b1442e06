// SPDX-License-Identifier: Apache-2.0
// The `corral audit` verbs end to end, and the export formats.
#include "TestCli.h"
#include "TestSupport.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"
#include "audit/AuditRecord.h"
#include "audit/Checkpoint.h"
#include "audit/DeviceKey.h"
#include "crypto/SignedNote.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::audit;
using corral::test::runCli;

namespace {

QStringList auditArgs(const QString& verb, const QString& db, QStringList more = {})
{
    return QStringList{QStringLiteral("audit"), verb, QStringLiteral("--db"), db} + more;
}

Hash fromHex(const QString& hex)
{
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    Hash h{};
    std::copy(raw.begin(), raw.end(), h.begin());
    return h;
}

} // namespace

class TestAuditVerbs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void noteCreatesLogAndKey();
    void checkpointAndVerifierKey();
    void proofAndConsistencyVerify();
    void jsonlExportVerifiesStandalone();
    void tamperedExportIsNamed();
    void recordsExportRecomputesTheRoot();
    void siemFormats();
    void filters();
    void usageErrors();

private:
    QTemporaryDir m_dir;
    QString m_db;
};

void TestAuditVerbs::initTestCase()
{
    m_db = m_dir.filePath(QStringLiteral("log/audit.db"));
    QCOMPARE(runCli(auditArgs(QStringLiteral("note"), m_db,
                              {QStringLiteral("incident opened"), QStringLiteral("--author"), QStringLiteral("ops")}))
                 .out,
             QStringLiteral("seq 0\n"));
    // More history through the library, with the key the verb created.
    Result<DeviceKey> key = loadOrCreateDeviceKey(QFileInfo(m_db).absolutePath());
    QVERIFY(key.ok());
    AuditLog::Options o;
    o.timer = false;
    o.checkpointEvery = 4;
    auto log = AuditLog::open(m_db, key->key.keyPair, o);
    QVERIFY(log.ok());
    for (int i = 0; i < 10; ++i) {
        QVERIFY((*log)
                    ->append(events::actionDecided(i % 2 ? QStringLiteral("app-a") : QStringLiteral("app-b"),
                                                   QStringLiteral("bob"), QStringLiteral("file.read"),
                                                   QStringLiteral("/d|ir/f=%1").arg(i),
                                                   i % 3 ? Decision::Allow : Decision::Deny,
                                                   {QStringLiteral("rule %1").arg(i)}, QStringLiteral("p1")))
                    .ok());
    }
    QVERIFY((*log)->close().ok());
}

void TestAuditVerbs::noteCreatesLogAndKey()
{
    const QString dir = QFileInfo(m_db).absolutePath();
    QVERIFY(QFile::exists(dir + QStringLiteral("/device.pub")));
    QCOMPARE(QFileInfo(dir + QStringLiteral("/device.key")).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFileDevice::Permissions());
    const corral::test::CliOutput out = runCli(auditArgs(QStringLiteral("verify"), m_db));
    QCOMPARE(out.exitCode, 0);
    QVERIFY2(out.out.startsWith(QStringLiteral("ok: 11 records, checkpoint 11 ")), qPrintable(out.out));
}

void TestAuditVerbs::checkpointAndVerifierKey()
{
    const corral::test::CliOutput note = runCli(auditArgs(QStringLiteral("checkpoint"), m_db));
    QCOMPARE(note.exitCode, 0);
    const corral::test::CliOutput vkey =
        runCli(auditArgs(QStringLiteral("checkpoint"), m_db, {QStringLiteral("--vkey")}));
    QCOMPARE(vkey.exitCode, 0);
    Result<crypto::NoteVerifier> verifier = crypto::NoteVerifier::fromVerifierKey(vkey.out.trimmed());
    QVERIFY(verifier.ok());
    Result<Checkpoint> c = openCheckpoint(note.out.toUtf8(), {*verifier});
    QVERIFY(c.ok());
    QCOMPARE(c->size, std::uint64_t(11));
    QVERIFY(c->origin.startsWith(QStringLiteral("corral.local/")));
    QCOMPARE(verifier->name, c->origin);
}

void TestAuditVerbs::proofAndConsistencyVerify()
{
    const corral::test::CliOutput proof =
        runCli(auditArgs(QStringLiteral("proof"), m_db, {QStringLiteral("--seq"), QStringLiteral("5")}));
    QCOMPARE(proof.exitCode, 0);
    QStringList lines = proof.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.at(0), QStringLiteral("seq 5"));
    QCOMPARE(lines.at(1), QStringLiteral("size 11"));
    const Hash leaf = fromHex(lines.at(2).section(QLatin1Char(' '), 1));
    Hash root{};
    const QByteArray rootRaw = QByteArray::fromBase64(lines.at(3).section(QLatin1Char(' '), 1).toLatin1());
    std::copy(rootRaw.begin(), rootRaw.end(), root.begin());
    Proof p;
    for (const QString& line : lines.mid(4))
        p.push_back(fromHex(line.section(QLatin1Char(' '), 1)));
    QVERIFY(verifyInclusion(5, 11, leaf, p, root).ok());
    QVERIFY(!verifyInclusion(4, 11, leaf, p, root).ok());

    const corral::test::CliOutput cons =
        runCli(auditArgs(QStringLiteral("consistency"), m_db, {QStringLiteral("--old"), QStringLiteral("3")}));
    QCOMPARE(cons.exitCode, 0);
    lines = cons.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.at(0).startsWith(QStringLiteral("old 3 ")));
    QVERIFY(lines.at(1).startsWith(QStringLiteral("new 11 ")));
    auto rootOfLine = [](const QString& line) {
        const QByteArray raw = QByteArray::fromBase64(line.section(QLatin1Char(' '), 2).toLatin1());
        Hash h{};
        std::copy(raw.begin(), raw.end(), h.begin());
        return h;
    };
    Proof c;
    for (const QString& line : lines.mid(2))
        c.push_back(fromHex(line.section(QLatin1Char(' '), 1)));
    QVERIFY(verifyConsistency(3, 11, c, rootOfLine(lines.at(0)), rootOfLine(lines.at(1))).ok());
    QCOMPARE(rootOfLine(lines.at(1)), root);
}

void TestAuditVerbs::jsonlExportVerifiesStandalone()
{
    const QString file = m_dir.filePath(QStringLiteral("export.jsonl"));
    QCOMPARE(runCli(auditArgs(QStringLiteral("export"), m_db,
                              {QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("-o"), file}))
                 .exitCode,
             0);
    const QList<QByteArray> lines = corral::test::readFile(file).split('\n');
    QCOMPARE(lines.size(), 12); // 11 events and the final newline
    const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(first.value(QStringLiteral("seq")).toInt(), 0);
    QVERIFY(first.value(QStringLiteral("checkpoint")).toString().contains(QStringLiteral("\n11\n")));
    // On "another machine": only the export and the public key.
    const QString pub = QFileInfo(m_db).absolutePath() + QStringLiteral("/device.pub");
    const corral::test::CliOutput out = runCli({QStringLiteral("audit"), QStringLiteral("verify"),
                                                QStringLiteral("--export"), file, QStringLiteral("--pub"), pub});
    QCOMPARE(out.exitCode, 0);
    QVERIFY2(out.out.startsWith(QStringLiteral("ok: 11 records, checkpoint 11 ")), qPrintable(out.out + out.err));
}

void TestAuditVerbs::tamperedExportIsNamed()
{
    const QString file = m_dir.filePath(QStringLiteral("tampered.jsonl"));
    QVERIFY(runCli(auditArgs(QStringLiteral("export"), m_db,
                             {QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("-o"), file}))
                .exitCode == 0);
    QByteArray data = corral::test::readFile(file);
    data.replace("rule 7", "rule 8"); // in record 8 (seq 8) and in its parsed copy
    QVERIFY(corral::test::writeFile(file, data));
    const QString pub = QFileInfo(m_db).absolutePath() + QStringLiteral("/device.pub");
    const corral::test::CliOutput out = runCli({QStringLiteral("audit"), QStringLiteral("verify"),
                                                QStringLiteral("--export"), file, QStringLiteral("--pub"), pub});
    QCOMPARE(out.exitCode, 1);
    QCOMPARE(out.out, QStringLiteral("hash-mismatch seq 8: the record does not hash to its leaf\n"));
}

void TestAuditVerbs::recordsExportRecomputesTheRoot()
{
    const corral::test::CliOutput out =
        runCli(auditArgs(QStringLiteral("export"), m_db, {QStringLiteral("--format"), QStringLiteral("records")}));
    QCOMPARE(out.exitCode, 0);
    MerkleTree tree;
    const QList<QByteArray> lines = out.out.toUtf8().split('\n');
    for (const QByteArray& line : lines.first(lines.size() - 1))
        tree.append(leafHash(line));
    QCOMPARE(tree.size(), std::uint64_t(11));
    Result<Checkpoint> c = peekCheckpoint(runCli(auditArgs(QStringLiteral("checkpoint"), m_db)).out.toUtf8());
    QVERIFY(c.ok());
    QVERIFY(tree.root() == c->root);
}

void TestAuditVerbs::siemFormats()
{
    QCOMPARE(cefHeaderEscape(QStringLiteral("a|b\\c")), QStringLiteral("a\\|b\\\\c"));
    QCOMPARE(cefExtensionEscape(QStringLiteral("a=b\\c\nd|e")), QStringLiteral("a\\=b\\\\c\\nd|e"));
    QCOMPARE(syslogParamEscape(QStringLiteral("a\"b]c\\")), QStringLiteral("a\\\"b\\]c\\\\"));

    const QStringList type = {QStringLiteral("--type"), QStringLiteral("action.decided")};
    const QString ocsf = runCli(auditArgs(QStringLiteral("export"), m_db,
                                          QStringList{QStringLiteral("--format"), QStringLiteral("ocsf")} + type))
                             .out;
    const QJsonObject denied = QJsonDocument::fromJson(ocsf.split(QLatin1Char('\n')).first().toUtf8()).object();
    QCOMPARE(denied.value(QStringLiteral("class_uid")).toInt(), 1001); // file.read -> File System Activity
    QCOMPARE(denied.value(QStringLiteral("activity_id")).toInt(), 2);
    QCOMPARE(denied.value(QStringLiteral("type_uid")).toInt(), 100102);
    QCOMPARE(denied.value(QStringLiteral("action_id")).toInt(), 2);
    QCOMPARE(denied.value(QStringLiteral("disposition_id")).toInt(), 2);
    QCOMPARE(denied.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("sequence")).toInt(), 1);
    QCOMPARE(denied.value(QStringLiteral("unmapped"))
                 .toObject()
                 .value(QStringLiteral("corral"))
                 .toObject()
                 .value(QStringLiteral("seq"))
                 .toInt(),
             1);

    const QString cef = runCli(auditArgs(QStringLiteral("export"), m_db,
                                         QStringList{QStringLiteral("--format"), QStringLiteral("cef")} + type))
                            .out;
    const QString firstCef = cef.split(QLatin1Char('\n')).first();
    QVERIFY2(
        firstCef.startsWith(QStringLiteral("CEF:0|Corral|Corral|0.1.0|action.decided|action.decided file.read|6|")),
        qPrintable(firstCef));
    QVERIFY(firstCef.contains(QStringLiteral(" request=/d|ir/f\\=0 ")));
    QVERIFY(firstCef.contains(QStringLiteral(" act=deny ")));
    QVERIFY(firstCef.contains(QStringLiteral(" cn1Label=seq cn1=1")));

    const QString syslog = runCli(auditArgs(QStringLiteral("export"), m_db,
                                            QStringList{QStringLiteral("--format"), QStringLiteral("syslog")} + type))
                               .out;
    const QString firstSyslog = syslog.split(QLatin1Char('\n')).first();
    QVERIFY2(firstSyslog.startsWith(QStringLiteral("<108>1 ")), qPrintable(firstSyslog));
    QVERIFY(firstSyslog.contains(QStringLiteral(" corral - action.decided [corral@32473 seq=\"1\" leaf=\"")));
    QVERIFY(firstSyslog.contains(QStringLiteral("decision=\"deny\"] ") + QChar(0xFEFF) + QLatin1Char('{')));
}

void TestAuditVerbs::filters()
{
    const QString out = runCli(auditArgs(QStringLiteral("export"), m_db,
                                         {QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--app"),
                                          QStringLiteral("app-a")}))
                            .out;
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    for (const QString& line : lines)
        QCOMPARE(QJsonDocument::fromJson(line.toUtf8())
                     .object()
                     .value(QStringLiteral("event"))
                     .toObject()
                     .value(QStringLiteral("app_id")),
                 QJsonValue(QStringLiteral("app-a")));
    const QString none = runCli(auditArgs(QStringLiteral("export"), m_db,
                                          {QStringLiteral("--format"), QStringLiteral("cef"), QStringLiteral("--from"),
                                           QStringLiteral("2100-01-01")}))
                             .out;
    QCOMPARE(none, QString());
}

void TestAuditVerbs::usageErrors()
{
    const QString missing = m_dir.filePath(QStringLiteral("none/audit.db"));
    corral::test::CliOutput out = runCli(auditArgs(QStringLiteral("verify"), missing));
    QCOMPARE(out.exitCode, 2);
    QCOMPARE(out.err.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("corral audit verify: no audit log at %1").arg(missing));
    QVERIFY(!QFile::exists(missing));
    out = runCli(auditArgs(QStringLiteral("export"), m_db, {QStringLiteral("--format"), QStringLiteral("xml")}));
    QCOMPARE(out.exitCode, 2);
    QCOMPARE(out.err.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("corral audit export: --format must be jsonl, ocsf, cef, syslog or records"));
    out = runCli(auditArgs(
        QStringLiteral("export"), m_db,
        {QStringLiteral("--format"), QStringLiteral("records"), QStringLiteral("--app"), QStringLiteral("x")}));
    QCOMPARE(out.exitCode, 2);
    out = runCli(auditArgs(QStringLiteral("proof"), m_db, {QStringLiteral("--seq"), QStringLiteral("11")}));
    QCOMPARE(out.exitCode, 2);
    QCOMPARE(out.err.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("corral audit proof: seq 11 is not in a tree of size 11"));
    out = runCli(auditArgs(QStringLiteral("verify"), m_db, {QStringLiteral("--export"), QStringLiteral("x.jsonl")}));
    QCOMPARE(out.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestAuditVerbs)
#include "TestAuditVerbs.moc"
