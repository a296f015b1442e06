// SPDX-License-Identifier: Apache-2.0
// Password prompts for verbs that create or open protected keys.
#pragma once

#include "Cli.h"
#include "crypto/SecureBytes.h"

#include <optional>

namespace corral::cli {

// Reads one password line: from the terminal without echo, or (scripts, tests) the next
// line of standard input. The password only ever lives in locked memory. On failure the
// reason is printed for `verb` and nullopt returned.
std::optional<crypto::SecureBytes> readPassword(const VerbParser& verb, Io& io, const QString& prompt);

} // namespace corral::cli
