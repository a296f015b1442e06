// SPDX-License-Identifier: Apache-2.0
#include "DlpScanner.h"

#include "Checksums.h"
#include "TextScan.h"

#include <algorithm>
#include <cstring>
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>
#include <string>
#include <string_view>
#include <vector>

namespace corral::dlp {

using namespace detail;

namespace {

struct Candidate
{
    EntityType type;
    double score;
    qsizetype begin;
    qsizetype end;
};

// Base scores: how sure a recognizer is without context words.
constexpr double kScoreChecksum = 0.95; // a checksum or structure that chance rarely meets
constexpr double kScoreStrong = 0.9;
constexpr double kScoreFormatted = 0.75;
constexpr double kScoreMedium = 0.6;
constexpr double kScoreWeak = 0.35; // reported only with a context word nearby

// Words that make a finding of a type more likely when they appear shortly before or after it.
const std::vector<std::string_view>& contextWords(EntityType type)
{
    static const std::vector<std::string_view> kWords[kEntityTypeCount] = {
        /* Email */ {"email", "e-mail", "mail", "contact"},
        /* Phone */ {"phone", "tel", "mobile", "cell", "call", "fax", "telefon", "whatsapp", "contact"},
        /* CreditCard */ {"card", "credit", "debit", "visa", "mastercard", "amex", "payment", "cc", "pan"},
        /* Iban */ {"iban", "bank", "account", "transfer", "konto"},
        /* UsSsn */ {"ssn", "social security", "social sec"},
        /* UsItin */ {"itin", "taxpayer", "tax id", "tin"},
        /* IpAddress */ {"ip", "address", "host", "server"},
        /* MacAddress */ {"mac", "ethernet", "wifi", "hardware", "device"},
        /* Url */ {"url", "link", "website"},
        /* CryptoWallet */ {"wallet", "bitcoin", "btc", "ethereum", "eth", "crypto"},
        /* UkNhs */ {"nhs", "health", "patient"},
        /* PrivateKey */ {},
        /* Jwt */ {"jwt", "bearer", "token"},
        /* ApiKey */ {"key", "token", "secret"},
        /* Secret */ {},
    };
    return kWords[std::size_t(type)];
}

// Keywords after which a high-entropy token is taken for a secret. A word ending in one of
// them counts ("api_key", "clientSecret", "AWS_SECRET_ACCESS_KEY").
struct Keyword
{
    std::string_view word;
    bool password; // passwords are shorter and less random than generated tokens
};
constexpr Keyword kKeywords[] = {
    {"key", false},     {"keys", false},       {"token", false},       {"tokens", false}, {"secret", false},
    {"secrets", false}, {"credential", false}, {"credentials", false}, {"apikey", false}, {"auth", false},
    {"password", true}, {"passwd", true},      {"pwd", true},          {"pass", true},    {"passphrase", true},
};

class Scan
{
public:
    Scan(const DlpSettings& settings, QByteArrayView text) : m_settings(settings), m_s(text.data()), m_n(text.size()) {}

    std::vector<Candidate> run()
    {
        if (on(EntityType::Email))
            scanEmails();
        if (on(EntityType::Url))
            scanUrls();
        if (on(EntityType::PrivateKey))
            scanPrivateKeys();
        scanWords();
        return std::move(m_found);
    }

private:
    bool on(EntityType t) const { return m_settings.isEnabled(t); }
    char at(qsizetype i) const { return i >= 0 && i < m_n ? m_s[i] : '\0'; }
    QByteArrayView span(qsizetype b, qsizetype e) const { return QByteArrayView(m_s + b, e - b); }

    void add(EntityType type, double score, qsizetype begin, qsizetype end)
    {
        if (on(type))
            m_found.push_back({type, score, begin, end});
    }

    qsizetype find(std::string_view needle, qsizetype from) const
    {
        if (from >= m_n)
            return -1;
        const void* hit = memmem(m_s + from, std::size_t(m_n - from), needle.data(), needle.size());
        return hit ? static_cast<const char*>(hit) - m_s : -1;
    }

    // ---- email: around each '@'
    void scanEmails()
    {
        qsizetype from = 0;
        while (from < m_n) {
            const void* hit = std::memchr(m_s + from, '@', std::size_t(m_n - from));
            if (!hit)
                return;
            const qsizetype a = static_cast<const char*>(hit) - m_s;
            from = a + 1;
            qsizetype b = a;
            while (b > 0 && a - b < 64 && is(m_s[b - 1], kEmailLocal))
                --b;
            for (qsizetype len; b < a && (len = leadingPunctuation(b)) > 0;)
                b += len;
            while (b < a && (m_s[b] == '.' || m_s[b] == '-' || m_s[b] == '+'))
                ++b;
            if (b == a || m_s[a - 1] == '.')
                continue;
            qsizetype e = a + 1;
            while (e < m_n && e - a < 254 && is(m_s[e], kDomain))
                ++e;
            for (bool trimmed = true; trimmed;) {
                trimmed = false;
                while (e > a + 1 && (m_s[e - 1] == '.' || m_s[e - 1] == '-'))
                    --e, trimmed = true;
                qsizetype start = e - 1;
                while (start > a + 1 && (static_cast<unsigned char>(m_s[start]) & 0xC0) == 0x80)
                    --start;
                if (start > a && static_cast<unsigned char>(m_s[start]) >= 0x80 &&
                    leadingPunctuation(start) == e - start)
                    e = start, trimmed = true;
            }
            if (!validDomain(a + 1, e))
                continue;
            add(EntityType::Email, kScoreStrong, b, e);
            from = e;
        }
    }

