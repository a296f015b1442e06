// SPDX-License-Identifier: Apache-2.0
#include "AuditRecord.h"

#include "CanonicalJson.h"

#include <algorithm>
#include <charconv>

namespace corral::audit {

QByteArray genesisPrev()
{
    return QByteArray(64, '0');
}

QByteArray canonicalString(const QString& text)
{
    QByteArray out;
    if (!appendCanonicalString(out, text))
        return QByteArray("\"\"");
    return out;
}

Result<PreparedEvent> PreparedEvent::prepare(const AuditEvent& event)
{
    if (Result<void> r = event.validate(); !r)
        return r.error();
    PreparedEvent p;
    p.m_type = event.type;
    if (Result<void> r = appendCanonicalString(p.m_typeJson, event.type); !r)
        return r.error();
    p.m_members.reserve(std::size_t(event.fields.size()) + 5);
    for (auto it = event.fields.begin(); it != event.fields.end(); ++it) {
        Member m;
        m.key = it.key();
        if (Result<void> r = appendCanonicalString(m.json, m.key); !r)
            return r.error();
        m.json.append(':');
        if (Result<void> r = appendCanonicalJson(m.json, it.value()); !r)
            return r.error();
        p.m_membersSize += m.json.size() + 1;
        p.m_members.push_back(std::move(m));
    }
    std::sort(p.m_members.begin(), p.m_members.end(),
              [](const Member& a, const Member& b) { return jcsKeyLess(a.key, b.key); });
    return p;
}

QByteArray timestampJson(qint64 tsMs)
{
    return '"' + formatTimestamp(tsMs).toLatin1() + '"';
}

QByteArray PreparedEvent::stamp(std::uint64_t seq, qint64 tsMs, const QByteArray& originJson,
                                const QByteArray& prevHex) const
{
    return stamp(seq, timestampJson(tsMs), originJson, prevHex);
}

QByteArray PreparedEvent::stamp(std::uint64_t seq, const QByteArray& tsJson, const QByteArray& originJson,
                                const QByteArray& prevHex) const
{
    // The five header members, already in JCS order among themselves, are merged with
    // the event's sorted members straight into the output (this runs once per record on
    // the writer thread, so no temporaries).
    static const QStringView headerKeys[] = {u"origin", u"prev", u"seq", u"ts", u"type"};
    char seqDigits[24];
    const auto seqEnd = std::to_chars(seqDigits, seqDigits + sizeof seqDigits, seq).ptr;
    QByteArray out;
    out.reserve(160 + originJson.size() + prevHex.size() + tsJson.size() + m_typeJson.size() + m_membersSize);
    out.append('{');
    auto putHeader = [&](std::size_t h) {
        switch (h) {
        case 0:
            out.append("\"origin\":", 9).append(originJson);
            break;
        case 1:
            out.append("\"prev\":\"", 8).append(prevHex).append('"');
            break;
        case 2:
            out.append("\"seq\":", 6).append(seqDigits, seqEnd - seqDigits);
            break;
        case 3:
            out.append("\"ts\":", 5).append(tsJson);
            break;
        case 4:
            out.append("\"type\":", 7).append(m_typeJson);
            break;
        }
    };
    std::size_t h = 0;
    std::size_t e = 0;
    while (h < std::size(headerKeys) || e < m_members.size()) {
        if (h + e > 0)
            out.append(',');
        if (e == m_members.size() || (h < std::size(headerKeys) && jcsKeyLess(headerKeys[h], m_members[e].key)))
            putHeader(h++);
        else
            out.append(m_members[e++].json);
    }
    out.append('}');
    return out;
}

namespace {

class Scanner
{
public:
    explicit Scanner(QByteArrayView s) : m_s(s) {}

    bool atEnd() const { return m_i >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_i]; }
    bool eat(char c)
    {
        skipSpace();
        if (peek() != c)
            return false;
        ++m_i;
        return true;
    }
    void skipSpace()
    {
        while (!atEnd() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\r' || m_s[m_i] == '\t'))
            ++m_i;
    }
    // A string's raw contents (escapes left as they are).
    bool string(QByteArrayView& out)
    {
        skipSpace();
        if (peek() != '"')
            return false;
        const qsizetype start = ++m_i;
        while (!atEnd()) {
            const char c = m_s[m_i];
            if (c == '\\') {
                m_i += 2;
                continue;
            }
            if (c == '"') {
                out = m_s.sliced(start, m_i - start);
                ++m_i;
                return true;
            }
            ++m_i;
        }
        return false;
    }
    bool unsignedInt(std::uint64_t& out)
    {
        skipSpace();
        const qsizetype start = m_i;
        std::uint64_t v = 0;
        while (!atEnd() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
            const std::uint64_t next = v * 10 + std::uint64_t(m_s[m_i] - '0');
            if (next / 10 != v)
                return false;
            v = next;
            ++m_i;
        }
        if (m_i == start || (m_i - start > 1 && m_s[start] == '0'))
            return false;
        out = v;
        return true;
    }
    // Skips any JSON value; structure is checked only as far as nesting and strings go,
    // which is all the header scan needs (the hash covers the rest).
    bool skipValue()
    {
        skipSpace();
        if (peek() == '"') {
            QByteArrayView ignored;
            return string(ignored);
        }
        if (peek() == '{' || peek() == '[') {
            int depth = 0;
            while (!atEnd()) {
                const char c = m_s[m_i];
                if (c == '"') {
                    QByteArrayView ignored;
                    if (!string(ignored))
                        return false;
                    continue;
                }
                if (c == '{' || c == '[')
                    ++depth;
                else if (c == '}' || c == ']')
                    --depth;
                ++m_i;
                if (depth == 0)
                    return true;
            }
            return false;
        }
        const qsizetype start = m_i;
        while (!atEnd() && m_s[m_i] != ',' && m_s[m_i] != '}' && m_s[m_i] != ']')
            ++m_i;
        return m_i > start;
    }

private:
    QByteArrayView m_s;
    qsizetype m_i = 0;
};

Error recordError(const QString& message)
{
    return makeError(QStringLiteral("audit.record"), message);
}

} // namespace

Result<RecordHeader> scanRecord(QByteArrayView record)
{
    Scanner s(record);
    RecordHeader h;
    unsigned seen = 0;
    if (!s.eat('{'))
        return recordError(QStringLiteral("not a JSON object"));
    if (!s.eat('}')) {
        do {
            QByteArrayView key;
            if (!s.string(key) || !s.eat(':'))
                return recordError(QStringLiteral("malformed member"));
            bool ok = true;
            if (key == "seq") {
                ok = s.unsignedInt(h.seq);
                seen |= 1;
            } else if (key == "prev") {
                ok = s.string(h.prev);
                seen |= 2;
            } else if (key == "ts") {
                ok = s.string(h.ts);
                seen |= 4;
            } else if (key == "type") {
                ok = s.string(h.type);
                seen |= 8;
            } else if (key == "origin") {
                ok = s.string(h.origin);
                seen |= 16;
            } else {
                ok = s.skipValue();
            }
            if (!ok)
                return recordError(QStringLiteral("malformed value of \"%1\"").arg(QString::fromUtf8(key)));
        } while (s.eat(','));
        if (!s.eat('}'))
            return recordError(QStringLiteral("unterminated object"));
    }
    s.skipSpace();
    if (!s.atEnd())
        return recordError(QStringLiteral("trailing bytes after the object"));
    if (seen != 31)
        return recordError(QStringLiteral("missing one of seq, prev, ts, type, origin"));
    return h;
}

} // namespace corral::audit
