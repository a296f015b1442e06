// SPDX-License-Identifier: Apache-2.0
#include "DemoAgent.h"

#include "Paths.h"
#include "catalog/ConnectorCatalog.h"
#include "catalog/ModelCatalog.h"
#include "catalog/TemplateCatalog.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <functional>
#include <memory>

namespace corral::test {

namespace {

QString isoDaysAgo(int days, int minutes = 0)
{
    return QDateTime::currentDateTimeUtc().addDays(-days).addSecs(-60 * minutes).toString(Qt::ISODateWithMs);
}

QJsonObject appEntry(const QString& name, const QString& purpose)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("revision"), 1},
            {QStringLiteral("version"), QStringLiteral("1.0.0")},
            {QStringLiteral("purpose"), purpose},
            {QStringLiteral("sha256"), QStringLiteral("9f2c")},
            {QStringLiteral("saved_at"), isoDaysAgo(2)},
            {QStringLiteral("stage"), QStringLiteral("development")}};
}

QJsonObject usage(int in, int out, double cost)
{
    return {{QStringLiteral("input_tokens"), in},
            {QStringLiteral("output_tokens"), out},
            {QStringLiteral("cost_usd"), cost}};
}

QJsonObject policyStatus()
{
    QJsonArray models;
    const catalog::ModelCatalog modelCatalog = catalog::ModelCatalog::loadDefault().valueOr(catalog::ModelCatalog());
    for (const catalog::ModelInfo& model : modelCatalog.models()) {
        QJsonObject item{{QStringLiteral("id"), model.id},
                         {QStringLiteral("allowed"), model.approval != catalog::ModelApproval::Prohibited}};
        if (model.approval == catalog::ModelApproval::Prohibited)
            item.insert(QStringLiteral("reason"), QStringLiteral("model is prohibited by the model catalog"));
        models.append(item);
    }
    QJsonArray connectors;
    const catalog::ConnectorCatalog connectorCatalog =
        catalog::ConnectorCatalog::loadDefault().valueOr(catalog::ConnectorCatalog());
    for (const catalog::ConnectorInfo& c : connectorCatalog.connectors()) {
        const bool blocked =
            c.classification == catalog::Classification::Blocked || c.id == QLatin1String("web-search");
        QJsonObject item{{QStringLiteral("id"), c.id},
                         {QStringLiteral("title"), c.title},
                         {QStringLiteral("description"), c.description},
                         {QStringLiteral("type"), catalog::toString(c.type)},
                         {QStringLiteral("classification"), catalog::toString(c.classification)},
                         {QStringLiteral("allowed"), !blocked}};
        if (blocked)
            item.insert(QStringLiteral("reason"), QStringLiteral("connector is blocked for business apps"));
        connectors.append(item);
    }
    return {
        {QStringLiteral("state"), QStringLiteral("active")},
        {QStringLiteral("mode"), QStringLiteral("standalone")},
        {QStringLiteral("serial"), 3},
        {QStringLiteral("revision"), QStringLiteral("2026-11-25.3")},
        {QStringLiteral("key_id"), QStringLiteral("5A1F0C33D2E4B781")},
        {QStringLiteral("trust_key_id"), QStringLiteral("5A1F0C33D2E4B781")},
        {QStringLiteral("sha256"), QStringLiteral("3b7e")},
        {QStringLiteral("activated_at"), isoDaysAgo(1)},
        {QStringLiteral("entry_points"), QJsonArray{QStringLiteral("corral/app"), QStringLiteral("corral/action")}},
        {QStringLiteral("models"), models},
        {QStringLiteral("connectors"), connectors},
        {QStringLiteral("last_rejected"),
         QJsonObject{{QStringLiteral("at"), isoDaysAgo(0, 90)},
                     {QStringLiteral("code"), QStringLiteral("bundle.serial")},
                     {QStringLiteral("message"), QStringLiteral("serial 2 is not higher than the active serial 3")}}}};
}

