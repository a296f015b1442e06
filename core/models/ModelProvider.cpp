// SPDX-License-Identifier: Apache-2.0
#include "ModelProvider.h"

namespace corral::models {

QString finishName(ModelResponse::Finish finish)
{
    return finish == ModelResponse::Finish::Length ? QStringLiteral("length") : QStringLiteral("stop");
}

} // namespace corral::models
