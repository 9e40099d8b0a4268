// The database schema as ordered migrations. Version N is reached by applying migrations 1..N in
// order, each in one transaction; PRAGMA user_version records the version reached. A database
// newer than this build is refused rather than guessed at.
#pragma once

#include "store/sqlite.h"

#include <string_view>
#include <vector>

namespace reviewd::store {

struct migration {
    int version;
    std::string_view description;
    std::string_view sql;
};

const std::vector<migration>& migrations();
int latest_schema_version();
int schema_version(connection& db);

struct newer_schema_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Applies every migration above the database's version up to `target` (default: latest).
// Returns how many were applied. Throws newer_schema_error when the file is newer than `target`.
int migrate(connection& db, int target = -1);

} // namespace reviewd::store
