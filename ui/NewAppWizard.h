// SPDX-License-Identifier: Apache-2.0
// The New app wizard: template -> purpose -> connectors -> model -> data handling -> review.
// Answers fill the template's manifest skeleton locally (core/manifest); the catalogs come
// from the agent's policy.status so blocked connectors and models show why they are
// blocked; the review shows the manifest in the editor with the pre-deploy checks, and
// Save stores the app in the development stage with apps.save.
#pragma once

#include "Result.h"
#include "catalog/Template.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QWizard>
#include <functional>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListWidget;
class QTextBrowser;
class QVBoxLayout;

namespace corral::ui {

class AgentConnection;
class ErrorBanner;
class ManifestWorkbench;

class NewAppWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { TemplatePage, PurposePage, ConnectorsPage, ModelPage, DataPage, ReviewPage };
    Q_ENUM(PageId)

    NewAppWizard(AgentConnection* agent, catalog::Template tmpl, QWidget* parent = nullptr);

    // The creator's answers so far, keyed by question id.
    QJsonObject answers() const;
    // Sets one answer in its field (tests and screenshots).
    void setAnswer(const QString& questionId, const QString& value);
    QString appName() const;
    void setAppName(const QString& name);
    QString dataHandling() const;
    QStringList selectedConnectors() const;
    // The manifest from the current answers, as formatted text; errors from generation.
    Result<QByteArray> generateManifest() const;
    ManifestWorkbench* workbench() const { return m_workbench; }
    ErrorBanner* errorBanner() const { return m_error; }
    // The revision apps.save created, once saved.
    const QJsonObject& saved() const { return m_saved; }

    // Answers of policy.status applied to the connector and model pages (public for tests).
    void applyPolicy(const QJsonObject& status);

    void initializePage(int id) override;
    bool validateCurrentPage() override;

Q_SIGNALS:
    void appSaved(const QString& name);

public Q_SLOTS:
    void accept() override;

private:
    QWizardPage* createTemplatePage();
    QWizardPage* createPurposePage();
    QWizardPage* createConnectorsPage();
    QWizardPage* createModelPage();
    QWizardPage* createDataPage();
    QWizardPage* createReviewPage();
    QWidget* createQuestionField(const catalog::Question& question, QWidget* parent);
    void rebuildConnectors();
    void rebuildModels();
    void showModelCard();
    QString modelQuestionId() const;
    QString connectorOfFolder(const QString& questionId) const;

    AgentConnection* m_agent;
    catalog::Template m_template;
    QJsonObject m_skeleton; // the manifest with default answers, for what the template uses
    QHash<QString, std::function<QString()>> m_readers;
    QHash<QString, std::function<void(const QString&)>> m_writers;
    QJsonArray m_policyConnectors;
    QJsonArray m_policyModels;

    QLineEdit* m_name = nullptr;
    QLabel* m_purposePreview = nullptr;
    QListWidget* m_connectors = nullptr;
    QLabel* m_connectorsProblem = nullptr;
    QListWidget* m_models = nullptr;
    QTextBrowser* m_modelCard = nullptr;
    QButtonGroup* m_dataHandling = nullptr;
    ManifestWorkbench* m_workbench = nullptr;
    ErrorBanner* m_error = nullptr;
    QJsonObject m_saved;
    bool m_saving = false;
};

} // namespace corral::ui
