// SPDX-License-Identifier: Apache-2.0
#include "AppsPage.h"

#include "AgentConnection.h"
#include "ConfirmDialog.h"
#include "ErrorBanner.h"
#include "ManifestWorkbench.h"
#include "PageSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace corral::ui {

namespace {

QString statusText(const QString& status)
{
    if (status == QLatin1String("done"))
        return AppsPage::tr("Finished");
    if (status == QLatin1String("failed"))
        return AppsPage::tr("Failed");
    if (status == QLatin1String("invalid"))
        return AppsPage::tr("Not started: the app or its inputs are not valid");
    if (status == QLatin1String("denied"))
        return AppsPage::tr("Stopped by the policy");
    if (status == QLatin1String("refused"))
        return AppsPage::tr("Stopped: you denied a confirmation (or it timed out)");
    if (status == QLatin1String("quota"))
        return AppsPage::tr("Stopped: a usage limit was reached");
    if (status == QLatin1String("paused"))
        return AppsPage::tr("Stopped: the app is paused");
    if (status == QLatin1String("cancelled"))
        return AppsPage::tr("Cancelled");
    if (status == QLatin1String("running"))
        return AppsPage::tr("Running");
    return status;
}

QString usageText(const QJsonObject& usage)
{
    const qint64 in = usage.value(QStringLiteral("input_tokens")).toInteger();
    const qint64 out = usage.value(QStringLiteral("output_tokens")).toInteger();
    return AppsPage::tr("%1 tokens in, %2 out, %3")
        .arg(QLocale().toString(in), QLocale().toString(out),
             formatCost(usage.value(QStringLiteral("cost_usd")).toDouble()));
}

// "development", "production (approved)", "development, production requested": the list's
// short form of an app's stage and its request for production.
QString stageBadge(const QJsonObject& app)
{
    const QString state = app.value(QStringLiteral("approval")).toObject().value(QStringLiteral("state")).toString();
    if (app.value(QStringLiteral("stage")).toString() == QLatin1String("production"))
        return AppsPage::tr("production");
    if (state == QLatin1String("pending"))
        return AppsPage::tr("waiting for approval");
    if (state == QLatin1String("rejected"))
        return AppsPage::tr("production refused");
    return AppsPage::tr("development");
}

// The list's entry for an app: its name and, when the agent reports stages, the badge on a
// second line (the list is narrow; names are up to 64 characters long already).
QString listText(const QJsonObject& app)
{
    const QString name = app.value(QStringLiteral("name")).toString();
    return app.contains(QStringLiteral("stage")) ? QStringLiteral("%1\n%2").arg(name, stageBadge(app)) : name;
}

} // namespace

