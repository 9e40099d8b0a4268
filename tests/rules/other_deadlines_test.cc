// The other deadlines an IRO watches (domain.md): the care plan within 10 working days of the
// first placement and social worker visits (on in the shipped england rules), and, switched on by
// editing the rule text as a council would, IRO allocation, review decisions and record, and
// health assessments. Expected dates were worked out by hand, not taken from the program.
#include "rules/deadlines.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using rules::certainty;
using rules::deadline_kind;
using rules::deadline_status;
using test::case_builder;
using test::deadline_at;
using test::has;
using test::iso;
using test::replace_once;
using test::schedule;

namespace {

// The shipped england rules with every optional deadline switched on.
const rules::rule_book& everything_on() {
    static const rules::rule_book book = [] {
        std::string text = test::shipped_rule_text("england");
        for (const char* table :
             {"[iro_allocated]", "[review_decisions]", "[review_record]", "[health_assessments]"})
            text = replace_once(text, std::string(table) + "\nenabled = false",
                                std::string(table) + "\nenabled = true");
        return test::shipped_rules_with("england", text);
    }();
    return book;
}

} // namespace

TEST_CASE("care plan is due 10 working days after the first placement began",
          "[rules][england][care_plan]") {
    struct row {
        const char* what;
        case_builder facts;
        const char* due;
        const char* basis;
        deadline_status status;
    };
    const row rows[] = {
        {"placed the day the child became looked after",
         case_builder().period("2026-03-20").placement("2026-03-20"), "2026-04-07",
         "10 working days after 2026-03-20, first placement began; skipped Good Friday 2026-04-03 "
         "and Easter Monday 2026-04-06",
         deadline_status::open},
        {"placed a week later", case_builder().period("2026-03-20").placement("2026-03-27"),
         "2026-04-14",
         "10 working days after 2026-03-27, first placement began; skipped Good Friday 2026-04-03 "
         "and Easter Monday 2026-04-06",
         deadline_status::open},
        {"placements given out of order",
         case_builder()
             .period("2026-03-20")
             .placement("2026-05-01")
             .placement("2026-03-27", "2026-05-01"),
         "2026-04-14",
         "10 working days after 2026-03-27, first placement began; skipped Good Friday 2026-04-03 "
         "and Easter Monday 2026-04-06",
         deadline_status::open},
        {"no placement yet: from becoming looked after", case_builder().period("2026-03-20"),
         "2026-04-07",
         "10 working days after 2026-03-20, became looked after; skipped Good Friday 2026-04-03 "
         "and Easter Monday 2026-04-06",
         deadline_status::open},
        {"plan made before the placement",
         case_builder().period("2026-03-20").care_plan_on("2026-03-18").placement("2026-03-27"),
         "2026-04-14", nullptr, deadline_status::met},
        {"plan made on the last day",
         case_builder().period("2026-03-20").care_plan_on("2026-04-07").placement("2026-03-20"),
         "2026-04-07", nullptr, deadline_status::met},
        {"plan made a day late",
         case_builder().period("2026-03-20").care_plan_on("2026-04-08").placement("2026-03-20"),
         "2026-04-07", nullptr, deadline_status::met_late},
        {"period ended before the plan fell due",
         case_builder().period("2026-03-20", "2026-03-31").placement("2026-03-20", "2026-03-31"),
         "2026-04-07", nullptr, deadline_status::cancelled},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const auto deadlines = schedule(r.facts, "2026-03-27");
        const auto& plan = deadline_at(deadlines, "p1/care_plan/1");
        CHECK(plan.kind == deadline_kind::care_plan);
        CHECK(iso(plan.due) == r.due);
        CHECK(plan.status == r.status);
        CHECK(plan.rule_set == "england");
        CHECK(plan.sure == certainty::confirmed);
        if (r.basis)
            CHECK(plan.basis == r.basis);
    }
}

