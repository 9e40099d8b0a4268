// Rule sets as TOML: the shipped files load to the timetables domain.md states, and a broken file
// is refused with an error naming the file, the line and the key (a typo must never silently
// switch a rule off or change a limit).
#include "rules/rule_set_toml.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

#include <string>

using namespace reviewd;
using rules::certainty;
using rules::parse_rule_set_toml;
using test::replace_once;
using test::shipped_rule_text;

namespace {

// The 1-based line of the first occurrence of `needle` in `text`, worked out from the text.
int line_of(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    int line = 1;
    for (std::size_t i = 0; i < at; ++i)
        line += text[i] == '\n';
    return line;
}

const std::string england_file = "config/rules/england.toml";

core::error load_error(const std::string& text) {
    const auto parsed = parse_rule_set_toml(text, england_file);
    REQUIRE_FALSE(parsed);
    return parsed.err();
}

} // namespace

TEST_CASE("the shipped england rule set is reg 33 of the 2010 Regulations",
          "[rules][toml][england]") {
    const auto parsed = parse_rule_set_toml(shipped_rule_text("england"), england_file);
    REQUIRE(parsed);
    const rules::rule_set& set = parsed.value();
    CHECK(set.id == "england");
    CHECK(set.sure == certainty::confirmed);
    CHECK(set.jurisdictions == std::vector<std::string>{"england"});
    CHECK(set.care == rules::care_type::standard);
    CHECK(test::iso(set.in_force_from) == "2011-04-01");
    CHECK(set.holidays == "england-and-wales");
    CHECK(set.counting == calendar::start_day::excluded);
    CHECK(set.source_file == england_file);
    CHECK(to_string(set.reviews.first) == "20 working days");
    CHECK(set.reviews.first_from == rules::first_review_from::period_start);
    REQUIRE(set.reviews.second);
    CHECK(to_string(*set.reviews.second) == "3 months");
    CHECK(to_string(set.reviews.later) == "6 months");
    // On by default where confirmed; the rest switched off.
    CHECK(set.care_plan.enabled);
    CHECK(to_string(set.care_plan.within) == "10 working days");
    CHECK(set.care_plan.sure == certainty::confirmed);
    CHECK(set.social_worker_visits.enabled);
    CHECK(to_string(set.social_worker_visits.first) == "1 week");
    CHECK(to_string(set.social_worker_visits.first_year) == "6 weeks");
    CHECK(to_string(set.social_worker_visits.long_term) == "3 months");
    CHECK(to_string(set.social_worker_visits.other) == "6 weeks");
    CHECK_FALSE(set.iro_allocated.enabled);
    CHECK(set.iro_allocated.sure == certainty::local_practice);
    CHECK_FALSE(set.review_decisions.enabled);
    CHECK_FALSE(set.review_record.enabled);
    CHECK_FALSE(set.health_assessments.enabled);
}

TEST_CASE("every shipped rule set has the timetable of its instrument", "[rules][toml]") {
    struct row {
        const char* id;
        const char* jurisdictions;
        const char* in_force_from;
        const char* holidays;
        const char* first;
        bool from_placement;
        const char* second; // "" when the later limit applies
        const char* later;
        certainty sure;
    };
    const row rows[] = {
        {"england", "england", "2011-04-01", "england-and-wales", "20 working days", false,
         "3 months", "6 months", certainty::confirmed},
        {"england-1991", "england,wales", "1991-10-14", "england-and-wales", "28 days", false,
         "3 months", "6 months", certainty::to_confirm},
        {"wales", "wales", "2016-04-06", "england-and-wales", "20 working days", false, "3 months",
         "6 months", certainty::to_confirm},
        {"scotland", "scotland", "2009-09-28", "scotland", "6 weeks", true, "3 months", "6 months",
         certainty::confirmed},
        {"northern-ireland", "northern-ireland", "1996-11-04", "northern-ireland", "2 weeks", false,
         "3 months", "6 months", certainty::to_confirm},
        {"england-short-breaks", "england", "2011-04-01", "england-and-wales", "3 months", true, "",
         "6 months", certainty::to_confirm},
    };
    for (const auto& r : rows) {
        INFO(r.id);
        const auto parsed =
            parse_rule_set_toml(shipped_rule_text(r.id), test::shipped_rule_name(r.id));
        REQUIRE(parsed);
        const auto& set = parsed.value();
        CHECK(set.id == r.id);
        std::string joined;
        for (const auto& j : set.jurisdictions)
            joined += (joined.empty() ? "" : ",") + j;
        CHECK(joined == r.jurisdictions);
        CHECK(test::iso(set.in_force_from) == r.in_force_from);
        CHECK(set.holidays == r.holidays);
        CHECK(set.sure == r.sure);
        CHECK(to_string(set.reviews.first) == r.first);
        CHECK((set.reviews.first_from == rules::first_review_from::first_placement) ==
              r.from_placement);
        CHECK((set.reviews.second ? to_string(*set.reviews.second) : std::string()) == r.second);
        CHECK(to_string(set.reviews.later) == r.later);
        CHECK(set.counting == calendar::start_day::excluded);
        CHECK((set.care == rules::care_type::short_breaks) ==
              (std::string(r.id) == "england-short-breaks"));
    }
}

