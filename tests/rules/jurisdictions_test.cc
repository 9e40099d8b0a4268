// Which rule set applies: the one in force for the child's jurisdiction and kind of care on the
// day each clock starts. England's 1991 Regulations gave way to the 2010 ones on 2011-04-01 and
// Wales' on 2016-04-06; Scotland counts 6 weeks from the placement, Northern Ireland 2 weeks,
// each on its own holiday calendar; a series of short breaks in England has its own timetable.
// Expected dates were worked out by hand, not taken from the program.
#include "rules/deadlines.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using rules::certainty;
using rules::deadline_status;
using test::case_builder;
using test::deadline_at;
using test::iso;
using test::schedule;

TEST_CASE("reviews whose clocks start from 2011-04-01 follow the 2010 Regulations",
          "[rules][england][england-1991]") {
    const auto deadlines =
        schedule(case_builder().period("2011-03-01").review("2011-03-25").review("2011-06-20"),
                 "2011-07-01");
    const auto& first = deadline_at(deadlines, "p1/review/1");
    CHECK(iso(first.due) == "2011-03-29"); // "within four weeks": 28 calendar days
    CHECK(first.rule_set == "england-1991");
    CHECK(first.sure == certainty::to_confirm);
    CHECK(first.basis == "28 days after 2011-03-01, became looked after");
    CHECK(first.status == deadline_status::met);

    const auto& second = deadline_at(deadlines, "p1/review/2");
    CHECK(iso(second.due) == "2011-06-25"); // its clock started 2011-03-25, under the 1991 Regs
    CHECK(iso(second.practical_due) == "2011-06-24");
    CHECK(second.rule_set == "england-1991");
    CHECK(second.status == deadline_status::met);

    const auto& third = deadline_at(deadlines, "p1/review/3");
    CHECK(iso(third.clock_start) == "2011-06-20");
    CHECK(iso(third.due) == "2011-12-20");
    CHECK(third.rule_set == "england");
    CHECK(third.sure == certainty::confirmed);
    CHECK(third.status == deadline_status::open);
}

TEST_CASE("the first review follows the rule set in force when the child became looked after",
          "[rules][england][england-1991]") {
    struct row {
        const char* start;
        const char* due;
        const char* practical;
        const char* rule_set;
    };
    const row rows[] = {
        {"2011-02-05", "2011-03-05", "2011-03-04", "england-1991"}, // 28 days, due on a Saturday
        {"2011-03-31", "2011-04-28", "2011-04-28", "england-1991"}, // due after the change
        {"2011-04-01", "2011-05-05", "2011-05-05", "england"},      // 20 working days
    };
    for (const auto& r : rows) {
        INFO("became looked after " << r.start);
        const auto deadlines = schedule(case_builder().period(r.start), r.start);
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(iso(first.due) == r.due);
        CHECK(iso(first.practical_due) == r.practical);
        CHECK(first.rule_set == r.rule_set);
    }
}

TEST_CASE("Wales follows the 1991 Regulations before 2016-04-06 and its own from then",
          "[rules][wales]") {
    SECTION("a period starting the day before") {
        const auto deadlines = schedule(case_builder("wales").period("2016-04-05"), "2016-04-05");
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(iso(first.due) == "2016-05-03");
        CHECK(first.rule_set == "england-1991");
    }
    SECTION("a period starting on the day") {
        const auto deadlines = schedule(case_builder("wales").period("2016-04-06"), "2016-04-06");
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(iso(first.due) == "2016-05-05");
        CHECK(first.rule_set == "wales");
        CHECK(first.sure == certainty::to_confirm);
        CHECK(first.basis == "20 working days after 2016-04-06, became looked after; skipped Early "
                             "May bank holiday 2016-05-02");
    }
    SECTION("a period spanning the change") {
        const auto deadlines = schedule(
            case_builder("wales").period("2016-03-01").review("2016-03-31").review("2016-06-20"),
            "2016-07-01");
        CHECK(iso(deadline_at(deadlines, "p1/review/1").due) == "2016-03-29");
        const auto& second = deadline_at(deadlines, "p1/review/2");
        CHECK(iso(second.due) == "2016-06-30"); // 31 March + 3 months: June has no 31st
        CHECK(second.rule_set == "england-1991");
        const auto& third = deadline_at(deadlines, "p1/review/3");
        CHECK(iso(third.due) == "2016-12-20");
        CHECK(third.rule_set == "wales");
    }
}

