// SPDX-License-Identifier: Apache-2.0
// Remembered confirmations ("Always for this app"): an app may then perform an action on
// a target (a connector, or a model) without asking again, until the person revokes it.
// Policy decides whether an action may be remembered at all; this store only keeps them.
#pragma once

#include "Clock.h"
#include "Result.h"
#include "storage/SqliteDatabase.h"

#include <QString>
#include <memory>
#include <mutex>
#include <vector>

namespace corral::agent {

struct Grant
{
    qint64 id = 0;
    QString app;
    QString action;
    QString target;
    qint64 createdAtMs = 0;
};

class GrantStore
{
public:
    // Errors: as openAgentDatabase.
    static Result<std::unique_ptr<GrantStore>> open(const QString& databasePath, const Clock& clock = Clock::system());

    // All thread-safe. Adding an existing grant returns it unchanged.
    Result<Grant> add(const QString& app, const QString& action, const QString& target);
    Result<bool> has(const QString& app, const QString& action, const QString& target);
    // `app` empty: every app's, oldest first.
    Result<std::vector<Grant>> list(const QString& app);
    // Errors: grant.not-found.
    Result<Grant> revoke(qint64 id);
    // Removes an app's grants (the app was deleted); returns how many.
    Result<int> removeApp(const QString& app);

private:
    GrantStore(storage::SqliteDatabase db, const Clock& clock) : m_db(std::move(db)), m_clock(&clock) {}
    Result<std::vector<Grant>> query(const char* sql, const QByteArray& key);

    std::mutex m_mutex;
    storage::SqliteDatabase m_db;
    const Clock* m_clock;
};

} // namespace corral::agent
