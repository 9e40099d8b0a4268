// The moments an escalation needs someone told: stale stages and their chasers (which an
// acknowledgement stops), stale endorsement requests, the 20-working-day total, late Cafcass
// reports and automatic advances; each on a working day, with keys that stay put on recompute.
// Dates worked out by hand from the 2026 calendar and checked with numpy's busday_offset.
#include "fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace reviewd;
using namespace reviewd::test::esc;
using escalation::timer_kind;

namespace {

escalation::ladder quiet() { // one chaser, so the tables stay short
    auto l = escalation::default_ladder();
    l.max_chases = 1;
    return l;
}

std::vector<escalation::timer> timers(const escalation::escalation& e,
                                      const escalation::ladder& l) {
    auto t = escalation::timers_for(e, l, test::england_and_wales());
    if (!t)
        FAIL(core::describe(t.err()));
    return t.value();
}

// key -> local day, for comparing whole sets.
std::map<std::string, std::string> by_key(const std::vector<escalation::timer>& ts) {
    std::map<std::string, std::string> out;
    for (const auto& t : ts)
        out[t.key] = iso(t.local_day);
    return out;
}

} // namespace

TEST_CASE("a stage that has not answered is stale the working day after its due day, then "
          "chased",
          "[escalation][timers]") {
    // Raised Thursday 26 March 2026: the team manager's answer is due Thursday 2 April; Good
    // Friday and Easter Monday close, so it is stale on Tuesday 7 April and chased five working
    // days later, Tuesday 14 April. The 20-day total ends Friday 24 April: alert Monday 27 April.
    const auto l = quiet();
    const auto e = raised_on("2026-03-26", l);
    const std::map<std::string, std::string> expected = {
        {"team_manager/2026-03-26/stage_stale/stage_owner", "2026-04-07"},
        {"team_manager/2026-03-26/stage_stale/iro", "2026-04-07"},
        {"team_manager/2026-03-26/stage_stale/iro_manager", "2026-04-07"},
        {"team_manager/2026-03-26/stage_chase-1/stage_owner", "2026-04-14"},
        {"team_manager/2026-03-26/stage_chase-1/iro", "2026-04-14"},
        {"team_manager/2026-03-26/stage_chase-1/iro_manager", "2026-04-14"},
        {"total/2026-03-26/total_breached/iro", "2026-04-28"},
        {"total/2026-03-26/total_breached/iro_manager", "2026-04-28"},
    };
    const auto ts = timers(e, l);
    CHECK(by_key(ts) == expected);
    CHECK(std::is_sorted(ts.begin(), ts.end(),
                         [](const auto& a, const auto& b) { return a.local_day < b.local_day; }));
    for (const auto& t : ts)
        if (t.kind == timer_kind::stage_stale || t.kind == timer_kind::stage_chase) {
            CHECK(t.stage == "team_manager");
            CHECK(t.owner_role == "team_manager");
        }
}

TEST_CASE("chasers come every chase interval, at most max_chases of them", "[escalation][timers]") {
    // Raised Monday 1 June 2026: due Monday 8 June, stale Tuesday 9 June, then every 5 working
    // days (no bank holiday until 31 August).
    auto l = escalation::default_ladder();
    std::vector<std::string> chase_days;
    for (const auto& t : timers(raised_on("2026-06-01", l), l))
        if (t.kind == timer_kind::stage_chase && t.to == escalation::audience::iro)
            chase_days.push_back(iso(t.local_day) + " #" + std::to_string(t.chase));
    CHECK(chase_days == std::vector<std::string>{"2026-06-16 #1", "2026-06-23 #2", "2026-06-30 #3",
                                                 "2026-07-07 #4", "2026-07-14 #5", "2026-07-21 #6",
                                                 "2026-07-28 #7", "2026-08-04 #8"});
    l.chase_interval_working_days = 10;
    l.max_chases = 2;
    chase_days.clear();
    for (const auto& t : timers(raised_on("2026-06-01", l), l))
        if (t.kind == timer_kind::stage_chase && t.to == escalation::audience::iro)
            chase_days.push_back(iso(t.local_day));
    CHECK(chase_days == std::vector<std::string>{"2026-06-23", "2026-07-07"});
}

