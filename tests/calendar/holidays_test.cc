// The GOV.UK bank-holidays.json parser: the shipped file, the shape of a good document, and
// errors a person can act on (the line and column of a syntax error, the JSON path of a bad
// date), since councils will drop in newer downloads by hand.
#include "calendar/holidays.h"
#include "support/test_data.h"
#include "test_days.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using reviewd::calendar::parse_bank_holidays;
using reviewd::test::iso;

} // namespace

TEST_CASE("the shipped GOV.UK file holds three divisions covering 2010 to 2027",
          "[calendar][holidays]") {
    const auto& data = reviewd::test::shipped_holidays();
    REQUIRE(data.divisions.size() == 3);
    for (const char* name : {"england-and-wales", "scotland", "northern-ireland"}) {
        INFO(name);
        const auto* division = data.find(name);
        REQUIRE(division != nullptr);
        CHECK(division->division == name);
        CHECK(division->covered_from == iso("2010-01-01"));
        CHECK(division->covered_until == iso("2027-12-31"));
        REQUIRE_FALSE(division->holidays.empty());
        CHECK(division->holidays.front().date == iso("2010-01-01"));
        CHECK(division->holidays.front().title == "New Year’s Day");
        CHECK(division->holidays.back().date == iso("2027-12-28"));
        for (std::size_t i = 1; i < division->holidays.size(); ++i)
            CHECK(division->holidays[i - 1].date < division->holidays[i].date);
    }
    CHECK(data.find("wales") == nullptr);
}

TEST_CASE("events are sorted by date, duplicates keep the first title, and the covered years "
          "run from 1 January of the first to 31 December of the last",
          "[calendar][holidays]") {
    const auto parsed = parse_bank_holidays(R"({
  "england-and-wales": {"division": "england-and-wales", "events": [
    {"title": "Boxing Day", "date": "2026-12-28", "notes": "Substitute day", "bunting": true},
    {"title": "Good Friday", "date": "2025-04-18"},
    {"title": "Christmas Day", "date": "2026-12-25"},
    {"title": "Good Friday again", "date": "2025-04-18"},
    {"date": "2026-05-04"}
  ]}
})",
                                            "test.json");
    REQUIRE(parsed);
    const auto& division = parsed.value().divisions.at(0);
    CHECK(division.division == "england-and-wales");
    REQUIRE(division.holidays.size() == 4);
    CHECK(division.holidays[0].date == iso("2025-04-18"));
    CHECK(division.holidays[0].title == "Good Friday");
    CHECK(division.holidays[1].date == iso("2026-05-04"));
    CHECK(division.holidays[1].title.empty()); // a missing title is allowed
    CHECK(division.holidays[2].date == iso("2026-12-25"));
    CHECK(division.holidays[3].date == iso("2026-12-28"));
    CHECK(division.covered_from == iso("2025-01-01"));
    CHECK(division.covered_until == iso("2026-12-31"));
}

TEST_CASE("malformed JSON is reported with the line and column of the fault",
          "[calendar][holidays]") {
    struct row {
        const char* text;
        const char* where;
    };
    const row rows[] = {
        // A trailing comma: the fault is the closing brace on line 4, column 29.
        {"{\n  \"england-and-wales\": {\n    \"events\": [\n"
         "      {\"date\": \"2026-01-01\",}\n    ]\n  }\n}\n",
         "line 4, column 29"},
        // A missing comma between events: the fault is the second event's brace.
        {"{\"england-and-wales\": {\"events\": [\n  {\"date\": \"2026-01-01\"}\n"
         "  {\"date\": \"2026-12-25\"}\n]}}",
         "line 3, column 3"},
        // A stray word.
        {"{\n  x\n}", "line 2, column 3"},
        // Cut short: the fault is just past the last character.
        {"{\"england-and-wales\": {\"events\": [", "line 1, column 35"},
        {"", "line 1, column 1"},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        const auto parsed = parse_bank_holidays(r.text, "bank-holidays.json");
        REQUIRE_FALSE(parsed);
        CHECK(parsed.err().code == "malformed_json");
        CHECK_THAT(parsed.err().message, Contains(r.where));
        CHECK(parsed.err().field == "bank-holidays.json");
    }
}

