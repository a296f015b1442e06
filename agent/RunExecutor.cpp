// SPDX-License-Identifier: Apache-2.0
#include "RunExecutor.h"

#include "FilesConnector.h"
#include "GrantStore.h"
#include "HttpConnector.h"
#include "TextTemplate.h"
#include "audit/AuditEvent.h"
#include "audit/AuditLog.h"
#include "bundle/BundleStore.h"
#include "catalog/ConnectorCatalog.h"
#include "dlp/DlpScanner.h"
#include "dlp/PromptSanitizer.h"
#include "dlp/Pseudonymizer.h"
#include "dlp/Redactor.h"
#include "dlp/ResponseSanitizer.h"
#include "models/TokenEstimator.h"
#include "policy/Value.h"
#include "quota/CircuitBreaker.h"
#include "quota/QuotaManager.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace corral::agent {

namespace {

constexpr qsizetype kPreviewChars = 4096;

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

// What a step produced, for later steps' {{steps.ID...}} and the outputs.
struct StepResult
{
    QString text;
    QStringList files;                 // files.list
    QList<models::Document> documents; // files.read
    QString path;                      // files.write: where it went
    int status = 0;                    // http.request
    QString label;                     // classify
    double score = 0;
};

// A step that stops the run: the status it ends with and why.
struct Stop
{
    QString status;
    Error error;
};

Stop cancelledStop()
{
    return Stop{RunStatus::Cancelled,
                makeError(QStringLiteral("run.cancelled"), QStringLiteral("the run was cancelled"))};
}

QString statusForError(const Error& error)
{
    if (error.code.startsWith(QLatin1String("scope.")) || error.code == QLatin1String("http.host") ||
        error.code == QLatin1String("http.scheme") || error.code == QLatin1String("http.url") ||
        error.code == QLatin1String("http.redirect") || error.code == QLatin1String("http.method"))
        return RunStatus::Denied;
    if (error.code == QLatin1String("run.cancelled") || error.code == QLatin1String("model.cancelled") ||
        error.code == QLatin1String("http.cancelled"))
        return RunStatus::Cancelled;
    if (error.code == QLatin1String("run.template") || error.code.startsWith(QLatin1String("connector.")))
        return RunStatus::Invalid;
    return RunStatus::Failed;
}

QString expandHome(const QString& root, const QString& home)
{
    if (root == QLatin1String("~"))
        return home;
    if (root.startsWith(QLatin1String("~/")))
        return home + root.mid(1);
    return root;
}

QString connectorIdOf(const QJsonValue& use)
{
    return use.isString() ? use.toString() : use.toObject().value(QStringLiteral("id")).toString();
}

} // namespace

QJsonArray stepSummaries(const QJsonObject& manifest)
{
    QJsonArray steps;
    for (const QJsonValue& v : manifest.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject step = v.toObject();
        QJsonObject summary{{QStringLiteral("id"), str(step, "id")}, {QStringLiteral("action"), str(step, "action")}};
        for (const char* member : {"connector", "label"}) {
            if (step.contains(QLatin1String(member)))
                summary.insert(QLatin1String(member), str(step, member));
        }
        steps.append(summary);
    }
    return steps;
}

int exitCodeOf(const QString& status)
{
    static const QHash<QString, int> codes{
        {RunStatus::Done, 0},    {RunStatus::Failed, 1}, {RunStatus::Invalid, 2}, {RunStatus::Denied, 3},
        {RunStatus::Refused, 4}, {RunStatus::Quota, 5},  {RunStatus::Paused, 6},  {RunStatus::Cancelled, 130},
    };
    return codes.value(status, 1);
}

QJsonObject RunOutcome::toJson() const
{
    QJsonObject json{
        {QStringLiteral("status"), status},
        {QStringLiteral("exit_code"), exitCode},
        {QStringLiteral("outputs"), outputs},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), inputTokens},
                                              {QStringLiteral("output_tokens"), outputTokens},
                                              {QStringLiteral("cost_usd"), costUsd}}},
        {QStringLiteral("duration_ms"), durationMs},
    };
    if (error)
        json.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("code"), error->code}, {QStringLiteral("message"), error->message}});
    return json;
}

Result<QJsonObject> checkRunInputs(const QJsonObject& manifest, const QJsonObject& inputs)
{
    const auto fail = [](const QString& message) { return makeError(QStringLiteral("run.inputs"), message); };
    const QJsonArray declared = manifest.value(QStringLiteral("inputs")).toArray();
    QStringList ids;
    QJsonObject checked;
    for (const QJsonValue& v : declared) {
        const QJsonObject input = v.toObject();
        const QString id = str(input, "id");
        ids << id;
        QJsonValue value = inputs.value(id);
        if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()))
            value = input.value(QStringLiteral("default"));
        if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty())) {
            if (input.value(QStringLiteral("required")).toBool())
                return fail(QStringLiteral("the input \"%1\" (%2) is required").arg(id, str(input, "label")));
            checked.insert(id, QString());
            continue;
        }
        if (!value.isString() && !value.isDouble() && !value.isBool())
            return fail(QStringLiteral("the input \"%1\" must be text, a number or true/false").arg(id));
        QString text = value.isString() ? value.toString()
                       : value.isBool() ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                        : QString::number(value.toDouble(), 'g', 15);
        const QString type = str(input, "type");
        if (type == QLatin1String("number")) {
            bool ok = false;
            text.toDouble(&ok);
            if (!ok)
                return fail(QStringLiteral("the input \"%1\" must be a number, not \"%2\"").arg(id, text));
        }
        if (type == QLatin1String("choice")) {
            QStringList choices;
            for (const QJsonValue& c : input.value(QStringLiteral("choices")).toArray())
                choices << c.toString();
            if (!choices.contains(text))
                return fail(QStringLiteral("the input \"%1\" must be one of %2, not \"%3\"")
                                .arg(id, choices.join(QStringLiteral(", ")), text));
        }
        if (type != QLatin1String("multiline") && text.contains(QLatin1Char('\n')))
            return fail(QStringLiteral("the input \"%1\" must be a single line").arg(id));
        if (text.size() > 100000)
            return fail(QStringLiteral("the input \"%1\" is longer than 100000 characters").arg(id));
        checked.insert(id, text);
    }
    for (auto it = inputs.constBegin(); it != inputs.constEnd(); ++it) {
        if (!ids.contains(it.key()))
            return fail(QStringLiteral("the app has no input \"%1\" (inputs: %2)")
                            .arg(it.key(), ids.isEmpty() ? QStringLiteral("none") : ids.join(QStringLiteral(", "))));
    }
    return checked;
}

struct RunExecutor::State
{
    const RunServices& services;
    RunRequest request;
    RunObserver& observer;
    models::CancellationToken cancel;

    QJsonObject inputs;
    catalog::ConnectorCatalog catalog;
    QHash<QString, QJsonObject> declared; // connector id -> the manifest's narrowing object
    std::map<QString, std::unique_ptr<FilesConnector>> files;
    QHash<QString, StepResult> results;
    QSet<QString> allowedForRun; // "action|target" answered "allow-run"
    QStringList neverRemember;   // actions policy never lets a grant cover
    QString policyRevision;
    std::optional<std::int64_t> quotaRemaining; // for the policy input of a model call
    // DLP: settings from the bundle, what the current model call's content holds (for the
    // policy input), and the pseudonyms of this run (never leave the agent).
    dlp::DlpSettings dlpSettings;
    dlp::SanitizerSettings sanitizerSettings;
    QJsonArray dlpFindings;
    QJsonArray sanitizerFindings;
    dlp::Pseudonymizer pseudonyms;
    QJsonObject obligations; // of the last decision
    RunOutcome outcome;
    qint64 startedMs = 0;
    quota::RunSlot slot;

