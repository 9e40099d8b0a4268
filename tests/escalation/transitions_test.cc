// Every transition of the escalation state machine (escalation.h), legal and illegal: the IRO
// raises and climbs, stage owners acknowledge and respond, the IRO manager endorses, the head of
// service mediates, Cafcass takes the case and withdraws; everything else is refused with a
// reason a person can act on.
#include "fixture.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using namespace reviewd::test::esc;
using escalation::status;

namespace {

escalation::escalation_state state(const escalation::escalation& e) {
    return state_on(e, "2026-06-30");
}

} // namespace

TEST_CASE("every legal transition lands in the state the diagram shows",
          "[escalation][transitions]") {
    using k = event_kind;
    struct row {
        const char* what;
        std::vector<escalation::event> before;
        escalation::event event;
        status then;
        const char* stage_reached;
    };
    const auto to_sm = ev(k::advanced, "2026-06-02", "iro", "service_manager");
    const auto ask_hos = ev(k::endorsement_requested, "2026-06-03", "iro", "head_of_service");
    const auto refer = ev(k::referred_to_cafcass, "2026-06-03", "iro");
    const std::vector<row> rows = {
        {"the team manager acknowledges",
         {},
         ev(k::acknowledged, "2026-06-02", "team_manager"),
         status::open,
         "team_manager"},
        {"the team manager responds",
         {},
         ev(k::responded, "2026-06-02", "team_manager"),
         status::open,
         "team_manager"},
        {"the IRO advances to the service manager", {}, to_sm, status::open, "service_manager"},
        {"an advance naming no stage goes to the next one",
         {},
         ev(k::advanced, "2026-06-02", "iro"),
         status::open,
         "service_manager"},
        {"the IRO asks the IRO manager to endorse going to the head of service",
         {to_sm},
         ask_hos,
         status::awaiting_endorsement,
         "service_manager"},
        {"the IRO manager endorses and the head of service is asked",
         {to_sm, ask_hos},
         ev(k::endorsed, "2026-06-04", "iro_manager"),
         status::open,
         "head_of_service"},
        {"the IRO may skip to the director, with endorsement",
         {},
         ev(k::endorsement_requested, "2026-06-02", "iro", "director"),
         status::awaiting_endorsement,
         "team_manager"},
        {"mediation lets the climb proceed",
         {to_sm, ask_hos},
         mediation("2026-06-05", true),
         status::open,
         "head_of_service"},
        {"mediation keeps the escalation where it was",
         {to_sm, ask_hos},
         mediation("2026-06-05", false),
         status::open,
         "service_manager"},
        {"the stage owner still answers while an endorsement is pending",
         {to_sm, ask_hos},
         ev(k::responded, "2026-06-04", "service_manager"),
         status::awaiting_endorsement,
         "service_manager"},
        {"the IRO refers to Cafcass from the first stage",
         {},
         refer,
         status::with_cafcass,
         "cafcass"},
        {"the IRO refers to Cafcass while an endorsement is pending",
         {to_sm, ask_hos},
         ev(k::referred_to_cafcass, "2026-06-04", "iro"),
         status::with_cafcass,
         "cafcass"},
        {"Cafcass sends a progress report",
         {refer},
         ev(k::cafcass_progress_report, "2026-06-20", "iro"),
         status::with_cafcass,
         "cafcass"},
        {"the IRO tells Cafcass the need is met and it withdraws",
         {refer},
         ev(k::withdrawn_from_cafcass, "2026-06-20", "iro"),
         status::withdrawn,
         "cafcass"},
        {"Cafcass records its own withdrawal",
         {refer},
         ev(k::withdrawn_from_cafcass, "2026-06-20", "cafcass"),
         status::withdrawn,
         "cafcass"},
        {"the IRO resolves at the team manager",
         {},
         ev(k::resolved, "2026-06-05", "iro"),
         status::resolved,
         "team_manager"},
        {"the IRO resolves while an endorsement is pending",
         {to_sm, ask_hos},
         ev(k::resolved, "2026-06-05", "iro"),
         status::resolved,
         "service_manager"},
        {"the IRO resolves while Cafcass holds the case",
         {refer},
         ev(k::resolved, "2026-06-25", "iro"),
         status::resolved,
         "cafcass"},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const auto before = after(r.before);
        const auto applied = escalation::apply(before, r.event, standard());
        if (!applied)
            FAIL(core::describe(applied.err()));
        CHECK(applied.value().history.size() == before.history.size() + 1);
        const auto s = state(applied.value());
        CHECK(s.now == r.then);
        CHECK(s.stage_reached == r.stage_reached);
    }
}

