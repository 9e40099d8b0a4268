// Facts that contradict each other are refused before any deadline is computed, naming the field
// and the value: a review before the period began, overlapping periods, a placement outside its
// period, a visit outside its placement, a request due before it was made, and so on.
#include "rules/case_validation.h"

#include "rules/deadlines.h"
#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

#include <functional>

using namespace reviewd;
using test::case_builder;

namespace {

std::optional<core::error> check(const rules::case_facts& facts) {
    return rules::check_case(facts, test::shipped_rules());
}

} // namespace

TEST_CASE("consistent facts pass the checks", "[rules][validation]") {
    const case_builder facts = case_builder("england", "2015-03-02")
                                   .period("2024-01-08", "2024-06-30")
                                   .placement("2024-01-08", "2024-06-30")
                                   .visit("2024-01-12")
                                   .period("2026-03-20")
                                   .placement("2026-03-20", "2026-09-20")
                                   .visit("2026-09-20")
                                   .placement("2026-09-20", "", true)
                                   .review("2024-02-01")
                                   .review("2026-04-16", "2026-04-20", "2026-05-01")
                                   .request("2026-09-01", "2026-09-01")
                                   .health_assessment("2026-04-10");
    const auto error = check(facts);
    CHECK_FALSE(error);
    if (error)
        FAIL(core::describe(*error));
}

