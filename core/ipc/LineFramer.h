// SPDX-License-Identifier: Apache-2.0
// Splits a byte stream into newline-terminated lines, whatever the chunking, with a
// bounded buffer: a line longer than the limit is reported once and then discarded up to
// the next newline without being kept in memory, so the stream stays usable.
#pragma once

#include "Message.h"

#include <QByteArray>
#include <QByteArrayView>
#include <vector>

namespace corral::ipc {

class LineFramer
{
public:
    struct Frame
    {
        enum class Kind { Line, Oversized };
        Kind kind = Kind::Line;
        QByteArray line; // without '\n'; empty for Oversized
    };

    explicit LineFramer(qsizetype maxLineBytes = kMaxMessageBytes);

    // Consumes `chunk` and appends every completed frame to `frames`, in stream order.
    // An Oversized frame is produced as soon as a line exceeds the limit (not when its
    // newline arrives), so the sender gets its error promptly; the rest of that line is
    // skipped. Lines made only of spaces, tabs or a '\r' are ignored (keep-alives).
    void feed(QByteArrayView chunk, std::vector<Frame>& frames);

    // Bytes held for an incomplete line; never more than the limit.
    qsizetype bufferedBytes() const { return m_buffer.size(); }
    bool isDiscarding() const { return m_discarding; }
    qsizetype maxLineBytes() const { return m_maxLineBytes; }

private:
    void complete(std::vector<Frame>& frames);

    qsizetype m_maxLineBytes;
    QByteArray m_buffer;
    bool m_discarding = false;
};

} // namespace corral::ipc
