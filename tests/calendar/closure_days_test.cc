// Which days are working days in each division, as the shipped GOV.UK data and the statutory
// rules say: one-off proclaimed days, moved holidays, substitute days for Christmas and New Year,
// Scotland's and Northern Ireland's own days, and Christmas Eve (a working day).
// The dates were checked against a list derived independently from the rules (Easter by the
// computus, the "next weekday" substitutions, the proclamations) before being written here.
#include "calendar/working_calendar.h"
#include "support/test_data.h"
#include "test_days.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using reviewd::calendar::working_calendar;
using reviewd::test::iso;

struct closed_day {
    const char* date;
    const char* title; // as GOV.UK spells it
};

void check_closed(const working_calendar& cal, const std::vector<closed_day>& days) {
    for (const auto& d : days) {
        INFO(d.date << " " << d.title);
        CHECK_FALSE(cal.is_working_day(iso(d.date)));
        const auto* closure = cal.closure_on(iso(d.date));
        REQUIRE(closure != nullptr);
        CHECK(closure->title == d.title);
    }
}

void check_open(const working_calendar& cal, const std::vector<const char*>& days) {
    for (const char* d : days) {
        INFO(d);
        CHECK(cal.is_working_day(iso(d)));
        CHECK(cal.closure_on(iso(d)) == nullptr);
    }
}

} // namespace

TEST_CASE("every one-off bank holiday from 2011 to 2023 closes England and Wales",
          "[calendar][england]") {
    check_closed(reviewd::test::england_and_wales(),
                 {
                     {"2011-04-29", "Royal wedding"},
                     {"2012-06-05", "Queen’s Diamond Jubilee"},
                     {"2022-06-03", "Platinum Jubilee bank holiday"},
                     {"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
                     {"2023-05-08", "Bank holiday for the coronation of King Charles III"},
                 });
}

TEST_CASE("moved bank holidays close their new day and leave the usual day a working day",
          "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    check_closed(cal, {
                          {"2012-06-04", "Spring bank holiday"},
                          {"2020-05-08", "Early May bank holiday (VE day)"},
                          {"2022-06-02", "Spring bank holiday"},
                      });
    // The last Monday in May 2012 and 2022, and the first Monday in May 2020, were worked.
    check_open(cal, {"2012-05-28", "2020-05-04", "2022-05-30"});
}

TEST_CASE("Christmas and New Year on a weekend move to substitute weekdays",
          "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    check_closed(cal, {
                          {"2010-12-27", "Christmas Day"}, // 25th a Saturday, 26th a Sunday
                          {"2010-12-28", "Boxing Day"},
                          {"2011-01-03", "New Year’s Day"}, // 1st a Saturday
                          {"2015-12-25", "Christmas Day"},
                          {"2015-12-28", "Boxing Day"}, // 26th a Saturday
                          {"2016-12-26", "Boxing Day"}, // 25th a Sunday: Boxing Day first
                          {"2016-12-27", "Christmas Day"},
                          {"2017-01-02", "New Year’s Day"}, // 1st a Sunday
                          {"2021-12-27", "Christmas Day"},
                          {"2021-12-28", "Boxing Day"},
                          {"2022-01-03", "New Year’s Day"},
                          {"2022-12-26", "Boxing Day"},
                          {"2022-12-27", "Christmas Day"},
                          {"2023-01-02", "New Year’s Day"},
                          {"2026-12-25", "Christmas Day"},
                          {"2026-12-28", "Boxing Day"}, // 26th a Saturday
                          {"2027-12-27", "Christmas Day"},
                          {"2027-12-28", "Boxing Day"},
                      });
    // The weekend days themselves are not listed as closures: they are weekends anyway.
    CHECK(cal.closure_on(iso("2022-12-25")) == nullptr);
    CHECK_FALSE(cal.is_working_day(iso("2022-12-25")));
    // The day after the last substitute is a working day again.
    check_open(cal, {"2015-12-29", "2026-12-29", "2021-12-29", "2022-12-28", "2010-12-29"});
}

TEST_CASE("Christmas Eve and New Year's Eve are working days", "[calendar][england][scotland]") {
    check_open(reviewd::test::england_and_wales(),
               {"2013-12-24", "2019-12-24", "2024-12-24", "2025-12-24", "2026-12-24", "2027-12-24",
                "2025-12-31", "2026-12-31"});
    check_open(reviewd::test::scotland(), {"2024-12-24", "2025-12-31"});
    check_open(reviewd::test::northern_ireland(), {"2024-12-24", "2025-12-31"});
}

