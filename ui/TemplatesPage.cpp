// SPDX-License-Identifier: Apache-2.0
#include "TemplatesPage.h"

#include "ElidedLabel.h"
#include "ManifestEditor.h"
#include "TemplateFilterModel.h"
#include "TemplateGalleryView.h"
#include "TemplateListModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace corral::ui {

namespace {

QFont scaledFont(const QFont& base, qreal factor, bool bold)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

QLabel* wrappingLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

TemplatesPage::TemplatesPage(QWidget* parent)
    : QWidget(parent), m_model(new TemplateListModel(this)), m_filter(new TemplateFilterModel(this))
{
    setObjectName(QStringLiteral("templatesPage"));
    m_filter->setSourceModel(m_model);

    auto* heading = new QLabel(tr("Templates"), this);
    heading->setObjectName(QStringLiteral("pageHeading"));
    heading->setFont(scaledFont(font(), 1.5, true));
    heading->setAccessibleName(tr("Templates"));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("templateSearch"));
    m_search->setPlaceholderText(tr("Search templates"));
    m_search->setAccessibleName(tr("Search templates"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 28);
    m_search->installEventFilter(this);

    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_category->setAccessibleName(tr("Category"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    auto* header = new QHBoxLayout;
    header->addWidget(heading);
    header->addStretch(1);
    header->addWidget(m_search);
    header->addWidget(m_category);

    auto* intro = wrappingLabel(QStringLiteral("pageIntro"), this);
    intro->setText(tr("Start from a curated template. Select one to see the manifest it will create: the steps, "
                      "connectors and model your app will use."));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("galleryPreviewSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createGalleryPane());
    splitter->addWidget(createPreviewPane());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    // Fixed proportions, so hiding the editor (nothing selected) does not move the divider.
    const int em = fontMetrics().height();
    splitter->setSizes({em * 30, em * 20});
    m_content = splitter;

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("templatesStack"));
    m_pages->addWidget(m_content);
    m_pages->addWidget(createErrorPanel());

    auto* root = new QVBoxLayout(this);
    const int margin = fontMetrics().height();
    root->setContentsMargins(margin, margin / 2, margin, margin);
    root->addLayout(header);
    root->addWidget(intro);
    root->addWidget(m_pages, 1);

    setTabOrder(m_search, m_category);
    setTabOrder(m_category, m_gallery);
    setTabOrder(m_gallery, m_clearFilters);
    setTabOrder(m_clearFilters, m_useTemplate);
    setTabOrder(m_useTemplate, m_editor);
    connect(m_gallery, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT useTemplateRequested(index.data(TemplateListModel::IdRole).toString());
    });

    connect(m_search, &QLineEdit::textChanged, m_filter, &TemplateFilterModel::setSearchText);
    connect(m_category, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setCategory(m_category->currentData().toString()); });
    connect(m_filter, &TemplateFilterModel::filterChanged, this, [this] {
        ensureSelection();
        updateVisibleState();
    });
    connect(m_gallery->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showPreview(current); });
    connect(m_clearFilters, &QPushButton::clicked, this, &TemplatesPage::clearFilters);

    updateVisibleState();
}

QWidget* TemplatesPage::createGalleryPane()
{
    m_galleryStack = new QStackedWidget(this);
    m_galleryStack->setObjectName(QStringLiteral("galleryStack"));

    m_gallery = new TemplateGalleryView(m_galleryStack);
    m_gallery->setModel(m_filter);
    m_galleryStack->addWidget(m_gallery);

    m_emptyState = new QWidget(m_galleryStack);
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    m_emptyLabel = wrappingLabel(QStringLiteral("emptyStateLabel"), m_emptyState);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setFont(scaledFont(font(), 1.15, false));
    m_clearFilters = new QPushButton(tr("Clear search and filter"), m_emptyState);
    m_clearFilters->setObjectName(QStringLiteral("clearFiltersButton"));
    auto* emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyLabel);
    emptyLayout->addWidget(m_clearFilters, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    m_galleryStack->addWidget(m_emptyState);
    return m_galleryStack;
}