    // The length of the code point at `i` when it is punctuation or a space from Latin-1
    // (U+0080..U+00BF: guillemets, inverted marks, no-break space), General Punctuation
    // (U+2000..U+206F: curly quotes, dashes) or CJK punctuation (U+3000..U+303F), else 0.
    // Internationalised addresses may hold any letter, but not these around them.
    qsizetype leadingPunctuation(qsizetype i) const
    {
        const auto u = [&](qsizetype k) { return static_cast<unsigned char>(at(k)); };
        if (u(i) == 0xC2 && u(i + 1) >= 0x80 && u(i + 1) <= 0xBF)
            return 2;
        if (u(i) == 0xE2 && (u(i + 1) == 0x80 || u(i + 1) == 0x81))
            return 3;
        if (u(i) == 0xE3 && u(i + 1) == 0x80)
            return 3;
        return 0;
    }

    // Labels of 1..63 letters, digits and inner hyphens; at least two; a TLD of 2+ letters.
    bool validDomain(qsizetype b, qsizetype e) const
    {
        if (e - b < 4)
            return false;
        qsizetype label = b;
        int labels = 0;
        for (qsizetype i = b; i <= e; ++i) {
            if (i < e && m_s[i] != '.')
                continue;
            const qsizetype len = i - label;
            if (len < 1 || len > 63 || m_s[label] == '-' || m_s[i - 1] == '-')
                return false;
            ++labels;
            if (i == e) {
                if (len < 2)
                    return false;
                for (qsizetype k = label; k < e; ++k) {
                    if (!is(m_s[k], kUpper | kLower))
                        return false;
                }
            }
            label = i + 1;
        }
        return labels >= 2;
    }

    // ---- URLs: "scheme://" and "www."
    void scanUrls()
    {
        for (qsizetype at = find("://", 0); at >= 0; at = find("://", at + 3)) {
            const UrlSpan url = urlAt(QByteArrayView(m_s, m_n), at, false);
            if (url.end > url.begin && hasDot(url))
                add(EntityType::Url, kScoreMedium, url.begin, url.end);
        }
        for (qsizetype at = find("www.", 0); at >= 0; at = find("www.", at + 4)) {
            if (at >= 3 && std::memcmp(m_s + at - 3, "://", 3) == 0)
                continue;
            const UrlSpan url = urlAt(QByteArrayView(m_s, m_n), at, true);
            if (url.end > url.begin && hasDot(url))
                add(EntityType::Url, kScoreMedium, url.begin, url.end);
        }
    }

    bool hasDot(const UrlSpan& url) const
    {
        const QByteArrayView host = span(url.hostBegin, url.hostEnd);
        return host.contains('.') || host == "localhost" || host.startsWith('[');
    }

    // ---- PEM private key blocks
    void scanPrivateKeys()
    {
        for (qsizetype at = find("-----BEGIN ", 0); at >= 0; at = find("-----BEGIN ", at + 11)) {
            const qsizetype lineEnd = find("-----", at + 11);
            if (lineEnd < 0)
                return;
            const QByteArrayView label = span(at + 11, lineEnd);
            if (label.size() > 40 || !label.contains("PRIVATE KEY"))
                continue;
            const qsizetype endMarker = find("-----END ", lineEnd + 5);
            qsizetype end = -1;
            if (endMarker >= 0) {
                const qsizetype close = find("-----", endMarker + 9);
                if (close >= 0 && close - endMarker < 60)
                    end = close + 5;
            }
            if (end < 0) {
                // A truncated block: the key is whatever base64 follows the header.
                end = lineEnd + 5;
                while (end < m_n && (is(m_s[end], kWord | kSpace) || m_s[end] == '+' || m_s[end] == '/' ||
                                     m_s[end] == '=' || m_s[end] == ':' || m_s[end] == '-' || m_s[end] == ','))
                    ++end;
            }
            add(EntityType::PrivateKey, 1.0, at, end);
            at = end - 11;
        }
    }

    // ---- everything that starts a word
    void scanWords()
    {
        qsizetype i = 0;
        while (i < m_n) {
            while (i < m_n && !is(m_s[i], kWord))
                ++i;
            if (i >= m_n)
                return;
            const qsizetype w = i;
            while (i < m_n && is(m_s[i], kWord))
                ++i;
            i = std::max(i, word(w, i));
        }
    }

