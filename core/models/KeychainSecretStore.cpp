// SPDX-License-Identifier: Apache-2.0
#include "KeychainSecretStore.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>
#include <functional>
#include <qt6keychain/keychain.h>

namespace corral::models {

namespace {

constexpr int kJobTimeoutMs = 10000;
// Not a valid secret name, so it cannot collide with one.
const QString kIndexKey = QStringLiteral(":names");

void wipe(QByteArray& bytes)
{
    volatile char* p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

// QtKeychain queues every job in one process-wide executor that is not thread-safe, so
// all jobs run on this one thread; callers on any thread wait for them.
class KeychainThread
{
public:
    static KeychainThread& instance()
    {
        static KeychainThread thread;
        return thread;
    }

    void run(const std::function<void()>& work)
    {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }

private:
    KeychainThread()
    {
        m_thread.setObjectName(QStringLiteral("keychain"));
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
    }
    ~KeychainThread()
    {
        QMetaObject::invokeMethod(
            m_context, [context = m_context] { delete context; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    QThread m_thread;
    QObject* m_context = nullptr;
};

enum class Operation { Read, Write, Delete };

struct JobResult
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data; // Read
};

// Runs one job on the keychain thread and waits for it (at most `timeoutMs`).
JobResult runJob(Operation operation, const QString& service, const QString& key, QByteArrayView data, int timeoutMs)
{
    JobResult result;
    KeychainThread::instance().run([&] {
        QKeychain::Job* job = nullptr;
        if (operation == Operation::Read) {
            job = new QKeychain::ReadPasswordJob(service);
        } else if (operation == Operation::Write) {
            auto* write = new QKeychain::WritePasswordJob(service);
            QByteArray bytes = data.toByteArray();
            write->setBinaryData(bytes);
            wipe(bytes);
            job = write;
        } else {
            job = new QKeychain::DeletePasswordJob(service);
        }
        job->setKey(key);
        job->setAutoDelete(false);
        QEventLoop loop;
        QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
            result.finished = true;
            loop.quit();
        });
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        job->start();
        loop.exec();
        if (!result.finished) {
            // Still waiting on the Secret Service: let the job delete itself when it ends.
            QObject::disconnect(job, nullptr, &loop, nullptr);
            job->setAutoDelete(true);
            return;
        }
        result.error = job->error();
        result.errorString = job->errorString();
        if (operation == Operation::Read)
            result.data = static_cast<QKeychain::ReadPasswordJob*>(job)->binaryData();
        delete job;
    });
    return result;
}

Error keychainError(const QString& what, const JobResult& job)
{
    return makeError(QStringLiteral("secrets.unavailable"),
                     QStringLiteral("keychain: cannot %1: %2").arg(what, job.errorString));
}

Error timeoutError(const QString& what)
{
    return makeError(QStringLiteral("secrets.unavailable"), QStringLiteral("keychain: %1 timed out").arg(what));
}

Result<void> checkName(const QString& name)
{
    if (isValidSecretName(name))
        return {};
    return makeError(
        QStringLiteral("secrets.invalid-name"),
        QStringLiteral("'%1' is not a secret name (letters, digits, '.', '_', '-'; at most 128)").arg(name.left(140)));
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : m_service(std::move(service)) {}

bool KeychainSecretStore::isAvailable(int timeoutMs) const
{
    const JobResult job = runJob(Operation::Read, m_service, kIndexKey, {}, timeoutMs);
    return job.finished && (job.error == QKeychain::NoError || job.error == QKeychain::EntryNotFound);
}

Result<crypto::SecureBytes> KeychainSecretStore::get(const QString& name) const
{
    if (auto valid = checkName(name); !valid)
        return valid.error();
    JobResult job = runJob(Operation::Read, m_service, name, {}, kJobTimeoutMs);
    if (!job.finished)
        return timeoutError(QStringLiteral("reading '%1'").arg(name));
    if (job.error == QKeychain::EntryNotFound)
        return makeError(QStringLiteral("secrets.not-found"),
                         QStringLiteral("no secret '%1' in the keychain").arg(name));
    if (job.error != QKeychain::NoError)
        return keychainError(QStringLiteral("read '%1'").arg(name), job);
    crypto::SecureBytes value = crypto::SecureBytes::copyOf(job.data);
    wipe(job.data);
    return value;
}

Result<void> KeychainSecretStore::set(const QString& name, QByteArrayView value)
{
    if (auto valid = checkName(name); !valid)
        return valid;
    if (value.isEmpty())
        return makeError(QStringLiteral("secrets.empty"), QStringLiteral("the value of '%1' is empty").arg(name));
    auto current = names();
    if (!current)
        return current.error();
    const JobResult job = runJob(Operation::Write, m_service, name, value, kJobTimeoutMs);
    if (!job.finished)
        return timeoutError(QStringLiteral("writing '%1'").arg(name));
    if (job.error != QKeychain::NoError)
        return keychainError(QStringLiteral("write '%1'").arg(name), job);
    if (current->contains(name))
        return {};
    current->append(name);
    current->sort();
    return writeNames(*current);
}

Result<void> KeychainSecretStore::remove(const QString& name)
{
    if (auto valid = checkName(name); !valid)
        return valid;
    auto current = names();
    if (!current)
        return current.error();
    const JobResult job = runJob(Operation::Delete, m_service, name, {}, kJobTimeoutMs);
    if (!job.finished)
        return timeoutError(QStringLiteral("removing '%1'").arg(name));
    if (job.error == QKeychain::EntryNotFound || (job.error == QKeychain::NoError && !current->contains(name)))
        return makeError(QStringLiteral("secrets.not-found"),
                         QStringLiteral("no secret '%1' in the keychain").arg(name));
    if (job.error != QKeychain::NoError)
        return keychainError(QStringLiteral("remove '%1'").arg(name), job);
    current->removeAll(name);
    return writeNames(*current);
}

Result<QStringList> KeychainSecretStore::names() const
{
    const JobResult job = runJob(Operation::Read, m_service, kIndexKey, {}, kJobTimeoutMs);
    if (!job.finished)
        return timeoutError(QStringLiteral("listing"));
    if (job.error == QKeychain::EntryNotFound)
        return QStringList();
    if (job.error != QKeychain::NoError)
        return keychainError(QStringLiteral("list secrets"), job);
    QStringList list;
    for (const QByteArray& name : job.data.split('\n')) {
        const QString text = QString::fromLatin1(name);
        if (isValidSecretName(text))
            list << text;
    }
    list.sort();
    return list;
}

Result<void> KeychainSecretStore::writeNames(const QStringList& names)
{
    const JobResult job =
        runJob(Operation::Write, m_service, kIndexKey, names.join(QLatin1Char('\n')).toLatin1(), kJobTimeoutMs);
    if (!job.finished)
        return timeoutError(QStringLiteral("updating the list of names"));
    if (job.error != QKeychain::NoError)
        return keychainError(QStringLiteral("update the list of names"), job);
    return {};
}

} // namespace corral::models
