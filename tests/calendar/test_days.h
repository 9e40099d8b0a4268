// Helpers shared by the calendar tests: ISO dates written as text in tables, and days printed as
// "2026-01-30 (Friday)" when a check fails, so a wrong deadline is readable at a glance.
#pragma once

#include "core/dates.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace reviewd::test {

// The day named by "YYYY-MM-DD"; a typo in a test table throws rather than testing nonsense.
inline core::day iso(std::string_view text) {
    const auto d = core::parse_iso_date(text);
    if (!d)
        throw std::invalid_argument("test table holds a bad date: " + std::string(text));
    return *d;
}

} // namespace reviewd::test

namespace Catch {
template <> struct StringMaker<reviewd::core::day> {
    static std::string convert(reviewd::core::day d) {
        return reviewd::core::format_iso_date(d) + " (" +
               std::string(reviewd::core::weekday_name(d)) + ")";
    }
};
} // namespace Catch
