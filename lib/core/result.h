// Expected failures as values: bad input, a rule that cannot apply, a refused reply.
// An `error` says what went wrong (code), in words a person can act on (message), and where
// (field: a JSON path, a TOML key with file and line, a CSV row and column).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace reviewd::core {

struct error {
    std::string code;    // stable, machine-readable: "invalid_date", "unknown_field", ...
    std::string message; // one sentence naming the value: "2026-02-30 is not a date"
    std::string field;   // where: "periods[0].start", "rules/england.toml:12 reviews.first"
};

// Renders "field: message" (or just the message when there is no field).
std::string describe(const error& e);

template <class T> class result {
public:
    result(T value) : v_(std::move(value)) {}
    result(error e) : v_(std::move(e)) {}

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const error& err() const { return std::get<1>(v_); }

private:
    std::variant<T, error> v_;
};

// "line 3, column 14" for a byte offset into text, so a person can find a syntax error.
std::string line_and_column(std::string_view text, std::size_t offset);

inline error make_error(std::string code, std::string message, std::string field = {}) {
    return error{std::move(code), std::move(message), std::move(field)};
}

} // namespace reviewd::core