AppsPage::AppsPage(AgentConnection* agent, QWidget* parent)
    : QWidget(parent), m_agent(agent), m_error(new ErrorBanner(this)), m_apps(new QListWidget(this))
{
    setObjectName(QStringLiteral("appsPage"));
    m_apps->setObjectName(QStringLiteral("appList"));
    m_apps->setAccessibleName(tr("My apps"));
    m_apps->setTextElideMode(Qt::ElideRight);
    m_apps->setSpacing(2);
    auto* newApp = new QPushButton(tr("&New app…"), this);
    newApp->setObjectName(QStringLiteral("newAppButton"));
    connect(newApp, &QPushButton::clicked, this, &AppsPage::newAppRequested);
    auto* refresh = new QPushButton(tr("Re&fresh"), this);
    refresh->setObjectName(QStringLiteral("refreshAppsButton"));
    connect(refresh, &QPushButton::clicked, this, &AppsPage::refresh);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* appsLabel = new QLabel(tr("&Apps"), left);
    appsLabel->setBuddy(m_apps);
    leftLayout->addWidget(appsLabel);
    leftLayout->addWidget(m_apps, 1);
    auto* leftButtons = new QHBoxLayout;
    leftButtons->addWidget(newApp);
    leftButtons->addWidget(refresh);
    leftLayout->addLayout(leftButtons);
    connect(m_apps, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item && item->data(Qt::UserRole).toString() != m_app)
            loadApp(item->data(Qt::UserRole).toString());
    });

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("appTitle"));
    m_title->setFont(scaledFont(font(), 1.3, true));
    m_purpose = wrappingLabel(QStringLiteral("appPurpose"), this);
    m_stage = wrappingLabel(QStringLiteral("appStage"), this);
    m_stage->setForegroundRole(QPalette::PlaceholderText);
    m_requestProduction = new QPushButton(tr("Request &production…"), this);
    m_requestProduction->setObjectName(QStringLiteral("requestProductionButton"));
    m_requestProduction->setToolTip(tr("Ask your organisation's reviewers to approve this app for production use."));
    m_requestProduction->setEnabled(false);
    connect(m_requestProduction, &QPushButton::clicked, this, &AppsPage::askForProduction);

    // Run tab: inputs, buttons, steps, decisions and output.
    auto* runTab = new QWidget(this);
    m_inputsBox = new QWidget(runTab);
    m_inputsForm = new QFormLayout(m_inputsBox);
    m_inputsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_inputsForm->setContentsMargins(0, 0, 0, 0);
    m_run = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), runTab);
    m_run->setObjectName(QStringLiteral("runButton"));
    connect(m_run, &QPushButton::clicked, this, &AppsPage::startRun);
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("&Cancel run"), runTab);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &AppsPage::cancelRun);
    m_status = new QLabel(runTab);
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setWordWrap(true);
    m_usage = new QLabel(runTab);
    m_usage->setObjectName(QStringLiteral("runUsage"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_usage);

    m_stepsBox = new QWidget(runTab);
    m_stepsLayout = new QVBoxLayout(m_stepsBox);
    m_stepsLayout->setContentsMargins(0, 0, 0, 0);
    m_stepsLayout->setSpacing(2);
    m_log = new QListWidget(runTab);
    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setAccessibleName(tr("What the run did, with each policy decision"));
    m_log->setWordWrap(true);
    m_output = new QPlainTextEdit(runTab);
    m_output->setObjectName(QStringLiteral("runOutput"));
    m_output->setAccessibleName(tr("Output"));
    m_output->setReadOnly(true);
    auto* logLabel = new QLabel(tr("Steps and &decisions"), runTab);
    logLabel->setBuddy(m_log);
    auto* outputLabel = new QLabel(tr("&Output"), runTab);
    outputLabel->setBuddy(m_output);
    auto* lower = new QSplitter(Qt::Horizontal, runTab);
    auto* logPane = new QWidget(lower);
    auto* logLayout = new QVBoxLayout(logPane);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addWidget(logLabel);
    logLayout->addWidget(m_log);
    auto* outputPane = new QWidget(lower);
    auto* outputLayout = new QVBoxLayout(outputPane);
    outputLayout->setContentsMargins(0, 0, 0, 0);
    outputLayout->addWidget(outputLabel);
    outputLayout->addWidget(m_output);
    lower->addWidget(logPane);
    lower->addWidget(outputPane);
    auto* runLayout = new QVBoxLayout(runTab);
    runLayout->addWidget(m_inputsBox);
    runLayout->addLayout(buttons);
    runLayout->addWidget(m_stepsBox);
    runLayout->addWidget(lower, 1);

    // History tab.
    m_history = new QTableWidget(0, 5, this);
    m_history->setObjectName(QStringLiteral("runHistory"));
    m_history->setAccessibleName(tr("Run history"));
    m_history->setHorizontalHeaderLabels({tr("Started"), tr("Result"), tr("Tokens"), tr("Cost"), tr("Problem")});
    m_history->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_history->verticalHeader()->hide();
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setTextElideMode(Qt::ElideRight);

    // Manifest tab.
    auto* manifestTab = new QWidget(this);
    m_workbench = new ManifestWorkbench(agent, manifestTab);
    m_save = new QPushButton(tr("&Save changes"), manifestTab);
    m_save->setObjectName(QStringLiteral("saveManifestButton"));
    connect(m_save, &QPushButton::clicked, this, &AppsPage::saveManifest);
    auto* manifestLayout = new QVBoxLayout(manifestTab);
    manifestLayout->addWidget(m_workbench, 1);
    manifestLayout->addWidget(m_save, 0, Qt::AlignRight);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("appTabs"));
    m_tabs->addTab(runTab, tr("Run"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(manifestTab, tr("Manifest"));

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_purpose);
    auto* stageRow = new QHBoxLayout;
    stageRow->addWidget(m_stage, 1);
    stageRow->addWidget(m_requestProduction);
    rightLayout->addLayout(stageRow);
    rightLayout->addWidget(m_tabs, 1);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({fontMetrics().averageCharWidth() * 28, fontMetrics().averageCharWidth() * 100});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("My apps"), this));
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    if (m_agent)
        connect(m_agent, &AgentConnection::runEvent, this, &AppsPage::handleRunEvent);
    m_run->setEnabled(false);
}

