// SPDX-License-Identifier: Apache-2.0
#include "QuotaManager.h"

#include <QJsonArray>
#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>

namespace corral::quota {

namespace detail {

// The usage of one key in one dimension. Tokens count the current local day, cost the
// current local month; reserved amounts belong to calls in flight.
struct Counter
{
    Dimension dimension = Dimension::App;
    QString key;
    std::int64_t tatUs = 0; // GCRA theoretical arrival time, µs since the epoch
    std::int64_t tokensUsed = 0;
    std::int64_t tokensReserved = 0;
    Nanos costUsed = 0;
    Nanos costReserved = 0;
    std::int64_t runsActive = 0;
    std::optional<Limits> limits; // as last checked, for usage.summary
};

struct QuotaState
{
    QuotaState(QuotaStore& store, const Clock& clock, const LocalCalendar& calendar)
        : store(store), clock(clock), calendar(calendar)
    {}

    QuotaStore& store;
    const Clock& clock;
    const LocalCalendar calendar;

    std::mutex mutex; // guards everything below
    QuotaPresets presets;
    CostCalculator prices;
    LocalCalendar::Period period;
    std::array<std::unordered_map<QString, Counter>, kDimensionCount> counters;

    Counter& counter(Dimension d, const QString& key)
    {
        auto [it, inserted] = counters[std::size_t(d)].try_emplace(key);
        if (inserted) {
            it->second.dimension = d;
            it->second.key = key;
        }
        return it->second;
    }

    // Moves the period to the day containing nowMs: a new day forgets the day's tokens, a new
    // month the month's cost. When the clock went back, usage is read again from the store.
    void advanceTo(qint64 nowMs)
    {
        if (nowMs >= period.dayStartMs && nowMs < period.dayEndMs)
            return;
        const LocalCalendar::Period next = calendar.periodAt(nowMs);
        if (nowMs < period.dayStartMs) {
            // On a store failure the old (higher) figures stay: better to over-count than reset.
            const LocalCalendar::Period previous = period;
            period = next;
            if (!loadUsage())
                period = previous;
            return;
        }
        const bool newMonth = next.monthStartMs != period.monthStartMs;
        for (auto& map : counters) {
            for (auto& [key, c] : map) {
                c.tokensUsed = 0;
                if (newMonth)
                    c.costUsed = 0;
            }
        }
        period = next;
    }

    // Replaces the settled figures of every counter with the store's for the current period.
    Result<void> loadUsage()
    {
        Result<std::vector<UsageRow>> rows = store.usageSince(period.firstDayOfMonth());
        if (!rows)
            return rows.error();
        for (auto& map : counters) {
            for (auto& [key, c] : map) {
                c.tokensUsed = 0;
                c.costUsed = 0;
            }
        }
        for (const UsageRow& row : *rows) {
            if (row.day > period.day)
                continue; // written under a clock that was ahead
            const std::array<const QString*, kDimensionCount> keys = {&row.user, &row.app, &row.model, &row.stage};
            for (Dimension d : kDimensions) {
                Counter& c = counter(d, *keys[std::size_t(d)]);
                c.costUsed += row.cost;
                if (row.day == period.day)
                    c.tokensUsed += row.inputTokens + row.outputTokens;
            }
        }
        return {};
    }
};

} // namespace detail

using detail::Counter;
using detail::QuotaState;

namespace {

constexpr std::int64_t kUsPerMinute = 60'000'000;
// Token counts above this are not real requests (and could overflow the sums).
constexpr std::int64_t kMaxTokens = std::int64_t(1) << 40;

std::int64_t softOf(std::int64_t hard, double ratio)
{
    return std::int64_t(std::llround(double(hard) * ratio));
}

std::int64_t ceilDiv(std::int64_t a, std::int64_t b)
{
    return a <= 0 ? 0 : (a + b - 1) / b;
}

// The request-rate window of a counter under `limits`.
struct Rate
{
    std::int64_t intervalUs = 0; // GCRA emission interval
    std::int64_t toleranceUs = 0;
    std::int64_t burst = 1;

