// The human-readable form of a schedule (`reviewd schedule --format table`).
#pragma once

#include "rules/case_facts.h"
#include "rules/deadline.h"

#include <iosfwd>
#include <vector>

namespace reviewd::app {

void print_schedule_table(std::ostream& out, const rules::case_facts& facts, core::day as_of,
                          const std::vector<rules::deadline>& deadlines);

} // namespace reviewd::app
