// Strict ISO and UK date parsing: the first line of defence against impossible dates.
#include "core/dates.h"

#include <catch2/catch.hpp>

using reviewd::core::format_iso_date;
using reviewd::core::make_day;
using reviewd::core::parse_iso_date;
using reviewd::core::parse_uk_date;

TEST_CASE("ISO dates that exist parse and round-trip", "[core][dates]") {
    for (const char* text :
         {"2026-01-05", "2024-02-29", "2000-02-29", "1991-10-14", "2027-12-31"}) {
        const auto d = parse_iso_date(text);
        REQUIRE(d);
        CHECK(format_iso_date(*d) == text);
    }
}

TEST_CASE("impossible or malformed ISO dates are rejected", "[core][dates]") {
    for (const char* text : {"2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
                             "2026-04-31", "2026-1-05", "26-01-05", "2026/01/05",
                             "2026-01-05T00:00", "", "abcd-ef-gh", " 2026-01-05"}) {
        INFO(text);
        CHECK_FALSE(parse_iso_date(text));
    }
}

TEST_CASE("SSDA903 dates are dd/mm/yyyy", "[core][dates]") {
    CHECK(parse_uk_date("05/01/2026") == make_day(2026, 1, 5));
    CHECK(parse_uk_date("29/02/2024") == make_day(2024, 2, 29));
    CHECK_FALSE(parse_uk_date("30/02/2026"));
    CHECK_FALSE(parse_uk_date("2026-01-05"));
}
