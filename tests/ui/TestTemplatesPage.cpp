// SPDX-License-Identifier: Apache-2.0
#include "ManifestEditor.h"
#include "Paths.h"
#include "TemplateFilterModel.h"
#include "TemplateGalleryView.h"
#include "TemplateListModel.h"
#include "TemplatesPage.h"
#include "UiTestSupport.h"
#include "catalog/TemplateCatalog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::ui;

class TestTemplatesPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void showsEveryShippedTemplate();
    void selectsTheFirstCardAndPreviewsIt();
    void clickingACardShowsItsManifest();
    void editorIsReadOnly();
    void arrowKeysMoveTheSelection();
    void searchBoxNarrowsTheGallery();
    void categoryFilterNarrowsTheGallery();
    void noMatchShowsTheEmptyState();
    void clearFiltersRestoresTheGallery();
    void brokenFolderShowsTheErrorPanel();
    void missingFolderShowsTheErrorPanel();
    void retryLoadsOnceTheFolderIsFixed();
    void widgetsHaveNamesForTestsAndScreenReaders();
    void useThisTemplateAsksForTheWizard();

private:
    template <typename T> T* child(const char* name) const
    {
        T* widget = m_page->findChild<T*>(QLatin1String(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }
    QString expectedPreview(const QString& dir, const QString& id) const;
    bool showPage(const QString& dir);

    QTemporaryDir* m_dir = nullptr;
    TemplatesPage* m_page = nullptr;
};

void TestTemplatesPage::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(test::writeTemplates(m_dir->path(), test::fixtureTemplates()));
}

void TestTemplatesPage::cleanup()
{
    delete m_page;
    m_page = nullptr;
    delete m_dir;
    m_dir = nullptr;
}

bool TestTemplatesPage::showPage(const QString& dir)
{
    m_page = new TemplatesPage;
    m_page->resize(1100, 700);
    m_page->loadTemplates(dir);
    m_page->show();
    return QTest::qWaitForWindowExposed(m_page);
}

QString TestTemplatesPage::expectedPreview(const QString& dir, const QString& id) const
{
    const Result<catalog::TemplateCatalog> catalog = catalog::TemplateCatalog::load(dir);
    if (!catalog || !catalog->find(id))
        return {};
    const Result<QJsonObject> manifest = catalog::previewManifest(*catalog->find(id));
    return manifest ? QString::fromUtf8(catalog::formatManifest(*manifest)) : QString();
}

void TestTemplatesPage::showsEveryShippedTemplate()
{
    QVERIFY(showPage(paths::templatesDir()));
    auto* gallery = child<TemplateGalleryView>("templateGallery");
    QCOMPARE(gallery->model()->rowCount(), test::shippedTemplateIds().size());
    QVERIFY(gallery->isVisible());
    QVERIFY(!child<QWidget>("errorPanel")->isVisible());
    // The category filter offers "All categories" plus each category once.
    const Result<catalog::TemplateCatalog> catalog = catalog::TemplateCatalog::load(paths::templatesDir());
    QVERIFY(catalog.ok());
    QCOMPARE(child<QComboBox>("categoryFilter")->count(), catalog->categories().size() + 1);
}

void TestTemplatesPage::selectsTheFirstCardAndPreviewsIt()
{
    QVERIFY(showPage(m_dir->path()));
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("expense-report"));
    auto* editor = child<ManifestEditor>("manifestEditor");
    QCOMPARE(editor->text(), expectedPreview(m_dir->path(), QStringLiteral("expense-report")));
    QCOMPARE(child<QWidget>("previewTitle")->property("text").toString(), QStringLiteral("Expense report checker"));
    QCOMPARE(child<QWidget>("previewDetails")->property("text").toString(),
             QStringLiteral("expense-report \u00b7 version 1.2.0 \u00b7 Finance"));
}

