// SPDX-License-Identifier: Apache-2.0
#include "TextAnalysis.h"

#include <QRegularExpression>
#include <QSet>

namespace corral::models {

namespace {

const QSet<QString>& abbreviations()
{
    // Words that end with a point but rarely end a sentence, usually followed by a name,
    // a number or another capitalised word.
    static const QSet<QString> set{
        QStringLiteral("mr"),   QStringLiteral("mrs"),    QStringLiteral("ms"),   QStringLiteral("dr"),
        QStringLiteral("prof"), QStringLiteral("sr"),     QStringLiteral("jr"),   QStringLiteral("st"),
        QStringLiteral("vs"),   QStringLiteral("e.g"),    QStringLiteral("i.e"),  QStringLiteral("cf"),
        QStringLiteral("al"),   QStringLiteral("fig"),    QStringLiteral("figs"), QStringLiteral("no"),
        QStringLiteral("nos"),  QStringLiteral("approx"), QStringLiteral("dept"), QStringLiteral("est"),
        QStringLiteral("inc"),  QStringLiteral("ltd"),    QStringLiteral("corp"), QStringLiteral("co"),
        QStringLiteral("jan"),  QStringLiteral("feb"),    QStringLiteral("mar"),  QStringLiteral("apr"),
        QStringLiteral("jun"),  QStringLiteral("jul"),    QStringLiteral("aug"),  QStringLiteral("sep"),
        QStringLiteral("sept"), QStringLiteral("oct"),    QStringLiteral("nov"),  QStringLiteral("dec"),
        QStringLiteral("u.s"),  QStringLiteral("u.k"),    QStringLiteral("e.u"),  QStringLiteral("ref"),
        QStringLiteral("vol"),  QStringLiteral("p"),      QStringLiteral("pp"),   QStringLiteral("ed"),
    };
    return set;
}

const QSet<QString>& stopwords()
{
    static const QSet<QString> set = [] {
        const char* list[] = {
            "a",          "about",   "above",     "after",   "again",    "against",    "all",   "also",    "am",
            "an",         "and",     "any",       "are",     "as",       "at",         "be",    "because", "been",
            "before",     "being",   "below",     "between", "both",     "but",        "by",    "can",     "could",
            "did",        "do",      "does",      "doing",   "down",     "during",     "each",  "few",     "for",
            "from",       "further", "had",       "has",     "have",     "having",     "he",    "her",     "here",
            "hers",       "herself", "him",       "himself", "his",      "how",        "i",     "if",      "in",
            "into",       "is",      "it",        "its",     "itself",   "just",       "me",    "more",    "most",
            "my",         "myself",  "of",        "off",     "on",       "once",       "only",  "or",      "other",
            "our",        "ours",    "ourselves", "out",     "over",     "own",        "same",  "she",     "should",
            "so",         "some",    "such",      "than",    "that",     "the",        "their", "theirs",  "them",
            "themselves", "then",    "there",     "these",   "they",     "this",       "those", "through", "to",
            "too",        "under",   "until",     "up",      "very",     "was",        "we",    "were",    "what",
            "when",       "where",   "which",     "while",   "who",      "whom",       "why",   "will",    "with",
            "would",      "you",     "your",      "yours",   "yourself", "yourselves", "no",    "not",     "nor",
            "never",      "none",    "without",   "per",     "via",      "may",        "might", "must",    "shall",
            "us",         "let",     "lets",      "within",  "across",   "among",      "upon",  "whether",
        };
        QSet<QString> s;
        for (const char* w : list)
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return set;
}

bool isBulletLine(const QString& trimmed, int* markerLength)
{
    static const QRegularExpression bullet(QStringLiteral("^(?:[-*+\u2022\u2013]|\\d{1,3}[.)]|[a-zA-Z][)])\\s+"));
    const QRegularExpressionMatch m = bullet.match(trimmed);
    if (!m.hasMatch())
        return false;
    *markerLength = static_cast<int>(m.capturedLength());
    return true;
}

// The word just before position `dot` (letters, digits and inner points), lower-cased.
QString wordBefore(const QString& text, qsizetype dot)
{
    qsizetype start = dot;
    while (start > 0 && (text[start - 1].isLetterOrNumber() || text[start - 1] == QLatin1Char('.')))
        --start;
    return text.mid(start, dot - start).toLower();
}

bool isClosing(QChar c)
{
    return c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char(')') || c == QLatin1Char(']') ||
           c == QChar(0x201D) || c == QChar(0x2019);
}

bool opensSentence(QChar c)
{
    return c.isUpper() || c.isDigit() || c == QLatin1Char('"') || c == QLatin1Char('(') || c == QLatin1Char('[') ||
           c == QChar(0x201C) || c == QChar(0x2018) || (c.isLetter() && !c.isLower());
}

void splitBlock(const QString& block, int paragraph, bool bullet, QList<Sentence>& out)
{
    const qsizetype n = block.size();
    qsizetype start = 0;
    bool first = true;
    auto flush = [&](qsizetype end) {
        const QString s = block.mid(start, end - start).trimmed();
        if (!s.isEmpty()) {
            out.append(Sentence{s, paragraph, false, bullet, first});
            first = false;
        }
        start = end;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = block[i];
        if (c != QLatin1Char('.') && c != QLatin1Char('!') && c != QLatin1Char('?'))
            continue;
        qsizetype end = i + 1;
        while (end < n && (block[end] == QLatin1Char('.') || block[end] == QLatin1Char('!') ||
                           block[end] == QLatin1Char('?') || isClosing(block[end])))
            ++end;
        if (end >= n || !block[end].isSpace())
            continue; // "3.5", "v1.2", "example.com", or the block's end
        qsizetype next = end;
        while (next < n && block[next].isSpace())
            ++next;
        if (next >= n || !opensSentence(block[next]))
            continue;
        if (c == QLatin1Char('.') && end == i + 1) {
            const QString word = wordBefore(block, i);
            if (abbreviations().contains(word))
                continue;
            if (word.size() == 1 && block[i - 1].isUpper())
                continue; // an initial: "J. Smith"
        }
        flush(end);
        i = end - 1;
    }
    flush(n);
}

QString stripSuffix(const QString& w);

} // namespace

QList<Sentence> splitSentences(const QString& input)
{
    QString text = input;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList lines = text.split(QLatin1Char('\n'));

    struct Block
    {
        QString text;
        bool bullet = false;
        bool heading = false;
        int lines = 0;
    };
    QList<Block> blocks;
    bool open = false; // the last block accepts continuation lines
    for (const QString& raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty()) {
            open = false;
            continue;
        }
        int marker = 0;
        if (line.startsWith(QLatin1Char('#'))) {
            QString title = line;
            while (title.startsWith(QLatin1Char('#')))
                title.remove(0, 1);
            blocks.append(Block{title.trimmed(), false, true, 1});
            open = false;
        } else if (isBulletLine(line, &marker)) {
            blocks.append(Block{line.mid(marker).trimmed(), true, false, 1});
            open = true;
        } else if (open && !(blocks.last().bullet && !raw.front().isSpace())) {
            blocks.last().text += QLatin1Char(' ') + line;
            ++blocks.last().lines;
        } else {
            blocks.append(Block{line, false, false, 1});
            open = true;
        }
    }

