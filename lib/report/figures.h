// The annual report's figures: counts, medians and worsts, nothing that names a child. What each
// figure counts is defined in annual.h; the renderers (render.h) only lay these out.
#pragma once

#include "core/dates.h"
#include "escalation/escalation.h"
#include "escalation/outcome.h"
#include "report/inputs.h"
#include "rules/deadline.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::report {

// How a group of deadlines due in the year turned out (annual.h, "Deadlines").
struct timeliness {
    int on_time = 0;     // met on or before the statutory due date
    int late = 0;        // met after it
    int not_met = 0;     // not met by the end of the count, and already past due
    int not_yet_due = 0; // not met, not yet past due (a report made before the year ends)
    int cancelled = 0;   // the period of care ended before it fell due: not counted

    // The deadlines that count: on time + late + not met.
    int counted() const { return on_time + late + not_met; }
    int missed() const { return late + not_met; }
    // on_time / counted() as a percentage; none when nothing counted.
    std::optional<double> percent_on_time() const;
    std::optional<double> percent_missed() const;
    bool operator==(const timeliness&) const = default;
};

// Reviews by review number: the 1st, the 2nd, the 3rd and later of a period of care.
struct by_review_number {
    timeliness first;
    timeliness second;
    timeliness later;
    timeliness all;
};

struct iro_reviews {
    std::string ref;  // empty: children with no IRO assigned
    std::string name; // from the caseloads, when known
    by_review_number reviews;
};

struct review_figures {
    by_review_number overall;
    std::vector<iro_reviews> by_iro; // by ref; "no IRO assigned" last
};

struct kind_figures {
    rules::deadline_kind kind = rules::deadline_kind::review;
    timeliness figures;
};

enum class caseload_band { under, within, over }; // against the 50-70 guidance

struct caseload_row {
    std::string ref;
    std::string name;
    bool active = true;
    int children = 0;
    caseload_band band = caseload_band::within;
};

struct caseload_figures {
    int guidance_low = 50; // domain.md: 50-70 children per full-time IRO
    int guidance_high = 70;
    std::vector<caseload_row> iros; // by ref
    int under = 0;
    int within = 0;
    int over = 0;
    int children_with_iro = 0;
    int children_without_iro = 0;
};

struct stage_count {
    std::string stage; // the ladder's stage id
    int count = 0;
};

// The spells escalations spent at one stage (annual.h, "Escalations").
struct stage_time {
    std::string stage;
    int spells = 0;
    int still_running = 0; // of the spells, those still at this stage at the end of the count
    std::optional<double> median_working_days;
    std::optional<int> worst_working_days;
    bool has_response_clock = true; // false for the Cafcass stage (progress reports instead)
    int no_answer_in_time = 0;      // spells whose owner did not answer within the response time
};

// How many resolved escalations ended with one outcome code; none: resolved without a code.
struct outcome_count {
    std::optional<escalation::outcome> code;
    int count = 0;
};

struct cafcass_figures {
    int referred = 0;                    // entered the Cafcass stage during the year
    int resolved = 0;                    // of those, resolved by the end of the count
    int withdrawn = 0;                   // of those, Cafcass withdrew (the child's rights were met)
    int still_with_cafcass = 0;          // of those, still with Cafcass at the end of the count
    std::vector<outcome_count> outcomes; // of the resolved: every code, then "not recorded"
};

struct category_count {
    escalation::category what = escalation::category::other;
    int count = 0;
};

struct escalation_figures {
    // Raised during the year (the cohort), as they stood at the end of the count.
    int raised = 0;
    std::vector<category_count> by_category; // every category, in order
    std::vector<stage_count> stage_reached;  // every stage, lowest first
    std::vector<stage_count> resolved_at;    // every stage, lowest first
    std::vector<outcome_count> outcomes;     // of the resolved: every code, then "not recorded"
    int resolved = 0;
    int withdrawn = 0;
    int open = 0;
    int awaiting_endorsement = 0;
    int with_cafcass = 0;
    int total_limit_working_days = 20;
    int total_limit_breached = 0;

    // Every escalation, whenever raised.
    std::vector<stage_time> time_per_stage; // every stage, lowest first
    cafcass_figures cafcass;
    int carried_in = 0;          // raised before the year and still open when it began
    int carried_in_finished = 0; // of those, resolved or withdrawn by the end of the count
    int open_at_end = 0;         // open, awaiting endorsement or with Cafcass at the end
    std::optional<int> longest_open_working_days; // of those, since raised
    bool provisional = false; // a working-day count left the years the holiday data covers
};

struct annual_report {
    period year;
    core::day as_of;
    core::day counted_to;       // the last day counted: the year's last, or as_of if earlier
    bool year_complete = false; // as_of is after the year's last day
    review_figures reviews;
    std::vector<kind_figures> deadlines_by_kind; // every kind, in order
    caseload_figures caseloads;
    escalation_figures escalations;
};

} // namespace reviewd::report
