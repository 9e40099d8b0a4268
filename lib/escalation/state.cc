// The state of an escalation on a given day; the clock rules are in state.h.
#include "escalation/state.h"

#include "escalation/replay.h"

#include <algorithm>

namespace reviewd::escalation {

core::result<escalation_state> state_of(const escalation& e, const ladder& l,
                                        const calendar::working_calendar& calendar,
                                        core::day today) {
    auto replayed = replay(e, l);
    if (!replayed)
        return replayed.err();
    const position& p = replayed.value();
    if (!p.raised)
        return core::make_error("not_raised", "escalation " + e.id + " has not been raised",
                                "history");
    escalation_state s;
    s.now = p.now;
    s.stage_reached = l.stages[p.stage].id;
    s.finished_on = p.finished_on;
    core::day latest = today;
    const auto note = [&](core::day d) { latest = std::max(latest, d); };

    if (p.now == status::open || p.now == status::awaiting_endorsement) {
        const stage& here = l.stages[p.stage];
        stage_clock c;
        c.stage = here.id;
        c.owner_role = here.owner_role;
        c.entered_at = p.stage_entered_at;
        c.entered_on = p.stage_entered_on;
        c.response_due = calendar.add_working_days(p.stage_entered_on, here.response_working_days);
        c.acknowledged_on = p.acknowledged_on;
        c.responded_on = p.responded_on;
        c.stale = !p.responded_on && today > c.response_due;
        note(c.response_due);
        s.stage = c;
    }
    if (p.now == status::awaiting_endorsement) {
        endorsement_clock c;
        c.stage = l.stages[*p.pending].id;
        c.requested_on = p.pending_since;
        c.due = calendar.add_working_days(p.pending_since, l.endorsement_working_days);
        c.stale = today > c.due;
        note(c.due);
        s.endorsement = c;
    }

    total_clock& t = s.total;
    t.raised_on = p.raised_on;
    t.limit_working_days = l.total_limit_working_days;
    t.limit_day = calendar.add_working_days(p.raised_on, l.total_limit_working_days);
    t.stopped_on = p.total_stopped_on;
    const core::day counted_to = p.total_stopped_on ? std::min(today, *p.total_stopped_on) : today;
    t.elapsed_working_days = std::max(0, calendar.working_days_between(p.raised_on, counted_to));
    t.breached = counted_to > t.limit_day;
    note(t.limit_day);

    if (p.now == status::with_cafcass) {
        cafcass_clock c;
        c.referred_on = *p.cafcass_since;
        c.last_report_on = p.last_report_on;
        c.reports = p.reports;
        const core::day from =
            p.last_report_on ? std::max(*p.last_report_on, c.referred_on) : c.referred_on;
        c.next_report_due = from + date::days{l.cafcass_report_interval_days};
        c.late = today > c.next_report_due;
        s.cafcass = c;
    }

    s.checklist.current = e.checks;
    s.checklist.missing = missing(e.checks);
    for (const std::size_t i : p.entered_incomplete)
        s.checklist.entered_incomplete.push_back(l.stages[i].id);
    s.provisional = !calendar.covers(p.raised_on, latest);
    return s;
}

} // namespace reviewd::escalation
