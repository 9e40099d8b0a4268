// The one-line basis of a deadline, written so a person can check it with a calendar:
// "20 working days after 2026-03-20, became looked after; skipped Good Friday 2026-04-03 and
// Easter Monday 2026-04-06".
#pragma once

#include "calendar/working_calendar.h"
#include "rules/time_limit.h"

#include <string>
#include <string_view>

namespace reviewd::rules {

// What happened on the day a clock started; written into the basis as words ("review 2 held").
struct clock_event {
    enum class what {
        became_looked_after,
        first_placement_began,
        placement_began,
        review_held,                  // number: which review
        visit_made,                   // number: which visit
        health_assessment_under_five, // number: which assessment; the child was under 5
        health_assessment_five_and_over,
    };
    core::day day;
    what happened = what::became_looked_after;
    int number = 0;
};

void append_event(std::string& out, const clock_event& event);

struct basis_facts {
    const time_limit& limit;
    const clock_event& start;
    applied_limit applied;
    calendar::start_day counting;
};

// Appends the limit's reasoning: the count, skipped closures, month-end clamping.
void append_limit_basis(std::string& out, const basis_facts& facts,
                        const calendar::working_calendar& calendar);

// Appends "; practical due Friday 2026-02-27, the last working day on or before Saturday
// 2026-02-28" when the two differ, and the provisional warning when the holiday data did not
// cover the dates used.
void append_practical_basis(std::string& out, core::day due, core::day practical, bool provisional,
                            const calendar::working_calendar& calendar);

} // namespace reviewd::rules
