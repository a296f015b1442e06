// SPDX-License-Identifier: Apache-2.0
#include "AgentService.h"

#include "audit/AuditEvent.h"
#include "audit/AuditExport.h"
#include "audit/AuditStore.h"
#include "audit/AuditVerifier.h"
#include "audit/DeviceKey.h"
#include "sync/ApprovalStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <limits>
#include <unistd.h>

namespace corral::agent {

namespace {

// Names people type: letters, digits, '-', '_', '.', 1 to 64 characters (the manifest
// schema's rule for app names, repeated here because get/delete take names without one).
bool isValidAppName(const QString& name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (const QChar c : name) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' ||
                        c == u'_' || c == u'.';
        if (!ok)
            return false;
    }
    return true;
}

QJsonObject revisionJson(const AppRevision& r)
{
    QJsonObject json{
        {QStringLiteral("name"), r.name},       {QStringLiteral("revision"), r.revision},
        {QStringLiteral("version"), r.version}, {QStringLiteral("purpose"), r.purpose},
        {QStringLiteral("sha256"), r.sha256},   {QStringLiteral("saved_at"), isoTime(r.savedAtMs)},
    };
    return json;
}

QJsonObject issueJson(const manifest::ManifestIssue& issue)
{
    return QJsonObject{
        {QStringLiteral("code"), issue.code},       {QStringLiteral("message"), issue.message},
        {QStringLiteral("pointer"), issue.pointer}, {QStringLiteral("line"), issue.line},
        {QStringLiteral("column"), issue.column},
    };
}

// A malformed name is a parameter error (-32602), not an app that is "not found".
std::optional<ipc::RpcError> checkName(const QString& name)
{
    if (!isValidAppName(name))
        return ipc::RpcError::invalidParams(
            QStringLiteral("\"name\" must be 1 to 64 letters, digits, '-', '_' or '.'"));
    return std::nullopt;
}

// audit.export, defined at the end of this file.
ipc::HandlerResult exportAudit(const QString& dbPath, const QString& keyDir, const QJsonValue& params);

} // namespace

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

ipc::RpcError agentError(const Error& error, const QJsonObject& extraData)
{
    QJsonObject data = extraData;
    data.insert(QStringLiteral("code"), error.code);
    return ipc::RpcError{kAgentErrorCode, error.message, data};
}

AgentService::AgentService(Context context) : m_context(std::move(context)) {}

