// SPDX-License-Identifier: Apache-2.0
#include "TokenEstimator.h"

namespace corral::models {

int estimateTokens(QStringView text)
{
    qsizetype codePoints = 0;
    qsizetype words = 0;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isLowSurrogate())
            continue; // counted with its high surrogate
        ++codePoints;
        const bool space = c.isSpace();
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    if (words == 0)
        return 0;
    return static_cast<int>(std::max((codePoints + 3) / 4, words));
}

} // namespace corral::models
