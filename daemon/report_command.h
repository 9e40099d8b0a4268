// `reviewd report timeliness`: every review late against the statute in the store (held after
// its statutory due date, or not held and past it), and with --cms-due FILE every review where
// the council's own due date differs from the statutory one, with both dates and the basis.
#pragma once

#include "config.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace reviewd::app {

struct timeliness_options {
    std::optional<core::day> as_of; // default: today in the configured time zone
    std::string cms_due;            // the council's due dates (CSV: CHILD, REVIEW, DUE)
    std::string format = "table";   // table, csv or json
};

// Exit codes: 0 printed; 2 the council's file could not be read; 1 configuration or database.
int run_report_timeliness(const config& cfg, const timeliness_options& options, std::ostream& out,
                          std::ostream& err);

} // namespace reviewd::app
