// SPDX-License-Identifier: Apache-2.0
#include "ResponseSanitizer.h"

#include "TextScan.h"

#include <algorithm>
#include <vector>

namespace corral::dlp {

using namespace detail;

ResponseSanitizer::ResponseSanitizer(SanitizerSettings settings, DlpScanner scanner)
    : m_settings(std::move(settings)), m_scanner(std::move(scanner))
{}

SanitizedAnswer ResponseSanitizer::sanitize(QByteArrayView utf8) const
{
    SanitizedAnswer answer;
    answer.dlpFindings = m_scanner.scan(utf8);
    const char* s = utf8.data();
    const qsizetype n = utf8.size();

    struct Edit
    {
        qsizetype begin;
        qsizetype end;
        QByteArray replacement;
    };
    std::vector<Edit> edits;
    const auto allowed = [&](const UrlSpan& url) {
        const QByteArray host = QByteArray(s + url.hostBegin, url.hostEnd - url.hostBegin).toLower();
        if (host.contains('%') || host.contains('\\'))
            return false;
        return std::any_of(m_settings.allowedHosts.begin(), m_settings.allowedHosts.end(),
                           [&](const QByteArray& a) { return hostAllowed(host, a); });
    };
    // An edit that encloses earlier ones (a link whose text is itself a URL) replaces them.
    const auto push = [&](Edit edit, SanitizerFinding finding) {
        while (!edits.empty() && edits.back().begin >= edit.begin) {
            edits.pop_back();
            answer.findings.removeLast();
        }
        if (edit.replacement.contains("://") || edit.replacement.contains("www."))
            edit.replacement = QByteArrayLiteral("[link removed]");
        edits.push_back(std::move(edit));
        answer.findings.append(std::move(finding));
    };
    const auto handle = [&](const UrlSpan& url) {
        if (!edits.empty() && url.begin < edits.back().end)
            return; // inside something already removed
        if (allowed(url))
            return;
        const QString host = QString::fromUtf8(s + url.hostBegin, url.hostEnd - url.hostBegin);
        // Markdown link or image: [text](URL "title") / ![alt](URL).
        if (url.begin >= 2 && s[url.begin - 1] == '(' && s[url.begin - 2] == ']') {
            qsizetype open = url.begin - 3;
            int depth = 0;
            while (open >= 0 && url.begin - open < 2048) {
                if (s[open] == ']')
                    ++depth;
                else if (s[open] == '[' && depth-- == 0)
                    break;
                --open;
            }
            qsizetype close = url.end;
            while (close < n && s[close] != ')' && s[close] != '\n')
                ++close;
            if (open >= 0 && close < n && s[close] == ')') {
                const bool image = open > 0 && s[open - 1] == '!';
                const QByteArray text(s + open + 1, url.begin - 2 - open - 1);
                if (image)
                    push({open - 1, close + 1, {}}, {SanitizerIssue::DisallowedImage, open - 1, close + 1, host});
                else
                    push({open, close + 1, text}, {SanitizerIssue::DisallowedLink, open, close + 1, host});
                return;
            }
        }
        // <img ... src="URL" ...>
        {
            qsizetype tag = url.begin - 1;
            while (tag >= 0 && url.begin - tag < 512 && s[tag] != '<' && s[tag] != '>')
                --tag;
            if (tag >= 0 && s[tag] == '<' && n - tag > 4 &&
                QByteArrayView(s + tag + 1, 3).compare("img", Qt::CaseInsensitive) == 0) {
                qsizetype close = url.end;
                while (close < n && s[close] != '>')
                    ++close;
                if (close < n) {
                    push({tag, close + 1, {}}, {SanitizerIssue::DisallowedImage, tag, close + 1, host});
                    return;
                }
            }
        }
        // Autolink <URL>, reference definition "[id]: URL", or a bare URL.
        qsizetype b = url.begin;
        qsizetype e = url.end;
        if (b > 0 && s[b - 1] == '<' && e < n && s[e] == '>')
            --b, ++e;
        push({b, e, QByteArrayLiteral("[link removed]")}, {SanitizerIssue::DisallowedLink, b, e, host});
    };
    std::vector<UrlSpan> urls;
    for (qsizetype at = QByteArrayView(utf8).indexOf("://"); at >= 0; at = utf8.indexOf("://", at + 3)) {
        const UrlSpan url = urlAt(utf8, at, false);
        if (url.end > url.begin)
            urls.push_back(url);
    }
    for (qsizetype at = utf8.indexOf("www."); at >= 0; at = utf8.indexOf("www.", at + 4)) {
        const UrlSpan url = urlAt(utf8, at, true);
        if (url.end > url.begin)
            urls.push_back(url);
    }
    std::sort(urls.begin(), urls.end(), [](const UrlSpan& a, const UrlSpan& b) { return a.begin < b.begin; });
    for (const UrlSpan& url : urls)
        handle(url);
    if (edits.empty()) {
        answer.text = utf8.toByteArray();
        return answer;
    }
    qsizetype pos = 0;
    for (const Edit& e : edits) {
        answer.text.append(s + pos, e.begin - pos);
        answer.text += e.replacement;
        pos = e.end;
    }
    answer.text.append(s + pos, n - pos);
    return answer;
}

} // namespace corral::dlp
