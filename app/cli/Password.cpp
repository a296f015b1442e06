// SPDX-License-Identifier: Apache-2.0
#include "Password.h"

#include <termios.h>
#include <unistd.h>

namespace corral::cli {

namespace {

constexpr std::size_t kMaxPasswordSize = 1024;

// Turns terminal echo off for its lifetime (password prompts).
class EchoOff
{
public:
    explicit EchoOff(bool active)
    {
        if (!active || ::tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

// Reads one password line: from the terminal without echo, or (scripts, tests) the next
// line of standard input. The password only ever lives in locked memory.
std::optional<crypto::SecureBytes> readPassword(const VerbParser& verb, Io& io, const QString& prompt)
{
    if (io.interactive) {
        io.err << prompt;
        io.err.flush();
    }
    crypto::SecureBytes buffer(kMaxPasswordSize);
    std::size_t length = 0;
    bool gotInput = false;
    {
        EchoOff echoOff(io.interactive);
        char c = 0;
        while (io.in.getChar(&c)) {
            gotInput = true;
            if (c == '\n')
                break;
            if (length == kMaxPasswordSize) {
                verb.failure(io, QStringLiteral("password longer than %1 bytes").arg(kMaxPasswordSize));
                return std::nullopt;
            }
            buffer.data()[length++] = std::uint8_t(c);
        }
    }
    if (io.interactive) {
        io.err << '\n';
        io.err.flush();
    }
    if (!gotInput) {
        verb.failure(io, QStringLiteral("no password given (standard input is empty)"));
        return std::nullopt;
    }
    if (length > 0 && buffer.data()[length - 1] == '\r')
        --length;
    return crypto::SecureBytes::copyOf(buffer.view().first(qsizetype(length)));
}

} // namespace corral::cli
