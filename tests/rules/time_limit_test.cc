// Time-limit phrases as the rule files write them ("20 working days", "3 months"): what parses,
// what is refused (a typo must never become a different limit), and applying one to a date.
#include "rules/time_limit.h"

#include "support/rules_fixture.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

using reviewd::rules::apply_limit;
using reviewd::rules::parse_time_limit;
using reviewd::rules::time_limit;
using reviewd::test::day;
using reviewd::test::iso;
using unit = reviewd::rules::time_limit::unit;
using reviewd::calendar::start_day;

TEST_CASE("time limit phrases parse and print back the same", "[rules][time_limit]") {
    struct row {
        const char* text;
        unit in;
        int amount;
    };
    const row rows[] = {
        {"20 working days", unit::working_days, 20},
        {"1 working day", unit::working_days, 1},
        {"10 working days", unit::working_days, 10},
        {"28 days", unit::days, 28},
        {"1 day", unit::days, 1},
        {"6 weeks", unit::weeks, 6},
        {"1 week", unit::weeks, 1},
        {"3 months", unit::months, 3},
        {"1 month", unit::months, 1},
        {"12 months", unit::months, 12},
        {"1000 days", unit::days, 1000},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        const auto parsed = parse_time_limit(r.text);
        REQUIRE(parsed);
        CHECK(parsed->in == r.in);
        CHECK(parsed->amount == r.amount);
        CHECK(to_string(*parsed) == r.text);
        CHECK(parse_time_limit(to_string(*parsed)) == parsed);
    }
}

TEST_CASE("phrases that are not time limits are refused", "[rules][time_limit]") {
    for (const char* text : {"20 workings days",
                             "20 working day",
                             "1 working days",
                             "2 week",
                             "1 months",
                             "0 days",
                             "-3 days",
                             "1001 days",
                             "20  working days",
                             "20working days",
                             " 20 working days",
                             "20 working days ",
                             "3 Months",
                             "three months",
                             "days",
                             "",
                             "20",
                             "20 ",
                             "3.5 months",
                             "20 business days",
                             "+3 months"}) {
        INFO('"' << text << '"');
        CHECK_FALSE(parse_time_limit(text));
    }
}

TEST_CASE("applying a limit: days and weeks are calendar days, months clamp to the month's end",
          "[rules][time_limit]") {
    const auto& cal = reviewd::test::england_and_wales();
    struct row {
        const char* limit;
        const char* start;
        const char* due;
        bool clamped;
    };
    const row rows[] = {
        {"28 days", "2011-03-01", "2011-03-29", false},
        {"28 days", "2011-03-31", "2011-04-28", false},
        {"6 weeks", "2026-03-09", "2026-04-20", false},
        {"2 weeks", "2026-03-03", "2026-03-17", false},
        {"3 months", "2026-04-16", "2026-07-16", false},
        {"3 months", "2025-11-30", "2026-02-28", true},
        {"3 months", "2023-11-30", "2024-02-29", true},
        {"6 months", "2025-08-31", "2026-02-28", true},
        {"12 months", "2024-02-29", "2025-02-28", true},
        {"3 months", "2024-05-31", "2024-08-31", false},
        {"20 working days", "2026-03-20", "2026-04-21", false},
    };
    for (const auto& r : rows) {
        INFO(r.limit << " after " << r.start);
        const auto limit = parse_time_limit(r.limit);
        REQUIRE(limit);
        const auto applied = apply_limit(*limit, day(r.start), cal, start_day::excluded);
        CHECK(iso(applied.due) == r.due);
        CHECK(applied.clamped == r.clamped);
    }
}
