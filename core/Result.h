// SPDX-License-Identifier: Apache-2.0
// Result<T>: the value of an operation that can fail on bad input, or an Error with a
// stable machine-readable code and a human-readable message. Used across every module
// boundary instead of exceptions or silent bools.
#pragma once

#include <QString>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace corral {

// A failure: `code` is stable (tests and callers switch on it, e.g. "manifest.schema"),
// `message` is for people and names what and where.
struct Error
{
    QString code;
    QString message;

    // "code: message", for logs and command-line output.
    QString toString() const { return code.isEmpty() ? message : code + QStringLiteral(": ") + message; }
};

inline Error makeError(QString code, QString message)
{
    return Error{std::move(code), std::move(message)};
}

template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Precondition: ok().
    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    // Precondition: !ok().
    const Error& error() const { return std::get<1>(m_data); }

    T valueOr(T fallback) const& { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace corral
