// SPDX-License-Identifier: Apache-2.0
#include "HttpExchange.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <memory>

namespace corral::models {

namespace {

// How often a running call looks at its cancellation token: the token is a plain flag
// (settable from any thread), so it is polled rather than signalled.
constexpr int kCancelPollMs = 10;
constexpr qsizetype kMaxErrorBody = 64 * 1024;
constexpr qsizetype kMaxProviderMessage = 300;

struct AttemptResult
{
    std::optional<Error> error; // none: the sink has the whole response
    bool retryable = false;
    std::optional<qint64> retryAfterMs;
};

Error cancelledError()
{
    return makeError(QStringLiteral("model.cancelled"), QStringLiteral("generation was cancelled"));
}

QString authority(const QNetworkRequest& request)
{
    const QUrl url = request.url();
    return url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

// What the API said about a failed request, from the usual error bodies:
// {"error": {"message": ...}} (OpenAI, Anthropic), {"error": "..."} (Ollama, llama.cpp),
// {"message": ...}; else the start of the body as text.
QString providerMessage(const QByteArray& body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    QString message;
    const QJsonValue error = root.value(QStringLiteral("error"));
    if (error.isObject())
        message = error.toObject().value(QStringLiteral("message")).toString();
    else if (error.isString())
        message = error.toString();
    if (message.isEmpty())
        message = root.value(QStringLiteral("message")).toString();
    if (message.isEmpty() && root.isEmpty())
        message = QString::fromUtf8(body.left(kMaxProviderMessage));
    static const QRegularExpression controls(QStringLiteral("[\\x00-\\x1f\\x7f]+"));
    message = message.replace(controls, QStringLiteral(" ")).simplified();
    if (message.size() > kMaxProviderMessage)
        message = message.left(kMaxProviderMessage) + QStringLiteral("...");
    return message;
}

class Attempt
{
public:
    Attempt(QNetworkAccessManager& manager, const HttpCall& call, const HttpSettings& settings,
            const QDeadlineTimer& deadline, const CancellationToken& cancellation, ResponseSink& sink)
        : m_manager(manager), m_call(call), m_settings(settings), m_deadline(deadline), m_cancellation(cancellation),
          m_sink(sink)
    {}

    AttemptResult run()
    {
        m_reply.reset(m_manager.post(m_call.request, m_call.body));
        QNetworkReply* reply = m_reply.get();
        QEventLoop loop;
        QTimer connectTimer;
        QTimer totalTimer;
        QTimer cancelPoll;
        connectTimer.setSingleShot(true);
        totalTimer.setSingleShot(true);
        m_idleTimer.setSingleShot(true);
        QObject::connect(&connectTimer, &QTimer::timeout, [&] { halt(Stop::Connect); });
        QObject::connect(&totalTimer, &QTimer::timeout, [&] { halt(Stop::Total); });
        QObject::connect(&m_idleTimer, &QTimer::timeout, [&] { halt(Stop::Idle); });
        QObject::connect(&cancelPoll, &QTimer::timeout, [&] {
            if (m_cancellation.isCancelled())
                halt(Stop::Cancelled);
        });
        const auto connected = [&] {
            if (!connectTimer.isActive())
                return;
            connectTimer.stop();
            if (m_call.streaming)
                m_idleTimer.start(m_settings.idleTimeoutMs);
        };
        QObject::connect(reply, &QNetworkReply::requestSent, connected);
        QObject::connect(reply, &QNetworkReply::uploadProgress, [&](qint64 sent, qint64) {
            if (sent > 0)
                connected();
        });
        QObject::connect(reply, &QNetworkReply::metaDataChanged, connected);
        QObject::connect(reply, &QNetworkReply::readyRead, [&] {
            connected();
            m_idleTimer.start(m_settings.idleTimeoutMs);
            take();
        });
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);

        connectTimer.start(m_settings.connectTimeoutMs);
        totalTimer.start(std::max<qint64>(0, m_deadline.remainingTime()));
        cancelPoll.start(kCancelPollMs);
        if (!reply->isFinished())
            loop.exec();
        m_idleTimer.stop();
        if (m_stop == Stop::None)
            take(); // bytes that arrived with the end of the reply
        AttemptResult result = outcome();
        m_reply.reset(); // before the timers and the loop its connections refer to
        return result;
    }

private:
    enum class Stop { None, Connect, Total, Idle, Cancelled, Sink, TooLarge };

    void halt(Stop why)
    {
        if (m_stop == Stop::None)
            m_stop = why;
        if (m_reply && m_reply->isRunning())
            m_reply->abort();
    }

    int status() const { return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); }
    bool success() const { return status() >= 200 && status() < 300; }

    void take()
    {
        if (m_stop != Stop::None || m_reply->bytesAvailable() <= 0)
            return;
        const QByteArray bytes = m_reply->readAll();
        m_received += bytes.size();
        if (m_received > m_settings.maxResponseBytes) {
            halt(Stop::TooLarge);
            return;
        }
        if (!success()) {
            m_errorBody.append(bytes.left(kMaxErrorBody - m_errorBody.size()));
            return;
        }
        if (auto fed = m_sink.feed(bytes); !fed) {
            m_sinkError = fed.error();
            halt(Stop::Sink);
        }
    }

