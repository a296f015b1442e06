// SPDX-License-Identifier: Apache-2.0
// The HTTP API of corral-server as plain requests and responses, independent of the
// socket layer: routing, admin bearer tokens with roles, device request signatures, the
// witness, bundles, orders, approvals, alerts, usage, export and metrics. Long-polls are
// answered later through the responder callback when the device's state changes.
#pragma once

#include "Clock.h"
#include "HttpSignature.h"
#include "ServerData.h"
#include "UsageWatch.h"
#include "Witness.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <QUrlQuery>
#include <functional>
#include <map>

namespace corral::server {

struct ApiRequest
{
    QByteArray method; // "GET", "POST", ...
    QByteArray path;   // without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// The HTTP status of an API error code ("witness.gap" -> 409, ...).
int statusForError(const QString& code);
ApiResponse errorResponse(const Error& error);

struct ApiOptions
{
    qint64 signatureWindowSeconds = 60;
    qint64 maxPollSeconds = 60;
    qint64 silenceMs = 15 * 60 * 1000;
    qsizetype maxBodySize = 64 * 1024 * 1024;
};

class ServerApi : public QObject
{
    Q_OBJECT
public:
    using Responder = std::function<void(const ApiResponse&)>;

    ServerApi(ServerData& data, const ApiOptions& options = {}, const Clock& clock = Clock::system(),
              QObject* parent = nullptr);
    ~ServerApi() override;

    // Answers `request` through `respond`, now or (long-poll) later. Returns a handle for
    // cancel() when the answer is deferred, 0 otherwise.
    quint64 handle(const ApiRequest& request, Responder respond);
    // Forgets a deferred answer (the connection closed).
    void cancel(quint64 handle);

    Witness& witness() { return m_witness; }
    int pendingPolls() const { return int(m_polls.size()); }

private:
    struct Poll
    {
        QString device;
        QByteArray etag;
        qint64 deadlineMs = 0;
        Responder respond;
    };

    ApiResponse route(const ApiRequest& request, const Responder& respond, quint64& deferred);
    Result<AdminToken> admin(const ApiRequest& request, std::initializer_list<Role> roles);
    Result<QString> device(const ApiRequest& request);

    ApiResponse enroll(const ApiRequest& request);
    ApiResponse auditState(const QString& device);
    ApiResponse auditSync(const QString& device, const ApiRequest& request);
    ApiResponse updates(const QString& device, const ApiRequest& request, const Responder& respond, quint64& deferred);
    ApiResponse bundle(const ApiRequest& request);
    ApiResponse publishBundle(const AdminToken& who, const ApiRequest& request);
    ApiResponse order(const AdminToken& who, const QString& app, const QString& action, const ApiRequest& request);
    ApiResponse requestApproval(const QString& device, const ApiRequest& request);
    ApiResponse listApprovals(const ApiRequest& request);
    ApiResponse decide(const AdminToken& who, std::int64_t id, const ApiRequest& request);
    ApiResponse report(const QString& device, const ApiRequest& request);
    ApiResponse listDevices();
    ApiResponse listAlerts(const ApiRequest& request);
    ApiResponse listReports(const ApiRequest& request); // ?device=ID: one device's
    ApiResponse silence(std::int64_t id);
    ApiResponse usage();
    ApiResponse exportRecords(const ApiRequest& request);
    ApiResponse metrics();

    // The update document and its ETag for a device.
    Result<QPair<QByteArray, QByteArray>> updateDocument(const QString& device);
    // Answers every waiting poll whose document changed; called after publishes,
    // orders and decisions.
    void wakePolls();
    void expirePolls();

    ServerData& m_data;
    ApiOptions m_options;
    const Clock& m_clock;
    Witness m_witness;
    UsageWatch m_usageWatch{m_data.store()}; // quota alerts from synced usage
    RequestVerifier m_verifier;
    std::map<quint64, Poll> m_polls;
    quint64 m_nextPoll = 1;
    QTimer* m_pollTimer = nullptr;
    QTimer* m_silenceTimer = nullptr;

    // Metrics since start.
    std::uint64_t m_ingestedRecords = 0;
    std::uint64_t m_ingestRequests = 0;
    QMap<QString, std::uint64_t> m_rejections; // by error code
    std::uint64_t m_requests = 0;
};

} // namespace corral::server
