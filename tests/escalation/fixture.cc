// Helpers for the escalation tests; see fixture.h.
#include "fixture.h"

#include <catch2/catch.hpp>

namespace reviewd::test::esc {

core::day d(const char* iso) {
    const auto day = core::parse_iso_date(iso);
    REQUIRE(day);
    return *day;
}

std::string iso(core::day day) {
    return core::format_iso_date(day);
}

core::instant at(core::day day, int hour_utc) {
    return core::instant{day.time_since_epoch()} + std::chrono::hours{hour_utc};
}

std::string actor_for(const std::string& role) {
    if (role == "iro")
        return "iro-7";
    if (role == "iro_manager")
        return "mgr-3";
    if (role == "system")
        return "reviewd";
    return role + "-1";
}

escalation::event ev(event_kind kind, const char* day, const std::string& role,
                     const std::string& stage) {
    escalation::event e;
    e.kind = kind;
    e.local_day = d(day);
    e.at = at(e.local_day);
    e.role = role;
    e.actor = actor_for(role);
    e.stage = stage;
    if (kind == event_kind::resolved)
        e.note = "care plan now being implemented";
    return e;
}

escalation::escalation draft() {
    escalation::escalation e;
    e.id = "E-1";
    e.child_ref = "C-100";
    e.raised_by = "iro-7";
    e.what = escalation::category::care_plan_not_implemented;
    e.description = "Contact with siblings agreed at review not arranged";
    return e;
}

escalation::checklist all_done() {
    escalation::checklist c;
    c.complaints_procedure_explained = true;
    c.advocate_offered = true;
    c.wishes_and_feelings_recorded = true;
    return c;
}

escalation::escalation run(escalation::escalation e, const std::vector<escalation::event>& events,
                           const escalation::ladder& l) {
    for (const auto& one : events) {
        auto next = escalation::apply(e, one, l);
        if (!next)
            FAIL(std::string(escalation::to_string(one.kind)) + " on " + iso(one.local_day) +
                 " was refused: " + core::describe(next.err()));
        e = std::move(next).value();
    }
    return e;
}

escalation::escalation raised_on(const char* day, const escalation::ladder& l) {
    return run(draft(), {ev(event_kind::raised, day, "iro")}, l);
}

const escalation::ladder& standard() {
    static const escalation::ladder l = escalation::default_ladder();
    return l;
}

escalation::escalation after(const std::vector<escalation::event>& more) {
    return run(raised_on("2026-06-01", standard()), more, standard());
}

escalation::event mediation(const char* day, bool proceed) {
    auto e = ev(event_kind::mediated, day, "head_of_service");
    e.proceed = proceed;
    e.note = "agreed at the mediation meeting";
    return e;
}

escalation::escalation_state state_on(const escalation::escalation& e, const char* today,
                                      const escalation::ladder& l) {
    auto s = escalation::state_of(e, l, test::england_and_wales(), d(today));
    if (!s)
        FAIL(core::describe(s.err()));
    return s.value();
}

std::string refusal(const escalation::escalation& x, const escalation::event& e,
                    const escalation::ladder& l) {
    const auto r = escalation::apply(x, e, l);
    return r ? "accepted" : r.err().message;
}

std::string refusal_code(const escalation::escalation& x, const escalation::event& e,
                         const escalation::ladder& l) {
    const auto r = escalation::apply(x, e, l);
    return r ? "accepted" : r.err().code;
}

} // namespace reviewd::test::esc
