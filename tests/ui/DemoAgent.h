// SPDX-License-Identifier: Apache-2.0
// Canned agent data for studio tests and screenshots: answers for every method the studio
// calls (apps, runs, grants, audit, usage, policy) and a scripted run of sales-summarizer
// that streams events and asks to confirm writing its summary.
#pragma once

#include "FakeAgent.h"

namespace corral::test {

struct DemoOptions
{
    int eventIntervalMs = 20; // between two run events
    int confirmTimeoutMs = 60000;
};

// The sales-summarizer manifest with its default answers (formatted text), as the demo's
// apps.get returns it.
QString demoManifest(const QString& templateId = QStringLiteral("sales-summarizer"));

// Installs the canned answers on `agent`; apps.save adds the saved app to apps.list.
void installDemoAgent(FakeAgent& agent, const DemoOptions& options = {});

} // namespace corral::test
