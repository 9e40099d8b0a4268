// The optional daily digest: instead of one email per reminder, a person gets one email each
// working day listing every open deadline of theirs that is overdue or due within a horizon.
// Which audiences take the digest, when it goes and how far it looks ahead are configuration;
// webhooks are never digested. Pure: the calendar and time zone are handed in.
//
// A digest belongs to a local working day. It is due from `local_time` on that day and is sent
// at most once (the store records the last day sent). After downtime only the current day's
// digest goes: it lists everything still overdue, so the missed days' digests add nothing.
#pragma once

#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "core/dates.h"
#include "schedule/reminder_policy.h"

#include <chrono>
#include <date/tz.h>
#include <optional>
#include <vector>

namespace reviewd::schedule {

struct digest_policy {
    bool enabled = false;
    // People who get the digest instead of single reminder emails.
    std::vector<audience> to{audience::iro, audience::iro_manager, audience::team_manager,
                             audience::social_worker};
    std::chrono::minutes local_time{8 * 60};
    int horizon_working_days = 15; // "due soon": within this many working days of the digest day

    bool covers(audience a) const;
};

// The day whose digest is due at `now` (`today` is `now`'s local date): today, when it is a
// working day, its digest time has come and today's digest has not been sent (`last_sent`).
std::optional<core::day> digest_due(core::instant now, core::day today,
                                    std::optional<core::day> last_sent, const digest_policy& policy,
                                    const calendar::working_calendar& calendar,
                                    const date::time_zone& zone);

// When the next digest falls due after `now`: the first working day from today whose digest is
// still to come, at its local time.
core::instant next_digest_at(core::instant now, core::day today, std::optional<core::day> last_sent,
                             const digest_policy& policy,
                             const calendar::working_calendar& calendar,
                             const date::time_zone& zone);

// Where a deadline stands in the digest of `day`: overdue (its due date passed), due within the
// horizon (working days until its practical due date, 0 = due today), or not listed.
struct digest_standing {
    bool overdue = false;
    int working_days_left = 0;
};
std::optional<digest_standing> digest_standing_of(const rules::deadline& d, core::day day,
                                                  const digest_policy& policy,
                                                  const calendar::working_calendar& calendar);

} // namespace reviewd::schedule
