// Automatic advances due by a day, chained; see auto_escalate.h.
#include "escalation/auto_escalate.h"

#include "escalation/replay.h"

#include <algorithm>

namespace reviewd::escalation {

core::result<escalation> auto_escalate(const escalation& e, const ladder& l,
                                       const calendar::working_calendar& calendar, core::day today,
                                       const day_stamp& stamp) {
    escalation current = e;
    // Each pass climbs one stage; a ladder has few stages, so the bound is only a guard.
    for (std::size_t pass = 0; pass < l.stages.size(); ++pass) {
        auto replayed = replay(current, l);
        if (!replayed)
            return replayed.err();
        const position& p = replayed.value();
        if (!p.raised || p.now != status::open || p.responded_on)
            break;
        const stage& here = l.stages[p.stage];
        const std::size_t next = p.stage + 1;
        if (!here.auto_escalate || next >= l.stages.size() || l.stages[next].cafcass)
            break;
        const core::day due =
            calendar.add_working_days(p.stage_entered_on, here.response_working_days);
        const core::day stale = calendar.add_working_days(due, 1);
        if (stale > today)
            break;
        event climb;
        climb.kind = l.stages[next].needs_endorsement ? event_kind::endorsement_requested
                                                      : event_kind::advanced;
        climb.local_day = std::max(stale, p.last_day);
        climb.at = std::max(stamp(climb.local_day), p.last_at);
        climb.actor = std::string(system_actor);
        climb.role = std::string(system_role);
        climb.stage = l.stages[next].id;
        climb.note = "no response from " + here.id + " by " + core::format_iso_date(due);
        auto applied = apply(current, climb, l);
        if (!applied)
            return applied.err();
        current = std::move(applied).value();
    }
    return current;
}

} // namespace reviewd::escalation