    // Examines the word [w, e); returns where scanning continues.
    qsizetype word(qsizetype w, qsizetype e)
    {
        const char c = m_s[w];
        const qsizetype len = e - w;
        if (is(c, kHex) && len <= 4 && (at(e) == ':' || (at(e) == '-' && len == 2))) {
            const qsizetype end = macOrIpv6(w);
            if (end > 0)
                return end;
        }
        if (is(c, kDigit)) {
            if (c == '0' && len == 42 && (m_s[w + 1] == 'x' || m_s[w + 1] == 'X'))
                return ethereum(w, e);
            if ((c == '1' || c == '3') && len >= 25 && len <= 35 && bitcoinBase58Valid(span(w, e))) {
                add(EntityType::CryptoWallet, kScoreChecksum, w, e);
                return e;
            }
            return number(w, e);
        }
        if (len < 2)
            return e;
        if (is(c, kUpper)) {
            if (len >= 4 && is(m_s[w + 1], kUpper) && is(m_s[w + 2], kDigit) && is(m_s[w + 3], kDigit)) {
                const qsizetype end = iban(w);
                if (end > 0)
                    return end;
            }
            if (c == 'A' && len == 20 && awsKeyId(w))
                return keyMatch(w, e);
            if (c == 'A' && len >= 4 && std::memcmp(m_s + w, "AIza", 4) == 0)
                return prefixedKey(w, 4, 35, 35);
            if (c == 'S' && len == 2 && m_s[w + 1] == 'G' && at(e) == '.')
                return sendGrid(w);
        } else if (is(c, kLower)) {
            const qsizetype end = lowerPrefix(w, e);
            if (end > 0)
                return end;
        }
        if (len >= 3 && is(c, kUpper | kLower))
            return keyword(w, e);
        return e;
    }

    qsizetype keyMatch(qsizetype b, qsizetype e)
    {
        add(EntityType::ApiKey, kScoreChecksum, b, e);
        return e;
    }

    // A key: `prefix` bytes, then between minLen and maxLen characters of [A-Za-z0-9_-].
    // Returns the end of the key, or the end of the prefix when there is none.
    qsizetype prefixedKey(qsizetype b, qsizetype prefix, qsizetype minLen, qsizetype maxLen,
                          double score = kScoreChecksum)
    {
        qsizetype e = b + prefix;
        while (e < m_n && is(m_s[e], kKeyChar))
            ++e;
        const qsizetype len = e - b - prefix;
        if (len < minLen || len > maxLen)
            return b + 1;
        add(EntityType::ApiKey, score, b, e);
        return e;
    }

    bool awsKeyId(qsizetype w) const
    {
        static constexpr const char* kPrefixes[] = {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA",
                                                    "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA"};
        bool prefix = false;
        for (const char* p : kPrefixes)
            prefix |= std::memcmp(m_s + w, p, 4) == 0;
        if (!prefix)
            return false;
        for (qsizetype k = w + 4; k < w + 20; ++k) {
            if (!is(m_s[k], kUpper | kDigit))
                return false;
        }
        return true;
    }

    qsizetype sendGrid(qsizetype w)
    {
        // SG.<22>.<43>
        qsizetype e = w + 3;
        qsizetype first = e;
        while (e < m_n && is(m_s[e], kKeyChar))
            ++e;
        if (e - first != 22 || at(e) != '.')
            return w + 2;
        const qsizetype second = ++e;
        while (e < m_n && is(m_s[e], kKeyChar))
            ++e;
        if (e - second != 43)
            return w + 2;
        add(EntityType::ApiKey, kScoreChecksum, w, e);
        return e;
    }

    bool startsWith(qsizetype w, std::string_view prefix) const
    {
        return m_n - w >= qsizetype(prefix.size()) && std::memcmp(m_s + w, prefix.data(), prefix.size()) == 0;
    }

    // Lower-case key prefixes, JWTs and Bech32 addresses.
    qsizetype lowerPrefix(qsizetype w, qsizetype e)
    {
        switch (m_s[w]) {
        case 'g':
            if (e - w == 40 && m_s[w + 1] == 'h' && m_s[w + 3] == '_' && std::strchr("pousr", m_s[w + 2]))
                return keyMatch(w, e); // GitHub ghp_/gho_/ghu_/ghs_/ghr_ + 36
            if (startsWith(w, "github_pat_") && e - w >= 40)
                return keyMatch(w, e);
            if (startsWith(w, "glpat-"))
                return prefixedKey(w, 6, 20, 20);
            break;
        case 'x':
            if (startsWith(w, "xox") && e - w == 4 && std::strchr("bpaors", m_s[w + 3]) && at(e) == '-')
                return prefixedKey(w, 5, 10, 250); // Slack
            break;
        case 's':
            if (startsWith(w, "sk_live_") || startsWith(w, "sk_test_"))
                return e - w >= 24 ? keyMatch(w, e) : e;
            if (e - w == 2 && m_s[w + 1] == 'k' && at(e) == '-')
                return openAiKey(w);
            break;
        case 'r':
            if (startsWith(w, "rk_live_") && e - w >= 24)
                return keyMatch(w, e); // Stripe restricted key
            break;
        case 'n':
            if (startsWith(w, "npm_") && e - w == 40)
                return keyMatch(w, e);
            break;
        case 'h':
            if (startsWith(w, "hf_") && e - w >= 33 && e - w <= 40)
                return keyMatch(w, e);
            break;
        case 'y':
            if (startsWith(w, "ya29."))
                return prefixedKey(w, 5, 20, 2048, kScoreStrong); // Google OAuth access token
            break;
        case 'e':
            if (startsWith(w, "eyJ"))
                return jwt(w);
            break;
        case 'b':
            if (startsWith(w, "bc1") && e - w >= 14 && e - w <= 90 && bitcoinBech32Valid(span(w, e))) {
                add(EntityType::CryptoWallet, kScoreChecksum, w, e);
                return e;
            }
            break;
        default:
            break;
        }
        return 0;
    }