    QString stage() const
    {
        return request.manifest.value(QStringLiteral("stage")).toString(QStringLiteral("development"));
    }

    quota::CallRequest callRequest(const QString& model, std::int64_t promptTokens, std::int64_t maxOutput) const
    {
        quota::CallRequest call;
        call.user = services.userId;
        call.app = request.app;
        call.model = model;
        call.stage = stage();
        call.manifest = quota::ManifestLimits::fromManifest(request.manifest);
        call.promptTokens = promptTokens;
        call.maxOutputTokens = maxOutput;
        return call;
    }

    // A refused quota: audited, and the run ends with status quota.
    Stop quotaStop(const Error& error, const quota::QuotaRefusal& refusal, const QString& step = {})
    {
        audit::AuditEvent event =
            audit::events::quotaExceeded(request.app, services.userId, quota::toString(refusal.limit),
                                         double(refusal.hard), double(refusal.used + refusal.requested));
        event.fields.insert(QStringLiteral("dimension"), quota::toString(refusal.dimension));
        event.fields.insert(QStringLiteral("key"), refusal.key);
        if (Result<void> r = audit(event, step); !r.ok())
            return Stop{RunStatus::Failed, r.error()};
        return Stop{error.code == QLatin1String("quota.exceeded") ? RunStatus::Quota : RunStatus::Failed, error};
    }

    // Soft limits reached: audited (level "soft") and shown to the person.
    void warn(const std::vector<quota::QuotaWarning>& warnings, const QString& step = {})
    {
        for (const quota::QuotaWarning& w : warnings) {
            if (!w.crossed)
                continue;
            audit::AuditEvent event = audit::events::quotaExceeded(
                request.app, services.userId, quota::toString(w.limit), double(w.soft), double(w.used));
            event.fields.insert(QStringLiteral("level"), QStringLiteral("soft"));
            event.fields.insert(QStringLiteral("dimension"), quota::toString(w.dimension));
            event.fields.insert(QStringLiteral("key"), w.key);
            (void)audit(event, step);
            emitEvent(QStringLiteral("run.warning"),
                      QJsonObject{{QStringLiteral("step"), step},
                                  {QStringLiteral("kind"), QStringLiteral("quota.soft-limit")},
                                  {QStringLiteral("message"), w.message()}});
        }
    }

    // The breaker paused the app: audited as app.paused, the run ends with status paused.
    Stop pausedStop(const quota::Trip& trip, const QString& step = {})
    {
        (void)audit(audit::events::appPaused(request.app, QStringLiteral("circuit-breaker:") + trip.rule, trip.reason),
                    step);
        emitEvent(QStringLiteral("app.paused"),
                  QJsonObject{{QStringLiteral("rule"), trip.rule}, {QStringLiteral("reason"), trip.reason}});
        return Stop{RunStatus::Paused,
                    makeError(QStringLiteral("app.paused"), QStringLiteral("the app was paused: %1").arg(trip.reason))};
    }

    State(const RunServices& s, RunRequest r, RunObserver& o, models::CancellationToken c)
        : services(s), request(std::move(r)), observer(o), cancel(std::move(c))
    {}

    void emitEvent(const QString& method, QJsonObject params)
    {
        params.insert(QStringLiteral("run_id"), request.runId);
        params.insert(QStringLiteral("app"), request.app);
        observer.event(method, params);
    }

    // Appends with the run's id; an audit failure stops the run (nothing happens unrecorded).
    Result<void> audit(audit::AuditEvent event, const QString& step = {})
    {
        event.fields.insert(QStringLiteral("run_id"), request.runId);
        if (!step.isEmpty())
            event.fields.insert(QStringLiteral("step"), step);
        Result<std::uint64_t> appended = services.audit->append(event);
        if (!appended.ok())
            return appended.error();
        return {};
    }

    std::optional<QString> lookup(const QString& name, const QString& input) const
    {
        const QStringList parts = name.split(QLatin1Char('.'));
        if (name == QLatin1String("input"))
            return input;
        if (parts.size() == 2 && parts[0] == QLatin1String("inputs") && inputs.contains(parts[1]))
            return inputs.value(parts[1]).toString();
        if (parts.size() == 2 && parts[0] == QLatin1String("run")) {
            const QDateTime now = QDateTime::fromMSecsSinceEpoch(startedMs).toLocalTime();
            if (parts[1] == QLatin1String("date"))
                return now.toString(QStringLiteral("yyyy-MM-dd"));
            if (parts[1] == QLatin1String("time"))
                return now.toString(QStringLiteral("HH:mm"));
            if (parts[1] == QLatin1String("id"))
                return request.runId;
        }
        if ((parts.size() == 2 || parts.size() == 3) && parts[0] == QLatin1String("steps")) {
            const auto it = results.constFind(parts[1]);
            if (it == results.constEnd())
                return std::nullopt;
            if (parts.size() == 2 || parts[2] == QLatin1String("text"))
                return it->text;
            const QString& field = parts[2];
            if (field == QLatin1String("files"))
                return it->files.size() == 1 ? QStringLiteral("1 file")
                                             : QStringLiteral("%1 files").arg(it->files.size());
            if (field == QLatin1String("path"))
                return it->path;
            if (field == QLatin1String("status"))
                return QString::number(it->status);
            if (field == QLatin1String("label"))
                return it->label;
            if (field == QLatin1String("score"))
                return QString::number(it->score, 'f', 2);
        }
        return std::nullopt;
    }

    Result<QString> fill(const QString& text, const QString& input = {}) const
    {
        return fillTemplate(text, [&](const QString& name) { return lookup(name, input); });
    }

    // The connector catalog of the active bundle's data, else the shipped one.
    Result<void> loadCatalog()
    {
        std::shared_ptr<const bundle::ActiveBundle> active = services.policy ? services.policy->active() : nullptr;
        if (active) {
            policyRevision = active->revision;
            const policy::Value& data = active->bundle->data();
            if (const policy::Value* corral = data.get("corral")) {
                if (const policy::Value* cat = corral->get("catalog")) {
                    if (const policy::Value* connectors = cat->get("connectors")) {
                        Result<catalog::ConnectorCatalog> parsed = catalog::ConnectorCatalog::parse(
                            QByteArray::fromStdString(connectors->toJson()), QStringLiteral("the policy bundle"));
                        if (!parsed.ok())
                            return parsed.error();
                        catalog = std::move(parsed.value());
                    }
                }
                if (const policy::Value* settings = corral->get("settings")) {
                    if (const policy::Value* dlpData = settings->get("dlp")) {
                        Result<dlp::DlpSettings> parsed = dlp::DlpSettings::fromJson(dlpData->toQJson().toObject());
                        if (!parsed.ok())
                            return parsed.error();
                        dlpSettings = std::move(parsed.value());
                    }
                    if (const policy::Value* sanitizerData = settings->get("sanitizer")) {
                        Result<dlp::SanitizerSettings> parsed =
                            dlp::SanitizerSettings::fromJson(sanitizerData->toQJson().toObject());
                        if (!parsed.ok())
                            return parsed.error();
                        sanitizerSettings = std::move(parsed.value());
                    }
                    if (const policy::Value* never = settings->get("never_remember")) {
                        const QJsonArray list = never->toQJson().toArray();
                        for (const QJsonValue& a : list)
                            neverRemember << a.toString();
                    }
                }
            }
        }
        if (catalog.connectors().empty()) {
            Result<catalog::ConnectorCatalog> shipped = catalog::ConnectorCatalog::loadDefault();
            if (!shipped.ok())
                return shipped.error();
            catalog = std::move(shipped.value());
        }
        for (const QJsonValue& use : request.manifest.value(QStringLiteral("connectors")).toArray())
            declared.insert(connectorIdOf(use), use.isObject() ? use.toObject() : QJsonObject());
        return {};
    }

