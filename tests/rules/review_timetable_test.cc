// The review timetable after the first review (England reg 33): the second review within 3
// months of the first, later ones within 6 months of the previous, each counted from the day the
// previous review was actually HELD. Calendar months clamp to the month's end and are never moved
// off weekends or holidays; the practical due (the last working day on or before) is shown beside
// them. Also: open, missed and cancelled, and a new period of care restarting the sequence.
// Expected dates were worked out by hand, not taken from the program.
#include "rules/deadlines.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using rules::deadline_status;
using test::case_builder;
using test::deadline_at;
using test::has;
using test::iso;
using test::schedule;

TEST_CASE("second review is due three months after the first was held", "[rules][england]") {
    struct row {
        const char* first_held;
        const char* second_due;
        const char* practical;
        deadline_status first_status;
    };
    const row rows[] = {
        {"2026-04-16", "2026-07-16", "2026-07-16", deadline_status::met},      // held early
        {"2026-04-21", "2026-07-21", "2026-07-21", deadline_status::met},      // held on the day
        {"2026-04-24", "2026-07-24", "2026-07-24", deadline_status::met_late}, // held late
        {"2026-03-27", "2026-06-27", "2026-06-26", deadline_status::met},      // due on a Saturday
    };
    for (const auto& r : rows) {
        INFO("first review held " << r.first_held);
        const auto deadlines =
            schedule(case_builder().period("2026-03-20").review(r.first_held), "2026-05-01");
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(iso(first.due) == "2026-04-21");
        CHECK(first.status == r.first_status);
        const auto& second = deadline_at(deadlines, "p1/review/2");
        CHECK(second.sequence == 2);
        CHECK(iso(second.clock_start) == r.first_held);
        CHECK(iso(second.due) == r.second_due);
        CHECK(iso(second.practical_due) == r.practical);
        CHECK(second.status == deadline_status::open);
        CHECK(second.rule_set == "england");
        CHECK_THAT(second.basis, Catch::StartsWith(std::string("3 months after ") + r.first_held +
                                                   ", review 1 held"));
        // The chain stops at the first review not yet held.
        CHECK_FALSE(has(deadlines, "p1/review/3"));
    }
}

TEST_CASE("later reviews are due six months after the previous review was held",
          "[rules][england]") {
    const auto deadlines = schedule(case_builder()
                                        .period("2026-03-20")
                                        .review("2026-04-16")
                                        .review("2026-07-20")
                                        .review("2026-12-01"),
                                    "2026-12-02");
    const auto& second = deadline_at(deadlines, "p1/review/2");
    CHECK(iso(second.due) == "2026-07-16");
    CHECK(second.status == deadline_status::met_late);
    REQUIRE(second.met_on);
    CHECK(iso(*second.met_on) == "2026-07-20");

    const auto& third = deadline_at(deadlines, "p1/review/3");
    CHECK(iso(third.clock_start) == "2026-07-20"); // the day review 2 was held, not its due date
    CHECK(iso(third.due) == "2027-01-20");
    CHECK(third.status == deadline_status::met);
    CHECK(third.basis == "6 months after 2026-07-20, review 2 held");

    // Review 3 was held early: review 4's clock restarts on that day.
    const auto& fourth = deadline_at(deadlines, "p1/review/4");
    CHECK(iso(fourth.clock_start) == "2026-12-01");
    CHECK(iso(fourth.due) == "2027-06-01");
    CHECK(fourth.status == deadline_status::open);
    CHECK(fourth.basis == "6 months after 2026-12-01, review 3 held");
}

TEST_CASE("an early review restarts the clock", "[rules][england]") {
    // Review 2 was due 2026-07-16 but held on 2026-05-20: review 3 runs from 2026-05-20.
    const auto deadlines =
        schedule(case_builder().period("2026-03-20").review("2026-04-16").review("2026-05-20"),
                 "2026-06-01");
    const auto& second = deadline_at(deadlines, "p1/review/2");
    CHECK(iso(second.due) == "2026-07-16");
    CHECK(second.status == deadline_status::met);
    const auto& third = deadline_at(deadlines, "p1/review/3");
    CHECK(iso(third.due) == "2026-11-20");
}

TEST_CASE("a late review is met late and the next review runs from the day it was held",
          "[rules][england]") {
    const auto deadlines =
        schedule(case_builder().period("2026-03-20").review("2026-05-05"), "2026-06-01");
    const auto& first = deadline_at(deadlines, "p1/review/1");
    CHECK(iso(first.due) == "2026-04-21");
    CHECK(first.status == deadline_status::met_late);
    REQUIRE(first.met_on);
    CHECK(iso(*first.met_on) == "2026-05-05");
    CHECK(iso(deadline_at(deadlines, "p1/review/2").due) == "2026-08-05");
}