TEST_CASE("acknowledging stops the chasing but the stale alert still fires once",
          "[escalation][timers][acknowledge]") {
    const auto l = quiet();
    const auto e = run(raised_on("2026-06-01", l),
                       {ev(event_kind::acknowledged, "2026-06-02", "team_manager")}, l);
    const std::map<std::string, std::string> expected = {
        {"team_manager/2026-06-01/stage_stale/stage_owner", "2026-06-09"},
        {"team_manager/2026-06-01/stage_stale/iro", "2026-06-09"},
        {"team_manager/2026-06-01/stage_stale/iro_manager", "2026-06-09"},
        {"total/2026-06-01/total_breached/iro", "2026-06-30"},
        {"total/2026-06-01/total_breached/iro_manager", "2026-06-30"},
    };
    CHECK(by_key(timers(e, l)) == expected);
}

TEST_CASE("a response ends the stage's alerts but the total runs on", "[escalation][timers]") {
    const auto l = quiet();
    const auto e = run(raised_on("2026-06-01", l),
                       {ev(event_kind::responded, "2026-06-05", "team_manager")}, l);
    const std::map<std::string, std::string> expected = {
        {"total/2026-06-01/total_breached/iro", "2026-06-30"},
        {"total/2026-06-01/total_breached/iro_manager", "2026-06-30"},
    };
    CHECK(by_key(timers(e, l)) == expected);
}

TEST_CASE("a pending endorsement goes stale too, to the IRO manager and the IRO",
          "[escalation][timers][endorsement]") {
    // Service manager entered Tuesday 19 May 2026 (due Wednesday 27 May, the spring bank holiday
    // skipped); endorsement of the head of service requested Wednesday 20 May, due Friday 22
    // May, stale Tuesday 26 May, chased Tuesday 2 June.
    const auto l = quiet();
    const auto e =
        run(raised_on("2026-05-18", l),
            {ev(event_kind::responded, "2026-05-18", "team_manager"),
             ev(event_kind::advanced, "2026-05-19", "iro", "service_manager"),
             ev(event_kind::endorsement_requested, "2026-05-20", "iro", "head_of_service")},
            l);
    const std::map<std::string, std::string> expected = {
        {"service_manager/2026-05-19/stage_stale/stage_owner", "2026-05-28"},
        {"service_manager/2026-05-19/stage_stale/iro", "2026-05-28"},
        {"service_manager/2026-05-19/stage_stale/iro_manager", "2026-05-28"},
        {"service_manager/2026-05-19/stage_chase-1/stage_owner", "2026-06-04"},
        {"service_manager/2026-05-19/stage_chase-1/iro", "2026-06-04"},
        {"service_manager/2026-05-19/stage_chase-1/iro_manager", "2026-06-04"},
        {"head_of_service/2026-05-20/endorsement_stale/iro_manager", "2026-05-26"},
        {"head_of_service/2026-05-20/endorsement_stale/iro", "2026-05-26"},
        {"head_of_service/2026-05-20/endorsement_chase-1/iro_manager", "2026-06-02"},
        {"head_of_service/2026-05-20/endorsement_chase-1/iro", "2026-06-02"},
        {"total/2026-05-18/total_breached/iro", "2026-06-17"},
        {"total/2026-05-18/total_breached/iro_manager", "2026-06-17"},
    };
    CHECK(by_key(timers(e, l)) == expected);
}