    explicit Rate(const Limits& limits)
    {
        intervalUs = kUsPerMinute / std::max<std::int64_t>(limits.requestsPerMinute, 1);
        burst = std::clamp<std::int64_t>(limits.requestsBurst, 1, 1'000'000);
        toleranceUs = intervalUs * (burst - 1);
    }
    // Requests counted in the window ending at `tatUs` (at most the burst, even when the
    // clock moved back).
    std::int64_t inWindow(std::int64_t tatUs, std::int64_t nowUs) const
    {
        return std::min(ceilDiv(tatUs - nowUs, intervalUs), burst);
    }
};

QString amount(LimitKind kind, std::int64_t value)
{
    return kind == LimitKind::CostPerMonth ? formatUsd(value) + QStringLiteral(" USD") : QString::number(value);
}

QString subject(Dimension d, const QString& key)
{
    return toString(d) + QStringLiteral(" \"") + key + QLatin1Char('"');
}

Error requestError(const QString& what)
{
    return makeError(QStringLiteral("quota.request"), what);
}

Error stageError(const QString& stage)
{
    return makeError(QStringLiteral("quota.stage"), QStringLiteral("no quota preset for stage \"%1\"").arg(stage));
}

class Refuser
{
public:
    explicit Refuser(QuotaRefusal* out) : m_out(out) {}

