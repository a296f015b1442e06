// SPDX-License-Identifier: Apache-2.0
// Hash functions Corral relies on: SHA-256 (audit Merkle tree, content hashes) and
// BLAKE2b-512 (minisign prehashing). One-shot and incremental forms.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <array>
#include <cstdint>
#include <memory>

namespace corral::crypto {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(QByteArrayView data);
// Hash of prefix || data without concatenating (RFC 6962 leaf and node hashes).
Sha256Digest sha256(std::uint8_t prefix, QByteArrayView data);
Sha256Digest sha256(std::uint8_t prefix, const Sha256Digest& left, const Sha256Digest& right);
QByteArray sha256Bytes(QByteArrayView data);
QByteArray blake2b512(QByteArrayView data);
// "sha256:<hex>", the form audit records carry.
QByteArray sha256Tagged(QByteArrayView data);

inline QByteArray toBytes(const Sha256Digest& d)
{
    return QByteArray(reinterpret_cast<const char*>(d.data()), qsizetype(d.size()));
}

// Incremental BLAKE2b-512, for prehashing large files without loading them.
class Blake2b512
{
public:
    Blake2b512();
    ~Blake2b512();
    Blake2b512(const Blake2b512&) = delete;
    Blake2b512& operator=(const Blake2b512&) = delete;

    void update(QByteArrayView data);
    QByteArray finish(); // 64 bytes; the object must not be reused afterwards

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Incremental SHA-256.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(QByteArrayView data);
    Sha256Digest finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// HMAC-SHA-256 (RFC 2104).
QByteArray hmacSha256(QByteArrayView key, QByteArrayView message);

// Constant-time equality of two byte strings of equal length (false when lengths differ).
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Cryptographically secure random bytes.
QByteArray randomBytes(qsizetype count);
void randomFill(void* buffer, std::size_t count);

} // namespace corral::crypto
