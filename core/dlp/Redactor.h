// SPDX-License-Identifier: Apache-2.0
// Redactor rewrites a text with its findings replaced by one operator: the type name
// (`<EMAIL>`), a mask keeping what people need to recognise a value (last four digits of a
// card), a keyed hash (`<EMAIL:9f86d081884c7d65>`, HMAC-SHA-256 so equal values match
// without being guessable) or nothing. Reversible pseudonymization is the Pseudonymizer.
#pragma once

#include "Finding.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <optional>

namespace corral::dlp {

enum class Operator { Replace, Mask, Hash, Remove, Pseudonymize };

// "replace", "mask", "hash", "remove", "pseudonymize".
QString operatorName(Operator op);
std::optional<Operator> operatorFromName(QStringView name);

class Redactor
{
public:
    // Replace, Mask or Remove. (Hash needs a key: hashing(); Pseudonymize: Pseudonymizer.)
    explicit Redactor(Operator op);
    // Keyed hash with `key` (at least 16 bytes; a random key when empty, so hashes then
    // match only within this Redactor's lifetime).
    static Redactor hashing(crypto::SecureBytes key);

    Operator op() const { return m_op; }

    // `utf8` with each finding (byteStart/byteEnd; sorted, not overlapping, as DlpScanner
    // returns them) replaced. Findings out of range are ignored.
    QByteArray apply(QByteArrayView utf8, const QList<Finding>& findings) const;
    // The replacement for one value of a type.
    QByteArray replacement(EntityType type, QByteArrayView value) const;

    // Number of hex digits of the truncated HMAC in a hash replacement.
    static constexpr int kHashHexDigits = 16;

private:
    Redactor(Operator op, crypto::SecureBytes key);

    Operator m_op;
    crypto::SecureBytes m_key;
};

} // namespace corral::dlp