QJsonArray auditRecords()
{
    const struct
    {
        const char* type;
        const char* action;
        const char* extra;
    } rows[] = {
        {"run.started", "", ""},
        {"action.decided", "files.list", "allow"},
        {"action.performed", "files.list", ""},
        {"action.decided", "files.read", "allow"},
        {"action.performed", "files.read", ""},
        {"model.called", "model.generate", ""},
        {"action.confirmed", "files.write", "allow-once"},
        {"action.performed", "files.write", ""},
        {"run.finished", "", "done"},
    };
    QJsonArray records;
    int seq = 0;
    for (const auto& row : rows) {
        QJsonObject record{
            {QStringLiteral("seq"), seq},
            {QStringLiteral("ts"), isoDaysAgo(0, 30 - seq)},
            {QStringLiteral("origin"), QStringLiteral("corral.local/device")},
            {QStringLiteral("type"), QLatin1String(row.type)},
            {QStringLiteral("app_id"), QStringLiteral("sales-summarizer")},
            {QStringLiteral("run_id"), QStringLiteral("r-7")},
            {QStringLiteral("leaf_hash"), QStringLiteral("sha256:%1").arg(seq * 7919, 8, 16, QLatin1Char('0'))}};
        if (*row.action)
            record.insert(QStringLiteral("action"), QLatin1String(row.action));
        if (*row.extra)
            record.insert(QLatin1String(row.type) == QLatin1String("run.finished") ? QStringLiteral("status")
                                                                                   : QStringLiteral("decision"),
                          QLatin1String(row.extra));
        if (QLatin1String(row.action).startsWith(QLatin1String("files.")))
            record.insert(QStringLiteral("resource"), QStringLiteral("documents:Sales"));
        records.append(record);
        ++seq;
    }
    return records;
}

QJsonObject usageSummary()
{
    QJsonArray apps;
    const struct
    {
        const char* name;
        int base;
        double cost;
        bool paused;
    } rows[] = {{"sales-summarizer", 12000, 0.0, false},
                {"customer-reply-drafter", 6000, 0.09, false},
                {"incident-triage", 3000, 0.03, true}};
    for (const auto& row : rows) {
        QJsonArray daily;
        for (int day = 6; day >= 0; --day) {
            const int tokens = row.base + (day * 1337 % 5000);
            daily.append(QJsonObject{{QStringLiteral("date"), QDate::currentDate().addDays(-day).toString(Qt::ISODate)},
                                     {QStringLiteral("input_tokens"), tokens},
                                     {QStringLiteral("output_tokens"), tokens / 8},
                                     {QStringLiteral("cost_usd"), row.cost * (1 + day % 3)}});
        }
        apps.append(QJsonObject{{QStringLiteral("app"), QLatin1String(row.name)},
                                {QStringLiteral("paused"), row.paused},
                                {QStringLiteral("daily"), daily}});
    }
    auto limit = [](const char* dimension, const char* key, const char* kind, double used, double soft, double hard) {
        return QJsonObject{{QStringLiteral("dimension"), QLatin1String(dimension)},
                           {QStringLiteral("key"), QLatin1String(key)},
                           {QStringLiteral("limit"), QLatin1String(kind)},
                           {QStringLiteral("used"), used},
                           {QStringLiteral("soft"), soft},
                           {QStringLiteral("hard"), hard}};
    };
    return {{QStringLiteral("apps"), apps},
            {QStringLiteral("limits"), QJsonArray{limit("user", "me", "tokens_per_day", 21500, 80000, 100000),
                                                  limit("user", "me", "cost_per_month", 4.2, 4.0, 5.0),
                                                  limit("app", "incident-triage", "requests_per_minute", 3, 20, 30)}}};
}

