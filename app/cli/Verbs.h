// SPDX-License-Identifier: Apache-2.0
// Registration of every verb group of the `corral` command; one Verbs<Group>.cpp each.
#pragma once

#include "Cli.h"

namespace corral::cli {

void registerAllVerbs(Cli& cli);

void registerCryptoVerbs(Cli& cli);   // keygen, sign, verify
void registerManifestVerbs(Cli& cli); // templates, manifest
void registerAuditVerbs(Cli& cli);    // audit ...
void registerPolicyVerbs(Cli& cli);   // policy ...
void registerBundleVerbs(Cli& cli);   // bundle ...
void registerDlpVerbs(Cli& cli);      // dlp scan|redact
void registerAgentVerbs(Cli& cli);    // agent, apps, run, grants, bundle install
void registerSecretsVerbs(Cli& cli);  // secrets set|list|rm
void registerEnrollVerbs(Cli& cli);   // enroll

} // namespace corral::cli
