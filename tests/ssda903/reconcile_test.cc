// The merge of a later return with what reviewd holds: history kept, the return authoritative in
// its span, continued periods joined, what the 903 does not carry kept, newer cases left alone.
#include "return_files.h"

#include "rules/case_json.h"
#include "ssda903/reconcile.h"
#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using reviewd::test::case_builder;
using reviewd::test::day;
using reviewd::test::return_files;

namespace {

struct merged {
    ssda903::return_extract extract;
    ssda903::reconciled result;
};

merged merge(const return_files& f, const std::optional<rules::case_facts>& stored,
             const std::string& child = "A1") {
    merged m{f.build(), {}};
    const auto* c = test::find_child(m.extract, child);
    REQUIRE(c);
    m.result = ssda903::reconcile(*c, stored, m.extract.window, m.extract);
    return m;
}

bool has_note(const ssda903::reconciled& r, const std::string& code) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](const ssda903::issue& i) { return i.code == code; });
}

// What the 2024-25 return left in reviewd: in care since 2023 (moved in 2024), two reviews.
case_builder stored_history() {
    case_builder b("england", "2010-01-04");
    b.period("2023-06-01")
        .care_plan_on("2023-06-05")
        .placement("2023-06-01", "2024-02-01")
        .visit("2023-06-06")
        .placement("2024-02-01", "", true)
        .visit("2024-02-05")
        .visit("2025-01-10")
        .review("2023-06-28", "2023-07-01")
        .review("2023-09-20")
        .review("2024-03-15")
        .review("2024-09-10");
    return b;
}

} // namespace

TEST_CASE("a new child gets the return's facts as they are", "[ssda903][reconcile]") {
    return_files f;
    f.child("A1").episode("A1", "05/01/2026", "S", "C2", "U1", "", "").review("A1", "30/01/2026");
    const auto m = merge(f, std::nullopt);
    REQUIRE_FALSE(m.result.refused);
    const auto& facts = m.result.facts;
    CHECK(facts.jurisdiction == "england");
    CHECK(facts.child.id == "A1");
    CHECK(facts.child.date_of_birth == day("2010-01-04"));
    REQUIRE(facts.periods.size() == 1);
    CHECK(facts.periods[0].placements.size() == 1);
    REQUIRE(facts.reviews.size() == 1);
    CHECK(facts.reviews[0].held == day("2026-01-30"));
}

TEST_CASE("a period continued from an earlier year needs that year first",
          "[ssda903][reconcile][errors]") {
    return_files f;
    f.child("A1").episode("A1", "01/02/2025", "P", "C2", "U1", "", "");
    const auto m = merge(f, std::nullopt);
    CHECK(m.result.refused);
    REQUIRE(m.result.notes.size() == 1);
    const auto& i = m.result.notes[0];
    CHECK(i.code == "no_earlier_record");
    CHECK(i.file == "episodes.csv");
    CHECK(i.row == 2);
    CHECK(i.column == "RNE");
}

TEST_CASE("a later return continues the stored period: its start, earlier placements and "
          "reviews before the return's year are kept",
          "[ssda903][reconcile]") {
    // The 2025-26 return: the placement from 2024 was open on 1 April 2025 (so it is in the
    // return), the child moved in June 2025; reviews held in the year.
    return_files f;
    f.child("A1")
        .episode("A1", "01/02/2024", "P", "C2", "U1", "10/06/2025", "X1")
        .episode("A1", "10/06/2025", "P", "C2", "U2", "", "")
        .review("A1", "05/04/2025")
        .review("A1", "01/10/2025");
    const auto m = merge(f, stored_history().facts());
    REQUIRE_FALSE(m.result.refused);
    const auto& facts = m.result.facts;
    REQUIRE(facts.periods.size() == 1);
    const auto& p = facts.periods[0];
    CHECK(p.start == day("2023-06-01"));
    CHECK(p.care_plan_on == day("2023-06-05"));
    REQUIRE(p.placements.size() == 3);
    CHECK(p.placements[0].start == day("2023-06-01"));
    CHECK(p.placements[0].visits.size() == 1);
    CHECK(p.placements[1].start == day("2024-02-01"));
    CHECK(p.placements[1].end == day("2025-06-10"));
    CHECK(p.placements[1].long_term);          // kept from the stored placement
    CHECK(p.placements[1].visits.size() == 2); // both still within it
    CHECK(p.placements[2].start == day("2025-06-10"));
    REQUIRE(facts.reviews.size() == 6);
    CHECK(facts.reviews[0].held == day("2023-06-28"));
    CHECK(facts.reviews[0].decisions_circulated_on == day("2023-07-01"));
    CHECK(facts.reviews[4].held == day("2025-04-05"));
    CHECK(facts.reviews[5].held == day("2025-10-01"));
}

TEST_CASE("a continued placement after RNE L keeps its stored start", "[ssda903][reconcile]") {
    return_files f;
    f.child("A1").episode("A1", "20/03/2025", "L", "C1", "U1", "", "").review("A1", "10/09/2025");
    const auto m = merge(f, stored_history().facts());
    REQUIRE_FALSE(m.result.refused);
    const auto& p = m.result.facts.periods.at(0);
    CHECK(p.start == day("2023-06-01"));
    REQUIRE(p.placements.size() == 2);
    CHECK(p.placements[1].start == day("2024-02-01"));
    CHECK_FALSE(p.placements[1].end);
    CHECK(p.placements[1].long_term);
}