TEST_CASE("illegal transitions are refused with the reason", "[escalation][transitions]") {
    using k = event_kind;
    struct row {
        const char* what;
        std::vector<escalation::event> before;
        escalation::event event;
        const char* code;
        const char* says;
    };
    const auto to_sm = ev(k::advanced, "2026-06-02", "iro", "service_manager");
    const auto ask_hos = ev(k::endorsement_requested, "2026-06-03", "iro", "head_of_service");
    const auto resolve = ev(k::resolved, "2026-06-03", "iro");
    const auto refer = ev(k::referred_to_cafcass, "2026-06-03", "iro");
    auto no_outcome = ev(k::resolved, "2026-06-03", "iro");
    no_outcome.note.clear();
    auto earlier = ev(k::acknowledged, "2026-06-02", "team_manager");
    earlier.at = at(d("2026-06-02"), 9);
    auto wrong_day = ev(k::acknowledged, "2026-06-05", "team_manager");
    wrong_day.at = at(d("2026-06-02"));
    auto nobody = ev(k::acknowledged, "2026-06-02", "team_manager");
    nobody.actor.clear();
    auto endorse_other = ev(k::endorsed, "2026-06-04", "iro_manager", "director");
    auto endorse_unneeded = ev(k::endorsed, "2026-06-04", "iro_manager", "service_manager");
    auto resolve_elsewhere = ev(k::resolved, "2026-06-03", "iro", "director");
    const auto at_ip = std::vector<escalation::event>{
        ev(k::endorsement_requested, "2026-06-02", "iro", "independent_person"),
        ev(k::endorsed, "2026-06-03", "iro_manager")};
    const std::vector<row> rows = {
        {"resolve twice",
         {resolve},
         ev(k::resolved, "2026-06-04", "iro"),
         "illegal_transition",
         "escalation E-1 is already resolved (on 2026-06-03)"},
        {"act on a resolved escalation",
         {resolve},
         ev(k::acknowledged, "2026-06-04", "team_manager"),
         "illegal_transition",
         "was resolved on 2026-06-03: nothing more can be recorded (acknowledged)"},
        {"advance a resolved escalation",
         {resolve},
         ev(k::advanced, "2026-06-04", "iro"),
         "illegal_transition",
         "was resolved on 2026-06-03"},
        {"raise twice",
         {},
         ev(k::raised, "2026-06-02", "iro"),
         "illegal_transition",
         "already raised on 2026-06-01"},
        {"advance past the top of the ladder", at_ip, ev(k::advanced, "2026-06-04", "iro"),
         "illegal_transition", "independent_person is the top of the ladder inside the council"},
        {"advance to an unknown stage",
         {},
         ev(k::advanced, "2026-06-02", "iro", "deputy_director"),
         "unknown_stage",
         "no stage \"deputy_director\" in the ladder"},
        {"advance to an earlier stage",
         {to_sm},
         ev(k::advanced, "2026-06-03", "iro", "team_manager"),
         "illegal_transition",
         "team_manager is not above service_manager: an escalation only climbs"},
        {"advance to the stage it is at",
         {},
         ev(k::advanced, "2026-06-02", "iro", "team_manager"),
         "illegal_transition",
         "team_manager is not above team_manager"},
        {"advance into a stage that needs endorsement",
         {},
         ev(k::advanced, "2026-06-02", "iro", "head_of_service"),
         "illegal_transition",
         "entering head_of_service needs the IRO manager's endorsement"},
        {"advance to Cafcass instead of referring",
         {},
         ev(k::advanced, "2026-06-02", "iro", "cafcass"),
         "illegal_transition",
         "Cafcass is reached by referred_to_cafcass, not by advanced"},
        {"advance while an endorsement is pending",
         {to_sm, ask_hos},
         ev(k::advanced, "2026-06-04", "iro", "director"),
         "illegal_transition",
         "an endorsement of head_of_service is pending since 2026-06-03"},
        {"advance by the team manager",
         {},
         ev(k::advanced, "2026-06-02", "team_manager"),
         "wrong_role",
         "only the IRO climbs the ladder (role was team_manager)"},
        {"reviewd advances a stage that does not escalate automatically",
         {},
         ev(k::advanced, "2026-06-09", "system"),
         "wrong_role",
         "reviewd advances by itself only to the next stage"},
        {"ask endorsement for a stage that needs none",
         {},
         ev(k::endorsement_requested, "2026-06-02", "iro", "service_manager"),
         "illegal_transition",
         "service_manager needs no endorsement: advance to it"},
        {"ask a second endorsement while one is pending",
         {to_sm, ask_hos},
         ev(k::endorsement_requested, "2026-06-04", "iro", "director"),
         "illegal_transition",
         "an endorsement of head_of_service is pending since 2026-06-03"},
        {"endorse when no endorsement is pending",
         {},
         ev(k::endorsed, "2026-06-02", "iro_manager"),
         "illegal_transition",
         "escalation E-1 has no endorsement pending"},
        {"endorse a stage that needs none",
         {to_sm},
         endorse_unneeded,
         "illegal_transition",
         "service_manager needs no endorsement"},
        {"endorse another stage than the one pending",
         {to_sm, ask_hos},
         endorse_other,
         "illegal_transition",
         "the pending endorsement is for head_of_service, not director"},
        {"the IRO endorses their own request",
         {to_sm, ask_hos},
         ev(k::endorsed, "2026-06-04", "iro"),
         "wrong_role",
         "only the IRO manager endorses (role was iro)"},
        {"mediate with nothing pending",
         {},
         mediation("2026-06-02", true),
         "illegal_transition",
         "escalation E-1 has none pending"},
        {"the IRO manager mediates their own disagreement",
         {to_sm, ask_hos},
         ev(k::mediated, "2026-06-04", "iro_manager"),
         "wrong_role",
         "only the head_of_service role mediates (role was iro_manager)"},
        {"respond by someone who is not the stage owner",
         {},
         ev(k::responded, "2026-06-02", "service_manager"),
         "wrong_role",
         "only the team_manager role can respond at stage team_manager (role was "
         "service_manager)"},
        {"the IRO acknowledges on the manager's behalf",
         {},
         ev(k::acknowledged, "2026-06-02", "iro"),
         "wrong_role",
         "only the team_manager role can acknowledge at stage team_manager"},
        {"acknowledge twice",
         {ev(k::acknowledged, "2026-06-02", "team_manager")},
         ev(k::acknowledged, "2026-06-03", "team_manager"),
         "illegal_transition",
         "stage team_manager was already acknowledged on 2026-06-02"},
        {"acknowledge after responding",
         {ev(k::responded, "2026-06-02", "team_manager")},
         ev(k::acknowledged, "2026-06-03", "team_manager"),
         "illegal_transition",
         "stage team_manager already responded on 2026-06-02"},
        {"respond while Cafcass holds the case",
         {refer},
         ev(k::responded, "2026-06-04", "cafcass"),
         "illegal_transition",
         "Cafcass holds the case: it sends progress reports"},
        {"a Cafcass report when the case is not with Cafcass",
         {},
         ev(k::cafcass_progress_report, "2026-06-02", "iro"),
         "illegal_transition",
         "escalation E-1 is not with Cafcass: no progress report is expected"},
        {"withdraw when never referred",
         {},
         ev(k::withdrawn_from_cafcass, "2026-06-02", "iro"),
         "illegal_transition",
         "there is no referral to withdraw"},
        {"withdraw twice",
         {refer, ev(k::withdrawn_from_cafcass, "2026-06-10", "iro")},
         ev(k::withdrawn_from_cafcass, "2026-06-11", "iro"),
         "illegal_transition",
         "was withdrawn from Cafcass on 2026-06-10"},
        {"a report after the withdrawal",
         {refer, ev(k::withdrawn_from_cafcass, "2026-06-10", "iro")},
         ev(k::cafcass_progress_report, "2026-06-11", "iro"),
         "illegal_transition",
         "was withdrawn from Cafcass on 2026-06-10"},
        {"withdrawal recorded by a manager",
         {refer},
         ev(k::withdrawn_from_cafcass, "2026-06-10", "director"),
         "wrong_role",
         "the IRO or Cafcass records a withdrawal"},
        {"refer twice",
         {refer},
         ev(k::referred_to_cafcass, "2026-06-04", "iro"),
         "illegal_transition",
         "escalation E-1 is already with Cafcass (since 2026-06-03)"},
        {"the IRO manager refers",
         {},
         ev(k::referred_to_cafcass, "2026-06-02", "iro_manager"),
         "wrong_role",
         "only the IRO refers to Cafcass"},
        {"refer to a stage that is not Cafcass",
         {},
         ev(k::referred_to_cafcass, "2026-06-02", "iro", "director"),
         "illegal_transition",
         "a referral goes to the Cafcass stage cafcass, not director"},
        {"the team manager resolves",
         {},
         ev(k::resolved, "2026-06-02", "team_manager"),
         "wrong_role",
         "only the IRO resolves an escalation"},
        {"resolve without an outcome",
         {},
         no_outcome,
         "invalid_event",
         "a resolution needs its outcome"},
        {"resolve naming a stage never reached",
         {},
         resolve_elsewhere,
         "illegal_transition",
         "the escalation is at team_manager, not director"},
        {"an event earlier than the last one",
         {ev(k::acknowledged, "2026-06-02", "team_manager")},
         earlier,
         "out_of_order",
         "earlier than the escalation's last event"},
        {"a local day that is not the instant's date",
         {},
         wrong_day,
         "invalid_event",
         "local day 2026-06-05 is not the date of the event's instant"},
        {"an event with no actor", {}, nobody, "invalid_event", "the event names no actor"},
    };
    for (const auto& r : rows) {
        INFO(r.what);
        const auto before = after(r.before);
        const auto refused = escalation::apply(before, r.event, standard());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.err().code == r.code);
        CHECK_THAT(refused.err().message, Catch::Contains(r.says));
    }
}
