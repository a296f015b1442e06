// SPDX-License-Identifier: Apache-2.0
#include "ManifestWorkbench.h"

#include "AgentConnection.h"
#include "ErrorBanner.h"
#include "ManifestEditor.h"
#include "manifest/ManifestValidator.h"

#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>
#include <optional>

namespace corral::ui {

namespace {

// Loading the schema and catalogs takes a moment: once per process is enough.
const manifest::ManifestValidator* sharedValidator()
{
    static const std::optional<manifest::ManifestValidator> validator = [] {
        Result<manifest::ManifestValidator> created = manifest::ManifestValidator::createDefault();
        return created.ok() ? std::optional(created.value()) : std::nullopt;
    }();
    return validator ? &*validator : nullptr;
}

} // namespace

QString ManifestWorkbench::fixFor(const QString& code)
{
    if (code == QLatin1String("manifest.json") || code == QLatin1String("manifest.truncated"))
        return tr("Check the quotes, commas and brackets near the mark.");
    if (code == QLatin1String("manifest.unknown-model") || code == QLatin1String("manifest.model-prohibited"))
        return tr("Pick a model your organisation allows (the Model step lists them).");
    if (code == QLatin1String("manifest.model-task"))
        return tr("Pick a model that can do this step's task, or change the task.");
    if (code == QLatin1String("manifest.data-handling"))
        return tr("Choose a data handling rule the model permits, for example “Remove personal data”.");
    if (code == QLatin1String("manifest.unknown-connector") || code == QLatin1String("manifest.connector-blocked"))
        return tr("Use a connector from the catalog that your organisation allows.");
    if (code == QLatin1String("manifest.undeclared-connector"))
        return tr("Add the connector to the “connectors” list.");
    if (code == QLatin1String("manifest.schema"))
        return tr("Correct the value at the mark; the message says what is expected.");
    if (code == QLatin1String("manifest.placeholder") || code == QLatin1String("manifest.unknown-input"))
        return tr("Use a {{placeholder}} that names an input, a step or the run.");
    if (code == QLatin1String("manifest.limit"))
        return tr("Use a smaller number.");
    return tr("Correct the text at the mark.");
}

ManifestWorkbench::ManifestWorkbench(AgentConnection* agent, QWidget* parent)
    : QWidget(parent), m_agent(agent), m_editor(new ManifestEditor(this)), m_checks(new QListWidget(this)),
      m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("manifestWorkbench"));
    m_checks->setObjectName(QStringLiteral("manifestChecks"));
    m_checks->setAccessibleName(tr("Pre-deploy checks"));
    m_checks->setWordWrap(true);
    m_checks->setTextElideMode(Qt::ElideNone);
    m_summary->setObjectName(QStringLiteral("checksSummary"));
    m_summary->setWordWrap(true);
    auto* checksTitle = new QLabel(tr("&Pre-deploy checks"), this);
    checksTitle->setBuddy(m_checks);

    auto* checksPane = new QWidget(this);
    auto* checksLayout = new QVBoxLayout(checksPane);
    checksLayout->setContentsMargins(0, 0, 0, 0);
    checksLayout->addWidget(checksTitle);
    checksLayout->addWidget(m_summary);
    checksLayout->addWidget(m_checks, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(checksPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ManifestWorkbench::checkNow);
    connect(m_editor, &QsciScintilla::textChanged, &m_debounce, qOverload<>(&QTimer::start));
}

void ManifestWorkbench::setManifestText(const QString& text)
{
    m_editor->setManifestText(text);
    checkNow();
}

QString ManifestWorkbench::manifestText() const
{
    return m_editor->text();
}

void ManifestWorkbench::checkNow()
{
    m_debounce.stop();
    validateLocally();
    askAgent();
}

void ManifestWorkbench::validateLocally()
{
    m_issues.clear();
    if (const manifest::ManifestValidator* validator = sharedValidator())
        m_issues = validator->validate(manifestText().toUtf8()).issues;
    QList<ManifestEditor::Problem> problems;
    for (const manifest::ManifestIssue& issue : m_issues)
        problems.append({issue.line, issue.column, issue.message});
    m_editor->setProblems(problems);
    rebuildList();
}

void ManifestWorkbench::askAgent()
{
    const quint64 generation = ++m_generation;
    m_decision.clear();
    m_decisionMessages.clear();
    m_agentProblem.clear();
    if (!m_agent || !m_agent->isConnected()) {
        m_agentProblem = tr("The agent is not connected, so the policy could not be asked.");
        rebuildList();
        return;
    }
    m_agent->call(QStringLiteral("apps.check"), {{QStringLiteral("manifest"), manifestText()}}, this,
                  [this, generation](const Result<QJsonValue>& result) {
                      if (generation != m_generation)
                          return; // an answer for text that has changed since
                      if (!result.ok()) {
                          m_agentProblem = plainErrorText(result.error());
                      } else {
                          const QJsonObject decision = result->toObject().value(QStringLiteral("decision")).toObject();
                          m_decision = decision.value(QStringLiteral("decision")).toString();
                          for (const QJsonValue& message : decision.value(QStringLiteral("messages")).toArray())
                              m_decisionMessages.append(message.toString());
                      }
                      rebuildList();
                  });
    rebuildList();
}

void ManifestWorkbench::rebuildList()
{
    m_checks->clear();
    const QIcon ok = style()->standardIcon(QStyle::SP_DialogApplyButton);
    const QIcon bad = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warn = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    if (m_issues.empty()) {
        m_checks->addItem(new QListWidgetItem(ok, tr("Schema and catalog checks passed.")));
    } else {
        for (const manifest::ManifestIssue& issue : m_issues) {
            auto* item = new QListWidgetItem(bad, tr("Line %1, column %2: %3\nHow to fix: %4")
                                                      .arg(issue.line)
                                                      .arg(issue.column)
                                                      .arg(issue.message, fixFor(issue.code)));
            item->setToolTip(issue.code + QStringLiteral(" ") + issue.pointer);
            item->setData(Qt::UserRole, issue.line);
            m_checks->addItem(item);
        }
    }
    const QString reasons = m_decisionMessages.join(QStringLiteral("; "));
    if (!m_agentProblem.isEmpty()) {
        m_checks->addItem(new QListWidgetItem(warn, m_agentProblem));
    } else if (m_decision.isEmpty()) {
        m_checks->addItem(new QListWidgetItem(tr("Asking the policy…")));
    } else if (m_decision == QLatin1String("allow")) {
        m_checks->addItem(new QListWidgetItem(ok, tr("Your organisation's policy allows this app.")));
    } else if (m_decision == QLatin1String("ask")) {
        m_checks->addItem(new QListWidgetItem(
            warn, tr("The policy allows this app but will ask you to confirm some actions: %1").arg(reasons)));
    } else {
        m_checks->addItem(new QListWidgetItem(
            bad, tr("The policy refuses this app: %1\nHow to fix: change what the reason names, or ask your "
                    "administrator.")
                     .arg(reasons)));
    }
    const bool policyOk = m_decision == QLatin1String("allow") || m_decision == QLatin1String("ask");
    if (m_issues.empty() && policyOk)
        m_summary->setText(tr("All checks passed."));
    else if (!m_issues.empty())
        m_summary->setText(tr("%n problem(s) to fix before saving.", nullptr, int(m_issues.size())));
    else
        m_summary->setText(tr("The manifest is valid."));
    Q_EMIT checksUpdated();
}

} // namespace corral::ui
