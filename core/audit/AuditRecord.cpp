// SPDX-License-Identifier: Apache-2.0
#include "AuditRecord.h"

#include "CanonicalJson.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace {

// The members the log sets in every record, in JCS key order.
constexpr QStringView kHeaderKeys[] = {u"origin", u"prev", u"seq", u"ts", u"type"};

} // namespace

Result<PreparedEvent> PreparedEvent::prepare(const AuditEvent& event)
{
    if (Result<void> r = event.validate(); !r)
        return r.error();
    PreparedEvent p;
    p.m_type = event.type;
    if (Result<void> r = appendCanonicalString(p.m_text, event.type); !r)
        return r.error();
    p.m_typeSize = p.m_text.size();
    // Members are canonicalised into a per-thread scratch buffer in the object's order,
    // then copied into m_text sorted; the scratch space is reused across events.
    struct Field
    {
        QString key;
        qsizetype begin = 0;
        qsizetype end = 0;
    };
    thread_local std::vector<Field> fields;
    thread_local QByteArray scratch;
    fields.clear();
    scratch.resize(0); // keeps the capacity
    for (auto it = event.fields.begin(); it != event.fields.end(); ++it) {
        Field f{it.key(), scratch.size(), 0};
        if (Result<void> r = appendCanonicalString(scratch, f.key); !r)
            return r.error();
        scratch.append(':');
        if (Result<void> r = appendCanonicalJson(scratch, it.value()); !r)
            return r.error();
        scratch.append(',');
        f.end = scratch.size();
        fields.push_back(std::move(f));
    }
    std::sort(fields.begin(), fields.end(), [](const Field& a, const Field& b) { return jcsKeyLess(a.key, b.key); });
    p.m_text.reserve(p.m_typeSize + scratch.size());
    std::size_t h = 0;
    for (const Field& f : fields) {
        // Header keys never equal an event key (validate() rejects reserved names).
        for (; h < std::size(kHeaderKeys) && jcsKeyLess(kHeaderKeys[h], f.key); ++h)
            p.m_headerAt[h] = p.m_text.size();
        p.m_text.append(scratch.constData() + f.begin, f.end - f.begin);
    }
    for (; h < std::size(kHeaderKeys); ++h)
        p.m_headerAt[h] = p.m_text.size();
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
    QByteArray out;
    stampInto(out, seq, tsJson, originJson, prevHex);
    return out;
}

void PreparedEvent::stampInto(QByteArray& out, std::uint64_t seq, QByteArrayView tsJson, QByteArrayView originJson,
                              QByteArrayView prevHex) const
{
    // The five header members are spliced between the slices of the event's sorted
    // members, each followed by a comma; the last comma becomes the closing brace. This
    // runs once per record on the writer thread, so nothing is allocated beyond `out`.
    char seqDigits[24];
    const auto seqEnd = std::to_chars(seqDigits, seqDigits + sizeof seqDigits, seq).ptr;
    const QByteArrayView typeJson(m_text.constData(), m_typeSize);
    out.resize(0); // keeps the capacity
    out.reserve(64 + originJson.size() + prevHex.size() + tsJson.size() + m_text.size());
    out.append('{');
    qsizetype from = m_typeSize;
    for (std::size_t h = 0; h < std::size(kHeaderKeys); ++h) {
        out.append(m_text.constData() + from, m_headerAt[h] - from);
        from = m_headerAt[h];
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
            out.append("\"type\":", 7).append(typeJson);
            break;
        }
        out.append(',');
    }
    out.append(m_text.constData() + from, m_text.size() - from);
    out.back() = '}';
}

