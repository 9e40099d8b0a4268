// Automatic climbing (the 2017-flowchart behaviour): a stage with no answer in time climbs on its
// stale day, chained stage after stage across weekends and bank holidays, asking endorsement
// where the next stage needs it, never into Cafcass, stopped by an answer. Expected dates worked
// out by hand from the 2026-27 calendar and checked with numpy's busday_offset.
#include "fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using namespace reviewd::test::esc;
using escalation::status;

namespace {

// Every stage escalates by itself and none needs endorsement.
escalation::ladder automatic() {
    auto l = escalation::default_ladder();
    for (auto& s : l.stages) {
        s.auto_escalate = true;
        s.needs_endorsement = false;
    }
    return l;
}

core::instant eight_utc(core::day day) {
    return at(day, 8);
}

escalation::escalation climbed(const escalation::escalation& e, const escalation::ladder& l,
                               const char* today) {
    auto r = escalation::auto_escalate(e, l, test::england_and_wales(), d(today), eight_utc);
    if (!r)
        FAIL(core::describe(r.err()));
    return r.value();
}

// "advanced service_manager 2026-12-30", for each automatic event after the raise.
std::vector<std::string> automatic_events(const escalation::escalation& e) {
    std::vector<std::string> out;
    for (const auto& one : e.history)
        if (one.role == "system")
            out.push_back(std::string(escalation::to_string(one.kind)) + " " + one.stage + " " +
                          iso(one.local_day));
    return out;
}

std::string stage_on(const escalation::escalation& e, const escalation::ladder& l,
                     const char* day) {
    auto s = escalation::state_of(e, l, test::england_and_wales(), d(day));
    REQUIRE(s.ok());
    return s.value().stage_reached;
}

} // namespace

TEST_CASE("an unanswered escalation climbs stage after stage across Christmas and New Year",
          "[escalation][auto]") {
    // Raised Friday 18 December 2026. Team manager due Tuesday 29 December (25 and 28 December
    // closed), climbs Wednesday 30; service manager due Thursday 7 January (1 January closed),
    // climbs Friday 8; head of service due 15, climbs Monday 18; director due 25, climbs
    // Tuesday 26; chief executive due 2 February, climbs Wednesday 3 February to the
    // independent person, due 10 February, stale 11 February: but Cafcass is the IRO's call.
    const auto l = automatic();
    const auto raised = raised_on("2026-12-18", l);
    struct row {
        const char* today;
        const char* stage;
    };
    const std::vector<row> rows = {
        {"2026-12-29", "team_manager"},       {"2026-12-30", "service_manager"},
        {"2027-01-07", "service_manager"},    {"2027-01-08", "head_of_service"},
        {"2027-01-17", "head_of_service"},    {"2027-01-18", "director"},
        {"2027-01-26", "chief_executive"},    {"2027-02-03", "independent_person"},
        {"2027-02-11", "independent_person"}, {"2027-06-01", "independent_person"},
    };
    for (const auto& r : rows) {
        INFO(r.today);
        CHECK(stage_on(climbed(raised, l, r.today), l, r.today) == r.stage);
    }
    const auto all = climbed(raised, l, "2027-06-01");
    CHECK(automatic_events(all) ==
          std::vector<std::string>{
              "advanced service_manager 2026-12-30", "advanced head_of_service 2027-01-08",
              "advanced director 2027-01-18", "advanced chief_executive 2027-01-26",
              "advanced independent_person 2027-02-03"});
}

TEST_CASE("each automatic advance happens on the day its timer said", "[escalation][auto]") {
    const auto l = automatic();
    auto e = raised_on("2026-12-18", l);
    for (int step = 0; step < 5; ++step) {
        auto ts = escalation::timers_for(e, l, test::england_and_wales());
        REQUIRE(ts.ok());
        const auto advance = std::find_if(ts.value().begin(), ts.value().end(), [](const auto& t) {
            return t.kind == escalation::timer_kind::auto_advance;
        });
        REQUIRE(advance != ts.value().end());
        const auto day = iso(advance->local_day);
        const auto before = e.history.size();
        CHECK(climbed(e, l, iso(advance->local_day - date::days{1}).c_str()).history.size() ==
              before);
        e = climbed(e, l, day.c_str());
        REQUIRE(e.history.size() == before + 1);
        CHECK(iso(e.history.back().local_day) == day);
    }
}