TEST_CASE("month limits clamp to the month's end and are never moved off closures",
          "[rules][england]") {
    struct row {
        const char* what;
        case_builder facts;
        const char* key;
        const char* due;       // statutory: never moved
        const char* practical; // the last working day on or before
        const char* basis;
    };
    const row rows[] = {
        {"30 November + 3 months, into a February of 28 days",
         case_builder().period("2025-11-03").review("2025-11-30"), "p1/review/2", "2026-02-28",
         "2026-02-27",
         "3 months after 2025-11-30, review 1 held; 2026-02 has no day 30, so its last day; "
         "practical due Friday 2026-02-27, the last working day on or before Saturday 2026-02-28"},
        {"30 November + 3 months, into a leap February",
         case_builder().period("2023-11-06").review("2023-11-30"), "p1/review/2", "2024-02-29",
         "2024-02-29",
         "3 months after 2023-11-30, review 1 held; 2024-02 has no day 30, so its last day"},
        {"31 August + 6 months",
         case_builder().period("2025-05-01").review("2025-05-29").review("2025-08-31"),
         "p1/review/3", "2026-02-28", "2026-02-27",
         "6 months after 2025-08-31, review 2 held; 2026-02 has no day 31, so its last day; "
         "practical due Friday 2026-02-27, the last working day on or before Saturday 2026-02-28"},
        {"31 May + 3 months is 31 August, a Saturday: no clamping",
         case_builder().period("2024-05-07").review("2024-05-31"), "p1/review/2", "2024-08-31",
         "2024-08-30",
         "3 months after 2024-05-31, review 1 held; practical due Friday 2024-08-30, the last "
         "working day on or before Saturday 2024-08-31"},
        {"due on a bank holiday", case_builder().period("2026-02-02").review("2026-02-25"),
         "p1/review/2", "2026-05-25", "2026-05-22",
         "3 months after 2026-02-25, review 1 held; practical due Friday 2026-05-22, the last "
         "working day on or before Spring bank holiday 2026-05-25"},
        {"due on Christmas Day: Christmas Eve is a working day",
         case_builder().period("2026-09-01").review("2026-09-25"), "p1/review/2", "2026-12-25",
         "2026-12-24",
         "3 months after 2026-09-25, review 1 held; practical due Thursday 2026-12-24, the last "
         "working day on or before Christmas Day 2026-12-25"},
        {"due on Good Friday",
         case_builder().period("2025-06-02").review("2025-06-27").review("2025-10-03"),
         "p1/review/3", "2026-04-03", "2026-04-02",
         "6 months after 2025-10-03, review 2 held; practical due Thursday 2026-04-02, the last "
         "working day on or before Good Friday 2026-04-03"},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const auto deadlines = schedule(r.facts, "2024-01-01");
        const auto& d = deadline_at(deadlines, r.key);
        CHECK(iso(d.due) == r.due);
        CHECK(iso(d.practical_due) == r.practical);
        CHECK(d.basis == r.basis);
        CHECK(d.status == deadline_status::open);
    }
}

TEST_CASE("open or missed is decided by the statutory due date and the as-of day",
          "[rules][england]") {
    struct row {
        const char* as_of;
        deadline_status first;  // due 2026-04-21
        deadline_status second; // due 2026-05-25 (bank holiday), practical 2026-05-22
    };
    const row rows[] = {
        {"2026-02-25", deadline_status::open, deadline_status::open},
        {"2026-04-21", deadline_status::open, deadline_status::open},
        {"2026-04-22", deadline_status::missed, deadline_status::open},
        {"2026-05-23", deadline_status::missed, deadline_status::open}, // past the practical due
        {"2026-05-25", deadline_status::missed, deadline_status::open},
        {"2026-05-26", deadline_status::missed, deadline_status::missed},
    };
    for (const auto& r : rows) {
        INFO("as of " << r.as_of);
        const auto plain = schedule(case_builder().period("2026-03-20"), r.as_of);
        CHECK(deadline_at(plain, "p1/review/1").status == r.first);
        const auto deadlines =
            schedule(case_builder().period("2026-02-02").review("2026-02-25"), r.as_of);
        CHECK(deadline_at(deadlines, "p1/review/2").status == r.second);
        CHECK_FALSE(deadline_at(deadlines, "p1/review/2").met_on);
    }
}