    // OpenAI and Anthropic style: "sk-" (optionally "proj-", "ant-api03-", ...) and 20+
    // characters with letters and digits.
    qsizetype openAiKey(qsizetype w)
    {
        qsizetype e = w + 3;
        bool digit = false;
        bool letter = false;
        while (e < m_n && is(m_s[e], kKeyChar)) {
            digit |= is(m_s[e], kDigit);
            letter |= is(m_s[e], kUpper | kLower);
            ++e;
        }
        if (e - w < 23 || !digit || !letter)
            return w + 2;
        add(EntityType::ApiKey, kScoreStrong, w, e);
        return e;
    }

    // header.payload.signature, base64url, the header a JSON object naming "alg" or "typ".
    qsizetype jwt(qsizetype w)
    {
        qsizetype dots[2];
        qsizetype e = w;
        for (int part = 0; part < 3; ++part) {
            const qsizetype b = e;
            while (e < m_n && is(m_s[e], kKeyChar))
                ++e;
            if (e - b < (part == 2 ? 8 : 4))
                return w + 3;
            if (part < 2) {
                if (at(e) != '.')
                    return w + 3;
                dots[part] = e++;
            }
        }
        const QByteArray header = QByteArray::fromBase64(
            QByteArray(m_s + w, dots[0] - w), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (!header.startsWith('{') || (!header.contains("\"alg\"") && !header.contains("\"typ\"")))
            return w + 3;
        add(EntityType::Jwt, kScoreChecksum, w, e);
        return e;
    }

    qsizetype ethereum(qsizetype w, qsizetype e)
    {
        bool checksummed = false;
        if (ethereumAddressValid(span(w, e), &checksummed))
            add(EntityType::CryptoWallet, checksummed ? kScoreChecksum : kScoreMedium, w, e);
        return e;
    }

    // IBAN, compact or printed in groups of four: "DE89 3704 0044 0532 0130 00".
    qsizetype iban(qsizetype w)
    {
        const int length = ibanLength(m_s[w], m_s[w + 1]);
        if (length == 0)
            return 0;
        char compact[34];
        int count = 0;
        qsizetype e = w;
        while (e < m_n && count < length) {
            const char c = m_s[e];
            if (is(c, kUpper | kDigit)) {
                compact[count++] = c;
                ++e;
            } else if (c == ' ' && count % 4 == 0 && is(at(e + 1), kUpper | kDigit)) {
                ++e;
            } else {
                break;
            }
        }
        if (count != length || is(at(e), kWord) || !ibanValid(QByteArrayView(compact, count)))
            return 0;
        add(EntityType::Iban, kScoreChecksum, w, e);
        return e;
    }

    // MAC (six pairs with ':' or '-') or IPv6 (hex groups with ':' and at most one "::").
    qsizetype macOrIpv6(qsizetype w)
    {
        // MAC
        {
            const char sep = at(w + 2);
            qsizetype e = w;
            int groups = 0;
            while (groups < 6 && is(at(e), kHex) && is(at(e + 1), kHex)) {
                ++groups;
                e += 2;
                if (groups < 6) {
                    if (at(e) != sep)
                        break;
                    ++e;
                }
            }
            if (groups == 6 && (sep == ':' || sep == '-') && !is(at(e), kWord) && at(e) != sep) {
                add(EntityType::MacAddress, kScoreFormatted, w, e);
                return e;
            }
        }
        // IPv6
        qsizetype e = w;
        int groups = 0;
        bool compressed = false;
        qsizetype lastGood = -1;
        while (e < m_n) {
            qsizetype g = e;
            while (g < m_n && g - e < 5 && is(m_s[g], kHex))
                ++g;
            if (g - e == 0 || g - e > 4)
                break;
            // An IPv4 tail ("::ffff:192.0.2.1") counts as two groups.
            if (at(g) == '.') {
                const qsizetype v4 = ipv4At(e);
                if (v4 > 0) {
                    groups += 2;
                    lastGood = v4;
                    e = v4;
                }
                break;
            }
            ++groups;
            lastGood = g;
            e = g;
            if (at(e) != ':')
                break;
            if (at(e + 1) == ':') {
                if (compressed)
                    break;
                compressed = true;
                e += 2;
                lastGood = e;
                if (!is(at(e), kHex))
                    break;
            } else {
                ++e;
            }
        }
        if (lastGood < 0 || groups > 8 || (!compressed && groups != 8) || (compressed && groups > 7) ||
            is(at(lastGood), kWord) || at(lastGood) == ':')
            return 0;
        add(EntityType::IpAddress, kScoreFormatted, w, lastGood);
        return lastGood;
    }

    // Dotted quad at `b`; returns its end or 0.
    qsizetype ipv4At(qsizetype b) const
    {
        qsizetype e = b;
        for (int part = 0; part < 4; ++part) {
            int value = 0;
            const qsizetype start = e;
            while (e < m_n && e - start < 4 && is(m_s[e], kDigit))
                value = value * 10 + (m_s[e++] - '0');
            if (e == start || e - start > 3 || value > 255 || (e - start > 1 && m_s[start] == '0'))
                return 0;
            if (part < 3) {
                if (at(e) != '.')
                    return 0;
                ++e;
            }
        }
        if (is(at(e), kWord) || (at(e) == '.' && is(at(e + 1), kDigit)))
            return 0;
        return e;
    }

    // ---- numbers: cards, SSN, ITIN, NHS, IPv4, phones
    struct Number
    {
        static constexpr int kMaxGroups = 12;
        qsizetype begin = 0;
        qsizetype end = 0;
        int groups = 0;
        qsizetype groupBegin[kMaxGroups];
        qsizetype groupEnd[kMaxGroups];
        char sep[kMaxGroups]; // separator after each group
        bool plus = false;
        bool paren = false;
    };

    qsizetype number(qsizetype w, qsizetype e)
    {
        // Plain short numbers (years, amounts, counts) are most digits in office text.
        const char next = at(e);
        if (e - w < 7 && next != ' ' && next != '-' && next != '.' && next != ')' && next != '/')
            return e;
        Number num;
        num.begin = w;
        if (at(w - 1) == '(') {
            num.paren = true;
            num.begin = w - 1;
            if (at(w - 2) == '+')
                num.plus = true, num.begin = w - 2;
        } else if (at(w - 1) == '+') {
            num.plus = true;
            num.begin = w - 1;
        }
        qsizetype i = w;
        int digits = 0;
        while (num.groups < Number::kMaxGroups) {
            const qsizetype g = i;
            while (i < m_n && is(m_s[i], kDigit))
                ++i;
            digits += int(i - g);
            num.groupBegin[num.groups] = g;
            num.groupEnd[num.groups] = i;
            num.sep[num.groups] = 0;
            ++num.groups;
            if (digits > 19 || is(at(i), kUpper | kLower) || at(i) == '_')
                break;
            char sep = at(i);
            qsizetype skip = 1;
            if (sep == ')' && num.paren && num.groups == 1)
                skip = at(i + 1) == ' ' ? 2 : 1;
            else if (sep == ' ' && (at(i + 1) == '-' || at(i + 1) == '(') && at(i + 2) == ' ')
                skip = 3; // "555 - 1234"
            else if (sep != ' ' && sep != '-' && sep != '.' && sep != '/')
                break;
            if (!is(at(i + skip), kDigit))
                break;
            num.sep[num.groups - 1] = sep;
            i += skip;
        }
        num.end = num.groupEnd[num.groups - 1];
        const bool trailingWord = is(at(num.end), kUpper | kLower) || at(num.end) == '_' ||
                                  (at(num.end) == '.' && is(at(num.end + 1), kDigit));
        if (digits > 19 || trailingWord)
            return num.end;
        // Whole number first, then without a leading or trailing group (a number written
        // next to a count or a code).
        for (int first = 0; first < (num.plus ? 1 : std::min(num.groups, 3)); ++first) {
            for (int last = num.groups - 1; last >= std::max(first, num.groups - 3); --last) {
                if (numberMatch(num, first, last))
                    return num.end;
            }
        }
        return num.end;
    }

    bool numberMatch(const Number& num, int first, int last)
    {
        char digits[24];
        int count = 0;
        for (int g = first; g <= last; ++g) {
            for (qsizetype k = num.groupBegin[g]; k < num.groupEnd[g]; ++k) {
                if (count >= 20)
                    return false;
                digits[count++] = m_s[k];
            }
        }
        if (count < 7)
            return ipv4(num, first, last);
        const QByteArrayView d(digits, count);
        const qsizetype begin = first == 0 ? num.begin : num.groupBegin[first];
        const qsizetype end = num.groupEnd[last];
        const int groups = last - first + 1;
        char sep = 0;
        bool sameSep = true;
        for (int g = first; g < last; ++g) {
            if (sep == 0)
                sep = num.sep[g];
            sameSep &= num.sep[g] == sep;
        }
        const auto groupLen = [&](int g) { return int(num.groupEnd[first + g] - num.groupBegin[first + g]); };
        bool matched = ipv4(num, first, last);
        if (count >= 12 && count <= 19 && sameSep && sep != '.' && sep != '/' && !num.plus && !num.paren)
            matched |= card(d, begin, end, groups);
        if (count == 9 && !num.plus && !num.paren && sameSep &&
            (groups == 1 || (groups == 3 && groupLen(0) == 3 && groupLen(1) == 2 && (sep == '-' || sep == ' '))))
            matched |= ssnOrItin(d, begin, end, groups == 1 ? 0 : sep);
        if (count == 10 && !num.plus && !num.paren && sameSep && nhsValid(d) &&
            (groups == 1 || (groups == 3 && groupLen(0) == 3 && groupLen(1) == 3 && (sep == ' ' || sep == '-')))) {
            add(EntityType::UkNhs, groups == 1 ? 0.3 : 0.5, begin, end);
            matched = true;
        }
        // A number taken for an address or an identity number is not also tried as a phone.
        if (count <= 15 && on(EntityType::Phone) && !dateLike(num, first, last) &&
            (!matched || (count == 10 && m_found.back().type == EntityType::UkNhs)))
            matched |= phone(begin, end, groups, num.plus || num.paren);
        return matched;
    }

    bool ipv4(const Number& num, int first, int last)
    {
        if (last - first != 3 || !on(EntityType::IpAddress))
            return false;
        for (int g = first; g < last; ++g) {
            if (num.sep[g] != '.')
                return false;
        }
        const qsizetype b = num.groupBegin[first];
        const qsizetype e = ipv4At(b);
        if (e != num.groupEnd[last])
            return false;
        add(EntityType::IpAddress, kScoreMedium, b, e);
        return true;
    }

    static bool dateLike(const Number& num, int first, int last)
    {
        if (last - first != 2)
            return false;
        int lens[3];
        for (int g = 0; g < 3; ++g)
            lens[g] = int(num.groupEnd[first + g] - num.groupBegin[first + g]);
        const bool ymd = lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2;
        const bool dmy = lens[0] <= 2 && lens[1] <= 2 && lens[2] == 4;
        return (ymd || dmy) && num.sep[first] == num.sep[first + 1];
    }

    bool card(QByteArrayView d, qsizetype begin, qsizetype end, int groups)
    {
        if (!luhnValid(d))
            return false;
        const auto prefix = [&](int digits) {
            int v = 0;
            for (int k = 0; k < digits; ++k)
                v = v * 10 + (d[k] - '0');
            return v;
        };
        const int n = int(d.size());
        const int p2 = prefix(2);
        const int p3 = prefix(3);
        const int p4 = prefix(4);
        const int p6 = prefix(6);
        const bool known =
            (d[0] == '4' && (n == 13 || n == 16 || n == 19)) ||                    // Visa
            (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n == 16) || // Mastercard
            ((p2 == 34 || p2 == 37) && n == 15) ||                                 // American Express
            ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) && n >= 16) ||
            (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14) || // Diners Club
            (p4 >= 3528 && p4 <= 3589 && n >= 16) ||                                       // JCB
            (p2 == 62 && n >= 16) ||                                                       // UnionPay
            ((p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 ||
              (p4 >= 6761 && p4 <= 6763)) &&
             n >= 12); // Maestro
        const double score = !known ? kScoreWeak : (groups > 1 ? kScoreStrong : kScoreFormatted + 0.1);
        add(EntityType::CreditCard, score, begin, end);
        return true;
    }

