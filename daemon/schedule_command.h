// `reviewd schedule`: deadlines for one case given as JSON, computed without a database.
#pragma once

#include "config.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace reviewd::app {

struct schedule_options {
    std::string input = "-";        // a file, or "-" for standard input
    std::string format = "json";    // "json" or "table"
    std::optional<core::day> as_of; // default: today in the configured time zone
};

// Exit codes: 0 printed, 2 the input was refused (message on `err`, nothing on `out`).
int run_schedule(const config& cfg, const schedule_options& options, std::ostream& out,
                 std::ostream& err);

} // namespace reviewd::app
