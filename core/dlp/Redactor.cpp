// SPDX-License-Identifier: Apache-2.0
#include "Redactor.h"

#include "TextScan.h"
#include "crypto/Hash.h"

namespace corral::dlp {

using namespace detail;

namespace {

constexpr const char* kOperatorNames[] = {"replace", "mask", "hash", "remove", "pseudonymize"};

// Card, account and identity numbers keep their last four letters or digits.
bool keepsLastFour(EntityType type)
{
    switch (type) {
    case EntityType::CreditCard:
    case EntityType::Iban:
    case EntityType::UsSsn:
    case EntityType::UsItin:
    case EntityType::UkNhs:
    case EntityType::Phone:
        return true;
    default:
        return false;
    }
}

QByteArray mask(EntityType type, QByteArrayView value)
{
    if (keepsLastFour(type)) {
        // Separators stay so the shape is recognisable: "**** **** **** 1111".
        QByteArray out = value.toByteArray();
        int kept = 0;
        for (qsizetype i = out.size() - 1; i >= 0; --i) {
            if (!is(out[i], kUpper | kLower | kDigit))
                continue;
            if (kept < 4)
                ++kept;
            else
                out[i] = '*';
        }
        return out;
    }
    if (type == EntityType::Email) {
        const qsizetype at = value.indexOf('@');
        if (at > 0) {
            // The first code point of the local part stays, whatever its length in bytes.
            qsizetype first = 1;
            while (first < at && (static_cast<unsigned char>(value[first]) & 0xC0) == 0x80)
                ++first;
            return value.first(first).toByteArray() + "***" + value.sliced(at).toByteArray();
        }
    }
    if (type == EntityType::ApiKey && value.size() > 8)
        return value.first(4).toByteArray() + "********";
    return QByteArray("********");
}

} // namespace

QString operatorName(Operator op)
{
    return QString::fromLatin1(kOperatorNames[int(op)]);
}

std::optional<Operator> operatorFromName(QStringView name)
{
    for (int i = 0; i < 5; ++i) {
        if (name == QLatin1String(kOperatorNames[i]))
            return Operator(i);
    }
    return std::nullopt;
}

Redactor::Redactor(Operator op) : m_op(op) {}

Redactor::Redactor(Operator op, crypto::SecureBytes key) : m_op(op), m_key(std::move(key)) {}

Redactor Redactor::hashing(crypto::SecureBytes key)
{
    if (key.isEmpty()) {
        key = crypto::SecureBytes(32);
        crypto::randomFill(key.data(), key.size());
    }
    return Redactor(Operator::Hash, std::move(key));
}

QByteArray Redactor::replacement(EntityType type, QByteArrayView value) const
{
    switch (m_op) {
    case Operator::Mask:
        return mask(type, value);
    case Operator::Remove:
        return {};
    case Operator::Hash: {
        // The type is part of the message: the same digits as a phone and as an NHS number
        // hash differently.
        QByteArray message = entityTypeLatin1(type).toByteArray();
        message += '\0';
        message += value;
        const QByteArray mac = crypto::hmacSha256(m_key.view(), message);
        return '<' + entityTypeLatin1(type).toByteArray() + ':' + mac.toHex().left(kHashHexDigits) + '>';
    }
    case Operator::Replace:
    case Operator::Pseudonymize:
        break;
    }
    return '<' + entityTypeLatin1(type).toByteArray() + '>';
}

QByteArray Redactor::apply(QByteArrayView utf8, const QList<Finding>& findings) const
{
    QByteArray out;
    out.reserve(utf8.size());
    qsizetype pos = 0;
    for (const Finding& f : findings) {
        if (f.byteStart < pos || f.byteEnd > utf8.size() || f.byteEnd < f.byteStart)
            continue;
        out += utf8.sliced(pos, f.byteStart - pos);
        out += replacement(f.type, utf8.sliced(f.byteStart, f.byteEnd - f.byteStart));
        pos = f.byteEnd;
    }
    out += utf8.sliced(pos);
    return out;
}

} // namespace corral::dlp