TEST_CASE("social worker visits: within a week of the placement, then 6-weekly in its first year",
          "[rules][england][visits]") {
    const auto deadlines = schedule(case_builder()
                                        .period("2026-03-20")
                                        .placement("2026-03-20")
                                        .visit("2026-03-26")
                                        .visit("2026-05-01")
                                        .visit("2026-06-12"),
                                    "2026-07-01");
    struct row {
        const char* key;
        const char* clock_start;
        const char* due;
        deadline_status status;
        const char* basis;
    };
    const row rows[] = {
        {"p1/placement1/social_worker_visit/1", "2026-03-20", "2026-03-27", deadline_status::met,
         "1 week after 2026-03-20, placement began"},
        {"p1/placement1/social_worker_visit/2", "2026-03-26", "2026-05-07", deadline_status::met,
         "6 weeks after 2026-03-26, visit 1 made"},
        {"p1/placement1/social_worker_visit/3", "2026-05-01", "2026-06-12", deadline_status::met,
         "6 weeks after 2026-05-01, visit 2 made"},
        {"p1/placement1/social_worker_visit/4", "2026-06-12", "2026-07-24", deadline_status::open,
         "6 weeks after 2026-06-12, visit 3 made"},
    };
    for (const auto& r : rows) {
        INFO(r.key);
        const auto& visit = deadline_at(deadlines, r.key);
        CHECK(visit.kind == deadline_kind::social_worker_visit);
        CHECK(visit.placement == 1);
        CHECK(iso(visit.clock_start) == r.clock_start);
        CHECK(iso(visit.due) == r.due);
        CHECK(visit.status == r.status);
        CHECK(visit.basis == r.basis);
        CHECK(visit.sure == certainty::confirmed);
    }
    CHECK_FALSE(has(deadlines, "p1/placement1/social_worker_visit/5"));
}

TEST_CASE(
    "after a placement's first year visits are 3-monthly if it is meant to last, else 6-weekly",
    "[rules][england][visits]") {
    struct row {
        const char* last_visit;
        bool long_term;
        const char* due;
        const char* practical;
        const char* limit;
    };
    const row rows[] = {
        {"2026-01-05", true, "2026-02-16", "2026-02-16", "6 weeks"}, // still in the first year
        {"2026-01-05", false, "2026-02-16", "2026-02-16", "6 weeks"},
        {"2026-01-06", true, "2026-04-06", "2026-04-02", "3 months"}, // the first anniversary
        {"2026-01-10", true, "2026-04-10", "2026-04-10", "3 months"},
        {"2026-01-10", false, "2026-02-21", "2026-02-20", "6 weeks"},
    };
    for (const auto& r : rows) {
        INFO("last visit " << r.last_visit << (r.long_term ? ", long-term placement" : ""));
        const auto deadlines = schedule(case_builder()
                                            .period("2025-01-06")
                                            .placement("2025-01-06", "", r.long_term)
                                            .visit("2025-01-10")
                                            .visit(r.last_visit),
                                        "2026-01-20");
        CHECK(iso(deadline_at(deadlines, "p1/placement1/social_worker_visit/1").due) ==
              "2025-01-13");
        CHECK(deadline_at(deadlines, "p1/placement1/social_worker_visit/2").status ==
              deadline_status::met_late);
        const auto& next = deadline_at(deadlines, "p1/placement1/social_worker_visit/3");
        CHECK(iso(next.due) == r.due);
        CHECK(iso(next.practical_due) == r.practical);
        CHECK_THAT(next.basis, Catch::StartsWith(std::string(r.limit) + " after " + r.last_visit +
                                                 ", visit 2 made"));
    }
}