TEST_CASE("count_start_day = true makes the start day day 1", "[rules][toml]") {
    const auto parsed =
        parse_rule_set_toml(replace_once(shipped_rule_text("england"), "count_start_day = false",
                                         "count_start_day = true"),
                            england_file);
    REQUIRE(parsed);
    CHECK(parsed.value().counting == calendar::start_day::counted);
}

TEST_CASE("an unknown key is refused with file, line and key", "[rules][toml]") {
    SECTION("a misspelt key in [reviews]") {
        const std::string text = replace_once(shipped_rule_text("england"), "later = \"6 months\"",
                                              "later = \"6 months\"\nlatter = \"6 months\"");
        const auto e = load_error(text);
        CHECK(e.code == "unknown_key");
        CHECK(e.field ==
              england_file + ":" + std::to_string(line_of(text, "latter =")) + " reviews.latter");
    }
    SECTION("a misspelt switch in an optional table") {
        const std::string text =
            replace_once(shipped_rule_text("england"), "[health_assessments]\nenabled = false",
                         "[health_assessments]\nenabeld = true");
        const auto e = load_error(text);
        CHECK(e.code == "unknown_key");
        CHECK(e.field == england_file + ":" + std::to_string(line_of(text, "enabeld")) +
                             " health_assessments.enabeld");
    }
    SECTION("a misspelt top-level key") {
        const std::string text =
            replace_once(shipped_rule_text("england"), "count_start_day =", "count_start_days =");
        const auto e = load_error(text);
        CHECK(e.code == "unknown_key");
        CHECK(e.field == england_file + ":" + std::to_string(line_of(text, "count_start_days")) +
                             " count_start_days");
    }
}

TEST_CASE("a phrase that is not a time limit is refused naming the key and the phrase",
          "[rules][toml]") {
    struct row {
        const char* from;
        const char* to;
        const char* needle;
        const char* key;
    };
    const row rows[] = {
        {"first = \"20 working days\"", "first = \"20 workings days\"",
         "first = ", "reviews.first"},
        {"second = \"3 months\"", "second = \"3 monhts\"", "second = ", "reviews.second"},
        {"within = \"10 working days\"", "within = \"ten working days\"", "within = \"ten",
         "care_plan.within"},
        {"first_year = \"6 weeks\"", "first_year = \"6 week\"",
         "first_year = ", "social_worker_visits.first_year"},
    };
    for (const auto& r : rows) {
        INFO(r.to);
        const std::string text = replace_once(shipped_rule_text("england"), r.from, r.to);
        const auto e = load_error(text);
        CHECK(e.code == "invalid_time_limit");
        CHECK(e.field ==
              england_file + ":" + std::to_string(line_of(text, r.needle)) + " " + r.key);
        const std::string phrase = std::string(r.to).substr(std::string(r.to).find('"'));
        CHECK_THAT(e.message, Catch::Contains(phrase));
    }
}

TEST_CASE("a value of the wrong type is refused naming the key", "[rules][toml]") {
    struct row {
        const char* from;
        const char* to;
        const char* key;
    };
    const row rows[] = {
        {"count_start_day = false", "count_start_day = \"no\"", "count_start_day"},
        {"in_force_from = 2011-04-01", "in_force_from = \"2011-04-01\"", "in_force_from"},
        {"jurisdictions = [\"england\"]", "jurisdictions = \"england\"", "jurisdictions"},
        {"first = \"20 working days\"", "first = 20", "reviews.first"},
        {"[care_plan]\nenabled = true", "[care_plan]\nenabled = \"yes\"", "care_plan.enabled"},
        {"id = \"england\"", "id = 7", "id"},
    };
    for (const auto& r : rows) {
        INFO(r.to);
        const std::string text = replace_once(shipped_rule_text("england"), r.from, r.to);
        const auto e = load_error(text);
        CHECK(e.code == "wrong_type");
        const std::string last_line = std::string(r.to).substr(std::string(r.to).rfind('\n') + 1);
        CHECK(e.field ==
              england_file + ":" + std::to_string(line_of(text, last_line)) + " " + r.key);
    }
}