void AgentService::registerMethods(ipc::Dispatcher& dispatcher)
{
    const auto bind = [this](ipc::HandlerResult (AgentService::*method)(const QJsonValue&)) {
        return ipc::Dispatcher::Handler([this, method](const QJsonValue& params) { return (this->*method)(params); });
    };
    dispatcher.add(QStringLiteral("agent.status"), bind(&AgentService::status));
    dispatcher.add(QStringLiteral("templates.list"), bind(&AgentService::listTemplates));
    dispatcher.add(QStringLiteral("apps.save"), bind(&AgentService::saveApp));
    dispatcher.add(QStringLiteral("apps.list"), bind(&AgentService::listApps));
    dispatcher.add(QStringLiteral("apps.get"), bind(&AgentService::getApp));
    dispatcher.add(QStringLiteral("apps.delete"), bind(&AgentService::deleteApp));
    dispatcher.add(QStringLiteral("apps.versions"), bind(&AgentService::appVersions));
    dispatcher.add(QStringLiteral("templates.get"), bind(&AgentService::getTemplate));
    dispatcher.add(QStringLiteral("apps.check"), bind(&AgentService::checkApp));
    const auto bindCaller = [this](ipc::HandlerResult (AgentService::*method)(const QJsonValue&, const ipc::Caller&)) {
        return ipc::Dispatcher::CallerHandler([this, method](const QJsonValue& params, const ipc::Caller& caller) {
            return (this->*method)(params, caller);
        });
    };
    dispatcher.add(QStringLiteral("client.hello"), bindCaller(&AgentService::hello));
    dispatcher.add(QStringLiteral("runs.start"), bindCaller(&AgentService::startRun));
    dispatcher.add(QStringLiteral("runs.cancel"), bind(&AgentService::cancelRun));
    dispatcher.add(QStringLiteral("runs.list"), bind(&AgentService::listRuns));
    dispatcher.add(QStringLiteral("grants.list"), bind(&AgentService::listGrants));
    dispatcher.add(QStringLiteral("grants.revoke"), bind(&AgentService::revokeGrant));
    dispatcher.add(QStringLiteral("apps.resume"), bind(&AgentService::resumeApp));
    dispatcher.add(QStringLiteral("usage.summary"), bind(&AgentService::usageSummary));
    dispatcher.add(QStringLiteral("policy.status"), bind(&AgentService::policyStatus));
    dispatcher.add(QStringLiteral("bundle.install"), bind(&AgentService::installBundle));
    dispatcher.add(QStringLiteral("audit.query"), bind(&AgentService::queryAudit));
    dispatcher.add(QStringLiteral("audit.verify"), bind(&AgentService::verifyAudit));
    dispatcher.add(QStringLiteral("audit.note"), bind(&AgentService::auditNote));
    dispatcher.add(QStringLiteral("audit.export"), [this](const QJsonValue& params) {
        return exportAudit(m_context.auditDbPath, m_context.auditKeyDir, params);
    });
    dispatcher.add(QStringLiteral("agent.enroll"), bind(&AgentService::enroll));
    dispatcher.add(QStringLiteral("apps.requestProduction"), bind(&AgentService::requestProduction));
}

QJsonObject AgentService::policyJson() const
{
    QJsonObject policy;
    if (!m_context.policy) {
        policy.insert(QStringLiteral("state"), QStringLiteral("unavailable"));
        policy.insert(QStringLiteral("error"), m_context.policyError.toString());
    } else {
        policy.insert(QStringLiteral("mode"), m_context.policy->mode() == bundle::TrustMode::Standalone
                                                  ? QStringLiteral("standalone")
                                                  : QStringLiteral("managed"));
        if (const std::shared_ptr<const bundle::ActiveBundle> active = m_context.policy->active()) {
            policy.insert(QStringLiteral("state"), QStringLiteral("active"));
            policy.insert(QStringLiteral("serial"), active->serial);
            policy.insert(QStringLiteral("revision"), active->revision);
            policy.insert(QStringLiteral("key_id"), active->keyId);
            policy.insert(QStringLiteral("sha256"), QString::fromLatin1(active->sha256));
            policy.insert(QStringLiteral("activated_at"), isoTime(active->activatedAtMs));
        } else {
            // No bundle: every decision is deny.
            policy.insert(QStringLiteral("state"), QStringLiteral("no-bundle"));
        }
        if (const std::optional<Error> startup = m_context.policy->startupError())
            policy.insert(QStringLiteral("error"), startup->toString());
    }
    return policy;
}

ipc::HandlerResult AgentService::status(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    const qint64 now = m_context.clock->nowMs();
    const QJsonObject policy = policyJson();
    return QJsonValue(QJsonObject{
        {QStringLiteral("version"), QStringLiteral(CORRAL_VERSION)},
        {QStringLiteral("pid"), qint64(::getpid())},
        {QStringLiteral("started_at"), isoTime(m_context.startedAtMs)},
        {QStringLiteral("uptime_ms"), qMax<qint64>(0, now - m_context.startedAtMs)},
        {QStringLiteral("socket"), m_context.socketPath},
        {QStringLiteral("policy"), policy},
        {QStringLiteral("sync"), syncJson()},
    });
}

