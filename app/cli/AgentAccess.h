// SPDX-License-Identifier: Apache-2.0
// How verbs reach the agent: the socket of this user's agent (XDG paths), started when
// the verb needs it and none answers. Verbs that touch the agent's own state go through
// it rather than writing behind its back.
#pragma once

#include "Cli.h"
#include "agent/AgentClient.h"

#include <memory>

namespace corral::cli {

// The corral-agent program: $CORRAL_AGENT_PROGRAM, else the one beside this program, else
// the one on PATH.
QString agentProgram();

// Connects to the agent (starting it when `start`); on failure prints the reason and
// returns null.
std::unique_ptr<agent::AgentClient> connectAgent(const VerbParser& verb, Io& io, bool start);

// Calls `method`; on failure prints "corral VERB: message (code)" and returns nullopt.
std::optional<QJsonValue> callAgent(const VerbParser& verb, Io& io, agent::AgentClient& client, const QString& method,
                                    const QJsonObject& params = {}, int timeoutMs = 30000);

} // namespace corral::cli
