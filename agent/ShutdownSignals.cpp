// SPDX-License-Identifier: Apache-2.0
#include "ShutdownSignals.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace corral::agent {

namespace {

// The write end of the pipe, used by the async-signal-safe handler; -1 when not installed.
volatile sig_atomic_t g_writeFd = -1;

void onSignal(int signalNumber)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    if (g_writeFd >= 0)
        (void)!::write(g_writeFd, &byte, 1);
    errno = saved;
}

} // namespace

Result<std::unique_ptr<ShutdownSignals>> ShutdownSignals::install(QObject* parent)
{
    if (g_writeFd >= 0)
        return makeError(QStringLiteral("agent.signals"), QStringLiteral("the signal handlers are already installed"));
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        return makeError(
            QStringLiteral("agent.signals"),
            QStringLiteral("cannot create the signal pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    g_writeFd = fds[1];
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    return std::unique_ptr<ShutdownSignals>(new ShutdownSignals(fds[0], parent));
}

ShutdownSignals::ShutdownSignals(int readFd, QObject* parent)
    : QObject(parent), m_readFd(readFd), m_notifier(std::make_unique<QSocketNotifier>(readFd, QSocketNotifier::Read))
{
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &ShutdownSignals::readPipe);
}

ShutdownSignals::~ShutdownSignals()
{
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    const int writeFd = g_writeFd;
    g_writeFd = -1;
    m_notifier.reset();
    ::close(writeFd);
    ::close(m_readFd);
}

void ShutdownSignals::readPipe()
{
    unsigned char byte = 0;
    int last = 0;
    while (::read(m_readFd, &byte, 1) == 1)
        last = byte;
    if (last != 0)
        Q_EMIT shutdownRequested(last);
}

} // namespace corral::agent
