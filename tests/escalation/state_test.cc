// Where an escalation stands on a day: response due dates counted in working days across bank
// holidays, stale stages, acknowledgement against the response clock, the 20-working-day total,
// endorsement requests and Cafcass progress reports. Expected dates worked out by hand from
// the 2026 calendar (GOV.UK England and Wales bank holidays) and checked with numpy's
// busday_offset, never copied from the code's output.
#include "fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using namespace reviewd::test::esc;
using escalation::status;

namespace {

escalation::escalation_state on(const escalation::escalation& e, const char* today) {
    return state_on(e, today);
}

escalation::escalation raised(const char* day, const std::vector<escalation::event>& more = {}) {
    return run(raised_on(day, standard()), more, standard());
}

} // namespace

TEST_CASE("a stage's answer is due 5 working days after the day it was entered",
          "[escalation][state]") {
    struct row {
        const char* entered;
        const char* due;
        const char* why;
    };
    const std::vector<row> rows = {
        {"2026-06-01", "2026-06-08", "Monday to the next Monday: the entry day is not counted"},
        {"2026-04-01", "2026-04-10", "Good Friday and Easter Monday are skipped"},
        {"2026-06-06", "2026-06-12", "entered on a Saturday: day 1 is Monday"},
        {"2026-04-03", "2026-04-13", "entered on Good Friday: day 1 is the Tuesday after Easter"},
        {"2026-04-30", "2026-05-08", "the early May bank holiday is skipped"},
        {"2026-12-18", "2026-12-29", "Christmas Day and the substitute Boxing Day are skipped"},
    };
    for (const auto& r : rows) {
        INFO(r.why);
        const auto s = on(raised(r.entered), r.entered);
        REQUIRE(s.stage);
        CHECK(s.stage->stage == "team_manager");
        CHECK(iso(s.stage->entered_on) == r.entered);
        CHECK(s.stage->entered_at == at(d(r.entered)));
        CHECK(iso(s.stage->response_due) == r.due);
    }
}

TEST_CASE("a stage is stale from the day after its answer was due until it answers",
          "[escalation][state]") {
    using k = event_kind;
    struct row {
        const char* what;
        std::vector<escalation::event> events;
        const char* today;
        bool stale;
    };
    // Raised Monday 1 June 2026: the team manager's answer is due by the end of Monday 8 June.
    const std::vector<row> rows = {
        {"on the due day", {}, "2026-06-08", false},
        {"the day after", {}, "2026-06-09", true},
        {"answered on the due day",
         {ev(k::responded, "2026-06-08", "team_manager")},
         "2026-06-09",
         false},
        {"answered late: no longer stale once answered",
         {ev(k::responded, "2026-06-10", "team_manager")},
         "2026-06-10",
         false},
        {"acknowledged but not answered",
         {ev(k::acknowledged, "2026-06-02", "team_manager")},
         "2026-06-09",
         true},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const auto s = on(raised("2026-06-01", r.events), r.today);
        REQUIRE(s.stage);
        CHECK(s.stage->stale == r.stale);
    }
}

TEST_CASE("acknowledging records the day but leaves the response clock running",
          "[escalation][state][acknowledge]") {
    const auto e =
        raised("2026-06-01", {ev(event_kind::acknowledged, "2026-06-02", "team_manager")});
    const auto s = on(e, "2026-06-09");
    REQUIRE(s.stage);
    REQUIRE(s.stage->acknowledged_on);
    CHECK(iso(*s.stage->acknowledged_on) == "2026-06-02");
    CHECK_FALSE(s.stage->responded_on);
    CHECK(iso(s.stage->response_due) == "2026-06-08");
    CHECK(s.stage->stale);
}