void AppsPage::refresh()
{
    if (!m_agent)
        return;
    m_agent->call(QStringLiteral("apps.list"), {}, this, [this](const Result<QJsonValue>& result) {
        if (!result.ok()) {
            m_error->showError(result.error());
            return;
        }
        m_error->hide();
        const QString keep = m_app;
        m_apps->blockSignals(true);
        m_apps->clear();
        for (const QJsonValue& value : result->toObject().value(QStringLiteral("apps")).toArray()) {
            const QJsonObject app = value.toObject();
            const QString name = app.value(QStringLiteral("name")).toString();
            auto* item = new QListWidgetItem(listText(app), m_apps);
            item->setData(Qt::UserRole, name);
            item->setToolTip(app.value(QStringLiteral("purpose")).toString());
            if (name == keep)
                m_apps->setCurrentItem(item);
        }
        m_apps->blockSignals(false);
        if (!m_apps->currentItem() && m_apps->count())
            m_apps->setCurrentRow(0);
        Q_EMIT appsLoaded();
    });
}

bool AppsPage::selectApp(const QString& name)
{
    for (int row = 0; row < m_apps->count(); ++row) {
        if (m_apps->item(row)->data(Qt::UserRole).toString() == name) {
            m_apps->setCurrentRow(row);
            if (m_app != name)
                loadApp(name);
            return true;
        }
    }
    return false;
}

void AppsPage::loadApp(const QString& name)
{
    m_app = name;
    m_title->setText(name);
    m_agent->call(QStringLiteral("apps.get"), {{QStringLiteral("name"), name}}, this,
                  [this, name](const Result<QJsonValue>& result) {
                      if (name != m_app)
                          return;
                      if (!result.ok()) {
                          m_error->showError(result.error());
                          return;
                      }
                      const QJsonObject app = result->toObject();
                      const QString text = app.value(QStringLiteral("manifest")).toString();
                      const QJsonObject manifest = QJsonDocument::fromJson(text.toUtf8()).object();
                      m_purpose->setText(app.value(QStringLiteral("purpose")).toString());
                      showStage(app);
                      for (int row = 0; row < m_apps->count(); ++row) {
                          if (m_apps->item(row)->data(Qt::UserRole).toString() == name)
                              m_apps->item(row)->setText(listText(app));
                      }
                      buildInputs(manifest.value(QStringLiteral("inputs")).toArray());
                      QJsonArray steps;
                      for (const QJsonValue& step : manifest.value(QStringLiteral("steps")).toArray())
                          steps.append(step);
                      buildSteps(steps);
                      m_workbench->setManifestText(text);
                      m_run->setEnabled(m_runId.isEmpty());
                      loadHistory();
                      Q_EMIT appLoaded(name);
                  });
}

