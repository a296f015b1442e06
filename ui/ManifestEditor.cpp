// SPDX-License-Identifier: Apache-2.0
#include "ManifestEditor.h"

#include "Theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHash>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscistyle.h>

namespace corral::ui {

namespace {

constexpr int kLineNumberMargin = 0;
constexpr int kMarkerMargin = 1;
constexpr int kFoldMargin = 2;
constexpr int kErrorMarker = 0;
constexpr int kErrorIndicator = 8; // indicators 0-7 belong to lexers

} // namespace

ManifestEditor::ManifestEditor(QWidget* parent) : QsciScintilla(parent), m_lexer(new QsciLexerJSON(this))
{
    setObjectName(QStringLiteral("manifestEditor"));
    setAccessibleName(tr("Manifest"));
    setUtf8(true);
    setLexer(m_lexer);
    setMarginType(kLineNumberMargin, QsciScintilla::NumberMargin);
    setMarginLineNumbers(kLineNumberMargin, true);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, kFoldMargin);
    setIndentationGuides(true);
    setIndentationsUseTabs(false);
    setTabWidth(2);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    // Long prompt texts wrap under their key instead of hiding behind a horizontal scroll.
    setWrapMode(QsciScintilla::WrapWord);
    setWrapIndentMode(QsciScintilla::WrapIndentIndented);
    setCaretLineVisible(true);
    markerDefine(QsciScintilla::Circle, kErrorMarker);
    setMarginType(kMarkerMargin, QsciScintilla::SymbolMargin);
    setMarginMarkerMask(kMarkerMargin, 1 << kErrorMarker);
    setMarginWidth(kMarkerMargin, fontMetrics().height());
    setMarginSensitivity(kMarkerMargin, false);
    indicatorDefine(QsciScintilla::SquiggleIndicator, kErrorIndicator);
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    applyPalette();
}

void ManifestEditor::setManifestText(const QString& text)
{
    const bool wasReadOnly = isReadOnly();
    setReadOnly(false);
    setText(text);
    setReadOnly(wasReadOnly);
    // Manifests are small: style the whole text now so folding works before the first paint.
    SendScintilla(SCI_COLOURISE, 0, -1);
    setCursorPosition(0, 0);
    ensureLineVisible(0);
    updateMarginWidth();
}

void ManifestEditor::setProblems(const QList<Problem>& problems)
{
    m_problems = problems;
    markerDeleteAll(kErrorMarker);
    clearAnnotations();
    clearIndicatorRange(0, 0, qMax(0, lines() - 1), lineLength(qMax(0, lines() - 1)), kErrorIndicator);
    const QColor error = theme::syntaxColors(palette()).error;
    const QsciStyle style(-1, QStringLiteral("problem"), error, palette().color(QPalette::Base), font());
    QHash<int, QStringList> byLine;
    for (const Problem& problem : problems) {
        const int line = qBound(0, problem.line - 1, qMax(0, lines() - 1));
        markerAdd(line, kErrorMarker);
        // Underline from the column to the end of the token (or the line).
        const QString text = this->text(line);
        int start = qBound(0, problem.column - 1, int(text.size()));
        int end = start;
        while (end < text.size() && !text.at(end).isSpace() && text.at(end) != QLatin1Char(','))
            ++end;
        if (end == start)
            end = qMin(int(text.size()), start + 1);
        fillIndicatorRange(line, start, line, end, kErrorIndicator);
        byLine[line].append(QStringLiteral("%1:%2: %3").arg(problem.line).arg(problem.column).arg(problem.message));
    }
    for (auto it = byLine.cbegin(); it != byLine.cend(); ++it)
        annotate(it.key(), it.value().join(QLatin1Char('\n')), style);
}

QList<int> ManifestEditor::markedLines() const
{
    QList<int> result;
    for (int line = markerFindNext(0, 1 << kErrorMarker); line >= 0; line = markerFindNext(line + 1, 1 << kErrorMarker))
        result.append(line + 1);
    return result;
}

void ManifestEditor::changeEvent(QEvent* event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void ManifestEditor::applyPalette()
{
    const QPalette pal = palette();
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF());
    const theme::SyntaxColors syntax = theme::syntaxColors(pal);

    m_lexer->setDefaultFont(mono);
    m_lexer->setFont(mono);
    m_lexer->setDefaultPaper(pal.color(QPalette::Base));
    m_lexer->setPaper(pal.color(QPalette::Base));
    m_lexer->setDefaultColor(pal.color(QPalette::Text));
    m_lexer->setColor(pal.color(QPalette::Text));
    m_lexer->setColor(syntax.property, QsciLexerJSON::Property);
    m_lexer->setColor(syntax.string, QsciLexerJSON::String);
    m_lexer->setColor(syntax.string, QsciLexerJSON::IRI);
    m_lexer->setColor(syntax.string, QsciLexerJSON::IRICompact);
    m_lexer->setColor(syntax.number, QsciLexerJSON::Number);
    m_lexer->setColor(syntax.keyword, QsciLexerJSON::Keyword);
    m_lexer->setColor(syntax.keyword, QsciLexerJSON::KeywordLD);
    m_lexer->setColor(syntax.operatorColor, QsciLexerJSON::Operator);
    m_lexer->setColor(syntax.error, QsciLexerJSON::UnclosedString);
    m_lexer->setColor(syntax.error, QsciLexerJSON::Error);
    m_lexer->setColor(pal.color(QPalette::PlaceholderText), QsciLexerJSON::CommentLine);
    m_lexer->setColor(pal.color(QPalette::PlaceholderText), QsciLexerJSON::CommentBlock);

    const QColor margin = pal.color(QPalette::Window);
    setMarginsFont(mono);
    setMarginsBackgroundColor(margin);
    setMarginsForegroundColor(pal.color(QPalette::PlaceholderText));
    setFoldMarginColors(margin, margin);
    setMarkerBackgroundColor(pal.color(QPalette::PlaceholderText));
    setMarkerForegroundColor(pal.color(QPalette::Base));
    setMarkerBackgroundColor(syntax.error, kErrorMarker);
    setMarkerForegroundColor(syntax.error, kErrorMarker);
    setIndicatorForegroundColor(syntax.error, kErrorIndicator);
    setCaretForegroundColor(pal.color(QPalette::Text));
    QColor caretLine = pal.color(QPalette::Highlight);
    caretLine.setAlpha(theme::isDark(pal) ? 50 : 28);
    setCaretLineBackgroundColor(caretLine);
    setSelectionBackgroundColor(pal.color(QPalette::Highlight));
    setSelectionForegroundColor(pal.color(QPalette::HighlightedText));
    setMatchedBraceBackgroundColor(caretLine);
    setMatchedBraceForegroundColor(pal.color(QPalette::Text));
    setIndentationGuidesBackgroundColor(pal.color(QPalette::Base));
    setIndentationGuidesForegroundColor(pal.color(QPalette::Mid));
    setPaper(pal.color(QPalette::Base));
    setColor(pal.color(QPalette::Text));
    updateMarginWidth();
}

void ManifestEditor::updateMarginWidth()
{
    // Room for at least three digits plus one, so the margin does not jump while scrolling.
    const QString digits = QString(std::max(3, int(QString::number(lines()).size())) + 1, QLatin1Char('9'));
    setMarginWidth(kLineNumberMargin, digits);
}

} // namespace corral::ui