TEST_CASE("stored reviews in the return's year that it does not repeat are removed, and said so",
          "[ssda903][reconcile]") {
    auto stored = stored_history();
    stored.review("2025-04-20"); // entered through the API, not in the council's return
    return_files f;
    f.child("A1").episode("A1", "01/02/2024", "P", "C2", "U1", "", "").review("A1", "05/04/2025");
    const auto m = merge(f, stored.facts());
    REQUIRE_FALSE(m.result.refused);
    CHECK(m.result.facts.reviews.size() == 5);
    REQUIRE(has_note(m.result, "review_removed"));
}

TEST_CASE("a stored case with facts after the return's year is newer: kept as it is",
          "[ssda903][reconcile]") {
    auto stored = stored_history();
    stored.review("2025-05-01");
    return_files f; // the 2024-25 return
    f.child("A1").episode("A1", "01/02/2024", "P", "C2", "U1", "", "").review("A1", "10/09/2024");
    const auto m = merge(f, stored.facts());
    CHECK(m.result.keep_stored);
    CHECK(has_note(m.result, "stored_is_newer"));
}

TEST_CASE("a return starting a period while reviewd holds one open then is refused",
          "[ssda903][reconcile][errors]") {
    return_files f;
    f.child("A1").episode("A1", "01/05/2025", "S", "C2", "U1", "", "");
    const auto m = merge(f, stored_history().facts());
    CHECK(m.result.refused);
    REQUIRE_FALSE(m.result.notes.empty());
    CHECK(m.result.notes.back().code == "conflicts_with_stored");
    CHECK(m.result.notes.back().column == "DECOM");
}

TEST_CASE("history that ended before the return is kept; a new period is added",
          "[ssda903][reconcile]") {
    case_builder stored("england", "2010-01-04");
    stored.period("2020-01-06", "2021-03-01")
        .placement("2020-01-06", "2021-03-01")
        .review("2020-01-30");
    return_files f;
    f.child("A1").episode("A1", "01/05/2025", "S", "C2", "U1", "", "").review("A1", "28/05/2025");
    const auto m = merge(f, stored.facts());
    REQUIRE_FALSE(m.result.refused);
    REQUIRE(m.result.facts.periods.size() == 2);
    CHECK(m.result.facts.periods[0].start == day("2020-01-06"));
    CHECK(m.result.facts.reviews.size() == 2);
}

TEST_CASE("a new stay continues the stored series of short breaks", "[ssda903][reconcile]") {
    case_builder stored("england", "2010-01-04");
    stored.period("2024-05-02")
        .short_breaks()
        .placement("2024-05-02", "2024-05-05")
        .placement("2024-09-01", "2024-09-03")
        .review("2024-08-01");
    return_files f;
    f.child("A1").episode("A1", "10/06/2025", "S", "V3", "K2", "12/06/2025", "E13");
    const auto m = merge(f, stored.facts());
    REQUIRE_FALSE(m.result.refused);
    REQUIRE(m.result.facts.periods.size() == 1);
    const auto& p = m.result.facts.periods[0];
    CHECK(p.short_breaks);
    CHECK(p.start == day("2024-05-02"));
    CHECK(p.placements.size() == 3);
    CHECK(m.result.facts.reviews.size() == 1); // no review in the return: all stored kept
}

TEST_CASE("review requests and health assessments outside care are removed, and said so",
          "[ssda903][reconcile]") {
    case_builder stored("england", "2010-01-04");
    stored.period("2025-03-03").placement("2025-03-03").request("2025-06-05", "2025-06-15");
    stored.health_assessment("2025-06-01");
    return_files f; // the return says the period ended in May
    f.child("A1").episode("A1", "03/03/2025", "S", "C2", "U1", "01/05/2025", "E13");
    const auto m = merge(f, stored.facts());
    REQUIRE_FALSE(m.result.refused);
    CHECK(m.result.facts.periods.at(0).end == day("2025-05-01"));
    CHECK(m.result.facts.review_requests.empty());
    CHECK(m.result.facts.health_assessments.empty());
    CHECK(has_note(m.result, "request_removed"));
    CHECK(has_note(m.result, "assessment_removed"));
    CHECK_FALSE(has_note(m.result, "period_removed")); // the same period, now ended
}

TEST_CASE("the merged case is checked, and a refusal points at the row that brought the fact in",
          "[ssda903][reconcile]") {
    return_files f;
    f.child("A1").episode("A1", "05/01/2026", "S", "C2", "U1", "", "").review("A1", "30/01/2026");
    const auto e = f.build();
    const auto& child = e.children.at(0);
    auto facts = ssda903::fresh_facts(child);
    CHECK_FALSE(ssda903::check_reconciled(facts, test::shipped_rules(), child, e));
    facts.periods[0].start = day("2026-02-01"); // the review now falls before care began
    facts.periods[0].placements[0].start = day("2026-02-01");
    const auto problem = ssda903::check_reconciled(facts, test::shipped_rules(), child, e);
    REQUIRE(problem);
    CHECK(problem->file == "reviews.csv");
    CHECK(problem->row == 2);
    CHECK(problem->column == "REVIEW");
    CHECK(problem->message.find("reviews[0].held") != std::string::npos);
}
