// Review timeliness against the statute, and reconciliation with the council's own due dates.
//
// Late: a review held after its statutory due date, or not held and past it on the day asked
// about. The council's dates come as a CSV with columns CHILD, REVIEW and DUE, where REVIEW is a
// review number ("3": review 3 of the child's latest period of care with one; "2/3": review 3 of
// period 2) or the day a review was held (dd/mm/yyyy), and DUE is the council's due date
// (dd/mm/yyyy or YYYY-MM-DD). Every row whose due date differs from the statutory one is reported
// with both dates and the statutory basis. Pure: deadlines and file text are handed in.
#pragma once

#include "core/result.h"
#include "rules/deadline.h"
#include "ssda903/issues.h"
#include "ssda903/return_rows.h"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace reviewd::ssda903 {

struct child_deadline {
    std::string child;
    rules::deadline deadline;
};

struct late_review {
    std::string child;
    rules::deadline deadline;
    int days_late = 0; // held (or, not held, `as_of`) minus the statutory due date
};

// The late reviews among `deadlines` (other kinds are ignored), by due date then child.
std::vector<late_review> late_reviews(const std::vector<child_deadline>& deadlines,
                                      core::day as_of);

struct cms_due_row {
    int row = 0;
    std::string child;
    std::string review; // as written: "3", "2/3" or a date
    core::day due;
};

// Reads the council's due dates. Errors (nothing compared): CSV syntax, a missing column.
// Rows with a bad date or a blank field are issues; the other rows are still compared.
core::result<std::vector<cms_due_row>> read_cms_due(const named_text& file,
                                                    std::vector<issue>& issues);

struct due_difference {
    std::string child;
    int row = 0; // in the council's file
    core::day council_due;
    rules::deadline statutory; // the review deadline the row was matched to
    int days = 0;              // council's date minus the statutory date
};

struct cms_comparison {
    int rows = 0;    // rows read
    int matched = 0; // rows matched to a review deadline
    std::vector<due_difference> differences;
    std::vector<issue> issues; // rows that could not be read or matched
};

// `deadlines_of(child)` gives a child's stored deadlines, or nullopt when reviewd has no such
// child.
using deadline_lookup =
    std::function<std::optional<std::vector<rules::deadline>>(const std::string& child)>;
cms_comparison compare_cms_due(const std::string& file, const std::vector<cms_due_row>& rows,
                               const deadline_lookup& deadlines_of);

struct timeliness_report {
    core::day as_of;
    std::vector<late_review> late;
    std::optional<std::string> cms_file;
    std::optional<cms_comparison> cms;
};

std::string render_table(const timeliness_report& report);
// One row per late review (record "late") and per difference (record "cms_due"), then issues.
std::string render_csv(const timeliness_report& report);
nlohmann::json to_json(const timeliness_report& report);

} // namespace reviewd::ssda903