QWidget* TemplatesPage::createPreviewPane()
{
    auto* pane = new QWidget(this);
    pane->setObjectName(QStringLiteral("previewPanel"));

    m_previewTitle = new ElidedLabel(pane);
    m_previewTitle->setObjectName(QStringLiteral("previewTitle"));
    m_previewTitle->setFont(scaledFont(font(), 1.2, true));
    m_previewDetails = new ElidedLabel(pane);
    m_previewDetails->setObjectName(QStringLiteral("previewDetails"));
    m_previewDetails->setForegroundRole(QPalette::PlaceholderText);

    auto* editorLabel = new QLabel(tr("&Manifest preview (read-only)"), pane);
    editorLabel->setObjectName(QStringLiteral("manifestLabel"));
    m_editorLabel = editorLabel;
    m_editor = new ManifestEditor(pane);
    m_editor->setReadOnly(true);
    m_editor->setAccessibleName(tr("Manifest preview"));
    m_editor->setAccessibleDescription(tr("The manifest this template creates, read-only"));
    editorLabel->setBuddy(m_editor);

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_useTemplate = new QPushButton(tr("&Use this template…"), pane);
    m_useTemplate->setObjectName(QStringLiteral("useTemplateButton"));
    m_useTemplate->setToolTip(tr("Start the New app wizard with this template"));
    connect(m_useTemplate, &QPushButton::clicked, this, [this] {
        if (!currentTemplateId().isEmpty())
            Q_EMIT useTemplateRequested(currentTemplateId());
    });
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_previewTitle, 1);
    titleRow->addWidget(m_useTemplate);
    layout->addLayout(titleRow);
    layout->addWidget(m_previewDetails);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(editorLabel);
    layout->addWidget(m_editor, 1);
    layout->addStretch(0);
    pane->setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    return pane;
}

