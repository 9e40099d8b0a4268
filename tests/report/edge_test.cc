// The report's edges: no data, one IRO, an escalation across the turn of the year, a leap year,
// a report of the year so far, and the inputs it refuses.
#include "report/annual.h"
#include "report_fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using namespace reviewd::test::rep;

namespace {

report::annual_input empty_year(int y, const char* as_of) {
    report::annual_input in;
    in.year = report::calendar_year(y);
    in.as_of = d(as_of);
    return in;
}

const report::stage_time& time_at(const report::annual_report& r, const std::string& stage) {
    for (const auto& s : r.escalations.time_per_stage)
        if (s.stage == stage)
            return s;
    FAIL("no stage " + stage);
    throw;
}

} // namespace

TEST_CASE("a year with no data has every figure at zero and no percentages or medians",
          "[report][edge]") {
    const auto r = compute(empty_year(2026, "2027-01-10"));
    CHECK(r.reviews.overall.all == report::timeliness{});
    CHECK_FALSE(r.reviews.overall.all.percent_on_time());
    CHECK(r.reviews.by_iro.empty());
    REQUIRE(r.deadlines_by_kind.size() == 8);
    for (const auto& k : r.deadlines_by_kind) {
        CHECK(k.figures.counted() == 0);
        CHECK_FALSE(k.figures.percent_missed());
    }
    CHECK(r.caseloads.iros.empty());
    CHECK(r.caseloads.children_with_iro == 0);
    CHECK(r.escalations.raised == 0);
    REQUIRE(r.escalations.time_per_stage.size() == ladder().stages.size());
    for (const auto& t : r.escalations.time_per_stage) {
        CHECK(t.spells == 0);
        CHECK_FALSE(t.median_working_days);
        CHECK_FALSE(t.worst_working_days);
    }
    CHECK_FALSE(r.escalations.longest_open_working_days);
    CHECK(r.escalations.open_at_end == 0);
}

TEST_CASE("one IRO and every child assigned: one row, no unassigned row", "[report][edge]") {
    auto in = empty_year(2026, "2027-01-10");
    add_on_time(in.deadlines, "I-1", 1, 2);
    add_late(in.deadlines, "I-1", 2, 2);
    in.caseloads = {{"I-1", "Only One", true, 60}};
    const auto r = compute(in);
    REQUIRE(r.reviews.by_iro.size() == 1);
    CHECK(r.reviews.by_iro[0].ref == "I-1");
    CHECK(*r.reviews.by_iro[0].reviews.all.percent_on_time() == Approx(50.0)); // 2 of 4
    REQUIRE(r.caseloads.iros.size() == 1);
    CHECK(r.caseloads.within == 1);
}

TEST_CASE("an escalation across the turn of the year counts up to 31 December, then in full",
          "[report][edge][escalation]") {
    // Raised Monday 14 Dec 2026 at the team manager, never answered, resolved Tue 5 Jan 2027.
    // To 31 Dec: 15-18, 21-24, 29-31 Dec = 11 working days (25 and 28 Dec are bank holidays).
    // To 5 Jan: + 4, 5 Jan = 13 (1 Jan 2027 is a bank holiday).
    const auto x = recorder("E5", escalation::category::other)
                       .raise("2026-12-14")
                       .resolve("2027-01-05")
                       .done();
    auto in2026 = empty_year(2026, "2027-02-01");
    in2026.escalations = {x};
    const auto r2026 = compute(in2026);
    CHECK(r2026.escalations.raised == 1);
    CHECK(r2026.escalations.open == 1); // the resolution came after the year
    CHECK(r2026.escalations.resolved == 0);
    CHECK(r2026.escalations.open_at_end == 1);
    CHECK(*r2026.escalations.longest_open_working_days == 11);
    const auto& tm2026 = time_at(r2026, "team_manager");
    CHECK(tm2026.spells == 1);
    CHECK(tm2026.still_running == 1);
    CHECK(*tm2026.worst_working_days == 11);
    CHECK(tm2026.no_answer_in_time == 1); // due 21 Dec

    auto in2027 = empty_year(2027, "2028-02-01");
    in2027.escalations = {x};
    const auto r2027 = compute(in2027);
    CHECK(r2027.escalations.raised == 0);
    CHECK(r2027.escalations.carried_in == 1);
    CHECK(r2027.escalations.carried_in_finished == 1);
    CHECK(r2027.escalations.open_at_end == 0);
    const auto& tm2027 = time_at(r2027, "team_manager");
    CHECK(tm2027.spells == 1);
    CHECK(tm2027.still_running == 0);
    CHECK(*tm2027.worst_working_days == 13);
    CHECK_FALSE(r2027.escalations.provisional); // 2027 is in the holiday data
}

