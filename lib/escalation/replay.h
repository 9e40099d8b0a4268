// Where an escalation stands, derived by replaying its recorded history against the ladder: the
// one place that knows what each event does to the state. apply() replays, then checks the new
// event against the result; state_of(), timers_for() and auto_escalate() read it. Internal to the
// module (tests use it through those functions).
//
// Replay trusts the history (apply() accepted every event): it re-checks nothing but that each
// stage it names is still in the ladder, so a council may retune response times or roles without
// invalidating open escalations. Removing or renaming a stage that an escalation has used is an
// error here ("unknown_stage"), not a silent guess.
#pragma once

#include "escalation/escalation.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace reviewd::escalation {

struct position {
    bool raised = false;
    status now = status::open;
    core::instant raised_at;
    core::day raised_on;
    std::size_t stage = 0; // the stage open at (with Cafcass: the Cafcass stage)
    core::instant stage_entered_at;
    core::day stage_entered_on;
    std::optional<core::day> acknowledged_on; // at the current stage
    std::optional<core::day> responded_on;    // the first response at the current stage
    std::optional<std::size_t> pending;       // the stage awaiting endorsement
    core::day pending_since;
    std::optional<core::day> total_stopped_on; // resolved, or entered Cafcass
    std::optional<core::day> cafcass_since;
    std::optional<core::day> last_report_on;
    int reports = 0;
    std::optional<core::day> finished_on;        // resolved or withdrawn
    std::vector<std::size_t> entered_incomplete; // formal stages entered with the checklist open
    core::instant last_at;                       // the latest event
    core::day last_day;
};

core::result<position> replay(const escalation& e, const ladder& l);

// One recorded event's effect; `e` is as apply() recorded it (stage ids resolved).
core::result<position> step(position p, const event& e, const ladder& l);

} // namespace reviewd::escalation
