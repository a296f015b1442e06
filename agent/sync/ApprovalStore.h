// SPDX-License-Identifier: Apache-2.0
// The organisation's approvals of this agent's apps, in the agent database: the latest
// production request of each app and, once applied, the reviewer's decision. An app is in
// the production stage exactly when its latest request was approved by a verified decision.
#pragma once

#include "Result.h"
#include "storage/SqliteDatabase.h"

#include <QString>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace corral::agent::sync {

struct AppApproval
{
    QString app;
    std::int64_t id = 0; // the server's approval id
    QString state;       // "pending", "approved", "rejected" or "withdrawn" (the app was deleted)
    QString reason;      // the creator's
    QString reviewer;    // set once decided
    QString note;        // the reviewer's note
    qint64 requestedMs = 0;
    qint64 decidedMs = 0;
};

// "production" when `approval` is approved, else "development".
QString stageOf(const std::optional<AppApproval>& approval);

class ApprovalStore
{
public:
    // Opens or creates the approvals table in the agent database at `path` (other tables
    // are left alone). Errors: "storage.open", "storage.sqlite".
    static Result<std::unique_ptr<ApprovalStore>> open(const QString& path);

    Result<std::optional<AppApproval>> get(const QString& app);
    Result<std::vector<AppApproval>> all();
    // A new request sent to the server: replaces what the app held (a rejected request).
    Result<void> recordRequest(const AppApproval& request);
    // Applies a verified decision (`decided` carries app, id, state, reviewer, note,
    // decidedMs). Returns false, changing nothing, when it is already applied or is older
    // than the app's latest request, so decisions delivered again after a restart are harmless.
    Result<bool> applyDecision(const AppApproval& decided);
    // The app was deleted: its approval no longer holds (a new app of that name starts in
    // development), and decisions up to the app's latest request stay ignored if delivered
    // again. Nothing happens when the app never asked.
    Result<void> withdraw(const QString& app);
    // Remembers that the decision `id` was refused; false when it was already, so a refusal
    // delivered again (the poll repeats every decision after a restart) is audited once.
    Result<bool> noteRefused(std::int64_t id);

private:
    explicit ApprovalStore(storage::SqliteDatabase db) : m_db(std::move(db)) {}
    Result<std::optional<AppApproval>> getLocked(const QString& app);

    std::mutex m_mutex;
    storage::SqliteDatabase m_db;
};

} // namespace corral::agent::sync