TEST_CASE("a leap year: 29 February and 31 December count, days past the holiday data are "
          "provisional",
          "[report][edge]") {
    const auto p = report::calendar_year(2028);
    CHECK((p.last - p.first).count() + 1 == 366);
    auto in = empty_year(2028, "2029-01-10");
    in.deadlines.push_back(row(rules::deadline_kind::review, "2028-02-29", "2028-02-29"));
    in.deadlines.push_back(row(rules::deadline_kind::review, "2028-12-31", "2029-01-02"));
    in.deadlines.push_back(row(rules::deadline_kind::review, "2029-01-01", nullptr));
    // Raised Monday 28 Feb 2028, resolved Wednesday 1 March: Tue 29 Feb and Wed 1 Mar.
    in.escalations = {recorder("E-LEAP", escalation::category::other)
                          .raise("2028-02-28")
                          .resolve("2028-03-01")
                          .done()};
    const auto r = compute(in);
    CHECK(r.reviews.overall.all.on_time == 1);
    CHECK(r.reviews.overall.all.not_met == 1); // due on the 366th day, held after the year
    CHECK(r.reviews.overall.all.counted() == 2);
    CHECK(*time_at(r, "team_manager").worst_working_days == 2);
    CHECK(r.escalations.provisional); // the shipped holidays end in 2027
}

TEST_CASE("a report of the year so far counts to the day it is made", "[report][edge]") {
    auto in = empty_year(2026, "2026-07-01");
    in.deadlines.push_back(row(rules::deadline_kind::review, "2026-06-30", nullptr)); // not met
    in.deadlines.push_back(row(rules::deadline_kind::review, "2026-07-01", nullptr)); // due today
    in.deadlines.push_back(row(rules::deadline_kind::review, "2026-09-01", nullptr));
    in.deadlines.push_back(row(rules::deadline_kind::review, "2026-07-10", "2026-07-01"));
    in.escalations = {recorder("E-OPEN", escalation::category::other).raise("2026-06-22").done()};
    const auto r = compute(in);
    CHECK_FALSE(r.year_complete);
    CHECK(r.counted_to == d("2026-07-01"));
    CHECK(r.reviews.overall.all.not_met == 1);
    CHECK(r.reviews.overall.all.not_yet_due == 2);
    CHECK(r.reviews.overall.all.on_time == 1);
    // Raised Mon 22 Jun: 23-26, 29, 30 Jun, 1 Jul = 7 working days so far.
    CHECK(*r.escalations.longest_open_working_days == 7);
    CHECK(time_at(r, "team_manager").still_running == 1);
}

TEST_CASE("the report refuses a year not begun and a history the ladder cannot replay",
          "[report][edge]") {
    const auto early = report::compute_annual(empty_year(2026, "2025-12-31"), ladder(), england());
    REQUIRE_FALSE(early);
    CHECK(early.err().code == "not_begun");
    CHECK(early.err().field == "year");

    auto in = empty_year(2026, "2027-01-10");
    escalation::escalation x = recorder("E-GONE", escalation::category::other).done();
    escalation::event raised;
    raised.kind = escalation::event_kind::raised;
    raised.local_day = d("2026-03-02");
    raised.at = core::instant{raised.local_day.time_since_epoch()} + std::chrono::hours{10};
    raised.role = "iro";
    raised.actor = "iro-1";
    raised.stage = "panel"; // a stage the council has since removed from its ladder
    x.history.push_back(raised);
    in.escalations = {x};
    const auto refused = report::compute_annual(in, ladder(), england());
    REQUIRE_FALSE(refused);
    CHECK(refused.err().code == "unknown_stage");
    CHECK(refused.err().field == "escalations[ESC-ID-E-GONE]");
}