    bool ssnOrItin(QByteArrayView d, qsizetype begin, qsizetype end, char sep)
    {
        const int area = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
        const int group = (d[3] - '0') * 10 + (d[4] - '0');
        const int serial = (d[5] - '0') * 1000 + (d[6] - '0') * 100 + (d[7] - '0') * 10 + (d[8] - '0');
        const double score = sep == '-' ? kScoreFormatted : sep == ' ' ? kScoreMedium : kScoreWeak;
        if (area >= 900) {
            // ITIN: 9XX-[50-65|70-88|90-92|94-99]-XXXX.
            const bool itinGroup = (group >= 50 && group <= 65) || (group >= 70 && group <= 88) ||
                                   (group >= 90 && group <= 92) || (group >= 94 && group <= 99);
            if (!itinGroup)
                return false;
            add(EntityType::UsItin, score, begin, end);
            return true;
        }
        if (area == 0 || area == 666 || group == 0 || serial == 0)
            return false;
        add(EntityType::UsSsn, score, begin, end);
        return true;
    }

    bool phone(qsizetype begin, qsizetype end, int groups, bool international)
    {
        using i18n::phonenumbers::PhoneNumber;
        using i18n::phonenumbers::PhoneNumberUtil;
        const PhoneNumberUtil* util = phoneUtil();
        const std::string text(m_s + begin, std::size_t(end - begin));
        std::string digits;
        for (const char c : text) {
            if (c >= '0' && c <= '9')
                digits += c;
        }
        // The number is built from its digits and validated against the region metadata
        // (IsValidNumber); the library's free-text Parse() would add its own regular
        // expressions for what the candidate scan has already established.
        // `region` empty: valid in any region of the country code (IsValidNumber walks all
        // of them, 25 for +1); otherwise valid in that region, which is all a national
        // number written without a country code can be.
        const auto validAs = [&](int countryCode, std::string_view national, const std::string& region) {
            std::size_t zeros = 0;
            while (zeros < national.size() && national[zeros] == '0')
                ++zeros;
            if (national.empty() || national.size() > 17 || zeros == national.size())
                return false;
            PhoneNumber number;
            number.set_country_code(countryCode);
            number.set_national_number(std::stoull(std::string(national)));
            if (zeros > 0) {
                number.set_italian_leading_zero(true);
                number.set_number_of_leading_zeros(int(zeros));
            }
            return region.empty() ? util->IsValidNumber(number) : util->IsValidNumberForRegion(number, region);
        };
        bool valid = false;
        if (text[0] == '+') {
            // Country codes are prefix-free: the first one to three digits that name one.
            for (std::size_t len = 1; len <= 3 && len < digits.size() && !valid; ++len) {
                const int cc = std::stoi(digits.substr(0, len));
                std::string region;
                util->GetRegionCodeForCountryCode(cc, &region);
                if (region != "ZZ") {
                    // The country's main region first (GB for +44), which settles nearly
                    // every number; then every region sharing the code (Jersey, Guernsey ...).
                    const std::string_view national = std::string_view(digits).substr(len);
                    valid = validAs(cc, national, region) || validAs(cc, national, {});
                    break;
                }
            }
        } else {
            for (const QString& region : m_settings.phoneRegions) {
                const std::string code = region.toStdString();
                const int cc = util->GetCountryCodeForRegion(code);
                std::string_view national = digits;
                if (cc == 1) {
                    // North America: [1] NXX NXX XXXX, N = 2..9.
                    if (!nanpShape(digits))
                        continue;
                    if (national.size() == 11)
                        national.remove_prefix(1);
                } else {
                    // A region whose national numbers start with a trunk prefix ("0" in most
                    // of Europe) is tried only for numbers written with it, and only for nine
                    // digits or more: otherwise nearly every reference number would be a
                    // valid number somewhere.
                    std::string trunk;
                    util->GetNddPrefixForRegion(code, true, &trunk);
                    if (digits.size() < 9 || (!trunk.empty() && digits.compare(0, trunk.size(), trunk) != 0))
                        continue;
                    national.remove_prefix(trunk.size());
                }
                if (validAs(cc, national, code)) {
                    valid = true;
                    break;
                }
            }
        }
        if (!valid)
            return false;
        const double score = text[0] == '+'                  ? kScoreFormatted
                             : (international || groups > 1) ? kScoreMedium
                                                             : kScoreWeak;
        add(EntityType::Phone, score, begin, end);
        return true;
    }

