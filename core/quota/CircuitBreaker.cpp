// SPDX-License-Identifier: Apache-2.0
#include "CircuitBreaker.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>
#include <cmath>
#include <vector>

namespace corral::quota {

namespace {

constexpr int kMaxWindowSeconds = 7 * 24 * 3600;
constexpr int kMaxHistory = 1000;

class RuleReader
{
public:
    RuleReader(const QString& source, const QString& pointer, const QJsonObject& object)
        : m_source(source), m_pointer(pointer), m_object(object)
    {}

    Error error(const QString& at, const QString& what) const
    {
        return makeError(QStringLiteral("quota.breaker"), QStringLiteral("%1: %2 %3").arg(m_source, at, what));
    }

    // Fails on a member not in `known`.
    Result<void> only(std::initializer_list<const char*> known) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == QLatin1String(k); }))
                return error(m_pointer + QLatin1Char('/') + it.key(), QStringLiteral("is not a known rule setting"));
        }
        return {};
    }

    // An integer in [minimum, maximum], or `fallback` when absent.
    Result<std::int64_t> integer(const char* key, std::int64_t fallback, std::int64_t minimum,
                                 std::int64_t maximum) const
    {
        if (!m_object.contains(QLatin1String(key)))
            return fallback;
        const QJsonValue v = m_object.value(QLatin1String(key));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || std::floor(d) != d || d < double(minimum) || d > double(maximum))
            return error(m_pointer + QLatin1Char('/') + QLatin1String(key),
                         QStringLiteral("must be an integer from %1 to %2").arg(minimum).arg(maximum));
        return std::int64_t(d);
    }

    Result<double> number(const char* key, double fallback, double minimum, double maximum) const
    {
        if (!m_object.contains(QLatin1String(key)))
            return fallback;
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isDouble() || !(v.toDouble() >= minimum) || v.toDouble() > maximum)
            return error(m_pointer + QLatin1Char('/') + QLatin1String(key),
                         QStringLiteral("must be a number from %1 to %2").arg(minimum).arg(maximum));
        return v.toDouble();
    }

private:
    QString m_source;
    QString m_pointer;
    QJsonObject m_object;
};

std::int64_t median(const std::deque<std::int64_t>& values)
{
    std::vector<std::int64_t> v(values.begin(), values.end());
    const auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    if (v.size() % 2 == 1)
        return *mid;
    const std::int64_t upper = *mid;
    const std::int64_t lower = *std::max_element(v.begin(), mid);
    return (lower + upper) / 2;
}

void dropBefore(std::deque<qint64>& times, qint64 cutoffMs)
{
    while (!times.empty() && times.front() <= cutoffMs)
        times.pop_front();
}

} // namespace

Result<BreakerRules> BreakerRules::fromJson(const QJsonObject& rules, const QString& source)
{
    BreakerRules out;
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        const QString pointer = QStringLiteral("/circuit_breaker/") + it.key();
        if (!it.value().isObject())
            return makeError(QStringLiteral("quota.breaker"),
                             QStringLiteral("%1: %2 must be an object").arg(source, pointer));
        const RuleReader r(source, pointer, it.value().toObject());
        if (it.key() == QLatin1String("denials")) {
            if (Result<void> k = r.only({"count", "window_seconds"}); !k)
                return k.error();
            Result<std::int64_t> count = r.integer("count", Denials{}.count, 1, 100000);
            if (!count)
                return count.error();
            Result<std::int64_t> window = r.integer("window_seconds", Denials{}.windowSeconds, 1, kMaxWindowSeconds);
            if (!window)
                return window.error();
            out.denials = Denials{int(*count), int(*window)};
        } else if (it.key() == QLatin1String("token_spike")) {
            if (Result<void> k = r.only({"factor", "history", "min_history", "min_tokens"}); !k)
                return k.error();
            Result<double> factor = r.number("factor", TokenSpike{}.factor, 1, 1e6);
            if (!factor)
                return factor.error();
            Result<std::int64_t> history = r.integer("history", TokenSpike{}.history, 1, kMaxHistory);
            if (!history)
                return history.error();
            Result<std::int64_t> minHistory =
                r.integer("min_history", std::min<std::int64_t>(TokenSpike{}.minHistory, *history), 1, *history);
            if (!minHistory)
                return minHistory.error();
            Result<std::int64_t> minTokens = r.integer("min_tokens", TokenSpike{}.minTokens, 0, std::int64_t(1) << 40);
            if (!minTokens)
                return minTokens.error();
            out.tokenSpike = TokenSpike{*factor, int(*history), int(*minHistory), *minTokens};
        } else if (it.key() == QLatin1String("read_then_send")) {
            if (Result<void> k = r.only({"min_reads", "window_seconds"}); !k)
                return k.error();
            Result<std::int64_t> reads = r.integer("min_reads", ReadThenSend{}.minReads, 1, 1000000);
            if (!reads)
                return reads.error();
            Result<std::int64_t> window =
                r.integer("window_seconds", ReadThenSend{}.windowSeconds, 1, kMaxWindowSeconds);
            if (!window)
                return window.error();
            out.readThenSend = ReadThenSend{int(*reads), int(*window)};
        } else {
            return makeError(QStringLiteral("quota.breaker"),
                             QStringLiteral("%1: %2 is not a known rule").arg(source, pointer));
        }
    }
    return out;
}

