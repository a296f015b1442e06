// SPDX-License-Identifier: Apache-2.0
#include "NewAppWizard.h"

#include "AgentConnection.h"
#include "ErrorBanner.h"
#include "ManifestWorkbench.h"
#include "PageSupport.h"
#include "TemplateListModel.h"
#include "catalog/ConnectorCatalog.h"
#include "catalog/ModelCatalog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpressionValidator>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace corral::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString connectorIdOf(const QJsonValue& use)
{
    return use.isObject() ? use.toObject().value(QStringLiteral("id")).toString() : use.toString();
}

// The catalogs as policy.status lists them, built from the shipped catalogs when the agent
// cannot be asked (allowed unless the catalog itself blocks or prohibits the entry).
QJsonArray localConnectors()
{
    QJsonArray items;
    const Result<catalog::ConnectorCatalog> loaded = catalog::ConnectorCatalog::loadDefault();
    if (!loaded.ok())
        return items;
    for (const catalog::ConnectorInfo& c : loaded->connectors()) {
        const bool blocked = c.classification == catalog::Classification::Blocked;
        QJsonObject item{{QStringLiteral("id"), c.id},
                         {QStringLiteral("title"), c.title},
                         {QStringLiteral("description"), c.description},
                         {QStringLiteral("type"), catalog::toString(c.type)},
                         {QStringLiteral("classification"), catalog::toString(c.classification)},
                         {QStringLiteral("allowed"), !blocked}};
        if (blocked)
            item.insert(QStringLiteral("reason"), NewAppWizard::tr("the catalog blocks this connector"));
        items.append(item);
    }
    return items;
}

const catalog::ModelCatalog& localModels()
{
    static const catalog::ModelCatalog models = catalog::ModelCatalog::loadDefault().valueOr(catalog::ModelCatalog());
    return models;
}

const catalog::ConnectorCatalog& localConnectorCatalog()
{
    static const catalog::ConnectorCatalog connectors =
        catalog::ConnectorCatalog::loadDefault().valueOr(catalog::ConnectorCatalog());
    return connectors;
}

QString classificationLabel(const QString& classification)
{
    if (classification == QLatin1String("business"))
        return NewAppWizard::tr("Business data");
    if (classification == QLatin1String("non-business"))
        return NewAppWizard::tr("Non-business data");
    return NewAppWizard::tr("Blocked");
}

QString expandHome(const QString& root)
{
    return root.startsWith(QLatin1String("~/")) ? QDir::homePath() + root.mid(1) : root;
}

} // namespace

NewAppWizard::NewAppWizard(AgentConnection* agent, catalog::Template tmpl, QWidget* parent)
    : QWizard(parent), m_agent(agent), m_template(std::move(tmpl))
{
    setObjectName(QStringLiteral("newAppWizard"));
    setWindowTitle(tr("New app from “%1”").arg(m_template.title));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setButtonText(QWizard::FinishButton, tr("&Save app"));
    m_skeleton = catalog::previewManifest(m_template).valueOr(QJsonObject());
    m_error = new ErrorBanner(this);

    setPage(TemplatePage, createTemplatePage());
    setPage(PurposePage, createPurposePage());
    setPage(ConnectorsPage, createConnectorsPage());
    setPage(ModelPage, createModelPage());
    setPage(DataPage, createDataPage());
    setPage(ReviewPage, createReviewPage());
    const int em = fontMetrics().height();
    resize(em * 52, em * 38);

    applyPolicy(QJsonObject());
    if (m_agent && m_agent->isConnected()) {
        m_agent->call(QStringLiteral("policy.status"), {}, this, [this](const Result<QJsonValue>& result) {
            if (result.ok())
                applyPolicy(result->toObject());
        });
    }
}

