// apply() beyond the transition table: raising, skipping stages, a referral that needs
// endorsement, the checklist kept on entry to formal stages, the fields apply() fills in, and a
// ladder retuned under open escalations.
#include "fixture.h"

#include <catch2/catch.hpp>

#include <functional>

using namespace reviewd;
using namespace reviewd::test::esc;
using escalation::status;

namespace {

escalation::escalation_state state(const escalation::escalation& e) {
    return state_on(e, "2026-06-30");
}

} // namespace

TEST_CASE("an escalation is raised by its IRO, with a short description, at a stage open to them",
          "[escalation][apply]") {
    using k = event_kind;
    struct row {
        const char* what;
        std::function<void(escalation::escalation&, escalation::event&)> spoil;
        const char* code;
        const char* says;
    };
    const std::vector<row> rows = {
        {"the first event is not a raise",
         [](auto&, auto& e) { e = ev(k::acknowledged, "2026-06-01", "team_manager"); },
         "illegal_transition", "has not been raised: the first event must be raised"},
        {"raised by a manager", [](auto&, auto& e) { e.role = "iro_manager"; }, "wrong_role",
         "only the IRO raises an escalation"},
        {"raised by another IRO than the record names", [](auto&, auto& e) { e.actor = "iro-9"; },
         "wrong_role", "escalation E-1 is raised by iro-7, not iro-9"},
        {"raised at a stage that needs endorsement", [](auto&, auto& e) { e.stage = "director"; },
         "illegal_transition",
         "stage director needs the IRO manager's endorsement: raise at a lower stage"},
        {"raised with Cafcass", [](auto&, auto& e) { e.stage = "cafcass"; }, "illegal_transition",
         "refer it to Cafcass with referred_to_cafcass once raised"},
        {"raised at an unknown stage", [](auto&, auto& e) { e.stage = "mayor"; }, "unknown_stage",
         "no stage \"mayor\""},
        {"no description", [](auto& x, auto&) { x.description.clear(); }, "invalid_event",
         "the escalation has no description"},
        {"a description too long for a summary",
         [](auto& x, auto&) { x.description = std::string(501, 'x'); }, "invalid_event",
         "the description is 501 bytes; at most 500"},
        {"no child", [](auto& x, auto&) { x.child_ref.clear(); }, "invalid_event",
         "names no child"},
        {"no id", [](auto& x, auto&) { x.id.clear(); }, "invalid_event", "has no id"},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        auto x = draft();
        auto e = ev(k::raised, "2026-06-01", "iro");
        r.spoil(x, e);
        const auto refused = escalation::apply(x, e, standard());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.err().code == r.code);
        CHECK_THAT(refused.err().message, Catch::Contains(r.says));
    }
    auto at_sm = ev(k::raised, "2026-06-01", "iro", "service_manager");
    const auto raised = escalation::apply(draft(), at_sm, standard());
    REQUIRE(raised.ok());
    CHECK(state(raised.value()).stage_reached == "service_manager");
    const auto first = escalation::apply(draft(), ev(k::raised, "2026-06-01", "iro"), standard());
    REQUIRE(first.ok());
    CHECK(first.value().history.back().stage == "team_manager"); // named by apply()
}

TEST_CASE("skipping stages: team manager to the director with the IRO manager's endorsement",
          "[escalation][apply]") {
    using k = event_kind;
    const auto e = after({ev(k::endorsement_requested, "2026-06-02", "iro", "director"),
                          ev(k::endorsed, "2026-06-03", "iro_manager")});
    const auto& h = e.history;
    REQUIRE(h.size() == 3);
    CHECK(h[1].stage == "director");
    CHECK(h[1].awaits_endorsement);
    CHECK(h[2].stage == "director"); // apply() names the stage the endorsement entered
    const auto s = state(e);
    CHECK(s.now == status::open);
    REQUIRE(s.stage);
    CHECK(s.stage->stage == "director");
    CHECK(iso(s.stage->entered_on) == "2026-06-03"); // the endorsement, not the request
    CHECK(s.stage->owner_role == "director");
    // Skipped stages were never entered: nothing to answer for, nothing to go back to.
    CHECK(refusal(e, ev(k::advanced, "2026-06-04", "iro", "service_manager"), standard()) ==
          "service_manager is not above director: an escalation only climbs");
}