TEST_CASE("visits due after a placement ended are cancelled and the next placement has its own",
          "[rules][england][visits]") {
    const auto deadlines = schedule(case_builder()
                                        .period("2026-03-20")
                                        .placement("2026-03-20", "2026-05-01")
                                        .visit("2026-03-26")
                                        .placement("2026-05-01")
                                        .visit("2026-05-06"),
                                    "2026-06-01");
    CHECK(deadline_at(deadlines, "p1/placement1/social_worker_visit/1").status ==
          deadline_status::met);
    const auto& ended = deadline_at(deadlines, "p1/placement1/social_worker_visit/2");
    CHECK(iso(ended.due) == "2026-05-07");
    CHECK(ended.status == deadline_status::cancelled);
    CHECK_FALSE(has(deadlines, "p1/placement1/social_worker_visit/3"));

    const auto& next = deadline_at(deadlines, "p1/placement2/social_worker_visit/1");
    CHECK(next.placement == 2);
    CHECK(iso(next.due) == "2026-05-08");
    CHECK(next.status == deadline_status::met);
    CHECK(iso(deadline_at(deadlines, "p1/placement2/social_worker_visit/2").due) == "2026-06-17");

    SECTION("the period ending ends an open-ended placement's visits too") {
        const auto ended_period = schedule(case_builder()
                                               .period("2026-03-20", "2026-04-30")
                                               .placement("2026-03-20")
                                               .visit("2026-03-26"),
                                           "2026-06-01");
        CHECK(deadline_at(ended_period, "p1/placement1/social_worker_visit/2").status ==
              deadline_status::cancelled);
    }
}

TEST_CASE("optional deadlines are off in the shipped england rules", "[rules][england]") {
    const auto deadlines = schedule(case_builder("england", "2021-06-15")
                                        .period("2026-03-20")
                                        .placement("2026-03-20")
                                        .review("2026-04-16")
                                        .health_assessment("2026-04-10"),
                                    "2026-04-20");
    for (const auto& d : deadlines) {
        INFO(d.key());
        CHECK(d.kind != deadline_kind::iro_allocated);
        CHECK(d.kind != deadline_kind::review_decisions);
        CHECK(d.kind != deadline_kind::review_record);
        CHECK(d.kind != deadline_kind::health_assessment);
    }
}

TEST_CASE("IRO allocated within 5 working days, where the service switches it on",
          "[rules][england][iro]") {
    struct row {
        const char* allocated; // "" when not yet
        deadline_status status;
    };
    const row rows[] = {
        {"", deadline_status::open},
        {"2026-03-24", deadline_status::met},
        {"2026-03-27", deadline_status::met},
        {"2026-03-30", deadline_status::met_late},
    };
    for (const auto& r : rows) {
        INFO("allocated " << r.allocated);
        case_builder facts;
        facts.period("2026-03-20");
        if (*r.allocated)
            facts.iro_allocated_on(r.allocated);
        const auto deadlines = schedule(facts, "2026-03-25", everything_on());
        const auto& iro = deadline_at(deadlines, "p1/iro_allocated/1");
        CHECK(iso(iro.due) == "2026-03-27");
        CHECK(iro.status == r.status);
        CHECK(iro.sure == certainty::local_practice);
        CHECK(iro.basis == "5 working days after 2026-03-20, became looked after");
    }
}

TEST_CASE("review decisions within 5 working days and the record within 20, where switched on",
          "[rules][england][review_record]") {
    const auto deadlines = schedule(case_builder()
                                        .period("2026-03-20")
                                        .review("2026-04-16", "2026-04-20", "2026-05-18")
                                        .review("2026-05-01"),
                                    "2026-05-12", everything_on());
    struct row {
        const char* key;
        const char* due;
        deadline_status status;
        const char* basis;
    };
    const row rows[] = {
        {"p1/review_decisions/1", "2026-04-23", deadline_status::met,
         "5 working days after 2026-04-16, review 1 held"},
        {"p1/review_record/1", "2026-05-15", deadline_status::met_late,
         "20 working days after 2026-04-16, review 1 held; skipped Early May bank holiday "
         "2026-05-04"},
        {"p1/review_decisions/2", "2026-05-11", deadline_status::missed,
         "5 working days after 2026-05-01, review 2 held; skipped Early May bank holiday "
         "2026-05-04"},
        {"p1/review_record/2", "2026-06-02", deadline_status::open,
         "20 working days after 2026-05-01, review 2 held; skipped Early May bank holiday "
         "2026-05-04 and Spring bank holiday 2026-05-25"},
    };
    for (const auto& r : rows) {
        INFO(r.key);
        const auto& d = deadline_at(deadlines, r.key);
        CHECK(iso(d.due) == r.due);
        CHECK(d.status == r.status);
        CHECK(d.basis == r.basis);
        CHECK(d.sure == certainty::to_confirm);
        CHECK(d.rule_set == "england");
    }
}

