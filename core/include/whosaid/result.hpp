// whosaid/result.hpp — a small std::expected-like result type.
//
// Failures a caller should expect (bad model bytes, invalid JSON) come back as
// values, because the WebAssembly build runs without exception catching.
//
// Usage:
//   Result<Model> m = Model::load(bytes);
//   if (!m) { report(m.error().message); return; }
//   use(*m);
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace whosaid {

// An error message that names the thing and the problem ("model: truncated").
struct Error {
    std::string message;
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok() && "Result::value() on an error"); return std::get<0>(m_v); }
    const T& value() const& { assert(ok() && "Result::value() on an error"); return std::get<0>(m_v); }
    T&& value() && { assert(ok() && "Result::value() on an error"); return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { assert(!ok() && "Result::error() on a value"); return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

} // namespace whosaid
