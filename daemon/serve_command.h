// `reviewd serve`: open and migrate the database, load the rules, serve the API until SIGTERM.
// SIGHUP reloads the configuration's rules and holidays (a broken reload keeps the old ones).
#pragma once

#include "config.h"

namespace reviewd::app {

// Returns the process exit status: 0 after a clean stop, 1 when start-up failed.
int run_serve(const config& cfg);

} // namespace reviewd::app
