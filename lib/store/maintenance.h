// Database lifecycle outside normal writes: create and migrate, online backup, and the
// integrity check behind `reviewd db check`.
#pragma once

#include "store/case_store.h"

#include <filesystem>
#include <string>
#include <vector>

namespace reviewd::store {

// Opens (creating it when `create`) and migrates the database to the latest schema; returns the
// number of migrations applied. Throws newer_schema_error for a database newer than this build.
int prepare_database(const std::filesystem::path& file, bool create);

// Copies a live database to `target` with SQLite's online backup API (consistent, while the
// daemon runs). Refuses to overwrite an existing file.
void backup_database(const std::filesystem::path& file, const std::filesystem::path& target);

struct check_report {
    std::vector<std::string> problems;
    int children = 0;
    int deadlines = 0;
    int escalations = 0;
    bool ok() const { return problems.empty(); }
};

// SQLite's integrity and foreign-key checks, then reviewd's own invariants: the schema is
// current, stored facts parse, stored deadlines equal a recompute with `rules`, assignments match
// people's roles, tokens name a person exactly when their role is iro. With `escalations`, also
// that every escalation's stored history replays through escalation::apply, its list cache
// matches the replay and an unfinished one's pending timers are timers_for's.
check_report check_database(const std::filesystem::path& file, const rule_context& rules,
                            const escalation_context* escalations = nullptr);

// The escalation part of the check, on an open connection (escalation_check.cc).
void check_escalations(connection& db, const escalation_context& ctx, check_report& report);

} // namespace reviewd::store
