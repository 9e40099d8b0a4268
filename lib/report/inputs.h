// What the annual report is computed from, as plain values the shell reads from the store: the
// year, the day the report is made, the deadlines, the IROs' caseloads and the escalations.
// Nothing here names a child: deadline rows carry no child reference, and the escalations'
// child references and descriptions are never copied into the figures (annual.h).
#pragma once

#include "core/dates.h"
#include "escalation/escalation.h"
#include "rules/deadline.h"

#include <optional>
#include <string>
#include <vector>

namespace reviewd::report {

// The days a report covers, both ends included.
struct period {
    core::day first;
    core::day last;
};

// 1 January to 31 December of `year`.
period calendar_year(int year);

// One deadline of one child, as stored (lib/store/report_queries.h reads them).
struct deadline_row {
    rules::deadline_kind kind = rules::deadline_kind::review;
    int sequence = 1; // for reviews: the review number within the period of care (1st, 2nd, ...)
    core::day due;    // the statutory due date (not the practical one)
    std::optional<core::day> met_on; // the day it was met (a review: the day it was held)
    // Only `cancelled` is read: whether a deadline was met on time is decided from `met_on` and
    // `due` (annual.h), not from the stored status, so a report re-run later says the same.
    rules::deadline_status status = rules::deadline_status::open;
    std::optional<std::string> iro; // the child's IRO's person ref now; empty: none assigned
};

// One IRO's caseload on the day the report is made (assignments keep no history).
struct iro_caseload {
    std::string ref;  // the IRO's staff reference
    std::string name; // the IRO's name as a member of staff (may be empty)
    bool active = true;
    int children = 0; // open (not archived) cases with this IRO assigned
};

struct annual_input {
    period year;
    core::day as_of; // the day the report is made: the shell's clock, never read here
    std::vector<deadline_row> deadlines;
    std::vector<iro_caseload> caseloads;
    int children_without_iro = 0;                    // open cases with no IRO assigned
    std::vector<escalation::escalation> escalations; // histories as apply() recorded them
};

} // namespace reviewd::report