    Result<const catalog::ConnectorInfo*> connectorInfo(const QString& id, catalog::ConnectorType type) const
    {
        if (!declared.contains(id))
            return makeError(QStringLiteral("connector.undeclared"),
                             QStringLiteral("the app does not declare the connector \"%1\"").arg(id));
        const catalog::ConnectorInfo* info = catalog.find(id);
        if (!info)
            return makeError(QStringLiteral("connector.unknown"),
                             QStringLiteral("the connector \"%1\" is not in the organisation's catalog").arg(id));
        if (info->classification == catalog::Classification::Blocked)
            return makeError(QStringLiteral("scope.blocked"),
                             QStringLiteral("the connector \"%1\" is blocked by the organisation").arg(id));
        if (info->type != type)
            return makeError(
                QStringLiteral("connector.type"),
                QStringLiteral("the connector \"%1\" is a %2 connector").arg(id, catalog::toString(info->type)));
        return info;
    }

    // The files connector of the catalog, narrowed by the manifest (a sub-folder, read
    // only, more exclusions, fewer files), opened once per run.
    Result<FilesConnector*> filesConnector(const QString& id)
    {
        if (const auto it = files.find(id); it != files.end())
            return it->second.get();
        Result<const catalog::ConnectorInfo*> info = connectorInfo(id, catalog::ConnectorType::Files);
        if (!info.ok())
            return info.error();
        const catalog::FolderSettings& folder = (*info)->files;
        const QJsonObject narrowing = declared.value(id);
        FilesConnectorSettings settings;
        const QString sub = str(narrowing, "folder");
        for (const QString& root : folder.roots) {
            const QString base = expandHome(root, services.homeDir);
            if (sub.isEmpty()) {
                settings.roots << base;
                continue;
            }
            // The sub-folder must be a real folder beneath the root: resolved by the
            // kernel through the root's own scope before it becomes a root itself.
            ScopeLimits probeLimits;
            Result<std::unique_ptr<ScopedFileSystem>> probe = openScopedFileSystem(base, probeLimits);
            if (!probe.ok())
                return probe.error();
            ListOptions one;
            one.maxEntries = 1;
            if (Result<Listing> listed = (*probe)->list(sub, one); !listed.ok())
                return listed.error();
            settings.roots << QDir::cleanPath(base + QLatin1Char('/') + sub);
        }
        settings.writable =
            folder.mode == catalog::FolderMode::ReadWrite && str(narrowing, "mode") != QLatin1String("read");
        settings.include = folder.include;
        settings.exclude = folder.exclude;
        for (const QJsonValue& g : narrowing.value(QStringLiteral("exclude")).toArray())
            settings.exclude << g.toString();
        if (narrowing.contains(QStringLiteral("include"))) {
            // The app's includes narrow: a file must match both lists, so they are kept
            // as the connector's when it has some (the manifest validator checked them).
            QStringList own;
            for (const QJsonValue& g : narrowing.value(QStringLiteral("include")).toArray())
                own << g.toString();
            if (settings.include.isEmpty())
                settings.include = own;
        }
        if (folder.maxFileBytes > 0)
            settings.maxFileBytes = folder.maxFileBytes;
        if (folder.maxFiles > 0)
            settings.maxFiles = folder.maxFiles;
        if (const int own = narrowing.value(QStringLiteral("max_files")).toInt(); own > 0)
            settings.maxFiles = qMin(settings.maxFiles, own);
        Result<std::unique_ptr<FilesConnector>> opened = FilesConnector::open(settings);
        if (!opened.ok()) {
            Error e = opened.error();
            if (e.code == QLatin1String("scope.not-found"))
                e = makeError(
                    QStringLiteral("connector.unavailable"),
                    QStringLiteral("the folder of the connector \"%1\" is not available: %2").arg(id, e.message));
            return e;
        }
        FilesConnector* raw = opened->get();
        files.emplace(id, std::move(opened.value()));
        return raw;
    }

    Result<HttpConnector> httpConnector(const QString& id)
    {
        Result<const catalog::ConnectorInfo*> info = connectorInfo(id, catalog::ConnectorType::Http);
        if (!info.ok())
            return info.error();
        const catalog::HttpSettings& http = (*info)->http;
        HttpConnectorSettings settings;
        settings.baseUrl = http.baseUrl;
        settings.hosts = http.hosts;
        settings.methods = http.methods;
        const QJsonArray own = declared.value(id).value(QStringLiteral("methods")).toArray();
        if (!own.isEmpty()) {
            QStringList narrowed;
            for (const QJsonValue& m : own) {
                if (http.methods.contains(m.toString()))
                    narrowed << m.toString();
            }
            settings.methods = narrowed;
        }
        if (http.maxResponseBytes > 0)
            settings.maxResponseBytes = http.maxResponseBytes;
        if (http.timeoutMs > 0)
            settings.timeoutMs = http.timeoutMs;
        return HttpConnector(settings);
    }

    QJsonObject policyInput(const QJsonObject& request) const
    {
        QJsonObject app = this->request.manifest;
        if (!app.contains(QStringLiteral("stage")))
            app.insert(QStringLiteral("stage"), QStringLiteral("development"));
        app.insert(QStringLiteral("trust_level"), QStringLiteral("user"));
        if (quotaRemaining && request.value(QStringLiteral("action")).toString() == QLatin1String("model.generate"))
            app.insert(QStringLiteral("quota_remaining"), qint64(*quotaRemaining));
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(services.clock->nowMs()).toLocalTime();
        const bool isModelCall = request.value(QStringLiteral("action")).toString() == QLatin1String("model.generate");
        return QJsonObject{
            {QStringLiteral("request"), request},
            {QStringLiteral("app"), app},
            {QStringLiteral("user"),
             QJsonObject{{QStringLiteral("id"), services.userId}, {QStringLiteral("groups"), QJsonArray()}}},
            {QStringLiteral("dlp"),
             QJsonObject{{QStringLiteral("findings"), isModelCall ? dlpFindings : QJsonArray()},
                         {QStringLiteral("sanitizer"), isModelCall ? sanitizerFindings : QJsonArray()}}},
            {QStringLiteral("time"), QJsonObject{{QStringLiteral("now_ns"), double(services.clock->nowMs()) * 1e6},
                                                 {QStringLiteral("weekday"), now.date().dayOfWeek()},
                                                 {QStringLiteral("hour"), now.time().hour()}}},
        };
    }

