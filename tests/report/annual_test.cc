// The annual figures of the synthetic 2026 (synthetic_year.cc), each expected value written as
// the arithmetic of its construction.
#include "report/annual.h"
#include "report_fixture.h"
#include "synthetic_year.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using namespace reviewd::test::rep;
using rules::deadline_kind;

namespace Catch {
template <> struct StringMaker<report::timeliness> {
    static std::string convert(const report::timeliness& t) {
        return "{on_time " + std::to_string(t.on_time) + ", late " + std::to_string(t.late) +
               ", not_met " + std::to_string(t.not_met) + ", not_yet_due " +
               std::to_string(t.not_yet_due) + ", cancelled " + std::to_string(t.cancelled) + "}";
    }
};
} // namespace Catch

namespace {

const report::annual_report& year() {
    static const report::annual_report r = compute(synthetic_year());
    return r;
}

const report::timeliness& kind(deadline_kind k) {
    for (const auto& f : year().deadlines_by_kind)
        if (f.kind == k)
            return f.figures;
    FAIL("no figures for a kind");
    throw;
}

report::timeliness t(int on_time, int late, int not_met, int not_yet_due = 0, int cancelled = 0) {
    return {on_time, late, not_met, not_yet_due, cancelled};
}

const report::stage_time& time_at(const std::string& stage) {
    for (const auto& s : year().escalations.time_per_stage)
        if (s.stage == stage)
            return s;
    FAIL("no stage " + stage);
    throw;
}

int count_at(const std::vector<report::stage_count>& counts, const std::string& stage) {
    for (const auto& c : counts)
        if (c.stage == stage)
            return c.count;
    FAIL("no stage " + stage);
    return -1;
}

} // namespace

TEST_CASE("the year is 2026, complete, counted to its last day", "[report]") {
    CHECK(year().year.first == d("2026-01-01"));
    CHECK(year().year.last == d("2026-12-31"));
    CHECK(year().year_complete);
    CHECK(year().counted_to == d("2026-12-31"));
    CHECK(year().as_of == d("2027-01-15"));
}

TEST_CASE("reviews on time by review number add up the IROs' and the unassigned", "[report]") {
    const auto& o = year().reviews.overall;
    // 1st: I-A 3 + 1 (due day) on time and the 2 cancelled; I-B 1 on time, 1 late; unassigned
    // 1 not met.
    CHECK(o.first == t(3 + 1 + 1, 1, 1, 0, 2));
    // 2nd: I-A 3 on time, 1 late; I-B 1 on time, 1 not met + 1 held after the year.
    CHECK(o.second == t(3 + 1, 1, 1 + 1));
    // 3rd and later: I-A 1 + 1 on time, 1 late, 1 not met; I-B 4 on time.
    CHECK(o.later == t(1 + 1 + 4, 1, 1));
    // All, plus the two cancelled reviews of I-A.
    CHECK(o.all == t(5 + 4 + 6, 1 + 1 + 1, 1 + 2 + 1, 0, 2));
    CHECK(o.all.counted() == 15 + 3 + 4);
    CHECK(*o.all.percent_on_time() == Approx(100.0 * 15 / 22));
    CHECK(*o.first.percent_on_time() == Approx(100.0 * 5 / 7));
}

TEST_CASE("reviews by IRO: one row per IRO, names from the caseloads, the unassigned last",
          "[report]") {
    const auto& by = year().reviews.by_iro;
    REQUIRE(by.size() == 3);
    CHECK(by[0].ref == "I-A");
    CHECK(by[0].name == "Ann Ash");
    CHECK(by[0].reviews.first == t(4, 0, 0, 0, 2));
    CHECK(by[0].reviews.second == t(3, 1, 0));
    CHECK(by[0].reviews.later == t(2, 1, 1));
    CHECK(by[0].reviews.all == t(9, 2, 1, 0, 2));
    CHECK(*by[0].reviews.all.percent_on_time() == Approx(75.0)); // 9 of 12
    CHECK(*by[0].reviews.first.percent_on_time() == Approx(100.0));
    CHECK(*by[0].reviews.later.percent_on_time() == Approx(50.0)); // 2 of 4

    CHECK(by[1].ref == "I-B");
    CHECK(by[1].name == hostile_name);
    CHECK(by[1].reviews.all == t(6, 1, 2));
    CHECK(*by[1].reviews.second.percent_on_time() == Approx(100.0 / 3)); // 1 of 3
    CHECK(*by[1].reviews.later.percent_on_time() == Approx(100.0));

    CHECK(by[2].ref.empty());
    CHECK(by[2].reviews.all == t(0, 0, 1));
    CHECK(*by[2].reviews.all.percent_on_time() == Approx(0.0));
    CHECK_FALSE(by[2].reviews.second.percent_on_time()); // nothing counted: no percentage
}

TEST_CASE("missed deadlines by kind: every kind listed, missed = late + not met", "[report]") {
    REQUIRE(year().deadlines_by_kind.size() == 8);
    CHECK(kind(deadline_kind::review) == year().reviews.overall.all);
    const auto& visits = kind(deadline_kind::social_worker_visit);
    CHECK(visits == t(10, 5, 5));
    CHECK(visits.missed() == 5 + 5);
    CHECK(*visits.percent_missed() == Approx(50.0));
    CHECK(kind(deadline_kind::care_plan) == t(4, 0, 0));
    CHECK(*kind(deadline_kind::care_plan).percent_missed() == Approx(0.0));
    CHECK(kind(deadline_kind::review_request) == t(1, 1, 0));
    CHECK(kind(deadline_kind::health_assessment) == t(0, 0, 0));
    CHECK_FALSE(kind(deadline_kind::health_assessment).percent_missed());
}