// One scripted run: events one after another, pausing at the confirmation.
class DemoRun : public std::enable_shared_from_this<DemoRun>
{
public:
    DemoRun(FakeAgent& agent, QString runId, QString app, DemoOptions options)
        : m_agent(agent), m_runId(std::move(runId)), m_app(std::move(app)), m_options(options)
    {}

    void start()
    {
        const QString target = QStringLiteral("~/Documents/Sales");
        event(QStringLiteral("run.started"), {{QStringLiteral("revision"), 1},
                                              {QStringLiteral("started_at"), isoDaysAgo(0)},
                                              {QStringLiteral("steps"), steps()}});
        stepEvents(0, QStringLiteral("files.list"), target, true);
        event(QStringLiteral("run.progress"),
              stepParams(0, {{QStringLiteral("done"), 3}, {QStringLiteral("total"), 3}}));
        event(QStringLiteral("run.step"), stepParams(0, {{QStringLiteral("action"), QStringLiteral("files.list")},
                                                         {QStringLiteral("target"), target},
                                                         {QStringLiteral("state"), QStringLiteral("done")}}));
        stepEvents(1, QStringLiteral("files.read"), target, true);
        for (int done = 1; done <= 3; ++done)
            event(QStringLiteral("run.progress"),
                  stepParams(1, {{QStringLiteral("done"), done}, {QStringLiteral("total"), 3}}));
        stepDone(1, QStringLiteral("files.read"));
        stepEvents(2, QStringLiteral("model.generate"), QStringLiteral("local-extractive"), true);
        for (const char* piece : {"Wins: Contoso renewed for two years. ", "Losses: Fabrikam chose a competitor. ",
                                  "Pipeline: Northwind moved to proposal."})
            event(QStringLiteral("run.output"), stepParams(2, {{QStringLiteral("name"), QStringLiteral("summarize")},
                                                               {QStringLiteral("text"), QLatin1String(piece)},
                                                               {QStringLiteral("final"), false}}));
        stepDone(2, QStringLiteral("model.generate"));
        stepEvents(3, QStringLiteral("model.generate"), QStringLiteral("local-extractive"), true);
        stepDone(3, QStringLiteral("model.generate"));
        stepEvents(4, QStringLiteral("text.template"), QString(), false);
        stepDone(4, QStringLiteral("text.template"));
        const QString file = QStringLiteral("~/Outbox/sales-summary-2026-11-25.md");
        event(QStringLiteral("run.step"), stepParams(5, {{QStringLiteral("action"), QStringLiteral("files.write")},
                                                         {QStringLiteral("target"), file},
                                                         {QStringLiteral("state"), QStringLiteral("started")}}));
        event(QStringLiteral("run.decision"),
              stepParams(
                  5, {{QStringLiteral("action"), QStringLiteral("files.write")},
                      {QStringLiteral("target"), file},
                      {QStringLiteral("decision"), QStringLiteral("ask")},
                      {QStringLiteral("messages"), QJsonArray{QStringLiteral("writing files needs your confirmation")}},
                      {QStringLiteral("source"), QStringLiteral("policy")}}));
        auto self = shared_from_this();
        m_queue.push_back([self, file] { self->confirm(file); });
        next();
    }

    QJsonArray steps() const
    {
        return {QJsonObject{{QStringLiteral("id"), QStringLiteral("find_notes")},
                            {QStringLiteral("action"), QStringLiteral("files.list")},
                            {QStringLiteral("connector"), QStringLiteral("documents")}},
                QJsonObject{{QStringLiteral("id"), QStringLiteral("read_notes")},
                            {QStringLiteral("action"), QStringLiteral("files.read")},
                            {QStringLiteral("connector"), QStringLiteral("documents")}},
                QJsonObject{{QStringLiteral("id"), QStringLiteral("summarize")},
                            {QStringLiteral("action"), QStringLiteral("model.generate")}},
                QJsonObject{{QStringLiteral("id"), QStringLiteral("risks")},
                            {QStringLiteral("action"), QStringLiteral("model.generate")}},
                QJsonObject{{QStringLiteral("id"), QStringLiteral("report")},
                            {QStringLiteral("action"), QStringLiteral("text.template")}},
                QJsonObject{{QStringLiteral("id"), QStringLiteral("save")},
                            {QStringLiteral("action"), QStringLiteral("files.write")},
                            {QStringLiteral("connector"), QStringLiteral("outbox")}}};
    }

private:
    QJsonObject stepParams(int index, QJsonObject params) const
    {
        params.insert(QStringLiteral("index"), index);
        params.insert(QStringLiteral("step"), steps().at(index).toObject().value(QStringLiteral("id")));
        return params;
    }

