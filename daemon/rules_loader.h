// Loads what deadlines are computed from: the holiday file, the council's closures and every
// rule set in the rules folder, checked against each other. Throws config_error on any fault.
#pragma once

#include "config.h"
#include "rules/loaded_rules.h"

namespace reviewd::app {

using rules::loaded_rules;

loaded_rules load_rules(const config& cfg);

} // namespace reviewd::app
