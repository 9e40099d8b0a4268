// Reading a child's case from JSON: every field lands where it belongs, and bad input is refused
// with an error naming the field path and the value (or the line and column of a syntax error).
#include "rules/case_json.h"

#include "support/rules_fixture.h"
#include "support/test_data.h"

#include <catch2/catch.hpp>

#include <string>

using namespace reviewd;
using test::iso;
using test::replace_once;

namespace {

// A case using every field, one per line, so a mutation names an exact place.
const std::string full_case = R"({
  "jurisdiction": "england",
  "child": {"id": "LCS-000123", "date_of_birth": "2015-03-02"},
  "periods": [
    {
      "start": "2026-03-20",
      "end": null,
      "short_breaks": false,
      "iro_allocated_on": "2026-03-24",
      "care_plan_on": "2026-03-27",
      "placements": [
        {"start": "2026-03-20", "end": "2026-09-20", "long_term": false,
         "visits": ["2026-03-26", "2026-05-01"]},
        {"start": "2026-09-20", "long_term": true, "visits": []}
      ]
    },
    {"start": "2024-01-08", "end": "2024-06-30", "short_breaks": true}
  ],
  "reviews": [
    {"held": "2026-04-16", "decisions_circulated_on": "2026-04-20",
     "record_completed_on": "2026-05-01"},
    {"held": "2024-03-01"}
  ],
  "review_requests": [
    {"requested_on": "2026-09-01", "due": "2026-09-15", "reason": "planned placement move"}
  ],
  "health_assessments": ["2026-04-10"]
})";

core::error parse_error(const std::string& text) {
    const auto parsed = rules::parse_case_json(text);
    REQUIRE_FALSE(parsed);
    return parsed.err();
}

} // namespace

TEST_CASE("a case reads from JSON field by field", "[rules][case_json]") {
    const rules::case_facts facts = test::case_from_json_text(full_case);
    CHECK(facts.jurisdiction == "england");
    CHECK(facts.child.id == "LCS-000123");
    CHECK(iso(facts.child.date_of_birth) == "2015-03-02");
    REQUIRE(facts.periods.size() == 2);
    const auto& p = facts.periods[0];
    CHECK(iso(p.start) == "2026-03-20");
    CHECK_FALSE(p.end);
    CHECK_FALSE(p.short_breaks);
    REQUIRE(p.iro_allocated_on);
    CHECK(iso(*p.iro_allocated_on) == "2026-03-24");
    REQUIRE(p.care_plan_on);
    CHECK(iso(*p.care_plan_on) == "2026-03-27");
    REQUIRE(p.placements.size() == 2);
    CHECK(iso(p.placements[0].start) == "2026-03-20");
    REQUIRE(p.placements[0].end);
    CHECK(iso(*p.placements[0].end) == "2026-09-20");
    CHECK_FALSE(p.placements[0].long_term);
    REQUIRE(p.placements[0].visits.size() == 2);
    CHECK(iso(p.placements[0].visits[1]) == "2026-05-01");
    CHECK(p.placements[1].long_term);
    CHECK_FALSE(p.placements[1].end);
    CHECK(p.placements[1].visits.empty());
    CHECK(facts.periods[1].short_breaks);
    REQUIRE(facts.periods[1].end);
    CHECK(iso(*facts.periods[1].end) == "2024-06-30");
    REQUIRE(facts.reviews.size() == 2);
    CHECK(iso(facts.reviews[0].held) == "2026-04-16");
    REQUIRE(facts.reviews[0].decisions_circulated_on);
    CHECK(iso(*facts.reviews[0].decisions_circulated_on) == "2026-04-20");
    REQUIRE(facts.reviews[0].record_completed_on);
    CHECK(iso(*facts.reviews[0].record_completed_on) == "2026-05-01");
    CHECK_FALSE(facts.reviews[1].decisions_circulated_on);
    REQUIRE(facts.review_requests.size() == 1);
    CHECK(iso(facts.review_requests[0].requested_on) == "2026-09-01");
    CHECK(iso(facts.review_requests[0].due) == "2026-09-15");
    CHECK(facts.review_requests[0].reason == "planned placement move");
    REQUIRE(facts.health_assessments.size() == 1);
    CHECK(iso(facts.health_assessments[0]) == "2026-04-10");
}

TEST_CASE("the shipped sample case reads", "[rules][case_json]") {
    const auto facts = test::case_from_json_text(
        test::read_text_file(test::source_path("config/samples/case.json")));
    CHECK(facts.child.id == "SAMPLE-0001");
    CHECK(facts.periods.size() == 1);
    CHECK(facts.reviews.size() == 3);
}

TEST_CASE("malformed JSON is refused with its line and column", "[rules][case_json]") {
    // Line 3 is `  "child": @` : the '@' is the 12th character of the line.
    const std::string text = "{\n  \"jurisdiction\": \"england\",\n  \"child\": @\n}";
    const auto e = parse_error(text);
    CHECK(e.code == "malformed_json");
    CHECK_THAT(e.message, Catch::Contains("line 3, column 12"));

    SECTION("a document cut short") {
        const auto cut = parse_error("{\"jurisdiction\": \"england\",\n");
        CHECK(cut.code == "malformed_json");
        CHECK_THAT(cut.message, Catch::Contains("line 2"));
    }
    SECTION("not an object at all") {
        const auto array = parse_error("[1, 2]");
        CHECK(array.code == "wrong_type");
        CHECK_THAT(array.message, Catch::Contains("[1,2]"));
    }
}

