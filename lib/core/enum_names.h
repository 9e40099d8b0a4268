// Enum values and their stable names, both ways, from one table per enum: the names that go
// into JSON, the database and configuration files.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace reviewd::core {

template <class E, std::size_t N> using name_table = std::array<std::pair<E, std::string_view>, N>;

template <class E, std::size_t N> std::string_view name_of(const name_table<E, N>& names, E value) {
    for (const auto& [v, name] : names)
        if (v == value)
            return name;
    return "unknown";
}

template <class E, std::size_t N>
std::optional<E> value_of(const name_table<E, N>& names, std::string_view text) {
    for (const auto& [v, name] : names)
        if (name == text)
            return v;
    return std::nullopt;
}

} // namespace reviewd::core