Result<BreakerRules> BreakerRules::parse(const QByteArray& text, const QString& source)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("quota.breaker"), QStringLiteral("%1: not a JSON object").arg(source));
    const QJsonValue rules = doc.object().value(QLatin1String("circuit_breaker"));
    if (!rules.isObject())
        return makeError(QStringLiteral("quota.breaker"),
                         QStringLiteral("%1: /circuit_breaker is missing or not an object").arg(source));
    return fromJson(rules.toObject(), source);
}

BreakerRules BreakerRules::defaults()
{
    BreakerRules rules;
    rules.denials = Denials{};
    rules.tokenSpike = TokenSpike{};
    rules.readThenSend = ReadThenSend{};
    return rules;
}

CircuitBreaker::CircuitBreaker(QuotaStore& store, const Clock& clock, BreakerRules rules)
    : m_store(store), m_clock(clock), m_rules(std::move(rules))
{}

Result<std::unique_ptr<CircuitBreaker>> CircuitBreaker::create(QuotaStore& store, const Clock& clock,
                                                               BreakerRules rules)
{
    Result<std::vector<PausedApp>> paused = store.pausedApps();
    if (!paused)
        return paused.error();
    std::unique_ptr<CircuitBreaker> breaker(new CircuitBreaker(store, clock, std::move(rules)));
    for (const PausedApp& p : *paused)
        breaker->m_paused.insert(p.app, p);
    return breaker;
}

void CircuitBreaker::setRules(BreakerRules rules)
{
    std::lock_guard lock(m_mutex);
    m_rules = std::move(rules);
}

Trip CircuitBreaker::trip(const QString& app, const QString& rule, const QString& reason)
{
    const PausedApp paused{app, rule, reason, m_clock.nowMs()};
    m_paused.insert(app, paused);
    // What led to the trip is forgotten, so a resumed app starts with a clean slate.
    m_denials.remove(app);
    m_tokenHistory.remove(app);
    for (auto it = m_reads.begin(); it != m_reads.end();)
        it = it->first.first == app ? m_reads.erase(it) : std::next(it);
    Trip t{app, rule, reason, {}};
    if (Result<void> saved = m_store.setPaused(paused); !saved)
        t.storeError = saved.error().toString();
    return t;
}

std::optional<Trip> CircuitBreaker::onDenial(const QString& app)
{
    std::lock_guard lock(m_mutex);
    if (!m_rules.denials || m_paused.contains(app))
        return std::nullopt;
    const BreakerRules::Denials& rule = *m_rules.denials;
    const qint64 now = m_clock.nowMs();
    std::deque<qint64>& times = m_denials[app];
    dropBefore(times, now - qint64(rule.windowSeconds) * 1000);
    times.push_back(now);
    if (int(times.size()) < rule.count)
        return std::nullopt;
    return trip(app, QStringLiteral("denials"),
                QStringLiteral("policy denials: %1 within %2 s").arg(times.size()).arg(rule.windowSeconds));
}