    Error operator()(const Counter& c, LimitKind kind, std::int64_t used, std::int64_t requested, std::int64_t hard,
                     qint64 retryAfterMs = 0) const
    {
        if (m_out)
            *m_out = QuotaRefusal{c.dimension, c.key, kind, used, requested, hard, retryAfterMs};
        QString message = QStringLiteral("quota exceeded: ") + subject(c.dimension, c.key) + QLatin1Char(' ');
        switch (kind) {
        case LimitKind::RequestsPerMinute:
            message += QStringLiteral("reached its requests_per_minute limit of %1; retry in %2 s")
                           .arg(hard)
                           .arg(ceilDiv(retryAfterMs, 1000));
            break;
        case LimitKind::TokensPerDay:
            message += QStringLiteral("tokens_per_day limit is %1; %2 used or reserved today, this call needs %3")
                           .arg(hard)
                           .arg(used)
                           .arg(requested);
            break;
        case LimitKind::CostPerMonth:
            message += QStringLiteral("cost_per_month limit is %1; %2 used or reserved this month, this call needs %3")
                           .arg(amount(kind, hard), amount(kind, used), amount(kind, requested));
            break;
        case LimitKind::ConcurrentRuns:
            message += QStringLiteral("concurrent_runs limit is %1; runs active: %2").arg(hard).arg(used);
            break;
        case LimitKind::MaxTokens:
            message += QStringLiteral("max_tokens limit is %1; this call asks for %2").arg(hard).arg(requested);
            break;
        }
        return makeError(QStringLiteral("quota.exceeded"), message);
    }

private:
    QuotaRefusal* m_out;
};

void softCheck(std::vector<QuotaWarning>& out, const Counter& c, LimitKind kind, std::int64_t before,
               std::int64_t after, std::int64_t hard, double ratio)
{
    if (hard == kUnlimited)
        return;
    const std::int64_t soft = softOf(hard, ratio);
    if (after >= soft)
        out.push_back({c.dimension, c.key, kind, after, soft, hard, before < soft});
}

} // namespace

QString QuotaWarning::message() const
{
    return QStringLiteral("%1 %2 at %3 of %4 (soft limit %5)")
        .arg(subject(dimension, key), toString(limit), amount(limit, used), amount(limit, hard), amount(limit, soft));
}

// Reservation

Reservation::~Reservation()
{
    release();
}

Reservation::Reservation(Reservation&& other) noexcept
    : m_state(std::exchange(other.m_state, nullptr)), m_counters(other.m_counters), m_tokens(other.m_tokens),
      m_cost(other.m_cost), m_warnings(std::move(other.m_warnings))
{}

Reservation& Reservation::operator=(Reservation&& other) noexcept
{
    if (this != &other) {
        release();
        m_state = std::exchange(other.m_state, nullptr);
        m_counters = other.m_counters;
        m_tokens = other.m_tokens;
        m_cost = other.m_cost;
        m_warnings = std::move(other.m_warnings);
    }
    return *this;
}

void Reservation::release()
{
    if (!m_state)
        return;
    std::lock_guard lock(m_state->mutex);
    for (Counter* c : m_counters) {
        c->tokensReserved -= m_tokens;
        c->costReserved -= m_cost;
    }
    m_state = nullptr;
}

Result<SettledCall> Reservation::settle(std::int64_t inputTokens, std::int64_t outputTokens)
{
    if (!m_state)
        return requestError(QStringLiteral("the reservation was already settled or released"));
    if (inputTokens < 0 || outputTokens < 0 || inputTokens > kMaxTokens || outputTokens > kMaxTokens)
        return requestError(QStringLiteral("token counts must be between 0 and %1").arg(kMaxTokens));
    QuotaState& s = *std::exchange(m_state, nullptr);
    SettledCall call{inputTokens, outputTokens, 0};
    UsageRow row;
    std::vector<CounterRow> counters;
    counters.reserve(kDimensionCount);
    {
        std::lock_guard lock(s.mutex);
        s.advanceTo(s.clock.nowMs());
        const QString& model = m_counters[std::size_t(Dimension::Model)]->key;
        // A model whose price left the catalog since the reservation is charged its estimate.
        call.cost = s.prices.cost(model, inputTokens, outputTokens).value_or(m_cost);
        for (Counter* c : m_counters) {
            c->tokensReserved -= m_tokens;
            c->costReserved -= m_cost;
            c->tokensUsed += inputTokens + outputTokens;
            c->costUsed += call.cost;
            counters.push_back({c->dimension, c->key, c->tatUs, c->limits});
        }
        row = UsageRow{s.period.day,
                       m_counters[std::size_t(Dimension::User)]->key,
                       m_counters[std::size_t(Dimension::App)]->key,
                       model,
                       m_counters[std::size_t(Dimension::Stage)]->key,
                       1,
                       inputTokens,
                       outputTokens,
                       call.cost};
    }
    if (Result<void> written = s.store.recordUsage(row, counters); !written)
        return written.error();
    return call;
}

// RunSlot

RunSlot::~RunSlot()
{
    release();
}

RunSlot::RunSlot(RunSlot&& other) noexcept
    : m_state(std::exchange(other.m_state, nullptr)), m_counters(other.m_counters),
      m_warnings(std::move(other.m_warnings))
{}

RunSlot& RunSlot::operator=(RunSlot&& other) noexcept
{
    if (this != &other) {
        release();
        m_state = std::exchange(other.m_state, nullptr);
        m_counters = other.m_counters;
        m_warnings = std::move(other.m_warnings);
    }
    return *this;
}

void RunSlot::release()
{
    if (!m_state)
        return;
    std::lock_guard lock(m_state->mutex);
    for (Counter* c : m_counters)
        --c->runsActive;
    m_state = nullptr;
}

// QuotaManager

QuotaManager::QuotaManager(std::unique_ptr<QuotaState> state) : m_state(std::move(state)) {}

QuotaManager::~QuotaManager() = default;

Result<std::unique_ptr<QuotaManager>> QuotaManager::create(QuotaStore& store, const Clock& clock,
                                                           const LocalCalendar& calendar, QuotaPresets presets,
                                                           CostCalculator prices)
{
    auto state = std::make_unique<QuotaState>(store, clock, calendar);
    state->presets = std::move(presets);
    state->prices = std::move(prices);
    state->period = state->calendar.periodAt(clock.nowMs());
    Result<std::vector<CounterRow>> rows = store.counters();
    if (!rows)
        return rows.error();
    for (const CounterRow& row : *rows) {
        Counter& c = state->counter(row.dimension, row.key);
        c.tatUs = row.rateTatUs;
        c.limits = row.limits;
    }
    if (Result<void> r = state->loadUsage(); !r)
        return r.error();
    return std::unique_ptr<QuotaManager>(new QuotaManager(std::move(state)));
}

void QuotaManager::setPresets(QuotaPresets presets)
{
    std::lock_guard lock(m_state->mutex);
    m_state->presets = std::move(presets);
}

void QuotaManager::setPrices(CostCalculator prices)
{
    std::lock_guard lock(m_state->mutex);
    m_state->prices = std::move(prices);
}

Result<Reservation> QuotaManager::reserve(const CallRequest& request, QuotaRefusal* refusal)
{
    if (request.user.isEmpty() || request.app.isEmpty() || request.model.isEmpty() || request.stage.isEmpty())
        return requestError(QStringLiteral("a call needs a user, an app, a model and a stage"));
    if (request.promptTokens < 0 || request.maxOutputTokens < 0 || request.promptTokens > kMaxTokens ||
        request.maxOutputTokens > kMaxTokens)
        return requestError(QStringLiteral("token counts must be between 0 and %1").arg(kMaxTokens));
    const std::int64_t tokens = request.promptTokens + request.maxOutputTokens;
    const Refuser refuse(refusal);

    QuotaState& s = *m_state;
    std::lock_guard lock(s.mutex);
    const qint64 nowMs = s.clock.nowMs();
    s.advanceTo(nowMs);
    const StagePreset* preset = s.presets.find(request.stage);
    if (!preset)
        return stageError(request.stage);
    const std::optional<Nanos> cost = s.prices.estimate(request.model, request.promptTokens, request.maxOutputTokens);
    if (!cost)
        return makeError(QStringLiteral("quota.price"),
                         QStringLiteral("no price for model \"%1\" in the catalog").arg(request.model));

    const std::array<const QString*, kDimensionCount> keys = {&request.user, &request.app, &request.model,
                                                              &request.stage};
    std::array<Counter*, kDimensionCount> counters;
    std::array<Limits, kDimensionCount> limits;
    for (Dimension d : kDimensions) {
        const std::size_t i = std::size_t(d);
        counters[i] = &s.counter(d, *keys[i]);
        limits[i] = d == Dimension::App ? request.manifest.lower((*preset)[d]) : (*preset)[d];
    }

    const Limits& appLimits = limits[std::size_t(Dimension::App)];
    if (request.maxOutputTokens > appLimits.maxTokensPerCall)
        return refuse(*counters[std::size_t(Dimension::App)], LimitKind::MaxTokens, 0, request.maxOutputTokens,
                      appLimits.maxTokensPerCall);

    // Check every limit before changing anything: a refusal reserves nothing.
    const std::int64_t nowUs = std::int64_t(nowMs) * 1000;
    std::array<std::int64_t, kDimensionCount> newTat;
    for (std::size_t i = 0; i < kDimensionCount; ++i) {
        const Counter& c = *counters[i];
        const Limits& l = limits[i];
        newTat[i] = c.tatUs;
        if (l.requestsPerMinute != kUnlimited) {
            if (l.requestsPerMinute == 0)
                return refuse(c, LimitKind::RequestsPerMinute, 0, 1, 0);
            const Rate rate(l);
            // Normal use keeps tat <= now + tolerance + interval. Only a clock that moved back
            // breaks that; clamping (and keeping the clamp) makes the window wait one interval
            // instead of until the clock catches up.
            counters[i]->tatUs = std::min(c.tatUs, nowUs + rate.toleranceUs + rate.intervalUs);
            const std::int64_t tat = std::max(c.tatUs, nowUs);
            if (tat - nowUs > rate.toleranceUs) {
                const std::int64_t waitUs = tat - nowUs - rate.toleranceUs;
                return refuse(c, LimitKind::RequestsPerMinute, rate.inWindow(tat, nowUs), 1, l.requestsPerMinute,
                              ceilDiv(waitUs, 1000));
            }
            newTat[i] = tat + rate.intervalUs;
        }
        const std::int64_t tokensBefore = c.tokensUsed + c.tokensReserved;
        if (l.tokensPerDay != kUnlimited && tokensBefore + tokens > l.tokensPerDay)
            return refuse(c, LimitKind::TokensPerDay, tokensBefore, tokens, l.tokensPerDay);
        const Nanos costBefore = c.costUsed + c.costReserved;
        if (l.costPerMonth != kUnlimited && costBefore + *cost > l.costPerMonth)
            return refuse(c, LimitKind::CostPerMonth, costBefore, *cost, l.costPerMonth);
    }

    Reservation reservation;
    reservation.m_state = &s;
    reservation.m_counters = counters;
    reservation.m_tokens = tokens;
    reservation.m_cost = *cost;
    for (std::size_t i = 0; i < kDimensionCount; ++i) {
        Counter& c = *counters[i];
        const Limits& l = limits[i];
        if (l.requestsPerMinute != kUnlimited) {
            const Rate rate(l);
            softCheck(reservation.m_warnings, c, LimitKind::RequestsPerMinute, rate.inWindow(c.tatUs, nowUs),
                      rate.inWindow(newTat[i], nowUs), l.requestsPerMinute, l.softRatio);
        }
        const std::int64_t tokensBefore = c.tokensUsed + c.tokensReserved;
        softCheck(reservation.m_warnings, c, LimitKind::TokensPerDay, tokensBefore, tokensBefore + tokens,
                  l.tokensPerDay, l.softRatio);
        const Nanos costBefore = c.costUsed + c.costReserved;
        softCheck(reservation.m_warnings, c, LimitKind::CostPerMonth, costBefore, costBefore + *cost, l.costPerMonth,
                  l.softRatio);
        c.tatUs = newTat[i];
        c.tokensReserved += tokens;
        c.costReserved += *cost;
        if (!c.limits || *c.limits != l)
            c.limits = l;
    }
    return reservation;
}

Result<RunSlot> QuotaManager::acquireRun(const RunRequest& request, QuotaRefusal* refusal)
{
    if (request.user.isEmpty() || request.app.isEmpty() || request.stage.isEmpty())
        return requestError(QStringLiteral("a run needs a user, an app and a stage"));
    const Refuser refuse(refusal);
    QuotaState& s = *m_state;
    std::lock_guard lock(s.mutex);
    s.advanceTo(s.clock.nowMs());
    const StagePreset* preset = s.presets.find(request.stage);
    if (!preset)
        return stageError(request.stage);
    constexpr std::array<Dimension, 3> dims = {Dimension::User, Dimension::App, Dimension::Stage};
    const std::array<const QString*, 3> keys = {&request.user, &request.app, &request.stage};
    std::array<Counter*, 3> counters;
    std::array<Limits, 3> limits;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        counters[i] = &s.counter(dims[i], *keys[i]);
        limits[i] = dims[i] == Dimension::App ? request.manifest.lower((*preset)[dims[i]]) : (*preset)[dims[i]];
        const std::int64_t hard = limits[i].concurrentRuns;
        if (hard != kUnlimited && counters[i]->runsActive + 1 > hard)
            return refuse(*counters[i], LimitKind::ConcurrentRuns, counters[i]->runsActive, 1, hard);
    }
    RunSlot slot;
    slot.m_state = &s;
    slot.m_counters = counters;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        Counter& c = *counters[i];
        softCheck(slot.m_warnings, c, LimitKind::ConcurrentRuns, c.runsActive, c.runsActive + 1,
                  limits[i].concurrentRuns, limits[i].softRatio);
        ++c.runsActive;
        if (!c.limits || *c.limits != limits[i])
            c.limits = limits[i];
    }
    return slot;
}