QWidget* TemplatesPage::createErrorPanel()
{
    m_errorPanel = new QWidget(this);
    m_errorPanel->setObjectName(QStringLiteral("errorPanel"));

    auto* icon = new QLabel(m_errorPanel);
    icon->setObjectName(QStringLiteral("errorIcon"));
    const int iconSize = fontMetrics().height() * 3;
    icon->setPixmap(
        QIcon(QStringLiteral(":/icons/status-warning.svg")).pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    icon->setAccessibleName(tr("Warning"));

    auto* title = wrappingLabel(QStringLiteral("errorTitle"), m_errorPanel);
    title->setText(tr("The templates could not be loaded"));
    title->setFont(scaledFont(font(), 1.3, true));
    m_errorSummary = wrappingLabel(QStringLiteral("errorSummary"), m_errorPanel);
    m_errorMessage = wrappingLabel(QStringLiteral("errorMessage"), m_errorPanel);
    m_errorMessage->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_errorDetails = wrappingLabel(QStringLiteral("errorDetails"), m_errorPanel);
    m_errorDetails->setForegroundRole(QPalette::PlaceholderText);
    m_errorDetails->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_errorDetails->hide();

    auto* details = new QPushButton(tr("Show technical details"), m_errorPanel);
    details->setObjectName(QStringLiteral("errorDetailsButton"));
    details->setCheckable(true);
    details->setFlat(true);
    connect(details, &QPushButton::toggled, this, [this, details](bool shown) {
        m_errorDetails->setVisible(shown);
        details->setText(shown ? tr("Hide technical details") : tr("Show technical details"));
    });
    auto* retry = new QPushButton(tr("&Try again"), m_errorPanel);
    retry->setObjectName(QStringLiteral("retryButton"));
    connect(retry, &QPushButton::clicked, this, [this] { loadTemplates(m_model->directory()); });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(retry);
    buttons->addWidget(details);
    buttons->addStretch(1);

    auto* text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(m_errorSummary);
    text->addSpacing(fontMetrics().height() / 2);
    text->addWidget(m_errorMessage);
    text->addWidget(m_errorDetails);
    text->addSpacing(fontMetrics().height() / 2);
    text->addLayout(buttons);

    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addSpacing(fontMetrics().height());
    row->addLayout(text, 6);
    row->addStretch(1);

    auto* layout = new QVBoxLayout(m_errorPanel);
    layout->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
    return m_errorPanel;
}

void TemplatesPage::loadTemplates(const QString& dir)
{
    const Result<void> loaded = m_model->load(dir);
    if (!loaded) {
        // First in plain words what happened and what helps, then the catalog's own message,
        // which names the file.
        m_errorSummary->setText(loaded.error().code == QLatin1String("catalog.io")
                                    ? tr("Corral cannot find or read its templates folder. Reinstalling Corral "
                                         "restores it.")
                                    : tr("One of the templates is damaged or incomplete, so none can be shown. Ask "
                                         "whoever maintains your templates to fix the file named below, or "
                                         "reinstall Corral to restore the shipped ones."));
        m_errorMessage->setText(loaded.error().message);
        m_errorDetails->setText(tr("Folder: %1\nError code: %2").arg(dir, loaded.error().code));
    }
    rebuildCategories();
    ensureSelection();
    updateVisibleState();
}

void TemplatesPage::rebuildCategories()
{
    const QString previous = m_category->currentData().toString();
    const QSignalBlocker blocker(m_category);
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    for (const QString& category : m_model->categories())
        m_category->addItem(category, category);
    const int index = m_category->findData(previous);
    m_category->setCurrentIndex(std::max(0, index));
    m_filter->setCategory(m_category->currentData().toString());
}

void TemplatesPage::updateVisibleState()
{
    const bool failed = m_model->loadError().has_value();
    m_pages->setCurrentWidget(failed ? m_errorPanel : m_content);
    m_search->setEnabled(!failed);
    m_category->setEnabled(!failed);
    if (failed)
        return;

    const bool empty = m_filter->rowCount() == 0;
    m_galleryStack->setCurrentWidget(empty ? m_emptyState : static_cast<QWidget*>(m_gallery));
    if (!empty)
        return;
    const QString search = m_filter->searchText().simplified();
    const QString category = m_category->currentIndex() > 0 ? m_category->currentText() : QString();
    if (m_model->rowCount() == 0)
        m_emptyLabel->setText(tr("There are no templates in %1 yet.").arg(m_model->directory()));
    else if (!search.isEmpty() && !category.isEmpty())
        m_emptyLabel->setText(tr("No templates in %2 match \u201c%1\u201d.").arg(search, category));
    else if (!search.isEmpty())
        m_emptyLabel->setText(tr("No templates match \u201c%1\u201d.").arg(search));
    else
        m_emptyLabel->setText(tr("No templates in %1.").arg(category));
    m_clearFilters->setVisible(m_model->rowCount() > 0);
}

void TemplatesPage::ensureSelection()
{
    const QModelIndex current = m_gallery->currentIndex();
    if (current.isValid()) {
        if (!m_gallery->selectionModel()->isSelected(current))
            m_gallery->selectionModel()->select(current, QItemSelectionModel::ClearAndSelect);
        showPreview(current);
        return;
    }
    if (m_filter->rowCount() > 0)
        m_gallery->setCurrentIndex(m_filter->index(0, 0));
    else
        showPreview({});
}

void TemplatesPage::showPreview(const QModelIndex& proxyIndex)
{
    // With nothing selected an empty editor would only look broken: hide it.
    m_editorLabel->setVisible(proxyIndex.isValid());
    m_editor->setVisible(proxyIndex.isValid());
    m_useTemplate->setEnabled(proxyIndex.isValid());
    if (!proxyIndex.isValid()) {
        m_previewTitle->setText(tr("No template selected"));
        m_previewDetails->setText(QString());
        m_editor->setManifestText(QString());
        Q_EMIT currentTemplateChanged(QString());
        return;
    }
    const QString id = proxyIndex.data(TemplateListModel::IdRole).toString();
    m_previewTitle->setText(proxyIndex.data(TemplateListModel::TitleRole).toString());
    m_previewDetails->setText(tr("%1 \u00b7 version %2 \u00b7 %3")
                                  .arg(id, proxyIndex.data(TemplateListModel::VersionRole).toString(),
                                       proxyIndex.data(TemplateListModel::CategoryRole).toString()));
    m_editor->setManifestText(proxyIndex.data(TemplateListModel::ManifestPreviewRole).toString());
    Q_EMIT currentTemplateChanged(id);
}

void TemplatesPage::clearFilters()
{
    m_search->clear();
    m_category->setCurrentIndex(0);
    m_gallery->setFocus();
}

void TemplatesPage::setSearchText(const QString& text)
{
    m_search->setText(text);
}

bool TemplatesPage::selectTemplate(const QString& id)
{
    const int sourceRow = m_model->rowOf(id);
    if (sourceRow < 0)
        return false;
    const QModelIndex proxyIndex = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    if (!proxyIndex.isValid())
        return false;
    m_gallery->setCurrentIndex(proxyIndex);
    m_gallery->scrollTo(proxyIndex, QAbstractItemView::PositionAtCenter);
    return true;
}

QString TemplatesPage::currentTemplateId() const
{
    return m_gallery->currentIndex().data(TemplateListModel::IdRole).toString();
}

void TemplatesPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool TemplatesPage::eventFilter(QObject* watched, QEvent* event)
{
    // From the search box, Down goes straight to the cards and Escape clears the search.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down && m_filter->rowCount() > 0) {
            m_gallery->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace corral::ui
