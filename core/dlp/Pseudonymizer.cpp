// SPDX-License-Identifier: Apache-2.0
#include "Pseudonymizer.h"

#include "TextScan.h"

#include <algorithm>

namespace corral::dlp {

using namespace detail;

Pseudonymizer::~Pseudonymizer()
{
    clear();
}

void Pseudonymizer::clear()
{
    m_byKey.clear();
    m_byToken.clear();
    for (Entry& e : m_entries) {
        // volatile so the wipe is not optimised away before the memory is freed.
        volatile char* p = e.key.data();
        for (std::size_t i = 0; i < e.key.size(); ++i)
            p[i] = 0;
    }
    m_entries.clear();
    m_counters.fill(0);
}

QByteArray Pseudonymizer::tokenFor(EntityType type, QByteArrayView value)
{
    const QByteArrayView name = entityTypeLatin1(type);
    std::string key(name.data(), std::size_t(name.size()));
    key += '\0';
    key.append(value.data(), std::size_t(value.size()));
    const auto found = m_byKey.find(key);
    if (found != m_byKey.end()) {
        volatile char* p = key.data();
        for (std::size_t i = 0; i < key.size(); ++i)
            p[i] = 0;
        const std::string& token = m_entries[found->second].token;
        return QByteArray(token.data(), qsizetype(token.size()));
    }
    Entry entry;
    entry.key = std::move(key);
    entry.valueOffset = name.size() + 1;
    entry.token = '<' + std::string(name.data(), std::size_t(name.size())) + '_' +
                  std::to_string(++m_counters[std::size_t(type)]) + '>';
    m_entries.push_back(std::move(entry));
    const std::size_t index = m_entries.size() - 1;
    m_byKey.emplace(m_entries.back().key, index);
    m_byToken.emplace(m_entries.back().token, index);
    return QByteArray(m_entries.back().token.data(), qsizetype(m_entries.back().token.size()));
}

QByteArray Pseudonymizer::apply(QByteArrayView utf8, const QList<Finding>& findings)
{
    QByteArray out;
    out.reserve(utf8.size());
    qsizetype pos = 0;
    for (const Finding& f : findings) {
        if (f.byteStart < pos || f.byteEnd > utf8.size() || f.byteEnd < f.byteStart)
            continue;
        out += utf8.sliced(pos, f.byteStart - pos);
        out += tokenFor(f.type, utf8.sliced(f.byteStart, f.byteEnd - f.byteStart));
        pos = f.byteEnd;
    }
    out += utf8.sliced(pos);
    return out;
}

QByteArray Pseudonymizer::restore(QByteArrayView answer) const
{
    QByteArray out;
    out.reserve(answer.size());
    qsizetype pos = 0;
    qsizetype at = answer.indexOf('<');
    while (at >= 0 && !m_byToken.empty()) {
        // <TYPE_N>: upper-case letters and underscores, '_', digits, '>'.
        qsizetype e = at + 1;
        while (e < answer.size() && (is(answer[e], kUpper) || answer[e] == '_' || is(answer[e], kDigit)))
            ++e;
        if (e < answer.size() && answer[e] == '>') {
            const auto found = m_byToken.find(std::string_view(answer.data() + at, std::size_t(e + 1 - at)));
            if (found != m_byToken.end()) {
                const Entry& entry = m_entries[found->second];
                out += answer.sliced(pos, at - pos);
                out.append(entry.key.data() + entry.valueOffset, qsizetype(entry.key.size()) - entry.valueOffset);
                pos = e + 1;
            }
        }
        at = answer.indexOf('<', std::max(at + 1, pos));
    }
    out += answer.sliced(pos);
    return out;
}

} // namespace corral::dlp
