// SPDX-License-Identifier: Apache-2.0
// A generated, deterministic "mixed office text" corpus for the DLP and sanitizer
// benchmarks: meeting notes, e-mails, invoices and tickets with dates, amounts, times,
// order numbers and versions, and about one piece of personal data or secret per 400 bytes
// (e-mail addresses, phone numbers, cards, IBANs, IPs, URLs, keys), some non-ASCII text.
#pragma once

#include <QByteArray>

namespace corral::bench {

QByteArray officeCorpus(qsizetype bytes);

} // namespace corral::bench
