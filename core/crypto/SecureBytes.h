// SPDX-License-Identifier: Apache-2.0
// SecureBytes: a move-only buffer for secret material. It lives in sodium_malloc'd,
// mlock'd memory with guard pages and is wiped when freed. Never converted to QString
// or logged; copy out only to write an encrypted or 0600 file.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>
#include <cstdint>

namespace corral::crypto {

class SecureBytes
{
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size); // zero-filled
    static SecureBytes copyOf(QByteArrayView bytes);
    ~SecureBytes();

    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    std::uint8_t* data() { return m_data; }
    const std::uint8_t* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return QByteArrayView(m_data, qsizetype(m_size)); }

    // Constant-time comparison.
    bool equals(const SecureBytes& other) const;

private:
    void release();

    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace corral::crypto