ipc::HandlerResult AgentService::listTemplates(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.templates)
        return agentError(m_context.templatesError);
    QJsonArray list;
    for (const catalog::Template& t : m_context.templates->templates()) {
        list.append(QJsonObject{
            {QStringLiteral("id"), t.id},
            {QStringLiteral("version"), t.version},
            {QStringLiteral("reference"), t.reference()},
            {QStringLiteral("title"), t.title},
            {QStringLiteral("description"), t.description},
            {QStringLiteral("category"), t.category},
            {QStringLiteral("maturity"), catalog::toString(t.maturity)},
            {QStringLiteral("compliance"), catalog::toString(t.compliance)},
        });
    }
    return QJsonValue(QJsonObject{{QStringLiteral("templates"), list}});
}

ipc::HandlerResult AgentService::saveApp(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString text = reader.string(QStringLiteral("manifest"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.validator)
        return agentError(m_context.validatorError);

    const QByteArray bytes = text.toUtf8();
    const manifest::ValidationReport report = m_context.validator->validate(bytes);
    if (!report.ok()) {
        QJsonArray issues;
        for (const manifest::ManifestIssue& issue : report.issues)
            issues.append(issueJson(issue));
        const manifest::ManifestIssue& first = report.issues.front();
        const QString message =
            report.issues.size() == 1
                ? QStringLiteral("invalid manifest: %1:%2: %3").arg(first.line).arg(first.column).arg(first.message)
                : QStringLiteral("invalid manifest (%1 problems): %2:%3: %4")
                      .arg(report.issues.size())
                      .arg(first.line)
                      .arg(first.column)
                      .arg(first.message);
        return agentError(makeError(first.code, message), QJsonObject{{QStringLiteral("issues"), issues}});
    }

    const QString name = report.manifest.value(QStringLiteral("name")).toString();
    if (!isValidAppName(name))
        return agentError(makeError(QStringLiteral("app.name"),
                                    QStringLiteral("the app name \"%1\" cannot be stored: use 1 to 64 letters, digits, "
                                                   "'-', '_' or '.'")
                                        .arg(name)));
    Result<AppStore::Saved> saved =
        m_context.apps->save(name, report.manifest.value(QStringLiteral("version")).toString(),
                             report.manifest.value(QStringLiteral("purpose")).toString(), bytes);
    if (!saved.ok())
        return agentError(saved.error());
    QJsonObject result = revisionJson(saved->revision);
    result.insert(QStringLiteral("created"), saved->created);
    return QJsonValue(result);
}

ipc::HandlerResult AgentService::listApps(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    Result<std::vector<AppRevision>> apps = m_context.apps->list();
    if (!apps.ok())
        return agentError(apps.error());
    QJsonArray list;
    for (const AppRevision& r : *apps) {
        QJsonObject app = revisionJson(r);
        addApprovalFields(app);
        list.append(app);
    }
    return QJsonValue(QJsonObject{{QStringLiteral("apps"), list}});
}

ipc::HandlerResult AgentService::getApp(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString name = reader.string(QStringLiteral("name"));
    const qint64 revision = reader.integer(QStringLiteral("revision"), 0);
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (auto bad = checkName(name))
        return *bad;
    if (revision < 0 || revision > std::numeric_limits<int>::max())
        return ipc::RpcError::invalidParams(QStringLiteral("\"revision\" must be a positive integer"));
    Result<AppRevision> app = m_context.apps->get(name, int(revision));
    if (!app.ok())
        return agentError(app.error());
    QJsonObject result = revisionJson(*app);
    addApprovalFields(result);
    result.insert(QStringLiteral("manifest"), QString::fromUtf8(app->manifestText));
    return QJsonValue(result);
}

ipc::HandlerResult AgentService::deleteApp(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString name = reader.string(QStringLiteral("name"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (auto bad = checkName(name))
        return *bad;
    Result<int> removed = m_context.apps->remove(name);
    if (!removed.ok())
        return agentError(removed.error());
    if (m_context.approvals) // a new app of that name has to ask for production again
        (void)m_context.approvals->withdraw(name);
    return QJsonValue(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("revisions_removed"), *removed}});
}

ipc::HandlerResult AgentService::appVersions(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString name = reader.string(QStringLiteral("name"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (auto bad = checkName(name))
        return *bad;
    Result<std::vector<AppRevision>> all = m_context.apps->revisions(name);
    if (!all.ok())
        return agentError(all.error());
    QJsonArray list;
    for (const AppRevision& r : *all)
        list.append(revisionJson(r));
    return QJsonValue(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("revisions"), list}});
}

} // namespace corral::agent

