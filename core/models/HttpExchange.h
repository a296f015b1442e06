// SPDX-License-Identifier: Apache-2.0
// One model API call over HTTP, run to completion on the calling thread: a POST with
// connect, idle and total timeouts, retries on 429/5xx and dropped connections (never once
// output reached the caller), and prompt cancellation. Works from any thread, GUI or not:
// each call owns its network access manager and a local event loop.
#pragma once

#include "ModelProvider.h"
#include "RetryPolicy.h"

#include <QNetworkRequest>
#include <optional>

namespace corral::models {

// Receives the body of a successful (2xx) response as it arrives and turns it into a
// response; one per call, reset before each attempt.
class ResponseSink
{
public:
    virtual ~ResponseSink() = default;

    // Forgets what an earlier attempt fed (attempts are only retried while nothing was
    // delivered to the caller).
    virtual void reset() = 0;
    // Errors stop the attempt: model.malformed, or model.provider-error (an error the API
    // reported inside a stream, retried like a 5xx while nothing was delivered).
    virtual Result<void> feed(QByteArrayView bytes) = 0;
    // The body ended: model.malformed, or model.connection when a stream stopped before
    // its end marker.
    virtual Result<void> finish() = 0;
    // True once a chunk went to the caller's onChunk.
    virtual bool hasDelivered() const = 0;
};

struct HttpCall
{
    QNetworkRequest request; // URL and headers, the credential included
    QByteArray body;
    // A streamed response: the idle timeout runs from the moment the request is sent (a
    // non-streamed one may think for a long time before its first byte).
    bool streaming = false;
    // Values that must never appear in an error message (the credential), even when the
    // server echoes them back.
    QList<QByteArray> secrets;
};

class HttpExchange
{
public:
    explicit HttpExchange(HttpSettings settings) : m_settings(settings) {}

    // Errors: model.http-status ("HTTP 429 from HOST: what the API said"), model.timeout
    // (no connection within connectTimeoutMs, or no complete answer within totalTimeoutMs),
    // model.stalled (silence longer than idleTimeoutMs), model.connection (refused, reset,
    // dropped mid-response, TLS failure), model.cancelled, model.malformed (body too large),
    // and the sink's. A message that follows retries ends with "(N attempts)".
    Result<void> post(const HttpCall& call, const CancellationToken& cancellation, ResponseSink& sink) const;

private:
    HttpSettings m_settings;
};

// The status of a model.http-status error; nullopt for other errors.
std::optional<int> httpStatusOf(const Error& error);

// `text` with every occurrence of each of `secrets` (4 bytes or longer) replaced by
// "[redacted]".
QString redactSecrets(QString text, const QList<QByteArray>& secrets);

} // namespace corral::models
