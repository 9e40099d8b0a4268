// Who is reminded of which deadlines, and when: the reminder policy as plain values (loaded from
// the [reminders] part of reviewd.toml by the daemon). Defaults follow domain.md.
#pragma once

#include "rules/deadline.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewd::schedule {

// Who a reminder goes to, resolved per child when it fires (assignments, the IRO's manager).
enum class audience { iro, iro_manager, team_manager, social_worker, webhook };
std::string_view to_string(audience a);
std::optional<audience> audience_from(std::string_view text);

struct reminder_rule {
    std::vector<rules::deadline_kind> kinds;
    std::vector<audience> to;
    std::vector<int> before_working_days{15, 5, 1}; // reminders this many working days before
    bool on_due_day = true;                         // on the practical due date
    bool after_missed = true;                       // the first working day after the due date
    int weekly_while_missed = 8;                    // then weekly chasers, at most this many
};

// What to do with reminders that fell due while the daemon was down.
enum class late_policy { fire_once, skip_older };

struct reminder_policy {
    std::vector<reminder_rule> rules;        // the first rule naming a deadline's kind applies
    std::chrono::minutes local_time{8 * 60}; // reminders go at this local time on working days
    late_policy late = late_policy::fire_once;
    int skip_older_than_days = 14;       // with skip_older: older late reminders are dropped
    std::chrono::minutes late_after{15}; // a reminder fired this long after its time is "late"

    const reminder_rule* rule_for(rules::deadline_kind kind) const;
};

// The shipped default: reviews and requests to the IRO (and the IRO manager once missed), the
// other deadlines to the IRO; webhooks for all.
reminder_policy default_policy();

} // namespace reviewd::schedule