namespace {

class Scanner
{
public:
    explicit Scanner(QByteArrayView s) : m_s(s) { indexQuotes(); }

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
        for (;;) {
            m_i = findQuoteOrBackslash(m_i);
            if (atEnd())
                return false;
            if (m_s[m_i] == '\\') {
                m_i += 2;
                continue;
            }
            out = m_s.sliced(start, m_i - start);
            ++m_i;
            return true;
        }
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
    // Most records have no escapes at all. For those the quotes alone delimit every
    // string, so they are located once for the whole record (16 bytes per compare, one
    // bit per byte) and each string end is found with a bit scan instead of a loop whose
    // exit mispredicts on every string.
    static constexpr qsizetype kIndexedBytes = 4096;
    void indexQuotes()
    {
#if defined(__SSE2__)
        const qsizetype n = m_s.size();
        if (n > kIndexedBytes)
            return;
        const char* s = m_s.data();
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        unsigned escapes = 0;
        qsizetype i = 0;
        for (; i + 16 <= n; i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
            const auto bits = std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote))));
            escapes |= unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)));
            if ((i & 63) == 0)
                m_quotes[i >> 6] = bits;
            else
                m_quotes[i >> 6] |= bits << (i & 63);
        }
        for (; i < n; ++i) {
            if ((i & 63) == 0)
                m_quotes[i >> 6] = 0;
            escapes |= s[i] == '\\';
            m_quotes[i >> 6] |= std::uint64_t(s[i] == '"') << (i & 63);
        }
        m_words = (n + 63) >> 6;
        m_indexed = escapes == 0;
#endif
    }

    // The first '"' or '\\' at or after `i`, or the end.
    qsizetype findQuoteOrBackslash(qsizetype i) const
    {
        const char* s = m_s.data();
        const qsizetype n = m_s.size();
        if (m_indexed) {
            if (i >= n)
                return n;
            qsizetype word = i >> 6;
            std::uint64_t bits = m_quotes[word] & (~std::uint64_t(0) << (i & 63));
            while (bits == 0) {
                if (++word == m_words)
                    return n;
                bits = m_quotes[word];
            }
            return (word << 6) + std::countr_zero(bits);
        }
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        for (; i + 16 <= n; i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
            const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
            if (mask)
                return i + std::countr_zero(unsigned(mask));
        }
#endif
        while (i < n && s[i] != '"' && s[i] != '\\')
            ++i;
        return i;
    }

    QByteArrayView m_s;
    qsizetype m_i = 0;
    bool m_indexed = false;                     // m_quotes holds every quote (and there is no backslash)
    qsizetype m_words = 0;                      // 64-byte words of m_quotes in use
    std::uint64_t m_quotes[kIndexedBytes / 64]; // bit b of word w: byte 64w+b is '"'
};

// Which header member `key` names, by its raw (unescaped) bytes: the scan compares keys of
// every member of millions of records, so this avoids a library call per key.
enum class HeaderKey { Other, Seq, Prev, Ts, Type, Origin };

HeaderKey headerKey(QByteArrayView key)
{
    const char* k = key.data();
    switch (key.size()) {
    case 2:
        return std::memcmp(k, "ts", 2) == 0 ? HeaderKey::Ts : HeaderKey::Other;
    case 3:
        return std::memcmp(k, "seq", 3) == 0 ? HeaderKey::Seq : HeaderKey::Other;
    case 4:
        return std::memcmp(k, "prev", 4) == 0   ? HeaderKey::Prev
               : std::memcmp(k, "type", 4) == 0 ? HeaderKey::Type
                                                : HeaderKey::Other;
    case 6:
        return std::memcmp(k, "origin", 6) == 0 ? HeaderKey::Origin : HeaderKey::Other;
    default:
        return HeaderKey::Other;
    }
}

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
            switch (headerKey(key)) {
            case HeaderKey::Seq:
                ok = s.unsignedInt(h.seq);
                seen |= 1;
                break;
            case HeaderKey::Prev:
                ok = s.string(h.prev);
                seen |= 2;
                break;
            case HeaderKey::Ts:
                ok = s.string(h.ts);
                seen |= 4;
                break;
            case HeaderKey::Type:
                ok = s.string(h.type);
                seen |= 8;
                break;
            case HeaderKey::Origin:
                ok = s.string(h.origin);
                seen |= 16;
                break;
            case HeaderKey::Other:
                ok = s.skipValue();
                break;
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