    // Decision, then confirmation on ask. Returns nothing when the step may go ahead.
    std::optional<Stop> authorize(const QString& step, int index, const QJsonObject& request, const QString& target,
                                  const QString& grantTarget, const QString& preview)
    {
        const QString action = str(request, "action");
        const bundle::PolicyDecision decision =
            services.policy ? services.policy->decide(policy::Value::fromQJson(policyInput(request)))
                            : bundle::PolicyDecision{bundle::PolicyDecision::Outcome::Deny,
                                                     {QStringLiteral("no policy is available")},
                                                     {}};
        const QString verdict = bundle::toString(decision.outcome);
        obligations = decision.obligations.toQJson().toObject();
        const audit::Decision audited =
            decision.outcome == bundle::PolicyDecision::Outcome::Allow ? audit::Decision::Allow
            : decision.outcome == bundle::PolicyDecision::Outcome::Ask ? audit::Decision::Ask
                                                                       : audit::Decision::Deny;
        if (Result<void> r = audit(audit::events::actionDecided(request_app(), services.userId, action, target, audited,
                                                                decision.reasons, policyRevision),
                                   step);
            !r.ok())
            return Stop{RunStatus::Failed, r.error()};
        QJsonObject event{{QStringLiteral("step"), step},
                          {QStringLiteral("index"), index},
                          {QStringLiteral("action"), action},
                          {QStringLiteral("target"), target},
                          {QStringLiteral("decision"), verdict},
                          {QStringLiteral("messages"), QJsonArray::fromStringList(decision.reasons)},
                          {QStringLiteral("source"), QStringLiteral("policy")}};
        emitEvent(QStringLiteral("run.decision"), event);
        if (decision.outcome == bundle::PolicyDecision::Outcome::Deny)
            return Stop{
                RunStatus::Denied,
                makeError(QStringLiteral("policy.denied"),
                          QStringLiteral("%1 was denied: %2").arg(step, decision.reasons.join(QStringLiteral("; "))))};
        if (decision.outcome == bundle::PolicyDecision::Outcome::Allow)
            return std::nullopt;

        const QString runKey = action + QLatin1Char('|') + grantTarget;
        const bool rememberable = !neverRemember.contains(action);
        QString source;
        QString by;
        if (allowedForRun.contains(runKey)) {
            source = QStringLiteral("confirmation");
            by = QStringLiteral("allowed for this run");
        } else if (rememberable && services.grants) {
            Result<bool> granted = services.grants->has(request_app(), action, grantTarget);
            if (granted.ok() && *granted) {
                source = QStringLiteral("grant");
                by = QStringLiteral("grant");
            }
        }
        if (source.isEmpty()) {
            QStringList choices{QStringLiteral("deny"), QStringLiteral("allow-once"), QStringLiteral("allow-run")};
            if (rememberable)
                choices << QStringLiteral("always");
            const QJsonObject ask{
                {QStringLiteral("run_id"), this->request.runId},
                {QStringLiteral("app"), request_app()},
                {QStringLiteral("step"), step},
                {QStringLiteral("action"), action},
                {QStringLiteral("target"), target},
                {QStringLiteral("reason"), decision.reasons.join(QStringLiteral("; "))},
                {QStringLiteral("messages"), QJsonArray::fromStringList(decision.reasons)},
                {QStringLiteral("preview"), preview.left(kPreviewChars)},
                {QStringLiteral("findings"), previewFindings(preview.left(kPreviewChars))},
                {QStringLiteral("choices"), QJsonArray::fromStringList(choices)},
                {QStringLiteral("timeout_ms"), services.confirmTimeoutMs},
            };
            const ConfirmationAnswer answer = observer.confirm(ask, cancel);
            const bool approved = answer.choice != QLatin1String("deny") && choices.contains(answer.choice);
            audit::AuditEvent confirmed =
                audit::events::actionConfirmed(request_app(), services.userId, action, target, approved,
                                               answer.by.isEmpty() ? QStringLiteral("nobody") : answer.by);
            confirmed.fields.insert(QStringLiteral("answer"), approved ? answer.choice : QStringLiteral("deny"));
            if (!answer.reason.isEmpty())
                confirmed.fields.insert(QStringLiteral("reason"), answer.reason);
            if (Result<void> r = audit(confirmed, step); !r.ok())
                return Stop{RunStatus::Failed, r.error()};
            event.insert(QStringLiteral("source"), QStringLiteral("confirmation"));
            event.insert(QStringLiteral("decision"), approved ? QStringLiteral("allow") : QStringLiteral("deny"));
            event.insert(QStringLiteral("messages"),
                         QJsonArray{approved                  ? QStringLiteral("%1 (%2)").arg(answer.choice, answer.by)
                                    : answer.reason.isEmpty() ? QStringLiteral("the person denied it")
                                                              : answer.reason});
            emitEvent(QStringLiteral("run.decision"), event);
            if (cancel.isCancelled())
                return cancelledStop();
            if (!approved)
                return Stop{RunStatus::Refused,
                            makeError(QStringLiteral("confirmation.refused"),
                                      QStringLiteral("%1 was not confirmed: %2")
                                          .arg(step, answer.reason.isEmpty() ? QStringLiteral("the person denied it")
                                                                             : answer.reason))};
            if (answer.choice == QLatin1String("allow-run"))
                allowedForRun.insert(runKey);
            if (answer.choice == QLatin1String("always") && services.grants) {
                if (Result<Grant> stored = services.grants->add(request_app(), action, grantTarget); !stored.ok())
                    return Stop{RunStatus::Failed, stored.error()};
            }
            return std::nullopt;
        }
        audit::AuditEvent confirmed =
            audit::events::actionConfirmed(request_app(), services.userId, action, target, true, by);
        confirmed.fields.insert(QStringLiteral("answer"), source == QLatin1String("grant")
                                                              ? QStringLiteral("always")
                                                              : QStringLiteral("allow-run"));
        if (Result<void> r = audit(confirmed, step); !r.ok())
            return Stop{RunStatus::Failed, r.error()};
        event.insert(QStringLiteral("source"), source);
        event.insert(QStringLiteral("decision"), QStringLiteral("allow"));
        emitEvent(QStringLiteral("run.decision"), event);
        return std::nullopt;
    }

    QString request_app() const { return request.app; }

    // Personal data and secrets in a confirmation's preview, for the dialog to highlight:
    // [{type, start, end}] in code points.
    QJsonArray previewFindings(const QString& preview) const
    {
        QJsonArray list;
        for (const dlp::Finding& f : dlp::DlpScanner(dlpSettings).scan(preview))
            list.append(QJsonObject{{QStringLiteral("type"), dlp::entityTypeName(f.type)},
                                    {QStringLiteral("start"), qint64(f.start)},
                                    {QStringLiteral("end"), qint64(f.end)}});
        return list;
    }

    std::optional<Stop> performed(const QString& step, const QString& action, const QString& target,
                                  const Result<void>& result, const QString& detail = {})
    {
        audit::AuditEvent event = audit::events::actionPerformed(
            request.app, services.userId, action, target, result.ok() ? QStringLiteral("ok") : QStringLiteral("error"),
            result.ok() ? detail : result.error().toString());
        if (Result<void> r = audit(event, step); !r.ok())
            return Stop{RunStatus::Failed, r.error()};
        if (!result.ok())
            return Stop{statusForError(result.error()), result.error()};
        return std::nullopt;
    }

