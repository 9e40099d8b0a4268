// A rule set is one instrument's timetable as data (config/rules/*.toml): when reviews and the
// other deadlines an IRO watches fall due, where each clock starts, and how sure we are of it.
#pragma once

#include "calendar/working_calendar.h"
#include "core/dates.h"
#include "rules/time_limit.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::rules {

// How sure we are that the rule is the law: read in the instrument ("confirmed"), widely stated
// but not read there ("to-confirm"), or good practice a council chose ("local-practice").
enum class certainty { confirmed, to_confirm, local_practice };
std::string_view to_string(certainty c);

// Which children a rule set applies to: ordinary care, or a pre-planned series of short breaks.
enum class care_type { standard, short_breaks };

// Where the first review's clock starts: the day the child became looked after, or the start of
// the child's first placement in the period (Scotland: "within 6 weeks of the placement").
enum class first_review_from { period_start, first_placement };

struct review_timetable {
    time_limit first;
    first_review_from first_from = first_review_from::period_start;
    std::optional<time_limit> second; // absent: the second review follows the "later" limit
    time_limit later;
};

// One of the other deadlines: on or off, its limit, and its provenance.
struct deadline_rule {
    bool enabled = false;
    time_limit within;
    certainty sure = certainty::to_confirm;
    std::string source;
};

// Social worker visits (England reg 28(2)): within the first limit of a placement starting, then
// at most `first_year` apart during the placement's first year, then `long_term` apart when the
// placement is meant to last until the child is 18, otherwise `other`.
struct visit_rule {
    bool enabled = false;
    time_limit first;
    time_limit first_year;
    time_limit long_term;
    time_limit other;
    certainty sure = certainty::to_confirm;
    std::string source;
};

// Health assessments: the initial one before the first review, then every `under_five` while the
// child is under five at the last assessment, else every `five_and_over`.
struct health_rule {
    bool enabled = false;
    time_limit under_five;
    time_limit five_and_over;
    certainty sure = certainty::to_confirm;
    std::string source;
};

struct rule_set {
    std::string id;    // "england"
    std::string title; // "England, from 1 April 2011"
    std::string
        instrument; // "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33"
    certainty sure = certainty::to_confirm;
    std::vector<std::string> jurisdictions; // which inputs' "jurisdiction" it serves
    care_type care = care_type::standard;
    core::day in_force_from; // in force until the next rule set for the same jurisdiction and care
    std::string holidays;    // holiday division: "england-and-wales", "scotland", ...
    calendar::start_day counting = calendar::start_day::excluded;
    std::string source_file; // where it was loaded from, for errors and the basis

    review_timetable reviews;
    deadline_rule iro_allocated;    // from the day the child became looked after
    deadline_rule care_plan;        // from the start of the first placement
    deadline_rule review_decisions; // from each review held
    deadline_rule review_record;    // from each review held
    visit_rule social_worker_visits;
    health_rule health_assessments;
};

} // namespace reviewd::rules
