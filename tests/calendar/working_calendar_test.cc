// Working-day arithmetic on the shipped GOV.UK calendars: "within N working days of" a date with
// the start excluded (the general rule) and counted (a council option), starts on weekends and
// bank holidays, the practical deadline helpers, and what happens before and past the data.
// Every expected date was worked out independently (by hand, and with python datetime and
// numpy.busday_offset over a holiday list derived from the statutory rules), never copied from
// the code's output.
#include "calendar/working_calendar.h"
#include "support/test_data.h"
#include "test_days.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using reviewd::calendar::start_day;
using reviewd::calendar::working_calendar;
using reviewd::test::iso;

const working_calendar& division(std::string_view name) {
    if (name == "england-and-wales")
        return reviewd::test::england_and_wales();
    if (name == "scotland")
        return reviewd::test::scotland();
    if (name == "northern-ireland")
        return reviewd::test::northern_ireland();
    throw std::invalid_argument("no such division in the tests: " + std::string(name));
}

struct count_case {
    const char* start;
    int n;
    const char* start_excluded; // the general rule: day 1 is the next working day
    const char* start_counted;  // the council option: day 1 is the start if it is a working day
    const char* why;
};

} // namespace

TEST_CASE("20 working days after a Saturday start count Monday as day 1", "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    // January 2026: Saturday 3rd, Monday 5th is day 1, Friday 30th is day 20.
    CHECK(cal.add_working_days(iso("2026-01-03"), 20) == iso("2026-01-30"));
    CHECK(cal.add_working_days(iso("2026-01-04"), 20) == iso("2026-01-30")); // Sunday: the same
    CHECK(cal.add_working_days(iso("2026-01-05"), 20) ==
          iso("2026-02-02")); // Monday: Tuesday is day 1
    // Counting the start day changes nothing when the start is not a working day.
    CHECK(cal.add_working_days(iso("2026-01-03"), 20, start_day::counted) == iso("2026-01-30"));
    CHECK(cal.add_working_days(iso("2026-01-05"), 20, start_day::counted) == iso("2026-01-30"));
}

TEST_CASE("a count that starts on Good Friday begins after Easter Monday", "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    // Good Friday 3 April 2026, Easter Monday 6 April: day 1 is Tuesday 7 April; the early May
    // bank holiday (Monday 4 May) is skipped too, so day 20 is Tuesday 5 May.
    CHECK(cal.add_working_days(iso("2026-04-03"), 1) == iso("2026-04-07"));
    CHECK(cal.add_working_days(iso("2026-04-03"), 20) == iso("2026-05-05"));
    CHECK(cal.add_working_days(iso("2026-04-03"), 20, start_day::counted) == iso("2026-05-05"));
}