void AppsPage::buildInputs(const QJsonArray& inputs)
{
    while (m_inputsForm->rowCount() > 0)
        m_inputsForm->removeRow(0);
    m_inputReaders.clear();
    m_inputWriters.clear();
    for (const QJsonValue& value : inputs) {
        const QJsonObject input = value.toObject();
        const QString id = input.value(QStringLiteral("id")).toString();
        const QString type = input.value(QStringLiteral("type")).toString();
        const QString label = input.value(QStringLiteral("label")).toString(id);
        const QJsonValue fallback = input.value(QStringLiteral("default"));
        QWidget* field = nullptr;
        if (type == QLatin1String("number")) {
            auto* spin = new QDoubleSpinBox(m_inputsBox);
            spin->setRange(-1e12, 1e12);
            spin->setDecimals(2);
            spin->setValue(fallback.toDouble());
            m_inputReaders.insert(id, [spin] { return QJsonValue(spin->value()); });
            m_inputWriters.insert(id, [spin](const QString& v) { spin->setValue(v.toDouble()); });
            field = spin;
        } else if (type == QLatin1String("choice")) {
            auto* combo = new QComboBox(m_inputsBox);
            for (const QJsonValue& choice : input.value(QStringLiteral("choices")).toArray())
                combo->addItem(choice.toString());
            combo->setCurrentText(fallback.toString());
            m_inputReaders.insert(id, [combo] { return QJsonValue(combo->currentText()); });
            m_inputWriters.insert(id, [combo](const QString& v) { combo->setCurrentText(v); });
            field = combo;
        } else if (type == QLatin1String("multiline")) {
            auto* edit = new QPlainTextEdit(fallback.toString(), m_inputsBox);
            edit->setTabChangesFocus(true);
            edit->setMaximumHeight(fontMetrics().height() * 4);
            m_inputReaders.insert(id, [edit] { return QJsonValue(edit->toPlainText()); });
            m_inputWriters.insert(id, [edit](const QString& v) { edit->setPlainText(v); });
            field = edit;
        } else {
            auto* edit = new QLineEdit(fallback.toString(), m_inputsBox);
            if (type == QLatin1String("file") || type == QLatin1String("folder"))
                edit->setPlaceholderText(tr("A path inside the app's connector"));
            m_inputReaders.insert(id, [edit] { return QJsonValue(edit->text()); });
            m_inputWriters.insert(id, [edit](const QString& v) { edit->setText(v); });
            field = edit;
        }
        field->setObjectName(QStringLiteral("input-") + id);
        field->setAccessibleName(label);
        field->setToolTip(input.value(QStringLiteral("help")).toString());
        auto* caption = new QLabel(
            input.value(QStringLiteral("required")).toBool() ? label + QStringLiteral(" *") : label, m_inputsBox);
        caption->setWordWrap(true);
        caption->setBuddy(field);
        m_inputsForm->addRow(caption, field);
    }
    m_inputsBox->setVisible(!inputs.isEmpty());
}

