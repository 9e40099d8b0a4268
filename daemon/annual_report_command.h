// `reviewd report annual --year YYYY --format html|md|csv|json [--output FILE] [--as-of DAY]`:
// the IRO manager's annual report for the lead elected member (lib/report), read from the
// database without writing to it. Aggregate figures only: no child is named.
#pragma once

#include "config.h"
#include "core/dates.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace reviewd::app {

struct annual_report_options {
    int year = 0;
    std::string format = "html";    // html, md, csv, json
    std::string output;             // a file, written whole or not at all; empty: standard output
    std::optional<core::day> as_of; // default: today in the configured time zone (daemon clock)
};

// Exit codes: 0 written; 2 the year has not begun by --as-of, or the output cannot be written;
// 1 configuration or database.
int run_report_annual(const config& cfg, const annual_report_options& options, std::ostream& out,
                      std::ostream& err);

} // namespace reviewd::app