TEST_CASE("N working days after a date skip every England and Wales closure in between",
          "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    const std::vector<count_case> cases = {
        {"2026-04-02", 1, "2026-04-07", "2026-04-02",
         "Maundy Thursday: Good Friday, Easter Monday"},
        {"2026-04-02", 20, "2026-05-05", "2026-05-01", "Easter 2026 and early May"},
        {"2026-03-27", 20, "2026-04-28", "2026-04-27", "across Easter 2026"},
        {"2026-01-09", 1, "2026-01-12", "2026-01-09", "Friday: Monday is next"},
        {"2025-12-31", 20, "2026-01-29", "2026-01-28", "New Year's Day 2026 (Thursday)"},
        {"2022-12-16", 20, "2023-01-18", "2023-01-17", "26, 27 Dec 2022 and 2 Jan 2023"},
        {"2022-12-23", 1, "2022-12-28", "2022-12-23", "Christmas 2022 on a Sunday"},
        {"2021-12-31", 1, "2022-01-04", "2021-12-31", "New Year's Day 2022 moved to Monday 3rd"},
        {"2021-12-17", 10, "2022-01-05", "2022-01-04", "27, 28 Dec 2021 and 3 Jan 2022"},
        {"2016-12-16", 10, "2017-01-04", "2017-01-03", "26, 27 Dec 2016 and 2 Jan 2017"},
        {"2015-12-18", 10, "2016-01-06", "2016-01-05", "25, 28 Dec 2015 and 1 Jan 2016"},
        {"2010-12-17", 20, "2011-01-19", "2011-01-18", "27, 28 Dec 2010 and 3 Jan 2011"},
        {"2024-12-23", 1, "2024-12-24", "2024-12-23", "Christmas Eve is a working day"},
        {"2024-12-24", 1, "2024-12-27", "2024-12-24", "Christmas Eve start: Christmas, Boxing Day"},
        {"2011-04-20", 20, "2011-05-24", "2011-05-23", "Easter, royal wedding, early May 2011"},
        {"2011-04-28", 1, "2011-05-03", "2011-04-28", "royal wedding 29 April, 2 May"},
        {"2012-05-25", 20, "2012-06-26", "2012-06-25", "4 and 5 June 2012; 28 May worked"},
        {"2020-05-01", 5, "2020-05-11", "2020-05-07", "VE day Friday 8 May; 4 May worked"},
        {"2022-05-27", 20, "2022-06-28", "2022-06-27", "2 and 3 June 2022; 30 May worked"},
        {"2022-06-01", 1, "2022-06-06", "2022-06-01", "Platinum Jubilee weekend"},
        {"2022-09-09", 20, "2022-10-10", "2022-10-07", "the Queen's funeral, 19 Sept 2022"},
        {"2022-09-16", 1, "2022-09-20", "2022-09-16", "the Queen's funeral, 19 Sept 2022"},
        {"2023-05-01", 20, "2023-05-31", "2023-05-31", "early May, coronation, spring 2023"},
        {"2023-05-05", 1, "2023-05-09", "2023-05-05", "coronation Monday 8 May 2023"},
    };
    for (const auto& c : cases) {
        INFO(c.start << " + " << c.n << " working days: " << c.why);
        CHECK(cal.add_working_days(iso(c.start), c.n) == iso(c.start_excluded));
        CHECK(cal.add_working_days(iso(c.start), c.n, start_day::excluded) ==
              iso(c.start_excluded));
        CHECK(cal.add_working_days(iso(c.start), c.n, start_day::counted) == iso(c.start_counted));
    }
}

TEST_CASE("each division counts working days with its own bank holidays",
          "[calendar][scotland][northern-ireland][england]") {
    struct row {
        const char* division;
        const char* start;
        int n;
        const char* expected;
        const char* why;
    };
    const std::vector<row> rows = {
        {"england-and-wales", "2025-12-31", 1, "2026-01-02", "2 January is worked"},
        {"scotland", "2025-12-31", 1, "2026-01-05", "1 and 2 January 2026"},
        {"northern-ireland", "2025-12-31", 1, "2026-01-02", "2 January is worked"},
        {"england-and-wales", "2016-12-30", 1, "2017-01-03", "New Year substitute Monday 2nd"},
        {"scotland", "2016-12-30", 1, "2017-01-04", "2 Jan 2017, New Year substitute 3rd"},
        {"england-and-wales", "2022-12-20", 10, "2023-01-06", "Christmas 2022, 2 Jan 2023"},
        {"scotland", "2022-12-20", 10, "2023-01-09", "Christmas 2022, 2 and 3 Jan 2023"},
        {"england-and-wales", "2026-11-20", 20, "2026-12-18", "St Andrew's Day is worked"},
        {"scotland", "2026-11-20", 20, "2026-12-21", "St Andrew's Day, Monday 30 Nov 2026"},
        {"england-and-wales", "2025-11-28", 1, "2025-12-01", "St Andrew's Day is worked"},
        {"scotland", "2025-11-28", 1, "2025-12-02", "St Andrew's Day 2025 (Sun) on Mon 1 Dec"},
        {"scotland", "2024-11-29", 1, "2024-12-03", "St Andrew's Day 2024 (Sat) on Mon 2 Dec"},
        {"england-and-wales", "2026-04-02", 1, "2026-04-07", "Good Friday and Easter Monday"},
        {"scotland", "2026-04-02", 1, "2026-04-06", "Scotland works Easter Monday"},
        {"northern-ireland", "2026-04-02", 1, "2026-04-07", "Good Friday and Easter Monday"},
        {"england-and-wales", "2026-07-31", 1, "2026-08-03", "August holiday at month end"},
        {"scotland", "2026-07-31", 1, "2026-08-04", "first Monday in August, 3 Aug 2026"},
        {"england-and-wales", "2026-08-28", 1, "2026-09-01", "last Monday in August, 31 Aug"},
        {"scotland", "2026-08-28", 1, "2026-08-31", "Scotland works 31 August 2026"},
        {"england-and-wales", "2026-03-16", 1, "2026-03-17", "St Patrick's Day is worked"},
        {"scotland", "2026-03-16", 1, "2026-03-17", "St Patrick's Day is worked"},
        {"northern-ireland", "2026-03-16", 1, "2026-03-18", "St Patrick's Day, Tue 17 Mar 2026"},
        {"northern-ireland", "2024-03-15", 1, "2024-03-19", "St Patrick's Day 2024 (Sun) on 18th"},
        {"northern-ireland", "2026-03-10", 20, "2026-04-10", "St Patrick's Day and Easter 2026"},
        {"england-and-wales", "2026-07-10", 1, "2026-07-13", "12 July is worked"},
        {"northern-ireland", "2026-07-10", 1, "2026-07-14", "12 July 2026 (Sun) on Monday 13th"},
        {"northern-ireland", "2025-07-11", 5, "2025-07-21", "12 July 2025 (Sat) on Monday 14th"},
        {"scotland", "2026-03-10", 20, "2026-04-08", "Good Friday only"},
    };
    for (const auto& r : rows) {
        INFO(r.division << ": " << r.start << " + " << r.n << " working days: " << r.why);
        CHECK(division(r.division).add_working_days(iso(r.start), r.n) == iso(r.expected));
    }
}