TEST_CASE("caseloads against 50-70: 49 under, 50 and 70 within, 71 over", "[report]") {
    const auto& c = year().caseloads;
    REQUIRE(c.iros.size() == 5); // I-E (inactive, no children) left out
    CHECK(c.iros[0].ref == "I-A");
    CHECK(c.iros[0].band == report::caseload_band::under);
    CHECK(c.iros[1].band == report::caseload_band::within);
    CHECK(c.iros[2].band == report::caseload_band::within);
    CHECK(c.iros[3].band == report::caseload_band::over);
    CHECK(c.iros[4].ref == "I-F");
    CHECK_FALSE(c.iros[4].active);
    CHECK(c.iros[4].band == report::caseload_band::under);
    CHECK(c.under == 2);
    CHECK(c.within == 2);
    CHECK(c.over == 1);
    CHECK(c.children_with_iro == 49 + 50 + 70 + 71 + 12);
    CHECK(c.children_without_iro == 3);
}

TEST_CASE("escalations raised in the year: categories, stage reached, where they stood",
          "[report][escalation]") {
    const auto& e = year().escalations;
    CHECK(e.raised == 5); // E1 E2 E3 E4 E6; E0 before, E7 after
    REQUIRE(e.by_category.size() == 4);
    CHECK(e.by_category[0].count == 2);                       // care plan not implemented: E1, E4
    CHECK(e.by_category[1].count == 1);                       // review not held: E2
    CHECK(e.by_category[2].count == 1);                       // placement unsuitable: E3
    CHECK(e.by_category[3].count == 1);                       // other: E6
    CHECK(count_at(e.stage_reached, "team_manager") == 2);    // E1, E4
    CHECK(count_at(e.stage_reached, "service_manager") == 2); // E2, E6
    CHECK(count_at(e.stage_reached, "head_of_service") == 0); // E3 went on to Cafcass
    CHECK(count_at(e.stage_reached, "cafcass") == 1);         // E3
    CHECK(e.resolved == 3);
    CHECK(e.withdrawn == 1);
    CHECK(e.open == 1);
    CHECK(e.awaiting_endorsement == 0);
    CHECK(e.with_cafcass == 0);
    CHECK(count_at(e.resolved_at, "team_manager") == 2);
    CHECK(count_at(e.resolved_at, "service_manager") == 1);
    CHECK(count_at(e.resolved_at, "cafcass") == 0);
    REQUIRE(e.outcomes.size() == 7 + 1); // every code, then "not recorded"
    const auto outcome = [&](std::optional<escalation::outcome> code) {
        for (const auto& o : e.outcomes)
            if (o.code == code)
                return o.count;
        return -1;
    };
    CHECK(outcome(escalation::outcome::needs_met) == 1);    // E1
    CHECK(outcome(escalation::outcome::plan_amended) == 1); // E2
    CHECK(outcome(std::nullopt) == 1);                      // E4
    CHECK(outcome(escalation::outcome::other) == 0);
    CHECK(e.total_limit_working_days == 20);
    CHECK(e.total_limit_breached == 1); // E6 (41); E3 stopped at 17 on entering Cafcass
}

TEST_CASE("time per stage: spells ended in the year or still running, median and worst",
          "[report][escalation]") {
    // Team manager: E1 4, E2 5, E3 10, E4 1, E6 4 -> 1 4 4 5 10 (E0's ended in 2025).
    const auto& tm = time_at("team_manager");
    CHECK(tm.spells == 5);
    CHECK(*tm.median_working_days == 4);
    CHECK(*tm.worst_working_days == 10);
    CHECK(tm.still_running == 0);
    CHECK(tm.no_answer_in_time == 1); // E3; E2 left on its due day
    // Service manager: E0 22, E2 9, E3 2, E6 37 running -> median of 2 9 22 37 = (9 + 22) / 2.
    const auto& sm = time_at("service_manager");
    CHECK(sm.spells == 4);
    CHECK(*sm.median_working_days == 15.5);
    CHECK(*sm.worst_working_days == 37);
    CHECK(sm.still_running == 1);
    CHECK(sm.no_answer_in_time == 3); // E0, E2, E6
    const auto& hos = time_at("head_of_service");
    CHECK(hos.spells == 1);
    CHECK(*hos.median_working_days == 5);
    CHECK(*hos.worst_working_days == 5);
    CHECK(hos.no_answer_in_time == 0); // answered the next day
    const auto& director = time_at("director");
    CHECK(director.spells == 0);
    CHECK_FALSE(director.median_working_days);
    CHECK_FALSE(director.worst_working_days);
    const auto& cafcass = time_at("cafcass");
    CHECK(cafcass.spells == 1);
    CHECK(*cafcass.median_working_days == 20);
    CHECK_FALSE(cafcass.has_response_clock);
}

TEST_CASE("Cafcass referrals, carried in and open at the end", "[report][escalation]") {
    const auto& e = year().escalations;
    CHECK(e.cafcass.referred == 1);
    CHECK(e.cafcass.withdrawn == 1);
    CHECK(e.cafcass.resolved == 0);
    CHECK(e.cafcass.still_with_cafcass == 0);
    CHECK(e.carried_in == 1); // E0
    CHECK(e.carried_in_finished == 1);
    CHECK(e.open_at_end == 1); // E6
    CHECK(*e.longest_open_working_days == 4 + 37);
    CHECK_FALSE(e.provisional);
}