Result<std::int64_t> QuotaManager::remainingTokens(const CallRequest& request)
{
    QuotaState& s = *m_state;
    std::lock_guard lock(s.mutex);
    s.advanceTo(s.clock.nowMs());
    const StagePreset* preset = s.presets.find(request.stage);
    if (!preset)
        return stageError(request.stage);
    const std::array<const QString*, kDimensionCount> keys = {&request.user, &request.app, &request.model,
                                                              &request.stage};
    std::int64_t remaining = kUnlimited;
    for (Dimension d : kDimensions) {
        const Limits limits = d == Dimension::App ? request.manifest.lower((*preset)[d]) : (*preset)[d];
        if (limits.tokensPerDay == kUnlimited)
            continue;
        const Counter& c = s.counter(d, *keys[std::size_t(d)]);
        remaining =
            std::min(remaining, std::max<std::int64_t>(0, limits.tokensPerDay - c.tokensUsed - c.tokensReserved));
    }
    return remaining;
}

std::vector<LimitStatus> QuotaManager::limitStatus()
{
    QuotaState& s = *m_state;
    std::vector<LimitStatus> out;
    std::lock_guard lock(s.mutex);
    const qint64 nowMs = s.clock.nowMs();
    s.advanceTo(nowMs);
    for (const auto& map : s.counters) {
        for (const auto& [key, c] : map) {
            if (!c.limits)
                continue;
            const Limits& l = *c.limits;
            auto add = [&](LimitKind kind, std::int64_t used, std::int64_t hard) {
                if (hard != kUnlimited)
                    out.push_back({c.dimension, c.key, kind, used, softOf(hard, l.softRatio), hard});
            };
            if (l.requestsPerMinute != kUnlimited && l.requestsPerMinute > 0)
                add(LimitKind::RequestsPerMinute, Rate(l).inWindow(c.tatUs, std::int64_t(nowMs) * 1000),
                    l.requestsPerMinute);
            add(LimitKind::TokensPerDay, c.tokensUsed + c.tokensReserved, l.tokensPerDay);
            add(LimitKind::CostPerMonth, c.costUsed + c.costReserved, l.costPerMonth);
            if (c.dimension != Dimension::Model)
                add(LimitKind::ConcurrentRuns, c.runsActive, l.concurrentRuns);
        }
    }
    std::sort(out.begin(), out.end(), [](const LimitStatus& a, const LimitStatus& b) {
        return std::tie(a.dimension, a.key, a.limit) < std::tie(b.dimension, b.key, b.limit);
    });
    return out;
}

