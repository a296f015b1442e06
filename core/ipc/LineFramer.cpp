// SPDX-License-Identifier: Apache-2.0
#include "LineFramer.h"

namespace corral::ipc {

namespace {

bool isBlank(QByteArrayView line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

} // namespace

LineFramer::LineFramer(qsizetype maxLineBytes) : m_maxLineBytes(maxLineBytes) {}

void LineFramer::complete(std::vector<Frame>& frames)
{
    if (!isBlank(m_buffer))
        frames.push_back(Frame{Frame::Kind::Line, m_buffer});
    m_buffer.clear();
}

void LineFramer::feed(QByteArrayView chunk, std::vector<Frame>& frames)
{
    while (!chunk.isEmpty()) {
        const qsizetype newline = chunk.indexOf('\n');
        const QByteArrayView part = newline < 0 ? chunk : chunk.first(newline);
        chunk = newline < 0 ? QByteArrayView() : chunk.sliced(newline + 1);

        if (m_discarding) {
            // Skip the rest of an oversized line; a newline ends the skipping.
            if (newline >= 0)
                m_discarding = false;
            continue;
        }
        if (part.size() > m_maxLineBytes - m_buffer.size()) {
            m_buffer.clear();
            m_buffer.squeeze();
            frames.push_back(Frame{Frame::Kind::Oversized, {}});
            m_discarding = newline < 0;
            continue;
        }
        m_buffer.append(part);
        if (newline >= 0)
            complete(frames);
    }
}

} // namespace corral::ipc
