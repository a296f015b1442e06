// SPDX-License-Identifier: Apache-2.0
#include "AuditSyncClient.h"

#include "audit/AuditStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

namespace corral::agent::sync {

QString cosignedCheckpointPath(const QString& auditDbPath)
{
    return auditDbPath + QStringLiteral(".cosigned");
}

AuditSyncClient::AuditSyncClient(ServerConnection& connection, QString auditDbPath, const Clock& clock, QObject* parent)
    : QObject(parent), m_connection(connection), m_dbPath(std::move(auditDbPath)), m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AuditSyncClient::scheduled);
}

void AuditSyncClient::syncOnce(std::function<void(Result<std::uint64_t>)> done)
{
    m_status.state = QStringLiteral("syncing");
    round(
        [this, done = std::move(done)](Result<std::uint64_t> r) {
            if (r) {
                m_status.state = QStringLiteral("synced");
                m_status.witnessedSize = *r;
                m_status.lastSyncMs = m_clock.nowMs();
                m_status.lastError.clear();
                Q_EMIT synced(*r);
            } else {
                m_status.state = r.error().code == QLatin1String("sync.network") ? QStringLiteral("offline")
                                                                                 : QStringLiteral("refused");
                m_status.lastError = r.error().toString();
                Q_EMIT failed(r.error().code, r.error().message);
            }
            done(std::move(r));
        },
        2);
}

void AuditSyncClient::round(std::function<void(Result<std::uint64_t>)> done, int gapRetries)
{
    m_connection.send("GET", QStringLiteral("/v1/audit/state"), {}, {}, m_timeoutMs,
                      [this, done = std::move(done), gapRetries](const HttpReply& reply) mutable {
                          if (!reply.ok()) {
                              done(reply.error());
                              return;
                          }
                          const QJsonObject o = QJsonDocument::fromJson(reply.body).object();
                          // The server may hold more than its last answer said (that answer
                          // was lost): its cosignature of what it holds is kept all the same.
                          const QByteArray cosigned = o.value(QLatin1String("cosigned")).toString().toUtf8();
                          if (!cosigned.isEmpty()) {
                              if (Result<void> kept = keepCosigned(cosigned); !kept) {
                                  done(kept.error());
                                  return;
                              }
                          }
                          upload(std::uint64_t(o.value(QLatin1String("size")).toDouble()), std::move(done), gapRetries);
                      });
}

void AuditSyncClient::upload(std::uint64_t held, std::function<void(Result<std::uint64_t>)> done, int gapRetries)
{
    Result<audit::AuditStore> store = audit::AuditStore::open(m_dbPath);
    if (!store) {
        done(store.error());
        return;
    }
    Result<QList<audit::StoredCheckpoint>> checkpoints = store->checkpoints();
    if (!checkpoints) {
        done(checkpoints.error());
        return;
    }
    // The largest checkpoint within one batch of what the server holds, else the nearest.
    const audit::StoredCheckpoint* largestFitting = nullptr;
    const audit::StoredCheckpoint* nearest = nullptr;
    for (const audit::StoredCheckpoint& c : *checkpoints) {
        if (c.size <= held)
            continue;
        if (c.size - held <= m_maxBatch && (!largestFitting || c.size > largestFitting->size))
            largestFitting = &c;
        if (!nearest || c.size < nearest->size)
            nearest = &c;
    }
    const audit::StoredCheckpoint* chosen = largestFitting ? largestFitting : nearest;
    if (!chosen) {
        done(held);
        return;
    }
    QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("checkpoint"), QString::fromUtf8(chosen->note)}})
                          .toJson(QJsonDocument::Compact);
    body += '\n';
    const std::uint64_t end = chosen->size;
    Result<void> read = store->forEachRecord(
        [&](std::uint64_t seq, QByteArrayView record) {
            if (seq >= end)
                return false;
            body += record;
            body += '\n';
            return true;
        },
        held);
    if (!read) {
        done(read.error());
        return;
    }
    m_connection.send(
        "POST", QStringLiteral("/v1/audit/sync"), body, {{"Content-Type", "application/x-ndjson"}}, m_timeoutMs,
        [this, done = std::move(done), gapRetries, end](const HttpReply& reply) mutable {
            if (reply.status == 409 && gapRetries > 0) {
                // The server holds less than it said a moment ago (restored from a backup):
                // resend from where it really is.
                bool ok = false;
                const std::uint64_t size = reply.headers.value("x-witness-size").toULongLong(&ok);
                if (ok) {
                    upload(size, std::move(done), gapRetries - 1);
                    return;
                }
            }
            if (!reply.ok()) {
                done(reply.error());
                return;
            }
            const QJsonObject o = QJsonDocument::fromJson(reply.body).object();
            if (Result<void> kept = keepCosigned(o.value(QLatin1String("cosigned")).toString().toUtf8()); !kept) {
                done(kept.error());
                return;
            }
            const std::uint64_t size = std::uint64_t(o.value(QLatin1String("size")).toDouble());
            if (size < end) {
                done(makeError(QStringLiteral("sync.http"), QStringLiteral("the server witnessed less than sent")));
                return;
            }
            // More checkpoints may lie beyond this batch.
            upload(size, std::move(done), gapRetries);
        });
}

Result<void> AuditSyncClient::keepCosigned(const QByteArray& cosigned)
{
    const QString path = cosignedCheckpointPath(m_dbPath);
    if (QFile current(path); current.open(QIODevice::ReadOnly) && current.readAll() == cosigned)
        return {};
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(cosigned) != cosigned.size() || !f.commit())
        return makeError(QStringLiteral("sync.io"),
                         QStringLiteral("cannot keep the cosignature: %1").arg(f.errorString()));
    return {};
}

void AuditSyncClient::start(int intervalMs, int maxBackoffMs)
{
    m_intervalMs = intervalMs;
    m_maxBackoffMs = maxBackoffMs;
    m_timer.start(0);
}

void AuditSyncClient::stop()
{
    m_timer.stop();
    m_intervalMs = 0;
}

void AuditSyncClient::nudge()
{
    if (!m_running)
        m_timer.start(0);
}

void AuditSyncClient::scheduled()
{
    if (m_running)
        return;
    m_running = true;
    syncOnce([this](Result<std::uint64_t> r) {
        m_running = false;
        if (m_intervalMs == 0)
            return;
        qint64 next = m_intervalMs;
        if (r) {
            m_failures = 0;
        } else {
            // Exponential backoff with jitter, so agents that lost the server together do not
            // come back together.
            const qint64 backoff = std::min<qint64>(qint64(1000) << std::min(m_failures, 20), m_maxBackoffMs);
            ++m_failures;
            next = backoff / 2 + QRandomGenerator::global()->bounded(backoff / 2 + 1);
        }
        m_status.retryInMs = next;
        m_timer.start(int(next));
    });
}

} // namespace corral::agent::sync
