// SPDX-License-Identifier: Apache-2.0
// Operations shared by the HTTP API and the corral-server verbs: deciding an approval
// request (the decision is a note signed by the server's key, with the reviewer's name),
// giving pause and resume orders, and exporting a device's witnessed records, verified
// against the witnessed root.
#pragma once

#include "Result.h"
#include "ServerStore.h"
#include "audit/AuditExport.h"
#include "crypto/SignedNote.h"

#include <QByteArray>
#include <QString>

namespace corral::server {

// A name, user, host or kind as the API takes it: 1..max characters, no spaces or controls.
bool validLabel(const QString& s, qsizetype max = 256);

// Stores a pause or resume order (`order.device` empty: every device); waiting long-polls
// learn it from the store. Errors: "api.malformed" (invalid app name), "server.not-found"
// (no such device), storage errors.
Result<std::int64_t> giveOrder(ServerStore& store, const Order& order);

// `decision` is "approve" or "reject". Errors: "api.malformed" (another decision),
// "server.not-found", "approval.decided", storage errors.
Result<Approval> decideApproval(ServerStore& store, const crypto::NoteSigner& key, std::int64_t id,
                                const QString& decision, const QString& reviewer, const QString& note, qint64 nowMs);

// The request of `device` for `app` still waiting for a reviewer, if any. Errors: storage's.
Result<std::optional<Approval>> pendingApproval(ServerStore& store, const QString& device, const QString& app);

struct RecordExport
{
    QByteArray jsonl;    // one record per line, exactly as hashed
    QByteArray cosigned; // the witnessed checkpoint with the cosignature
    std::uint64_t size = 0;
};

// Errors: "server.not-found", "export.verify" (the stored records no longer hash to the
// witnessed root), storage errors.
Result<RecordExport> exportDeviceRecords(ServerStore& store, const QString& deviceId);

// The device's witnessed log in a SIEM format (JSON Lines with proofs, OCSF, CEF, syslog),
// written by the audit module's exporter from a temporary copy in the agent's layout.
// Errors: those of exportDeviceRecords, "server.io", the exporter's.
Result<QByteArray> exportDeviceLog(ServerStore& store, const QString& deviceId, audit::ExportFormat format,
                                   const audit::ExportFilter& filter);

} // namespace corral::server
