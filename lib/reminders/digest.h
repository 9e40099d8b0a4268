// The words of the daily digest: one email per person listing their open deadlines that are
// overdue or due within the horizon, overdue first. Who gets which deadline follows the reminder
// policy (a deadline's kind names its audiences) restricted to the digest's audiences. Pure.
#pragma once

#include "calendar/working_calendar.h"
#include "reminders/compose.h"
#include "schedule/digest.h"
#include "schedule/reminder_policy.h"
#include "store/records.h"

#include <functional>
#include <vector>

namespace reviewd::reminders {

struct digest_options {
    core::day day;     // the working day the digest is for
    bool late = false; // written after its time (the daemon was not running)
    const schedule::digest_policy* digest = nullptr;
    const schedule::reminder_policy* reminders = nullptr;
    // The working calendar a deadline is counted in (its rule set's), or nullptr if unknown.
    std::function<const calendar::working_calendar*(const store::stored_deadline&)> calendar_for;
};

// Event ids are "evt_digest_<day>_<hash of the recipient>": a digest is written once per person
// per day, and a repeated write of the same day is ignored by the outbox.
std::vector<store::outbox_message> compose_digests(const std::vector<store::digest_entry>& entries,
                                                   const digest_options& how,
                                                   const compose_options& options);

} // namespace reviewd::reminders