    // [1] NXX NXX XXXX: ten digits (eleven with the leading 1), N = 2..9.
    static bool nanpShape(std::string_view digits)
    {
        if (digits.size() == 11 && digits[0] == '1')
            digits.remove_prefix(1);
        return digits.size() == 10 && digits[0] >= '2' && digits[3] >= '2';
    }

    static const i18n::phonenumbers::PhoneNumberUtil* phoneUtil()
    {
        static const i18n::phonenumbers::PhoneNumberUtil* util = [] {
            auto* u = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
            // Parse failures are expected for most candidates; keep them off stderr.
            u->SetLogger(new i18n::phonenumbers::NullLogger());
            return u;
        }();
        return util;
    }

    // ---- a keyword ("api_key", "password") followed by a high-entropy token
    qsizetype keyword(qsizetype w, qsizetype e)
    {
        // An assignment follows: "key: ", "key=", "key = ", "\"key\": ". Checked first because
        // it rules out nearly every word of prose at the cost of one or two bytes.
        const char next = at(e);
        const bool assignment = next == ':' || next == '=' || next == '"' || next == '\'' || next == '`' ||
                                (next == ' ' && (at(e + 1) == ':' || at(e + 1) == '='));
        if (!assignment || !on(EntityType::Secret))
            return e;
        const Keyword* match = nullptr;
        for (const Keyword& k : kKeywords) {
            const qsizetype klen = qsizetype(k.word.size());
            if (e - w < klen || asciiLower(m_s[e - 1]) != k.word.back())
                continue;
            bool equal = true;
            for (qsizetype j = 0; j < klen && equal; ++j)
                equal = asciiLower(m_s[e - klen + j]) == k.word[std::size_t(j)];
            // The keyword must end the word and start it or follow a separator or a case change.
            if (equal &&
                (e - klen == w || m_s[e - klen - 1] == '_' || m_s[e - klen - 1] == '-' || is(m_s[e - klen], kUpper))) {
                match = &k;
                break;
            }
        }
        if (!match)
            return e;
        qsizetype t = e;
        while (t < m_n && t - e < 8 &&
               (m_s[t] == ' ' || m_s[t] == '\t' || m_s[t] == ':' || m_s[t] == '=' || m_s[t] == '"' || m_s[t] == '\'' ||
                m_s[t] == '`' || m_s[t] == '>'))
            ++t;
        const qsizetype tokenBegin = t;
        while (t < m_n && t - tokenBegin <= 256 && is(m_s[t], kToken))
            ++t;
        while (t > tokenBegin && (m_s[t - 1] == '.' || m_s[t - 1] == '!' || m_s[t - 1] == '?'))
            --t;
        const qsizetype len = t - tokenBegin;
        if (len < (match->password ? 8 : 16) || len > 256)
            return e;
        // Generated secrets mix character classes; words and placeholders ("changeme",
        // "********") do not.
        bool lower = false;
        bool upper = false;
        bool digit = false;
        bool symbol = false;
        for (qsizetype k = tokenBegin; k < t; ++k) {
            const char c = m_s[k];
            lower |= is(c, kLower);
            upper |= is(c, kUpper);
            digit |= is(c, kDigit);
            symbol |= !is(c, kUpper | kLower | kDigit);
        }
        const int classes = int(lower) + int(upper) + int(digit) + int(symbol);
        const double entropy = shannonEntropy(span(tokenBegin, t));
        if (classes < 2 || !(digit || symbol) || entropy < (match->password ? 2.5 : 3.0))
            return e;
        add(EntityType::Secret, entropy >= 4.0 ? kScoreStrong : kScoreFormatted, tokenBegin, t);
        // The token is still examined: a known key format scores higher than entropy.
        return e;
    }

