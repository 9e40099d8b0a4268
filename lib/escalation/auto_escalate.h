// Automatic climbing for ladders whose stages escalate when no response comes in time (the
// 2017-flowchart behaviour, one setting per stage): the shell calls auto_escalate() when an
// auto_advance timer fires, and again after downtime; it applies every advance due by `today`,
// chained (a stage entered by an automatic advance starts its own clock that day and may in turn
// go stale before `today`), across weekends and bank holidays. Pure: `today` and the stamp of
// each event are handed in.
//
// Rules. A stage with auto_escalate that has not responded climbs on its stale day (the first
// working day after its response was due) to the NEXT stage: advanced, or endorsement_requested
// when that stage needs endorsement (the chain then waits for the IRO manager). It never enters
// the Cafcass stage (a referral is the IRO's decision, with the papers the guidance requires),
// never acts while an endorsement is pending, and stops at a stage without auto_escalate.
// Each event is by actor "reviewd" in role "system", with local_day the stale day and `at` from
// `stamp` for that day (the shell passes its reminder time in Europe/London) - but never before
// the escalation's latest event, which keeps the history in time order.
#pragma once

#include "calendar/working_calendar.h"
#include "escalation/escalation.h"

#include <functional>

namespace reviewd::escalation {

inline constexpr std::string_view system_actor = "reviewd";

// The instant to record for an automatic event on a local day.
using day_stamp = std::function<core::instant(core::day)>;

// The escalation with every automatic advance due by `today` applied (unchanged when none is).
core::result<escalation> auto_escalate(const escalation& e, const ladder& l,
                                       const calendar::working_calendar& calendar, core::day today,
                                       const day_stamp& stamp);

} // namespace reviewd::escalation
