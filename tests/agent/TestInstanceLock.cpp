// SPDX-License-Identifier: Apache-2.0
// The one-agent-per-user lock: a second holder is refused with the first one's pid, and
// the lock is free again once released.
#include "agent/InstanceLock.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace corral;
using namespace corral::agent;

class TestInstanceLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondHolderIsRefusedUntilRelease()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("agent.lock"));
        Result<InstanceLock> first = InstanceLock::acquire(path);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().toString()));
        QVERIFY(first->isHeld());

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray::number(qint64(::getpid())) + '\n');
        QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        Result<InstanceLock> second = InstanceLock::acquire(path);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, QStringLiteral("agent.already-running"));
        QCOMPARE(second.error().message,
                 QStringLiteral("another Corral agent is already running for this user (pid %1, lock %2)")
                     .arg(::getpid())
                     .arg(path));

        first->release();
        QVERIFY(!first->isHeld());
        Result<InstanceLock> third = InstanceLock::acquire(path);
        QVERIFY(third.ok());
    }

    void movedLockStaysHeld()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("agent.lock"));
        InstanceLock held;
        {
            Result<InstanceLock> acquired = InstanceLock::acquire(path);
            QVERIFY(acquired.ok());
            held = std::move(acquired.value());
        }
        QVERIFY(held.isHeld());
        QCOMPARE(InstanceLock::acquire(path).error().code, QStringLiteral("agent.already-running"));
    }

    void unusableFolderIsReported()
    {
        Result<InstanceLock> lock = InstanceLock::acquire(QStringLiteral("/nonexistent-corral-folder/agent.lock"));
        QVERIFY(!lock.ok());
        QCOMPARE(lock.error().code, QStringLiteral("agent.lock"));
        QVERIFY(lock.error().message.startsWith(
            QStringLiteral("cannot open the lock file /nonexistent-corral-folder/agent.lock: ")));
    }
};

QTEST_GUILESS_MAIN(TestInstanceLock)
#include "TestInstanceLock.moc"