    const DlpSettings& m_settings;
    const char* m_s;
    qsizetype m_n;
    std::vector<Candidate> m_found;
};

// True when `word` occurs in the lower-cased window at a word start (and, for words of three
// letters or fewer, at a word end too, so "ip" does not match "ship" or "ipsum").
bool hasContextWord(std::string_view window, std::string_view word)
{
    for (std::size_t at = window.find(word); at != std::string_view::npos; at = window.find(word, at + 1)) {
        const bool startOk = at == 0 || !is(window[at - 1], kUpper | kLower);
        const std::size_t after = at + word.size();
        const bool endOk = word.size() > 3 || after >= window.size() || !is(window[after], kUpper | kLower);
        if (startOk && endOk)
            return true;
    }
    return false;
}

void applyContext(const DlpSettings& settings, QByteArrayView text, std::vector<Candidate>& found)
{
    std::string window;
    for (Candidate& c : found) {
        const std::vector<std::string_view>& words = contextWords(c.type);
        if (words.empty() || c.score >= 1.0 || settings.contextWindow == 0)
            continue;
        const qsizetype b = std::max<qsizetype>(0, c.begin - settings.contextWindow);
        const qsizetype e = std::min<qsizetype>(text.size(), c.end + settings.contextWindow / 2);
        window.assign(text.data() + b, std::size_t(c.begin - b));
        window += ' ';
        window.append(text.data() + c.end, std::size_t(e - c.end));
        for (char& ch : window)
            ch = asciiLower(ch);
        for (const std::string_view word : words) {
            if (hasContextWord(window, word)) {
                c.score = std::min(1.0, c.score + settings.contextBoost);
                break;
            }
        }
    }
}

} // namespace