    QList<Sentence> out;
    for (int b = 0; b < blocks.size(); ++b) {
        Block& block = blocks[b];
        const QString& t = block.text;
        const QChar last = t.isEmpty() ? QChar() : t.back();
        const bool punctuated = last == QLatin1Char('.') || last == QLatin1Char('!') || last == QLatin1Char('?') ||
                                last == QLatin1Char(';') || last == QLatin1Char(',') || isClosing(last);
        if (!block.bullet && !block.heading && block.lines == 1 && !punctuated &&
            t.split(QLatin1Char(' '), Qt::SkipEmptyParts).size() <= 10)
            block.heading = true;
        if (block.heading) {
            out.append(Sentence{t, b, true, false, true});
            continue;
        }
        splitBlock(t, b, block.bullet, out);
    }
    return out;
}

QStringList words(QStringView text)
{
    QStringList out;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (!text[i].isLetterOrNumber()) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < n) {
            if (text[j].isLetterOrNumber()) {
                ++j;
            } else if ((text[j] == QLatin1Char('.') || text[j] == QLatin1Char(',')) && j + 1 < n && j > i &&
                       text[j - 1].isDigit() && text[j + 1].isDigit()) {
                ++j; // 12.5, 1,200
            } else if ((text[j] == QLatin1Char('\'') || text[j] == QChar(0x2019)) && j + 1 < n &&
                       text[j + 1].isLetter()) {
                j += 1; // don't, customer's
            } else {
                break;
            }
        }
        QString w = text.sliced(i, j - i).toString().toLower();
        w.replace(QChar(0x2019), QLatin1Char('\''));
        if (w.endsWith(QLatin1String("'s")))
            w.chop(2);
        else if (w.endsWith(QLatin1String("n't")))
            w = QStringLiteral("not");
        out.append(stem(w));
        i = j;
    }
    return out;
}

QStringList terms(QStringView text)
{
    QStringList out;
    for (const QString& w : words(text)) {
        if (!isStopword(w) && !(w.size() == 1 && !w[0].isDigit()))
            out.append(w);
    }
    return out;
}

bool isStopword(const QString& lowerWord)
{
    return stopwords().contains(lowerWord);
}

bool isNegation(const QString& lowerWord)
{
    static const QSet<QString> set{QStringLiteral("no"),     QStringLiteral("never"), QStringLiteral("without"),
                                   QStringLiteral("none"),   QStringLiteral("nor"),   QStringLiteral("nothing"),
                                   QStringLiteral("neither")};
    return set.contains(lowerWord);
}

QString stem(const QString& w)
{
    if (w.size() <= 4 || !w[0].isLetter() || isStopword(w) || isNegation(w))
        return w;
    // A final silent "e" goes too, so "increase", "increased" and "increases" meet.
    QString s = stripSuffix(w);
    if (s.size() > 4 && s.endsWith(QLatin1Char('e')) && !s.endsWith(QLatin1String("ee")))
        s.chop(1);
    return s;
}

namespace {

QString stripSuffix(const QString& w)
{
    auto ends = [&](const char* s) { return w.endsWith(QLatin1String(s)); };
    if (ends("ies") && w.size() > 5)
        return w.left(w.size() - 3) + QLatin1Char('y');
    if (ends("sses") || ends("shes") || ends("ches") || ends("xes"))
        return w.left(w.size() - 2);
    if (ends("ss") || ends("us") || ends("is"))
        return w;
    if (ends("ing") && w.size() > 6)
        return w.left(w.size() - 3);
    if (ends("ed") && w.size() > 5) {
        QString base = w.left(w.size() - 2);
        if (base.endsWith(QLatin1Char('i')))
            base.back() = QLatin1Char('y');
        return base;
    }
    if (ends("ly") && w.size() > 6)
        return w.left(w.size() - 2);
    if (ends("s"))
        return w.left(w.size() - 1);
    return w;
}

} // namespace

} // namespace corral::models
