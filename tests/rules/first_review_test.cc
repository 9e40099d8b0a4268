// England's first review: within 20 working days of the day the child became looked after (Care
// Planning, Placement and Case Review (England) Regulations 2010, reg 33). The start day is
// excluded, day 1 is the next working day, and bank holidays (moved and one-off ones included)
// are skipped. Expected dates were counted by hand from the GOV.UK holiday list, not taken from
// the program.
#include "rules/deadlines.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using test::case_builder;
using test::deadline_at;
using test::iso;
using test::schedule;

namespace {

struct first_review_row {
    const char* start;
    const char* due;
    const char* skipped; // the basis' "; skipped ..." part, "" when nothing was skipped
};

std::string expected_basis(const first_review_row& r) {
    std::string basis = std::string("20 working days after ") + r.start + ", became looked after";
    if (*r.skipped)
        basis += std::string("; skipped ") + r.skipped;
    return basis;
}

} // namespace

TEST_CASE("first review is due 20 working days after the child became looked after",
          "[rules][england]") {
    const first_review_row rows[] = {
        // Across Easter.
        {"2026-03-20", "2026-04-21", "Good Friday 2026-04-03 and Easter Monday 2026-04-06"},
        {"2011-04-01", "2011-05-05",
         "Good Friday 2011-04-22, Easter Monday 2011-04-25, Royal wedding 2011-04-29 and Early May "
         "Bank Holiday 2011-05-02"},
        // Across Christmas and New Year; Christmas Eve is a working day.
        {"2025-12-15", "2026-01-15",
         "Christmas Day 2025-12-25, Boxing Day 2025-12-26 and New Year’s Day 2026-01-01"},
        {"2026-12-10", "2027-01-12",
         "Christmas Day 2026-12-25, Boxing Day 2026-12-28 and New Year’s Day 2027-01-01"},
        {"2026-12-23", "2027-01-25",
         "Christmas Day 2026-12-25, Boxing Day 2026-12-28 and New Year’s Day 2027-01-01"},
        // One-off and moved bank holidays.
        {"2022-09-05", "2022-10-04",
         "Bank Holiday for the State Funeral of Queen Elizabeth II 2022-09-19"},
        {"2023-04-20", "2023-05-22",
         "Early May bank holiday 2023-05-01 and Bank holiday for the coronation of King Charles "
         "III 2023-05-08"},
        {"2012-05-21", "2012-06-20",
         "Spring bank holiday 2012-06-04 and Queen’s Diamond Jubilee 2012-06-05"},
        {"2022-05-26", "2022-06-27",
         "Spring bank holiday 2022-06-02 and Platinum Jubilee bank holiday 2022-06-03"},
        {"2020-04-30", "2020-06-01",
         "Early May bank holiday (VE day) 2020-05-08 and Spring bank holiday 2020-05-25"},
        // No holidays: four weeks of weekdays.
        {"2026-01-05", "2026-02-02", ""},
        {"2026-01-12", "2026-02-09", ""},
        // A Friday, Saturday or Sunday start all make Monday day 1.
        {"2026-01-09", "2026-02-06", ""},
        {"2026-01-10", "2026-02-06", ""},
        {"2026-01-11", "2026-02-06", ""},
        // A start on a bank holiday: day 1 is the next working day.
        {"2026-05-04", "2026-06-02", "Spring bank holiday 2026-05-25"},
        {"2026-04-03", "2026-05-05",
         "Easter Monday 2026-04-06 and Early May bank holiday 2026-05-04"},
    };
    for (const auto& r : rows) {
        INFO("became looked after " << r.start);
        const auto deadlines = schedule(case_builder().period(r.start), r.start);
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(first.kind == rules::deadline_kind::review);
        CHECK(first.sequence == 1);
        CHECK(iso(first.clock_start) == r.start);
        CHECK(iso(first.due) == r.due);
        CHECK(first.practical_due == first.due); // a working-day count ends on a working day
        CHECK(first.status == rules::deadline_status::open);
        CHECK_FALSE(first.met_on);
        CHECK_FALSE(first.provisional);
        CHECK(first.rule_set == "england");
        CHECK(first.sure == rules::certainty::confirmed);
        CHECK(first.basis == expected_basis(r));
    }
}