TEST_CASE("a referral waits for endorsement when the council's Cafcass stage needs it",
          "[escalation][apply]") {
    using k = event_kind;
    auto l = escalation::default_ladder();
    l.stages.back().needs_endorsement = true;
    auto e = run(raised_on("2026-06-01", l), {ev(k::referred_to_cafcass, "2026-06-02", "iro")}, l);
    auto s = escalation::state_of(e, l, test::england_and_wales(), d("2026-06-02"));
    REQUIRE(s.ok());
    CHECK(s.value().now == status::awaiting_endorsement);
    REQUIRE(s.value().endorsement);
    CHECK(s.value().endorsement->stage == "cafcass");
    CHECK(refusal(e, ev(k::referred_to_cafcass, "2026-06-03", "iro"), l) ==
          "the referral of escalation E-1 to Cafcass awaits endorsement");
    e = run(e, {ev(k::endorsed, "2026-06-03", "iro_manager")}, l);
    s = escalation::state_of(e, l, test::england_and_wales(), d("2026-06-03"));
    REQUIRE(s.ok());
    CHECK(s.value().now == status::with_cafcass);
    REQUIRE(s.value().cafcass);
    CHECK(iso(s.value().cafcass->referred_on) == "2026-06-03");
}

TEST_CASE("entering a formal stage with the checklist incomplete is allowed but flagged",
          "[escalation][apply][checklist]") {
    using k = event_kind;
    auto e = after({ev(k::advanced, "2026-06-02", "iro", "service_manager")});
    CHECK_FALSE(e.history.back().checklist_on_entry); // not a formal stage: nothing kept
    e.checks.complaints_procedure_explained = true;
    e = run(e,
            {ev(k::endorsement_requested, "2026-06-03", "iro", "head_of_service"),
             ev(k::endorsed, "2026-06-04", "iro_manager")},
            standard());
    REQUIRE(e.history.back().checklist_on_entry);
    CHECK_FALSE(e.history.back().checklist_on_entry->complete());
    auto s = state(e);
    CHECK(s.checklist.entered_incomplete == std::vector<std::string>{"head_of_service"});
    CHECK(s.checklist.missing == std::vector<escalation::checklist_item>{
                                     escalation::checklist_item::advocate_offered,
                                     escalation::checklist_item::wishes_and_feelings_recorded});

    // Completing it afterwards clears what is missing, not the record of how the stage was entered.
    e.checks = all_done();
    e = run(e,
            {ev(k::endorsement_requested, "2026-06-05", "iro", "director"),
             ev(k::endorsed, "2026-06-08", "iro_manager")},
            standard());
    REQUIRE(e.history.back().checklist_on_entry);
    CHECK(e.history.back().checklist_on_entry->complete());
    s = state(e);
    CHECK(s.checklist.missing.empty());
    CHECK(s.checklist.entered_incomplete == std::vector<std::string>{"head_of_service"});
}

TEST_CASE("a referral to Cafcass with the checklist incomplete is flagged",
          "[escalation][apply][checklist]") {
    const auto e = after({ev(event_kind::referred_to_cafcass, "2026-06-02", "iro")});
    CHECK(state(e).checklist.entered_incomplete == std::vector<std::string>{"cafcass"});
    auto done = raised_on("2026-06-01", standard());
    done.checks = all_done();
    done = run(done, {ev(event_kind::referred_to_cafcass, "2026-06-02", "iro")}, standard());
    CHECK(state(done).checklist.entered_incomplete.empty());
}

TEST_CASE("apply() fills in what the record needs and ignores what it sets itself",
          "[escalation][apply]") {
    using k = event_kind;
    auto forged = ev(k::advanced, "2026-06-02", "iro", "service_manager");
    forged.checklist_on_entry = all_done();
    forged.awaits_endorsement = true;
    const auto e = after({forged, ev(k::resolved, "2026-06-05", "iro")});
    CHECK_FALSE(e.history[1].checklist_on_entry);
    CHECK_FALSE(e.history[1].awaits_endorsement);
    CHECK(e.history[2].stage == "service_manager"); // the stage reached
    CHECK(e.history[2].note == "care plan now being implemented");
}

TEST_CASE("events at the same instant keep their order, and the input escalation is not changed",
          "[escalation][apply]") {
    using k = event_kind;
    const auto raised = raised_on("2026-06-01", standard());
    auto same_moment = ev(k::referred_to_cafcass, "2026-06-01", "iro");
    const auto referred = escalation::apply(raised, same_moment, standard());
    REQUIRE(referred.ok());
    CHECK(raised.history.size() == 1);
    CHECK(referred.value().history.size() == 2);
}

TEST_CASE("a retuned ladder keeps open escalations working, but a removed stage is an error",
          "[escalation][apply]") {
    using k = event_kind;
    const auto e = after({ev(k::advanced, "2026-06-02", "iro", "service_manager")});
    auto slower = escalation::default_ladder();
    slower.stages[1].response_working_days = 10;
    slower.stages[1].owner_role = "practice_manager";
    CHECK(refusal(e, ev(k::responded, "2026-06-03", "practice_manager"), slower) == "accepted");
    auto shorter = escalation::default_ladder();
    shorter.stages.erase(shorter.stages.begin() + 1);
    const auto r = escalation::apply(e, ev(k::resolved, "2026-06-03", "iro"), shorter);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == "unknown_stage");
    CHECK_THAT(r.err().message, Catch::Contains("service_manager"));
}