TEST_CASE("a rule set without [reviews] is refused", "[rules][toml]") {
    const std::string reviews = "[reviews]\n"
                                "first = \"2 weeks\"\n"
                                "first_from = \"period_start\"\n"
                                "second = \"3 months\"\n"
                                "later = \"6 months\"\n";
    const std::string text = replace_once(shipped_rule_text("northern-ireland"), reviews, "");
    const auto parsed = parse_rule_set_toml(text, "config/rules/northern-ireland.toml");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.err().code == "missing_key");
    CHECK_THAT(parsed.err().field, Catch::StartsWith("config/rules/northern-ireland.toml:"));
    CHECK_THAT(parsed.err().field, Catch::EndsWith(" reviews"));
    CHECK_THAT(parsed.err().message, Catch::Contains("[reviews]"));
}

TEST_CASE("a required key that is missing is refused as missing", "[rules][toml]") {
    struct row {
        const char* from;
        const char* key;
    };
    const row rows[] = {
        {"later = \"6 months\"", "reviews.later"},
        {"holidays = \"england-and-wales\"", "holidays"},
        {"in_force_from = 2011-04-01", "in_force_from"},
        {"status = \"confirmed\"\njurisdictions", "status"},
        {"within = \"10 working days\"", "care_plan.within"},
    };
    for (const auto& r : rows) {
        INFO(r.key);
        const std::string from = r.from;
        const std::string to = from.ends_with("jurisdictions") ? "jurisdictions" : "# removed";
        const auto e = load_error(replace_once(shipped_rule_text("england"), from, to));
        CHECK(e.code == "missing_key");
        CHECK_THAT(e.field, Catch::StartsWith(england_file + ":"));
        CHECK_THAT(e.field, Catch::EndsWith(std::string(" ") + r.key));
    }
}

TEST_CASE("a status or option outside its list is refused naming the choices", "[rules][toml]") {
    struct row {
        const char* from;
        const char* to;
        const char* needle;
        const char* key;
    };
    const row rows[] = {
        {"status = \"confirmed\"\njurisdictions", "status = \"certain\"\njurisdictions",
         "status = \"certain\"", "status"},
        {"status = \"local-practice\"", "status = \"local practice\"",
         "status = \"local practice\"", "iro_allocated.status"},
        {"care = \"standard\"", "care = \"respite\"", "care = ", "care"},
        {"first_from = \"period_start\"", "first_from = \"placement\"",
         "first_from = ", "reviews.first_from"},
    };
    for (const auto& r : rows) {
        INFO(r.to);
        const std::string text = replace_once(shipped_rule_text("england"), r.from, r.to);
        const auto e = load_error(text);
        CHECK(e.code == "invalid_value");
        CHECK(e.field ==
              england_file + ":" + std::to_string(line_of(text, r.needle)) + " " + r.key);
        const std::string to = r.to;
        const auto open = to.find('"');
        CHECK_THAT(e.message, Catch::Contains(to.substr(open, to.find('"', open + 1) - open + 1)));
    }
    const auto e = load_error(replace_once(shipped_rule_text("england"),
                                           "status = \"confirmed\"\njurisdictions",
                                           "status = \"certain\"\njurisdictions"));
    CHECK_THAT(e.message, Catch::Contains("\"confirmed\"") && Catch::Contains("\"to-confirm\"") &&
                              Catch::Contains("\"local-practice\""));
}

TEST_CASE("TOML that is not TOML is refused with file and line", "[rules][toml]") {
    const std::string text =
        replace_once(shipped_rule_text("wales"), "later = \"6 months\"", "later = \"6 months");
    const auto parsed = parse_rule_set_toml(text, "config/rules/wales.toml");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.err().code == "malformed_toml");
    CHECK(parsed.err().field ==
          "config/rules/wales.toml:" + std::to_string(line_of(text, "later = ")));
}
