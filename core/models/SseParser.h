// SPDX-License-Identifier: Apache-2.0
// Server-sent events (the WHATWG event-stream format) as streaming model APIs send them:
// bytes in, whole events out, whatever the chunking of the network.
#pragma once

#include <QByteArray>
#include <QList>

namespace corral::models {

struct SseEvent
{
    QByteArray event; // the "event:" field; empty when absent (the format's "message")
    QByteArray data;  // "data:" lines joined by '\n'
};

class SseParser
{
public:
    // Appends bytes and returns the events they complete. Lines end with LF, CRLF or CR; an
    // empty line ends an event; ":" lines are comments (keep-alives); "id" and "retry"
    // are ignored; an event without data is dropped, as the format says.
    QList<SseEvent> feed(QByteArrayView bytes);
    // Bytes of an event not yet ended by an empty line (a cut-off stream when the
    // connection ends here).
    bool hasPartialEvent() const { return !m_line.isEmpty() || m_hasData || !m_current.event.isEmpty(); }
    void reset() { *this = SseParser(); }

private:
    void takeLine(QList<SseEvent>& out);

    QByteArray m_line;
    bool m_lastWasCr = false;
    bool m_hasData = false;
    SseEvent m_current;
};

} // namespace corral::models
