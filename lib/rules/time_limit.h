// A statutory time limit as the instruments phrase it: "20 working days", "28 days", "6 weeks",
// "3 months", and how to apply one to a start date on a given calendar.
#pragma once

#include "calendar/working_calendar.h"
#include "core/dates.h"

#include <optional>
#include <string>
#include <string_view>

namespace reviewd::rules {

struct time_limit {
    enum class unit { working_days, days, weeks, months };
    unit in = unit::days;
    int amount = 0;

    bool operator==(const time_limit&) const = default;
};

// Parses "20 working days", "1 working day", "28 days", "6 weeks", "3 months", "1 month".
std::optional<time_limit> parse_time_limit(std::string_view text);
std::string to_string(const time_limit& limit); // the same phrasing back
void append_time_limit(std::string& out, const time_limit& limit);

// The statutory due date of a limit whose clock starts on `start`.
struct applied_limit {
    core::day due;
    bool clamped = false; // months: the later month had no corresponding day
};
applied_limit apply_limit(const time_limit& limit, core::day start,
                          const calendar::working_calendar& calendar, calendar::start_day counting);

} // namespace reviewd::rules
