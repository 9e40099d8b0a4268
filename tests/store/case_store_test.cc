// Case writes: one transaction with the recompute and the audit row; identical writes change
// nothing; refused writes leave nothing behind.
#include "store/store_fixture.h"

#include "rules/case_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using reviewd::test::day;
using reviewd::test::store_fixture;

TEST_CASE("a new case is stored with its deadlines and one audit row", "[store][cases]") {
    store_fixture f;
    const auto outcome =
        f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "2026-01-06T09:00:00Z");
    REQUIRE(outcome);
    CHECK(outcome.value().created);
    CHECK(outcome.value().changed);
    CHECK(outcome.value().revision == 1);
    CHECK(f.count("children") == 1);
    CHECK(f.count("deadlines") > 0);
    CHECK(f.count("audit",
                  "action = 'child.create' AND actor = 'test-token' AND subject = 'child C1'") ==
          1);

    const auto stored = f.db->get_case("C1");
    REQUIRE(stored);
    CHECK(reviewd::rules::case_to_json(stored->facts) ==
          reviewd::rules::case_to_json(store_fixture::simple_case("C1")));
    const auto deadlines = f.db->case_deadlines("C1", day("2026-01-06"));
    REQUIRE(deadlines);
    const auto first = std::find_if(deadlines->begin(), deadlines->end(), [](const auto& d) {
        return d.deadline.key() == "p1/review/1";
    });
    REQUIRE(first != deadlines->end());
    CHECK(reviewd::core::format_iso_date(first->deadline.due) == "2026-02-02");
}

TEST_CASE("writing the same case twice changes nothing and audits once", "[store][cases]") {
    store_fixture f;
    const auto facts = store_fixture::simple_case("C1");
    REQUIRE(f.db->put_case(facts, f.rules, f.who, "2026-01-06T09:00:00Z"));
    const auto before = *f.db->case_deadlines("C1", day("2026-01-06"));
    const auto again = f.db->put_case(facts, f.rules, f.who, "2026-01-07T09:00:00Z");
    REQUIRE(again);
    CHECK_FALSE(again.value().changed);
    CHECK(again.value().revision == 1);
    CHECK(f.count("audit") == 1);
    const auto after = *f.db->case_deadlines("C1", day("2026-01-06"));
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CHECK(after[i].id == before[i].id);
        CHECK(after[i].revision == before[i].revision);
    }
}

TEST_CASE("a held review keeps unchanged deadlines and updates the rest in place",
          "[store][cases]") {
    store_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t1"));
    const auto before = *f.db->case_deadlines("C1", day("2026-01-06"));
    const auto outcome = f.db->edit_case(
        "C1", "review.add",
        [](reviewd::rules::case_facts& facts) -> std::optional<reviewd::core::error> {
            facts.reviews.push_back({day("2026-01-28"), std::nullopt, std::nullopt});
            return std::nullopt;
        },
        f.rules, f.who, "t2");
    REQUIRE(outcome);
    CHECK(outcome.value().revision == 2);
    CHECK(outcome.value().deadlines.find("+1") != std::string::npos); // review 2 appears
    const auto after = *f.db->case_deadlines("C1", day("2026-01-29"));
    const auto find = [](const auto& list, const std::string& key) {
        return *std::find_if(list.begin(), list.end(),
                             [&](const auto& d) { return d.deadline.key() == key; });
    };
    const auto review1_before = find(before, "p1/review/1");
    const auto review1_after = find(after, "p1/review/1");
    CHECK(review1_after.id == review1_before.id);
    CHECK(review1_after.revision == review1_before.revision + 1);
    CHECK(review1_after.deadline.status == reviewd::rules::deadline_status::met);
    const auto care_plan_before = find(before, "p1/care_plan/1");
    const auto care_plan_after = find(after, "p1/care_plan/1");
    CHECK(care_plan_after.id == care_plan_before.id);
    CHECK(care_plan_after.revision == care_plan_before.revision);
    CHECK(f.count("audit", "action = 'review.add'") == 1);
}

TEST_CASE("a refused case writes nothing at all", "[store][cases]") {
    store_fixture f;
    auto facts = store_fixture::simple_case("C1");
    facts.reviews.push_back({day("2025-12-01"), std::nullopt, std::nullopt}); // before the period
    const auto outcome = f.db->put_case(facts, f.rules, f.who, "t1");
    REQUIRE_FALSE(outcome);
    CHECK(outcome.err().field == "reviews[0].held");
    CHECK(f.count("children") == 0);
    CHECK(f.count("deadlines") == 0);
    CHECK(f.count("audit") == 0);
}

TEST_CASE("a refused edit leaves the stored case as it was", "[store][cases]") {
    store_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t1"));
    const auto deadlines_before = f.count("deadlines");
    const auto outcome = f.db->edit_case(
        "C1", "review.add",
        [](reviewd::rules::case_facts& facts) -> std::optional<reviewd::core::error> {
            facts.reviews.push_back({day("2020-01-01"), std::nullopt, std::nullopt});
            return std::nullopt;
        },
        f.rules, f.who, "t2");
    REQUIRE_FALSE(outcome);
    CHECK(f.db->get_case("C1")->revision == 1);
    CHECK(f.db->get_case("C1")->facts.reviews.empty());
    CHECK(f.count("deadlines") == deadlines_before);
    CHECK(f.count("audit") == 1);
}

TEST_CASE("an archived case leaves the deadline lists and refuses writes", "[store][cases]") {
    store_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t1"));
    REQUIRE(f.db->archive_case("C1", f.who, "t2"));
    CHECK_FALSE(f.db->case_deadlines("C1", day("2026-01-06")));
    CHECK(f.db->list_deadlines({}, day("2026-01-06")).items.empty());
    const auto put = f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t3");
    REQUIRE_FALSE(put);
    CHECK(put.err().code == "archived");
    CHECK(f.count("audit", "action = 'child.archive'") == 1);
    CHECK_FALSE(f.db->archive_case("C404", f.who, "t4"));
}

TEST_CASE("missed is derived from today when deadlines are read", "[store][cases]") {
    store_fixture f;
    REQUIRE(f.db->put_case(store_fixture::simple_case("C1"), f.rules, f.who, "t1"));
    const auto status_on = [&](const char* today) {
        const auto list = *f.db->case_deadlines("C1", day(today));
        return std::find_if(list.begin(), list.end(),
                            [](const auto& d) { return d.deadline.key() == "p1/review/1"; })
            ->deadline.status;
    };
    CHECK(status_on("2026-02-02") == reviewd::rules::deadline_status::open);
    CHECK(status_on("2026-02-03") == reviewd::rules::deadline_status::missed);
}
