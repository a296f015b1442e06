// SPDX-License-Identifier: Apache-2.0
// Exports of the audit log for SIEMs and auditors: JSON Lines (self-verifying), OCSF,
// ArcSight CEF, RFC 5424 syslog, and the raw records exactly as hashed. Every exported
// event carries its seq, leaf hash and the checkpoint that covers it.
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <optional>

namespace corral::audit {

enum class ExportFormat { Jsonl, Ocsf, Cef, Syslog, Records };
std::optional<ExportFormat> exportFormatFromName(const QString& name); // "jsonl", "ocsf", ...

struct ExportFilter
{
    std::optional<qint64> fromMs; // ts >= from
    std::optional<qint64> toMs;   // ts < to
    QString appId;
    QString userId;
    QStringList types;
    bool isEmpty() const { return !fromMs && !toMs && appId.isEmpty() && userId.isEmpty() && types.isEmpty(); }
};

// A filter as text, the way `corral audit export`, the agent's `audit.export` and the
// server's export (command line and query string) all take it.
struct ExportFilterText
{
    QString from; // RFC 3339 time or date, inclusive
    QString to;   // exclusive
    QString app;
    QString user;
    QStringList types; // each may be comma-separated
};

// Errors: "audit.filter" naming the bad field ("from: not an RFC 3339 time: X"), and
// "audit.export" for any filter with `records`, which is always the whole log.
Result<ExportFilter> parseExportFilter(const ExportFilterText& text, ExportFormat format);

struct ExportStats
{
    std::uint64_t exported = 0;
    std::uint64_t uncovered = 0; // exported events newer than the latest checkpoint
};

// Writes the export of the log at `dbPath` to `out`. `records` ignores no filter: it is the
// whole log up to the latest checkpoint, one record per line, so any RFC 6962
// implementation recomputes that checkpoint's root. Errors: "audit.export" (a filter with
// `records`), the AuditStore errors, "audit.io".
Result<ExportStats> exportLog(const QString& dbPath, ExportFormat format, const ExportFilter& filter, QIODevice& out);

// CEF and syslog escaping, exposed for tests.
QString cefHeaderEscape(const QString& value);    // '\' and '|'
QString cefExtensionEscape(const QString& value); // '\', '=', CR, LF
QString syslogParamEscape(const QString& value);  // '"', '\', ']'

} // namespace corral::audit