TEST_CASE("contradictory facts are refused naming the field and the value", "[rules][validation]") {
    struct row {
        const char* what;
        std::function<case_builder()> facts;
        const char* code;
        const char* field;
        const char* value; // must appear in the message
    };
    const row rows[] = {
        {"unknown jurisdiction",
         [] { return case_builder("england and wales").period("2026-03-20"); },
         "unknown_jurisdiction", "jurisdiction", "\"england and wales\""},
        {"review held before the period began",
         [] { return case_builder().period("2026-03-20").review("2026-03-19"); }, "outside_period",
         "reviews[0].held", "2026-03-19"},
        {"review held between two periods",
         [] {
             return case_builder()
                 .period("2025-01-06", "2025-03-31")
                 .period("2026-03-20")
                 .review("2025-02-03")
                 .review("2025-06-02");
         },
         "outside_period", "reviews[1].held", "2025-06-02"},
        {"overlapping periods",
         [] { return case_builder().period("2025-01-06", "2025-06-30").period("2025-06-30"); },
         "overlapping_periods", "periods[1]", "2025-06-30"},
        {"a second period while the first is still open",
         [] { return case_builder().period("2026-03-20").period("2024-01-08"); },
         "overlapping_periods", "periods[0]", "2026-03-20"},
        {"placement starting before its period",
         [] { return case_builder().period("2026-03-20").placement("2026-03-19"); },
         "outside_period", "periods[0].placements[0].start", "2026-03-19"},
        {"placement starting after its period ended",
         [] {
             return case_builder()
                 .period("2026-03-20", "2026-05-01")
                 .placement("2026-03-20", "2026-04-01")
                 .placement("2026-05-02");
         },
         "outside_period", "periods[0].placements[1].start", "2026-05-02"},
        {"placement ending after its period",
         [] {
             return case_builder()
                 .period("2026-03-20", "2026-05-01")
                 .placement("2026-03-20", "2026-05-02");
         },
         "invalid_range", "periods[0].placements[0].end", "2026-05-02"},
        {"overlapping placements",
         [] {
             return case_builder()
                 .period("2026-03-20")
                 .placement("2026-03-20", "2026-06-01")
                 .placement("2026-05-15");
         },
         "overlapping_placements", "periods[0].placements[1]", "2026-05-15"},
        {"visit before its placement",
         [] {
             return case_builder()
                 .period("2026-03-20")
                 .placement("2026-03-20", "2026-06-01")
                 .visit("2026-03-26")
                 .placement("2026-06-01")
                 .visit("2026-05-29");
         },
         "outside_placement", "periods[0].placements[1].visits[0]", "2026-05-29"},
        {"visit after its placement ended",
         [] {
             return case_builder()
                 .period("2026-03-20")
                 .placement("2026-03-20", "2026-06-01")
                 .visit("2026-03-26")
                 .visit("2026-06-02");
         },
         "outside_placement", "periods[0].placements[0].visits[1]", "2026-06-02"},
        {"request due before it was made",
         [] { return case_builder().period("2026-03-20").request("2026-09-01", "2026-08-31"); },
         "invalid_range", "review_requests[0].due", "2026-08-31"},
        {"request made before the period began",
         [] { return case_builder().period("2026-03-20").request("2026-03-01", "2026-03-31"); },
         "outside_period", "review_requests[0].requested_on", "2026-03-01"},
        {"period starting before the child was born",
         [] { return case_builder("england", "2026-03-21").period("2026-03-20"); }, "invalid_range",
         "periods[0].start", "2026-03-20"},
        {"period ending before it starts",
         [] { return case_builder().period("2026-03-20", "2026-03-19"); }, "invalid_range",
         "periods[0].end", "2026-03-19"},
        {"decisions circulated before the review",
         [] { return case_builder().period("2026-03-20").review("2026-04-16", "2026-04-15"); },
         "invalid_range", "reviews[0].decisions_circulated_on", "2026-04-15"},
        {"record completed before the review",
         [] { return case_builder().period("2026-03-20").review("2026-04-16", "", "2026-04-01"); },
         "invalid_range", "reviews[0].record_completed_on", "2026-04-01"},
        {"care plan dated more than a year before the period",
         [] { return case_builder().period("2026-03-20").care_plan_on("2025-03-18"); },
         "invalid_range", "periods[0].care_plan_on", "2025-03-18"},
        {"health assessment outside every period",
         [] {
             return case_builder()
                 .period("2026-03-20", "2026-06-30")
                 .health_assessment("2026-07-01");
         },
         "outside_period", "health_assessments[0]", "2026-07-01"},
        {"period before any rule set was in force",
         [] { return case_builder("england", "1985-01-01").period("1991-10-13"); }, "no_rule_set",
         "periods[0].start", "1991-10-13"},
        {"short breaks in scotland",
         [] { return case_builder("scotland").period("2026-03-02").short_breaks(); }, "no_rule_set",
         "periods[0].short_breaks", "short breaks in scotland"},
        {"short breaks in england before the 2010 Regulations",
         [] { return case_builder().period("2011-03-01").short_breaks(); }, "no_rule_set",
         "periods[0].short_breaks", "2011-03-01"},
        {"no period at all", [] { return case_builder(); }, "missing_field", "periods", ""},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const case_builder facts = r.facts();
        const auto error = check(facts);
        REQUIRE(error);
        CHECK(error->code == r.code);
        CHECK(error->field == r.field);
        CHECK_THAT(error->message, Catch::Contains(r.value));

        // compute_deadlines refuses the same case with the same error.
        const auto computed = rules::compute_deadlines(
            facts, test::shipped_rules(), test::shipped_calendar_set(), test::day("2026-06-01"));
        REQUIRE_FALSE(computed);
        CHECK(computed.err().code == r.code);
        CHECK(computed.err().field == r.field);
    }
}

TEST_CASE("an unknown jurisdiction's error lists the known ones", "[rules][validation]") {
    const auto error = check(case_builder("England").period("2026-03-20"));
    REQUIRE(error);
    CHECK_THAT(error->message, Catch::Contains("england, northern-ireland, scotland, wales"));
}

TEST_CASE("a period that ends the day before the next begins is no overlap",
          "[rules][validation]") {
    CHECK_FALSE(check(case_builder().period("2025-01-06", "2025-06-29").period("2025-06-30")));
    CHECK_FALSE(check(case_builder()
                          .period("2026-03-20")
                          .placement("2026-03-20", "2026-06-01")
                          .placement("2026-06-01")));
}