    std::optional<Stop> runStep(const QJsonObject& step, int index);
    std::optional<Stop> filesList(const QJsonObject& step, int index, StepResult& result);
    std::optional<Stop> filesRead(const QJsonObject& step, int index, StepResult& result);
    std::optional<Stop> filesWrite(const QJsonObject& step, int index, StepResult& result);
    std::optional<Stop> httpRequest(const QJsonObject& step, int index, StepResult& result);
    std::optional<Stop> modelGenerate(const QJsonObject& step, int index, StepResult& result);
    std::optional<Stop> textTemplate(const QJsonObject& step, int index, StepResult& result);
};

std::optional<Stop> RunExecutor::State::filesList(const QJsonObject& step, int index, StepResult& result)
{
    const QString id = str(step, "id");
    const QString connectorId = str(step, "connector");
    Result<QString> path = fill(str(step, "path"));
    if (!path.ok())
        return Stop{RunStatus::Invalid, path.error()};
    const QString target = connectorId + QLatin1Char(':') + (path->isEmpty() ? QStringLiteral(".") : *path);
    QJsonObject request{{QStringLiteral("action"), QStringLiteral("files.list")},
                        {QStringLiteral("connector"), connectorId},
                        {QStringLiteral("path"), *path},
                        {QStringLiteral("step"), id}};
    if (auto stop = authorize(id, index, request, target, connectorId, *path))
        return stop;
    Result<FilesConnector*> connector = filesConnector(connectorId);
    if (!connector.ok())
        return performed(id, QStringLiteral("files.list"), target, connector.error());
    Result<Listing> listing = (*connector)->list(*path, step.value(QStringLiteral("recursive")).toBool());
    if (!listing.ok())
        return performed(id, QStringLiteral("files.list"), target, listing.error());
    QStringList patterns;
    for (const QJsonValue& g : step.value(QStringLiteral("glob")).toArray())
        patterns << g.toString();
    const QList<Glob> globs = compileGlobs(patterns);
    const int maxFiles = step.value(QStringLiteral("max_files")).toInt((*connector)->settings().maxFiles);
    for (const ScopedEntry& entry : listing->entries) {
        if (entry.type != ScopedEntry::Type::File)
            continue;
        if (!globs.isEmpty() && !matchesAny(globs, entry.path))
            continue;
        if (result.files.size() >= maxFiles)
            break;
        result.files << entry.path; // relative to the connector, as files.read takes them
    }
    result.text = result.files.join(QLatin1Char('\n'));
    emitEvent(QStringLiteral("run.progress"), QJsonObject{{QStringLiteral("step"), id},
                                                          {QStringLiteral("index"), index},
                                                          {QStringLiteral("done"), int(result.files.size())},
                                                          {QStringLiteral("total"), int(result.files.size())}});
    return performed(id, QStringLiteral("files.list"), target, Result<void>(),
                     QStringLiteral("%1 files").arg(result.files.size()));
}

std::optional<Stop> RunExecutor::State::filesRead(const QJsonObject& step, int index, StepResult& result)
{
    const QString id = str(step, "id");
    const QString connectorId = str(step, "connector");
    QStringList paths;
    QString shownPath;
    if (step.contains(QStringLiteral("from"))) {
        const QString from = str(step, "from");
        paths = results.value(from).files;
        shownPath = QStringLiteral("%1 files from %2").arg(paths.size()).arg(from);
    } else {
        Result<QString> path = fill(str(step, "path"));
        if (!path.ok())
            return Stop{RunStatus::Invalid, path.error()};
        if (path->isEmpty())
            return Stop{RunStatus::Invalid,
                        makeError(QStringLiteral("run.inputs"), QStringLiteral("%1: no file was named").arg(id))};
        paths << *path;
        shownPath = *path;
    }
    const QString target = connectorId + QLatin1Char(':') + shownPath;
    QJsonObject request{{QStringLiteral("action"), QStringLiteral("files.read")},
                        {QStringLiteral("connector"), connectorId},
                        {QStringLiteral("path"), paths.size() == 1 ? paths.first() : shownPath},
                        {QStringLiteral("files"), int(paths.size())},
                        {QStringLiteral("step"), id}};
    if (auto stop = authorize(id, index, request, target, connectorId, paths.join(QLatin1Char('\n'))))
        return stop;
    Result<FilesConnector*> connector = filesConnector(connectorId);
    if (!connector.ok())
        return performed(id, QStringLiteral("files.read"), target, connector.error());
    const qint64 maxBytes = step.value(QStringLiteral("max_bytes")).toInteger(50 * 1024 * 1024);
    qint64 total = 0;
    QStringList texts;
    for (int i = 0; i < paths.size(); ++i) {
        if (cancel.isCancelled())
            return cancelledStop();
        Result<QByteArray> bytes = (*connector)->read(paths[i]);
        if (!bytes.ok())
            return performed(id, QStringLiteral("files.read"), connectorId + QLatin1Char(':') + paths[i],
                             bytes.error());
        total += bytes->size();
        if (total > maxBytes)
            return performed(
                id, QStringLiteral("files.read"), target,
                makeError(ScopeError::TooLarge,
                          QStringLiteral("the files hold more than %1 bytes, the step's limit").arg(maxBytes)));
        const QString text = QString::fromUtf8(*bytes);
        result.documents.append(models::Document{paths[i], text});
        texts << (paths.size() == 1 ? text : QStringLiteral("## %1\n\n%2").arg(paths[i], text));
        emitEvent(QStringLiteral("run.progress"), QJsonObject{{QStringLiteral("step"), id},
                                                              {QStringLiteral("index"), index},
                                                              {QStringLiteral("done"), i + 1},
                                                              {QStringLiteral("total"), int(paths.size())}});
    }
    if (services.breaker)
        services.breaker->onFileRead(this->request.app, this->request.runId);
    result.files = paths;
    result.text = texts.join(QStringLiteral("\n\n"));
    return performed(id, QStringLiteral("files.read"), target, Result<void>(),
                     QStringLiteral("%1 files, %2 bytes").arg(paths.size()).arg(total));
}

std::optional<Stop> RunExecutor::State::filesWrite(const QJsonObject& step, int index, StepResult& result)
{
    const QString id = str(step, "id");
    const QString connectorId = str(step, "connector");
    Result<QString> path = fill(str(step, "path"));
    if (!path.ok())
        return Stop{RunStatus::Invalid, path.error()};
    Result<QString> content = fill(str(step, "content"));
    if (!content.ok())
        return Stop{RunStatus::Invalid, content.error()};
    const QByteArray data = content->toUtf8();
    QString finalPath = *path;
    const QString target = connectorId + QLatin1Char(':') + finalPath;
    QJsonObject request{{QStringLiteral("action"), QStringLiteral("files.write")},
                        {QStringLiteral("connector"), connectorId},
                        {QStringLiteral("path"), finalPath},
                        {QStringLiteral("bytes"), qint64(data.size())},
                        {QStringLiteral("step"), id}};
    if (auto stop = authorize(id, index, request, target, connectorId, *content))
        return stop;
    Result<FilesConnector*> connector = filesConnector(connectorId);
    if (!connector.ok())
        return performed(id, QStringLiteral("files.write"), target, connector.error());
    const QString ifExists = step.value(QStringLiteral("if_exists")).toString(QStringLiteral("replace"));
    Result<bool> exists = (*connector)->exists(finalPath);
    if (!exists.ok())
        return performed(id, QStringLiteral("files.write"), target, exists.error());
    if (*exists && ifExists == QLatin1String("fail"))
        return performed(id, QStringLiteral("files.write"), target,
                         makeError(QStringLiteral("files.exists"), QStringLiteral("%1 already exists").arg(finalPath)));
    if (*exists && ifExists == QLatin1String("rename")) {
        const qsizetype dot = finalPath.lastIndexOf(QLatin1Char('.'));
        const qsizetype slash = finalPath.lastIndexOf(QLatin1Char('/'));
        const bool hasExtension = dot > slash + 1;
        const QString stem = hasExtension ? finalPath.left(dot) : finalPath;
        const QString extension = hasExtension ? finalPath.mid(dot) : QString();
        for (int n = 2;; ++n) {
            const QString candidate = QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(extension);
            Result<bool> taken = (*connector)->exists(candidate);
            if (!taken.ok())
                return performed(id, QStringLiteral("files.write"), target, taken.error());
            if (!*taken) {
                finalPath = candidate;
                break;
            }
            if (n > 999)
                return performed(id, QStringLiteral("files.write"), target,
                                 makeError(QStringLiteral("files.exists"),
                                           QStringLiteral("%1 and 998 numbered copies already exist").arg(*path)));
        }
    }
    Result<void> written = (*connector)->write(finalPath, data);
    result.path = finalPath;
    result.text = finalPath;
    return performed(id, QStringLiteral("files.write"), connectorId + QLatin1Char(':') + finalPath, written,
                     QStringLiteral("%1 bytes").arg(data.size()));
}