void TestTemplatesPage::clickingACardShowsItsManifest()
{
    QVERIFY(showPage(m_dir->path()));
    auto* gallery = child<TemplateGalleryView>("templateGallery");
    QSignalSpy changed(m_page, &TemplatesPage::currentTemplateChanged);
    const QModelIndex meeting = gallery->model()->index(2, 0);
    QCOMPARE(meeting.data(TemplateListModel::IdRole).toString(), QStringLiteral("meeting-notes"));
    const QRect rect = gallery->visualRect(meeting);
    QVERIFY(gallery->viewport()->rect().contains(rect.center()));
    QTest::mouseClick(gallery->viewport(), Qt::LeftButton, {}, rect.center());

    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("meeting-notes"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("meeting-notes"));
    const QString text = child<ManifestEditor>("manifestEditor")->text();
    QCOMPARE(text, expectedPreview(m_dir->path(), QStringLiteral("meeting-notes")));
    QVERIFY(text.contains(QStringLiteral("\"name\": \"meeting-notes\"")));
    QVERIFY(gallery->selectionModel()->isSelected(meeting));
}

void TestTemplatesPage::editorIsReadOnly()
{
    QVERIFY(showPage(m_dir->path()));
    auto* editor = child<ManifestEditor>("manifestEditor");
    QVERIFY(editor->isReadOnly());
    const QString before = editor->text();
    QVERIFY(!before.isEmpty());
    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("hello"));
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(editor->text(), before);
    // Still read-only after showing another template.
    QVERIFY(m_page->selectTemplate(QStringLiteral("policy-qa")));
    QVERIFY(editor->isReadOnly());
    QCOMPARE(editor->text(), expectedPreview(m_dir->path(), QStringLiteral("policy-qa")));
}

void TestTemplatesPage::arrowKeysMoveTheSelection()
{
    QVERIFY(showPage(m_dir->path()));
    auto* gallery = child<TemplateGalleryView>("templateGallery");
    auto* editor = child<ManifestEditor>("manifestEditor");
    gallery->setFocus();
    QVERIFY(gallery->hasFocus());
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("expense-report"));

    // Cards flow left to right: Right moves to the next title, Left back.
    QTest::keyClick(gallery, Qt::Key_Right);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("invoice-digest"));
    QCOMPARE(editor->text(), expectedPreview(m_dir->path(), QStringLiteral("invoice-digest")));
    QTest::keyClick(gallery, Qt::Key_Left);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("expense-report"));

    // Down moves one row down: as many cards as fit in a row.
    int perRow = 0;
    while (gallery->visualRect(gallery->model()->index(perRow, 0)).top() ==
           gallery->visualRect(gallery->model()->index(0, 0)).top())
        ++perRow;
    // At this width the cards fill two columns edge to edge.
    QCOMPARE(perRow, 2);
    QVERIFY(perRow >= 1 && perRow < 6);
    QTest::keyClick(gallery, Qt::Key_Down);
    QCOMPARE(gallery->currentIndex().row(), perRow);
    QTest::keyClick(gallery, Qt::Key_End);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("sales-digest"));
    QTest::keyClick(gallery, Qt::Key_Home);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("expense-report"));
    QVERIFY(gallery->selectionModel()->isSelected(gallery->currentIndex()));

    // From the search box, Down goes to the cards; Tab order reaches the editor.
    auto* search = child<QLineEdit>("templateSearch");
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Down);
    QVERIFY(gallery->hasFocus());
}

void TestTemplatesPage::searchBoxNarrowsTheGallery()
{
    QVERIFY(showPage(m_dir->path()));
    auto* gallery = child<TemplateGalleryView>("templateGallery");
    auto* search = child<QLineEdit>("templateSearch");
    QTest::keyClicks(search, QStringLiteral("digest"));
    QCOMPARE(gallery->model()->rowCount(), 2);
    // The selection moves to a visible card and the preview follows it.
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("invoice-digest"));
    QCOMPARE(child<ManifestEditor>("manifestEditor")->text(),
             expectedPreview(m_dir->path(), QStringLiteral("invoice-digest")));
    QTest::keyClicks(search, QStringLiteral(" weekly"));
    QCOMPARE(gallery->model()->rowCount(), 1);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("sales-digest"));
    // Escape clears the search.
    QTest::keyClick(search, Qt::Key_Escape);
    QCOMPARE(search->text(), QString());
    QCOMPARE(gallery->model()->rowCount(), 6);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("sales-digest"));
}

