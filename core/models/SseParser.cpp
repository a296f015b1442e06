// SPDX-License-Identifier: Apache-2.0
#include "SseParser.h"

namespace corral::models {

QList<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    QList<SseEvent> out;
    for (const char c : bytes) {
        if (c == '\n' && m_lastWasCr) { // the LF of a CRLF already ended the line
            m_lastWasCr = false;
            continue;
        }
        m_lastWasCr = c == '\r';
        if (c == '\n' || c == '\r')
            takeLine(out);
        else
            m_line.append(c);
    }
    return out;
}

void SseParser::takeLine(QList<SseEvent>& out)
{
    const QByteArray line = std::exchange(m_line, QByteArray());
    if (line.isEmpty()) {
        if (m_hasData)
            out.append(std::move(m_current));
        m_current = SseEvent();
        m_hasData = false;
        return;
    }
    if (line.startsWith(':'))
        return;
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.first(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_current.data.append('\n');
        m_current.data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_current.event = value;
    }
}

} // namespace corral::models