    void stepEvents(int index, const QString& action, const QString& target, bool decide)
    {
        event(QStringLiteral("run.step"), stepParams(index, {{QStringLiteral("action"), action},
                                                             {QStringLiteral("target"), target},
                                                             {QStringLiteral("state"), QStringLiteral("started")}}));
        if (decide)
            event(QStringLiteral("run.decision"),
                  stepParams(index, {{QStringLiteral("action"), action},
                                     {QStringLiteral("target"), target},
                                     {QStringLiteral("decision"), QStringLiteral("allow")},
                                     {QStringLiteral("messages"), QJsonArray()},
                                     {QStringLiteral("source"), QStringLiteral("policy")}}));
    }

    void stepDone(int index, const QString& action)
    {
        event(QStringLiteral("run.step"), stepParams(index, {{QStringLiteral("action"), action},
                                                             {QStringLiteral("target"), QString()},
                                                             {QStringLiteral("state"), QStringLiteral("done")}}));
    }

    void event(const QString& method, QJsonObject params)
    {
        params.insert(QStringLiteral("run_id"), m_runId);
        params.insert(QStringLiteral("app"), m_app);
        auto self = shared_from_this();
        m_queue.push_back([self, method, params] { self->m_agent.notify(method, params); });
    }

    void next()
    {
        if (m_queue.empty())
            return;
        auto self = shared_from_this();
        QTimer::singleShot(m_options.eventIntervalMs, &m_agent, [self] {
            if (self->m_queue.empty())
                return;
            auto action = std::move(self->m_queue.front());
            self->m_queue.erase(self->m_queue.begin());
            action();
            if (!self->m_waiting)
                self->next();
        });
    }

    void confirm(const QString& file)
    {
        m_waiting = true;
        const QJsonObject request{
            {QStringLiteral("run_id"), m_runId},
            {QStringLiteral("app"), m_app},
            {QStringLiteral("step"), QStringLiteral("save")},
            {QStringLiteral("action"), QStringLiteral("files.write")},
            {QStringLiteral("target"), file},
            {QStringLiteral("reason"), QStringLiteral("writing files needs your confirmation")},
            {QStringLiteral("messages"), QJsonArray{QStringLiteral("writing files needs your confirmation")}},
            {QStringLiteral("preview"),
             QStringLiteral("# Sales summary: this week\n\n## Summary\nWins: Contoso renewed for two years. Losses: "
                            "Fabrikam chose a competitor.\nPipeline: Northwind moved to proposal.\n")},
            {QStringLiteral("choices"), QJsonArray{QStringLiteral("deny"), QStringLiteral("allow-once"),
                                                   QStringLiteral("allow-run"), QStringLiteral("always")}},
            {QStringLiteral("timeout_ms"), m_options.confirmTimeoutMs}};
        auto self = shared_from_this();
        m_agent.request(QStringLiteral("confirm.request"), request, [self, file](const ipc::Message& reply) {
            const QString answer = reply.kind() == ipc::Message::Kind::Result
                                       ? reply.resultValue().toObject().value(QStringLiteral("answer")).toString()
                                       : QStringLiteral("deny");
            self->m_waiting = false;
            self->finish(file, answer);
        });
    }

