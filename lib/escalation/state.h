// Where one escalation stands on a given day: the stage it is open at and that stage's response
// clock, a pending endorsement, the 20-working-day total, the Cafcass report clock and the
// checklist flags. Pure: the ladder, the working-day calendar and `today` (the council's local
// date, Europe/London: the caller's concern) are handed in.
//
// The clocks, precisely. A clock that runs N working days from an event on local day D ends on
// calendar.add_working_days(D, N): day 1 is the first working day after D (the start day is
// excluded, whatever the hour), so a stage entered on a Saturday or a bank holiday has its first
// day on the next working day. The thing is due by the END of that day (23:59:59 local): it is
// stale, breached or late from the following calendar day, and state_of() says so on any day
// after it, weekends included. Alerts about it go on the next working day (timers.h).
//   - stage response:   N = the stage's response_working_days from the day it was entered;
//                       stopped by the first response, not by an acknowledgement.
//   - endorsement:      N = endorsement_working_days from the day it was requested.
//   - total limit:      N = total_limit_working_days from the day it was raised; it stops on
//                       the day it is resolved or enters Cafcass (the council's own process is
//                       over), and a stopped clock stays breached if it ended after the limit.
//   - Cafcass reports:  calendar days (cafcass_report_interval_days) from the referral or the
//                       latest report, whichever is later.
#pragma once

#include "calendar/working_calendar.h"
#include "escalation/escalation.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::escalation {

struct stage_clock {
    std::string stage; // the stage's id
    std::string owner_role;
    core::instant entered_at;
    core::day entered_on;
    core::day response_due; // by the end of this working day
    std::optional<core::day> acknowledged_on;
    std::optional<core::day> responded_on; // the first response
    bool stale = false;                    // no response and today is after response_due
};

struct endorsement_clock {
    std::string stage; // the stage waiting to be entered
    core::day requested_on;
    core::day due; // by the end of this working day
    bool stale = false;
};

struct total_clock {
    core::day raised_on;
    core::day limit_day;                 // the last working day inside the limit
    std::optional<core::day> stopped_on; // resolved or entered Cafcass
    int elapsed_working_days = 0;        // in (raised_on, min(today, stopped_on)]
    int limit_working_days = 20;
    bool breached = false;
};

struct cafcass_clock {
    core::day referred_on;
    std::optional<core::day> last_report_on;
    int reports = 0;
    core::day next_report_due; // by the end of this day (calendar days)
    bool late = false;
};

struct checklist_flags {
    checklist current;
    std::vector<checklist_item> missing; // from `current`
    // Formal stages entered while the checklist was incomplete, in the order entered.
    std::vector<std::string> entered_incomplete;
};

struct escalation_state {
    status now = status::open;
    std::string stage_reached;        // the highest stage entered (with Cafcass: the Cafcass stage)
    std::optional<stage_clock> stage; // while open or awaiting endorsement
    std::optional<endorsement_clock> endorsement; // while awaiting endorsement
    total_clock total;
    std::optional<cafcass_clock> cafcass; // while with Cafcass
    std::optional<core::day> finished_on; // resolved or withdrawn
    checklist_flags checklist;
    bool provisional = false; // a date was computed past the years the calendar knows
};

// The state on `today`, or an error when the escalation was never raised or its history names a
// stage the ladder no longer has.
core::result<escalation_state> state_of(const escalation& e, const ladder& l,
                                        const calendar::working_calendar& calendar,
                                        core::day today);

} // namespace reviewd::escalation