TEST_CASE("a new stage starts a new clock: acknowledgement and response belong to the old one",
          "[escalation][state]") {
    using k = event_kind;
    const auto e = raised("2026-06-01", {ev(k::acknowledged, "2026-06-02", "team_manager"),
                                         ev(k::responded, "2026-06-03", "team_manager"),
                                         ev(k::advanced, "2026-06-04", "iro", "service_manager")});
    const auto s = on(e, "2026-06-11");
    REQUIRE(s.stage);
    CHECK(s.stage->stage == "service_manager");
    CHECK(iso(s.stage->response_due) == "2026-06-11");
    CHECK_FALSE(s.stage->acknowledged_on);
    CHECK_FALSE(s.stage->responded_on);
    CHECK_FALSE(s.stage->stale);
    CHECK(on(e, "2026-06-12").stage->stale);
}

TEST_CASE("a stage entered on the IRO manager's Saturday endorsement counts from Monday",
          "[escalation][state][endorsement]") {
    using k = event_kind;
    const auto e =
        raised("2026-06-01", {ev(k::endorsement_requested, "2026-06-05", "iro", "director"),
                              ev(k::endorsed, "2026-06-06", "iro_manager")});
    const auto s = on(e, "2026-06-06");
    REQUIRE(s.stage);
    CHECK(s.stage->stage == "director");
    CHECK(iso(s.stage->response_due) == "2026-06-12");
    CHECK_FALSE(s.endorsement);
}

TEST_CASE("an endorsement request is due in 2 working days, across the spring bank holiday",
          "[escalation][state][endorsement]") {
    // Requested Wednesday 20 May 2026: due by the end of Friday 22 May; stale from the Saturday.
    const auto e =
        raised("2026-05-18",
               {ev(event_kind::advanced, "2026-05-19", "iro", "service_manager"),
                ev(event_kind::endorsement_requested, "2026-05-20", "iro", "head_of_service")});
    auto s = on(e, "2026-05-22");
    CHECK(s.now == status::awaiting_endorsement);
    REQUIRE(s.endorsement);
    CHECK(s.endorsement->stage == "head_of_service");
    CHECK(iso(s.endorsement->requested_on) == "2026-05-20");
    CHECK(iso(s.endorsement->due) == "2026-05-22");
    CHECK_FALSE(s.endorsement->stale);
    CHECK(on(e, "2026-05-23").endorsement->stale);
    // The stage below stays open, with its own clock, while the request waits.
    REQUIRE(s.stage);
    CHECK(s.stage->stage == "service_manager");
    CHECK(iso(s.stage->response_due) == "2026-05-27");
}

TEST_CASE("the whole process is limited to 20 working days from the raise",
          "[escalation][state][total]") {
    // Raised Monday 27 April 2026; the 20th working day, skipping 4 May and 25 May, is 27 May.
    struct row {
        const char* today;
        int elapsed;
        bool breached;
    };
    const std::vector<row> rows = {
        {"2026-04-27", 0, false},  {"2026-05-01", 4, false}, {"2026-05-05", 5, false},
        {"2026-05-27", 20, false}, {"2026-05-28", 21, true}, {"2026-05-30", 22, true},
    };
    const auto e = raised("2026-04-27");
    for (const auto& r : rows) {
        INFO(r.today);
        const auto s = on(e, r.today);
        CHECK(iso(s.total.limit_day) == "2026-05-27");
        CHECK(s.total.limit_working_days == 20);
        CHECK(s.total.elapsed_working_days == r.elapsed);
        CHECK(s.total.breached == r.breached);
        CHECK_FALSE(s.total.stopped_on);
    }
}

