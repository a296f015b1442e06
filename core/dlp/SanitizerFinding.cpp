// SPDX-License-Identifier: Apache-2.0
#include "SanitizerFinding.h"

#include <QJsonObject>
#include <array>

namespace corral::dlp {

namespace {

constexpr const char* kIssueNames[] = {"invisible_character", "role_marker",     "blocked_phrase",
                                       "injection_pattern",   "disallowed_link", "disallowed_image"};

} // namespace

QString sanitizerIssueName(SanitizerIssue issue)
{
    return QString::fromLatin1(kIssueNames[int(issue)]);
}

QJsonArray sanitizerSummaryJson(const QList<SanitizerFinding>& findings)
{
    std::array<int, 6> counts{};
    for (const SanitizerFinding& f : findings)
        ++counts[std::size_t(f.issue)];
    QJsonArray array;
    for (int i = 0; i < 6; ++i) {
        if (counts[std::size_t(i)] > 0)
            array.append(QJsonObject{{QStringLiteral("issue"), QLatin1String(kIssueNames[i])},
                                     {QStringLiteral("count"), counts[std::size_t(i)]}});
    }
    return array;
}

} // namespace corral::dlp