QWizardPage* NewAppWizard::createTemplatePage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardTemplatePage"));
    page->setTitle(tr("Template: %1").arg(m_template.title));
    page->setSubTitle(tr("Check that this template fits what you want to build."));
    auto* description = wrappingLabel(QStringLiteral("templateDescription"), page);
    description->setText(m_template.description);
    auto* badges = wrappingLabel(QStringLiteral("templateBadges"), page);
    const QString maturity = catalog::toString(m_template.maturity);
    const QString compliance = catalog::toString(m_template.compliance);
    badges->setText(
        tr("<b>%1</b> – %2<br><b>%3</b> – %4")
            .arg(TemplateListModel::maturityLabel(maturity), TemplateListModel::maturityExplanation(maturity),
                 TemplateListModel::complianceLabel(compliance), TemplateListModel::complianceExplanation(compliance)));
    QStringList steps;
    for (const QJsonValue& step : m_skeleton.value(QStringLiteral("steps")).toArray())
        steps.append(QStringLiteral("<li>%1</li>")
                         .arg(step.toObject().value(QStringLiteral("label")).toString().toHtmlEscaped()));
    auto* stepsLabel = wrappingLabel(QStringLiteral("templateSteps"), page);
    stepsLabel->setText(tr("What the app will do:") + QStringLiteral("<ol>") + steps.join(QString()) +
                        QStringLiteral("</ol>"));
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(description);
    layout->addWidget(badges);
    layout->addWidget(stepsLabel);
    layout->addStretch(1);
    return page;
}

QWidget* NewAppWizard::createQuestionField(const catalog::Question& question, QWidget* parent)
{
    const QString defaultText = question.defaultValue.toString();
    QWidget* field = nullptr;
    switch (question.kind) {
    case catalog::QuestionKind::Multiline: {
        auto* edit = new QPlainTextEdit(defaultText, parent);
        edit->setTabChangesFocus(true);
        edit->setMaximumHeight(fontMetrics().height() * 5);
        m_readers.insert(question.id, [edit] { return edit->toPlainText(); });
        m_writers.insert(question.id, [edit](const QString& v) { edit->setPlainText(v); });
        connect(edit, &QPlainTextEdit::textChanged, this, [this] { initializePage(-1); });
        field = edit;
        break;
    }
    case catalog::QuestionKind::Choice: {
        auto* combo = new QComboBox(parent);
        combo->addItems(question.choices);
        combo->setCurrentText(defaultText);
        m_readers.insert(question.id, [combo] { return combo->currentText(); });
        m_writers.insert(question.id, [combo](const QString& v) { combo->setCurrentText(v); });
        connect(combo, &QComboBox::currentTextChanged, this, [this] { initializePage(-1); });
        field = combo;
        break;
    }
    case catalog::QuestionKind::Folder: {
        auto* row = new QWidget(parent);
        auto* edit = new QLineEdit(defaultText, row);
        edit->setObjectName(QStringLiteral("folder-") + question.id);
        edit->setAccessibleName(question.label);
        auto* choose = new QPushButton(tr("Choose…"), row);
        choose->setObjectName(QStringLiteral("chooseFolder-") + question.id);
        choose->setAccessibleName(tr("Choose a folder for “%1”").arg(question.label));
        const QString connector = connectorOfFolder(question.id);
        QString root;
        if (const catalog::ConnectorInfo* info = localConnectorCatalog().find(connector))
            root = info->files.roots.isEmpty() ? QString() : expandHome(info->files.roots.first());
        edit->setToolTip(root.isEmpty() ? question.help : tr("A folder inside %1").arg(root));
        connect(choose, &QPushButton::clicked, this, [this, edit, root] {
            const QString start = root.isEmpty() ? QDir::homePath() : QDir(root).filePath(edit->text());
            const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose a folder"), start);
            if (chosen.isEmpty())
                return;
            const QString relative = root.isEmpty() ? chosen : QDir(root).relativeFilePath(chosen);
            if (relative.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(relative)) {
                m_error->showMessage(tr("Pick a folder inside %1: the app may only read there.").arg(root));
                return;
            }
            edit->setText(relative == QLatin1String(".") ? QString() : relative);
        });
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(edit, 1);
        layout->addWidget(choose);
        m_readers.insert(question.id, [edit] { return edit->text(); });
        m_writers.insert(question.id, [edit](const QString& v) { edit->setText(v); });
        field = row;
        break;
    }
    default: {
        auto* edit = new QLineEdit(defaultText, parent);
        m_readers.insert(question.id, [edit] { return edit->text(); });
        m_writers.insert(question.id, [edit](const QString& v) { edit->setText(v); });
        connect(edit, &QLineEdit::textChanged, this, [this] { initializePage(-1); });
        field = edit;
        break;
    }
    }
    if (field->objectName().isEmpty())
        field->setObjectName(QStringLiteral("answer-") + question.id);
    field->setToolTip(field->toolTip().isEmpty() ? question.help : field->toolTip());
    field->setAccessibleName(question.label);
    return field;
}

