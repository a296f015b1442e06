// SPDX-License-Identifier: Apache-2.0
#include "Semver.h"

#include <QRegularExpression>

namespace corral::policy::builtins {

namespace {

bool isIdentifierList(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*$"));
    return re.match(s).hasMatch();
}

// Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits, no overflow.
bool parseInt64(const QString& s, std::int64_t& out)
{
    bool ok = false;
    const qlonglong v = s.toLongLong(&ok, 10);
    if (!ok || s.isEmpty() || s.front().isSpace() || s.back().isSpace())
        return false;
    out = v;
    return true;
}

bool isAllDecimals(const QString& s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}

} // namespace

Result<SemVersion> parseSemver(const QString& text)
{
    SemVersion v;
    QString rest = text.startsWith(QLatin1Char('v')) ? text.mid(1) : text;
    if (const qsizetype plus = rest.indexOf(QLatin1Char('+')); plus >= 0) {
        v.metadata = rest.mid(plus + 1);
        rest.truncate(plus);
        if (!v.metadata.isEmpty() && !isIdentifierList(v.metadata))
            return makeError(QStringLiteral("semver.metadata"),
                             QStringLiteral("invalid metadata identifier: %1").arg(v.metadata));
    }
    if (const qsizetype dash = rest.indexOf(QLatin1Char('-')); dash >= 0) {
        v.preRelease = rest.mid(dash + 1);
        rest.truncate(dash);
        if (!v.preRelease.isEmpty() && !isIdentifierList(v.preRelease))
            return makeError(QStringLiteral("semver.prerelease"),
                             QStringLiteral("invalid pre-release identifier: %1").arg(v.preRelease));
    }
    const QStringList parts = rest.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return makeError(QStringLiteral("semver.parts"),
                         QStringLiteral("%1 should contain major, minor, and patch versions").arg(rest));
    std::int64_t* fields[] = {&v.major, &v.minor, &v.patch};
    for (int i = 0; i < 3; ++i)
        if (!parseInt64(parts[i], *fields[i]))
            return makeError(QStringLiteral("semver.number"),
                             QStringLiteral("strconv.ParseInt: parsing \"%1\": invalid syntax").arg(parts[i]));
    return v;
}

int compareSemver(const SemVersion& a, const SemVersion& b)
{
    if (a.major != b.major)
        return a.major < b.major ? -1 : 1;
    if (a.minor != b.minor)
        return a.minor < b.minor ? -1 : 1;
    if (a.patch != b.patch)
        return a.patch < b.patch ? -1 : 1;
    if (a.preRelease == b.preRelease)
        return 0;
    // A version without pre-release outranks the same version with one.
    if (a.preRelease.isEmpty())
        return 1;
    if (b.preRelease.isEmpty())
        return -1;
    const QStringList pa = a.preRelease.split(QLatin1Char('.'));
    const QStringList pb = b.preRelease.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i) {
        const bool na = isAllDecimals(pa[i]);
        const bool nb = isAllDecimals(pb[i]);
        if (na != nb)
            return na ? -1 : 1; // numeric identifiers rank below alphanumeric ones
        if (na) {
            const qulonglong ia = pa[i].toULongLong();
            const qulonglong ib = pb[i].toULongLong();
            if (ia != ib)
                return ia < ib ? -1 : 1;
        } else if (const int c = QString::compare(pa[i], pb[i]); c != 0) {
            return c < 0 ? -1 : 1;
        }
    }
    if (pa.size() == pb.size())
        return 0;
    return pa.size() < pb.size() ? -1 : 1;
}

} // namespace corral::policy::builtins
