// The facts about one child that deadlines are computed from: the same shape `reviewd schedule`
// reads as JSON and the case store keeps. The minimum personal data: the council's reference and
// a date of birth (age rules need it); never a name.
#pragma once

#include "core/dates.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::rules {

struct placement {
    core::day start;
    std::optional<core::day> end;
    bool long_term = false;        // meant to last until the child is 18 (visit intervals)
    std::vector<core::day> visits; // social worker visits made during the placement
};

struct period_of_care {
    core::day start; // the day the child became looked after
    std::optional<core::day> end;
    bool short_breaks = false; // a pre-planned series of short breaks (SSDA903 LS V3/V4)
    std::vector<placement> placements;
    std::optional<core::day> iro_allocated_on;
    std::optional<core::day> care_plan_on;
};

struct held_review {
    core::day held;
    std::optional<core::day> decisions_circulated_on;
    std::optional<core::day> record_completed_on;
};

// A review brought forward (England reg 33(3)): its own due date, beside the timetable.
struct review_request {
    core::day requested_on;
    core::day due;
    std::string reason;
};

struct child_facts {
    std::string id; // the council's case reference: letters, digits, '.', '_' and '-'
    std::optional<std::string> initials; // optional, 1 to 4 capital letters; never a name
    core::day date_of_birth;
};

struct case_facts {
    std::string jurisdiction; // "england", "wales", "scotland", "northern-ireland"
    child_facts child;
    std::vector<period_of_care> periods;
    std::vector<held_review> reviews;
    std::vector<review_request> review_requests;
    std::vector<core::day> health_assessments;
};

} // namespace reviewd::rules
