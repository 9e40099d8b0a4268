// What the operator's commands (token, feed, db, outbox, import, report, escalation) share: opening
// the configured database without ever creating one by accident, acting as the operator for the
// audit trail, and the time stamp of a change.
#pragma once

#include "config.h"
#include "store/case_store.h"

#include <filesystem>
#include <string>

namespace reviewd::app {

// The configured database file; throws config_error when the configuration has no [store].
const std::filesystem::path& database_of(const config& cfg);

// The configured database file, which must exist; throws config_error otherwise.
const std::filesystem::path& existing_database(const config& cfg);

// Opens the existing, migrated database; throws config_error when there is none.
store::case_store open_store(const config& cfg);

// "cli:<user>" ($SUDO_USER, else $USER): who made a change from the command line.
store::actor command_actor();

// Now, as ISO 8601 UTC, for audit rows and created/revoked times.
std::string now_utc();

} // namespace reviewd::app
