// SPDX-License-Identifier: Apache-2.0
// Token counts without a tokenizer: about four characters per token for English prose
// (the usual rule of thumb for BPE vocabularies), and never fewer tokens than words, so
// short words and numbers are not undercounted. Deterministic; used for usage figures
// and output budgets of the local model and for estimates before HTTP calls.
#pragma once

#include <QStringView>

namespace corral::models {

// max(ceil(code points / 4), words); 0 for empty or blank text.
int estimateTokens(QStringView text);

} // namespace corral::models