namespace corral::agent {

ipc::HandlerResult AgentService::getTemplate(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString id = reader.string(QStringLiteral("id"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.templates)
        return agentError(m_context.templatesError);
    const catalog::Template* found = m_context.templates->find(id);
    if (!found)
        return agentError(
            makeError(QStringLiteral("template.not-found"), QStringLiteral("no template \"%1\"").arg(id)));
    QFile file(found->directory + QStringLiteral("/template.json"));
    if (!file.open(QIODevice::ReadOnly))
        return agentError(
            makeError(QStringLiteral("catalog.io"), QStringLiteral("cannot read %1").arg(file.fileName())));
    QJsonObject result = QJsonDocument::fromJson(file.read(1024 * 1024)).object();
    result.insert(QStringLiteral("reference"), found->reference());
    result.insert(QStringLiteral("manifest"), QString::fromUtf8(found->manifestSkeleton));
    return QJsonValue(result);
}

ipc::HandlerResult AgentService::checkApp(const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString text = reader.string(QStringLiteral("manifest"));
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    if (!m_context.validator)
        return agentError(m_context.validatorError);
    const manifest::ValidationReport report = m_context.validator->validate(text.toUtf8());
    QJsonArray issues;
    for (const manifest::ManifestIssue& issue : report.issues)
        issues.append(issueJson(issue));
    QJsonObject result{{QStringLiteral("valid"), report.ok()}, {QStringLiteral("issues"), issues}};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isObject()) {
        QJsonObject app = document.object();
        if (!app.contains(QStringLiteral("stage")))
            app.insert(QStringLiteral("stage"), QStringLiteral("development"));
        const QJsonObject input{
            {QStringLiteral("request"), QJsonObject{{QStringLiteral("action"), QStringLiteral("app.save")}}},
            {QStringLiteral("app"), app}};
        const bundle::PolicyDecision decision = m_context.policy
                                                    ? m_context.policy->decide(policy::Value::fromQJson(input))
                                                    : bundle::PolicyDecision{bundle::PolicyDecision::Outcome::Deny,
                                                                             {QStringLiteral("no policy is available")},
                                                                             {}};
        result.insert(QStringLiteral("decision"),
                      QJsonObject{{QStringLiteral("decision"), bundle::toString(decision.outcome)},
                                  {QStringLiteral("messages"), QJsonArray::fromStringList(decision.reasons)}});
    }
    return QJsonValue(result);
}

} // namespace corral::agent

