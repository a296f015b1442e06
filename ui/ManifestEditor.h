// SPDX-License-Identifier: Apache-2.0
// The studio's JSON editor for manifests: QScintilla with the JSON lexer, line numbers,
// folding, and fonts and colours taken from the current palette (re-applied whenever the
// palette changes, so it follows light and dark schemes).
#pragma once

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

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void updateMarginWidth();

    QsciLexerJSON* m_lexer = nullptr;
};

} // namespace corral::ui
