// SPDX-License-Identifier: Apache-2.0
// Timeouts and retries of HTTP model calls: which failures are worth another attempt,
// how long to wait (exponential backoff with jitter, or the server's Retry-After), and
// the limits that keep a stuck provider from holding a run forever.
#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <optional>

namespace corral::models {

struct HttpSettings
{
    int connectTimeoutMs = 10'000; // until the request is on the wire (DNS, TCP, TLS)
    int idleTimeoutMs = 60'000;    // longest silence inside a response (streams: between chunks)
    int totalTimeoutMs = 300'000;  // the whole call, retries and waits included
    int maxRetries = 3;            // attempts after the first
    int backoffBaseMs = 500;       // wait before the first retry, doubled each time ...
    int backoffMaxMs = 20'000;     // ... up to this
    int retryAfterMaxMs = 60'000;  // a longer Retry-After ends the call instead of waiting
    qint64 maxResponseBytes = 16 * 1024 * 1024;
};

class RetryPolicy
{
public:
    explicit RetryPolicy(HttpSettings settings) : m_settings(settings) {}

    // 408, 429 and 5xx except 501 and 505 (which will not change on a retry).
    static bool isRetryableStatus(int status);

    // A Retry-After value in milliseconds from `now`: delay-seconds ("120") or an HTTP
    // date ("Wed, 21 Oct 2015 07:28:00 GMT", also the RFC 850 and asctime forms). A date in
    // the past gives 0; nullopt when the value is neither.
    static std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime& now);

    // How long to wait before retry number `retry` (0 for the first retry). With the
    // server's Retry-After, exactly that (nullopt when it exceeds retryAfterMaxMs: give up);
    // otherwise min(backoffMax, backoffBase * 2^retry) scaled by (0.5 + jitter / 2), so
    // clients that failed together do not come back together. `jitter` is in [0, 1).
    std::optional<qint64> delayMs(int retry, std::optional<qint64> retryAfterMs, double jitter) const;

    const HttpSettings& settings() const { return m_settings; }

private:
    HttpSettings m_settings;
};

} // namespace corral::models
