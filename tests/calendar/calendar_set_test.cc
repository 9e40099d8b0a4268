// A council's own closure days added to the bank holidays: for every division or one only, on
// weekdays (they stop the count and are reported as skipped) or weekends (they change nothing),
// and outside the years of the holiday data (counted, but the answer stays uncovered).
#include "calendar/calendar_set.h"
#include "support/test_data.h"
#include "test_days.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using reviewd::calendar::calendar_set;
using reviewd::calendar::local_closure;
using reviewd::calendar::start_day;
using reviewd::test::iso;

const calendar_set& council_calendars() {
    static const calendar_set set(reviewd::test::shipped_holidays(),
                                  {
                                      {iso("2026-12-29"), "Council closure", ""},
                                      {iso("2026-12-30"), "Council closure", ""},
                                      {iso("2026-12-31"), "Council closure", ""},
                                      {iso("2026-06-15"), "Edinburgh office move", "scotland"},
                                      {iso("2026-06-13"), "Saturday open day", ""},
                                      {iso("2026-12-25"), "Council Christmas", ""},
                                      {iso("2028-12-27"), "Council closure", ""},
                                      {iso("2009-12-29"), "Council closure", ""},
                                  });
    return set;
}

} // namespace

TEST_CASE("the calendar set holds one calendar per shipped division", "[calendar]") {
    const auto& set = council_calendars();
    CHECK(set.divisions() ==
          std::vector<std::string>{"england-and-wales", "northern-ireland", "scotland"});
    CHECK(set.find("england-and-wales") != nullptr);
    CHECK(set.find("wales") == nullptr);
    CHECK(set.find("") == nullptr);
    CHECK(calendar_set().divisions().empty());
}

TEST_CASE("a council closure between Christmas and New Year stops the working-day count",
          "[calendar][england][scotland]") {
    const auto& england = *council_calendars().find("england-and-wales");
    const auto& scotland = *council_calendars().find("scotland");
    // Bank holidays 25 and 28 Dec 2026 and 1 Jan 2027; the council closes 29-31 Dec as well.
    CHECK(reviewd::test::england_and_wales().add_working_days(iso("2026-12-18"), 5) ==
          iso("2026-12-29"));
    CHECK(england.add_working_days(iso("2026-12-18"), 5) == iso("2027-01-04"));
    CHECK(scotland.add_working_days(iso("2026-12-18"), 5) == iso("2027-01-05")); // 2nd January
    CHECK(england.add_working_days(iso("2026-12-29"), 1, start_day::counted) == iso("2027-01-04"));
    CHECK(england.working_days_between(iso("2026-12-24"), iso("2027-01-04")) == 1);
    CHECK(england.last_working_day_on_or_before(iso("2027-01-01")) == iso("2026-12-24"));

    const auto skipped = england.weekday_closures_between(iso("2026-12-18"), iso("2027-01-04"));
    REQUIRE(skipped.size() == 6);
    const std::vector<std::pair<const char*, const char*>> expected = {
        {"2026-12-25", "Christmas Day"},   {"2026-12-28", "Boxing Day"},
        {"2026-12-29", "Council closure"}, {"2026-12-30", "Council closure"},
        {"2026-12-31", "Council closure"}, {"2027-01-01", "New Year’s Day"},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO(i);
        CHECK(skipped[i].date == iso(expected[i].first));
        CHECK(skipped[i].title == expected[i].second);
    }
}

TEST_CASE("a local closure on a bank holiday keeps the bank holiday's title", "[calendar]") {
    const auto& england = *council_calendars().find("england-and-wales");
    REQUIRE(england.closure_on(iso("2026-12-25")) != nullptr);
    CHECK(england.closure_on(iso("2026-12-25"))->title == "Christmas Day");
}

TEST_CASE("a closure for one division closes that division only", "[calendar][scotland]") {
    const auto& set = council_calendars();
    const auto& scotland = *set.find("scotland");
    CHECK_FALSE(scotland.is_working_day(iso("2026-06-15")));
    REQUIRE(scotland.closure_on(iso("2026-06-15")) != nullptr);
    CHECK(scotland.closure_on(iso("2026-06-15"))->title == "Edinburgh office move");
    CHECK(scotland.working_days_between(iso("2026-06-12"), iso("2026-06-19")) == 4);
    CHECK(scotland.add_working_days(iso("2026-06-12"), 1) == iso("2026-06-16"));
    for (const char* other : {"england-and-wales", "northern-ireland"}) {
        INFO(other);
        const auto& cal = *set.find(other);
        CHECK(cal.is_working_day(iso("2026-06-15")));
        CHECK(cal.closure_on(iso("2026-06-15")) == nullptr);
        CHECK(cal.working_days_between(iso("2026-06-12"), iso("2026-06-19")) == 5);
    }
}

TEST_CASE("a closure on a weekend is known but not counted as a skipped day", "[calendar]") {
    const auto& england = *council_calendars().find("england-and-wales");
    REQUIRE(england.closure_on(iso("2026-06-13")) != nullptr);
    CHECK(england.closure_on(iso("2026-06-13"))->title == "Saturday open day");
    CHECK_FALSE(england.is_working_day(iso("2026-06-13")));
    CHECK(england.weekday_closures_between(iso("2026-06-08"), iso("2026-06-19")).empty());
    CHECK(england.working_days_between(iso("2026-06-12"), iso("2026-06-15")) == 1);
    CHECK(england.add_working_days(iso("2026-06-12"), 1) == iso("2026-06-15"));
    CHECK(england.add_working_days(iso("2026-06-13"), 1, start_day::counted) == iso("2026-06-15"));
}

TEST_CASE("local closures outside the data years are counted but the answer stays uncovered",
          "[calendar][england]") {
    const auto& england = *council_calendars().find("england-and-wales");
    // After the data: Christmas 2028 is unknown, the council's 27 December closure is known.
    CHECK(reviewd::test::england_and_wales().add_working_days(iso("2028-12-22"), 5) ==
          iso("2028-12-29"));
    CHECK(england.add_working_days(iso("2028-12-22"), 5) == iso("2029-01-01"));
    CHECK(england.add_working_days(iso("2028-12-26"), 1) == iso("2028-12-28"));
    CHECK(england.add_working_days(iso("2029-01-01"), 5) == iso("2029-01-08")); // weekends only
    CHECK(england.covered_until() == iso("2027-12-31"));
    CHECK_FALSE(england.covers(iso("2028-12-22"), iso("2029-01-01")));
    // Before the data: Christmas 2009 is unknown, the council's 29 December closure is known.
    CHECK(england.add_working_days(iso("2009-12-24"), 3) == iso("2009-12-30"));
    CHECK(england.add_working_days(iso("2009-12-24"), 6) == iso("2010-01-05"));
    CHECK(england.add_working_days(iso("2009-11-02"), 1) == iso("2009-11-03"));
    CHECK(england.covered_from() == iso("2010-01-01"));
    CHECK_FALSE(england.covers(iso("2009-12-24"), iso("2009-12-30")));
    const auto skipped = england.weekday_closures_between(iso("2009-12-24"), iso("2010-01-05"));
    REQUIRE(skipped.size() == 2);
    CHECK(skipped[0].date == iso("2009-12-29"));
    CHECK(skipped[1].date == iso("2010-01-01"));
}
