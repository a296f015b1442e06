// SPDX-License-Identifier: Apache-2.0
#include "Encoding.h"

namespace corral::crypto::detail {

std::optional<QByteArray> decodeBase64Strict(QByteArrayView text)
{
    if (text.isEmpty() || text.size() % 4 != 0)
        return std::nullopt;
    const QByteArray input = text.toByteArray();
    auto decoded = QByteArray::fromBase64Encoding(input, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != input)
        return std::nullopt;
    return decoded.decoded;
}

} // namespace corral::crypto::detail