TEST_CASE("working days between two dates count the later date but not the earlier",
          "[calendar][england][scotland][northern-ireland]") {
    struct row {
        const char* from;
        const char* to;
        int england_and_wales;
        int scotland;
        int northern_ireland;
    };
    const std::vector<row> rows = {
        {"2022-12-23", "2023-01-03", 4, 3, 4},       // 28, 29, 30 Dec and 3 Jan (not in Scotland)
        {"2023-01-03", "2022-12-23", -4, -3, -4},    // backwards: negative
        {"2026-01-05", "2026-01-05", 0, 0, 0},       // the same day
        {"2026-01-03", "2026-01-04", 0, 0, 0},       // a weekend
        {"2022-05-31", "2022-06-07", 3, 3, 3},       // 1, 6, 7 June 2022
        {"2025-12-31", "2026-12-31", 253, 252, 251}, // 261 weekdays less 8, 9 or 10 holidays
        {"2022-01-01", "2022-12-31", 250, 249, 248}, // 260 weekdays less the 2022 holidays
        {"2026-03-13", "2026-03-20", 5, 5, 4},       // St Patrick's Day
        {"2026-07-10", "2026-07-17", 5, 5, 4},       // Battle of the Boyne, moved to Monday 13th
    };
    for (const auto& r : rows) {
        INFO("(" << r.from << ", " << r.to << "]");
        CHECK(division("england-and-wales").working_days_between(iso(r.from), iso(r.to)) ==
              r.england_and_wales);
        CHECK(division("scotland").working_days_between(iso(r.from), iso(r.to)) == r.scotland);
        CHECK(division("northern-ireland").working_days_between(iso(r.from), iso(r.to)) ==
              r.northern_ireland);
    }
}

TEST_CASE("a deadline on a closed day has a practical last working day before it and a first "
          "working day after it",
          "[calendar][england][scotland]") {
    struct row {
        const char* day;
        const char* on_or_before;
        const char* on_or_after;
    };
    const auto& england = reviewd::test::england_and_wales();
    const std::vector<row> rows = {
        {"2026-01-07", "2026-01-07", "2026-01-07"}, // a working day is its own answer
        {"2022-12-27", "2022-12-23", "2022-12-28"}, // Christmas substitute
        {"2023-01-02", "2022-12-30", "2023-01-03"}, // New Year substitute
        {"2022-06-05", "2022-06-01", "2022-06-06"}, // Sunday of the Platinum Jubilee weekend
        {"2022-06-03", "2022-06-01", "2022-06-06"}, // Platinum Jubilee bank holiday
        {"2022-09-19", "2022-09-16", "2022-09-20"}, // the Queen's funeral
        {"2012-06-05", "2012-06-01", "2012-06-06"}, // Diamond Jubilee
        {"2020-05-10", "2020-05-07", "2020-05-11"}, // Sunday after VE day
        {"2026-04-06", "2026-04-02", "2026-04-07"}, // Easter Monday
        {"2027-12-28", "2027-12-24", "2027-12-29"}, // the last closures in the data
    };
    for (const auto& r : rows) {
        INFO(r.day);
        CHECK(england.last_working_day_on_or_before(iso(r.day)) == iso(r.on_or_before));
        CHECK(england.first_working_day_on_or_after(iso(r.day)) == iso(r.on_or_after));
    }
    const auto& scotland = reviewd::test::scotland();
    CHECK(scotland.first_working_day_on_or_after(iso("2023-01-02")) == iso("2023-01-04"));
    CHECK(scotland.first_working_day_on_or_after(iso("2010-01-01")) == iso("2010-01-05"));
    CHECK(scotland.last_working_day_on_or_before(iso("2026-04-06")) == iso("2026-04-06"));
}