std::optional<Trip> CircuitBreaker::onModelCall(const QString& app, std::int64_t tokens)
{
    std::lock_guard lock(m_mutex);
    if (!m_rules.tokenSpike || m_paused.contains(app))
        return std::nullopt;
    const BreakerRules::TokenSpike& rule = *m_rules.tokenSpike;
    std::deque<std::int64_t>& history = m_tokenHistory[app];
    if (int(history.size()) >= rule.minHistory && tokens >= rule.minTokens) {
        const std::int64_t med = median(history);
        if (double(tokens) > rule.factor * double(med))
            return trip(app, QStringLiteral("token_spike"),
                        QStringLiteral("a model call used %1 tokens, more than %2 times the recent median of %3")
                            .arg(tokens)
                            .arg(rule.factor)
                            .arg(med));
    }
    history.push_back(tokens);
    while (int(history.size()) > rule.history)
        history.pop_front();
    return std::nullopt;
}

void CircuitBreaker::onFileRead(const QString& app, const QString& runId)
{
    std::lock_guard lock(m_mutex);
    if (!m_rules.readThenSend || m_paused.contains(app))
        return;
    std::deque<qint64>& times = m_reads[{app, runId}];
    const qint64 now = m_clock.nowMs();
    dropBefore(times, now - qint64(m_rules.readThenSend->windowSeconds) * 1000);
    times.push_back(now);
}

std::optional<Trip> CircuitBreaker::onHttpRequest(const QString& app, const QString& runId)
{
    std::lock_guard lock(m_mutex);
    if (!m_rules.readThenSend || m_paused.contains(app))
        return std::nullopt;
    const BreakerRules::ReadThenSend& rule = *m_rules.readThenSend;
    auto it = m_reads.find({app, runId});
    if (it == m_reads.end())
        return std::nullopt;
    dropBefore(it->second, m_clock.nowMs() - qint64(rule.windowSeconds) * 1000);
    const int reads = int(it->second.size());
    if (reads < rule.minReads)
        return std::nullopt;
    return trip(
        app, QStringLiteral("read_then_send"),
        QStringLiteral("an outbound request after %1 file reads within %2 s").arg(reads).arg(rule.windowSeconds));
}

void CircuitBreaker::onRunFinished(const QString& app, const QString& runId)
{
    std::lock_guard lock(m_mutex);
    m_reads.erase({app, runId});
}

bool CircuitBreaker::isPaused(const QString& app) const
{
    std::lock_guard lock(m_mutex);
    return m_paused.contains(app);
}

std::optional<PausedApp> CircuitBreaker::pausedInfo(const QString& app) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_paused.constFind(app);
    if (it == m_paused.constEnd())
        return std::nullopt;
    return *it;
}

std::vector<PausedApp> CircuitBreaker::pausedApps() const
{
    std::lock_guard lock(m_mutex);
    std::vector<PausedApp> out(m_paused.begin(), m_paused.end());
    std::sort(out.begin(), out.end(), [](const PausedApp& a, const PausedApp& b) { return a.app < b.app; });
    return out;
}

Result<void> CircuitBreaker::pause(const QString& app, const QString& reason)
{
    std::lock_guard lock(m_mutex);
    const PausedApp paused{app, QStringLiteral("manual"), reason, m_clock.nowMs()};
    if (Result<void> saved = m_store.setPaused(paused); !saved)
        return saved;
    m_paused.insert(app, paused);
    return {};
}

Result<bool> CircuitBreaker::resume(const QString& app)
{
    std::lock_guard lock(m_mutex);
    Result<bool> cleared = m_store.clearPaused(app);
    if (!cleared)
        return cleared;
    const bool wasPaused = m_paused.remove(app) > 0 || *cleared;
    return wasPaused;
}

} // namespace corral::quota