std::optional<Stop> RunExecutor::State::httpRequest(const QJsonObject& step, int index, StepResult& result)
{
    const QString id = str(step, "id");
    const QString connectorId = str(step, "connector");
    Result<HttpConnector> connector = httpConnector(connectorId);
    HttpRequest http;
    http.method = str(step, "method");
    Result<QString> path = fill(str(step, "path"));
    if (!path.ok())
        return Stop{RunStatus::Invalid, path.error()};
    http.path = *path;
    for (const char* member : {"query", "headers"}) {
        const QJsonObject pairs = step.value(QLatin1String(member)).toObject();
        for (auto it = pairs.constBegin(); it != pairs.constEnd(); ++it) {
            Result<QString> value = fill(it.value().toString());
            if (!value.ok())
                return Stop{RunStatus::Invalid, value.error()};
            (qstrcmp(member, "query") == 0 ? http.query : http.headers).append({it.key(), *value});
        }
    }
    Result<QString> body = fill(str(step, "body"));
    if (!body.ok())
        return Stop{RunStatus::Invalid, body.error()};
    http.body = body->toUtf8();
    QString host;
    QString target = connectorId + QLatin1Char(':') + http.path;
    if (connector.ok()) {
        if (Result<QUrl> url = connector->resolve(http); url.ok()) {
            host = url->host();
            target = url->toString();
        }
    }
    QJsonObject request{{QStringLiteral("action"), QStringLiteral("http.request")},
                        {QStringLiteral("connector"), connectorId},
                        {QStringLiteral("method"), http.method},
                        {QStringLiteral("host"), host},
                        {QStringLiteral("path"), http.path},
                        {QStringLiteral("bytes"), qint64(http.body.size())},
                        {QStringLiteral("step"), id}};
    if (auto stop =
            authorize(id, index, request, target, connectorId,
                      http.body.isEmpty() ? http.method + QLatin1Char(' ') + target : QString::fromUtf8(http.body)))
        return stop;
    if (!connector.ok())
        return performed(id, QStringLiteral("http.request"), target, connector.error());
    if (services.breaker) {
        if (std::optional<quota::Trip> trip = services.breaker->onHttpRequest(this->request.app, this->request.runId))
            return pausedStop(*trip, id);
    }
    Result<HttpResponse> response = connector->perform(http, cancel);
    if (!response.ok())
        return performed(id, QStringLiteral("http.request"), target, response.error());
    result.status = response->status;
    result.text = QString::fromUtf8(response->body);
    return performed(id, QStringLiteral("http.request"), target, Result<void>(),
                     QStringLiteral("HTTP %1, %2 bytes").arg(response->status).arg(response->body.size()));
}

