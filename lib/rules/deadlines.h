// From one child's facts to every deadline an IRO watches, each with its basis. Pure: the rules,
// calendars and "as of" day are handed in; nothing is read from the clock or disk.
#pragma once

#include "calendar/calendar_set.h"
#include "core/result.h"
#include "rules/case_facts.h"
#include "rules/deadline.h"
#include "rules/rule_book.h"

#include <optional>
#include <vector>

namespace reviewd::rules {

// Checks the facts (check_case) and computes the deadlines, sorted by period, due date, kind and
// sequence. `as_of` decides between open and missed.
core::result<std::vector<deadline>> compute_deadlines(const case_facts& facts,
                                                      const rule_book& book,
                                                      const calendar::calendar_set& calendars,
                                                      core::day as_of);

// Start-up check: every rule set's holiday division exists among the calendars.
std::optional<core::error> check_rules_have_calendars(const rule_book& book,
                                                      const calendar::calendar_set& calendars);

} // namespace reviewd::rules
