// SPDX-License-Identifier: Apache-2.0
#include "Verbs.h"

namespace corral::cli {

void registerAllVerbs(Cli& cli)
{
    registerManifestVerbs(cli);
    registerCryptoVerbs(cli);
    registerPolicyVerbs(cli);
    registerBundleVerbs(cli);
    registerAuditVerbs(cli);
    registerDlpVerbs(cli);
    registerAgentVerbs(cli);
    registerSecretsVerbs(cli);
    registerEnrollVerbs(cli);
}

} // namespace corral::cli