std::optional<Stop> RunExecutor::State::modelGenerate(const QJsonObject& step, int index, StepResult& result)
{
    const QString id = str(step, "id");
    const QString model = request.manifest.value(QStringLiteral("model")).toString();
    const QString task = str(step, "task");
    const StepResult input = results.value(str(step, "input"));
    const QJsonObject prompt = request.manifest.value(QStringLiteral("prompt")).toObject();

    models::ModelRequest call;
    call.model = model;
    call.documents = input.documents;
    if (call.documents.isEmpty() && !input.text.isEmpty())
        call.documents.append(models::Document{str(step, "input"), input.text});
    Result<QString> system = fill(str(prompt, "system"));
    if (!system.ok())
        return Stop{RunStatus::Invalid, system.error()};
    call.system = *system;
    const QString promptTemplate =
        step.contains(QStringLiteral("prompt")) ? str(step, "prompt") : str(prompt, "template");
    Result<QString> filled = fill(promptTemplate.isEmpty() ? QStringLiteral("{{input}}") : promptTemplate, input.text);
    if (!filled.ok())
        return Stop{RunStatus::Invalid, filled.error()};
    call.prompt = *filled;
    int maxTokens =
        step.value(QStringLiteral("max_tokens")).toInt(request.manifest.value(QStringLiteral("max_tokens")).toInt(512));
    if (const int cap = request.manifest.value(QStringLiteral("max_tokens")).toInt(); cap > 0)
        maxTokens = qMin(maxTokens, cap);
    call.maxTokens = maxTokens;
    call.maxSentences = step.value(QStringLiteral("max_sentences")).toInt(0);
    QList<models::Label> fields;
    if (task == QLatin1String("summarize")) {
        call.task = models::Task::Summarize;
    } else if (task == QLatin1String("answer")) {
        call.task = models::Task::Answer;
        Result<QString> question = fill(str(step, "question"));
        if (!question.ok())
            return Stop{RunStatus::Invalid, question.error()};
        call.question = *question;
    } else if (task == QLatin1String("classify")) {
        call.task = models::Task::Classify;
        for (const QJsonValue& v : step.value(QStringLiteral("labels")).toArray()) {
            QStringList keywords;
            for (const QJsonValue& k : v.toObject().value(QStringLiteral("keywords")).toArray())
                keywords << k.toString();
            call.labels.append(models::Label{str(v.toObject(), "id"), keywords});
        }
    } else if (task == QLatin1String("extract")) {
        // One answer per field, its keywords and description as the question.
        call.task = models::Task::Answer;
        for (const QJsonValue& v : step.value(QStringLiteral("fields")).toArray()) {
            QStringList keywords;
            for (const QJsonValue& k : v.toObject().value(QStringLiteral("keywords")).toArray())
                keywords << k.toString();
            fields.append(models::Label{str(v.toObject(), "id"), keywords});
        }
    } else {
        call.task = models::Task::Auto;
    }

    // Before anything leaves: invisible and deceptive characters, role markers and blocked
    // phrases are stripped (injection patterns in connector content flagged), then the
    // content is scanned for personal data and secrets; policy sees both summaries.
    const dlp::PromptSanitizer sanitizer(sanitizerSettings);
    QList<dlp::SanitizerFinding> sanitized;
    const auto clean = [&](QString& text, dlp::PromptSanitizer::Source source) {
        dlp::SanitizedText out = sanitizer.sanitize(text.toUtf8(), source);
        sanitized.append(out.findings);
        text = QString::fromUtf8(out.text);
    };
    clean(call.system, dlp::PromptSanitizer::Source::Instructions);
    clean(call.prompt, dlp::PromptSanitizer::Source::ConnectorContent);
    for (models::Document& d : call.documents)
        clean(d.text, dlp::PromptSanitizer::Source::ConnectorContent);
    const dlp::DlpScanner scanner(dlpSettings);
    QList<dlp::Finding> found = scanner.scan(QByteArrayView(call.prompt.toUtf8()));
    QList<QList<dlp::Finding>> documentFindings;
    for (const models::Document& d : std::as_const(call.documents)) {
        documentFindings.append(scanner.scan(QByteArrayView(d.text.toUtf8())));
        found.append(documentFindings.last());
    }
    dlpFindings = dlp::summaryJson(found);
    sanitizerFindings = dlp::sanitizerSummaryJson(sanitized);

    const int promptTokens = models::estimateTokens(call.system) + models::estimateTokens(call.prompt);
    const int estimated = promptTokens + call.maxTokens;
    const QString target = model;
    QJsonObject policyRequest{{QStringLiteral("action"), QStringLiteral("model.generate")},
                              {QStringLiteral("model"), model},
                              {QStringLiteral("estimated_tokens"), estimated},
                              {QStringLiteral("task"), task},
                              {QStringLiteral("step"), id}};
    quotaRemaining.reset();
    if (services.quota) {
        Result<std::int64_t> remaining =
            services.quota->remainingTokens(callRequest(model, promptTokens, call.maxTokens));
        if (remaining.ok() && *remaining != quota::kUnlimited)
            quotaRemaining = *remaining;
    }
    if (auto stop = authorize(id, index, policyRequest, target, model, call.prompt))
        return stop;
    // Obligations: personal data is replaced by pseudonyms (restored in the answer), and a
    // call may be routed to the on-premises model.
    const bool redact = obligations.value(QStringLiteral("redact")).toBool();
    if (redact && !found.isEmpty()) {
        call.prompt = QString::fromUtf8(
            pseudonyms.apply(call.prompt.toUtf8(), scanner.scan(QByteArrayView(call.prompt.toUtf8()))));
        for (qsizetype i = 0; i < call.documents.size(); ++i)
            call.documents[i].text =
                QString::fromUtf8(pseudonyms.apply(call.documents[i].text.toUtf8(), documentFindings.value(i)));
    }
    const QString route = obligations.value(QStringLiteral("route_model")).toString();
    const QString callModel = route.isEmpty() ? model : route;
    call.model = callModel;
    if (const int cap = obligations.value(QStringLiteral("max_tokens")).toInt(); cap > 0)
        call.maxTokens = qMin(call.maxTokens, cap);
    Result<std::shared_ptr<models::ModelProvider>> provider =
        services.models ? services.models(callModel)
                        : Result<std::shared_ptr<models::ModelProvider>>(
                              makeError(QStringLiteral("model.unavailable"), QStringLiteral("no model providers")));
    if (!provider.ok())
        return performed(id, QStringLiteral("model.generate"), target, provider.error());

    models::GenerateOptions options;
    options.cancellation = cancel;
    std::optional<Stop> quotaStopped;
    QJsonArray responseFindings;
    QJsonArray responseSanitized;
    const auto generateOne = [&](const models::ModelRequest& one) -> Result<models::ModelResponse> {
        quota::Reservation reservation;
        if (services.quota) {
            quota::QuotaRefusal refusal;
            Result<quota::Reservation> reserved = services.quota->reserve(
                callRequest(callModel, models::estimateTokens(one.system) + models::estimateTokens(one.prompt),
                            one.maxTokens),
                &refusal);
            if (!reserved.ok()) {
                quotaStopped = quotaStop(reserved.error(), refusal, id);
                return reserved.error();
            }
            reservation = std::move(reserved.value());
            warn(reservation.warnings(), id);
        }
        Result<models::ModelResponse> response = (*provider)->generate(one, options);
        if (!response.ok())
            return response; // the reservation is released
        // The answer: links and images to hosts the app may not reach are removed, its
        // personal data is reported, and pseudonyms are restored for the person.
        const dlp::ResponseSanitizer responseSanitizer(sanitizerSettings, scanner);
        dlp::SanitizedAnswer answer = responseSanitizer.sanitize(response->text.toUtf8());
        response->text = QString::fromUtf8(redact ? pseudonyms.restore(answer.text) : answer.text);
        responseFindings = dlp::summaryJson(answer.dlpFindings);
        responseSanitized = dlp::sanitizerSummaryJson(answer.findings);
        // Streamed to the clients only once sanitized: a raw piece could carry a link the
        // sanitizer would have removed.
        emitEvent(QStringLiteral("run.output"), QJsonObject{{QStringLiteral("step"), id},
                                                            {QStringLiteral("index"), index},
                                                            {QStringLiteral("name"), id},
                                                            {QStringLiteral("text"), response->text},
                                                            {QStringLiteral("final"), false}});
        double cost = 0;
        if (reservation.isActive()) {
            Result<quota::SettledCall> settled =
                reservation.settle(response->usage.inputTokens, response->usage.outputTokens);
            if (!settled.ok())
                return settled.error();
            cost = quota::nanosToUsd(settled->cost);
        }
        outcome.costUsd += cost;
        audit::ModelCall modelCall;
        modelCall.timestampMs = services.clock->nowMs();
        modelCall.appId = request.app;
        modelCall.userId = services.userId;
        modelCall.model = response->model.isEmpty() ? callModel : response->model;
        modelCall.prompt = (one.system + QLatin1Char('\n') + one.prompt).toUtf8();
        modelCall.response = response->text.toUtf8();
        modelCall.tokensUsed = response->usage.inputTokens + response->usage.outputTokens;
        modelCall.cost = cost;
        outcome.inputTokens += response->usage.inputTokens;
        outcome.outputTokens += response->usage.outputTokens;
        audit::AuditEvent called = audit::events::modelCalled(modelCall);
        called.fields.insert(QStringLiteral("input_tokens"), response->usage.inputTokens);
        called.fields.insert(QStringLiteral("output_tokens"), response->usage.outputTokens);
        called.fields.insert(QStringLiteral("dlp_findings"), dlpFindings);
        called.fields.insert(QStringLiteral("sanitizer"), sanitizerFindings);
        called.fields.insert(QStringLiteral("redacted"), redact && !found.isEmpty());
        called.fields.insert(QStringLiteral("response_findings"), responseFindings);
        called.fields.insert(QStringLiteral("response_sanitized"), responseSanitized);
        if (Result<void> r = audit(called, id); !r.ok())
            return r.error();
        if (services.breaker) {
            if (std::optional<quota::Trip> trip = services.breaker->onModelCall(request.app, modelCall.tokensUsed)) {
                quotaStopped = pausedStop(*trip, id);
                return quotaStopped->error;
            }
        }
        return response;
    };
    if (task == QLatin1String("extract")) {
        QStringList lines;
        for (const models::Label& field : fields) {
            models::ModelRequest one = call;
            one.question = field.keywords.join(QStringLiteral(", "));
            one.maxPassages = 3;
            Result<models::ModelResponse> response = generateOne(one);
            if (quotaStopped)
                return quotaStopped;
            if (!response.ok() && response.error().code == QLatin1String("model.invalid-request")) {
                lines << QStringLiteral("- %1: (nothing found)").arg(field.name);
                continue;
            }
            if (!response.ok())
                return performed(id, QStringLiteral("model.generate"), target, response.error());
            QStringList found;
            for (const models::Passage& p : response->evidence)
                found << p.text.simplified();
            lines << QStringLiteral("- %1: %2")
                         .arg(field.name,
                              found.isEmpty() ? QStringLiteral("(nothing found)") : found.join(QStringLiteral(" / ")));
        }
        result.text = lines.join(QLatin1Char('\n'));
    } else {
        Result<models::ModelResponse> response = generateOne(call);
        if (quotaStopped)
            return quotaStopped;
        if (!response.ok())
            return performed(id, QStringLiteral("model.generate"), target, response.error());
        result.text = task == QLatin1String("classify") ? response->label : response->text;
        result.label = response->label;
        result.score = response->confidence;
    }
    return performed(id, QStringLiteral("model.generate"), target, Result<void>(),
                     QStringLiteral("%1 characters").arg(result.text.size()));
}