void TestTemplatesPage::categoryFilterNarrowsTheGallery()
{
    QVERIFY(showPage(m_dir->path()));
    auto* gallery = child<TemplateGalleryView>("templateGallery");
    auto* category = child<QComboBox>("categoryFilter");
    QCOMPARE(category->count(), 5);
    QCOMPARE(category->itemText(0), QStringLiteral("All categories"));
    QCOMPARE(category->itemText(2), QStringLiteral("HR"));
    category->setCurrentIndex(2);
    QCOMPARE(gallery->model()->rowCount(), 2);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("policy-qa"));
    QTest::keyClicks(child<QLineEdit>("templateSearch"), QStringLiteral("itinerary"));
    QCOMPARE(gallery->model()->rowCount(), 1);
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("travel-planner"));
    category->setCurrentIndex(0);
    QCOMPARE(gallery->model()->rowCount(), 1);
}

void TestTemplatesPage::noMatchShowsTheEmptyState()
{
    QVERIFY(showPage(m_dir->path()));
    QTest::keyClicks(child<QLineEdit>("templateSearch"), QStringLiteral("xyz"));
    QVERIFY(child<QWidget>("emptyState")->isVisible());
    QVERIFY(!child<QWidget>("templateGallery")->isVisible());
    QCOMPARE(child<QLabel>("emptyStateLabel")->text(), QStringLiteral("No templates match \u201cxyz\u201d."));
    QVERIFY(child<QPushButton>("clearFiltersButton")->isVisible());
    QCOMPARE(m_page->currentTemplateId(), QString());
    QCOMPARE(child<ManifestEditor>("manifestEditor")->text(), QString());
    QVERIFY(!child<ManifestEditor>("manifestEditor")->isVisible());
    QCOMPARE(child<QWidget>("previewTitle")->property("text").toString(), QStringLiteral("No template selected"));

    child<QComboBox>("categoryFilter")->setCurrentIndex(1);
    QCOMPARE(child<QLabel>("emptyStateLabel")->text(),
             QStringLiteral("No templates in Finance match \u201cxyz\u201d."));
}

