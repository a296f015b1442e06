// SPDX-License-Identifier: Apache-2.0
// JSON Patch (RFC 6902) over Rego values, as OPA's json.patch applies it: paths are
// "/a/b" strings (leading slashes optional, ~0 and ~1 escapes) or arrays of segments, and
// a set member is addressed by the member itself.
#pragma once

#include "Result.h"
#include "policy/Value.h"

namespace corral::policy::builtins {

// A path as segments; errors for paths of the wrong type.
Result<ValueVector> parsePatchPath(const Value& path);

// Applies every operation in order; any failing operation (missing target, failed test,
// malformed operation) fails the whole patch.
Result<Value> applyJsonPatch(const Value& document, const ValueVector& operations);

} // namespace corral::policy::builtins
