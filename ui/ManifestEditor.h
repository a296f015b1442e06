// SPDX-License-Identifier: Apache-2.0
// The studio's JSON editor for manifests: QScintilla with the JSON lexer, line numbers,
// folding, and fonts and colours taken from the current palette (re-applied whenever the
// palette changes, so it follows light and dark schemes). Validation problems appear as a
// marker in the margin, a squiggle at their line and column, and an annotation below the line.
#pragma once

#include <QList>
#include <Qsci/qsciscintilla.h>

class QsciLexerJSON;

namespace corral::ui {

class ManifestEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit ManifestEditor(QWidget* parent = nullptr);

    // Replaces the whole text, scrolls to the top and widens the line-number margin to fit.
    void setManifestText(const QString& text);

    struct Problem
    {
        int line = 1;   // 1-based
        int column = 1; // 1-based, in characters
        QString message;
    };
    // Replaces the shown problems (an empty list clears them).
    void setProblems(const QList<Problem>& problems);
    const QList<Problem>& problems() const { return m_problems; }
    // The lines (1-based) that carry a problem marker.
    QList<int> markedLines() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void updateMarginWidth();

    QsciLexerJSON* m_lexer = nullptr;
    QList<Problem> m_problems;
};

} // namespace corral::ui
