// The one-line basis of a deadline, written so a person can check it with a calendar:
// "20 working days after 2026-03-20, became looked after; skipped Good Friday 2026-04-03 and
// Easter Monday 2026-04-06".
#pragma once

#include "calendar/working_calendar.h"
#include "rules/time_limit.h"

#include <string>
#include <string_view>

namespace reviewd::rules {

struct basis_facts {
    const time_limit& limit;
    core::day clock_start;
    std::string_view event; // "became looked after", "review 1 held"
    applied_limit applied;
    calendar::start_day counting;
};

// Appends the limit's reasoning: the count, skipped closures, month-end clamping.
void append_limit_basis(std::string& out, const basis_facts& facts, const calendar::working_calendar& calendar);

// Appends "; practical due Friday 2026-02-27 (last working day on or before)" when it differs, and
// the provisional warning when the holiday data did not cover the dates used.
void append_practical_basis(std::string& out, core::day due, core::day practical, bool provisional,
                            const calendar::working_calendar& calendar);

} // namespace reviewd::rules