TEST_CASE("a review is cancelled when the period of care ended on or before its due date",
          "[rules][england]") {
    struct row {
        const char* period_end;
        deadline_status first; // due 2026-04-21, not held
    };
    const row rows[] = {
        {"2026-03-20", deadline_status::cancelled},
        {"2026-04-10", deadline_status::cancelled},
        {"2026-04-21", deadline_status::cancelled},
        {"2026-04-22", deadline_status::missed},
    };
    for (const auto& r : rows) {
        INFO("period ended " << r.period_end);
        const auto deadlines =
            schedule(case_builder().period("2026-03-20", r.period_end), "2026-09-01");
        CHECK(deadline_at(deadlines, "p1/review/1").status == r.first);
    }

    SECTION("the review after the last one held is cancelled and the chain stops") {
        const auto deadlines = schedule(
            case_builder().period("2026-03-20", "2026-05-01").review("2026-04-16"), "2026-09-01");
        CHECK(deadline_at(deadlines, "p1/review/1").status == deadline_status::met);
        const auto& second = deadline_at(deadlines, "p1/review/2");
        CHECK(iso(second.due) == "2026-07-16");
        CHECK(second.status == deadline_status::cancelled);
        CHECK_FALSE(has(deadlines, "p1/review/3"));
    }
    SECTION("a review held before the period ended is still met") {
        const auto deadlines = schedule(
            case_builder().period("2026-03-20", "2026-04-16").review("2026-04-16"), "2026-09-01");
        CHECK(deadline_at(deadlines, "p1/review/1").status == deadline_status::met);
        CHECK(deadline_at(deadlines, "p1/review/2").status == deadline_status::cancelled);
    }
}

namespace {

// Two periods of care, each with its own reviews.
case_builder two_periods(bool given_in_date_order) {
    case_builder facts;
    if (given_in_date_order)
        facts.period("2025-09-01", "2026-01-31").period("2026-03-20");
    else
        facts.period("2026-03-20").period("2025-09-01", "2026-01-31");
    return facts.review("2026-04-16").review("2025-09-25").review("2025-12-15");
}

} // namespace

TEST_CASE("a new period of care restarts the sequence at review 1 with a new 20-working-day clock",
          "[rules][england]") {
    const auto deadlines = schedule(two_periods(true), "2026-05-01");

    const auto& p1_first = deadline_at(deadlines, "p1/review/1");
    CHECK(p1_first.period == 1);
    CHECK(iso(p1_first.due) == "2025-09-29");
    CHECK(p1_first.status == deadline_status::met);
    const auto& p1_second = deadline_at(deadlines, "p1/review/2");
    CHECK(iso(p1_second.due) == "2025-12-25");
    CHECK(iso(p1_second.practical_due) == "2025-12-24");
    CHECK(p1_second.status == deadline_status::met);
    const auto& p1_third = deadline_at(deadlines, "p1/review/3");
    CHECK(iso(p1_third.due) == "2026-06-15");
    CHECK(p1_third.status == deadline_status::cancelled); // the period ended on 2026-01-31
    CHECK_FALSE(has(deadlines, "p1/review/4"));

    // The review held in the new period is its review 1, not review 4 of the child.
    const auto& p2_first = deadline_at(deadlines, "p2/review/1");
    CHECK(p2_first.period == 2);
    CHECK(p2_first.sequence == 1);
    CHECK(iso(p2_first.clock_start) == "2026-03-20");
    CHECK(iso(p2_first.due) == "2026-04-21");
    CHECK(p2_first.status == deadline_status::met);
    CHECK(p2_first.basis == "20 working days after 2026-03-20, became looked after; skipped Good "
                            "Friday 2026-04-03 and Easter Monday 2026-04-06");
    CHECK(iso(deadline_at(deadlines, "p2/review/2").due) == "2026-07-16");
    CHECK_FALSE(has(deadlines, "p2/review/3"));
}

TEST_CASE("periods are numbered in date order even when given out of order", "[rules][england]") {
    const auto in_order = schedule(two_periods(true), "2026-05-01");
    const auto shuffled = schedule(two_periods(false), "2026-05-01");
    REQUIRE(test::keys(shuffled) == test::keys(in_order));
    for (std::size_t i = 0; i < in_order.size(); ++i) {
        INFO(in_order[i].key());
        CHECK(shuffled[i].period == in_order[i].period);
        CHECK(shuffled[i].due == in_order[i].due);
        CHECK(shuffled[i].status == in_order[i].status);
        CHECK(shuffled[i].basis == in_order[i].basis);
    }
    CHECK(iso(deadline_at(shuffled, "p1/review/1").clock_start) == "2025-09-01");
    CHECK(iso(deadline_at(shuffled, "p2/review/1").clock_start) == "2026-03-20");
}
