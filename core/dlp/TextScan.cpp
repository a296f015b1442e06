// SPDX-License-Identifier: Apache-2.0
#include "TextScan.h"

namespace corral::dlp::detail {

UrlSpan urlAt(QByteArrayView text, qsizetype colon, bool www)
{
    const char* s = text.data();
    const qsizetype n = text.size();
    UrlSpan url;
    qsizetype begin = colon;
    qsizetype hostBegin = colon;
    if (www) {
        if (colon > 0 && (is(s[colon - 1], kDomain) || s[colon - 1] == '/' || s[colon - 1] == '@'))
            return url;
    } else {
        // The scheme: letters (and + - .) right before "://", starting with a letter.
        while (begin > 0 && (is(s[begin - 1], kUpper | kLower | kDigit) || s[begin - 1] == '+' || s[begin - 1] == '-' ||
                             s[begin - 1] == '.'))
            --begin;
        while (begin < colon && !is(s[begin], kUpper | kLower))
            ++begin;
        if (begin == colon || colon - begin > 16)
            return url;
        hostBegin = colon + 3;
    }
    qsizetype end = hostBegin;
    int openParens = 0;
    // Brackets belong to an IPv6 host ("http://[::1]:8080/") and nowhere else: elsewhere a
    // ']' ends the URL, as in markdown's "[https://a.example](https://b.example)".
    const bool bracketHost = hostBegin < n && s[hostBegin] == '[';
    bool bracketClosed = false;
    while (end < n && is(s[end], kUrl)) {
        if (s[end] == '[' && !(bracketHost && end == hostBegin))
            break;
        if (s[end] == ']') {
            if (!bracketHost || bracketClosed)
                break;
            bracketClosed = true;
        }
        if (s[end] == '(')
            ++openParens;
        else if (s[end] == ')' && --openParens < 0)
            break;
        ++end;
    }
    // Sentence punctuation right after a URL is not part of it.
    while (end > hostBegin && (s[end - 1] == '.' || s[end - 1] == ',' || s[end - 1] == ';' || s[end - 1] == ':' ||
                               s[end - 1] == '!' || s[end - 1] == '?' || s[end - 1] == '\'' || s[end - 1] == '*'))
        --end;
    // Host: after any user info, up to the port, path, query or fragment.
    qsizetype hostEnd = hostBegin;
    while (hostEnd < end && s[hostEnd] != '/' && s[hostEnd] != '?' && s[hostEnd] != '#')
        ++hostEnd;
    for (qsizetype k = hostEnd; k > hostBegin; --k) {
        if (s[k - 1] == '@') {
            hostBegin = k;
            break;
        }
    }
    qsizetype portAt = hostEnd;
    if (hostBegin < hostEnd && s[hostBegin] != '[') {
        for (qsizetype k = hostBegin; k < hostEnd; ++k) {
            if (s[k] == ':') {
                portAt = k;
                break;
            }
        }
    }
    if (portAt == hostBegin)
        return url;
    url.begin = begin;
    url.end = end;
    url.hostBegin = hostBegin;
    url.hostEnd = portAt;
    return url;
}

bool hostAllowed(QByteArrayView host, QByteArrayView allowed)
{
    if (allowed.startsWith("*.")) {
        const QByteArrayView suffix = allowed.sliced(1); // ".example.com"
        return host.size() > suffix.size() && host.endsWith(suffix);
    }
    return host == allowed;
}

} // namespace corral::dlp::detail
