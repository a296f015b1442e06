// SPDX-License-Identifier: Apache-2.0
// Internal to core/crypto: a strict decoder shared by the minisign and signed-note parsers,
// which must reject every non-canonical or malformed byte sequence instead of guessing.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace corral::crypto::detail {

// Standard base64 with padding, canonical only: decoding then encoding gives the input back.
// nullopt for anything else (bad characters, missing padding, non-zero trailing bits).
std::optional<QByteArray> decodeBase64Strict(QByteArrayView text);

} // namespace corral::crypto::detail