QWizardPage* NewAppWizard::createPurposePage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardPurposePage"));
    page->setTitle(tr("Purpose"));
    page->setSubTitle(tr("Name the app and say what it is for. The purpose is recorded with everything it does."));
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_name = new QLineEdit(m_skeleton.value(QStringLiteral("name")).toString(), page);
    m_name->setObjectName(QStringLiteral("appName"));
    m_name->setAccessibleName(tr("App name"));
    m_name->setToolTip(tr("Lower case letters, digits and '-', up to 64 characters."));
    m_name->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[a-z0-9][a-z0-9-]{0,63}")), m_name));
    form->addRow(tr("App &name:"), m_name);
    for (const catalog::Question& question : m_template.questions) {
        if (question.kind == catalog::QuestionKind::Folder || question.kind == catalog::QuestionKind::Model ||
            question.kind == catalog::QuestionKind::Connectors)
            continue;
        QWidget* field = createQuestionField(question, page);
        auto* label = new QLabel(question.label, page);
        label->setWordWrap(true);
        label->setBuddy(field);
        form->addRow(label, field);
    }
    m_purposePreview = wrappingLabel(QStringLiteral("purposePreview"), page);
    m_purposePreview->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_purposePreview);
    layout->addStretch(1);
    return page;
}

QWizardPage* NewAppWizard::createConnectorsPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardConnectorsPage"));
    page->setTitle(tr("Connectors"));
    page->setSubTitle(tr("What the app may reach. Connectors your organisation blocks are shown greyed out with the "
                         "reason."));
    m_connectors = new QListWidget(page);
    m_connectors->setObjectName(QStringLiteral("connectorList"));
    m_connectors->setAccessibleName(tr("Connectors"));
    m_connectors->setWordWrap(true);
    m_connectorsProblem = wrappingLabel(QStringLiteral("connectorsProblem"), page);
    m_connectorsProblem->hide();
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_connectors, 1);
    layout->addWidget(m_connectorsProblem);
    auto* folders = new QFormLayout;
    folders->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const catalog::Question& question : m_template.questions) {
        if (question.kind != catalog::QuestionKind::Folder)
            continue;
        QWidget* field = createQuestionField(question, page);
        auto* label = new QLabel(question.label, page);
        label->setWordWrap(true);
        label->setBuddy(field->findChild<QLineEdit*>());
        folders->addRow(label, field);
    }
    layout->addLayout(folders);
    return page;
}

QWizardPage* NewAppWizard::createModelPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardModelPage"));
    page->setTitle(tr("Model"));
    page->setSubTitle(
        tr("The AI model the app uses. Each has a model card: what it is for, its limits and its price."));
    m_models = new QListWidget(page);
    m_models->setObjectName(QStringLiteral("modelList"));
    m_models->setAccessibleName(tr("Models"));
    m_models->setWordWrap(true);
    m_modelCard = new QTextBrowser(page);
    m_modelCard->setObjectName(QStringLiteral("modelCard"));
    m_modelCard->setAccessibleName(tr("Model card"));
    connect(m_models, &QListWidget::currentItemChanged, this, &NewAppWizard::showModelCard);
    auto* splitter = new QSplitter(page);
    splitter->addWidget(m_models);
    splitter->addWidget(m_modelCard);
    splitter->setStretchFactor(1, 1);
    splitter->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    splitter->setMinimumHeight(fontMetrics().height() * 20);
    m_models->setSpacing(fontMetrics().height() / 4);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(splitter, 1);
    return page;
}