Result<QJsonObject> QuotaManager::usageSummary(int days)
{
    constexpr int kMaxDays = 400;
    if (days < 1 || days > kMaxDays)
        return requestError(QStringLiteral("days must be between 1 and %1, got %2").arg(kMaxDays).arg(days));
    DayKey today = 0;
    {
        std::lock_guard lock(m_state->mutex);
        m_state->advanceTo(m_state->clock.nowMs());
        today = m_state->period.day;
    }
    const QDate last = dateOf(today);
    const QDate first = last.addDays(-(days - 1));
    Result<std::vector<UsageRow>> rows = m_state->store.usageSince(dayKey(first));
    if (!rows)
        return rows.error();
    Result<std::vector<PausedApp>> paused = m_state->store.pausedApps();
    if (!paused)
        return paused.error();

    struct DayTotal
    {
        std::int64_t input = 0;
        std::int64_t output = 0;
        Nanos cost = 0;
    };
    std::map<QString, std::map<DayKey, DayTotal>> perApp;
    for (const UsageRow& row : *rows) {
        if (row.day > today)
            continue;
        DayTotal& t = perApp[row.app][row.day];
        t.input += row.inputTokens;
        t.output += row.outputTokens;
        t.cost += row.cost;
    }
    QSet<QString> pausedNames;
    for (const PausedApp& p : *paused) {
        pausedNames.insert(p.app);
        perApp.try_emplace(p.app);
    }

    QJsonArray apps;
    for (const auto& [app, totals] : perApp) {
        QJsonArray daily;
        for (QDate d = first; d <= last; d = d.addDays(1)) {
            auto it = totals.find(dayKey(d));
            const DayTotal t = it == totals.end() ? DayTotal{} : it->second;
            daily.append(QJsonObject{{QStringLiteral("date"), d.toString(Qt::ISODate)},
                                     {QStringLiteral("input_tokens"), double(t.input)},
                                     {QStringLiteral("output_tokens"), double(t.output)},
                                     {QStringLiteral("cost_usd"), nanosToUsd(t.cost)}});
        }
        apps.append(QJsonObject{{QStringLiteral("app"), app},
                                {QStringLiteral("paused"), pausedNames.contains(app)},
                                {QStringLiteral("daily"), daily}});
    }
    QJsonArray limits;
    for (const LimitStatus& l : limitStatus()) {
        auto value = [&](std::int64_t v) {
            return l.limit == LimitKind::CostPerMonth ? QJsonValue(nanosToUsd(v)) : QJsonValue(double(v));
        };
        limits.append(QJsonObject{{QStringLiteral("dimension"), toString(l.dimension)},
                                  {QStringLiteral("key"), l.key},
                                  {QStringLiteral("limit"), toString(l.limit)},
                                  {QStringLiteral("used"), value(l.used)},
                                  {QStringLiteral("soft"), value(l.soft)},
                                  {QStringLiteral("hard"), value(l.hard)}});
    }
    return QJsonObject{{QStringLiteral("apps"), apps}, {QStringLiteral("limits"), limits}};
}

} // namespace corral::quota