void AppsPage::buildSteps(const QJsonArray& steps)
{
    qDeleteAll(m_stepsBox->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    m_stepBars.clear();
    m_stepLabels.clear();
    int index = 0;
    for (const QJsonValue& value : steps) {
        const QJsonObject step = value.toObject();
        auto* row = new QWidget(m_stepsBox);
        auto* label =
            new QLabel(step.value(QStringLiteral("label")).toString(step.value(QStringLiteral("id")).toString()), row);
        label->setObjectName(QStringLiteral("stepLabel-%1").arg(index));
        label->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
        auto* bar = new QProgressBar(row);
        bar->setObjectName(QStringLiteral("stepProgress-%1").arg(index));
        bar->setAccessibleName(tr("Progress of “%1”").arg(label->text()));
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setMaximumHeight(fontMetrics().height());
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(label);
        layout->addWidget(bar, 1);
        m_stepsLayout->addWidget(row);
        m_stepBars.append(bar);
        m_stepLabels.append(label);
        ++index;
    }
}

QProgressBar* AppsPage::stepProgress(int index) const
{
    return m_stepBars.value(index);
}

void AppsPage::setInput(const QString& id, const QString& value)
{
    if (const auto writer = m_inputWriters.value(id))
        writer(value);
}

QJsonObject AppsPage::inputValues() const
{
    QJsonObject values;
    for (auto it = m_inputReaders.cbegin(); it != m_inputReaders.cend(); ++it)
        values.insert(it.key(), it.value()());
    return values;
}

void AppsPage::setRunning(bool running)
{
    m_run->setEnabled(!running && !m_app.isEmpty());
    m_cancel->setEnabled(running);
    m_inputsBox->setEnabled(!running);
}

void AppsPage::addLog(const QString& icon, const QString& text, const QString& tooltip)
{
    QIcon pixmap;
    if (icon == QLatin1String("allow"))
        pixmap = style()->standardIcon(QStyle::SP_DialogApplyButton);
    else if (icon == QLatin1String("ask"))
        pixmap = style()->standardIcon(QStyle::SP_MessageBoxQuestion);
    else if (icon == QLatin1String("warning"))
        pixmap = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    else if (icon == QLatin1String("deny") || icon == QLatin1String("failed"))
        pixmap = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    else
        pixmap = style()->standardIcon(QStyle::SP_ArrowRight);
    auto* item = new QListWidgetItem(pixmap, text, m_log);
    item->setData(Qt::UserRole, icon);
    item->setToolTip(tooltip.isEmpty() ? text : tooltip);
    m_log->scrollToItem(item);
}

void AppsPage::startRun()
{
    if (m_app.isEmpty() || m_starting || !m_runId.isEmpty())
        return;
    m_log->clear();
    m_output->clear();
    m_streamed.clear();
    m_usage->clear();
    m_error->hide();
    for (QProgressBar* bar : std::as_const(m_stepBars)) {
        bar->setRange(0, 1);
        bar->setValue(0);
    }
    m_status->setText(tr("Starting…"));
    m_starting = true;
    setRunning(true);
    m_agent->call(QStringLiteral("runs.start"),
                  {{QStringLiteral("app"), m_app}, {QStringLiteral("inputs"), inputValues()}}, this,
                  [this](const Result<QJsonValue>& result) {
                      m_starting = false;
                      if (!result.ok()) {
                          setRunning(false);
                          m_status->setText(tr("The run did not start."));
                          m_error->showError(result.error());
                          return;
                      }
                      const QJsonObject started = result->toObject();
                      if (m_runId.isEmpty())
                          m_runId = started.value(QStringLiteral("run_id")).toString();
                      // The manifest's steps carry labels; the answer's only ids.
                      const QJsonArray steps = started.value(QStringLiteral("steps")).toArray();
                      if (!steps.isEmpty() && m_stepBars.size() != steps.size())
                          buildSteps(steps);
                      m_status->setText(tr("Running"));
                  });
}

void AppsPage::cancelRun()
{
    if (m_runId.isEmpty())
        return;
    m_agent->call(QStringLiteral("runs.cancel"), {{QStringLiteral("run_id"), m_runId}}, this,
                  [this](const Result<QJsonValue>& result) {
                      if (!result.ok())
                          m_error->showError(result.error());
                  });
    m_status->setText(tr("Cancelling…"));
}

void AppsPage::handleRunEvent(const QString& method, const QJsonObject& params)
{
    const QString runId = params.value(QStringLiteral("run_id")).toString();
    // Events may overtake the answer to runs.start: adopt the first run of this app then.
    if (m_runId.isEmpty() && m_starting && params.value(QStringLiteral("app")).toString() == m_app)
        m_runId = runId;
    if (runId.isEmpty() || runId != m_runId)
        return;
    const int index = params.value(QStringLiteral("index")).toInt(-1);
    QProgressBar* bar = m_stepBars.value(index);
    const QString stepName =
        m_stepLabels.value(index) ? m_stepLabels.value(index)->text() : params.value(QStringLiteral("step")).toString();
    if (method == QLatin1String("run.step")) {
        const QString state = params.value(QStringLiteral("state")).toString();
        const QString target = params.value(QStringLiteral("target")).toString();
        if (bar && state == QLatin1String("started"))
            bar->setRange(0, 0); // busy until progress or the end of the step
        if (bar && state != QLatin1String("started")) {
            bar->setRange(0, 1);
            bar->setValue(state == QLatin1String("done") ? 1 : 0);
        }
        if (state == QLatin1String("started"))
            addLog(QStringLiteral("step"),
                   target.isEmpty() ? tr("%1").arg(stepName) : tr("%1 (%2)").arg(stepName, target));
        else if (state == QLatin1String("failed"))
            addLog(QStringLiteral("failed"), tr("%1 failed").arg(stepName));
    } else if (method == QLatin1String("run.progress")) {
        if (bar) {
            bar->setRange(0, qMax(1, params.value(QStringLiteral("total")).toInt()));
            bar->setValue(params.value(QStringLiteral("done")).toInt());
        }
    } else if (method == QLatin1String("run.decision")) {
        const QString decision = params.value(QStringLiteral("decision")).toString();
        QStringList messages;
        for (const QJsonValue& m : params.value(QStringLiteral("messages")).toArray())
            messages.append(m.toString());
        const QString source = params.value(QStringLiteral("source")).toString();
        const QString what = ConfirmDialog::describeAction(params.value(QStringLiteral("action")).toString());
        QString text;
        if (decision == QLatin1String("allow"))
            text = source == QLatin1String("grant")          ? tr("Allowed to %1 (remembered permission)").arg(what)
                   : source == QLatin1String("confirmation") ? tr("You allowed it to %1").arg(what)
                                                             : tr("Policy allows it to %1").arg(what);
        else if (decision == QLatin1String("ask"))
            text = tr("Asking you before it may %1").arg(what);
        else
            text = source == QLatin1String("confirmation") ? tr("You denied: %1").arg(what)
                                                           : tr("Policy denies: %1").arg(what);
        if (!messages.isEmpty())
            text += QStringLiteral(" – ") + messages.join(QStringLiteral("; "));
        addLog(decision, text, params.value(QStringLiteral("target")).toString());
    } else if (method == QLatin1String("run.warning")) {
        // A soft limit: the run goes on, the person should know before the hard limit.
        addLog(QStringLiteral("warning"), tr("Warning: %1").arg(params.value(QStringLiteral("message")).toString()),
               params.value(QStringLiteral("kind")).toString());
    } else if (method == QLatin1String("app.paused")) {
        addLog(QStringLiteral("failed"),
               tr("The app was paused: %1").arg(params.value(QStringLiteral("reason")).toString()),
               params.value(QStringLiteral("rule")).toString());
    } else if (method == QLatin1String("run.output")) {
        const QString name = params.value(QStringLiteral("name")).toString();
        const QString text = params.value(QStringLiteral("text")).toString();
        if (params.value(QStringLiteral("final")).toBool())
            m_streamed.insert(name, text);
        else
            m_streamed[name] += text;
        QStringList shown;
        for (auto it = m_streamed.cbegin(); it != m_streamed.cend(); ++it)
            shown.append(it.value());
        m_output->setPlainText(shown.join(QStringLiteral("\n\n")));
    } else if (method == QLatin1String("run.finished")) {
        const QString status = params.value(QStringLiteral("status")).toString();
        const QJsonObject outputs = params.value(QStringLiteral("outputs")).toObject();
        if (!outputs.isEmpty()) {
            QStringList shown;
            for (auto it = outputs.constBegin(); it != outputs.constEnd(); ++it)
                shown.append(it.value().toString());
            m_output->setPlainText(shown.join(QStringLiteral("\n\n")));
        }
        QString text = statusText(status);
        const QJsonObject error = params.value(QStringLiteral("error")).toObject();
        if (!error.isEmpty())
            text += QStringLiteral(": ") + error.value(QStringLiteral("message")).toString();
        m_status->setText(text);
        m_status->setToolTip(error.value(QStringLiteral("code")).toString());
        m_usage->setText(usageText(params.value(QStringLiteral("usage")).toObject()));
        for (QProgressBar* stepBar : std::as_const(m_stepBars)) {
            if (stepBar->maximum() == 0) { // still busy: the run stopped in this step
                stepBar->setRange(0, 1);
                stepBar->setValue(0);
            }
        }
        if (status != QLatin1String("done"))
            addLog(QStringLiteral("failed"), text);
        m_runId.clear();
        setRunning(false);
        loadHistory();
        Q_EMIT runFinished(status);
    }
}

void AppsPage::loadHistory()
{
    if (m_app.isEmpty())
        return;
    const QString app = m_app;
    m_agent->call(QStringLiteral("runs.list"), {{QStringLiteral("app"), app}}, this,
                  [this, app](const Result<QJsonValue>& result) {
                      if (app != m_app || !result.ok())
                          return;
                      const QJsonArray runs = result->toObject().value(QStringLiteral("runs")).toArray();
                      m_history->setRowCount(int(runs.size()));
                      int row = 0;
                      for (const QJsonValue& value : runs) {
                          const QJsonObject run = value.toObject();
                          const QJsonObject usage = run.value(QStringLiteral("usage")).toObject();
                          const qint64 tokens = usage.value(QStringLiteral("input_tokens")).toInteger() +
                                                usage.value(QStringLiteral("output_tokens")).toInteger();
                          const QString problem =
                              run.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
                          const QStringList cells{
                              localTime(run.value(QStringLiteral("started_at")).toString()),
                              statusText(run.value(QStringLiteral("status")).toString()), QLocale().toString(tokens),
                              formatCost(usage.value(QStringLiteral("cost_usd")).toDouble()), problem};
                          for (int column = 0; column < cells.size(); ++column) {
                              auto* item = new QTableWidgetItem(cells.at(column));
                              item->setToolTip(cells.at(column));
                              m_history->setItem(row, column, item);
                          }
                          ++row;
                      }
                      m_history->resizeColumnsToContents();
                  });
}

void AppsPage::saveManifest()
{
    m_workbench->checkNow();
    if (!m_workbench->isValid()) {
        m_error->showMessage(tr("Fix the problems marked in the manifest before saving."));
        return;
    }
    m_agent->call(
        QStringLiteral("apps.save"), {{QStringLiteral("manifest"), m_workbench->manifestText()}}, this,
        [this](const Result<QJsonValue>& result) {
            if (!result.ok()) {
                m_error->showError(result.error());
                return;
            }
            m_error->showMessage(
                tr("Saved as revision %1.").arg(result->toObject().value(QStringLiteral("revision")).toInt()));
            const QString name = result->toObject().value(QStringLiteral("name")).toString();
            m_app.clear();
            refresh();
            loadApp(name);
        });
}

void AppsPage::showStage(const QJsonObject& app)
{
    if (!app.contains(QStringLiteral("stage"))) {
        m_stage->clear();
        m_requestProduction->hide();
        return;
    }
    const QJsonObject approval = app.value(QStringLiteral("approval")).toObject();
    const QString state = approval.value(QStringLiteral("state")).toString();
    const bool production = app.value(QStringLiteral("stage")).toString() == QLatin1String("production");
    QString text = production ? tr("Stage: production.") : tr("Stage: development (only you use it).");
    if (state == QLatin1String("pending"))
        text += QLatin1Char(' ') + tr("Production requested %1; waiting for a reviewer.")
                                       .arg(localTime(approval.value(QStringLiteral("requested_at")).toString()));
    else if (state == QLatin1String("approved"))
        text += QLatin1Char(' ') + tr("Approved by %1.").arg(approval.value(QStringLiteral("reviewer")).toString());
    else if (state == QLatin1String("rejected"))
        text += QLatin1Char(' ') + tr("Production was refused by %1: %2")
                                       .arg(approval.value(QStringLiteral("reviewer")).toString(),
                                            approval.value(QStringLiteral("note")).toString());
    m_stage->setText(text);
    m_requestProduction->show();
    m_requestProduction->setEnabled(!production && state != QLatin1String("pending"));
}

void AppsPage::askForProduction()
{
    bool ok = false;
    const QString reason = QInputDialog::getMultiLineText(
        this, tr("Request production"),
        tr("Why should “%1” be used in production? Reviewers read this before they decide.").arg(m_app), QString(),
        &ok);
    if (ok && !reason.trimmed().isEmpty())
        requestProduction(reason.trimmed());
}

void AppsPage::requestProduction(const QString& reason)
{
    if (m_app.isEmpty() || !m_agent)
        return;
    const QString app = m_app;
    m_requestProduction->setEnabled(false);
    m_agent->call(QStringLiteral("apps.requestProduction"),
                  {{QStringLiteral("name"), app}, {QStringLiteral("reason"), reason}}, this,
                  [this, app](const Result<QJsonValue>& result) {
                      if (!result.ok()) {
                          m_requestProduction->setEnabled(app == m_app);
                          m_error->showError(result.error());
                          return;
                      }
                      m_error->showMessage(tr("Request #%1 was sent to your organisation's reviewers. “%2” stays in "
                                              "development until it is approved.")
                                               .arg(result->toObject().value(QStringLiteral("id")).toInteger())
                                               .arg(app));
                      // Reloading the app shows its new stage in the list and above the tabs.
                      if (app == m_app)
                          loadApp(app);
                  });
}

} // namespace corral::ui