QWizardPage* NewAppWizard::createDataPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardDataPage"));
    page->setTitle(tr("Data handling"));
    page->setSubTitle(tr("What may happen to personal data (names, e-mail addresses, phone numbers, ...)."));
    m_dataHandling = new QButtonGroup(page);
    auto* layout = new QVBoxLayout(page);
    const struct
    {
        QString id;
        QString text;
        QString explanation;
    } options[] = {
        {QStringLiteral("no-pii"), tr("&No personal data"),
         tr("The app refuses to send personal data to a model. Best for business documents.")},
        {QStringLiteral("redact-pii"), tr("&Remove personal data"),
         tr("Personal data is replaced by placeholders before it reaches a model.")},
        {QStringLiteral("pii-allowed-onprem"), tr("Personal data on &this computer only"),
         tr("Personal data may be used, but only with models that run inside the organisation.")},
        {QStringLiteral("pii-allowed"), tr("Personal data &allowed"),
         tr("Personal data may reach any allowed model. Usually needs approval.")},
    };
    const QString current = m_skeleton.value(QStringLiteral("data_handling")).toString(QStringLiteral("no-pii"));
    for (const auto& option : options) {
        auto* radio = new QRadioButton(option.text, page);
        radio->setObjectName(QStringLiteral("data-") + option.id);
        radio->setProperty("choice", option.id);
        radio->setChecked(option.id == current);
        auto* explanation = wrappingLabel(QStringLiteral("dataExplanation-") + option.id, page);
        explanation->setText(option.explanation);
        explanation->setForegroundRole(QPalette::PlaceholderText);
        explanation->setContentsMargins(fontMetrics().height() * 3 / 2, 0, 0, 0);
        m_dataHandling->addButton(radio);
        layout->addWidget(radio);
        layout->addWidget(explanation);
    }
    layout->addStretch(1);
    return page;
}

QWizardPage* NewAppWizard::createReviewPage()
{
    auto* page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardReviewPage"));
    page->setTitle(tr("Review"));
    page->setSubTitle(tr("The app's manifest and the checks it must pass. You can edit the text; Save stores the app "
                         "in the development stage."));
    m_workbench = new ManifestWorkbench(m_agent, page);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_error);
    layout->addWidget(m_workbench, 1);
    page->setFinalPage(true);
    return page;
}

QString NewAppWizard::modelQuestionId() const
{
    for (const catalog::Question& question : m_template.questions) {
        if (question.kind == catalog::QuestionKind::Model)
            return question.id;
    }
    return {};
}

QString NewAppWizard::connectorOfFolder(const QString& questionId) const
{
    // The step whose path uses the folder answer names the connector the folder is inside.
    const QJsonObject tmplManifest = QJsonDocument::fromJson(m_template.manifestSkeleton).object();
    const QString slot = QStringLiteral("{{%1}}").arg(questionId);
    for (const QJsonValue& step : tmplManifest.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject object = step.toObject();
        if (object.value(QStringLiteral("path")).toString().contains(slot))
            return object.value(QStringLiteral("connector")).toString();
    }
    return {};
}

QJsonObject NewAppWizard::answers() const
{
    QJsonObject answers;
    for (auto it = m_readers.cbegin(); it != m_readers.cend(); ++it)
        answers.insert(it.key(), it.value()());
    const QString modelId = modelQuestionId();
    if (!modelId.isEmpty() && m_models && m_models->currentItem())
        answers.insert(modelId, m_models->currentItem()->data(kIdRole).toString());
    for (const catalog::Question& question : m_template.questions) {
        if (question.kind == catalog::QuestionKind::Connectors)
            answers.insert(question.id, QJsonArray::fromStringList(selectedConnectors()));
    }
    return answers;
}

void NewAppWizard::setAnswer(const QString& questionId, const QString& value)
{
    if (questionId == modelQuestionId()) {
        for (int row = 0; row < m_models->count(); ++row) {
            if (m_models->item(row)->data(kIdRole).toString() == value)
                m_models->setCurrentRow(row);
        }
        return;
    }
    if (const auto writer = m_writers.value(questionId))
        writer(value);
}

QString NewAppWizard::appName() const
{
    return m_name->text();
}

void NewAppWizard::setAppName(const QString& name)
{
    m_name->setText(name);
}

QString NewAppWizard::dataHandling() const
{
    QAbstractButton* checked = m_dataHandling->checkedButton();
    return checked ? checked->property("choice").toString() : QStringLiteral("no-pii");
}

QStringList NewAppWizard::selectedConnectors() const
{
    QStringList ids;
    for (int row = 0; row < m_connectors->count(); ++row) {
        const QListWidgetItem* item = m_connectors->item(row);
        if (item->checkState() == Qt::Checked)
            ids.append(item->data(kIdRole).toString());
    }
    return ids;
}