TEST_CASE("the total runs on through stage changes and stops at resolution or referral",
          "[escalation][state][total]") {
    using k = event_kind;
    struct row {
        const char* what;
        std::vector<escalation::event> events;
        const char* stopped;
        int elapsed;
        bool breached;
    };
    const auto climb = ev(k::advanced, "2026-05-06", "iro", "service_manager");
    const std::vector<row> rows = {
        {"resolved on the last day",
         {climb, ev(k::resolved, "2026-05-27", "iro")},
         "2026-05-27",
         20,
         false},
        {"resolved a day late",
         {climb, ev(k::resolved, "2026-05-28", "iro")},
         "2026-05-28",
         21,
         true},
        {"referred to Cafcass in time",
         {climb, ev(k::referred_to_cafcass, "2026-05-20", "iro")},
         "2026-05-20",
         16,
         false},
        {"with Cafcass after the limit passed",
         {climb, ev(k::referred_to_cafcass, "2026-06-01", "iro")},
         "2026-06-01",
         23,
         true},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const auto s = on(raised("2026-04-27", r.events), "2026-07-01");
        REQUIRE(s.total.stopped_on);
        CHECK(iso(*s.total.stopped_on) == r.stopped);
        CHECK(s.total.elapsed_working_days == r.elapsed);
        CHECK(s.total.breached == r.breached);
    }
}

TEST_CASE("Cafcass is expected to report every 28 days from the referral, then from the latest "
          "report",
          "[escalation][state][cafcass]") {
    using k = event_kind;
    const auto referred = raised("2026-05-26", {ev(k::referred_to_cafcass, "2026-06-01", "iro")});
    auto s = on(referred, "2026-06-29");
    CHECK(s.now == status::with_cafcass);
    CHECK_FALSE(s.stage);
    REQUIRE(s.cafcass);
    CHECK(iso(s.cafcass->referred_on) == "2026-06-01");
    CHECK(iso(s.cafcass->next_report_due) == "2026-06-29");
    CHECK(s.cafcass->reports == 0);
    CHECK_FALSE(s.cafcass->late);
    CHECK(on(referred, "2026-06-30").cafcass->late);

    const auto reported =
        run(referred, {ev(k::cafcass_progress_report, "2026-06-20", "iro")}, standard());
    s = on(reported, "2026-07-18");
    REQUIRE(s.cafcass);
    CHECK(s.cafcass->reports == 1);
    REQUIRE(s.cafcass->last_report_on);
    CHECK(iso(*s.cafcass->last_report_on) == "2026-06-20");
    CHECK(iso(s.cafcass->next_report_due) == "2026-07-18");
    CHECK_FALSE(s.cafcass->late);
    CHECK(on(reported, "2026-07-19").cafcass->late);
}

TEST_CASE("resolved and withdrawn escalations keep no running clocks", "[escalation][state]") {
    using k = event_kind;
    auto s = on(raised("2026-06-01", {ev(k::resolved, "2026-06-04", "iro")}), "2026-07-01");
    CHECK(s.now == status::resolved);
    CHECK_FALSE(s.stage);
    CHECK_FALSE(s.endorsement);
    CHECK_FALSE(s.cafcass);
    REQUIRE(s.finished_on);
    CHECK(iso(*s.finished_on) == "2026-06-04");

    s = on(raised("2026-06-01", {ev(k::referred_to_cafcass, "2026-06-02", "iro"),
                                 ev(k::withdrawn_from_cafcass, "2026-06-15", "iro")}),
           "2026-09-01");
    CHECK(s.now == status::withdrawn);
    CHECK_FALSE(s.cafcass);
    CHECK(s.stage_reached == "cafcass");
    CHECK(iso(*s.finished_on) == "2026-06-15");
    CHECK(iso(*s.total.stopped_on) == "2026-06-02");
}

TEST_CASE("dates past the years the holiday data covers are marked provisional",
          "[escalation][state]") {
    // The shipped data ends with 2027: a limit falling in January 2028 cannot know its holidays.
    CHECK(on(raised("2027-12-20"), "2027-12-20").provisional);
    CHECK_FALSE(on(raised("2027-12-01"), "2027-12-01").provisional);
}

TEST_CASE("an escalation never raised has no state", "[escalation][state]") {
    const auto s =
        escalation::state_of(draft(), standard(), test::england_and_wales(), d("2026-06-01"));
    REQUIRE_FALSE(s.ok());
    CHECK(s.err().code == "not_raised");
}
