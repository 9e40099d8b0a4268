// From a deadline and the reminder policy to the instants its reminders fire. Pure: the calendar
// and the time zone are handed in; nothing reads the clock.
//
// Each timer has a stable key naming the due date it was computed for, what it is and who it is
// for ("2026-07-16/before-5/iro"): recomputing the same deadline gives the same keys (nothing is
// sent twice), and a moved due date gives new keys (the old pending ones are dropped).
#pragma once

#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "rules/deadline.h"
#include "schedule/reminder_policy.h"

#include <date/tz.h>

#include <string>
#include <vector>

namespace reviewd::schedule {

struct timer_spec {
    std::string key; // unique per deadline: "<due>/<tag>/<audience>"
    std::string tag; // "before-15", "due", "missed", "missed-week-2", ...
    audience to = audience::iro;
    core::day local_day;   // the working day it fires on, in the council's time zone
    core::instant fire_at; // policy.local_time on local_day, as an instant
};

// Timers for an open deadline (none for met or cancelled ones), in fire order.
std::vector<timer_spec> timers_for(const rules::deadline& d, const reminder_policy& policy,
                                   const calendar::working_calendar& calendar,
                                   const date::time_zone& zone);

// policy.local_time on `day` in `zone`, as an instant (Europe/London's skipped and repeated hours
// resolve to the earliest valid instant).
core::instant local_instant(core::day day, std::chrono::minutes local_time,
                            const date::time_zone& zone);

} // namespace reviewd::schedule