    void finish(const QString& file, const QString& answer)
    {
        const bool allowed = answer != QLatin1String("deny");
        event(QStringLiteral("run.decision"),
              stepParams(5, {{QStringLiteral("action"), QStringLiteral("files.write")},
                             {QStringLiteral("target"), file},
                             {QStringLiteral("decision"), allowed ? QStringLiteral("allow") : QStringLiteral("deny")},
                             {QStringLiteral("messages"), QJsonArray{QStringLiteral("answered %1").arg(answer)}},
                             {QStringLiteral("source"), QStringLiteral("confirmation")}}));
        const QString summary = QStringLiteral("# Sales summary: this week\n\n## Summary\nWins: Contoso renewed for "
                                               "two years. Losses: Fabrikam chose a competitor.\n");
        if (allowed) {
            stepDone(5, QStringLiteral("files.write"));
            event(QStringLiteral("run.output"), {{QStringLiteral("name"), QStringLiteral("summary")},
                                                 {QStringLiteral("text"), summary},
                                                 {QStringLiteral("final"), true}});
            event(QStringLiteral("run.finished"),
                  {{QStringLiteral("status"), QStringLiteral("done")},
                   {QStringLiteral("exit_code"), 0},
                   {QStringLiteral("outputs"), QJsonObject{{QStringLiteral("summary"), summary}}},
                   {QStringLiteral("usage"), usage(1840, 212, 0.0)},
                   {QStringLiteral("duration_ms"), 950}});
        } else {
            event(QStringLiteral("run.step"), stepParams(5, {{QStringLiteral("action"), QStringLiteral("files.write")},
                                                             {QStringLiteral("target"), file},
                                                             {QStringLiteral("state"), QStringLiteral("failed")}}));
            event(QStringLiteral("run.finished"),
                  {{QStringLiteral("status"), QStringLiteral("refused")},
                   {QStringLiteral("exit_code"), 4},
                   {QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("code"), QStringLiteral("run.refused")},
                                {QStringLiteral("message"), QStringLiteral("you denied writing %1").arg(file)}}},
                   {QStringLiteral("outputs"), QJsonObject()},
                   {QStringLiteral("usage"), usage(1840, 212, 0.0)},
                   {QStringLiteral("duration_ms"), 950}});
        }
        next();
    }

    FakeAgent& m_agent;
    QString m_runId;
    QString m_app;
    DemoOptions m_options;
    std::vector<std::function<void()>> m_queue;
    bool m_waiting = false;
};

} // namespace

QString demoManifest(const QString& templateId)
{
    const Result<catalog::Template> tmpl =
        catalog::TemplateCatalog::loadTemplate(QDir(paths::templatesDir()).filePath(templateId));
    if (!tmpl.ok())
        return {};
    return QString::fromUtf8(catalog::formatManifest(catalog::previewManifest(*tmpl).valueOr(QJsonObject())));
}

