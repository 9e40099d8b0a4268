// Periods of care, placements, short breaks and reviews built from hand-made 903 rows, each with
// the outcome worked out by hand.
#include "return_files.h"

#include "support/rules_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using reviewd::test::day;
using reviewd::test::find_child;
using reviewd::test::issues_with;
using reviewd::test::return_files;

TEST_CASE("RNE S starts a period; P moves the child; L changes legal status only",
          "[ssda903][builder]") {
    return_files f;
    f.child("A1")
        .episode("A1", "05/01/2026", "S", "C2", "U1", "01/03/2026", "X1")
        .episode("A1", "01/03/2026", "P", "C2", "U2", "01/06/2026", "X1")
        .episode("A1", "01/06/2026", "L", "C1", "U2", "", "");
    const auto e = f.build();
    REQUIRE(e.issues.empty());
    const auto* c = find_child(e, "A1");
    REQUIRE(c);
    CHECK(c->date_of_birth == day("2010-01-04"));
    REQUIRE(c->periods.size() == 1);
    const auto& p = c->periods[0];
    CHECK(p.start == day("2026-01-05"));
    CHECK_FALSE(p.end);
    CHECK_FALSE(p.short_breaks);
    CHECK_FALSE(p.continues_earlier);
    REQUIRE(p.placements.size() == 2);
    CHECK(p.placements[0].start == day("2026-01-05"));
    CHECK(p.placements[0].end == day("2026-03-01"));
    CHECK(p.placements[1].start == day("2026-03-01"));
    CHECK_FALSE(p.placements[1].end);
    CHECK(p.placements[1].row == 3);
}

TEST_CASE("a REC other than X1 ends the period; the next S starts another", "[ssda903][builder]") {
    return_files f;
    f.child("A1")
        .episode("A1", "10/02/2024", "S", "V2", "U1", "20/03/2024", "X1")
        .episode("A1", "20/03/2024", "T", "C2", "R1", "10/02/2025", "E13")
        .episode("A1", "01/06/2025", "S", "C2", "U3", "", "");
    const auto e = f.build();
    REQUIRE(e.issues.empty());
    const auto& periods = find_child(e, "A1")->periods;
    REQUIRE(periods.size() == 2);
    CHECK(periods[0].start == day("2024-02-10"));
    CHECK(periods[0].end == day("2025-02-10"));
    REQUIRE(periods[0].placements.size() == 2); // T changes placement too
    CHECK(periods[0].placements[1].end == day("2025-02-10"));
    CHECK(periods[1].start == day("2025-06-01"));
    CHECK_FALSE(periods[1].end);
}

TEST_CASE("episodes are put in date order whatever order the rows come in", "[ssda903][builder]") {
    return_files f;
    f.child("A1")
        .episode("A1", "01/03/2026", "P", "C2", "U2", "", "")
        .episode("A1", "05/01/2026", "S", "C2", "U1", "01/03/2026", "X1");
    const auto e = f.build();
    REQUIRE(e.issues.empty());
    CHECK(find_child(e, "A1")->periods[0].start == day("2026-01-05"));
    CHECK(find_child(e, "A1")->periods[0].placements.size() == 2);
}

TEST_CASE("a run of V3 stays is one series of short breaks, each stay a placement",
          "[ssda903][builder][short-breaks]") {
    return_files f;
    f.child("A1")
        .episode("A1", "02/05/2024", "S", "V3", "K2", "05/05/2024", "E13")
        .episode("A1", "06/06/2024", "S", "V3", "K2", "08/06/2024", "E13")
        .episode("A1", "01/08/2024", "S", "V3", "K2", "03/08/2024", "E8")
        .episode("A1", "01/03/2026", "S", "C2", "U1", "", "")
        .review("A1", "20/07/2024");
    const auto e = f.build();
    INFO(e.issues.size());
    REQUIRE(e.issues.empty());
    const auto& periods = find_child(e, "A1")->periods;
    REQUIRE(periods.size() == 2);
    CHECK(periods[0].short_breaks);
    CHECK(periods[0].start == day("2024-05-02"));
    CHECK(periods[0].end == day("2024-08-03")); // the last stay's end: a standard period follows
    REQUIRE(periods[0].placements.size() == 3);
    CHECK(periods[0].placements[1].start == day("2024-06-06"));
    CHECK(periods[0].placements[1].end == day("2024-06-08"));
    CHECK_FALSE(periods[1].short_breaks);
    // The review between stays falls within the series.
    REQUIRE(find_child(e, "A1")->reviews.size() == 1);
}

TEST_CASE("a series runs on to the last review held after its last stay",
          "[ssda903][builder][short-breaks]") {
    return_files f;
    f.child("A1")
        .episode("A1", "02/05/2023", "S", "V3", "K2", "05/05/2023", "E13")
        .episode("A1", "06/06/2023", "S", "V3", "K2", "08/06/2023", "E13")
        .review("A1", "01/08/2023")
        .child("B2") // a later date elsewhere in the return puts its year in 2025-26
        .episode("B2", "01/02/2026", "S", "C2", "U1", "", "");
    const auto e = f.build();
    REQUIRE(e.issues.empty());
    const auto& p = find_child(e, "A1")->periods.at(0);
    CHECK(p.end == day("2023-08-01"));
    CHECK(p.placements.back().end == day("2023-06-08"));
}

