// Shared vocabulary for the escalation tests: dates from ISO text, events stamped at 10:00 UTC
// (the same local date in Europe/London all year), a raised-ready escalation, and a history
// applied event by event (each must be accepted).
#pragma once

#include "escalation/auto_escalate.h"
#include "escalation/escalation.h"
#include "escalation/state.h"
#include "escalation/timers.h"
#include "support/test_data.h"

#include <string>
#include <vector>

namespace reviewd::test::esc {

using escalation::event_kind;

core::day d(const char* iso);
std::string iso(core::day day);
core::instant at(core::day day, int hour_utc = 10);

// People of the tests, by the role they act in: "iro-7" raises; "mgr-3" is the IRO manager;
// stage owners are "<role>-1".
std::string actor_for(const std::string& role);

// An event on `day` by the default actor of `role`.
escalation::event ev(event_kind kind, const char* day, const std::string& role,
                     const std::string& stage = {});

// E-1 about child C-100, raised by iro-7: care plan not implemented; checklist empty.
escalation::escalation draft();

// A checklist with every item done.
escalation::checklist all_done();

// `e` with each event applied in turn; fails the test (naming the event) if one is refused.
escalation::escalation run(escalation::escalation e, const std::vector<escalation::event>& events,
                           const escalation::ladder& l);

// draft() raised at the first stage on `day`.
escalation::escalation raised_on(const char* day, const escalation::ladder& l);

// The council's default ladder.
const escalation::ladder& standard();

// The default ladder's escalation raised on Monday 1 June 2026 at the team manager, then `more`.
escalation::escalation after(const std::vector<escalation::event>& more);

// The head of service mediating a pending endorsement.
escalation::event mediation(const char* day, bool proceed);

// state_of() on `today`; fails the test when there is none.
escalation::escalation_state state_on(const escalation::escalation& e, const char* today,
                                      const escalation::ladder& l = standard());

// The error of applying `e`, or "accepted".
std::string refusal(const escalation::escalation& x, const escalation::event& e,
                    const escalation::ladder& l);
std::string refusal_code(const escalation::escalation& x, const escalation::event& e,
                         const escalation::ladder& l);

} // namespace reviewd::test::esc
