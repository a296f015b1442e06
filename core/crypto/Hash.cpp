// SPDX-License-Identifier: Apache-2.0
#include "Hash.h"

#include "Sodium.h"

#include <mutex>

namespace corral::crypto {

void ensureSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            qFatal("libsodium could not be initialised");
    });
}

namespace {

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

} // namespace

Sha256Digest sha256(QByteArrayView data)
{
    Sha256Digest out;
    crypto_hash_sha256(out.data(), bytes(data), static_cast<unsigned long long>(data.size()));
    return out;
}

Sha256Digest sha256(std::uint8_t prefix, QByteArrayView data)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, &prefix, 1);
    crypto_hash_sha256_update(&st, bytes(data), static_cast<unsigned long long>(data.size()));
    Sha256Digest out;
    crypto_hash_sha256_final(&st, out.data());
    return out;
}

Sha256Digest sha256(std::uint8_t prefix, const Sha256Digest& left, const Sha256Digest& right)
{
    unsigned char buf[65];
    buf[0] = prefix;
    std::copy(left.begin(), left.end(), buf + 1);
    std::copy(right.begin(), right.end(), buf + 33);
    Sha256Digest out;
    crypto_hash_sha256(out.data(), buf, sizeof buf);
    return out;
}

QByteArray sha256Bytes(QByteArrayView data)
{
    return toBytes(sha256(data));
}

QByteArray sha256Tagged(QByteArrayView data)
{
    return QByteArrayLiteral("sha256:") + sha256Bytes(data).toHex();
}

QByteArray blake2b512(QByteArrayView data)
{
    ensureSodium();
    QByteArray out(64, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), 64, bytes(data),
                       static_cast<unsigned long long>(data.size()), nullptr, 0);
    return out;
}

struct Blake2b512::State
{
    crypto_generichash_state st;
};

Blake2b512::Blake2b512() : m_state(std::make_unique<State>())
{
    ensureSodium();
    crypto_generichash_init(&m_state->st, nullptr, 0, 64);
}

Blake2b512::~Blake2b512() = default;

void Blake2b512::update(QByteArrayView data)
{
    crypto_generichash_update(&m_state->st, bytes(data), static_cast<unsigned long long>(data.size()));
}

QByteArray Blake2b512::finish()
{
    QByteArray out(64, Qt::Uninitialized);
    crypto_generichash_final(&m_state->st, reinterpret_cast<unsigned char*>(out.data()), 64);
    return out;
}

struct Sha256::State
{
    crypto_hash_sha256_state st;
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    crypto_hash_sha256_init(&m_state->st);
}

Sha256::~Sha256() = default;

void Sha256::update(QByteArrayView data)
{
    crypto_hash_sha256_update(&m_state->st, bytes(data), static_cast<unsigned long long>(data.size()));
}

Sha256Digest Sha256::finish()
{
    Sha256Digest out;
    crypto_hash_sha256_final(&m_state->st, out.data());
    return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView message)
{
    // libsodium's crypto_auth_hmacsha256 takes arbitrary key lengths via its state API.
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, bytes(key), std::size_t(key.size()));
    crypto_auth_hmacsha256_update(&st, bytes(message), static_cast<unsigned long long>(message.size()));
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char*>(out.data()));
    sodium_memzero(&st, sizeof st);
    return out;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return a.isEmpty() || sodium_memcmp(a.data(), b.data(), std::size_t(a.size())) == 0;
}

QByteArray randomBytes(qsizetype count)
{
    QByteArray out(count, Qt::Uninitialized);
    randomFill(out.data(), std::size_t(count));
    return out;
}

void randomFill(void* buffer, std::size_t count)
{
    ensureSodium();
    randombytes_buf(buffer, count);
}

} // namespace corral::crypto
