// Building the chronology from the history; see chronology.h. The rendering is in
// chronology_render.cc.
#include "escalation/chronology.h"

#include "escalation/replay.h"
#include "escalation/state.h"

#include <date/date.h>

namespace reviewd::escalation {
namespace {

std::string words(std::string id) {
    for (auto& ch : id)
        if (ch == '_')
            ch = ' ';
    return id;
}

bool enters_stage(const event& e) {
    switch (e.kind) {
    case event_kind::raised:
    case event_kind::advanced:
    case event_kind::endorsed:
        return true;
    case event_kind::mediated:
        return e.proceed;
    case event_kind::referred_to_cafcass:
        return !e.awaits_endorsement;
    default:
        return false;
    }
}

// Working days each step and endorsement took, once the walk is over.
void measure(chronology& c, const calendar::working_calendar& cal) {
    for (dispute_step& s : c.steps) {
        s.answered = !s.answers.empty();
        const core::day end = s.answered ? s.answers.front().on : s.left_on.value_or(c.as_of);
        s.working_days = std::max(0, cal.working_days_between(s.entered_on, end));
        s.in_time = s.answered && s.response_due && s.answers.front().on <= *s.response_due;
    }
    for (endorsement_step& e : c.endorsements)
        e.working_days = std::max(
            0, cal.working_days_between(e.requested_on,
                                        e.decided_on.value_or(c.resolved_on.value_or(c.as_of))));
}

} // namespace

core::result<chronology> chronology_of(const escalation& e,
                                       const std::vector<std::optional<std::string>>& asked,
                                       const ladder& l, const calendar::working_calendar& calendar,
                                       core::day today) {
    auto state = state_of(e, l, calendar, today);
    if (!state)
        return state.err();
    const escalation_state& s = state.value();
    chronology c;
    c.id = e.id;
    c.child = e.child_ref;
    c.raised_by = e.raised_by;
    c.what = e.what;
    c.description = e.description;
    c.raised_on = s.total.raised_on;
    c.as_of = today;
    c.now = s.now;
    c.stage_reached = s.stage_reached;
    c.total_working_days = s.total.elapsed_working_days;
    c.total_limit_working_days = s.total.limit_working_days;
    c.total_breached = s.total.breached;
    c.checks = e.checks;
    c.missing = s.checklist.missing;
    c.entered_incomplete = s.checklist.entered_incomplete;

    position p;
    // Indexes of the step the escalation stands at and of the endorsement pending (`none`: none;
    // not std::optional, which GCC 12 at -O2 takes for uninitialised here).
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::size_t current = none, pending = none;
    const auto leave = [&](core::day on, std::string how) {
        if (current != none && !c.steps[current].left_on) {
            c.steps[current].left_on = on;
            c.steps[current].left_how = std::move(how);
        }
    };
    for (std::size_t i = 0; i < e.history.size(); ++i) {
        const event& ev = e.history[i];
        auto next = step(p, ev, l);
        if (!next)
            return next.err();
        const position& q = next.value();
        const std::optional<std::string> who = i < asked.size() ? asked[i] : std::nullopt;
        c.events.push_back(
            {i + 1, ev.local_day,
             date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(ev.at)),
             std::string(to_string(ev.kind)), ev.actor, ev.role, ev.stage, ev.note});
        if ((ev.kind == event_kind::endorsed || ev.kind == event_kind::mediated) &&
            pending != none) {
            endorsement_step& d = c.endorsements[pending];
            d.decided_on = ev.local_day;
            d.decided_by = ev.actor;
            d.decision = ev.kind == event_kind::endorsed
                             ? "endorsed"
                             : (ev.proceed ? "mediated: proceed" : "mediated: not proceed");
            d.note = ev.note;
            pending = none;
        }
        if (enters_stage(ev)) {
            const stage& here = l.stages[q.stage];
            leave(ev.local_day, here.cafcass ? "referred to Cafcass" : "went to " + words(here.id));
            dispute_step st;
            st.stage = here.id;
            st.owner_role = here.owner_role;
            st.asked = who;
            st.entered_on = ev.local_day;
            st.entered_by = std::string(to_string(ev.kind));
            st.automatic = ev.role == system_role;
            if (!here.cafcass)
                st.response_due =
                    calendar.add_working_days(ev.local_day, here.response_working_days);
            else
                c.referred_to_cafcass_on = ev.local_day;
            st.checklist_on_entry = ev.checklist_on_entry;
            c.steps.push_back(std::move(st));
            current = c.steps.size() - 1;
        }
        switch (ev.kind) {
        case event_kind::acknowledged:
            if (current != none)
                c.steps[current].acknowledged_on = ev.local_day;
            break;
        case event_kind::responded:
            if (current != none)
                c.steps[current].answers.push_back({ev.local_day, ev.actor, ev.note});
            break;
        case event_kind::endorsement_requested:
        case event_kind::referred_to_cafcass:
            if (ev.awaits_endorsement) {
                c.endorsements.push_back(
                    {ev.stage, ev.local_day, ev.actor, who, std::nullopt, "", "", "", 0});
                pending = c.endorsements.size() - 1;
            }
            break;
        case event_kind::cafcass_progress_report:
            c.cafcass_reports.push_back(ev.local_day);
            break;
        case event_kind::withdrawn_from_cafcass:
            c.withdrawn_on = ev.local_day;
            leave(ev.local_day, "withdrawn from Cafcass");
            break;
        case event_kind::resolved:
            c.resolved_on = ev.local_day;
            c.resolved = resolution_of(ev.note);
            leave(ev.local_day, "resolved");
            if (pending != none) { // resolved while awaiting endorsement: the request lapses
                c.endorsements[pending].decision = "not decided: resolved first";
                pending = none;
            }
            break;
        default:
            break;
        }
        p = q;
    }
    measure(c, calendar);
    return c;
}

} // namespace reviewd::escalation
