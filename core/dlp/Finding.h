// SPDX-License-Identifier: Apache-2.0
// What DLP reports: one Finding per piece of personal data or secret found in a text, and
// the per-type summary that goes into the policy input (`input.dlp.findings`).
#pragma once

#include <QByteArrayView>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <optional>

namespace corral::dlp {

// The kinds of data the recognizers find. Names (entityTypeName) are stable: policies,
// settings and replacement tokens (`<EMAIL>`, `<EMAIL_1>`) use them.
enum class EntityType {
    Email,
    Phone,
    CreditCard,
    Iban,
    UsSsn,
    UsItin,
    IpAddress,
    MacAddress,
    Url,
    CryptoWallet,
    UkNhs,
    PrivateKey,
    Jwt,
    ApiKey,
    Secret,
};
inline constexpr int kEntityTypeCount = int(EntityType::Secret) + 1;

// "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "US_ITIN", "IP_ADDRESS", "MAC_ADDRESS",
// "URL", "CRYPTO_WALLET", "UK_NHS", "PRIVATE_KEY", "JWT", "API_KEY", "SECRET".
QString entityTypeName(EntityType type);
QByteArrayView entityTypeLatin1(EntityType type);
std::optional<EntityType> entityTypeFromName(QStringView name);
// Secrets (keys, tokens) as opposed to personal data.
bool isSecretType(EntityType type);

struct Finding
{
    EntityType type = EntityType::Email;
    double score = 0; // 0..1: how sure the recognizer is, context words included
    // Unicode code-point offsets into the scanned text, end exclusive (Python's str indexes).
    qsizetype start = 0;
    qsizetype end = 0;
    // The same span as UTF-8 byte offsets, for slicing the UTF-8 text.
    qsizetype byteStart = 0;
    qsizetype byteEnd = 0;
};

// One entry of the policy input: how many findings of a type and the highest score.
struct FindingSummary
{
    EntityType type = EntityType::Email;
    int count = 0;
    double maxScore = 0;
};

// Findings aggregated per type, ordered by type name.
QList<FindingSummary> summarize(const QList<Finding>& findings);
// [{"type": "EMAIL", "count": 2, "score": 0.95}, ...], the shape of `input.dlp.findings`.
QJsonArray summaryJson(const QList<Finding>& findings);

// Fills start/end from byteStart/byteEnd by counting code points in `utf8` (one pass up to
// the last finding). Byte offsets inside a multi-byte sequence count as that code point.
void setCodePointOffsets(QByteArrayView utf8, QList<Finding>& findings);

} // namespace corral::dlp
