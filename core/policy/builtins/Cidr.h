// SPDX-License-Identifier: Apache-2.0
// IP addresses and CIDR blocks (IPv4 and IPv6) with Go's net package parsing rules, for
// the net.cidr_* built-ins.
#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>

namespace corral::policy::builtins {

// An address in 16-byte form; IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d).
struct IpAddress
{
    std::array<std::uint8_t, 16> bytes{};
    bool isV4() const;
    // Go's net.IP.String(): dotted quad for IPv4, RFC 5952 compressed form for IPv6.
    QString toString() const;
};

struct IpNetwork
{
    IpAddress base;       // the address with host bits cleared
    IpAddress address;    // the address as written
    int prefixLength = 0; // in the family's bits (0-32 for IPv4, 0-128 for IPv6)
    bool v4 = false;

    bool contains(const IpAddress& ip) const;
    IpAddress last() const; // the highest address of the block
};

// Go's net.ParseIP: dotted quad without leading zeros, or IPv6 text (no zone).
bool parseIpAddress(const QString& text, IpAddress& out);

// Go's net.ParseCIDR; the error message is Go's ("invalid CIDR address: <text>").
Result<IpNetwork> parseCidr(const QString& text);

// True when both blocks share at least one address.
bool cidrIntersects(const IpNetwork& a, const IpNetwork& b);

// True when `outer` holds every address of `inner`.
bool cidrContainsNetwork(const IpNetwork& outer, const IpNetwork& inner);

// Every address of the block, lowest first; fails when there are more than `limit`.
Result<QStringList> cidrExpand(const IpNetwork& net, qsizetype limit);

} // namespace corral::policy::builtins
