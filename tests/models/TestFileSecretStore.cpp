// SPDX-License-Identifier: Apache-2.0
// The file secret store: round trips of any byte value, 0600 file in a 0700 folder,
// atomic replacement, refusal of a file others can read, damaged files, bad names, and
// values that never show up in error messages.
#include "TestSupport.h"
#include "models/FileSecretStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace corral;
using namespace corral::models;

namespace {

const QByteArray kValue = "sk-live-51Hx9fS2eZvKYlo2C0123456789abcdef";

mode_t modeOf(const QString& path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

QByteArray valueOf(const Result<crypto::SecureBytes>& secret)
{
    return secret.ok() ? secret->view().toByteArray() : QByteArray();
}

} // namespace

class TestFileSecretStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void roundTrip()
    {
        FileSecretStore store(path(QStringLiteral("config/corral/secrets")));
        QCOMPARE(store.backend(), QStringLiteral("file"));
        QCOMPARE(store.names().value(), QStringList());
        QVERIFY(store.set(QStringLiteral("openai"), kValue).ok());
        const QByteArray binary("\x00\n\r \xff key", 10);
        QVERIFY(store.set(QStringLiteral("Azure.prod_1"), binary).ok());
        QCOMPARE(valueOf(store.get(QStringLiteral("openai"))), kValue);
        QCOMPARE(valueOf(store.get(QStringLiteral("Azure.prod_1"))), binary);
        QCOMPARE(store.names().value(), QStringList({"Azure.prod_1", "openai"}));

        QVERIFY(store.set(QStringLiteral("openai"), "rotated").ok());
        QCOMPARE(valueOf(store.get(QStringLiteral("openai"))), QByteArray("rotated"));
        QVERIFY(store.remove(QStringLiteral("openai")).ok());
        QCOMPARE(store.names().value(), QStringList({"Azure.prod_1"}));

        // Another instance (another process) sees the same file.
        FileSecretStore other(path(QStringLiteral("config/corral/secrets")));
        QCOMPARE(valueOf(other.get(QStringLiteral("Azure.prod_1"))), binary);
    }

    void permissions()
    {
        const QString folder = path(QStringLiteral("perm/corral"));
        const QString file = folder + QStringLiteral("/secrets");
        FileSecretStore store(file);
        QVERIFY(store.set(QStringLiteral("k"), kValue).ok());
        QCOMPARE(modeOf(file), mode_t(0600));
        QCOMPARE(modeOf(folder), mode_t(0700));
        QVERIFY(store.set(QStringLiteral("k2"), kValue).ok());
        QCOMPARE(modeOf(file), mode_t(0600));
        // Nothing but the store and its lock file: no temporary copies left behind.
        const QStringList left = QDir(folder).entryList(QDir::Files | QDir::Hidden);
        QVERIFY2(left == QStringList({"secrets"}) || left == QStringList({"secrets", "secrets.lock"}),
                 qPrintable(left.join(QLatin1Char(' '))));
    }

    void refusesReadableFile()
    {
        const QString file = path(QStringLiteral("open/secrets"));
        FileSecretStore store(file);
        QVERIFY(store.set(QStringLiteral("k"), kValue).ok());
        QVERIFY(::chmod(QFile::encodeName(file).constData(), 0644) == 0);
        const auto secret = store.get(QStringLiteral("k"));
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error().code, QStringLiteral("secrets.insecure-file"));
        QCOMPARE(secret.error().message,
                 QStringLiteral("%1 must be owned by you and readable by you only (mode 0644, expected 0600); "
                                "fix it with: chmod 600 %1")
                     .arg(file));
        // A write does not silently fix it either: the person must look at who read it.
        QCOMPARE(store.set(QStringLiteral("k2"), kValue).error().code, QStringLiteral("secrets.insecure-file"));
        QCOMPARE(modeOf(file), mode_t(0644));
    }

    void damagedFile()
    {
        const QString file = path(QStringLiteral("damaged/secrets"));
        QVERIFY(QDir().mkpath(path(QStringLiteral("damaged"))));
        const auto writePrivate = [&](const QByteArray& text) {
            QVERIFY(test::writeFile(file, text));
            QVERIFY(::chmod(QFile::encodeName(file).constData(), 0600) == 0);
        };
        FileSecretStore store(file);

        writePrivate("{\"openai\": \"" + kValue + "\"}\n");
        auto secret = store.get(QStringLiteral("openai"));
        QCOMPARE(secret.error().code, QStringLiteral("secrets.malformed"));
        QCOMPARE(secret.error().message, QStringLiteral("%1: line 1 is not \"corral-secrets 1\"").arg(file));

        writePrivate("corral-secrets 1\nopenai " + kValue + "!!\n");
        secret = store.get(QStringLiteral("openai"));
        QCOMPARE(secret.error().code, QStringLiteral("secrets.malformed"));
        QCOMPARE(secret.error().message, QStringLiteral("%1: line 2: the value of 'openai' is not base64").arg(file));
        QVERIFY(!secret.error().toString().contains(QString::fromLatin1(kValue)));

        writePrivate("corral-secrets 1\n../x " + kValue.toBase64() + "\n");
        secret = store.get(QStringLiteral("openai"));
        QCOMPARE(secret.error().message, QStringLiteral("%1: line 2: no valid secret name").arg(file));

        // A damaged store is never overwritten by a write.
        const QByteArray before = test::readFile(file);
        QCOMPARE(store.set(QStringLiteral("other"), kValue).error().code, QStringLiteral("secrets.malformed"));
        QCOMPARE(test::readFile(file), before);
    }

    void badInput()
    {
        FileSecretStore store(path(QStringLiteral("bad/secrets")));
        QVERIFY(store.set(QStringLiteral("exists"), kValue).ok());
        for (const QString& name : {QString(), QStringLiteral("../etc"), QStringLiteral("a b"), QStringLiteral("-x"),
                                    QString(129, QLatin1Char('a'))}) {
            const auto set = store.set(name, kValue);
            QCOMPARE(set.error().code, QStringLiteral("secrets.invalid-name"));
            QCOMPARE(store.get(name).error().code, QStringLiteral("secrets.invalid-name"));
        }
        QCOMPARE(store.set(QString(128, QLatin1Char('a')), kValue).ok(), true);
        const auto empty = store.set(QStringLiteral("empty"), QByteArrayView());
        QCOMPARE(empty.error().code, QStringLiteral("secrets.empty"));
        QCOMPARE(empty.error().message, QStringLiteral("the value of 'empty' is empty"));

        const auto missing = store.get(QStringLiteral("nope"));
        QCOMPARE(missing.error().code, QStringLiteral("secrets.not-found"));
        QCOMPARE(missing.error().message, QStringLiteral("no secret 'nope' in %1").arg(store.location()));
        QCOMPARE(store.remove(QStringLiteral("nope")).error().code, QStringLiteral("secrets.not-found"));
        QCOMPARE(store.names().value().size(), 2);

        FileSecretStore none(path(QStringLiteral("none/secrets")));
        QCOMPARE(none.remove(QStringLiteral("x")).error().code, QStringLiteral("secrets.not-found"));
        QVERIFY(!QFile::exists(path(QStringLiteral("none"))));
    }

    void defaultPathFollowsXdg()
    {
        qputenv("XDG_CONFIG_HOME", path(QStringLiteral("xdg")).toUtf8());
        QCOMPARE(FileSecretStore::defaultPath(), path(QStringLiteral("xdg/corral/secrets")));
        qunsetenv("XDG_CONFIG_HOME");
    }
};

QTEST_GUILESS_MAIN(TestFileSecretStore)
#include "TestFileSecretStore.moc"
