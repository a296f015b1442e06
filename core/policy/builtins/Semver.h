// SPDX-License-Identifier: Apache-2.0
// Semantic versions as OPA's semver.is_valid and semver.compare read them:
// MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA], an optional leading "v".
#pragma once

#include "Result.h"

#include <QString>
#include <cstdint>

namespace corral::policy::builtins {

struct SemVersion
{
    std::int64_t major = 0;
    std::int64_t minor = 0;
    std::int64_t patch = 0;
    QString preRelease;
    QString metadata;
};

// Parses a version; the error message says which part is wrong.
Result<SemVersion> parseSemver(const QString& text);

// -1, 0 or 1 by SemVer 2.0 precedence (metadata ignored).
int compareSemver(const SemVersion& a, const SemVersion& b);

} // namespace corral::policy::builtins
