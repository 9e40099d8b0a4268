// What the fuzz targets share: the shipped configuration (config/reviewd.toml with its rules and
// holidays), loaded once the way `reviewd serve` loads it, and a fixed "today" so a run never
// depends on the date it happens on.
#pragma once

#include "config.h"
#include "store/case_store.h"

#include <memory>

namespace reviewd::fuzz {

// config/reviewd.toml of the source tree, loaded with the daemon's own loader.
const app::config& shipped_config();

// The rules, holidays, reminder policy, zone and escalation ladder of the shipped configuration,
// as serve builds them.
std::shared_ptr<const store::rules_snapshot> shipped_snapshot();

// The day the fuzz targets compute "open" and "missed" against (2026-06-01).
core::day fixed_today();

} // namespace reviewd::fuzz