TEST_CASE("the shipped calendars are exact from 1 January 2010 to 31 December 2027",
          "[calendar][england][scotland][northern-ireland]") {
    for (const char* name : {"england-and-wales", "scotland", "northern-ireland"}) {
        INFO(name);
        const auto& cal = division(name);
        CHECK(cal.covered_from() == iso("2010-01-01"));
        CHECK(cal.covered_until() == iso("2027-12-31"));
        CHECK(cal.covers(iso("2010-01-01"), iso("2027-12-31")));
        CHECK(cal.covers(iso("2026-01-05"), iso("2026-02-02")));
        CHECK(cal.covers(iso("2027-12-31"), iso("2027-12-31")));
        CHECK_FALSE(cal.covers(iso("2027-12-20"), iso("2028-01-19")));
        CHECK_FALSE(cal.covers(iso("2028-01-01"), iso("2028-01-01")));
        CHECK_FALSE(cal.covers(iso("2009-12-31"), iso("2010-01-04")));
        CHECK_FALSE(cal.covers(iso("2009-12-18"), iso("2009-12-31")));
    }
}

TEST_CASE("past the end of the data a count continues over weekends only and is not covered",
          "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    // 27, 28 Dec 2027 are known; 3 Jan 2028 (New Year's Day falls on a Saturday) is not.
    CHECK(cal.add_working_days(iso("2027-12-20"), 20) == iso("2028-01-19"));
    CHECK_FALSE(cal.covers(iso("2027-12-20"), iso("2028-01-19")));
    CHECK(cal.add_working_days(iso("2027-12-24"), 5) == iso("2028-01-04"));
    CHECK(cal.add_working_days(iso("2027-12-31"), 1) == iso("2028-01-03"));
    CHECK(cal.add_working_days(iso("2027-12-30"), 2, start_day::counted) == iso("2027-12-31"));
    CHECK(cal.working_days_between(iso("2027-12-24"), iso("2028-01-04")) == 5);
    CHECK(cal.is_working_day(iso("2028-12-25"))); // not guessed: the caller reports provisional
    CHECK(cal.closure_on(iso("2028-12-25")) == nullptr);
    CHECK(cal.add_working_days(iso("2028-12-22"), 5) == iso("2028-12-29"));
    // Far past the data: plain weekday arithmetic.
    CHECK(cal.add_working_days(iso("2040-01-02"), 5) == iso("2040-01-09"));
    CHECK(cal.add_working_days(iso("2040-01-02"), 5, start_day::counted) == iso("2040-01-06"));
    CHECK(cal.add_working_days(iso("2040-12-21"), 3) == iso("2040-12-26"));
    CHECK(cal.working_days_between(iso("2040-01-01"), iso("2040-12-31")) == 261);
    CHECK(cal.last_working_day_on_or_before(iso("2040-12-25")) == iso("2040-12-25"));
}

