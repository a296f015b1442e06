// SPDX-License-Identifier: Apache-2.0
#include "Finding.h"

#include <QJsonObject>
#include <algorithm>
#include <array>
#include <vector>

namespace corral::dlp {

namespace {

constexpr std::array<const char*, kEntityTypeCount> kNames = {
    "EMAIL", "PHONE",         "CREDIT_CARD", "IBAN",        "US_SSN", "US_ITIN", "IP_ADDRESS", "MAC_ADDRESS",
    "URL",   "CRYPTO_WALLET", "UK_NHS",      "PRIVATE_KEY", "JWT",    "API_KEY", "SECRET",
};

} // namespace

QString entityTypeName(EntityType type)
{
    return QString::fromLatin1(kNames[std::size_t(type)]);
}

QByteArrayView entityTypeLatin1(EntityType type)
{
    return QByteArrayView(kNames[std::size_t(type)]);
}

std::optional<EntityType> entityTypeFromName(QStringView name)
{
    for (int i = 0; i < kEntityTypeCount; ++i) {
        if (name == QLatin1String(kNames[std::size_t(i)]))
            return EntityType(i);
    }
    return std::nullopt;
}

bool isSecretType(EntityType type)
{
    return type == EntityType::PrivateKey || type == EntityType::Jwt || type == EntityType::ApiKey ||
           type == EntityType::Secret;
}

QList<FindingSummary> summarize(const QList<Finding>& findings)
{
    std::array<FindingSummary, kEntityTypeCount> perType{};
    for (const Finding& f : findings) {
        FindingSummary& s = perType[std::size_t(f.type)];
        s.type = f.type;
        ++s.count;
        s.maxScore = std::max(s.maxScore, f.score);
    }
    QList<FindingSummary> result;
    for (const FindingSummary& s : perType) {
        if (s.count > 0)
            result.append(s);
    }
    std::sort(result.begin(), result.end(), [](const FindingSummary& a, const FindingSummary& b) {
        return entityTypeLatin1(a.type) < entityTypeLatin1(b.type);
    });
    return result;
}

QJsonArray summaryJson(const QList<Finding>& findings)
{
    QJsonArray array;
    for (const FindingSummary& s : summarize(findings)) {
        array.append(QJsonObject{{QStringLiteral("type"), entityTypeName(s.type)},
                                 {QStringLiteral("count"), s.count},
                                 {QStringLiteral("score"), s.maxScore}});
    }
    return array;
}

void setCodePointOffsets(QByteArrayView utf8, QList<Finding>& findings)
{
    // Every start and end, sorted by byte offset, converted in one walk over the text.
    struct Mark
    {
        qsizetype byte;
        qsizetype* target;
    };
    std::vector<Mark> marks;
    marks.reserve(std::size_t(findings.size()) * 2);
    for (Finding& f : findings) {
        marks.push_back({f.byteStart, &f.start});
        marks.push_back({f.byteEnd, &f.end});
    }
    std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.byte < b.byte; });
    const auto* data = reinterpret_cast<const unsigned char*>(utf8.data());
    qsizetype byte = 0;
    qsizetype codePoints = 0;
    for (const Mark& m : marks) {
        const qsizetype target = std::min(m.byte, utf8.size());
        for (; byte < target; ++byte)
            codePoints += (data[byte] & 0xC0) != 0x80;
        // A byte offset inside a sequence belongs to the code point that sequence started.
        qsizetype adjust = 0;
        if (target < utf8.size() && (data[target] & 0xC0) == 0x80)
            adjust = -1;
        *m.target = codePoints + adjust;
    }
}

} // namespace corral::dlp
