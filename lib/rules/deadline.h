// A deadline: what is due, when (statutory and practical), whether it was met, and why it falls
// on that day (the basis), so an IRO can check it by hand.
#pragma once

#include "core/dates.h"
#include "rules/rule_set.h"

#include <optional>
#include <string>
#include <string_view>

namespace reviewd::rules {

enum class deadline_kind {
    review,         // the statutory timetable: review 1, 2, 3, ...
    review_request, // a review brought forward
    iro_allocated,
    care_plan,
    review_decisions, // decisions circulated after a review
    review_record,    // full record of a review
    social_worker_visit,
    health_assessment,
};
std::string_view to_string(deadline_kind kind);
std::optional<deadline_kind> deadline_kind_from(std::string_view text);

enum class deadline_status {
    open,      // not yet met, not yet past due
    met,       // met on or before the due date
    met_late,  // met after the due date
    missed,    // past due and not met
    cancelled, // the period of care (or placement) ended before it fell due
};
std::string_view to_string(deadline_status status);
std::optional<deadline_status> deadline_status_from(std::string_view text);

struct deadline {
    deadline_kind kind = deadline_kind::review;
    int period = 1;    // which period of care, 1-based in date order
    int placement = 0; // which placement in the period, 1-based; 0 when not about a placement
    int sequence = 1;  // review number, visit number, request number, ...
    core::day clock_start;
    core::day due;           // the statutory date
    core::day practical_due; // the last working day on or before `due`
    deadline_status status = deadline_status::open;
    std::optional<core::day> met_on;
    bool provisional = false; // the holiday data did not cover every day this depended on
    std::string rule_set;     // id of the rule set in force when the clock started
    certainty sure = certainty::confirmed;
    std::string basis; // one line a person can check

    // A stable identity for storage and timers: the same deadline gets the same key on every
    // recompute ("p1/review/3", "p2/placement1/social_worker_visit/4").
    std::string key() const;
};

} // namespace reviewd::rules