TEST_CASE("a series with a stay in the return's final year is taken as still running",
          "[ssda903][builder][short-breaks]") {
    return_files f;
    f.child("A1")
        .episode("A1", "02/05/2025", "S", "V4", "K2", "05/05/2025", "E13")
        .episode("A1", "06/01/2026", "S", "V4", "K2", "08/01/2026", "E13");
    const auto e = f.build();
    REQUIRE(e.issues.empty());
    const auto& p = find_child(e, "A1")->periods.at(0);
    CHECK(p.short_breaks);
    CHECK_FALSE(p.end);
    CHECK(p.placements.back().end == day("2026-01-08"));
}

TEST_CASE("a short break that becomes full care makes the period ordinary care, with a warning",
          "[ssda903][builder][short-breaks]") {
    return_files f;
    f.child("A1")
        .episode("A1", "02/05/2025", "S", "V3", "K2", "05/05/2025", "X1")
        .episode("A1", "05/05/2025", "L", "C2", "K2", "", "");
    const auto e = f.build();
    const auto warnings = issues_with(e, "short_break_became_care", "A1");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].level == ssda903::severity::warning);
    CHECK(warnings[0].row == 3);
    CHECK(warnings[0].column == "LS");
    const auto& p = find_child(e, "A1")->periods.at(0);
    CHECK_FALSE(p.short_breaks);
    CHECK(p.start == day("2025-05-02"));
    CHECK(p.placements.size() == 1);
}

TEST_CASE("reg 48's limits on stays are warned about", "[ssda903][builder][short-breaks]") {
    return_files f;
    f.child("A1").episode("A1", "01/05/2025", "S", "V3", "K2", "25/05/2025", "E13");
    f.child("A2");
    for (const auto& [from, to] :
         {std::pair{"01/04/2025", "15/04/2025"}, std::pair{"01/06/2025", "15/06/2025"},
          std::pair{"01/08/2025", "15/08/2025"}, std::pair{"01/10/2025", "15/10/2025"},
          std::pair{"01/12/2025", "15/12/2025"}, std::pair{"01/02/2026", "15/02/2026"}})
        f.episode("A2", from, "S", "V3", "K2", to, "E13");
    const auto e = f.build();
    const auto long_stay = issues_with(e, "short_break_too_long", "A1");
    REQUIRE(long_stay.size() == 1);
    CHECK(long_stay[0].message.find("24 days") != std::string::npos);
    const auto over = issues_with(e, "short_breaks_over_75_days", "A2");
    REQUIRE(over.size() == 1);
    CHECK(over[0].message.find("84 days") != std::string::npos);
    CHECK(find_child(e, "A1")); // warnings, not refusals
    CHECK(find_child(e, "A2"));
}

TEST_CASE("a first episode that is not S continues a period begun before the return",
          "[ssda903][builder]") {
    return_files f;
    f.child("A1").episode("A1", "01/02/2025", "P", "C2", "U1", "", "");
    f.child("A2").episode("A2", "01/02/2025", "L", "C2", "U1", "", "");
    const auto e = f.build();
    REQUIRE(e.issues.empty());
    const auto& moved = find_child(e, "A1")->periods.at(0);
    CHECK(moved.continues_earlier);
    CHECK_FALSE(moved.continues_placement);
    const auto& stayed = find_child(e, "A2")->periods.at(0);
    CHECK(stayed.continues_earlier);
    CHECK(stayed.continues_placement);
}

TEST_CASE("reviews are read in date order; a second on the same day counts once",
          "[ssda903][builder][reviews]") {
    return_files f;
    f.child("A1")
        .episode("A1", "05/01/2026", "S", "C2", "U1", "", "")
        .review("A1", "20/03/2026")
        .review("A1", "02/02/2026")
        .review("A1", "20/03/2026", "PN3");
    const auto e = f.build();
    const auto& reviews = find_child(e, "A1")->reviews;
    REQUIRE(reviews.size() == 2);
    CHECK(reviews[0].held == day("2026-02-02"));
    CHECK(reviews[0].row == 3);
    CHECK(reviews[1].held == day("2026-03-20"));
    const auto dup = issues_with(e, "duplicate_review", "A1");
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].row == 4);
    CHECK(dup[0].level == ssda903::severity::warning);
}

TEST_CASE("a child with no episode and no review is skipped, not refused", "[ssda903][builder]") {
    return_files f;
    f.child("A1").child("A2").episode("A2", "05/01/2026", "S", "C2", "U1", "", "");
    const auto e = f.build();
    CHECK(e.skipped == std::vector<std::string>{"A1"});
    CHECK(e.refused.empty());
    REQUIRE(issues_with(e, "no_episodes").size() == 1);
    CHECK(issues_with(e, "no_episodes")[0].level == ssda903::severity::note);
}

TEST_CASE("the return's year is inferred from its dates", "[ssda903][builder]") {
    return_files yearly;
    yearly.child("A1")
        .episode("A1", "05/01/2023", "S", "C2", "U1", "", "")
        .review("A1", "03/04/2025")
        .review("A1", "10/03/2026");
    const auto e = yearly.build();
    REQUIRE(e.window);
    CHECK(e.window->reviews_from == day("2025-04-01"));
    CHECK(e.window->to == day("2026-03-31"));

    return_files march;
    march.child("A1")
        .episode("A1", "05/01/2023", "S", "C2", "U1", "", "")
        .review("A1", "31/03/2025");
    const auto m = march.build();
    CHECK(m.window->reviews_from == day("2024-04-01"));
    CHECK(m.window->to == day("2025-03-31"));

    return_files none;
    none.child("A1").episode("A1", "05/01/2023", "S", "C2", "U1", "", "");
    CHECK_FALSE(none.build().window->reviews_from);
}