DlpScanner::DlpScanner(DlpSettings settings) : m_settings(std::move(settings)) {}

QList<Finding> DlpScanner::scan(QByteArrayView utf8) const
{
    std::vector<Candidate> found = Scan(m_settings, utf8).run();
    applyContext(m_settings, utf8, found);
    found.erase(std::remove_if(found.begin(), found.end(),
                               [&](const Candidate& c) { return c.score < m_settings.thresholdFor(c.type); }),
                found.end());
    std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    // Overlaps: the higher score wins, then the longer span.
    std::vector<Candidate> kept;
    for (const Candidate& c : found) {
        if (!kept.empty() && c.begin < kept.back().end) {
            Candidate& prev = kept.back();
            if (c.score > prev.score || (c.score == prev.score && c.end - c.begin > prev.end - prev.begin))
                prev = c;
            continue;
        }
        kept.push_back(c);
    }
    QList<Finding> findings;
    findings.reserve(qsizetype(kept.size()));
    for (const Candidate& c : kept) {
        Finding f;
        f.type = c.type;
        f.score = c.score;
        f.byteStart = c.begin;
        f.byteEnd = c.end;
        findings.append(f);
    }
    setCodePointOffsets(utf8, findings);
    return findings;
}

QList<Finding> DlpScanner::scan(const QString& text) const
{
    return scan(QByteArrayView(text.toUtf8()));
}

} // namespace corral::dlp
