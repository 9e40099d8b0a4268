// The start-up write check; see writable_check.h.
#include "store/writable_check.h"

#include "store/sqlite.h"

#include <unistd.h>

namespace reviewd::store {

std::optional<std::string> why_not_writable(const std::filesystem::path& file) {
    std::error_code ignored;
    if (!std::filesystem::exists(file, ignored))
        return std::nullopt;
    try {
        connection db = connection::open(file, false);
        if (db.opened_read_only())
            return "the database file is read-only to this process (uid " +
                   std::to_string(::geteuid()) +
                   "): reviewd serve must write it; check the owner and mode of the file and of "
                   "its folder, and that it is not immutable (lsattr)";
        transaction probe(db); // takes the write lock, then rolls back: nothing is written
    } catch (const sqlite_error& e) {
        if (e.busy())
            return "the database is locked by another process: its write lock was still held "
                   "after " +
                   std::to_string(connection::busy_wait_ms / 1000) +
                   " s (a sqlite3 shell or another program with a transaction open?)";
        return e.cause() + " (" + e.what() + ")";
    }
    return std::nullopt;
}

} // namespace reviewd::store