void installDemoAgent(FakeAgent& agent, const DemoOptions& options)
{
    auto apps = std::make_shared<QJsonArray>(QJsonArray{
        appEntry(QStringLiteral("sales-summarizer"), QStringLiteral("Summarize the sales notes of the week.")),
        appEntry(QStringLiteral("incident-triage"), QStringLiteral("Sort incoming incident reports by urgency."))});
    auto manifests = std::make_shared<QHash<QString, QString>>();
    manifests->insert(QStringLiteral("sales-summarizer"), demoManifest(QStringLiteral("sales-summarizer")));
    manifests->insert(QStringLiteral("incident-triage"), demoManifest(QStringLiteral("incident-triage")));

    agent.setResult(
        QStringLiteral("agent.status"),
        QJsonObject{{QStringLiteral("version"), QStringLiteral("0.1.0")},
                    {QStringLiteral("pid"), 4242},
                    {QStringLiteral("policy"), QJsonObject{{QStringLiteral("state"), QStringLiteral("active")},
                                                           {QStringLiteral("mode"), QStringLiteral("standalone")},
                                                           {QStringLiteral("serial"), 3}}},
                    {QStringLiteral("sync"), QJsonObject{{QStringLiteral("enrolled"), false}}}});
    agent.setHandler(QStringLiteral("apps.list"), [apps](const QJsonValue&) -> ipc::HandlerResult {
        return QJsonObject{{QStringLiteral("apps"), *apps}};
    });
    agent.setHandler(QStringLiteral("apps.get"), [apps, manifests](const QJsonValue& params) -> ipc::HandlerResult {
        const QString name = params.toObject().value(QStringLiteral("name")).toString();
        for (const QJsonValue& app : *apps) {
            if (app.toObject().value(QStringLiteral("name")).toString() == name) {
                QJsonObject answer = app.toObject();
                answer.insert(QStringLiteral("manifest"), manifests->value(name));
                return answer;
            }
        }
        return ipc::RpcError{-32000, QStringLiteral("no app named \"%1\"").arg(name),
                             QJsonObject{{QStringLiteral("code"), QStringLiteral("app.not-found")}}};
    });
    agent.setHandler(QStringLiteral("apps.save"), [apps, manifests](const QJsonValue& params) -> ipc::HandlerResult {
        const QString text = params.toObject().value(QStringLiteral("manifest")).toString();
        const QJsonObject manifest = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString name = manifest.value(QStringLiteral("name")).toString();
        QJsonObject entry = appEntry(name, manifest.value(QStringLiteral("purpose")).toString());
        apps->append(entry);
        manifests->insert(name, text);
        entry.insert(QStringLiteral("created"), true);
        return entry;
    });
    agent.setResult(QStringLiteral("apps.check"),
                    QJsonObject{{QStringLiteral("valid"), true},
                                {QStringLiteral("issues"), QJsonArray()},
                                {QStringLiteral("decision"),
                                 QJsonObject{{QStringLiteral("decision"), QStringLiteral("ask")},
                                             {QStringLiteral("messages"),
                                              QJsonArray{QStringLiteral("writing files needs your confirmation")}}}}});
    agent.setResult(QStringLiteral("policy.status"), policyStatus());
    agent.setResult(QStringLiteral("usage.summary"), usageSummary());
    agent.setResult(QStringLiteral("audit.query"),
                    QJsonObject{{QStringLiteral("size"), 9}, {QStringLiteral("records"), auditRecords()}});
    agent.setResult(
        QStringLiteral("audit.verify"),
        QJsonObject{{QStringLiteral("ok"), true},
                    {QStringLiteral("records"), 9},
                    {QStringLiteral("checkpoint"),
                     QJsonObject{{QStringLiteral("size"), 8}, {QStringLiteral("root"), QStringLiteral("q0Zk")}}},
                    {QStringLiteral("failures"), QJsonArray()}});
    agent.setResult(QStringLiteral("grants.list"),
                    QJsonObject{{QStringLiteral("grants"),
                                 QJsonArray{QJsonObject{{QStringLiteral("id"), 1},
                                                        {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                                                        {QStringLiteral("action"), QStringLiteral("files.write")},
                                                        {QStringLiteral("target"), QStringLiteral("~/Outbox")},
                                                        {QStringLiteral("created_at"), isoDaysAgo(3)}},
                                            QJsonObject{{QStringLiteral("id"), 2},
                                                        {QStringLiteral("app"), QStringLiteral("incident-triage")},
                                                        {QStringLiteral("action"), QStringLiteral("http.request")},
                                                        {QStringLiteral("target"),
                                                         QStringLiteral("https://status.example.com/api")},
                                                        {QStringLiteral("created_at"), isoDaysAgo(1)}}}}});
    agent.setHandler(QStringLiteral("grants.revoke"), [](const QJsonValue& params) -> ipc::HandlerResult {
        return QJsonObject{{QStringLiteral("id"), params.toObject().value(QStringLiteral("id"))},
                           {QStringLiteral("revoked"), true}};
    });
    QJsonArray runs;
    const char* statuses[] = {"done", "refused", "done"};
    for (int i = 0; i < 3; ++i) {
        QJsonObject run{{QStringLiteral("run_id"), QStringLiteral("r-%1").arg(7 - i)},
                        {QStringLiteral("app"), QStringLiteral("sales-summarizer")},
                        {QStringLiteral("revision"), 1},
                        {QStringLiteral("status"), QLatin1String(statuses[i])},
                        {QStringLiteral("exit_code"), i == 1 ? 4 : 0},
                        {QStringLiteral("started_at"), isoDaysAgo(i, 10)},
                        {QStringLiteral("finished_at"), isoDaysAgo(i, 9)},
                        {QStringLiteral("usage"), usage(1800 + i * 100, 200, 0.0)}};
        if (i == 1)
            run.insert(QStringLiteral("error"),
                       QJsonObject{{QStringLiteral("code"), QStringLiteral("run.refused")},
                                   {QStringLiteral("message"), QStringLiteral("you denied writing the summary")}});
        runs.append(run);
    }
    agent.setResult(QStringLiteral("runs.list"), QJsonObject{{QStringLiteral("runs"), runs}});
    auto counter = std::make_shared<int>(7);
    agent.setHandler(QStringLiteral("runs.start"),
                     [&agent, counter, options](const QJsonValue& params) -> ipc::HandlerResult {
                         const QString app = params.toObject().value(QStringLiteral("app")).toString();
                         const QString runId = QStringLiteral("r-%1").arg(++*counter);
                         auto run = std::make_shared<DemoRun>(agent, runId, app, options);
                         // After the answer has been written.
                         QTimer::singleShot(0, &agent, [run] { run->start(); });
                         return QJsonObject{{QStringLiteral("run_id"), runId},
                                            {QStringLiteral("app"), app},
                                            {QStringLiteral("revision"), 1},
                                            {QStringLiteral("steps"), run->steps()}};
                     });
    agent.setHandler(QStringLiteral("runs.cancel"), [](const QJsonValue& params) -> ipc::HandlerResult {
        return QJsonObject{{QStringLiteral("run_id"), params.toObject().value(QStringLiteral("run_id"))},
                           {QStringLiteral("cancelled"), true}};
    });
    // A request for production is pending at once (the demo has a server that answers).
    agent.setHandler(QStringLiteral("apps.requestProduction"), [apps](const QJsonValue& params) -> ipc::HandlerResult {
        const QString name = params.toObject().value(QStringLiteral("name")).toString();
        for (qsizetype i = 0; i < apps->size(); ++i) {
            QJsonObject app = apps->at(i).toObject();
            if (app.value(QStringLiteral("name")).toString() != name)
                continue;
            app.insert(QStringLiteral("approval"),
                       QJsonObject{{QStringLiteral("id"), 12},
                                   {QStringLiteral("state"), QStringLiteral("pending")},
                                   {QStringLiteral("reason"), params.toObject().value(QStringLiteral("reason"))},
                                   {QStringLiteral("requested_at"), isoDaysAgo(0)}});
            apps->replace(i, app);
            return QJsonObject{{QStringLiteral("id"), 12}, {QStringLiteral("state"), QStringLiteral("pending")}};
        }
        return ipc::RpcError{-32000, QStringLiteral("no app named \"%1\"").arg(name),
                             QJsonObject{{QStringLiteral("code"), QStringLiteral("app.not-found")}}};
    });
    agent.setHandler(QStringLiteral("apps.resume"), [](const QJsonValue& params) -> ipc::HandlerResult {
        return QJsonObject{{QStringLiteral("name"), params.toObject().value(QStringLiteral("name"))},
                           {QStringLiteral("paused"), false}};
    });
}

} // namespace corral::test
