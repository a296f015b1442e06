// SPDX-License-Identifier: Apache-2.0
#include "ManifestEditor.h"
#include "Theme.h"

#include <QApplication>
#include <QTest>
#include <Qsci/qscilexerjson.h>

using namespace corral::ui;

namespace {

const QString kManifest =
    QStringLiteral("{\n  \"name\": \"demo\",\n  \"steps\": [\n    {\n      \"id\": \"read\"\n    }\n  ]\n}\n");

} // namespace

class TestManifestEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void usesJsonLexerWithLineNumbersAndFolding();
    void setManifestTextWorksWhenReadOnly();
    void readOnlyRejectsTyping();
    void followsPaletteChanges();
};

void TestManifestEditor::usesJsonLexerWithLineNumbersAndFolding()
{
    ManifestEditor editor;
    QVERIFY(qobject_cast<QsciLexerJSON*>(editor.lexer()));
    QVERIFY(editor.marginLineNumbers(0));
    QVERIFY(editor.marginWidth(0) > 0);
    QCOMPARE(editor.folding(), QsciScintilla::BoxedTreeFoldStyle);
    QCOMPARE(editor.objectName(), QStringLiteral("manifestEditor"));
    QVERIFY(!editor.accessibleName().isEmpty());
}

void TestManifestEditor::setManifestTextWorksWhenReadOnly()
{
    ManifestEditor editor;
    editor.setReadOnly(true);
    editor.setManifestText(kManifest);
    QCOMPARE(editor.text(), kManifest);
    QVERIFY(editor.isReadOnly());
    QCOMPARE(editor.lines(), 9);
    int line = -1;
    int index = -1;
    editor.getCursorPosition(&line, &index);
    QCOMPARE(line, 0);
    // Folding works on the JSON structure: the "steps" array can be folded.
    editor.foldLine(2);
    QVERIFY(!editor.SendScintilla(QsciScintillaBase::SCI_GETLINEVISIBLE, 4));
}

void TestManifestEditor::readOnlyRejectsTyping()
{
    ManifestEditor editor;
    editor.setReadOnly(true);
    editor.setManifestText(kManifest);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setFocus();
    QTest::keyClicks(&editor, QStringLiteral("xyz"));
    QTest::keyClick(&editor, Qt::Key_Delete);
    QTest::keyClick(&editor, Qt::Key_Return);
    QCOMPARE(editor.text(), kManifest);
}

void TestManifestEditor::followsPaletteChanges()
{
    ManifestEditor editor;
    editor.setPalette(theme::lightPalette());
    QCOMPARE(editor.lexer()->defaultPaper(), theme::lightPalette().color(QPalette::Base));
    editor.setPalette(theme::darkPalette());
    QCOMPARE(editor.lexer()->defaultPaper(), theme::darkPalette().color(QPalette::Base));
    QCOMPARE(editor.lexer()->color(QsciLexerJSON::Property), theme::syntaxColors(theme::darkPalette()).property);
    QCOMPARE(editor.lexer()->paper(QsciLexerJSON::String), theme::darkPalette().color(QPalette::Base));
}

QTEST_MAIN(TestManifestEditor)
#include "TestManifestEditor.moc"