TEST_CASE("before the start of the data a count continues over weekends only and is not covered",
          "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    // Christmas 2009 is unknown; New Year's Day 2010 is the first known closure.
    CHECK(cal.add_working_days(iso("2009-12-24"), 1) == iso("2009-12-25"));
    CHECK(cal.add_working_days(iso("2009-12-18"), 10) == iso("2010-01-04"));
    CHECK(cal.add_working_days(iso("2009-12-25"), 20) == iso("2010-01-25"));
    CHECK(cal.add_working_days(iso("2009-12-31"), 1) == iso("2010-01-04"));
    CHECK(cal.add_working_days(iso("2009-12-31"), 2, start_day::counted) == iso("2010-01-04"));
    CHECK(cal.working_days_between(iso("2009-12-01"), iso("2010-01-31")) == 42);
    CHECK_FALSE(cal.covers(iso("2009-12-18"), iso("2010-01-04")));
    CHECK(cal.add_working_days(iso("1990-12-21"), 3) == iso("1990-12-26"));
    CHECK(cal.add_working_days(iso("1970-01-01"), 1) == iso("1970-01-02"));
    CHECK(cal.working_days_between(iso("1999-01-01"), iso("1999-12-31")) == 260);
    CHECK(cal.last_working_day_on_or_before(iso("1999-12-25")) == iso("1999-12-24"));
    CHECK(cal.first_working_day_on_or_after(iso("1999-12-25")) == iso("1999-12-27"));
}

TEST_CASE("a count reports the weekday closures it skipped, by title", "[calendar][england]") {
    const auto& cal = reviewd::test::england_and_wales();
    SECTION("the Platinum Jubilee weekend") {
        const auto skipped = cal.weekday_closures_between(iso("2022-05-27"), iso("2022-06-28"));
        REQUIRE(skipped.size() == 2);
        CHECK(skipped[0].date == iso("2022-06-02"));
        CHECK(skipped[0].title == "Spring bank holiday");
        CHECK(skipped[1].date == iso("2022-06-03"));
        CHECK(skipped[1].title == "Platinum Jubilee bank holiday");
    }
    SECTION("the interval excludes its first day and includes its last") {
        const auto from_holiday =
            cal.weekday_closures_between(iso("2022-06-02"), iso("2022-06-03"));
        REQUIRE(from_holiday.size() == 1);
        CHECK(from_holiday[0].date == iso("2022-06-03"));
        CHECK(cal.weekday_closures_between(iso("2022-06-03"), iso("2022-06-10")).empty());
        CHECK(cal.weekday_closures_between(iso("2022-06-03"), iso("2022-06-03")).empty());
        CHECK(cal.weekday_closures_between(iso("2022-06-10"), iso("2022-05-27")).empty());
    }
    SECTION("Christmas 2022 to New Year 2023") {
        const auto skipped = cal.weekday_closures_between(iso("2022-12-16"), iso("2023-01-18"));
        REQUIRE(skipped.size() == 3);
        CHECK(skipped[0].date == iso("2022-12-26"));
        CHECK(skipped[0].title == "Boxing Day");
        CHECK(skipped[1].date == iso("2022-12-27"));
        CHECK(skipped[1].title == "Christmas Day");
        CHECK(skipped[2].date == iso("2023-01-02"));
        CHECK(skipped[2].title == "New Year’s Day");
    }
    SECTION("the Queen's funeral and the coronation") {
        const auto funeral = cal.weekday_closures_between(iso("2022-09-09"), iso("2022-10-10"));
        REQUIRE(funeral.size() == 1);
        CHECK(funeral[0].title == "Bank Holiday for the State Funeral of Queen Elizabeth II");
        const auto coronation = cal.weekday_closures_between(iso("2023-05-01"), iso("2023-05-31"));
        REQUIRE(coronation.size() == 2);
        CHECK(coronation[0].date == iso("2023-05-08"));
        CHECK(coronation[0].title == "Bank holiday for the coronation of King Charles III");
        CHECK(coronation[1].date == iso("2023-05-29"));
        CHECK(coronation[1].title == "Spring bank holiday");
    }
    SECTION("a count with no holiday in it skipped nothing") {
        CHECK(cal.weekday_closures_between(iso("2026-01-05"), iso("2026-02-02")).empty());
        CHECK(cal.weekday_closures_between(iso("2028-01-01"), iso("2028-12-31")).empty());
    }
}

TEST_CASE("a calendar whose known years end before they start is refused", "[calendar]") {
    CHECK_THROWS_AS(working_calendar({}, iso("2027-01-01"), iso("2026-12-31")),
                    std::invalid_argument);
    CHECK_NOTHROW(working_calendar({}, iso("2026-01-01"), iso("2026-01-01")));
}