std::optional<Stop> RunExecutor::State::textTemplate(const QJsonObject& step, int, StepResult& result)
{
    Result<QString> text = fill(str(step, "template"));
    if (!text.ok())
        return Stop{RunStatus::Invalid, text.error()};
    result.text = *text;
    return std::nullopt;
}

std::optional<Stop> RunExecutor::State::runStep(const QJsonObject& step, int index)
{
    const QString id = str(step, "id");
    const QString action = str(step, "action");
    emitEvent(QStringLiteral("run.step"), QJsonObject{{QStringLiteral("step"), id},
                                                      {QStringLiteral("index"), index},
                                                      {QStringLiteral("action"), action},
                                                      {QStringLiteral("target"), str(step, "connector")},
                                                      {QStringLiteral("state"), QStringLiteral("started")}});
    StepResult result;
    std::optional<Stop> stop;
    if (action == QLatin1String("files.list"))
        stop = filesList(step, index, result);
    else if (action == QLatin1String("files.read"))
        stop = filesRead(step, index, result);
    else if (action == QLatin1String("files.write"))
        stop = filesWrite(step, index, result);
    else if (action == QLatin1String("http.request"))
        stop = httpRequest(step, index, result);
    else if (action == QLatin1String("model.generate"))
        stop = modelGenerate(step, index, result);
    else if (action == QLatin1String("text.template"))
        stop = textTemplate(step, index, result);
    else
        stop = Stop{RunStatus::Invalid, makeError(QStringLiteral("run.action"),
                                                  QStringLiteral("%1: unknown action \"%2\"").arg(id, action))};
    emitEvent(QStringLiteral("run.step"),
              QJsonObject{{QStringLiteral("step"), id},
                          {QStringLiteral("index"), index},
                          {QStringLiteral("action"), action},
                          {QStringLiteral("target"), str(step, "connector")},
                          {QStringLiteral("state"), stop ? QStringLiteral("failed") : QStringLiteral("done")}});
    if (!stop)
        results.insert(id, std::move(result));
    return stop;
}

RunExecutor::RunExecutor(const RunServices& services, RunRequest request, RunObserver& observer,
                         models::CancellationToken cancel)
    : m_state(std::make_unique<State>(services, std::move(request), observer, std::move(cancel)))
{}

RunExecutor::~RunExecutor() = default;

RunOutcome RunExecutor::execute()
{
    State& s = *m_state;
    QElapsedTimer timer;
    timer.start();
    s.startedMs = s.services.clock->nowMs();
    const QJsonArray steps = stepSummaries(s.request.manifest);
    s.emitEvent(QStringLiteral("run.started"),
                QJsonObject{{QStringLiteral("revision"), s.request.revision},
                            {QStringLiteral("steps"), steps},
                            {QStringLiteral("started_at"),
                             QDateTime::fromMSecsSinceEpoch(s.startedMs, Qt::UTC).toString(Qt::ISODateWithMs)}});

    std::optional<Stop> stop;
    if (Result<void> r = s.audit(audit::events::runStarted(s.request.app, s.services.userId, s.request.runId)); !r.ok())
        stop = Stop{RunStatus::Failed, r.error()};
    if (!stop) {
        if (Result<QJsonObject> inputs = checkRunInputs(s.request.manifest, s.request.inputs); inputs.ok())
            s.inputs = *inputs;
        else
            stop = Stop{RunStatus::Invalid, inputs.error()};
    }
    if (!stop) {
        if (Result<void> loaded = s.loadCatalog(); !loaded.ok())
            stop = Stop{RunStatus::Failed, loaded.error()};
    }
    if (!stop && s.services.quota) {
        quota::RunRequest runRequest;
        runRequest.user = s.services.userId;
        runRequest.app = s.request.app;
        runRequest.stage = s.stage();
        runRequest.manifest = quota::ManifestLimits::fromManifest(s.request.manifest);
        quota::QuotaRefusal refusal;
        Result<quota::RunSlot> slot = s.services.quota->acquireRun(runRequest, &refusal);
        if (slot.ok()) {
            s.slot = std::move(slot.value());
            s.warn(s.slot.warnings());
        } else {
            stop = s.quotaStop(slot.error(), refusal);
        }
    }
    const QJsonArray manifestSteps = s.request.manifest.value(QStringLiteral("steps")).toArray();
    for (int i = 0; !stop && i < manifestSteps.size(); ++i) {
        if (s.cancel.isCancelled()) {
            stop = cancelledStop();
            break;
        }
        stop = s.runStep(manifestSteps.at(i).toObject(), i);
    }
    if (stop && s.cancel.isCancelled())
        stop = cancelledStop();

    RunOutcome& outcome = s.outcome;
    outcome.status = stop ? stop->status : RunStatus::Done;
    outcome.exitCode = exitCodeOf(outcome.status);
    if (stop)
        outcome.error = stop->error;
    for (const QJsonValue& v : s.request.manifest.value(QStringLiteral("outputs")).toArray()) {
        const QJsonObject output = v.toObject();
        const auto it = s.results.constFind(str(output, "from"));
        if (it != s.results.constEnd())
            outcome.outputs.insert(str(output, "id"), it->text);
    }
    if (!stop) {
        for (auto it = outcome.outputs.constBegin(); it != outcome.outputs.constEnd(); ++it)
            s.emitEvent(QStringLiteral("run.output"), QJsonObject{{QStringLiteral("name"), it.key()},
                                                                  {QStringLiteral("text"), it.value()},
                                                                  {QStringLiteral("final"), true}});
    }
    s.slot.release();
    if (s.services.breaker)
        s.services.breaker->onRunFinished(s.request.app, s.request.runId);
    outcome.durationMs = timer.elapsed();
    const QString audited = outcome.status == RunStatus::Done        ? QStringLiteral("ok")
                            : outcome.status == RunStatus::Cancelled ? QStringLiteral("cancelled")
                                                                     : QStringLiteral("error");
    audit::AuditEvent finished =
        audit::events::runFinished(s.request.app, s.services.userId, s.request.runId, audited, outcome.durationMs);
    finished.fields.insert(QStringLiteral("status"), outcome.status);
    if (outcome.error)
        finished.fields.insert(QStringLiteral("error"), outcome.error->code);
    if (Result<std::uint64_t> r = s.services.audit->append(finished); !r.ok() && !outcome.error) {
        outcome.status = RunStatus::Failed;
        outcome.exitCode = 1;
        outcome.error = r.error();
    }
    return outcome;
}

} // namespace corral::agent
