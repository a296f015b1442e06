// SPDX-License-Identifier: Apache-2.0
// Pseudonymizer: reversible redaction for one session. The model sees `<EMAIL_1>`,
// `<PHONE_2>`; the same value always gets the same token within the session, and restore()
// puts the real values back into the model's answer. The mapping lives only in this object:
// it has no serialisation, no debug output, cannot be copied, and is wiped when cleared or
// destroyed.
#pragma once

#include "Finding.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <array>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace corral::dlp {

class Pseudonymizer
{
public:
    Pseudonymizer() = default;
    ~Pseudonymizer();
    Pseudonymizer(Pseudonymizer&&) = default;
    Pseudonymizer& operator=(Pseudonymizer&&) = default;
    Pseudonymizer(const Pseudonymizer&) = delete;
    Pseudonymizer& operator=(const Pseudonymizer&) = delete;

    // `utf8` with each finding (byte offsets, sorted, not overlapping) replaced by its token,
    // adding new values to the mapping.
    QByteArray apply(QByteArrayView utf8, const QList<Finding>& findings);
    // The token for one value ("<EMAIL_3>"), created on first use.
    QByteArray tokenFor(EntityType type, QByteArrayView value);

    // `answer` with every token of this session replaced by its real value. Unknown tokens
    // (ones the model made up) stay as they are.
    QByteArray restore(QByteArrayView answer) const;

    // Number of distinct values held.
    int size() const { return int(m_entries.size()); }
    // Forgets (and wipes) every value.
    void clear();

private:
    struct Entry
    {
        std::string key;   // type name, NUL, value
        std::string token; // "<EMAIL_1>"
        qsizetype valueOffset = 0;
    };

    std::deque<Entry> m_entries;
    std::unordered_map<std::string_view, std::size_t> m_byKey;   // views into Entry::key
    std::unordered_map<std::string_view, std::size_t> m_byToken; // views into Entry::token
    std::array<int, kEntityTypeCount> m_counters{};
};

} // namespace corral::dlp
