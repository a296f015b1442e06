// SPDX-License-Identifier: Apache-2.0
#include "Cidr.h"

namespace corral::policy::builtins {

namespace {

constexpr std::array<std::uint8_t, 12> kV4Prefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool parseV4(QStringView text, std::uint8_t* out)
{
    int field = 0;
    qsizetype i = 0;
    while (field < 4) {
        if (i >= text.size() || !text[i].isDigit() || text[i].unicode() > '9')
            return false;
        const qsizetype start = i;
        int value = 0;
        while (i < text.size() && text[i] >= QLatin1Char('0') && text[i] <= QLatin1Char('9')) {
            value = value * 10 + (text[i].unicode() - '0');
            if (value > 255)
                return false;
            ++i;
        }
        if (i - start > 1 && text[start] == QLatin1Char('0'))
            return false; // Go rejects leading zeros (they would read as octal elsewhere)
        out[field++] = std::uint8_t(value);
        if (field < 4) {
            if (i >= text.size() || text[i] != QLatin1Char('.'))
                return false;
            ++i;
        }
    }
    return i == text.size();
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

bool parseV6(QStringView text, std::array<std::uint8_t, 16>& out)
{
    out.fill(0);
    int ellipsis = -1; // byte index where "::" stands
    qsizetype i = 0;
    if (text.startsWith(u"::")) {
        ellipsis = 0;
        i = 2;
        if (i == text.size())
            return true;
    }
    int j = 0;
    while (j < 16) {
        // An embedded IPv4 tail takes the last four bytes.
        qsizetype end = i;
        while (end < text.size() && text[end] != QLatin1Char(':'))
            ++end;
        const QStringView field = text.mid(i, end - i);
        if (field.contains(QLatin1Char('.'))) {
            if (j > 12 || end != text.size())
                return false;
            if (!parseV4(field, out.data() + j))
                return false;
            j += 4;
            i = end;
            break;
        }
        if (field.isEmpty() || field.size() > 4)
            return false;
        int value = 0;
        for (QChar c : field) {
            const int h = hexValue(c);
            if (h < 0)
                return false;
            value = value * 16 + h;
        }
        out[j] = std::uint8_t(value >> 8);
        out[j + 1] = std::uint8_t(value);
        j += 2;
        i = end;
        if (i == text.size())
            break;
        ++i; // the ':'
        if (i < text.size() && text[i] == QLatin1Char(':')) {
            if (ellipsis >= 0)
                return false;
            ellipsis = j;
            ++i;
            if (i == text.size())
                break;
        } else if (i == text.size()) {
            return false; // trailing single ':'
        }
    }
    if (i != text.size())
        return false;
    if (j < 16) {
        if (ellipsis < 0)
            return false;
        const int n = 16 - j;
        for (int k = j - 1; k >= ellipsis; --k)
            out[k + n] = out[k];
        for (int k = ellipsis; k < ellipsis + n; ++k)
            out[k] = 0;
    } else if (ellipsis >= 0 && ellipsis != 16) {
        return false; // "::" must stand for at least one group
    }
    return true;
}

void maskBytes(std::array<std::uint8_t, 16>& bytes, int bitsFromStart)
{
    for (int k = 0; k < 16; ++k) {
        const int keep = std::clamp(bitsFromStart - k * 8, 0, 8);
        bytes[k] &= std::uint8_t(keep == 8 ? 0xff : (0xff << (8 - keep)) & 0xff);
    }
}

int absolutePrefix(const IpNetwork& n)
{
    return n.v4 ? n.prefixLength + 96 : n.prefixLength;
}

} // namespace

bool IpAddress::isV4() const
{
    return std::equal(kV4Prefix.begin(), kV4Prefix.end(), bytes.begin());
}

QString IpAddress::toString() const
{
    if (isV4())
        return QStringLiteral("%1.%2.%3.%4").arg(bytes[12]).arg(bytes[13]).arg(bytes[14]).arg(bytes[15]);
    // Longest run of two or more zero groups becomes "::" (the first one on ties).
    int bestStart = -1, bestLen = 0;
    for (int g = 0; g < 8;) {
        if (bytes[2 * g] == 0 && bytes[2 * g + 1] == 0) {
            int e = g;
            while (e < 8 && bytes[2 * e] == 0 && bytes[2 * e + 1] == 0)
                ++e;
            if (e - g > bestLen && e - g >= 2) {
                bestStart = g;
                bestLen = e - g;
            }
            g = e;
        } else {
            ++g;
        }
    }
    QString s;
    for (int g = 0; g < 8; ++g) {
        if (g == bestStart) {
            s += QStringLiteral("::");
            g += bestLen - 1;
            continue;
        }
        if (!s.isEmpty() && !s.endsWith(QLatin1Char(':')))
            s += QLatin1Char(':');
        s += QString::number((bytes[2 * g] << 8) | bytes[2 * g + 1], 16);
    }
    return s;
}

bool IpNetwork::contains(const IpAddress& ip) const
{
    // Go matches IPv4 blocks against IPv4 (or IPv4-mapped) addresses and IPv6 blocks against
    // IPv6 addresses only.
    if (v4 != ip.isV4())
        return false;
    IpAddress masked = ip;
    maskBytes(masked.bytes, absolutePrefix(*this));
    return masked.bytes == base.bytes;
}

IpAddress IpNetwork::last() const
{
    IpAddress out = base;
    const int prefix = absolutePrefix(*this);
    for (int k = 0; k < 16; ++k) {
        const int keep = std::clamp(prefix - k * 8, 0, 8);
        out.bytes[k] |= std::uint8_t(keep == 8 ? 0 : (0xff >> keep));
    }
    return out;
}

bool parseIpAddress(const QString& text, IpAddress& out)
{
    if (text.contains(QLatin1Char(':')))
        return parseV6(text, out.bytes);
    std::copy(kV4Prefix.begin(), kV4Prefix.end(), out.bytes.begin());
    return parseV4(text, out.bytes.data() + 12);
}

Result<IpNetwork> parseCidr(const QString& text)
{
    const auto bad = [&] {
        return makeError(QStringLiteral("cidr.invalid"), QStringLiteral("invalid CIDR address: %1").arg(text));
    };
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return bad();
    IpNetwork n;
    if (!parseIpAddress(text.left(slash), n.address))
        return bad();
    n.v4 = !text.left(slash).contains(QLatin1Char(':'));
    const QStringView mask = QStringView(text).mid(slash + 1);
    if (mask.isEmpty() || mask.size() > 4)
        return bad();
    int bits = 0;
    for (QChar c : mask) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return bad();
        bits = bits * 10 + (c.unicode() - '0');
    }
    if (bits > (n.v4 ? 32 : 128))
        return bad();
    n.prefixLength = bits;
    n.base = n.address;
    maskBytes(n.base.bytes, absolutePrefix(n));
    return n;
}

bool cidrIntersects(const IpNetwork& a, const IpNetwork& b)
{
    return a.contains(b.base) || b.contains(a.base);
}

bool cidrContainsNetwork(const IpNetwork& outer, const IpNetwork& inner)
{
    return outer.contains(inner.base) && outer.contains(inner.last());
}

Result<QStringList> cidrExpand(const IpNetwork& net, qsizetype limit)
{
    const int hostBits = (net.v4 ? 32 : 128) - net.prefixLength;
    if (hostBits >= 62 || (qsizetype(1) << hostBits) > limit)
        return makeError(QStringLiteral("cidr.too_large"),
                         QStringLiteral("CIDR block holds more than %1 addresses").arg(limit));
    QStringList out;
    IpAddress ip = net.base;
    const qsizetype count = qsizetype(1) << hostBits;
    out.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        out.append(ip.toString());
        for (int k = 15; k >= 0; --k)
            if (++ip.bytes[k] != 0)
                break;
    }
    return out;
}

} // namespace corral::policy::builtins
