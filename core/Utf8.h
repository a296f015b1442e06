// SPDX-License-Identifier: Apache-2.0
// Strict UTF-8 validation shared by every parser that must reject malformed text instead of
// guessing (signatures, signed notes, JSON-RPC lines, catalog JSON).
#pragma once

#include <QByteArrayView>

namespace corral {

// Offset of the first byte of the first sequence that is not well-formed UTF-8 (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all of it is.
qsizetype firstInvalidUtf8(QByteArrayView bytes);

// True when `bytes` is well-formed UTF-8 in the sense of firstInvalidUtf8().
bool isValidUtf8(QByteArrayView bytes);

} // namespace corral