TEST_CASE("counting the start day as day 1 gives one working day earlier", "[rules][england]") {
    const rules::rule_book counted = test::shipped_rules_with(
        "england", test::replace_once(test::shipped_rule_text("england"), "count_start_day = false",
                                      "count_start_day = true"));
    struct row {
        const char* start;
        const char* due;
        const char* basis;
    };
    const row rows[] = {
        {"2026-03-20", "2026-04-20",
         "20 working days counting 2026-03-20 (became looked after) as day 1; skipped Good Friday "
         "2026-04-03 and Easter Monday 2026-04-06"},
        {"2025-12-15", "2026-01-14",
         "20 working days counting 2025-12-15 (became looked after) as day 1; skipped Christmas "
         "Day 2025-12-25, Boxing Day 2025-12-26 and New Year’s Day 2026-01-01"},
        {"2026-12-23", "2027-01-22",
         "20 working days counting 2026-12-23 (became looked after) as day 1; skipped Christmas "
         "Day 2026-12-25, Boxing Day 2026-12-28 and New Year’s Day 2027-01-01"},
        {"2022-09-05", "2022-10-03",
         "20 working days counting 2022-09-05 (became looked after) as day 1; skipped Bank Holiday "
         "for the State Funeral of Queen Elizabeth II 2022-09-19"},
        {"2023-04-20", "2023-05-19",
         "20 working days counting 2023-04-20 (became looked after) as day 1; skipped Early May "
         "bank holiday 2023-05-01 and Bank holiday for the coronation of King Charles III "
         "2023-05-08"},
        {"2012-05-21", "2012-06-19",
         "20 working days counting 2012-05-21 (became looked after) as day 1; skipped Spring bank "
         "holiday 2012-06-04 and Queen’s Diamond Jubilee 2012-06-05"},
        {"2026-01-12", "2026-02-06",
         "20 working days counting 2026-01-12 (became looked after) as day 1"},
        // A start that is not a working day cannot be day 1: Monday is, as without the option,
        // and the basis must not claim otherwise.
        {"2026-01-10", "2026-02-06", "20 working days after 2026-01-10, became looked after"},
        {"2026-05-04", "2026-06-02",
         "20 working days after 2026-05-04, became looked after; skipped Spring bank holiday "
         "2026-05-25"},
    };
    for (const auto& r : rows) {
        INFO("became looked after " << r.start);
        const auto deadlines = schedule(case_builder().period(r.start), r.start, counted);
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(iso(first.due) == r.due);
        CHECK(first.basis == r.basis);
    }
}

TEST_CASE("first review status: met when held by the due date, met late after it",
          "[rules][england]") {
    struct row {
        const char* held;
        rules::deadline_status status;
    };
    const row rows[] = {
        {"2026-03-20", rules::deadline_status::met}, // the same day counts as within
        {"2026-04-16", rules::deadline_status::met},
        {"2026-04-21", rules::deadline_status::met},
        {"2026-04-22", rules::deadline_status::met_late},
        {"2026-06-30", rules::deadline_status::met_late},
    };
    for (const auto& r : rows) {
        INFO("held " << r.held);
        const auto deadlines =
            schedule(case_builder().period("2026-03-20").review(r.held), "2026-07-01");
        const auto& first = deadline_at(deadlines, "p1/review/1");
        CHECK(iso(first.due) == "2026-04-21");
        CHECK(first.status == r.status);
        REQUIRE(first.met_on);
        CHECK(iso(*first.met_on) == r.held);
    }
}
