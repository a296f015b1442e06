// SPDX-License-Identifier: Apache-2.0
// Turns SIGTERM and SIGINT into a Qt signal delivered on the event loop (through a
// self-pipe), so the agent shuts down cleanly: socket removed, database closed, lock
// released, instead of dying inside whatever it was doing.
#pragma once

#include "Result.h"

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace corral::agent {

class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    // Installs the handlers; only one instance may exist at a time. Errors: agent.signals.
    static Result<std::unique_ptr<ShutdownSignals>> install(QObject* parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    // `signalNumber` is SIGTERM or SIGINT.
    void shutdownRequested(int signalNumber);

private:
    ShutdownSignals(int readFd, QObject* parent);
    void readPipe();

    int m_readFd;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace corral::agent
