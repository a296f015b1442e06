// SPDX-License-Identifier: Apache-2.0
// Internal to core/crypto: the one header that includes <sodium.h>. Not installed, not
// included from any header outside this folder.
#pragma once

#include <sodium.h>

namespace corral::crypto {

// Initialises libsodium once (thread-safe); aborts the process if it cannot, since no
// cryptographic guarantee would hold.
void ensureSodium();

} // namespace corral::crypto