// Found by tests/fuzz/case_json_fuzz: nlohmann reports such a number as out_of_range, not as a
// parse_error, and it escaped parse_case_json (the schedule command and the API died or gave 500).
TEST_CASE("a number too large to read is refused as malformed JSON", "[rules][case_json]") {
    for (const char* text : {"[1e400]", "{\"jurisdiction\": -1e99999}",
                             "{\"child\": {\"id\": 777777777777777777777777777777777e9000}}"}) {
        INFO(text);
        const auto e = parse_error(text);
        CHECK(e.code == "malformed_json");
        CHECK_THAT(e.message, Catch::Contains("too large"));
    }
}

TEST_CASE("bad fields are refused naming the field path and the value", "[rules][case_json]") {
    struct row {
        const char* from;
        const char* to;
        const char* code;
        const char* field;
        const char* value; // must appear in the message; "" when the field itself is the news
    };
    const row rows[] = {
        // An unknown field (a typo would otherwise silently drop the fact).
        {"\"date_of_birth\": \"2015-03-02\"", "\"date_of_brith\": \"2015-03-02\"", "unknown_field",
         "child.date_of_brith", ""},
        {"\"long_term\": true", "\"longterm\": true", "unknown_field",
         "periods[0].placements[1].longterm", ""},
        {"\"health_assessments\":", "\"health_assesments\":", "unknown_field", "health_assesments",
         ""},
        {"{\"held\": \"2024-03-01\"}", "{\"held\": \"2024-03-01\", \"chair\": \"X\"}",
         "unknown_field", "reviews[1].chair", ""},
        // Wrong types.
        {"\"short_breaks\": false", "\"short_breaks\": \"no\"", "wrong_type",
         "periods[0].short_breaks", "\"no\""},
        {"\"long_term\": true", "\"long_term\": 1", "wrong_type",
         "periods[0].placements[1].long_term", "1"},
        {"\"start\": \"2026-03-20\",\n", "\"start\": 20260320,\n", "wrong_type", "periods[0].start",
         "20260320"},
        {"\"visits\": []", "\"visits\": \"2026-10-01\"", "wrong_type",
         "periods[0].placements[1].visits", "\"2026-10-01\""},
        {"\"id\": \"LCS-000123\"", "\"id\": 123", "wrong_type", "child.id", "123"},
        {"[\"2026-04-10\"]", "[20260410]", "wrong_type", "health_assessments[0]", "20260410"},
        // Impossible or malformed dates.
        {"\"start\": \"2026-03-20\",\n", "\"start\": \"2026-02-30\",\n", "invalid_date",
         "periods[0].start", "2026-02-30"},
        {"\"2026-05-01\"]", "\"2026-5-01\"]", "invalid_date", "periods[0].placements[0].visits[1]",
         "2026-5-01"},
        {"\"due\": \"2026-09-15\"", "\"due\": \"15/09/2026\"", "invalid_date",
         "review_requests[0].due", "15/09/2026"},
        {"\"date_of_birth\": \"2015-03-02\"", "\"date_of_birth\": \"2015-02-29\"", "invalid_date",
         "child.date_of_birth", "2015-02-29"},
        // Missing required fields.
        {"\"id\": \"LCS-000123\", ", "", "missing_field", "child.id", ""},
        {"{\"held\": \"2024-03-01\"}", "{}", "missing_field", "reviews[1].held", ""},
        {", \"reason\": \"planned placement move\"", "", "missing_field",
         "review_requests[0].reason", ""},
        {"\"jurisdiction\": \"england\",", "", "missing_field", "jurisdiction", ""},
        // Values out of bounds.
        {"\"id\": \"LCS-000123\"", "\"id\": \"\"", "invalid_value", "child.id", ""},
    };
    for (const auto& r : rows) {
        INFO(r.to);
        const auto e = parse_error(replace_once(full_case, r.from, r.to));
        CHECK(e.code == r.code);
        CHECK(e.field == r.field);
        CHECK_THAT(e.message, Catch::Contains(r.value));
    }
}

TEST_CASE("a case without a child or periods is refused", "[rules][case_json]") {
    const auto no_child = parse_error(R"({"jurisdiction": "england", "periods": []})");
    CHECK(no_child.code == "missing_field");
    CHECK(no_child.field == "child");
    const auto no_periods = parse_error(
        R"({"jurisdiction": "england", "child": {"id": "A", "date_of_birth": "2015-03-02"}})");
    CHECK(no_periods.code == "missing_field");
    CHECK(no_periods.field == "periods");
}

TEST_CASE("optional fields may be null or absent", "[rules][case_json]") {
    const auto facts = test::case_from_json_text(R"({
      "jurisdiction": "wales",
      "child": {"id": "W1", "date_of_birth": "2012-07-31"},
      "periods": [{"start": "2020-01-06", "end": null, "placements": null}],
      "reviews": null
    })");
    CHECK(facts.jurisdiction == "wales");
    REQUIRE(facts.periods.size() == 1);
    CHECK_FALSE(facts.periods[0].end);
    CHECK_FALSE(facts.periods[0].short_breaks);
    CHECK(facts.periods[0].placements.empty());
    CHECK(facts.reviews.empty());
    CHECK(facts.review_requests.empty());
}
