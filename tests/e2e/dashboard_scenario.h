// A caseload whose dashboard figures are known by construction, loaded into the real daemon
// through the API on the driven clock, for the dashboard's end-to-end test and its browser test.
//
// The clock starts on Monday 2026-01-26 09:00 UTC (London is on UTC in winter) and ends on
// Wednesday 2026-02-04 10:00, "today"; the week runs Monday 2 to Sunday 8 February. Rules england:
//   A1 (IRO I1) from Mon 5 Jan, nothing recorded: visit 12 Jan, care plan 19 Jan and review
//               2 Feb are overdue by 23, 16 and 2 days
//   A2 (I1)     from Wed 7 Jan, care plan 8 Jan, visited 10 Jan: review 1 due 4 Feb (today: due
//               this week, not overdue); the next visit, 21 Feb, is after the week
//   B1 (I2)     from Thu 8 Jan, care plan 8 Jan, visited 9 Jan: review 1 due Thu 5 Feb
//   U1 (no IRO) from Mon 5 Jan, care plan and visit 6 Jan: review 1 due 2 Feb, overdue by 2 days
//   X1 (I2)     like A1, archived: counted nowhere
// So: 4 overdue (I1 3, unassigned 1), 2 due this week (I1 1, I2 1); caseloads I1 2, I2 1, one
// open child without an IRO. I1 raises ESC-1 about A1 on 26 January at the team manager stage
// (5 working days: due 2 February, stale from 3 February: 1 day stale on the 4th, rung 1 of 7).
// The webhook receiver answers the first delivery 404 (permanent): exactly one dead message,
// channel webhook, 1 attempt, "http 404"; every later one is delivered.
//
// With `filler`, IROs I1 and I2 get 52 and 66 more children and a third IRO, I3, 74, all coming
// into care on 2 March 2026 (so nothing of theirs is due or reminded yet): caseloads of 54, 67 and
// 74 against the 50-70 guidance, for a realistic page.
#pragma once

#include "e2e/delivery_e2e_fixture.h"

#include <memory>

namespace reviewd::test {

struct dashboard_scenario {
    smtp_sink sink;
    webhook_receiver receiver;
    std::unique_ptr<delivery_stack> stack;

    // Loads the caseload and leaves the clock at "today", 2026-02-04T10:00:00Z, once the outbox
    // has settled (the dead message recorded, nothing pending). Throws when it does not.
    explicit dashboard_scenario(bool filler = false);

    api_fixture& api() { return stack->api; }
};

// The case JSON of a child: one period and placement from `start`, with an optional care plan
// date and one optional social worker visit.
std::string dashboard_case(const std::string& ref, const std::string& start,
                           const std::string& care_plan_on = {}, const std::string& visit = {});

} // namespace reviewd::test