TEST_CASE("health assessments: the initial one by the first review, then 6-monthly under five and "
          "yearly from five",
          "[rules][england][health]") {
    // Born 2021-06-15: five on 2026-06-15.
    const auto deadlines = schedule(case_builder("england", "2021-06-15")
                                        .period("2026-03-20")
                                        .review("2026-04-16")
                                        .health_assessment("2026-10-09")
                                        .health_assessment("2026-04-10"),
                                    "2026-10-12", everything_on());
    const auto& initial = deadline_at(deadlines, "p1/health_assessment/1");
    CHECK(iso(initial.due) == "2026-04-16"); // the first review was held early, on 2026-04-16
    CHECK(initial.basis == "before the first review, held 2026-04-16");
    CHECK(initial.status == deadline_status::met);
    REQUIRE(initial.met_on);
    CHECK(iso(*initial.met_on) == "2026-04-10");

    const auto& second = deadline_at(deadlines, "p1/health_assessment/2");
    CHECK(iso(second.due) == "2026-10-10");
    CHECK(iso(second.practical_due) == "2026-10-09");
    CHECK(second.status == deadline_status::met);
    CHECK(second.basis == "6 months after 2026-04-10, health assessment 1 made, child under 5; "
                          "practical due Friday 2026-10-09, the last working day on or before "
                          "Saturday 2026-10-10");

    const auto& third = deadline_at(deadlines, "p1/health_assessment/3");
    CHECK(iso(third.due) == "2027-10-09");
    CHECK(iso(third.practical_due) == "2027-10-08");
    CHECK(third.status == deadline_status::open);
    CHECK_THAT(
        third.basis,
        Catch::StartsWith("12 months after 2026-10-09, health assessment 2 made, child 5 or over"));
}

TEST_CASE("the health assessment interval turns on the child's age on the day of the last one",
          "[rules][england][health]") {
    struct row {
        const char* assessed;
        const char* next_due;
    };
    const row rows[] = {
        {"2026-06-14", "2026-12-14"}, // the day before the fifth birthday: 6 months
        {"2026-06-15", "2027-06-15"}, // on the fifth birthday: 12 months
    };
    for (const auto& r : rows) {
        INFO("assessed " << r.assessed);
        const auto deadlines = schedule(case_builder("england", "2021-06-15")
                                            .period("2026-03-20")
                                            .health_assessment(r.assessed),
                                        "2026-06-20", everything_on());
        CHECK(iso(deadline_at(deadlines, "p1/health_assessment/2").due) == r.next_due);
    }
}

TEST_CASE("the initial health assessment is due by the first review's due date until it is held",
          "[rules][england][health]") {
    const auto pending = schedule(case_builder("england", "2021-06-15").period("2026-03-20"),
                                  "2026-04-22", everything_on());
    const auto& initial = deadline_at(pending, "p1/health_assessment/1");
    CHECK(iso(initial.due) == "2026-04-21");
    CHECK(initial.basis == "before the first review, due 2026-04-21");
    CHECK(initial.status == deadline_status::missed);
    CHECK_FALSE(has(pending, "p1/health_assessment/2"));

    SECTION("made after an early first review: met late") {
        const auto late = schedule(case_builder("england", "2021-06-15")
                                       .period("2026-03-20")
                                       .review("2026-04-16")
                                       .health_assessment("2026-04-18"),
                                   "2026-04-22", everything_on());
        CHECK(deadline_at(late, "p1/health_assessment/1").status == deadline_status::met_late);
    }
}