TEST_CASE("with the default endorsements, the climb stops to ask the IRO manager",
          "[escalation][auto][endorsement]") {
    // Raised Thursday 26 March 2026: the team manager is stale on Tuesday 7 April (Easter), the
    // service manager, entered that day, is due Tuesday 14 April and stale Wednesday 15 April.
    auto l = escalation::default_ladder();
    for (auto& s : l.stages)
        s.auto_escalate = true;
    const auto e = climbed(raised_on("2026-03-26", l), l, "2026-05-29");
    CHECK(automatic_events(e) ==
          std::vector<std::string>{"advanced service_manager 2026-04-07",
                                   "endorsement_requested head_of_service 2026-04-15"});
    auto s = escalation::state_of(e, l, test::england_and_wales(), d("2026-05-29"));
    REQUIRE(s.ok());
    CHECK(s.value().now == status::awaiting_endorsement);
    // Endorsed, the head of service's clock runs from the endorsement and climbing resumes.
    const auto endorsed = run(e, {ev(event_kind::endorsed, "2026-06-01", "iro_manager")}, l);
    const auto further = climbed(endorsed, l, "2026-06-09");
    CHECK(automatic_events(further).back() == "endorsement_requested director 2026-06-09");
}

TEST_CASE("an answer stops the climb, acknowledging does not", "[escalation][auto]") {
    const auto l = automatic();
    const auto at_sm = climbed(raised_on("2026-12-18", l), l, "2027-01-04");
    REQUIRE(stage_on(at_sm, l, "2027-01-04") == "service_manager");
    const auto answered =
        run(at_sm, {ev(event_kind::responded, "2027-01-05", "service_manager")}, l);
    CHECK(stage_on(climbed(answered, l, "2027-03-01"), l, "2027-03-01") == "service_manager");
    const auto acknowledged =
        run(at_sm, {ev(event_kind::acknowledged, "2027-01-05", "service_manager")}, l);
    CHECK(stage_on(climbed(acknowledged, l, "2027-01-08"), l, "2027-01-08") == "head_of_service");
}

TEST_CASE("only stages set to escalate automatically climb by themselves", "[escalation][auto]") {
    auto l = automatic();
    for (auto& s : l.stages)
        s.auto_escalate = s.id == "team_manager";
    const auto e = climbed(raised_on("2026-12-18", l), l, "2027-06-01");
    CHECK(automatic_events(e) == std::vector<std::string>{"advanced service_manager 2026-12-30"});
}

TEST_CASE("nothing due leaves the escalation as it was and a second run adds nothing",
          "[escalation][auto]") {
    const auto l = automatic();
    const auto raised = raised_on("2026-12-18", l);
    CHECK(climbed(raised, l, "2026-12-29").history.size() == 1);
    const auto once = climbed(raised, l, "2027-01-20");
    CHECK(climbed(once, l, "2027-01-20").history.size() == once.history.size());
    const auto resolved = run(raised, {ev(event_kind::resolved, "2026-12-21", "iro")}, l);
    CHECK(climbed(resolved, l, "2027-06-01").history.size() == 2);
}

TEST_CASE("automatic events are reviewd's, stamped by the shell, never before the last event",
          "[escalation][auto]") {
    auto l = automatic();
    // Raised Monday 1 June 2026: stale Tuesday 9 June. The team manager acknowledged at 10:00 UTC
    // that day; the shell's stamp for 9 June is 08:00 UTC: the advance is recorded at 10:00.
    const auto e = run(raised_on("2026-06-01", l),
                       {ev(event_kind::acknowledged, "2026-06-09", "team_manager")}, l);
    const auto advanced = climbed(e, l, "2026-06-09");
    REQUIRE(advanced.history.size() == 3);
    const auto& climb = advanced.history.back();
    CHECK(climb.actor == "reviewd");
    CHECK(climb.role == "system");
    CHECK(climb.kind == event_kind::advanced);
    CHECK(climb.at == at(d("2026-06-09"), 10));
    CHECK(climb.note == "no response from team_manager by 2026-06-08");

    // Nothing else that day: stamped by the shell.
    const auto plain = climbed(raised_on("2026-06-01", l), l, "2026-06-09");
    CHECK(plain.history.back().at == at(d("2026-06-09"), 8));

    // After downtime, an event recorded later than the stale day moves the advance to its day.
    const auto late = run(raised_on("2026-06-01", l),
                          {ev(event_kind::acknowledged, "2026-06-11", "team_manager")}, l);
    CHECK(iso(climbed(late, l, "2026-06-11").history.back().local_day) == "2026-06-11");
}
