// SPDX-License-Identifier: Apache-2.0
// Fills {{placeholders}} in manifest text (prompts, paths, file contents, the
// text.template step) at run time. The manifest validator has already checked that every
// placeholder names something; a name the run cannot supply is still an error, never an
// empty string silently.
#pragma once

#include "Result.h"

#include <QString>
#include <functional>
#include <optional>

namespace corral::agent {

// `lookup` answers a placeholder's name ("inputs.period", "steps.read.text", "run.date")
// or nullopt when it names nothing. Errors: run.template ("{{name}} ... names nothing").
Result<QString> fillTemplate(const QString& text, const std::function<std::optional<QString>(const QString&)>& lookup);

} // namespace corral::agent
