// SPDX-License-Identifier: Apache-2.0
#include "Hash.h"

#include "Sodium.h"

#include <mutex>
#include <openssl/evp.h>

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

// SHA-256 runs through OpenSSL: its assembly uses the CPU's SHA extensions where present,
// several times faster than libsodium's portable code, and the audit log hashes every
// record twice (leaf and tree node). The algorithm is fetched once; each thread reuses
// one digest context, so a hash allocates nothing.
const EVP_MD* sha256Md()
{
    static EVP_MD* const md = [] {
        EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        if (!fetched)
            qFatal("OpenSSL provides no SHA-256");
        return fetched;
    }();
    return md;
}

struct DigestContext
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~DigestContext() { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX* startSha256()
{
    thread_local DigestContext context;
    if (!context.ctx || EVP_DigestInit_ex2(context.ctx, sha256Md(), nullptr) != 1)
        qFatal("SHA-256 could not be initialised");
    return context.ctx;
}

Sha256Digest finishSha256(EVP_MD_CTX* ctx)
{
    Sha256Digest out;
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx, out.data(), &length) != 1 || length != out.size())
        qFatal("SHA-256 failed");
    return out;
}

} // namespace

Sha256Digest sha256(QByteArrayView data)
{
    EVP_MD_CTX* ctx = startSha256();
    EVP_DigestUpdate(ctx, data.data(), std::size_t(data.size()));
    return finishSha256(ctx);
}

Sha256Digest sha256(std::uint8_t prefix, QByteArrayView data)
{
    EVP_MD_CTX* ctx = startSha256();
    EVP_DigestUpdate(ctx, &prefix, 1);
    EVP_DigestUpdate(ctx, data.data(), std::size_t(data.size()));
    return finishSha256(ctx);
}

Sha256Digest sha256(std::uint8_t prefix, const Sha256Digest& left, const Sha256Digest& right)
{
    unsigned char buf[65];
    buf[0] = prefix;
    std::copy(left.begin(), left.end(), buf + 1);
    std::copy(right.begin(), right.end(), buf + 33);
    EVP_MD_CTX* ctx = startSha256();
    EVP_DigestUpdate(ctx, buf, sizeof buf);
    return finishSha256(ctx);
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
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    if (!m_state->ctx || EVP_DigestInit_ex2(m_state->ctx, sha256Md(), nullptr) != 1)
        qFatal("SHA-256 could not be initialised");
}

Sha256::~Sha256() = default;

void Sha256::update(QByteArrayView data)
{
    EVP_DigestUpdate(m_state->ctx, data.data(), std::size_t(data.size()));
}

Sha256Digest Sha256::finish()
{
    return finishSha256(m_state->ctx);
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