TEST_CASE("Scotland: the first review is within 6 weeks of the first placement",
          "[rules][scotland]") {
    const auto deadlines = schedule(case_builder("scotland")
                                        .period("2026-03-02")
                                        .placement("2026-03-09", "2026-05-01")
                                        .placement("2026-05-01")
                                        .review("2026-04-14"),
                                    "2026-05-01");
    const auto& first = deadline_at(deadlines, "p1/review/1");
    CHECK(iso(first.clock_start) == "2026-03-09");
    CHECK(iso(first.due) == "2026-04-20");
    CHECK(first.rule_set == "scotland");
    CHECK(first.sure == certainty::confirmed);
    CHECK(first.basis == "6 weeks after 2026-03-09, first placement began");
    CHECK(first.status == deadline_status::met);
    const auto& second = deadline_at(deadlines, "p1/review/2");
    CHECK(iso(second.due) == "2026-07-14");
    CHECK(second.rule_set == "scotland");

    SECTION("placements given out of order: the earliest is the first") {
        const auto shuffled = schedule(case_builder("scotland")
                                           .period("2026-03-02")
                                           .placement("2026-05-01")
                                           .placement("2026-03-09", "2026-05-01"),
                                       "2026-05-01");
        CHECK(iso(deadline_at(shuffled, "p1/review/1").due) == "2026-04-20");
    }
    SECTION("the practical due follows Scotland's holidays: 2nd January is one") {
        const auto winter = schedule(
            case_builder("scotland").period("2025-11-20").placement("2025-11-21"), "2025-12-01");
        const auto& d = deadline_at(winter, "p1/review/1");
        CHECK(iso(d.due) == "2026-01-02");
        CHECK(iso(d.practical_due) == "2025-12-31");
        CHECK(d.basis == "6 weeks after 2025-11-21, first placement began; practical due Wednesday "
                         "2025-12-31, the last working day on or before 2nd January 2026-01-02");
    }
    SECTION("until a placement is recorded the clock runs from becoming looked after") {
        const auto unplaced = schedule(case_builder("scotland").period("2026-03-02"), "2026-03-02");
        const auto& d = deadline_at(unplaced, "p1/review/1");
        CHECK(iso(d.due) == "2026-04-13");
        CHECK(d.basis == "6 weeks after 2026-03-02, became looked after");
    }
}

TEST_CASE("Northern Ireland: the first review is within 2 weeks, on Northern Ireland's holidays",
          "[rules][northern-ireland]") {
    struct row {
        const char* start;
        const char* due;
        const char* practical;
        const char* basis;
    };
    const row rows[] = {
        {"2026-03-03", "2026-03-17", "2026-03-16",
         "2 weeks after 2026-03-03, became looked after; practical due Monday 2026-03-16, the last "
         "working day on or before St Patrick’s Day 2026-03-17"},
        {"2026-06-29", "2026-07-13", "2026-07-10",
         "2 weeks after 2026-06-29, became looked after; practical due Friday 2026-07-10, the last "
         "working day on or before Battle of the Boyne (Orangemen’s Day) 2026-07-13"},
        {"2026-01-05", "2026-01-19", "2026-01-19", "2 weeks after 2026-01-05, became looked after"},
    };
    for (const auto& r : rows) {
        INFO("became looked after " << r.start);
        const auto deadlines = schedule(case_builder("northern-ireland").period(r.start), r.start);
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(iso(first.due) == r.due);
        CHECK(iso(first.practical_due) == r.practical);
        CHECK(first.rule_set == "northern-ireland");
        CHECK(first.basis == r.basis);
    }
}

TEST_CASE(
    "England short breaks: first review within 3 months of the first placement, then 6 months",
    "[rules][england][short-breaks]") {
    const auto deadlines = schedule(case_builder()
                                        .period("2026-01-10")
                                        .short_breaks()
                                        .placement("2026-02-13", "2026-02-15")
                                        .placement("2026-01-16", "2026-01-20")
                                        .review("2026-04-14"),
                                    "2026-05-01");
    const auto& first = deadline_at(deadlines, "p1/review/1");
    CHECK(iso(first.clock_start) == "2026-01-16");
    CHECK(iso(first.due) == "2026-04-16");
    CHECK(first.rule_set == "england-short-breaks");
    CHECK(first.sure == certainty::to_confirm);
    CHECK(first.basis == "3 months after 2026-01-16, first placement began");
    CHECK(first.status == deadline_status::met);
    // No separate limit for the second review: 6 months, as for every later one.
    const auto& second = deadline_at(deadlines, "p1/review/2");
    CHECK(iso(second.due) == "2026-10-14");
    CHECK(second.rule_set == "england-short-breaks");
    CHECK(second.basis == "6 months after 2026-04-14, review 1 held");

    SECTION("a first stay on the 31st clamps to the month's end") {
        const auto clamped = schedule(case_builder()
                                          .period("2026-01-31")
                                          .short_breaks()
                                          .placement("2026-01-31", "2026-02-02"),
                                      "2026-02-01");
        CHECK(iso(deadline_at(clamped, "p1/review/1").due) == "2026-04-30");
    }
    SECTION("a child's ordinary period and short-breaks period each use their own rule set") {
        const auto both = schedule(case_builder()
                                       .period("2025-01-06", "2025-06-30")
                                       .period("2026-01-10")
                                       .short_breaks()
                                       .placement("2026-01-16", "2026-01-20"),
                                   "2026-02-01");
        CHECK(deadline_at(both, "p1/review/1").rule_set == "england");
        CHECK(deadline_at(both, "p2/review/1").rule_set == "england-short-breaks");
        CHECK(iso(deadline_at(both, "p2/review/1").due) == "2026-04-16");
    }
}

TEST_CASE("short breaks where no rule set covers them are refused, not guessed",
          "[rules][scotland][short-breaks]") {
    for (const char* jurisdiction : {"scotland", "wales", "northern-ireland"}) {
        INFO(jurisdiction);
        const auto computed = rules::compute_deadlines(
            case_builder(jurisdiction).period("2026-03-02").short_breaks(), test::shipped_rules(),
            test::shipped_calendar_set(), test::day("2026-03-02"));
        REQUIRE_FALSE(computed);
        CHECK(computed.err().code == "no_rule_set");
        CHECK(computed.err().field == "periods[0].short_breaks");
        CHECK_THAT(computed.err().message,
                   Catch::Contains(std::string("short breaks in ") + jurisdiction));
    }
}
