// SPDX-License-Identifier: Apache-2.0
// An agent daemon in this process for the tests that enroll it with a server: isolated under a
// temporary folder by XDG_* variables, syncing fast, and restarted by the test when it asks to.
#pragma once

#include "agent/AgentClient.h"
#include "agent/AgentDaemon.h"
#include "agent/AgentPaths.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace corral::test {

// A base of the test class (after QObject): its slots use the members and helpers directly.
class EnrolledAgentFixture
{
protected:
    // Call from initTestCase(): points XDG_DATA_HOME, XDG_RUNTIME_DIR and XDG_CONFIG_HOME into
    // m_dir, takes m_paths from them, and sets how long the agents started here hold their long
    // poll for server updates.
    void initAgent(int pollWaitSeconds)
    {
        m_pollWaitSeconds = pollWaitSeconds;
        QVERIFY(m_dir.isValid());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_dir.filePath(QStringLiteral("run")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        m_paths = agent::AgentPaths::fromEnvironment();
    }

    // Stops the running agent, if any, and starts one on m_paths; its restart request (after
    // agent.enroll) only sets m_restartRequested, so the test decides when to start it again.
    void startAgent()
    {
        m_daemon.reset();
        agent::AgentDaemon::Options options;
        options.homeDir = m_dir.filePath(QStringLiteral("home"));
        options.syncIntervalMs = 100;
        options.pollWaitSeconds = m_pollWaitSeconds;
        options.restart = [this] { m_restartRequested = true; };
        Result<std::unique_ptr<agent::AgentDaemon>> daemon = agent::AgentDaemon::start(m_paths, options);
        QVERIFY2(daemon.ok(), qPrintable(daemon.ok() ? QString() : daemon.error().toString()));
        m_daemon = std::move(daemon.value());
    }

    // Calls `method` on the agent through a new client connection.
    Result<QJsonValue> call(const QString& method, const QJsonObject& params = {})
    {
        agent::AgentClient client;
        if (Result<void> connected = client.connectTo(m_paths.socketPath); !connected.ok())
            return connected.error();
        return client.call(method, params, 40000);
    }

    // The "sync" part of agent.status; empty if the call fails.
    QJsonObject syncStatus()
    {
        const Result<QJsonValue> status = call(QStringLiteral("agent.status"));
        return status.ok() ? status->toObject().value(QStringLiteral("sync")).toObject() : QJsonObject();
    }

    QTemporaryDir m_dir;
    agent::AgentPaths m_paths;
    std::unique_ptr<agent::AgentDaemon> m_daemon;
    bool m_restartRequested = false;

private:
    int m_pollWaitSeconds = agent::AgentDaemon::Options().pollWaitSeconds;
};

} // namespace corral::test