    AttemptResult outcome()
    {
        const QString host = authority(m_call.request);
        switch (m_stop) {
        case Stop::Cancelled:
            return {cancelledError(), false, {}};
        case Stop::Connect:
            return {makeError(
                        QStringLiteral("model.timeout"),
                        QStringLiteral("no connection to %1 within %2 ms").arg(host).arg(m_settings.connectTimeoutMs)),
                    true,
                    {}};
        case Stop::Total:
            return {
                makeError(
                    QStringLiteral("model.timeout"),
                    QStringLiteral("no complete answer from %1 within %2 ms").arg(host).arg(m_settings.totalTimeoutMs)),
                false,
                {}};
        case Stop::Idle:
            return {makeError(QStringLiteral("model.stalled"),
                              QStringLiteral("%1 sent nothing for %2 ms").arg(host).arg(m_settings.idleTimeoutMs)),
                    true,
                    {}};
        case Stop::Sink:
            return {m_sinkError, m_sinkError.code == QLatin1String("model.provider-error"), {}};
        case Stop::TooLarge:
            return {makeError(QStringLiteral("model.malformed"),
                              QStringLiteral("the response from %1 is larger than %2 bytes")
                                  .arg(host)
                                  .arg(m_settings.maxResponseBytes)),
                    false,
                    {}};
        case Stop::None:
            break;
        }
        const int code = status();
        if (code == 0) {
            return {makeError(QStringLiteral("model.connection"),
                              QStringLiteral("cannot reach %1: %2").arg(host, m_reply->errorString())),
                    true,
                    {}};
        }
        if (!success()) {
            AttemptResult result;
            const QString said = providerMessage(m_errorBody);
            const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            result.error = makeError(QStringLiteral("model.http-status"),
                                     QStringLiteral("HTTP %1%2 from %3%4")
                                         .arg(code)
                                         .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason, host,
                                              said.isEmpty() ? QString() : QStringLiteral(": ") + said));
            result.retryable = RetryPolicy::isRetryableStatus(code);
            if (m_reply->hasRawHeader("Retry-After"))
                result.retryAfterMs =
                    RetryPolicy::parseRetryAfter(m_reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
            return result;
        }
        if (m_reply->error() != QNetworkReply::NoError) {
            return {makeError(QStringLiteral("model.connection"),
                              QStringLiteral("the connection to %1 dropped in the middle of the response: %2")
                                  .arg(host, m_reply->errorString())),
                    true,
                    {}};
        }
        if (auto finished = m_sink.finish(); !finished)
            return {finished.error(), finished.error().code == QLatin1String("model.connection"), {}};
        return {};
    }

    QNetworkAccessManager& m_manager;
    const HttpCall& m_call;
    const HttpSettings& m_settings;
    const QDeadlineTimer& m_deadline;
    const CancellationToken& m_cancellation;
    ResponseSink& m_sink;

    std::unique_ptr<QNetworkReply> m_reply;
    QTimer m_idleTimer;
    Stop m_stop = Stop::None;
    Error m_sinkError;
    QByteArray m_errorBody;
    qint64 m_received = 0;
};

// Waits `ms`, looking at the token; false when cancelled.
bool sleepUnlessCancelled(qint64 ms, const CancellationToken& cancellation)
{
    QDeadlineTimer until(ms);
    while (!until.hasExpired()) {
        if (cancellation.isCancelled())
            return false;
        QThread::msleep(std::min<qint64>(kCancelPollMs, std::max<qint64>(1, until.remainingTime())));
    }
    return !cancellation.isCancelled();
}

} // namespace

Result<void> HttpExchange::post(const HttpCall& call, const CancellationToken& cancellation, ResponseSink& sink) const
{
    const QDeadlineTimer deadline(m_settings.totalTimeoutMs);
    const RetryPolicy policy(m_settings);
    QNetworkAccessManager manager;
    // A redirect would carry the credential to another URL: answer 3xx as an error.
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    manager.setAutoDeleteReplies(false);
    for (int attempt = 0;; ++attempt) {
        if (cancellation.isCancelled())
            return cancelledError();
        sink.reset();
        AttemptResult result = Attempt(manager, call, m_settings, deadline, cancellation, sink).run();
        if (!result.error)
            return {};
        Error error = *result.error;
        error.message = redactSecrets(error.message, call.secrets);
        if (attempt > 0)
            error.message += QStringLiteral(" (%1 attempts)").arg(attempt + 1);
        if (!result.retryable || sink.hasDelivered() || attempt >= m_settings.maxRetries)
            return error;
        const auto delay = policy.delayMs(attempt, result.retryAfterMs, QRandomGenerator::global()->generateDouble());
        if (!delay || *delay >= deadline.remainingTime())
            return error;
        if (!sleepUnlessCancelled(*delay, cancellation))
            return cancelledError();
    }
}

std::optional<int> httpStatusOf(const Error& error)
{
    static const QRegularExpression pattern(QStringLiteral("^HTTP (\\d{3})\\b"));
    if (error.code != QLatin1String("model.http-status"))
        return std::nullopt;
    const auto match = pattern.match(error.message);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toInt();
}

QString redactSecrets(QString text, const QList<QByteArray>& secrets)
{
    for (const QByteArray& secret : secrets) {
        if (secret.size() >= 4)
            text.replace(QString::fromUtf8(secret), QStringLiteral("[redacted]"));
    }
    return text;
}

} // namespace corral::models
