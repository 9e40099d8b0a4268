// The rule book: which rule set was in force for a jurisdiction and kind of care on a day, and
// the start-up checks that refuse an ambiguous book (duplicate ids, two rule sets coming into
// force for the same jurisdiction on the same day, a holiday division the data lacks).
#include "rules/rule_book.h"

#include "rules/deadlines.h"
#include "rules/rule_set_toml.h"
#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using rules::care_type;
using test::day;
using test::replace_once;
using test::shipped_rule_text;
using test::shipped_rules;

namespace {

rules::rule_set load(const std::string& text, const std::string& name) {
    auto parsed = rules::parse_rule_set_toml(text, name);
    REQUIRE(parsed);
    return std::move(parsed).value();
}

std::string id_in_force(std::string_view jurisdiction, care_type care, std::string_view on) {
    const rules::rule_set* set = shipped_rules().in_force(jurisdiction, care, day(on));
    return set ? set->id : "(none)";
}

} // namespace

TEST_CASE("the rule set in force is the latest to have come into force on the day",
          "[rules][rule_book]") {
    struct row {
        const char* jurisdiction;
        care_type care;
        const char* on;
        const char* id;
    };
    const row rows[] = {
        {"england", care_type::standard, "1991-10-13", "(none)"},
        {"england", care_type::standard, "1991-10-14", "england-1991"},
        {"england", care_type::standard, "2011-03-31", "england-1991"},
        {"england", care_type::standard, "2011-04-01", "england"},
        {"england", care_type::standard, "2026-03-20", "england"},
        {"wales", care_type::standard, "2011-04-01", "england-1991"},
        {"wales", care_type::standard, "2016-04-05", "england-1991"},
        {"wales", care_type::standard, "2016-04-06", "wales"},
        {"scotland", care_type::standard, "2009-09-27", "(none)"},
        {"scotland", care_type::standard, "2009-09-28", "scotland"},
        {"northern-ireland", care_type::standard, "1996-11-04", "northern-ireland"},
        {"england", care_type::short_breaks, "2011-03-31", "(none)"},
        {"england", care_type::short_breaks, "2011-04-01", "england-short-breaks"},
        {"scotland", care_type::short_breaks, "2026-01-01", "(none)"},
        {"wales", care_type::short_breaks, "2026-01-01", "(none)"},
        {"england and wales", care_type::standard, "2026-01-01", "(none)"},
    };
    for (const auto& r : rows) {
        INFO(r.jurisdiction << (r.care == care_type::short_breaks ? " short breaks" : "") << " on "
                            << r.on);
        CHECK(id_in_force(r.jurisdiction, r.care, r.on) == r.id);
    }
}

TEST_CASE("the shipped book knows the four jurisdictions and the earliest rule set of each",
          "[rules][rule_book]") {
    const auto& book = shipped_rules();
    CHECK(book.jurisdictions() ==
          std::vector<std::string>{"england", "northern-ireland", "scotland", "wales"});
    CHECK(book.knows_jurisdiction("wales"));
    CHECK_FALSE(book.knows_jurisdiction("England"));
    CHECK_FALSE(book.knows_jurisdiction("england-and-wales"));
    CHECK(book.sets().size() == 6);
    REQUIRE(book.earliest("wales", care_type::standard));
    CHECK(book.earliest("wales", care_type::standard)->id == "england-1991");
    REQUIRE(book.earliest("england", care_type::short_breaks));
    CHECK(book.earliest("england", care_type::short_breaks)->id == "england-short-breaks");
    CHECK(book.earliest("scotland", care_type::short_breaks) == nullptr);
    CHECK_FALSE(rules::check_rules_have_calendars(book, test::shipped_calendar_set()));
}

TEST_CASE("two rule sets with the same id are refused", "[rules][rule_book]") {
    const std::string text = shipped_rule_text("scotland");
    const auto made = rules::rule_book::make(
        {load(text, "config/rules/scotland.toml"), load(text, "config/rules/scotland-copy.toml")});
    REQUIRE_FALSE(made);
    CHECK(made.err().code == "duplicate_rule_set");
    CHECK_THAT(made.err().message, Catch::Contains("\"scotland\""));
    CHECK_THAT(made.err().field, Catch::Contains("config/rules/scotland"));
}

TEST_CASE("two rule sets coming into force for one jurisdiction on the same day are refused",
          "[rules][rule_book]") {
    const std::string copy =
        replace_once(shipped_rule_text("england"), "id = \"england\"", "id = \"england-local\"");
    const auto made =
        rules::rule_book::make({load(shipped_rule_text("england"), "config/rules/england.toml"),
                                load(copy, "config/rules/england-local.toml")});
    REQUIRE_FALSE(made);
    CHECK(made.err().code == "conflicting_rule_sets");
    CHECK_THAT(made.err().message, Catch::Contains("\"england\"") &&
                                       Catch::Contains("\"england-local\"") &&
                                       Catch::Contains("2011-04-01"));
    CHECK_THAT(made.err().field, Catch::Contains("in_force_from"));

    SECTION("a rule set sharing only one of its jurisdictions conflicts too") {
        const std::string wales_too = replace_once(
            replace_once(shipped_rule_text("wales"), "id = \"wales\"", "id = \"cymru-2016\""),
            "jurisdictions = [\"wales\"]", "jurisdictions = [\"northern-ireland\", \"wales\"]");
        const auto conflict =
            rules::rule_book::make({load(shipped_rule_text("wales"), "config/rules/wales.toml"),
                                    load(wales_too, "config/rules/cymru-2016.toml")});
        REQUIRE_FALSE(conflict);
        CHECK(conflict.err().code == "conflicting_rule_sets");
        CHECK_THAT(conflict.err().message, Catch::Contains("wales"));
    }
    SECTION("the same day for another kind of care is no conflict") {
        CHECK(
            rules::rule_book::make({load(shipped_rule_text("england"), "config/rules/england.toml"),
                                    load(shipped_rule_text("england-short-breaks"),
                                         "config/rules/england-short-breaks.toml")}));
    }
    SECTION("a later day is a succession, not a conflict") {
        const std::string later =
            replace_once(copy, "in_force_from = 2011-04-01", "in_force_from = 2027-04-01");
        const auto book =
            rules::rule_book::make({load(shipped_rule_text("england"), "config/rules/england.toml"),
                                    load(later, "config/rules/england-local.toml")});
        REQUIRE(book);
        CHECK(book.value().in_force("england", care_type::standard, day("2027-03-31"))->id ==
              "england");
        CHECK(book.value().in_force("england", care_type::standard, day("2027-04-01"))->id ==
              "england-local");
    }
}

TEST_CASE("a rule set naming a holiday division the data lacks is refused at start-up",
          "[rules][rule_book]") {
    const std::string text = replace_once(
        shipped_rule_text("wales"), "holidays = \"england-and-wales\"", "holidays = \"wales\"");
    const auto book = rules::rule_book::make({load(text, "config/rules/wales.toml")});
    REQUIRE(book);
    const auto error =
        rules::check_rules_have_calendars(book.value(), test::shipped_calendar_set());
    REQUIRE(error);
    CHECK(error->code == "unknown_holidays");
    CHECK(error->field == "config/rules/wales.toml holidays");
    CHECK_THAT(error->message,
               Catch::Contains("\"wales\"") && Catch::Contains("england-and-wales"));
}
