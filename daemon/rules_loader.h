// Loads what deadlines are computed from: the holiday file, the council's closures and every
// rule set in the rules folder, checked against each other. Throws config_error on any fault.
#pragma once

#include "config.h"
#include "rules/rule_book.h"

namespace reviewd::app {

struct loaded_rules {
    calendar::calendar_set calendars;
    rules::rule_book book;
};

loaded_rules load_rules(const config& cfg);

} // namespace reviewd::app
