// SPDX-License-Identifier: Apache-2.0
#include "OfficeCorpus.h"

#include <QString>
#include <cstdint>
#include <string_view>

namespace corral::bench {

namespace {

constexpr std::string_view kSentences[] = {
    "Thanks for joining the quarterly planning meeting on 2024-10-15 at 10:30 in room 4.12. ",
    "Revenue grew 12.5% to $1,234,567 compared with the same quarter last year. ",
    "Please review the attached draft before Friday and add your comments in the margin. ",
    "The vendor confirmed that order #48213 ships in 6 weeks, two weeks later than planned. ",
    "Action items: update the forecast, schedule the customer workshop, renew the licence. ",
    "Version 2.4.1 of the reporting tool fixes the export bug reported by the finance team. ",
    "We agreed to move the launch to Q2 because the translation work is not finished yet. ",
    "Für die Übersetzung ins Französische und Spanische brauchen wir noch zwei Wochen. ",
    "Le comité a approuvé le budget révisé; la prochaine réunion aura lieu le 3 décembre. ",
    "Ticket 7731: the printer on the third floor drops jobs larger than 20 pages. ",
    "Invoice 2024/118 totals EUR 4,980.00 including VAT, payable within 30 days. ",
    "Key takeaways: customers want faster onboarding, clearer pricing and better support. ",
    "The training session covers the new expense policy, travel bookings and approvals. ",
    "Headcount stays at 42 until the hiring freeze ends; two contractors leave in March. ",
    "Please remember to lock your screen and to store printed reports in the locked cabinet. ",
};

constexpr std::string_view kSensitive[] = {
    "Contact Maria Lopez at maria.lopez@example.com for the contract. ",
    "Payment by card 4111 1111 1111 1111 was declined twice. ",
    "Please transfer the deposit to IBAN DE89 3704 0044 0532 0130 00 by Monday. ",
    "The build server at 192.168.10.24 was restarted this morning. ",
    "Details are on https://intranet.example.com/projects/atlas?tab=plan for everyone. ",
    "Employee SSN 123-45-6789 must not be stored in the shared drive. ",
    "The leaked key AKIAIOSFODNN7EXAMPLE was rotated yesterday. ",
    "config: api_key = 'a8f5f167f44f4964e6c998dee827110c' in the old script. ",
    "Her NHS number 943 476 5919 is on the referral letter. ",
};

} // namespace

QByteArray officeCorpus(qsizetype bytes)
{
    QByteArray out;
    out.reserve(bytes + 256);
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return std::uint32_t(state >> 33);
    };
    qsizetype sinceSensitive = 0;
    while (out.size() < bytes) {
        if (sinceSensitive > 400) {
            // One in ten is a pair of phone numbers, each different.
            const std::uint32_t pick = next() % (std::size(kSensitive) + 1);
            if (pick == std::size(kSensitive)) {
                out.append(QStringLiteral("Call me on +44 20 7946 %1 or at (212) 555-%2 after lunch. ")
                               .arg(next() % 9000 + 1000)
                               .arg(next() % 9000 + 1000)
                               .toUtf8());
            } else {
                const std::string_view s = kSensitive[pick];
                out.append(s.data(), qsizetype(s.size()));
            }
            sinceSensitive = 0;
        }
        const std::string_view s = kSentences[next() % std::size(kSentences)];
        out.append(s.data(), qsizetype(s.size()));
        sinceSensitive += qsizetype(s.size());
        if (next() % 5 == 0)
            out.append("\n\n");
    }
    return out;
}

} // namespace corral::bench
