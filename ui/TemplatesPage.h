// SPDX-License-Identifier: Apache-2.0
// The Templates page: the gallery of curated templates with search and a category filter,
// and a read-only preview of the selected template's manifest. Shows an empty state when
// nothing matches and an error panel when the templates folder cannot be loaded.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace corral::ui {

class ElidedLabel;
class ManifestEditor;
class TemplateFilterModel;
class TemplateGalleryView;
class TemplateListModel;

class TemplatesPage : public QWidget
{
    Q_OBJECT
public:
    explicit TemplatesPage(QWidget* parent = nullptr);

    // Loads (or reloads) the templates in `dir`; on failure the error panel shows the reason.
    void loadTemplates(const QString& dir);

    void setSearchText(const QString& text);
    // Selects the card of template `id`; false when it is not shown.
    bool selectTemplate(const QString& id);
    QString currentTemplateId() const;
    void focusSearch();

    TemplateListModel* templateModel() const { return m_model; }
    TemplateFilterModel* filterModel() const { return m_filter; }

Q_SIGNALS:
    void currentTemplateChanged(const QString& id);
    // "Use this template" (the button, or Enter / a double click on a card).
    void useTemplateRequested(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createGalleryPane();
    QWidget* createPreviewPane();
    QWidget* createErrorPanel();
    void rebuildCategories();
    void updateVisibleState();
    void ensureSelection();
    void showPreview(const QModelIndex& proxyIndex);
    void clearFilters();

    TemplateListModel* m_model;
    TemplateFilterModel* m_filter;

    QLineEdit* m_search = nullptr;
    QComboBox* m_category = nullptr;
    QStackedWidget* m_pages = nullptr;        // content or error panel
    QStackedWidget* m_galleryStack = nullptr; // gallery or empty state
    TemplateGalleryView* m_gallery = nullptr;
    QWidget* m_content = nullptr;
    QWidget* m_emptyState = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QPushButton* m_clearFilters = nullptr;
    ElidedLabel* m_previewTitle = nullptr;
    ElidedLabel* m_previewDetails = nullptr;
    QLabel* m_editorLabel = nullptr;
    ManifestEditor* m_editor = nullptr;
    QPushButton* m_useTemplate = nullptr;
    QWidget* m_errorPanel = nullptr;
    QLabel* m_errorSummary = nullptr;
    QLabel* m_errorMessage = nullptr;
    QLabel* m_errorDetails = nullptr;
};

} // namespace corral::ui
