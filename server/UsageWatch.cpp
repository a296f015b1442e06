// SPDX-License-Identifier: Apache-2.0
#include "UsageWatch.h"

#include "bundle/Bundle.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QMap>

namespace corral::server {

namespace {

Q_LOGGING_CATEGORY(lcUsage, "corral.server.usage")

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

const QString kDevelopment = QStringLiteral("development");

std::int64_t tokenLimit(const quota::QuotaPresets& presets, const QString& stage, quota::Dimension dimension)
{
    const quota::StagePreset* preset = presets.find(stage);
    return preset ? (*preset)[dimension].tokensPerDay : quota::kUnlimited;
}

} // namespace

Result<const quota::QuotaPresets*> UsageWatch::presets()
{
    Result<std::optional<StoredBundle>> latest = m_store.latestBundle();
    if (!latest)
        return latest.error();
    const qint64 serial = latest->has_value() ? (*latest)->serial : 0;
    if (serial != m_serial || !m_presets) {
        m_serial = serial;
        m_presets = quota::QuotaPresets::defaults();
        if (latest->has_value()) {
            // The server accepted the bundle at publish time, so a failure here only means
            // it carries no usable presets: the defaults stand, as on the desktops.
            Result<bundle::Bundle> parsed = bundle::Bundle::fromArchive((*latest)->archive);
            const policy::Value* corral = parsed ? parsed->data().get("corral") : nullptr;
            const policy::Value* settings = corral ? corral->get("settings") : nullptr;
            const policy::Value* quotas = settings ? settings->get("quotas") : nullptr;
            if (quotas) {
                Result<quota::QuotaPresets> fromBundle = quota::QuotaPresets::fromJson(
                    quotas->toQJson().toObject(), QStringLiteral("bundle serial %1").arg(serial));
                if (fromBundle)
                    m_presets = std::move(*fromBundle);
                else
                    qCWarning(lcUsage).noquote() << "quota presets ignored:" << fromBundle.error().toString();
            }
        }
    }
    return &*m_presets;
}

Result<bool> UsageWatch::check(const QString& deviceId, qint64 nowMs)
{
    const qint64 dayStart = nowMs - nowMs % kDayMs;
    if (m_alertedDay.value(deviceId, -1) == dayStart)
        return false;
    Result<QList<Usage>> usage = m_store.usageSince(deviceId, dayStart);
    if (!usage)
        return usage.error();
    if (usage->isEmpty())
        return false;
    Result<const quota::QuotaPresets*> presets = this->presets();
    if (!presets)
        return presets.error();
    Result<QList<Approval>> approved = m_store.approvals(QStringLiteral("approved"));
    if (!approved)
        return approved.error();
    QMap<QString, QString> stageOf; // app -> stage, for this device
    for (const Approval& a : *approved) {
        if (a.device == deviceId)
            stageOf.insert(a.app, QStringLiteral("production"));
    }

    QMap<QString, std::int64_t> perApp;
    QMap<QString, std::int64_t> perUser;
    QMap<QString, std::int64_t> userLimit; // the most generous limit of the stages the user's apps are in
    for (const Usage& u : *usage) {
        perApp[u.app] += u.tokens;
        perUser[u.user] += u.tokens;
        const QString stage = stageOf.value(u.app, kDevelopment);
        const std::int64_t limit = tokenLimit(**presets, stage, quota::Dimension::User);
        userLimit[u.user] = std::max(userLimit.value(u.user, 0), limit);
    }
    QStringList excess;
    const QString day = QDateTime::fromMSecsSinceEpoch(dayStart, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
    for (auto it = perUser.cbegin(); it != perUser.cend(); ++it) {
        const std::int64_t limit = userLimit.value(it.key());
        if (limit != quota::kUnlimited && it.value() > limit)
            excess << QStringLiteral("user %1 used %2 tokens on %3 (UTC), over the hard limit of %4 tokens_per_day")
                          .arg(it.key())
                          .arg(it.value())
                          .arg(day)
                          .arg(limit);
    }
    for (auto it = perApp.cbegin(); it != perApp.cend(); ++it) {
        const QString stage = stageOf.value(it.key(), kDevelopment);
        const std::int64_t limit = tokenLimit(**presets, stage, quota::Dimension::App);
        if (limit != quota::kUnlimited && it.value() > limit) {
            QStringList users;
            for (const Usage& u : *usage) {
                if (u.app == it.key() && !users.contains(u.user))
                    users << u.user;
            }
            excess << QStringLiteral("app %1 (%2, user %3) used %4 tokens on %5 (UTC), over the hard limit of %6 "
                                     "tokens_per_day")
                          .arg(it.key(), stage, users.join(QLatin1String(", ")))
                          .arg(it.value())
                          .arg(day)
                          .arg(limit);
        }
    }
    if (excess.isEmpty())
        return false;
    // One alert per device and day, silenced or not: later uploads of the same day add
    // nothing an administrator has not been told.
    Result<QList<Alert>> alerts = m_store.alerts(true);
    if (!alerts)
        return alerts.error();
    for (const Alert& a : *alerts) {
        if (a.device == deviceId && a.kind == QLatin1String("quota") && a.tsMs >= dayStart &&
            a.tsMs < dayStart + kDayMs) {
            m_alertedDay.insert(deviceId, dayStart);
            return false;
        }
    }
    Result<std::int64_t> raised = m_store.addAlert(
        deviceId, QStringLiteral("quota"),
        QStringLiteral("the device exceeded its quota anyway: %1").arg(excess.join(QLatin1String("; "))), nowMs);
    if (!raised)
        return raised.error();
    m_alertedDay.insert(deviceId, dayStart);
    return true;
}

} // namespace corral::server