// Found by tests/fuzz/holidays_fuzz: nlohmann reports such a number as out_of_range, not as a
// parse_error, and it escaped parse_bank_holidays (start-up or a reload died on it).
TEST_CASE("a number too large to read is refused as malformed JSON naming the file",
          "[calendar][holidays]") {
    const auto parsed = parse_bank_holidays(
        R"({"england-and-wales": {"events": [{"date": "2026-01-01", "bunting": 1e9026}]}})",
        "bank-holidays.json");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.err().code == "malformed_json");
    CHECK_THAT(parsed.err().message, Contains("too large"));
    CHECK(parsed.err().field == "bank-holidays.json");
}

TEST_CASE("a date that does not exist names its JSON path", "[calendar][holidays]") {
    const auto parsed = parse_bank_holidays(R"({"england-and-wales": {"events": [
        {"title": "New Year’s Day", "date": "2026-01-01"},
        {"title": "Leap day", "date": "2026-02-29"}
    ]}})",
                                            "downloads/bank-holidays.json");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.err().code == "invalid_date");
    CHECK_THAT(parsed.err().field, StartsWith("downloads/bank-holidays.json"));
    CHECK_THAT(parsed.err().field, EndsWith("england-and-wales.events[1].date"));
    CHECK_THAT(parsed.err().message, Contains("2026-02-29"));
    CHECK_THAT(reviewd::core::describe(parsed.err()), Contains("england-and-wales.events[1].date"));
}

TEST_CASE("dates in another form than YYYY-MM-DD are refused with their path",
          "[calendar][holidays]") {
    for (const char* bad : {"01/01/2026", "2026-1-1", "2026-01-01T00:00:00Z", ""}) {
        INFO(bad);
        const std::string text =
            std::string(R"({"scotland": {"events": [{"date": ")") + bad +
            R"("}]}, "england-and-wales": {"events": [{"date": "2026-01-01"}]}})";
        const auto parsed = parse_bank_holidays(text, "x.json");
        REQUIRE_FALSE(parsed);
        CHECK(parsed.err().code == "invalid_date");
        CHECK_THAT(parsed.err().field, EndsWith("scotland.events[0].date"));
    }
}

TEST_CASE("a document of the wrong shape says which part is wrong", "[calendar][holidays]") {
    struct row {
        const char* text;
        const char* path; // the end of the error's field
        const char* why;
    };
    const row rows[] = {
        {R"({"england-and-wales": {"division": "england-and-wales"}})", "england-and-wales.events",
         "no events array"},
        {R"({"england-and-wales": {"events": {"date": "2026-01-01"}}})", "england-and-wales.events",
         "events is not an array"},
        {R"({"england-and-wales": {"events": []}})", "england-and-wales.events",
         "no events: no years covered"},
        {R"({"england-and-wales": ["2026-01-01"]})", "england-and-wales", "division not an object"},
        {R"({"england-and-wales": {"events": [{"date": "2026-01-01"}, "2026-12-25"]}})",
         "england-and-wales.events[1]", "event not an object"},
        {R"({"england-and-wales": {"events": [{"title": "Christmas Day"}]}})",
         "england-and-wales.events[0]", "event without a date"},
        {R"({"england-and-wales": {"events": [{"date": 20261225}]}})",
         "england-and-wales.events[0]", "date not a string"},
    };
    for (const auto& r : rows) {
        INFO(r.why << ": " << r.text);
        const auto parsed = parse_bank_holidays(r.text, "x.json");
        REQUIRE_FALSE(parsed);
        CHECK(parsed.err().code == "invalid_holidays");
        CHECK_THAT(parsed.err().field, StartsWith("x.json"));
        CHECK_THAT(parsed.err().field, EndsWith(r.path));
    }
}

TEST_CASE("an empty object or a document that is not an object has no divisions",
          "[calendar][holidays]") {
    for (const char* text : {"{}", "[]", "\"england-and-wales\"", "null", "42"}) {
        INFO(text);
        const auto parsed = parse_bank_holidays(text, "x.json");
        REQUIRE_FALSE(parsed);
        CHECK(parsed.err().code == "invalid_holidays");
        CHECK(parsed.err().field == "x.json");
        CHECK_THAT(parsed.err().message, Contains("division"));
    }
}
