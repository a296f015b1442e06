// SPDX-License-Identifier: Apache-2.0
#include "SecureBytes.h"

#include "Sodium.h"

#include <cstring>
#include <new>

namespace corral::crypto {

SecureBytes::SecureBytes(std::size_t size)
{
    ensureSodium();
    if (size == 0)
        return;
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc();
    std::memset(m_data, 0, size);
    m_size = size;
}

SecureBytes SecureBytes::copyOf(QByteArrayView bytes)
{
    SecureBytes out(std::size_t(bytes.size()));
    if (!bytes.isEmpty())
        std::memcpy(out.m_data, bytes.data(), std::size_t(bytes.size()));
    return out;
}

SecureBytes::~SecureBytes()
{
    release();
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept : m_data(other.m_data), m_size(other.m_size)
{
    other.m_data = nullptr;
    other.m_size = 0;
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept
{
    if (this != &other) {
        release();
        m_data = other.m_data;
        m_size = other.m_size;
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

bool SecureBytes::equals(const SecureBytes& other) const
{
    if (m_size != other.m_size)
        return false;
    return m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

void SecureBytes::release()
{
    if (m_data)
        sodium_free(m_data); // sodium_free wipes before unmapping
    m_data = nullptr;
    m_size = 0;
}

} // namespace corral::crypto