Result<QByteArray> NewAppWizard::generateManifest() const
{
    Result<QJsonObject> filled = catalog::instantiate(m_template, answers());
    if (!filled.ok())
        return filled.error();
    QJsonObject manifest = filled.value();
    manifest.insert(QStringLiteral("name"), appName());
    manifest.insert(QStringLiteral("data_handling"), dataHandling());
    manifest.insert(QStringLiteral("stage"), QStringLiteral("development"));
    QJsonArray connectors = manifest.value(QStringLiteral("connectors")).toArray();
    QStringList present;
    for (const QJsonValue& use : connectors)
        present.append(connectorIdOf(use));
    for (const QString& id : selectedConnectors()) {
        if (!present.contains(id))
            connectors.append(id);
    }
    manifest.insert(QStringLiteral("connectors"), connectors);
    return catalog::formatManifest(manifest);
}

void NewAppWizard::applyPolicy(const QJsonObject& status)
{
    m_policyConnectors = status.value(QStringLiteral("connectors")).toArray();
    if (m_policyConnectors.isEmpty())
        m_policyConnectors = localConnectors();
    m_policyModels = status.value(QStringLiteral("models")).toArray();
    rebuildConnectors();
    rebuildModels();
}

void NewAppWizard::rebuildConnectors()
{
    QStringList used;
    for (const QJsonValue& use : m_skeleton.value(QStringLiteral("connectors")).toArray())
        used.append(connectorIdOf(use));
    const QStringList previouslyChecked = m_connectors->count() ? selectedConnectors() : QStringList();
    m_connectors->clear();
    QStringList blockedNeeded;
    for (const QJsonValue& value : m_policyConnectors) {
        const QJsonObject c = value.toObject();
        const QString id = c.value(QStringLiteral("id")).toString();
        const bool allowed = c.value(QStringLiteral("allowed")).toBool(true);
        const QString reason = c.value(QStringLiteral("reason")).toString();
        QString text = QStringLiteral("%1  [%2]\n%3")
                           .arg(c.value(QStringLiteral("title")).toString(id),
                                classificationLabel(c.value(QStringLiteral("classification")).toString()),
                                c.value(QStringLiteral("description")).toString());
        if (!allowed)
            text += QLatin1Char('\n') + tr("Blocked by your organisation: %1").arg(reason);
        auto* item = new QListWidgetItem(text, m_connectors);
        item->setData(kIdRole, id);
        Qt::ItemFlags flags = Qt::ItemIsSelectable;
        if (allowed)
            flags |= Qt::ItemIsEnabled;
        if (used.contains(id)) {
            item->setCheckState(Qt::Checked);
            item->setToolTip(tr("This template's steps use this connector."));
            if (!allowed)
                blockedNeeded.append(c.value(QStringLiteral("title")).toString(id));
        } else {
            if (allowed)
                flags |= Qt::ItemIsUserCheckable;
            item->setCheckState(previouslyChecked.contains(id) && allowed ? Qt::Checked : Qt::Unchecked);
            item->setToolTip(allowed ? tr("Tick to let the app use this connector too.") : reason);
        }
        item->setFlags(flags);
    }
    m_connectorsProblem->setVisible(!blockedNeeded.isEmpty());
    m_connectorsProblem->setText(tr("This template needs %1, which your organisation blocks. Ask your administrator "
                                    "or pick another template.")
                                     .arg(blockedNeeded.join(QStringLiteral(", "))));
}

void NewAppWizard::rebuildModels()
{
    const QString current = m_models->currentItem()
                                ? m_models->currentItem()->data(kIdRole).toString()
                                : m_template.defaults.value(modelQuestionId())
                                      .toString(m_skeleton.value(QStringLiteral("model")).toString());
    QHash<QString, QJsonObject> policy;
    for (const QJsonValue& value : m_policyModels)
        policy.insert(value.toObject().value(QStringLiteral("id")).toString(), value.toObject());
    m_models->clear();
    for (const catalog::ModelInfo& model : localModels().models()) {
        const QJsonObject verdict = policy.value(model.id);
        const bool allowed = verdict.isEmpty() ? model.approval != catalog::ModelApproval::Prohibited
                                               : verdict.value(QStringLiteral("allowed")).toBool();
        QString text = QStringLiteral("%1\n%2").arg(model.id, model.vendor);
        text += QLatin1Char('\n') + tr("%1 in / %2 out per 1,000 tokens")
                                        .arg(formatCost(model.costPer1kInput), formatCost(model.costPer1kOutput));
        if (model.approval == catalog::ModelApproval::Restricted)
            text += QLatin1Char('\n') + tr("Restricted: the policy decides when it may be used");
        if (!allowed)
            text += QLatin1Char('\n') +
                    tr("Not allowed: %1").arg(verdict.value(QStringLiteral("reason")).toString(tr("prohibited")));
        auto* item = new QListWidgetItem(text, m_models);
        item->setData(kIdRole, model.id);
        item->setFlags(allowed ? Qt::ItemIsSelectable | Qt::ItemIsEnabled : Qt::ItemIsSelectable);
        item->setToolTip(model.description);
        if (model.id == current && allowed)
            m_models->setCurrentItem(item);
    }
    if (!m_models->currentItem() && m_models->count())
        m_models->setCurrentRow(0);
}