TEST_CASE("a late Cafcass report is chased from the first working day after it was due",
          "[escalation][timers][cafcass]") {
    struct row {
        const char* what;
        std::vector<escalation::event> events;
        const char* from;
        const char* late;
        const char* chase;
    };
    using k = event_kind;
    const std::vector<row> rows = {
        {"due on a Monday: late on the Tuesday",
         {ev(k::referred_to_cafcass, "2026-06-01", "iro")},
         "2026-06-01",
         "2026-06-30",
         "2026-07-07"},
        {"due on a Saturday: late on the Monday",
         {ev(k::referred_to_cafcass, "2026-06-01", "iro"),
          ev(k::cafcass_progress_report, "2026-06-20", "iro")},
         "2026-06-20",
         "2026-07-20",
         "2026-07-27"},
        {"due on the August bank holiday: late on the Tuesday",
         {ev(k::referred_to_cafcass, "2026-08-03", "iro")},
         "2026-08-03",
         "2026-09-01",
         "2026-09-08"},
        {"due the Saturday before the bank holiday: late on the Tuesday",
         {ev(k::referred_to_cafcass, "2026-07-27", "iro"),
          ev(k::cafcass_progress_report, "2026-08-01", "iro")},
         "2026-08-01",
         "2026-09-01",
         "2026-09-08"},
    };
    const auto l = quiet();
    for (const auto& r : rows) {
        INFO(r.what);
        const auto e = run(raised_on("2026-05-26", l), r.events, l);
        const std::string base = std::string("cafcass/") + r.from + "/";
        const std::map<std::string, std::string> expected = {
            {base + "cafcass_report_late/iro", r.late},
            {base + "cafcass_report_late/iro_manager", r.late},
            {base + "cafcass_report_chase-1/iro", r.chase},
            {base + "cafcass_report_chase-1/iro_manager", r.chase},
        };
        CHECK(by_key(timers(e, l)) ==
              expected); // no stage or total timers: the council's part is over
    }
}

TEST_CASE("a stage that escalates automatically has an advance timer on its stale day",
          "[escalation][timers][auto]") {
    auto l = quiet();
    l.stages[0].auto_escalate = true;
    const auto e = raised_on("2026-03-26", l);
    const auto ts = timers(e, l);
    const auto advance = std::find_if(
        ts.begin(), ts.end(), [](const auto& t) { return t.kind == timer_kind::auto_advance; });
    REQUIRE(advance != ts.end());
    CHECK(advance->key == "team_manager/2026-03-26/auto_advance");
    CHECK(iso(advance->local_day) == "2026-04-07");
    CHECK_FALSE(advance->to);
    // Answered: nothing to advance.
    const auto answered = run(e, {ev(event_kind::responded, "2026-04-02", "team_manager")}, l);
    for (const auto& t : timers(answered, l))
        CHECK(t.kind != timer_kind::auto_advance);
}

TEST_CASE("no automatic advance into Cafcass or while an endorsement is pending",
          "[escalation][timers][auto]") {
    auto l = quiet();
    for (auto& s : l.stages)
        s.auto_escalate = true;
    const auto at_ip =
        run(raised_on("2026-06-01", l),
            {ev(event_kind::endorsement_requested, "2026-06-02", "iro", "independent_person"),
             ev(event_kind::endorsed, "2026-06-03", "iro_manager")},
            l);
    for (const auto& t : timers(at_ip, l))
        CHECK(t.kind != timer_kind::auto_advance);
    const auto pending =
        run(raised_on("2026-06-01", l),
            {ev(event_kind::endorsement_requested, "2026-06-02", "iro", "director")}, l);
    for (const auto& t : timers(pending, l))
        CHECK(t.kind != timer_kind::auto_advance);
}

TEST_CASE("resolved and withdrawn escalations have no timers", "[escalation][timers]") {
    const auto l = quiet();
    CHECK(
        timers(run(raised_on("2026-06-01", l), {ev(event_kind::resolved, "2026-06-02", "iro")}, l),
               l)
            .empty());
    CHECK(timers(run(raised_on("2026-06-01", l),
                     {ev(event_kind::referred_to_cafcass, "2026-06-02", "iro"),
                      ev(event_kind::withdrawn_from_cafcass, "2026-06-03", "iro")},
                     l),
                 l)
              .empty());
}

TEST_CASE("recomputing gives the same keys, a new stage gives new ones and keeps the total's",
          "[escalation][timers]") {
    const auto l = quiet();
    const auto e = raised_on("2026-06-01", l);
    CHECK(by_key(timers(e, l)) == by_key(timers(e, l)));
    const auto climbed =
        run(e, {ev(event_kind::advanced, "2026-06-03", "iro", "service_manager")}, l);
    const auto before = by_key(timers(e, l));
    const auto after = by_key(timers(climbed, l));
    for (const auto& [key, day] : after) {
        INFO(key);
        if (key.rfind("total/", 0) == 0)
            CHECK(before.at(key) == day);
        else
            CHECK(before.count(key) == 0);
    }
    CHECK(after.count("service_manager/2026-06-03/stage_stale/stage_owner") == 1);
}