TEST_CASE("Good Friday and Easter Monday close England and Wales", "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    check_closed(cal, {
                          {"2010-04-02", "Good Friday"},
                          {"2010-04-05", "Easter Monday"},
                          {"2011-04-22", "Good Friday"},
                          {"2011-04-25", "Easter Monday"},
                          {"2019-04-19", "Good Friday"},
                          {"2019-04-22", "Easter Monday"},
                          {"2024-03-29", "Good Friday"}, // Easter in March
                          {"2024-04-01", "Easter Monday"},
                          {"2026-04-03", "Good Friday"},
                          {"2026-04-06", "Easter Monday"},
                          {"2027-03-26", "Good Friday"},
                          {"2027-03-29", "Easter Monday"},
                      });
    check_open(cal, {"2026-04-02", "2026-04-07", "2024-03-28", "2024-04-02"}); // the days around
}

TEST_CASE("Scotland closes on 2 January and St Andrew's Day but works Easter Monday",
          "[calendar][scotland]") {
    const auto& scotland = reviewd::test::scotland();
    check_closed(scotland,
                 {
                     {"2026-01-02", "2nd January"},
                     {"2025-01-02", "2nd January"},
                     {"2021-01-04", "2nd January"}, // the 2nd a Saturday
                     {"2017-01-02", "2nd January"}, // New Year's Day a Sunday
                     {"2017-01-03", "New Year’s Day"},
                     {"2022-01-03", "New Year’s Day"}, // the 1st a Saturday
                     {"2022-01-04", "2nd January"},
                     {"2026-11-30", "St Andrew’s Day"},
                     {"2025-12-01", "St Andrew’s Day"},     // the 30th a Sunday
                     {"2024-12-02", "St Andrew’s Day"},     // the 30th a Saturday
                     {"2026-08-03", "Summer bank holiday"}, // first Monday in August
                     {"2026-04-03", "Good Friday"},
                     {"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
                 });
    check_open(scotland, {"2026-04-06", "2026-08-31", "2026-03-17", "2026-07-13"});
    // England and Wales work the Scottish days.
    check_open(reviewd::test::england_and_wales(), {"2026-01-02", "2025-01-02", "2026-11-30",
                                                    "2025-12-01", "2026-08-03", "2022-01-04"});
}

TEST_CASE("Northern Ireland closes on St Patrick's Day and 12 July as well as the English days",
          "[calendar][northern-ireland]") {
    const auto& ni = reviewd::test::northern_ireland();
    check_closed(ni, {
                         {"2026-03-17", "St Patrick’s Day"},
                         {"2024-03-18", "St Patrick’s Day"}, // the 17th a Sunday
                         {"2018-03-19", "St Patrick’s Day"}, // the 17th a Saturday
                         {"2024-07-12", "Battle of the Boyne (Orangemen’s Day)"},
                         {"2025-07-14", "Battle of the Boyne (Orangemen’s Day)"}, // 12th a Sat
                         {"2026-07-13", "Battle of the Boyne (Orangemen’s Day)"}, // 12th a Sun
                         {"2026-04-06", "Easter Monday"},
                         {"2026-08-31", "Summer bank holiday"},
                         {"2023-05-08", "Bank holiday for the coronation of King Charles III"},
                     });
    check_open(ni, {"2026-01-02", "2026-11-30", "2026-08-03", "2024-03-19", "2026-07-14"});
    check_open(reviewd::test::england_and_wales(),
               {"2026-03-17", "2024-03-18", "2024-07-12", "2025-07-14", "2026-07-13"});
}

TEST_CASE("each calendar's closures are exactly the shipped holiday list",
          "[calendar][england][scotland][northern-ireland]") {
    const auto& data = reviewd::test::shipped_holidays();
    struct expectation {
        const char* division;
        const working_calendar& cal;
        std::size_t count; // 8, 9 or 10 a year for 18 years, plus the 5 one-off days
    };
    for (const auto& e :
         {expectation{"england-and-wales", reviewd::test::england_and_wales(), 149},
          expectation{"scotland", reviewd::test::scotland(), 167},
          expectation{"northern-ireland", reviewd::test::northern_ireland(), 185}}) {
        INFO(e.division);
        const auto* division = data.find(e.division);
        REQUIRE(division != nullptr);
        CHECK(division->holidays.size() == e.count);
        for (const auto& h : division->holidays) {
            INFO(reviewd::core::format_iso_date(h.date) << " " << h.title);
            CHECK_FALSE(e.cal.is_working_day(h.date));
            REQUIRE(e.cal.closure_on(h.date) != nullptr);
            CHECK(e.cal.closure_on(h.date)->title == h.title);
        }
    }
}