namespace corral::agent {

namespace {

// audit.export (docs/protocol.md). The agent writes the file itself because it owns the log;
// QSaveFile writes a temporary file in the same folder and renames it, so a failure leaves
// no partial export. The log is verified in the same call, as `corral audit verify` does.
ipc::HandlerResult exportAudit(const QString& dbPath, const QString& keyDir, const QJsonValue& params)
{
    ipc::ParamReader reader(params);
    const QString formatName = reader.string(QStringLiteral("format"));
    const QString path = reader.string(QStringLiteral("path"));
    const QJsonObject filterParams =
        params.toObject().contains(QStringLiteral("filter")) ? reader.object(QStringLiteral("filter")) : QJsonObject();
    reader.rejectUnknown();
    if (reader.failed())
        return reader.error();
    ipc::ParamReader filterReader(filterParams);
    const QString app = filterReader.string(QStringLiteral("app"), QString());
    const QString user = filterReader.string(QStringLiteral("user"), QString());
    const QString types = filterReader.string(QStringLiteral("type"), QString());
    const QString fromText = filterReader.string(QStringLiteral("from"), QString());
    const QString toText = filterReader.string(QStringLiteral("to"), QString());
    filterReader.rejectUnknown();
    if (filterReader.failed()) {
        // "Invalid params: filter: unknown parameter ...": say where the problem is.
        ipc::RpcError error = filterReader.error();
        error.message.replace(QStringLiteral("Invalid params: "), QStringLiteral("Invalid params: filter: "));
        return error;
    }

    const std::optional<audit::ExportFormat> format = audit::exportFormatFromName(formatName);
    if (!format)
        return ipc::RpcError::invalidParams(QStringLiteral("\"format\" must be jsonl, ocsf, cef, syslog or records"));
    const Result<audit::ExportFilter> filter =
        audit::parseExportFilter({fromText, toText, app, user, {types}}, *format);
    if (!filter)
        return agentError(filter.error());

    const auto pathError = [](const QString& message) {
        return agentError(makeError(QStringLiteral("audit.export-path"), message));
    };
    if (path.isEmpty() || !QDir::isAbsolutePath(path))
        return pathError(QStringLiteral("the export path must be absolute, not \"%1\"").arg(path));
    const QFileInfo target(path);
    if (target.isDir())
        return pathError(QStringLiteral("%1 is a folder: give the export a file name").arg(path));
    if (!target.absoluteDir().exists())
        return pathError(QStringLiteral("the folder %1 does not exist").arg(target.absolutePath()));
    // The agent's own files (the log, its keys, the apps) are never overwritten by an export.
    const QString dataDir = QFileInfo(QFileInfo(dbPath).absolutePath()).canonicalFilePath();
    // QSaveFile replaces a symbolic link's target, so that is where the file goes.
    const QString folder =
        target.exists() ? QFileInfo(target.canonicalFilePath()).absolutePath() : target.absoluteDir().canonicalPath();
    if (!dataDir.isEmpty() && (folder == dataDir || folder.startsWith(dataDir + QLatin1Char('/'))))
        return pathError(
            QStringLiteral("%1 is in the agent's own folder %2: choose another folder").arg(path, dataDir));

    // Verify first, like `corral audit verify`: the answer says whether what was exported
    // comes from an intact log.
    bool verified = false;
    QString verification;
    Result<audit::AuditStore> store = audit::AuditStore::open(dbPath);
    if (!store.ok())
        return agentError(store.error());
    Result<QList<crypto::NoteVerifier>> trusted =
        audit::loadVerifiers(keyDir + QStringLiteral("/device.pub"), store->origin());
    if (!trusted.ok()) {
        verification = trusted.error().toString();
    } else if (Result<audit::VerifyReport> report = audit::verifyLog(dbPath, {*trusted, {}}); !report.ok()) {
        verification = report.error().toString();
    } else {
        verified = report->ok();
        QStringList lines;
        for (const audit::Finding& f : report->failures)
            lines.append(f.toLine());
        verification = verified ? report->summary() : lines.join(QLatin1Char('\n'));
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return pathError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    Result<audit::ExportStats> stats = audit::exportLog(dbPath, *format, *filter, file);
    if (!stats.ok()) {
        file.cancelWriting();
        return agentError(stats.error());
    }
    if (!file.commit())
        return pathError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return QJsonValue(QJsonObject{
        {QStringLiteral("format"), formatName},
        {QStringLiteral("path"), path},
        {QStringLiteral("records"), qint64(stats->exported)},
        {QStringLiteral("uncovered"), qint64(stats->uncovered)},
        {QStringLiteral("bytes"), QFileInfo(path).size()},
        {QStringLiteral("verified"), verified},
        {QStringLiteral("verification"), verification},
    });
}

} // namespace

} // namespace corral::agent
