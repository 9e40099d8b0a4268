// `reviewd escalation chronology ID [--format md|json]`: the Cafcass referral pack summary of one
// escalation, read from the database (the same renderer as GET /v1/escalations/{id}/chronology).
#pragma once

#include "config.h"

#include <iosfwd>
#include <string>

namespace reviewd::app {

// Returns the exit status: 0 printed, 2 no such escalation, 1 configuration or database trouble.
int run_escalation_chronology(const config& cfg, const std::string& id, const std::string& format,
                              std::ostream& out, std::ostream& err);

} // namespace reviewd::app
