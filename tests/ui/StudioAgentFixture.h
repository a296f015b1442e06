// SPDX-License-Identifier: Apache-2.0
// A fake agent with the demo data on a temporary socket and a studio connection to it, for
// the page tests.
#pragma once

#include "AgentConnection.h"
#include "DemoAgent.h"

#include <QTemporaryDir>

namespace corral::test {

struct StudioAgentFixture
{
    QTemporaryDir dir;
    FakeAgent agent;
    ui::AgentConnection connection;

    // Listens, installs the demo answers and connects; false on failure.
    bool start(const DemoOptions& options = {})
    {
        installDemoAgent(agent, options);
        if (!dir.isValid() || !agent.listen(dir.filePath(QStringLiteral("agent.sock"))))
            return false;
        return connection.connectToAgent(agent.socketPath()).ok();
    }
};

} // namespace corral::test
