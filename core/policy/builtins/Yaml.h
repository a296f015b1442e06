// SPDX-License-Identifier: Apache-2.0
// A YAML reader for yaml.unmarshal/yaml.is_valid covering what policy data uses (block and
// flow collections, plain/quoted/block scalars, comments, one document), read as OPA's
// YAML-to-JSON conversion reads it; anchors, aliases and tags are rejected, not misread.
#pragma once

#include "Result.h"
#include "policy/Value.h"

#include <string_view>

namespace corral::policy::builtins {

// Errors read like go-yaml's: "yaml: line N: did not find expected ',' or ']'".
Result<Value> parseYaml(std::string_view text);

} // namespace corral::policy::builtins
