// The moments an open escalation needs someone told (or, with auto_escalate, needs to climb by
// itself), with stable keys, as lib/schedule/timers.h does for deadlines. Pure: the calendar is
// handed in; each timer names a local working day, and the shell turns it into an instant at the
// reminder policy's local time in Europe/London (schedule::local_instant) and owns delivery.
//
// What fires (the clock rules are in state.h; "next working day" means the first working day
// after the day something was due by):
//   stage_stale           next working day after the stage's response_due, unless it responded;
//                         to the stage owner, the IRO and the IRO manager. Fires even when the
//                         stage acknowledged: acknowledging stops the chasing, not the clock.
//   stage_chase-N         every chase_interval working days after that, N = 1..max_chases, to
//                         the same three, unless the stage acknowledged or responded.
//   auto_advance          on the stale day, when the stage escalates automatically and the next
//                         stage is inside the council; no audience (the shell runs
//                         auto_escalate()). Not while an endorsement is pending.
//   endorsement_stale     next working day after an endorsement request's due day, then
//   endorsement_chase-N   chasers as above; to the IRO manager and the IRO.
//   total_breached        next working day after the total limit's last day, once, unless the
//                         clock stopped in time; to the IRO and the IRO manager (they monitor
//                         the process; the stage owner hears of its own stage's staleness).
//   cafcass_report_late   first working day after the report's due day, then
//   cafcass_report_chase-N chasers as above; to the IRO and the IRO manager.
//
// Keys are unique within one escalation and name what the timer was computed from
// ("director/2026-03-09/stage_stale/iro"): recomputing after any event gives the same keys for
// what is unchanged, and new keys (the old pending ones to drop) when a stage or due date moves.
// Resolved and withdrawn escalations have no timers. Timers already in the past are included;
// the store keeps which have fired.
#pragma once

#include "calendar/working_calendar.h"
#include "escalation/escalation.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::escalation {

// Who is told, resolved per escalation when the timer fires.
enum class audience { stage_owner, iro, iro_manager };

enum class timer_kind {
    stage_stale,
    stage_chase,
    auto_advance,
    endorsement_stale,
    endorsement_chase,
    total_breached,
    cafcass_report_late,
    cafcass_report_chase,
};

struct timer {
    std::string key;
    timer_kind kind = timer_kind::stage_stale;
    std::optional<audience> to; // none for auto_advance
    std::string stage;          // the stage concerned (endorsements: the one waiting; total: none)
    std::string owner_role;     // that stage's owner role, for audience::stage_owner
    int chase = 0;              // N for the chase kinds
    core::day local_day;        // the working day it fires on, in the council's time zone
};

// The timers of an escalation as it stands, in firing order (stable within a day), or an error
// when its history names a stage the ladder no longer has.
core::result<std::vector<timer>> timers_for(const escalation& e, const ladder& l,
                                            const calendar::working_calendar& calendar);

std::string_view to_string(audience a);
std::string_view to_string(timer_kind k);

} // namespace reviewd::escalation