void TestTemplatesPage::clearFiltersRestoresTheGallery()
{
    QVERIFY(showPage(m_dir->path()));
    child<QComboBox>("categoryFilter")->setCurrentIndex(4);
    QTest::keyClicks(child<QLineEdit>("templateSearch"), QStringLiteral("nothing like this"));
    QVERIFY(child<QWidget>("emptyState")->isVisible());
    QTest::mouseClick(child<QPushButton>("clearFiltersButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>("templateSearch")->text(), QString());
    QCOMPARE(child<QComboBox>("categoryFilter")->currentIndex(), 0);
    QVERIFY(child<QWidget>("templateGallery")->isVisible());
    QVERIFY(child<ManifestEditor>("manifestEditor")->isVisible());
    QCOMPARE(child<TemplateGalleryView>("templateGallery")->model()->rowCount(), 6);
    // Clearing the search first brought back the one Sales card, which got selected.
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("sales-digest"));
    QVERIFY(child<QWidget>("templateGallery")->hasFocus());
}

void TestTemplatesPage::brokenFolderShowsTheErrorPanel()
{
    QFile broken(m_dir->path() + QStringLiteral("/policy-qa/template.json"));
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("{ \"id\": \"policy-qa\", ");
    broken.close();
    const Result<catalog::TemplateCatalog> expected = catalog::TemplateCatalog::load(m_dir->path());
    QVERIFY(!expected.ok());

    QVERIFY(showPage(m_dir->path()));
    QVERIFY(child<QWidget>("errorPanel")->isVisible());
    QVERIFY(!child<QWidget>("templateGallery")->isVisible());
    QCOMPARE(child<QLabel>("errorTitle")->text(), QStringLiteral("The templates could not be loaded"));
    QCOMPARE(child<QLabel>("errorMessage")->text(), expected.error().message);
    QVERIFY(child<QLabel>("errorMessage")->text().startsWith(broken.fileName() + QStringLiteral(":")));
    QVERIFY(child<QLabel>("errorSummary")
                ->text()
                .startsWith(QStringLiteral("One of the templates is damaged or incomplete, so none can be shown.")));
    // Folder and error code are one click away.
    auto* details = child<QLabel>("errorDetails");
    QVERIFY(!details->isVisible());
    QTest::mouseClick(child<QPushButton>("errorDetailsButton"), Qt::LeftButton);
    QVERIFY(details->isVisible());
    QCOMPARE(details->text(), QStringLiteral("Folder: %1\nError code: %2").arg(m_dir->path(), expected.error().code));
    QCOMPARE(child<QPushButton>("errorDetailsButton")->text(), QStringLiteral("Hide technical details"));
    QTest::mouseClick(child<QPushButton>("errorDetailsButton"), Qt::LeftButton);
    QVERIFY(!details->isVisible());
    QVERIFY(!child<QLineEdit>("templateSearch")->isEnabled());
    QVERIFY(!child<QComboBox>("categoryFilter")->isEnabled());
    QCOMPARE(m_page->currentTemplateId(), QString());
}

void TestTemplatesPage::missingFolderShowsTheErrorPanel()
{
    const QString missing = m_dir->path() + QStringLiteral("/nowhere");
    QVERIFY(showPage(missing));
    QVERIFY(child<QWidget>("errorPanel")->isVisible());
    QCOMPARE(child<QLabel>("errorMessage")->text(), missing + QStringLiteral(": template folder does not exist"));
    QCOMPARE(child<QLabel>("errorSummary")->text(),
             QStringLiteral("Corral cannot find or read its templates folder. Reinstalling Corral restores it."));
    QCOMPARE(child<QLabel>("errorDetails")->text(), QStringLiteral("Folder: %1\nError code: catalog.io").arg(missing));
}

void TestTemplatesPage::retryLoadsOnceTheFolderIsFixed()
{
    const QString later = m_dir->path() + QStringLiteral("/later");
    QVERIFY(showPage(later));
    QVERIFY(child<QWidget>("errorPanel")->isVisible());
    QVERIFY(test::writeTemplates(later, test::fixtureTemplates().mid(0, 3)));
    QTest::mouseClick(child<QPushButton>("retryButton"), Qt::LeftButton);
    QVERIFY(!child<QWidget>("errorPanel")->isVisible());
    QVERIFY(child<QWidget>("templateGallery")->isVisible());
    QCOMPARE(child<TemplateGalleryView>("templateGallery")->model()->rowCount(), 3);
    QVERIFY(child<QLineEdit>("templateSearch")->isEnabled());
    QCOMPARE(m_page->currentTemplateId(), QStringLiteral("expense-report"));
}

void TestTemplatesPage::widgetsHaveNamesForTestsAndScreenReaders()
{
    QVERIFY(showPage(m_dir->path()));
    for (const char* name : {"templateSearch", "categoryFilter", "templateGallery", "manifestEditor"}) {
        QWidget* widget = child<QWidget>(name);
        QVERIFY2(widget, name);
        QVERIFY2(!widget->accessibleName().isEmpty(), name);
        QVERIFY2(widget->focusPolicy() & Qt::TabFocus, name);
    }
    // Tab walks search -> category -> gallery -> "Use this template" -> editor.
    child<QLineEdit>("templateSearch")->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QWidget>("categoryFilter"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QWidget>("templateGallery"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QWidget>("useTemplateButton"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QWidget>("manifestEditor"));
}

void TestTemplatesPage::useThisTemplateAsksForTheWizard()
{
    QVERIFY(showPage(m_dir->path()));
    QSignalSpy used(m_page, &TemplatesPage::useTemplateRequested);
    const QString id = m_page->currentTemplateId();
    QVERIFY(!id.isEmpty());
    QTest::mouseClick(child<QPushButton>("useTemplateButton"), Qt::LeftButton);
    QCOMPARE(used.size(), 1);
    QCOMPARE(used.at(0).at(0).toString(), id);
    // Enter on a card does the same.
    child<QWidget>("templateGallery")->setFocus();
    QTest::keyClick(child<QWidget>("templateGallery"), Qt::Key_Return);
    QCOMPARE(used.size(), 2);
    QCOMPARE(used.at(1).at(0).toString(), id);
}

QTEST_MAIN(TestTemplatesPage)
#include "TestTemplatesPage.moc"