void NewAppWizard::showModelCard()
{
    const QListWidgetItem* item = m_models->currentItem();
    const catalog::ModelInfo* model = item ? localModels().find(item->data(kIdRole).toString()) : nullptr;
    if (!model) {
        m_modelCard->clear();
        return;
    }
    QStringList limits;
    for (const QString& limitation : model->limitations)
        limits.append(QStringLiteral("<li>%1</li>").arg(limitation.toHtmlEscaped()));
    m_modelCard->setHtml(
        tr("<h3>%1</h3><p>%2</p><p><b>Made by:</b> %3<br><b>Runs:</b> %4<br><b>Reads up to:</b> %5 tokens<br>"
           "<b>Knowledge up to:</b> %6<br><b>Price:</b> %7 per 1,000 input tokens, %8 per 1,000 output tokens</p>"
           "<p><b>Intended use:</b> %9</p><p><b>Limitations:</b></p><ul>%10</ul>")
            .arg(model->id.toHtmlEscaped(), model->description.toHtmlEscaped(), model->vendor.toHtmlEscaped(),
                 model->onPrem ? tr("inside the organisation") : tr("with an outside provider"),
                 QLocale().toString(model->contextWindow), model->trainingDataCutoff.toHtmlEscaped(),
                 formatCost(model->costPer1kInput), formatCost(model->costPer1kOutput),
                 model->intendedUse.toHtmlEscaped())
            .arg(limits.join(QString())));
}

void NewAppWizard::initializePage(int id)
{
    // -1: an answer on the purpose page changed.
    if (id == PurposePage || id == -1) {
        const Result<QJsonObject> filled = catalog::instantiate(m_template, answers());
        m_purposePreview->setText(filled.ok()
                                      ? tr("Purpose: %1").arg(filled->value(QStringLiteral("purpose")).toString())
                                      : tr("Purpose: (answer the questions above)"));
    }
    if (id == ReviewPage) {
        m_error->hide();
        const Result<QByteArray> text = generateManifest();
        if (text.ok()) {
            m_workbench->setManifestText(QString::fromUtf8(*text));
        } else {
            m_error->showMessage(tr("Some answers cannot be used: %1").arg(text.error().message),
                                 text.error().toString());
        }
    }
    if (id >= 0)
        QWizard::initializePage(id);
}

bool NewAppWizard::validateCurrentPage()
{
    if (currentId() == PurposePage && !m_name->hasAcceptableInput()) {
        m_name->setFocus();
        return false;
    }
    if (currentId() == ConnectorsPage && m_connectorsProblem->isVisible())
        return false;
    return QWizard::validateCurrentPage();
}

void NewAppWizard::accept()
{
    if (m_saving)
        return;
    m_workbench->checkNow();
    if (!m_workbench->isValid()) {
        m_error->showMessage(tr("Fix the problems marked in the manifest before saving."));
        return;
    }
    if (!m_agent || !m_agent->isConnected()) {
        m_error->showError(makeError(QStringLiteral("agent.disconnected"), tr("not connected to the agent")));
        return;
    }
    m_saving = true;
    button(QWizard::FinishButton)->setEnabled(false);
    m_agent->call(QStringLiteral("apps.save"), {{QStringLiteral("manifest"), m_workbench->manifestText()}}, this,
                  [this](const Result<QJsonValue>& result) {
                      m_saving = false;
                      button(QWizard::FinishButton)->setEnabled(true);
                      if (!result.ok()) {
                          m_error->showError(result.error());
                          return;
                      }
                      m_saved = result->toObject();
                      Q_EMIT appSaved(m_saved.value(QStringLiteral("name")).toString());
                      QWizard::accept();
                  });
}

} // namespace corral::ui
