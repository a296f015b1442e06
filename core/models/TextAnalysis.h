// SPDX-License-Identifier: Apache-2.0
// Text analysis for the extractive model: sentence splitting that survives office text
// (abbreviations, initials, decimals, bullet lists, headings) and word normalisation
// (lower case, stop words, light suffix stemming). Deterministic and locale-independent.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace corral::models {

struct Sentence
{
    QString text;
    int paragraph = 0;    // index of the block (paragraph, bullet item, heading)
    bool heading = false; // a title line, kept for context but not summarised
    bool bullet = false;  // an item of a bulleted or numbered list
    bool firstInParagraph = false;
};

// Splits `text` into sentences. Blocks are separated by blank lines; each bullet item
// ("- ", "* ", "• ", "1. ", "2) ", "a) ") is its own block; a "#" line or a short line
// without final punctuation standing alone is a heading; other lines of a block are
// joined. Inside a block, a sentence ends at '.', '!' or '?' (plus closing quotes or
// brackets) followed by a space and an upper-case letter, a digit, a quote or a bracket,
// except after a known abbreviation ("Dr.", "e.g.", "vs.", "Inc.", month names) or a
// single-letter initial. Decimals ("3.5") never split, having no space after the point.
QList<Sentence> splitSentences(const QString& text);

// Lower-cased, stemmed words (letters and digits; "12.5" and "1,200" stay whole), stop
// words included: for phrase matching and negation.
QStringList words(QStringView text);
// words() without stop words: the terms that carry meaning, for ranking.
QStringList terms(QStringView text);

bool isStopword(const QString& lowerWord);
// Light suffix stemming: plural "-ies"/"-es"/"-s", "-ing", "-ed", "-ly" and a final
// silent "e", so "outages"/"outage" and "crashed"/"crashing"/"crash" meet. Words of four
// letters or fewer and numbers are left alone.
QString stem(const QString& lowerWord);
// True for a word that negates what follows ("no", "never", "without", "none", ...).
// "not" is left out on purpose: complaints are phrased with it ("could not log in",
// "not responding"), and there it confirms the problem rather than denying it.
bool isNegation(const QString& lowerWord);

} // namespace corral::models
