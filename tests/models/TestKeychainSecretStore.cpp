// SPDX-License-Identifier: Apache-2.0
// The keychain secret store against a real Secret Service. CTest starts a private D-Bus
// session with an unlocked GNOME Keyring for it (RunWithKeyring.sh); without one the
// test skips.
#include "models/KeychainSecretStore.h"

#include <QTest>
#include <thread>

using namespace corral;
using namespace corral::models;

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

    KeychainSecretStore m_store{QStringLiteral("corral-test")};

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_store.isAvailable())
            QSKIP("no Secret Service on this session bus");
    }

    void roundTrip()
    {
        const QByteArray value = "sk-kc-0123456789abcdef";
        QVERIFY(m_store.set(QStringLiteral("gateway"), value).ok());
        QVERIFY(m_store.set(QStringLiteral("azure"), "second").ok());
        auto got = m_store.get(QStringLiteral("gateway"));
        QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().toString()));
        QCOMPARE(got->view().toByteArray(), value);
        QCOMPARE(m_store.names().value(), QStringList({"azure", "gateway"}));
        QVERIFY(m_store.set(QStringLiteral("gateway"), "rotated").ok());
        QCOMPARE(m_store.get(QStringLiteral("gateway"))->view().toByteArray(), QByteArray("rotated"));
        QCOMPARE(m_store.names().value(), QStringList({"azure", "gateway"}));

        QVERIFY(m_store.remove(QStringLiteral("azure")).ok());
        QCOMPARE(m_store.names().value(), QStringList({"gateway"}));
        QCOMPARE(m_store.get(QStringLiteral("azure")).error().code, QStringLiteral("secrets.not-found"));
        QCOMPARE(m_store.remove(QStringLiteral("azure")).error().code, QStringLiteral("secrets.not-found"));
        QCOMPARE(m_store.set(QStringLiteral("bad name"), value).error().code, QStringLiteral("secrets.invalid-name"));
        QCOMPARE(m_store.set(QStringLiteral("empty"), QByteArrayView()).error().code, QStringLiteral("secrets.empty"));
    }

    void fromWorkerThread()
    {
        // Providers read credentials on the agent's worker threads.
        std::optional<Result<crypto::SecureBytes>> got;
        std::thread worker([&] { got = m_store.get(QStringLiteral("gateway")); });
        worker.join();
        QVERIFY(got && got->ok());
        QCOMPARE(got->value().view().toByteArray(), QByteArray("rotated"));
        QVERIFY(m_store.remove(QStringLiteral("gateway")).ok());
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "TestKeychainSecretStore.moc"
